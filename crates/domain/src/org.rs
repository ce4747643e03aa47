//! Organization facts (SPEC section 2): value types that can only hold valid values,
//! the business profile's rules and its completeness, and the logo checks.

use super::field::{FieldError, FieldErrors, group_digits};
use super::reference::{self, CompetencyArea, Industry, PartnerType};
use chrono::NaiveDate;
use serde::Serialize;

/// An MPN ID (partner ID): 6 to 10 ASCII digits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MpnId(String);

impl MpnId {
    pub fn parse(raw: &str) -> Result<MpnId, FieldError> {
        let s = raw.trim();
        if (6..=10).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(MpnId(s.to_string()))
        } else {
            Err(FieldError::new("mpn_id", "err-mpn-id"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address, normalised to lower case so that one person has one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Email(String);

impl Email {
    pub fn parse(field: &'static str, raw: &str) -> Result<Email, FieldError> {
        let s = raw.trim().to_lowercase();
        let valid = s.len() <= 254
            && email_address::EmailAddress::parse_with_options(
                &s,
                email_address::Options::default().without_display_text(),
            )
            .is_ok_and(|e| e.domain().contains('.'));
        if valid {
            Ok(Email(s))
        } else {
            Err(FieldError::new(field, "err-email"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An absolute https URL with a dotted host name, as the API's schema describes it
/// (`HTTPS_URL` in src/api/schema.rs says the same grammar): `https://`, host labels of
/// letters, digits and inner hyphens, then optionally a path, query or fragment of URL
/// characters. Anything else a URL parser would still take (a `*` in the host, a port, a
/// space, user info) is refused rather than rewritten.
pub fn parse_https_url(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let s = raw.trim();
    match url::Url::parse(s) {
        Ok(u) if https_shape(s) && u.scheme() == "https" => Ok(u.to_string()),
        _ => Err(FieldError::new(field, "err-https-url")),
    }
}

/// The characters of a URL's path, query and fragment that the grammar allows.
const URL_TAIL: &str = "._~!$&'()*+,;=:@/?#%-";

fn https_shape(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://") else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, tail) = rest.split_at(end);
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    host.split('.').count() >= 2
        && host.split('.').all(label_ok)
        && tail
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || URL_TAIL.contains(c))
}

pub const DESCRIPTION_MIN: usize = 50;
pub const DESCRIPTION_MAX: usize = 2500;
pub const COMPANY_NAME_MAX: usize = 200;

/// What a form or JSON body offers for the business profile, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileInput {
    pub company_name: String,
    pub description: String,
    pub website: String,
    pub headquarters_country: String,
    pub industries: Vec<String>,
    pub contact_email: String,
}

/// A validated business profile. A field may be absent (the profile is then
/// incomplete) but a present field is always valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessProfile {
    pub company_name: Option<String>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub headquarters_country: Option<String>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::industries))]
    pub industries: Vec<Industry>,
    pub contact_email: Option<String>,
}

fn present(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

impl BusinessProfile {
    pub fn validate(input: &ProfileInput) -> Result<BusinessProfile, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut profile = BusinessProfile::default();

        if let Some(name) = present(&input.company_name) {
            if name.chars().count() > COMPANY_NAME_MAX {
                errors.push(
                    FieldError::new("company_name", "err-too-long").arg("max", COMPANY_NAME_MAX),
                );
            } else {
                profile.company_name = Some(name.to_string());
            }
        }
        if let Some(desc) = present(&input.description) {
            let n = desc.chars().count();
            if !(DESCRIPTION_MIN..=DESCRIPTION_MAX).contains(&n) {
                errors.push(
                    FieldError::new("description", "err-description-length")
                        .arg("min", DESCRIPTION_MIN)
                        .arg("max", group_digits(DESCRIPTION_MAX as u64))
                        .arg("count", group_digits(n as u64)),
                );
            } else {
                profile.description = Some(desc.to_string());
            }
        }
        if let Some(site) = present(&input.website) {
            match parse_https_url("website", site) {
                Ok(u) => profile.website = Some(u),
                Err(e) => errors.push(e),
            }
        }
        if let Some(code) = present(&input.headquarters_country) {
            let code = code.to_ascii_uppercase();
            if reference::country(&code).is_some() {
                profile.headquarters_country = Some(code);
            } else {
                errors.push(FieldError::new("headquarters_country", "err-country"));
            }
        }
        for code in input
            .industries
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
        {
            let Some(industry) = Industry::parse(code) else {
                errors.push(FieldError::new("industries", "err-unknown-code").arg("code", code));
                break;
            };
            if !profile.industries.contains(&industry) {
                profile.industries.push(industry);
            }
        }
        if let Some(mail) = present(&input.contact_email) {
            match Email::parse("contact_email", mail) {
                Ok(e) => profile.contact_email = Some(e.as_str().to_string()),
                Err(e) => errors.push(e),
            }
        }
        errors.into_result(profile)
    }

    /// The fields still missing for a complete profile, in form order.
    pub fn missing_fields(&self, has_logo: bool) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.company_name.is_none() {
            missing.push("company_name");
        }
        if self.description.is_none() {
            missing.push("description");
        }
        if self.website.is_none() {
            missing.push("website");
        }
        if self.headquarters_country.is_none() {
            missing.push("headquarters_country");
        }
        if self.industries.is_empty() {
            missing.push("industries");
        }
        if self.contact_email.is_none() {
            missing.push("contact_email");
        }
        if !has_logo {
            missing.push("logo");
        }
        missing
    }
}

pub const LOGO_MAX_BYTES: usize = 1024 * 1024;
pub const LOGO_MAX_WIDTH: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoFacts {
    pub content_type: &'static str,
    pub width: usize,
    pub height: usize,
}

/// Decides a logo by its content: PNG, JPEG or GIF, at most 1 MiB, at most 300 px wide.
pub fn inspect_logo(bytes: &[u8]) -> Result<LogoFacts, FieldError> {
    if bytes.is_empty() {
        return Err(FieldError::new("logo", "err-logo-empty"));
    }
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(FieldError::new("logo", "err-logo-too-large")
            .arg("size", group_digits(bytes.len() as u64))
            .arg("max", group_digits(LOGO_MAX_BYTES as u64)));
    }
    let content_type = match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Png) => "image/png",
        Ok(imagesize::ImageType::Jpeg) => "image/jpeg",
        Ok(imagesize::ImageType::Gif) => "image/gif",
        _ => return Err(FieldError::new("logo", "err-logo-format")),
    };
    let size =
        imagesize::blob_size(bytes).map_err(|_| FieldError::new("logo", "err-logo-unreadable"))?;
    if size.width == 0 || size.height == 0 {
        return Err(FieldError::new("logo", "err-logo-unreadable"));
    }
    if size.width > LOGO_MAX_WIDTH {
        return Err(FieldError::new("logo", "err-logo-too-wide")
            .arg("width", size.width)
            .arg("max", LOGO_MAX_WIDTH));
    }
    Ok(LogoFacts {
        content_type,
        width: size.width,
        height: size.height,
    })
}

