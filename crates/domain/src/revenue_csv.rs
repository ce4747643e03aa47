//! Revenue CSV (SPEC section 7): header `mpn_id,month,kind,amount_usd,offer_id`. Parsing and
//! checking is all-or-nothing; an error names the line (the header is line 1) and the field.

use super::contacts_csv::CsvError;
use super::field::FieldError;
use super::money::{Month, parse_usd};
use super::offer::code_enum;
use std::collections::HashMap;

pub const HEADER: [&str; 5] = ["mpn_id", "month", "kind", "amount_usd", "offer_id"];

code_enum!(
    /// What a revenue figure counts: the organization's Azure consumption, or one offer's
    /// marketplace billing.
    RevenueKind {
        AzureConsumed = "azure_consumed",
        MarketplaceBilled = "marketplace_billed",
    }
);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevenueLine {
    pub line: u64,
    pub organization_id: i64,
    pub offer_id: Option<i64>,
    pub month: Month,
    pub kind: RevenueKind,
    pub amount_cents: i64,
}

fn err(line: u64, field: Option<&'static str>, key: &'static str) -> CsvError {
    CsvError {
        line,
        field,
        error: FieldError::new(field.unwrap_or("csv"), key),
    }
}

/// Parses and checks a whole file against the known organizations (MPN ID -> id) and offers
/// (offer id -> organization id). Every bad line is reported (up to
/// [`contacts_csv::MAX_ERRORS`](super::contacts_csv::MAX_ERRORS)); a file that is not readable
/// CSV or lacks the header stops at once.
pub fn parse(
    text: &str,
    orgs_by_mpn: &HashMap<String, i64>,
    offer_orgs: &HashMap<i64, i64>,
) -> Result<Vec<RevenueLine>, Vec<CsvError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out: Vec<RevenueLine> = Vec::new();
    let mut errors: Vec<CsvError> = Vec::new();
    let mut seen: HashMap<(i64, i64, Month, RevenueKind), u64> = HashMap::new();
    let mut saw_header = false;
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            vec![err(
                e.position().map_or(index as u64 + 1, |p| p.line()),
                None,
                "err-csv-unreadable",
            )]
        })?;
        let line = record.position().map_or(index as u64 + 1, |p| p.line());
        if !saw_header {
            let header: Vec<String> = record
                .iter()
                .map(|h| h.trim().to_ascii_lowercase())
                .collect();
            if header != HEADER {
                return Err(vec![err(line, None, "err-revenue-header")]);
            }
            saw_header = true;
            continue;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let parsed = one_line(&record, line, orgs_by_mpn, offer_orgs).and_then(|l| {
            let key = (l.organization_id, l.offer_id.unwrap_or(0), l.month, l.kind);
            match seen.insert(key, line) {
                Some(first) => {
                    let mut e = err(line, Some("month"), "err-revenue-duplicate");
                    e.error = e.error.arg("first", first);
                    Err(e)
                }
                None => Ok(l),
            }
        });
        match parsed {
            Ok(l) => out.push(l),
            Err(e) => errors.push(e),
        }
    }
    if !saw_header {
        return Err(vec![err(1, None, "err-revenue-header")]);
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        errors.truncate(super::contacts_csv::MAX_ERRORS);
        Err(errors)
    }
}

