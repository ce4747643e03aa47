//! The co-sell solution page (SPEC section 4): listing details and sales contacts. A draft
//! may be incomplete, but every value it holds is valid; completeness is a separate question.

use super::field::{FieldError, FieldErrors};
use super::offer::code_enum;
use super::org::{Email, parse_https_url};
use super::reference::{self, Industry, SolutionArea};
use serde::Serialize;

code_enum!(
    /// Target customer sizes.
    CustomerSize {
        Smb = "smb",
        Corporate = "corporate",
        Enterprise = "enterprise",
    }
);

code_enum!(
    /// The role of a sales contact.
    ContactRole {
        PartnerSales = "partner_sales",
        PartnerMarketing = "partner_marketing",
        PartnerTechnicalSales = "partner_technical_sales",
        CustomerSuccess = "customer_success",
    }
);

/// In a contact's geographies: all of the solution's geographies (the program's template token).
pub const ALL_GEOGRAPHIES: &str = "OOO";
pub const PITCH_MAX: usize = 1000;
pub const SOLUTION_AREAS_MAX: usize = 5;
pub const CONTACT_TEXT_MAX: usize = 200;
pub const CONTACTS_MAX: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListingInput {
    pub geographies: Vec<String>,
    pub solution_areas: Vec<String>,
    pub industries: Vec<String>,
    pub customer_sizes: Vec<String>,
    pub pitch: String,
    pub landing_page: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ContactInput {
    pub name: String,
    pub email: String,
    pub job_title: String,
    pub role: String,
    pub geographies: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Listing {
    pub geographies: Vec<String>,
    pub solution_areas: Vec<SolutionArea>,
    pub industries: Vec<Industry>,
    pub customer_sizes: Vec<CustomerSize>,
    pub pitch: String,
    pub landing_page: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub job_title: Option<String>,
    pub role: ContactRole,
    pub geographies: Vec<String>,
}

fn codes<T: PartialEq>(
    field: &'static str,
    raw: &[String],
    known: impl Fn(&str) -> Option<T>,
    errors: &mut FieldErrors,
) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for code in raw.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        match known(code) {
            Some(c) if !out.contains(&c) => out.push(c),
            Some(_) => {}
            None => {
                errors.push(FieldError::new(field, "err-unknown-code").arg("code", code));
                break;
            }
        }
    }
    out
}

fn geography(code: &str) -> Option<String> {
    let c = code.to_ascii_uppercase();
    reference::country(&c).map(|_| c)
}

