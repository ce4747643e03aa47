//! A validation failure tied to one field of a form or JSON body. The message is a
//! translation key with arguments, so a page can show it in the user's language.

use std::borrow::Cow;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as the form or body spells it: a literal for the rules the code
    /// knows, the name as received for checks that run on any input (control characters).
    pub field: Cow<'static, str>,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// For fields of a list (contacts), the row: 0-based.
    pub row: Option<usize>,
}

impl FieldError {
    pub fn new(field: &'static str, key: &'static str) -> FieldError {
        FieldError::named(Cow::Borrowed(field), key)
    }

    /// A failure of a field whose name came with the input.
    pub fn named(field: Cow<'static, str>, key: &'static str) -> FieldError {
        FieldError {
            field,
            key,
            args: Vec::new(),
            row: None,
        }
    }

    pub fn in_row(mut self, row: usize) -> FieldError {
        self.row = Some(row);
        self
    }

    /// `contacts[2].email` for a row field, else the field's name.
    pub fn path(&self) -> String {
        match self.row {
            Some(row) => format!("contacts[{row}].{}", self.field),
            None => self.field.to_string(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl fmt::Display) -> FieldError {
        self.args.push((name, value.to_string()));
        self
    }
}

/// Fields typed in a text area: tab, newline and carriage return are allowed there.
pub const MULTI_LINE: &[&str] = &[
    "pitch",
    "description",
    "note",
    "reason",
    "body",
    "need",
    "next_steps",
];

/// Text without control characters (SPEC 8): a NUL cannot be stored by PostgreSQL, and none
/// belongs in a name or an address. Multi-line fields keep tab and newline (and carriage
/// return, as browsers send `\r\n`).
pub fn control_free(field: &str, value: &str) -> Result<(), FieldError> {
    let multi_line = MULTI_LINE.contains(&field);
    let allowed = |c: char| !c.is_control() || (multi_line && matches!(c, '\t' | '\n' | '\r'));
    if value.chars().all(allowed) {
        Ok(())
    } else {
        Err(
            FieldError::named(Cow::Owned(field.to_string()), "err-control-character")
                .arg("field", field),
        )
    }
}

/// Collected errors of one form, in field order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }

    /// Ok(value) when nothing was collected.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<FieldError> for FieldErrors {
    fn from(e: FieldError) -> Self {
        FieldErrors(vec![e])
    }
}

/// Thousands separators for figures shown to people ("1048576" -> "1,048,576").
/// The years a date typed or sent may fall in (SPEC 8: years 1900 to 9999): every database
/// stores and reads them back the same (PostgreSQL keeps no year 0, SQLite text sorts right).
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// A date of `field` within [`DATE_YEARS`].
pub fn date_in_range(
    field: &'static str,
    date: chrono::NaiveDate,
) -> Result<chrono::NaiveDate, FieldError> {
    use chrono::Datelike;
    if DATE_YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(FieldError::new(field, "err-date-range")
            .arg("from", DATE_YEARS.start())
            .arg("to", DATE_YEARS.end()))
    }
}

pub fn group_digits(n: u64) -> String {
    group_digits_with(n, ',')
}

/// `n` with its thousands set apart by `separator` (`,` in English, `.` in Dutch).
pub fn group_digits_with(n: u64, separator: char) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits_by_thousands() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(1_048_576), "1,048,576");
    }
}