/// One data line, checked; its first wrong field is its error.
fn one_line(
    record: &csv::StringRecord,
    line: u64,
    orgs_by_mpn: &HashMap<String, i64>,
    offer_orgs: &HashMap<i64, i64>,
) -> Result<RevenueLine, CsvError> {
    if record.len() != HEADER.len() {
        return Err(err(line, None, "err-csv-columns"));
    }
    let organization_id = *orgs_by_mpn
        .get(record[0].trim())
        .ok_or_else(|| err(line, Some("mpn_id"), "err-revenue-mpn"))?;
    let month =
        Month::parse(&record[1]).ok_or_else(|| err(line, Some("month"), "err-revenue-month"))?;
    let kind = RevenueKind::parse(&record[2])
        .ok_or_else(|| err(line, Some("kind"), "err-revenue-kind"))?;
    let amount_cents = parse_usd(&record[3])
        .filter(|c| *c >= 0)
        .ok_or_else(|| err(line, Some("amount_usd"), "err-revenue-amount"))?;
    let offer_raw = record[4].trim();
    let offer_id = match (kind, offer_raw) {
        (RevenueKind::AzureConsumed, "") => None,
        (RevenueKind::AzureConsumed, _) => {
            return Err(err(line, Some("offer_id"), "err-revenue-offer-not-allowed"));
        }
        (_, "") => return Err(err(line, Some("offer_id"), "err-revenue-offer-required")),
        (_, raw) => {
            let id: i64 = raw
                .parse()
                .map_err(|_| err(line, Some("offer_id"), "err-revenue-offer-unknown"))?;
            match offer_orgs.get(&id) {
                Some(org) if *org == organization_id => Some(id),
                _ => return Err(err(line, Some("offer_id"), "err-revenue-offer-unknown")),
            }
        }
    };
    Ok(RevenueLine {
        line,
        organization_id,
        offer_id,
        month,
        kind,
        amount_cents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maps() -> (HashMap<String, i64>, HashMap<i64, i64>) {
        (
            HashMap::from([("123456".to_string(), 1), ("654321".to_string(), 2)]),
            HashMap::from([(10, 1), (20, 2)]),
        )
    }

    #[test]
    fn parses_both_kinds() {
        let (o, f) = maps();
        let rows = parse("mpn_id,month,kind,amount_usd,offer_id\n123456,2026-10,azure_consumed,100000.00,\n123456,2026-10,marketplace_billed,12.5,10\n", &o, &f).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].amount_cents, 10_000_000);
        assert_eq!(rows[1].offer_id, Some(10));
        assert_eq!(rows[1].amount_cents, 1250);
        assert_eq!(rows[1].line, 3);
    }

    #[test]
    fn errors_name_line_and_field() {
        let (o, f) = maps();
        let case = |body: &str| {
            let e = parse(&format!("mpn_id,month,kind,amount_usd,offer_id\n123456,2026-09,azure_consumed,1,\n{body}\n"), &o, &f).unwrap_err().remove(0);
            (e.line, e.field)
        };
        assert_eq!(
            case("999999,2026-10,azure_consumed,1,"),
            (3, Some("mpn_id"))
        );
        assert_eq!(case("123456,2026-13,azure_consumed,1,"), (3, Some("month")));
        assert_eq!(case("123456,2026-10,consumed,1,"), (3, Some("kind")));
        assert_eq!(
            case("123456,2026-10,azure_consumed,1.234,"),
            (3, Some("amount_usd"))
        );
        assert_eq!(
            case("123456,2026-10,azure_consumed,-1,"),
            (3, Some("amount_usd"))
        );
        assert_eq!(
            case("123456,2026-10,azure_consumed,1,10"),
            (3, Some("offer_id")),
            "consumed rows have no offer"
        );
        assert_eq!(
            case("123456,2026-10,marketplace_billed,1,"),
            (3, Some("offer_id")),
            "billed rows need one"
        );
        assert_eq!(
            case("123456,2026-10,marketplace_billed,1,20"),
            (3, Some("offer_id")),
            "another organization's offer"
        );
        assert_eq!(
            case("123456,2026-09,azure_consumed,2,"),
            (3, Some("month")),
            "a duplicate row"
        );
        assert_eq!(parse("mpn,month\n", &o, &f).unwrap_err()[0].line, 1);
    }

    #[test]
    fn every_bad_line_is_reported_at_once() {
        let (o, f) = maps();
        let text = "mpn_id,month,kind,amount_usd,offer_id\n\
                    999999,2026-10,azure_consumed,1,\n\
                    123456,2026-10,azure_consumed,1,\n\
                    123456,2026-13,azure_consumed,1,\n\
                    123456,2026-10,azure_consumed,2,\n";
        let found: Vec<(u64, Option<&str>)> = parse(text, &o, &f)
            .unwrap_err()
            .iter()
            .map(|e| (e.line, e.field))
            .collect();
        assert_eq!(
            found,
            [(2, Some("mpn_id")), (4, Some("month")), (5, Some("month"))]
        );
    }
}
