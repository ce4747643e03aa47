//! The program's reference lists (SPEC section 9): data, kept in one place.
//! Labels are looked up through the translations with the key `<list>-<code>`.

use crate::offer::code_enum;

code_enum!(
    /// Industries (SPEC 9); labels are `industry-<code>` in the translations.
    Industry {
        Agriculture = "agriculture",
        Automotive = "automotive",
        DefenseIntelligence = "defense_intelligence",
        Distribution = "distribution",
        Education = "education",
        FinancialServices = "financial_services",
        Government = "government",
        Healthcare = "healthcare",
        HospitalityTravel = "hospitality_travel",
        Manufacturing = "manufacturing",
        MediaCommunications = "media_communications",
        Nonprofit = "nonprofit",
        Energy = "energy",
        ProfessionalServices = "professional_services",
        PublicSafety = "public_safety",
        Retail = "retail",
        Sustainability = "sustainability",
        Other = "other",
    }
);

code_enum!(
    /// Solution areas (SPEC 9); labels are `solution-area-<code>` in the translations.
    SolutionArea {
        DataAi = "data_ai",
        DigitalAppInnovation = "digital_app_innovation",
        Infrastructure = "infrastructure",
        Security = "security",
        ModernWork = "modern_work",
        BusinessApplications = "business_applications",
    }
);

code_enum!(
    /// Gold competency areas (SPEC 9), named by [`competency_label`].
    CompetencyArea {
        ApplicationDevelopment = "application_development",
        ApplicationIntegration = "application_integration",
        CloudBusinessApplications = "cloud_business_applications",
        CloudPlatform = "cloud_platform",
        CloudProductivity = "cloud_productivity",
        CollaborationContent = "collaboration_content",
        Communications = "communications",
        DataAnalytics = "data_analytics",
        DataCenter = "data_center",
        DataPlatform = "data_platform",
        Devops = "devops",
        EnterpriseMobilityManagement = "enterprise_mobility_management",
        EnterpriseResourcePlanning = "enterprise_resource_planning",
        Messaging = "messaging",
        ProjectPortfolioManagement = "project_portfolio_management",
        Security = "security",
        SmallMidmarketCloudSolutions = "small_midmarket_cloud_solutions",
        WindowsDevices = "windows_devices",
    }
);

code_enum!(
    /// Partner types (SPEC 2).
    PartnerType {
        Isv = "isv",
        Services = "services",
    }
);

/// The program's own name of a competency area (the same in every language: Microsoft names
/// its competencies in English).
pub fn competency_label(area: CompetencyArea) -> &'static str {
    use CompetencyArea::*;
    match area {
        ApplicationDevelopment => "Application Development",
        ApplicationIntegration => "Application Integration",
        CloudBusinessApplications => "Cloud Business Applications",
        CloudPlatform => "Cloud Platform",
        CloudProductivity => "Cloud Productivity",
        CollaborationContent => "Collaboration and Content",
        Communications => "Communications",
        DataAnalytics => "Data Analytics",
        DataCenter => "Datacenter",
        DataPlatform => "Data Platform",
        Devops => "DevOps",
        EnterpriseMobilityManagement => "Enterprise Mobility Management",
        EnterpriseResourcePlanning => "Enterprise Resource Planning",
        Messaging => "Messaging",
        ProjectPortfolioManagement => "Project and Portfolio Management",
        Security => "Security",
        SmallMidmarketCloudSolutions => "Small and Midmarket Cloud Solutions",
        WindowsDevices => "Windows and Devices",
    }
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
        assert_eq!(Industry::ALL.len(), 18);
        assert_eq!(SolutionArea::ALL.len(), 6);
        assert_eq!(CompetencyArea::ALL.len(), 18);
        assert!(Industry::parse("healthcare").is_some() && Industry::parse("health").is_none());
        assert!(SolutionArea::parse("data_ai").is_some() && SolutionArea::parse("ai").is_none());
        assert!(CompetencyArea::parse("devops").is_some());
        assert!(CompetencyArea::parse("dev_ops").is_none());
    }

    #[test]
    fn every_competency_area_has_its_program_name() {
        assert_eq!(
            competency_label(CompetencyArea::DataAnalytics),
            "Data Analytics"
        );
        assert_eq!(competency_label(CompetencyArea::Devops), "DevOps");
        for area in CompetencyArea::ALL {
            assert!(!competency_label(*area).contains('_'), "{area} has a name");
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
