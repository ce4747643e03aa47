//! Money and months: US dollars as integer cents, calendar months, and the trailing window.
//! No floating point anywhere.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    /// `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Month> {
        let s = s.trim();
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month `n` months before this one (n may be negative).
    pub fn minus(self, n: i32) -> Month {
        let index = self.year * 12 + self.month as i32 - 1 - n;
        Month {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The 12 complete calendar months before the month of `as_of`, as (first, last).
/// Evaluated on 2026-11-24 that is 2025-11 to 2026-10.
pub fn trailing_window(as_of: NaiveDate) -> (Month, Month) {
    let current = Month::of(as_of);
    (current.minus(12), current.minus(1))
}

pub fn in_window(month: Month, window: (Month, Month)) -> bool {
    window.0 <= month && month <= window.1
}

/// Parses a US dollar amount with at most two decimals ("1234.5", "100000.00") into cents.
pub fn parse_usd(s: &str) -> Option<i64> {
    let s = s.trim();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    if whole.is_empty()
        || whole.len() > 15
        || frac.len() > 2
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let cents = whole.parse::<i64>().ok()? * 100 + format!("{frac:0<2}").parse::<i64>().ok()?;
    Some(if negative { -cents } else { cents })
}

/// "USD 100,000.00".
pub fn format_usd(cents: i64) -> String {
    format_usd_with(cents, ',', '.')
}

/// An amount in cents as the reader's language writes it: `USD 114,000.00` in English,
/// `USD 114.000,00` in Dutch.
pub fn format_usd_with(cents: i64, thousands: char, decimal: char) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    format!(
        "{sign}USD {}{decimal}{:02}",
        super::field::group_digits_with(c / 100, thousands),
        c % 100
    )
}

/// An amount of US dollars in exact cents, never negative: what a deal is worth. On the wire
/// (SPEC 7) it is a string with two decimals (`"250000.00"`); a string with at most two
/// decimals is read, and a number is refused (a float would have rounded it already).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Usd(pub i64);

impl Usd {
    /// `"250000.00"`.
    pub fn to_decimal(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }

    /// From what a person or a program sent: at most two decimals, not negative.
    pub fn parse(s: &str) -> Option<Usd> {
        // Exactly as the schema says: no spaces around it, no sign.
        if s.trim() != s || s.starts_with('-') {
            return None;
        }
        parse_usd(s).map(Usd)
    }
}

impl fmt::Display for Usd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_decimal())
    }
}

impl serde::Serialize for Usd {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_decimal())
    }
}

/// The words a refused amount is answered with.
pub const USD_EXPECTED: &str =
    "an amount in US dollars as a string with at most two decimals and no sign, like \"250000.00\"";

impl<'de> serde::Deserialize<'de> for Usd {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Amount;
        impl serde::de::Visitor<'_> for Amount {
            type Value = Usd;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(USD_EXPECTED)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Usd, E> {
                Usd::parse(v).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(v), &self))
            }
        }
        d.deserialize_str(Amount)
    }
}

