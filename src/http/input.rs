//! Rules every piece of decoded text input obeys before a handler sees it, in one place for
//! forms, query strings and JSON bodies (SPEC 7 and 8):
//!
//! - No control characters: a NUL cannot be stored by PostgreSQL, and none belongs in a name
//!   or an address. Multi-line fields keep tab and newline (carriage return too, as browsers
//!   send `\r\n`). Refused with 400 naming the field.
//! - Paging: `page` is 1 to 1,000,000 and `per_page` 1 to 200, on every list and page;
//!   anything else is 400 naming the parameter (a huge page would overflow the offset).
//!
//! A redirect target (`next`) is never refused: anything not local becomes `/`.

use crate::domain::field::{self, FieldError, FieldErrors};
use crate::error::AppError;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;

/// Fields made safe rather than refused (see `web::safe_next`).
const SANITIZED: &[&str] = &["next"];

/// At most this many refusals are told at once: a body of thousands of bad values gets a
/// short answer.
const MAX_REPORTED: usize = 20;

pub const MAX_PAGE: i64 = 1_000_000;
pub const MAX_PER_PAGE: i64 = 200;

/// One text value of `field` (`row` for a field of a list such as the contacts).
pub fn check_text(field: &str, row: Option<usize>, value: &str) -> Result<(), FieldError> {
    if SANITIZED.contains(&field) {
        return Ok(());
    }
    field::control_free(field, value).map_err(|e| match row {
        Some(r) => e.in_row(r),
        None => e,
    })
}

/// A paging parameter, when `field` is one.
/// The paging parameters: a whole number in range, or absent (never empty).
pub const PAGING: &[&str] = &["page", "per_page"];

fn check_paging(field: &str, value: &str) -> Result<(), FieldError> {
    let max = match field {
        "page" => MAX_PAGE,
        "per_page" => MAX_PER_PAGE,
        _ => return Ok(()),
    };
    match value.trim().parse::<i64>() {
        Ok(n) if (1..=max).contains(&n) => Ok(()),
        _ => Err(
            FieldError::named(Cow::Owned(field.to_string()), "err-paging")
                .arg("field", field)
                .arg("max", max),
        ),
    }
}

/// The pairs of a form or a query string. Repeated names (the contact rows of a form) are
/// told apart by their position among the pairs of that name.
pub fn check_pairs(pairs: &[(String, String)]) -> Result<(), AppError> {
    // Counted once, so a form of many thousand pairs costs linear time, not quadratic.
    let mut total: HashMap<&str, usize> = HashMap::new();
    for (name, _) in pairs {
        *total.entry(name).or_default() += 1;
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut errors = FieldErrors::default();
    for (name, value) in pairs {
        let position = seen.entry(name).or_default();
        let row = (total.get(name.as_str()).copied().unwrap_or(0) > 1).then_some(*position);
        *position += 1;
        if let Err(e) = check_text(name, row, value).and_then(|()| check_paging(name, value)) {
            errors.push(e);
            if errors.0.len() == MAX_REPORTED {
                break;
            }
        }
    }
    errors.into_result(()).map_err(|e| AppError::fields(&e))
}

/// Every string of a JSON body, named by the nearest member name; items of a list of objects
/// (the contacts) carry their position as the row.
pub fn check_json(body: &Value) -> Result<(), AppError> {
    fn walk(v: &Value, field: &str, row: Option<usize>, errors: &mut FieldErrors) {
        match v {
            Value::String(s) => {
                if errors.0.len() < MAX_REPORTED
                    && let Err(e) = check_text(field, row, s)
                {
                    errors.push(e);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, field, item.is_object().then_some(i).or(row), errors);
                }
            }
            Value::Object(members) => {
                for (name, item) in members {
                    walk(item, name, row, errors);
                }
            }
            _ => {}
        }
    }
    let mut errors = FieldErrors::default();
    walk(body, "body", None, &mut errors);
    errors.into_result(()).map_err(|e| AppError::fields(&e))
}