/// A gold competency: an area and the day it expires (SPEC 2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Competency {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::openapi::competency_area))]
    pub area: CompetencyArea,
    pub expires_on: NaiveDate,
}

impl Competency {
    /// Active = expiry date on or after the evaluation date.
    pub fn is_active(&self, on: NaiveDate) -> bool {
        self.expires_on >= on
    }
}

/// Validates a full list of competencies: known areas, each at most once.
pub fn validate_competencies(list: &[(String, NaiveDate)]) -> Result<Vec<Competency>, FieldError> {
    let mut out: Vec<Competency> = Vec::new();
    for (area, expires_on) in list {
        let code = area.trim();
        let Some(area) = CompetencyArea::parse(code) else {
            return Err(FieldError::new("area", "err-unknown-code").arg("code", code));
        };
        if out.iter().any(|c| c.area == area) {
            return Err(FieldError::new("area", "err-duplicate-area").arg("code", code));
        }
        out.push(Competency {
            area,
            expires_on: super::field::date_in_range("expires_on", *expires_on)?,
        });
    }
    out.sort_by_key(|c| c.area.code());
    Ok(out)
}

/// Partner types: known codes, each once, in the reference order.
pub fn validate_partner_types<S: AsRef<str>>(codes: &[S]) -> Result<Vec<PartnerType>, FieldError> {
    let mut given = Vec::new();
    for code in codes {
        let code = code.as_ref().trim();
        let Some(t) = PartnerType::parse(code) else {
            return Err(FieldError::new("partner_types", "err-unknown-code").arg("code", code));
        };
        given.push(t);
    }
    Ok(PartnerType::ALL
        .iter()
        .copied()
        .filter(|t| given.contains(t))
        .collect())
}

pub const ORG_NAME_MAX: usize = 200;

pub fn validate_org_name(raw: &str) -> Result<String, FieldError> {
    match present(raw) {
        None => Err(FieldError::new("name", "err-required")),
        Some(n) if n.chars().count() > ORG_NAME_MAX => {
            Err(FieldError::new("name", "err-too-long").arg("max", ORG_NAME_MAX))
        }
        Some(n) => Ok(n.to_string()),
    }
}

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 256;

