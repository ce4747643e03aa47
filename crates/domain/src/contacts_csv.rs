//! Sales contacts as CSV (SPEC section 4): header `name,email,job_title,role,geographies`,
//! geographies comma-separated inside one quoted field. Import is all-or-nothing and an error
//! names the line (the header is line 1) and the field.

use super::field::{FieldError, control_free};
use super::solution::{Contact, ContactInput};
use super::spreadsheet::{read_cell, safe_cell};

pub const HEADER: [&str; 5] = ["name", "email", "job_title", "role", "geographies"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvError {
    pub line: u64,
    /// The column, or None when the line as a whole is wrong.
    pub field: Option<&'static str>,
    pub error: FieldError,
}

fn line_error(line: u64, key: &'static str) -> CsvError {
    CsvError {
        line,
        field: None,
        error: FieldError::new("contacts", key),
    }
}

/// At most this many bad lines are reported; a file worse than that is mostly not contacts.
pub const MAX_ERRORS: usize = 100;

/// Parses and validates a whole file. Every bad line is reported (each wrong field of it, up to
/// [`MAX_ERRORS`]), so one upload shows everything to fix; a file that is not readable CSV or
/// lacks the header stops at once.
pub fn parse(text: &str, solution_geographies: &[String]) -> Result<Vec<Contact>, Vec<CsvError>> {
    let mut errors = Vec::new();
    let contacts = read(text, solution_geographies, &mut errors).map_err(|e| vec![e])?;
    if errors.is_empty() {
        Ok(contacts)
    } else {
        errors.truncate(MAX_ERRORS);
        Err(errors)
    }
}

fn read(
    text: &str,
    solution_geographies: &[String],
    errors: &mut Vec<CsvError>,
) -> Result<Vec<Contact>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut contacts = Vec::new();
    let mut saw_header = false;
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(index as u64 + 1, |p| p.line());
            line_error(line, "err-csv-unreadable")
        })?;
        let line = record.position().map_or(index as u64 + 1, |p| p.line());
        if !saw_header {
            let header: Vec<String> = record
                .iter()
                .map(|h| h.trim().to_ascii_lowercase())
                .collect();
            if header != HEADER {
                return Err(line_error(line, "err-csv-header"));
            }
            saw_header = true;
            continue;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != HEADER.len() {
            errors.push(line_error(line, "err-csv-columns"));
            continue;
        }
        let bad_cells: Vec<CsvError> = HEADER
            .iter()
            .zip(record.iter())
            .filter_map(|(column, cell)| {
                control_free(column, cell).err().map(|error| CsvError {
                    line,
                    field: Some(column),
                    error,
                })
            })
            .collect();
        if !bad_cells.is_empty() {
            errors.extend(bad_cells);
            continue;
        }
        let cell = |i: usize| read_cell(&record[i]).to_string();
        let input = ContactInput {
            name: cell(0),
            email: cell(1),
            job_title: cell(2),
            role: cell(3),
            geographies: cell(4)
                .split(',')
                .map(|g| g.trim().to_string())
                .filter(|g| !g.is_empty())
                .collect(),
        };
        match Contact::validate(&input, solution_geographies, contacts.len()) {
            Ok(contact) => contacts.push(contact),
            Err(wrong) => errors.extend(wrong.0.into_iter().map(|e| CsvError {
                line,
                field: HEADER.iter().copied().find(|h| *h == e.field),
                error: FieldError { row: None, ..e },
            })),
        }
    }
    if !saw_header {
        return Err(line_error(1, "err-csv-header"));
    }
    Ok(contacts)
}