/// The OpenAPI schema: the decimal string the server reads and writes.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Usd {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some("^[0-9]{1,15}(\\.[0-9]{1,2})?$"))
            .description(Some(
                "US dollars, a string with at most two decimals (answers have two)",
            ))
            .examples(["250000.00"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Usd {
    fn name() -> std::borrow::Cow<'static, str> {
        "Usd".into()
    }
}

/// Parses a percentage with at most two decimals ("50", "50.5", "50.01") into hundredths of a
/// percent (basis points): 0 to 10,000. As people write it: a decimal comma ("72,5", there
/// are no thousands in a percentage) and a trailing percent sign ("75%") are taken too.
pub fn parse_percent(s: &str) -> Option<i64> {
    let s = s.trim();
    let s = s.strip_suffix('%').map_or(s, str::trim_end);
    let s = if s.contains('.') {
        s.to_string()
    } else {
        s.replacen(',', ".", 1)
    };
    let bp = parse_usd(&s)?;
    (0..=10_000).contains(&bp).then_some(bp)
}

/// Basis points as a percentage: 5000 -> "50%", 5050 -> "50.5%".
pub fn format_percent(bp: i64) -> String {
    if bp % 100 == 0 {
        format!("{}%", bp / 100)
    } else {
        format!("{}.{:02}%", bp / 100, bp % 100).replace("0%", "%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_window_is_the_twelve_complete_months_before_the_evaluation_month() {
        let w = trailing_window(d("2026-11-24"));
        assert_eq!(
            (w.0.to_string(), w.1.to_string()),
            ("2025-11".into(), "2026-10".into())
        );
        let w = trailing_window(d("2026-01-01"));
        assert_eq!(
            (w.0.to_string(), w.1.to_string()),
            ("2025-01".into(), "2025-12".into())
        );
        assert!(
            !in_window(
                Month::parse("2026-11").unwrap(),
                trailing_window(d("2026-11-24"))
            ),
            "the evaluation month is out"
        );
        assert!(
            !in_window(
                Month::parse("2025-10").unwrap(),
                trailing_window(d("2026-11-24"))
            ),
            "month 13 is out"
        );
        assert!(in_window(
            Month::parse("2025-11").unwrap(),
            trailing_window(d("2026-11-30"))
        ));
    }

    #[test]
    fn months_parse_strictly() {
        assert_eq!(
            Month::parse("2026-02"),
            Some(Month {
                year: 2026,
                month: 2
            })
        );
        for bad in [
            "2026-13",
            "2026-00",
            "2026-2",
            "26-02",
            "2026/02",
            "",
            "2026-02-01",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Month::parse("2026-01").unwrap().minus(1).to_string(),
            "2025-12"
        );
        assert_eq!(
            Month::parse("2026-01").unwrap().minus(-12).to_string(),
            "2027-01"
        );
    }

    #[test]
    fn dollars_become_cents_without_floating_point() {
        assert_eq!(parse_usd("100000.00"), Some(10_000_000));
        assert_eq!(parse_usd("99999.99"), Some(9_999_999));
        assert_eq!(parse_usd("0.1"), Some(10));
        assert_eq!(parse_usd("12"), Some(1200));
        assert_eq!(parse_usd("-5.25"), Some(-525));
        for bad in ["1.234", "1,000.00", "abc", "", ".5", "1e5", "+3"] {
            assert_eq!(parse_usd(bad), None, "{bad}");
        }
        assert_eq!(format_usd(10_000_000), "USD 100,000.00");
        assert_eq!(format_usd(9_999_999), "USD 99,999.99");
    }

    #[test]
    fn amounts_travel_as_strings_with_two_decimals_and_never_as_numbers() {
        assert_eq!(
            serde_json::to_string(&Usd(25_000_000)).unwrap(),
            r#""250000.00""#
        );
        assert_eq!(serde_json::to_string(&Usd(5)).unwrap(), r#""0.05""#);
        let read = |s: &str| serde_json::from_str::<Usd>(s).map_err(|e| e.to_string());
        assert_eq!(read(r#""1234.5""#), Ok(Usd(123_450)));
        assert_eq!(read(r#""0""#), Ok(Usd(0)));
        for bad in [
            "250000",
            "250000.0",
            r#""-1.00""#,
            r#"" 5""#,
            r#""1.234""#,
            r#""1,000""#,
            r#""""#,
            "null",
        ] {
            let e = read(bad).expect_err(bad);
            assert!(e.contains("two decimals"), "{bad}: {e}");
        }
    }

    #[test]
    fn percentages_are_hundredths() {
        assert_eq!(parse_percent("50"), Some(5000));
        assert_eq!(parse_percent("50.01"), Some(5001));
        assert_eq!(parse_percent("100"), Some(10_000));
        assert_eq!(parse_percent("100.01"), None);
        assert_eq!(parse_percent("-1"), None);
        assert_eq!(parse_percent("72,5"), Some(7250));
        assert_eq!(parse_percent(" 75% "), Some(7500));
        assert_eq!(parse_percent("75 %"), Some(7500));
        assert_eq!(parse_percent("1,000"), None);
        assert_eq!(parse_percent("about 60"), None);
        assert_eq!(parse_percent("60%%"), None);
        assert_eq!(format_percent(5100), "51%");
    }
}
