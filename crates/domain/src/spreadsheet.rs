//! CSV cells a spreadsheet cannot run (SPEC 4): a cell that starts with `=`, `+`, `-`, `@`,
//! a tab or a carriage return is written with a leading `'`, which spreadsheets read as "this
//! is text"; an import takes that `'` off again, so an export imported back is unchanged.

use std::borrow::Cow;

fn runs_as_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// The cell as written to a CSV file.
pub fn safe_cell(text: &str) -> Cow<'_, str> {
    if runs_as_formula(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// The cell as read from a CSV file: the `'` that [`safe_cell`] added is taken off (and only
/// that one: a `'` before anything else is the person's own).
pub fn read_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if runs_as_formula(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_never_runs_as_a_formula_and_reads_back_as_it_was() {
        for (given, written) in [
            (
                "=HYPERLINK(\"http://evil\")",
                "'=HYPERLINK(\"http://evil\")",
            ),
            ("+31 20 000", "'+31 20 000"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=already quoted", "'=already quoted"),
            ("'Tis the season", "'Tis the season"),
            ("Contoso Analytics", "Contoso Analytics"),
            ("", ""),
        ] {
            assert_eq!(safe_cell(given), written, "{given:?}");
            if !given.starts_with('\'') {
                assert_eq!(read_cell(&safe_cell(given)), given, "{given:?} round trip");
            }
        }
        assert_eq!(
            read_cell("'Tis"),
            "'Tis",
            "a quote of the person's own stays"
        );
    }
}