/// Writes contacts with the header, every cell safe to open in a spreadsheet;
/// `parse(write(c))` gives `c` back.
pub fn write(contacts: &[Contact]) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = writer.write_record(HEADER);
    for c in contacts {
        let _ = writer.write_record(
            [
                safe_cell(&c.name),
                safe_cell(&c.email),
                safe_cell(c.job_title.as_deref().unwrap_or("")),
                safe_cell(c.role.code()),
                safe_cell(&c.geographies.join(",")),
            ]
            .iter()
            .map(|cell| cell.as_bytes()),
        );
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geos() -> Vec<String> {
        vec!["DE".into(), "NL".into()]
    }

    #[test]
    fn export_then_import_gives_the_same_contacts() {
        let text = "name,email,job_title,role,geographies\n\
                    \"Vries, Ann de\",ann@contoso.example,Sales lead,partner_sales,\"NL,DE\"\n\
                    Bob,bob@contoso.example,,customer_success,OOO\n";
        let contacts = parse(text, &geos()).unwrap();
        assert_eq!(contacts.len(), 2);
        assert_eq!(contacts[0].name, "Vries, Ann de");
        assert_eq!(contacts[0].geographies, vec!["NL", "DE"]);
        assert_eq!(contacts[1].job_title, None);
        let again = parse(&write(&contacts), &geos()).unwrap();
        assert_eq!(again, contacts);
        assert!(write(&contacts).contains("\"NL,DE\""));
    }

    #[test]
    fn errors_name_the_line_and_the_field() {
        let text = "name,email,job_title,role,geographies\nAnn,ann@contoso.example,,partner_sales,NL\nBob,not-an-email,,partner_sales,NL\n";
        let e = parse(text, &geos()).unwrap_err().remove(0);
        assert_eq!((e.line, e.field), (3, Some("email")));

        let e = parse(
            "name,email,job_title,role,geographies\nAnn,ann@contoso.example,,partner_sales,FR\n",
            &geos(),
        )
        .unwrap_err()
        .remove(0);
        assert_eq!((e.line, e.field), (2, Some("geographies")));

        let e = parse(
            "name,email,job_title,role,geographies\nAnn,ann@contoso.example,Sales\u{0},partner_sales,NL\n",
            &geos(),
        )
        .unwrap_err().remove(0);
        assert_eq!(
            (e.line, e.field, e.error.key),
            (2, Some("job_title"), "err-control-character")
        );

        let e = parse("name,mail\nAnn,ann@contoso.example\n", &geos())
            .unwrap_err()
            .remove(0);
        assert_eq!((e.line, e.error.key), (1, "err-csv-header"));

        let e = parse(
            "name,email,job_title,role,geographies\nAnn,ann@contoso.example\n",
            &geos(),
        )
        .unwrap_err()
        .remove(0);
        assert_eq!((e.line, e.error.key), (2, "err-csv-columns"));

        assert_eq!(
            parse("", &geos()).unwrap_err()[0].error.key,
            "err-csv-header"
        );
        assert!(
            parse("\u{feff}name,email,job_title,role,geographies\n", &geos())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn every_bad_line_is_reported_at_once() {
        let text = "name,email,job_title,role,geographies\n\
                    Ann,ann@contoso.example,,partner_sales,NL\n\
                    ,not-an-email,,partner_sales,NL\n\
                    Cor,cor@contoso.example,,boss,NL\n\
                    Dirk,dirk@contoso.example\n\
                    Eva,eva@contoso.example,,partner_sales,FR\n";
        let errors = parse(text, &geos()).unwrap_err();
        let found: Vec<(u64, Option<&str>)> = errors.iter().map(|e| (e.line, e.field)).collect();
        assert_eq!(
            found,
            [
                (3, Some("name")),
                (3, Some("email")),
                (4, Some("role")),
                (5, None),
                (6, Some("geographies"))
            ]
        );
        let many: String = std::iter::once("name,email,job_title,role,geographies\n".to_string())
            .chain((0..500).map(|i| format!("P{i},bad,,partner_sales,NL\n")))
            .collect();
        assert_eq!(parse(&many, &geos()).unwrap_err().len(), MAX_ERRORS);
    }
}