pub fn validate_password(field: &'static str, raw: &str) -> Result<(), FieldError> {
    let n = raw.chars().count();
    if (PASSWORD_MIN..=PASSWORD_MAX).contains(&n) {
        Ok(())
    } else {
        Err(FieldError::new(field, "err-password-length")
            .arg("min", PASSWORD_MIN)
            .arg("max", PASSWORD_MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mpn_id_is_six_to_ten_digits() {
        for ok in ["123456", "1234567890", " 4455667 "] {
            assert!(MpnId::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["12345", "12345678901", "12345a", "", "١٢٣٤٥٦", "-123456"] {
            assert!(MpnId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("email", " Ann@Example.COM ").unwrap().as_str(),
            "ann@example.com"
        );
        for bad in [
            "ann",
            "ann@",
            "@example.com",
            "ann@example",
            "a b@example.com",
            "Ann <ann@example.com>",
        ] {
            assert!(Email::parse("email", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn websites_must_be_https() {
        assert!(parse_https_url("website", "https://example.com").is_ok());
        assert!(parse_https_url("website", "http://example.com").is_err());
        assert!(parse_https_url("website", "https://localhost").is_err());
        assert!(parse_https_url("website", "example.com").is_err());
        for good in [
            "https://contoso.example/analytics",
            " https://Contoso.Example/a?utm_source=x&b=%20#top ",
            "https://a-b.c9.example",
        ] {
            assert!(parse_https_url("website", good).is_ok(), "{good}");
        }
        for bad in [
            "https://6.8.t.y-ht*",
            "https://-a.example",
            "https://a-.example",
            "https://a..example",
            "https://contoso.example:8443/",
            "https://user@contoso.example/",
            "https://contoso.example/a b",
            "https://bücher.example/",
            "HTTPS://contoso.example/",
        ] {
            assert!(parse_https_url("website", bad).is_err(), "{bad}");
        }
    }

    fn full_input() -> ProfileInput {
        ProfileInput {
            company_name: "Contoso".into(),
            description: "x".repeat(DESCRIPTION_MIN),
            website: "https://contoso.example".into(),
            headquarters_country: "nl".into(),
            industries: vec!["retail".into(), "retail".into()],
            contact_email: "sales@contoso.example".into(),
        }
    }

    #[test]
    fn a_full_profile_is_complete_once_a_logo_exists() {
        let p = BusinessProfile::validate(&full_input()).unwrap();
        assert_eq!(p.headquarters_country.as_deref(), Some("NL"));
        assert_eq!(p.industries, vec![Industry::Retail]);
        assert_eq!(p.missing_fields(true), Vec::<&str>::new());
        assert_eq!(p.missing_fields(false), vec!["logo"]);
    }

    #[test]
    fn missing_fields_are_listed_and_invalid_ones_refused() {
        let p = BusinessProfile::validate(&ProfileInput::default()).unwrap();
        assert_eq!(p.missing_fields(false).len(), 7);

        let mut input = full_input();
        input.description = "x".repeat(DESCRIPTION_MIN - 1);
        input.website = "http://contoso.example".into();
        input.headquarters_country = "XX".into();
        input.industries = vec!["space".into()];
        let errors = BusinessProfile::validate(&input).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(
            fields,
            vec![
                "description",
                "website",
                "headquarters_country",
                "industries"
            ]
        );

        input = full_input();
        input.description = "x".repeat(DESCRIPTION_MAX);
        assert!(BusinessProfile::validate(&input).is_ok());
        input.description = "x".repeat(DESCRIPTION_MAX + 1);
        assert!(BusinessProfile::validate(&input).is_err());
    }

    #[test]
    fn competency_is_active_through_its_expiry_day() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let c = Competency {
            area: CompetencyArea::Devops,
            expires_on: day("2026-11-24"),
        };
        assert!(c.is_active(day("2026-11-24")));
        assert!(c.is_active(day("2026-11-23")));
        assert!(!c.is_active(day("2026-11-25")));
    }

    #[test]
    fn competency_lists_refuse_unknown_and_repeated_areas() {
        let d = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert!(validate_competencies(&[("devops".into(), d), ("security".into(), d)]).is_ok());
        assert!(validate_competencies(&[("cooking".into(), d)]).is_err());
        assert!(validate_competencies(&[("devops".into(), d), ("devops".into(), d)]).is_err());
    }

    #[test]
    fn partner_types_are_known_codes_in_reference_order() {
        assert_eq!(
            validate_partner_types(&["services", "isv", "isv"]).unwrap(),
            vec![PartnerType::Isv, PartnerType::Services]
        );
        assert!(validate_partner_types(&["reseller"]).is_err());
    }

    #[test]
    fn passwords_have_a_length_window() {
        assert!(validate_password("password", "12345678").is_ok());
        assert!(validate_password("password", "1234567").is_err());
    }
}