impl Listing {
    pub fn validate(input: &ListingInput) -> Result<Listing, FieldErrors> {
        let mut errors = FieldErrors::default();
        let mut geographies = codes("geographies", &input.geographies, geography, &mut errors);
        geographies.sort();
        let solution_areas = codes(
            "solution_areas",
            &input.solution_areas,
            SolutionArea::parse,
            &mut errors,
        );
        // Counted as given: six entries are too many even when one repeats another (the API
        // document says "at most five items", and a repeat is kept once otherwise).
        let given = input
            .solution_areas
            .iter()
            .filter(|c| !c.trim().is_empty())
            .count();
        if given > SOLUTION_AREAS_MAX {
            errors.push(
                FieldError::new("solution_areas", "err-too-many-areas")
                    .arg("max", SOLUTION_AREAS_MAX)
                    .arg("count", given),
            );
        }
        let industries = codes(
            "industries",
            &input.industries,
            Industry::parse,
            &mut errors,
        );
        let customer_sizes = codes(
            "customer_sizes",
            &input.customer_sizes,
            CustomerSize::parse,
            &mut errors,
        );
        // Newlines typed in a browser arrive as CRLF; count them as one character.
        let pitch = input.pitch.trim().replace("\r\n", "\n");
        let count = pitch.chars().count();
        if count > PITCH_MAX {
            errors.push(
                FieldError::new("pitch", "err-pitch-length")
                    .arg("max", PITCH_MAX)
                    .arg("count", count),
            );
        }
        let landing_page = match input.landing_page.trim() {
            "" => None,
            s => match parse_https_url("landing_page", s) {
                Ok(u) => Some(u),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
        };
        errors.into_result(Listing {
            geographies,
            solution_areas,
            industries,
            customer_sizes,
            pitch,
            landing_page,
        })
    }

    /// Solution areas, industries, customer size and pitch are filled in (SPEC 5,
    /// `listing_details`); validity is guaranteed by construction.
    pub fn details_complete(&self) -> bool {
        (1..=SOLUTION_AREAS_MAX).contains(&self.solution_areas.len())
            && !self.industries.is_empty()
            && !self.customer_sizes.is_empty()
            && !self.pitch.is_empty()
    }
}

fn text(field: &'static str, raw: &str, row: usize, errors: &mut FieldErrors) -> Option<String> {
    let t = raw.trim();
    if t.chars().count() > CONTACT_TEXT_MAX {
        errors.push(
            FieldError::new(field, "err-too-long")
                .arg("max", CONTACT_TEXT_MAX)
                .in_row(row),
        );
        return None;
    }
    (!t.is_empty()).then(|| t.to_string())
}

impl Contact {
    /// Validates one contact against the solution's geographies; `row` locates errors.
    pub fn validate(
        input: &ContactInput,
        solution_geographies: &[String],
        row: usize,
    ) -> Result<Contact, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = text("name", &input.name, row, &mut errors);
        if name.is_none() && !errors.has("name") {
            errors.push(FieldError::new("name", "err-required").in_row(row));
        }
        let email = match Email::parse("email", &input.email) {
            Ok(e) => Some(e.as_str().to_string()),
            Err(e) => {
                errors.push(e.in_row(row));
                None
            }
        };
        let job_title = text("job_title", &input.job_title, row, &mut errors);
        let role = ContactRole::parse(&input.role);
        if role.is_none() {
            let key = if input.role.trim().is_empty() {
                "err-required"
            } else {
                "err-unknown-code"
            };
            errors.push(
                FieldError::new("role", key)
                    .arg("code", input.role.trim())
                    .in_row(row),
            );
        }
        let mut geographies: Vec<String> = Vec::new();
        for raw in input
            .geographies
            .iter()
            .map(|g| g.trim())
            .filter(|g| !g.is_empty())
        {
            let code = raw.to_ascii_uppercase();
            if code == ALL_GEOGRAPHIES {
                geographies.push(ALL_GEOGRAPHIES.to_string());
            } else if solution_geographies.contains(&code) {
                geographies.push(code);
            } else {
                errors.push(
                    FieldError::new("geographies", "err-contact-geography")
                        .arg("code", raw)
                        .in_row(row),
                );
                break;
            }
        }
        geographies.dedup();
        if geographies.is_empty() && !errors.has("geographies") {
            errors
                .push(FieldError::new("geographies", "err-contact-geographies-empty").in_row(row));
        }
        match (name, email, role, errors.is_empty()) {
            (Some(name), Some(email), Some(role), true) => Ok(Contact {
                name,
                email,
                job_title,
                role,
                geographies,
            }),
            _ => Err(errors),
        }
    }

    /// True when the contact covers `geography` (directly or through `OOO`).
    pub fn covers(&self, geography: &str) -> bool {
        self.geographies
            .iter()
            .any(|g| g == ALL_GEOGRAPHIES || g == geography)
    }
}

/// Validates every contact; blank rows (nothing typed) are dropped.
pub fn validate_contacts(
    inputs: &[ContactInput],
    solution_geographies: &[String],
) -> Result<Vec<Contact>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut out = Vec::new();
    // Rows keep their index in `inputs`, so an error points at the row as it was typed.
    let rows: Vec<(usize, &ContactInput)> = inputs
        .iter()
        .enumerate()
        .filter(|(_, c)| !is_blank(c))
        .collect();
    if rows.len() > CONTACTS_MAX {
        return Err(FieldError::new("contacts", "err-too-many-contacts")
            .arg("max", CONTACTS_MAX)
            .into());
    }
    for (row, input) in rows {
        match Contact::validate(input, solution_geographies, row) {
            Ok(c) => out.push(c),
            Err(mut e) => errors.0.append(&mut e.0),
        }
    }
    errors.into_result(out)
}

pub fn is_blank(c: &ContactInput) -> bool {
    c.name.trim().is_empty()
        && c.email.trim().is_empty()
        && c.job_title.trim().is_empty()
        && c.geographies.iter().all(|g| g.trim().is_empty())
}

