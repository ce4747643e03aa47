//! The program's reference lists (SPEC section 9): data, kept in one place.
//! Labels are looked up through the translations with the key `<list>-<code>`.

/// Industries (SPEC 9): code and English label.
pub const INDUSTRIES: &[(&str, &str)] = &[
    ("agriculture", "Agriculture"),
    ("automotive", "Automotive"),
    ("defense_intelligence", "Defense & Intelligence"),
    ("distribution", "Distribution"),
    ("education", "Education"),
    ("financial_services", "Financial Services"),
    ("government", "Government"),
    ("healthcare", "Healthcare & Life Sciences"),
    ("hospitality_travel", "Hospitality & Travel"),
    ("manufacturing", "Manufacturing & Resources"),
    ("media_communications", "Media & Communications"),
    ("nonprofit", "Nonprofit & IGO"),
    ("energy", "Power & Utilities"),
    ("professional_services", "Professional Services"),
    ("public_safety", "Public Safety & Justice"),
    ("retail", "Retail & Consumer Goods"),
    ("sustainability", "Sustainability"),
    ("other", "Other / cross-industry"),
];

/// Solution areas (SPEC 9).
pub const SOLUTION_AREAS: &[(&str, &str)] = &[
    ("data_ai", "Data & AI"),
    ("digital_app_innovation", "Digital & App Innovation"),
    ("infrastructure", "Infrastructure (Azure)"),
    ("security", "Security"),
    ("modern_work", "Modern Work"),
    ("business_applications", "Business Applications"),
];

/// Gold competency areas (SPEC 9); the label is the words of the code.
pub const COMPETENCY_AREAS: &[&str] = &[
    "application_development",
    "application_integration",
    "cloud_business_applications",
    "cloud_platform",
    "cloud_productivity",
    "collaboration_content",
    "communications",
    "data_analytics",
    "data_center",
    "data_platform",
    "devops",
    "enterprise_mobility_management",
    "enterprise_resource_planning",
    "messaging",
    "project_portfolio_management",
    "security",
    "small_midmarket_cloud_solutions",
    "windows_devices",
];

/// Partner types (SPEC 2).
pub const PARTNER_TYPES: &[&str] = &["isv", "services"];

pub fn is_industry(code: &str) -> bool {
    INDUSTRIES.iter().any(|(c, _)| *c == code)
}

pub fn is_solution_area(code: &str) -> bool {
    SOLUTION_AREAS.iter().any(|(c, _)| *c == code)
}

pub fn is_competency_area(code: &str) -> bool {
    COMPETENCY_AREAS.contains(&code)
}

pub fn is_partner_type(code: &str) -> bool {
    PARTNER_TYPES.contains(&code)
}

/// "data_analytics" -> "Data Analytics".
/// The program's own name of a competency area (the same in every language: Microsoft names
/// its competencies in English).
pub fn competency_label(code: &str) -> String {
    let name = match code {
        "application_development" => "Application Development",
        "application_integration" => "Application Integration",
        "cloud_business_applications" => "Cloud Business Applications",
        "cloud_platform" => "Cloud Platform",
        "cloud_productivity" => "Cloud Productivity",
        "collaboration_content" => "Collaboration and Content",
        "communications" => "Communications",
        "data_analytics" => "Data Analytics",
        "data_center" => "Datacenter",
        "data_platform" => "Data Platform",
        "devops" => "DevOps",
        "enterprise_mobility_management" => "Enterprise Mobility Management",
        "enterprise_resource_planning" => "Enterprise Resource Planning",
        "messaging" => "Messaging",
        "project_portfolio_management" => "Project and Portfolio Management",
        "security" => "Security",
        "small_midmarket_cloud_solutions" => "Small and Midmarket Cloud Solutions",
        "windows_devices" => "Windows and Devices",
        other => return other.replace('_', " "),
    };
    name.to_string()
}

/// A country or region of ISO 3166-1, by its alpha-2 code (upper case).
pub fn country(code: &str) -> Option<&'static rust_iso3166::CountryCode> {
    rust_iso3166::ALL.iter().find(|c| c.alpha2 == code)
}

/// All ISO 3166-1 countries/regions as (alpha-2, English short name), sorted by name.
pub fn countries() -> Vec<(&'static str, &'static str)> {
    let mut all: Vec<_> = rust_iso3166::ALL
        .iter()
        .map(|c| (c.alpha2, country_name(c.name)))
        .collect();
    all.sort_by(|a, b| a.1.cmp(b.1));
    all
}

/// A country's name as people read it: the ISO list marks a few with footnotes
/// ("Svalbard and Jan Mayen[e]"), which are dropped.
pub fn country_name(iso_name: &'static str) -> &'static str {
    iso_name
        .split_once('[')
        .map_or(iso_name, |(name, _)| name)
        .trim_end()
}

/// The name of the country with this code, if it is one.
pub fn country_name_of(code: &str) -> Option<&'static str> {
    country(code).map(|c| country_name(c.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_have_the_spec_sizes_and_codes() {
        assert_eq!(INDUSTRIES.len(), 18);
        assert_eq!(SOLUTION_AREAS.len(), 6);
        assert_eq!(COMPETENCY_AREAS.len(), 18);
        assert!(is_industry("healthcare") && !is_industry("health"));
        assert!(is_solution_area("data_ai") && !is_solution_area("ai"));
        assert!(is_competency_area("devops") && !is_competency_area("dev_ops"));
    }

    #[test]
    fn every_competency_area_has_its_program_name() {
        assert_eq!(competency_label("data_analytics"), "Data Analytics");
        assert_eq!(competency_label("devops"), "DevOps");
        for code in COMPETENCY_AREAS {
            assert!(!competency_label(code).contains('_'), "{code} has a name");
        }
    }

    #[test]
    fn country_names_carry_no_footnote_marks() {
        assert_eq!(country_name_of("SJ"), Some("Svalbard and Jan Mayen"));
        assert_eq!(
            country_name_of("BQ"),
            Some("Bonaire, Sint Eustatius and Saba")
        );
        for (code, name) in countries() {
            assert!(
                !name.contains('[') && !name.ends_with(' '),
                "{code}: {name}"
            );
        }
    }

    #[test]
    fn countries_come_from_iso_3166() {
        assert_eq!(country("NL").map(|c| c.alpha2), Some("NL"));
        assert!(country("nl").is_none());
        assert!(country("XX").is_none());
        assert!(countries().len() >= 249);
    }
}