/// A request body read as it arrives, refused with 413 as soon as it passes `limit` bytes
/// (the rest is not read). For bodies larger than the default JSON and form limits (a
/// revenue CSV of up to 16 MiB).
pub async fn read_body(
    mut payload: actix_web::web::Payload,
    limit: usize,
) -> crate::error::AppResult<bytes::BytesMut> {
    use futures_util::StreamExt;
    let mut body = bytes::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| {
            crate::error::AppError::bad_request(
                "bad_body",
                format!("The body could not be read: {e}"),
            )
        })?;
        if body.len() + chunk.len() > limit {
            return Err(crate::error::AppError::too_large(format!(
                "The body is larger than {} bytes.",
                crate::domain::field::group_digits(limit as u64)
            )));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn fields(err: AppError) -> Vec<String> {
        err.details().iter().map(|e| e.path()).collect()
    }

    #[test]
    fn control_characters_are_refused_by_field() {
        let table: &[(&str, &str, bool)] = &[
            ("name", "Contoso", true),
            ("name", "Con\0toso", false),
            ("name", "tab\there", false),
            ("name", "line\nbreak", false),
            ("name", "esc\u{1b}", false),
            ("name", "del\u{7f}", false),
            ("name", "c1\u{85}", false),
            ("name", "Zoë — 東京 🚀", true),
            ("pitch", "line one\r\nline two\tindented", true),
            ("pitch", "nul\0", false),
            ("reason", "a\nb", true),
            ("next", "/\t/evil.example", true),
        ];
        for (field, value, ok) in table {
            assert_eq!(
                check_text(field, None, value).is_ok(),
                *ok,
                "{field}={value:?}"
            );
        }
    }

    #[test]
    fn paging_bounds() {
        for (field, value, ok) in [
            ("page", "1", true),
            ("page", "1000000", true),
            ("page", "1000001", false),
            ("page", "0", false),
            ("page", "-3", false),
            ("page", "99999999999999999999999", false),
            ("page", "two", false),
            ("page", "", false),
            ("per_page", "200", true),
            ("per_page", "201", false),
            ("per_page", "0", false),
            ("q", "0", true),
        ] {
            let got = check_pairs(&pairs(&[(field, value)]));
            assert_eq!(got.is_ok(), ok, "{field}={value}");
            if let Err(e) = got {
                assert_eq!(e.field_name(), Some(field));
                assert!(e.message().starts_with(field), "{}", e.message());
            }
        }
    }

    #[test]
    fn a_flood_of_bad_pairs_gets_a_short_answer() {
        let flood: Vec<(String, String)> = (0..50_000)
            .map(|_| ("name".to_string(), "\u{0}".to_string()))
            .collect();
        let err = check_pairs(&flood).unwrap_err();
        assert_eq!(err.details().len(), MAX_REPORTED);
    }

    #[test]
    fn repeated_names_are_rows() {
        let err = check_pairs(&pairs(&[
            ("contact_name", "Ann"),
            ("contact_name", "B\0b"),
            ("email", "x\0@example.com"),
        ]))
        .unwrap_err();
        assert_eq!(fields(err), ["contacts[1].contact_name", "email"]);
    }

    #[test]
    fn json_strings_are_named_by_member_and_row() {
        let body = json!({
            "pitch": "two\nlines",
            "geographies": ["NL", "D\u{0}E"],
            "contacts": [
                {"name": "Ann", "email": "ann@example.com"},
                {"name": "B\u{0}b", "email": "bob@example.com"}
            ]
        });
        let err = check_json(&body).unwrap_err();
        assert_eq!(err.status().as_u16(), 400);
        // Members in name order (serde_json keeps objects sorted).
        assert_eq!(fields(err), ["contacts[1].name", "geographies"]);
        assert!(check_json(&json!({"pitch": "a\tb\r\n", "n": 3, "ok": true, "x": null})).is_ok());
        assert!(check_json(&json!([{"area": "data_ai\u{0}"}])).is_err());
    }
}