/// The chosen geographies that have no `partner_sales` contact (SPEC 5, `sales_contacts`).
pub fn geographies_without_sales(geographies: &[String], contacts: &[Contact]) -> Vec<String> {
    geographies
        .iter()
        .filter(|g| {
            !contacts
                .iter()
                .any(|c| c.role == ContactRole::PartnerSales && c.covers(g))
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    fn listing() -> ListingInput {
        ListingInput {
            geographies: s(&["nl", "DE", "NL"]),
            solution_areas: s(&["data_ai"]),
            industries: s(&["retail"]),
            customer_sizes: s(&["smb", "enterprise"]),
            pitch: "Analytics for every store.".into(),
            landing_page: "https://contoso.example/analytics".into(),
        }
    }

    #[test]
    fn a_full_listing_is_valid_and_complete() {
        let l = Listing::validate(&listing()).unwrap();
        assert_eq!(l.geographies, s(&["DE", "NL"]));
        assert!(l.details_complete());
        let empty = Listing::validate(&ListingInput::default()).unwrap();
        assert!(
            !empty.details_complete(),
            "a draft may be empty, but it is not complete"
        );
    }

    #[test]
    fn listing_boundaries() {
        let mut i = listing();
        i.pitch = "x".repeat(PITCH_MAX);
        assert!(Listing::validate(&i).is_ok());
        i.pitch = "x".repeat(PITCH_MAX + 1);
        assert_eq!(Listing::validate(&i).unwrap_err().0[0].field, "pitch");
        i.pitch = format!("{}\r\n{}", "x".repeat(499), "y".repeat(500));
        assert!(
            Listing::validate(&i).is_ok(),
            "a CRLF counts as one character"
        );

        let mut i = listing();
        i.solution_areas = s(&[
            "data_ai",
            "digital_app_innovation",
            "infrastructure",
            "security",
            "modern_work",
        ]);
        assert!(Listing::validate(&i).is_ok());
        i.solution_areas.push("business_applications".into());
        assert_eq!(
            Listing::validate(&i).unwrap_err().0[0].key,
            "err-too-many-areas"
        );
        i.solution_areas = s(&["data_ai"; 6]);
        assert_eq!(
            Listing::validate(&i).unwrap_err().0[0].key,
            "err-too-many-areas",
            "six entries are too many even when they repeat"
        );
        i.solution_areas = s(&["data_ai", "data_ai", "", " "]);
        assert_eq!(
            Listing::validate(&i).unwrap().solution_areas,
            [SolutionArea::DataAi]
        );

        for (field, bad) in [
            ("geographies", "XX"),
            ("industries", "space"),
            ("customer_sizes", "huge"),
            ("solution_areas", "ai"),
        ] {
            let mut i = listing();
            match field {
                "geographies" => i.geographies = s(&[bad]),
                "industries" => i.industries = s(&[bad]),
                "customer_sizes" => i.customer_sizes = s(&[bad]),
                _ => i.solution_areas = s(&[bad]),
            }
            assert_eq!(Listing::validate(&i).unwrap_err().0[0].field, field);
        }
        let mut i = listing();
        i.landing_page = "http://contoso.example".into();
        assert_eq!(
            Listing::validate(&i).unwrap_err().0[0].field,
            "landing_page"
        );
    }

    fn contact(role: &str, geos: &[&str]) -> ContactInput {
        ContactInput {
            name: "Ann de Vries".into(),
            email: "ann@contoso.example".into(),
            job_title: "".into(),
            role: role.into(),
            geographies: s(geos),
        }
    }

    #[test]
    fn contacts_cover_a_subset_of_the_solution_geographies() {
        let geos = s(&["DE", "NL"]);
        let c = Contact::validate(&contact("partner_sales", &["OOO"]), &geos, 0).unwrap();
        assert_eq!(c.geographies, s(&["OOO"]), "OOO is stored as given");
        assert!(c.covers("DE") && c.covers("NL"));
        let c = Contact::validate(&contact("partner_sales", &["nl"]), &geos, 0).unwrap();
        assert!(c.covers("NL") && !c.covers("DE"));
        let e = Contact::validate(&contact("partner_sales", &["FR"]), &geos, 3).unwrap_err();
        assert_eq!(e.0[0].path(), "contacts[3].geographies");
        let e = Contact::validate(&contact("boss", &["NL"]), &geos, 0).unwrap_err();
        assert_eq!(e.0[0].field, "role");
        let mut bad = contact("partner_sales", &["NL"]);
        bad.email = "ann".into();
        bad.name = "".into();
        let errors = Contact::validate(&bad, &geos, 0).unwrap_err();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(fields, vec!["name", "email"]);
    }

    #[test]
    fn every_geography_needs_a_partner_sales_contact() {
        let geos = s(&["DE", "NL"]);
        let contacts = validate_contacts(
            &[
                contact("partner_sales", &["NL"]),
                contact("partner_marketing", &["DE"]),
                ContactInput::default(),
            ],
            &geos,
        )
        .unwrap();
        assert_eq!(contacts.len(), 2, "blank rows are dropped");
        assert_eq!(geographies_without_sales(&geos, &contacts), s(&["DE"]));
        let all = validate_contacts(&[contact("partner_sales", &["OOO"])], &geos).unwrap();
        assert!(geographies_without_sales(&geos, &all).is_empty());
    }
}
