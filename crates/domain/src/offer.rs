//! Marketplace offers (SPEC section 3): types, stores, publication states, and the rules for
//! what an offer may hold.

use super::field::{FieldError, FieldErrors};
use super::reference::CompetencyArea;
use serde::Serialize;

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        /// Ordered as declared.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        /// Written as its code (a derived name would differ: `Dynamics365...` is
        /// `dynamics_365_...`).
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        /// Read from its exact code.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = String::deserialize(d)?;
                $name::ALL
                    .iter()
                    .copied()
                    .find(|c| c.code() == code)
                    .ok_or_else(|| serde::de::Error::custom(format!("unknown code {code:?}")))
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(code: &str) -> Option<$name> {
                match code.trim() { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl crate::codes::Code for $name {
            fn code(self) -> &'static str {
                $name::code(self)
            }

            fn parse(code: &str) -> Option<$name> {
                $name::parse(code)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.code()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        /// The OpenAPI schema: a string, one of the codes (a component named as the type).
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                crate::openapi::codes($name::ALL.iter().map(|c| c.code())).into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
        }
    };
}
pub(crate) use code_enum;

code_enum!(
    /// The 14 offer types of the commercial marketplace.
    OfferType {
        AzureApplication = "azure_application",
        AzureContainer = "azure_container",
        AzureVirtualMachine = "azure_virtual_machine",
        IotEdgeModule = "iot_edge_module",
        Saas = "saas",
        Dynamics365DataversePowerApps = "dynamics_365_dataverse_power_apps",
        Dynamics365OperationsApps = "dynamics_365_operations_apps",
        Dynamics365BusinessCentral = "dynamics_365_business_central",
        PowerBiApp = "power_bi_app",
        ConsultingService = "consulting_service",
        ManagedService = "managed_service",
        OfficeAddIn = "office_add_in",
        TeamsApp = "teams_app",
        SharepointSolution = "sharepoint_solution",
    }
);

code_enum!(
    /// Where an offer is listed.
    Store {
        AzureMarketplace = "azure_marketplace",
        Appsource = "appsource",
    }
);

code_enum!(
    /// Publication state: draft -> in_certification -> live; a live offer can be stopped.
    OfferState {
        Draft = "draft",
        InCertification = "in_certification",
        Live = "live",
        Stopped = "stopped",
    }
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SolutionKind {
    Ip,
    Services,
}

impl OfferType {
    /// Consulting and managed services are services; every other type is software (IP).
    pub fn kind(self) -> SolutionKind {
        match self {
            OfferType::ConsultingService | OfferType::ManagedService => SolutionKind::Services,
            _ => SolutionKind::Ip,
        }
    }
}

/// Why a publication step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublishRefusal {
    SellerAccountInactive,
    AlreadyLive,
}

/// Publishing: certification is instant here, so a draft or stopped offer goes live at once,
/// provided the organization's seller account is active.
pub fn publish(
    state: OfferState,
    seller_account_active: bool,
) -> Result<OfferState, PublishRefusal> {
    if !seller_account_active {
        return Err(PublishRefusal::SellerAccountInactive);
    }
    match state {
        OfferState::Live => Err(PublishRefusal::AlreadyLive),
        _ => Ok(OfferState::Live),
    }
}

/// Stopping takes a live offer down; anything else is refused (None).
pub fn stop(state: OfferState) -> Option<OfferState> {
    (state == OfferState::Live).then_some(OfferState::Stopped)
}

pub const OFFER_NAME_MAX: usize = 200;

/// An offer as typed, before validation.
#[derive(Debug, Clone, Default)]
pub struct OfferInput {
    pub name: String,
    pub offer_type: String,
    pub stores: Vec<String>,
    pub transactable: bool,
    pub competency_areas: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidOffer {
    pub name: String,
    pub offer_type: OfferType,
    pub stores: Vec<Store>,
    pub transactable: bool,
    pub competency_areas: Vec<CompetencyArea>,
}

impl ValidOffer {
    pub fn validate(input: &OfferInput) -> Result<ValidOffer, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = input.name.trim();
        if name.is_empty() {
            errors.push(FieldError::new("name", "err-required"));
        } else if name.chars().count() > OFFER_NAME_MAX {
            errors.push(FieldError::new("name", "err-too-long").arg("max", OFFER_NAME_MAX));
        }
        let offer_type = OfferType::parse(&input.offer_type);
        if offer_type.is_none() {
            let key = if input.offer_type.trim().is_empty() {
                "err-required"
            } else {
                "err-unknown-code"
            };
            errors.push(FieldError::new("offer_type", key).arg("code", input.offer_type.trim()));
        }
        let mut stores = Vec::new();
        for code in &input.stores {
            match Store::parse(code) {
                Some(s) if !stores.contains(&s) => stores.push(s),
                Some(_) => {}
                None => {
                    errors.push(
                        FieldError::new("stores", "err-unknown-code").arg("code", code.trim()),
                    );
                    break;
                }
            }
        }
        if stores.is_empty() && !errors.has("stores") {
            errors.push(FieldError::new("stores", "err-stores-empty"));
        }
        stores.sort_by_key(|s| Store::ALL.iter().position(|x| x == s));
        let mut areas: Vec<CompetencyArea> = Vec::new();
        for code in input
            .competency_areas
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
        {
            let Some(area) = CompetencyArea::parse(code) else {
                errors.push(
                    FieldError::new("competency_areas", "err-unknown-code").arg("code", code),
                );
                break;
            };
            if !areas.contains(&area) {
                areas.push(area);
            }
        }
        if let Some(t) = offer_type
            && t.kind() == SolutionKind::Ip
            && !areas.is_empty()
        {
            errors.push(FieldError::new(
                "competency_areas",
                "err-areas-services-only",
            ));
        }
        areas.sort_by_key(|a| a.code());
        match (offer_type, errors.is_empty()) {
            (Some(offer_type), true) => Ok(ValidOffer {
                name: name.to_string(),
                offer_type,
                stores,
                transactable: input.transactable,
                competency_areas: areas,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(t: &str) -> OfferInput {
        OfferInput {
            name: "Contoso Analytics".into(),
            offer_type: t.into(),
            stores: vec!["appsource".into(), "azure_marketplace".into()],
            transactable: true,
            competency_areas: vec![],
        }
    }

    #[test]
    fn fourteen_offer_types_and_their_kinds() {
        assert_eq!(OfferType::ALL.len(), 14);
        let services: Vec<_> = OfferType::ALL
            .iter()
            .filter(|t| t.kind() == SolutionKind::Services)
            .collect();
        assert_eq!(
            services,
            vec![&OfferType::ConsultingService, &OfferType::ManagedService]
        );
        for t in OfferType::ALL {
            assert_eq!(OfferType::parse(t.code()), Some(*t));
        }
    }

    #[test]
    fn offers_validate_name_type_stores_and_areas() {
        let ok = ValidOffer::validate(&input("saas")).unwrap();
        assert_eq!(ok.stores, vec![Store::AzureMarketplace, Store::Appsource]);

        let mut bad = input("saas");
        bad.stores.clear();
        assert_eq!(ValidOffer::validate(&bad).unwrap_err().0[0].field, "stores");
        bad = input("cooking_app");
        assert_eq!(
            ValidOffer::validate(&bad).unwrap_err().0[0].field,
            "offer_type"
        );
        bad = input("saas");
        bad.competency_areas = vec!["devops".into()];
        assert_eq!(
            ValidOffer::validate(&bad).unwrap_err().0[0].key,
            "err-areas-services-only"
        );
        let mut services = input("consulting_service");
        services.competency_areas = vec!["devops".into(), "cloud_platform".into(), "devops".into()];
        assert_eq!(
            ValidOffer::validate(&services).unwrap().competency_areas,
            vec![CompetencyArea::CloudPlatform, CompetencyArea::Devops]
        );
        services.competency_areas = vec!["baking".into()];
        assert!(ValidOffer::validate(&services).is_err());
        bad = input("saas");
        bad.name = " ".into();
        assert_eq!(ValidOffer::validate(&bad).unwrap_err().0[0].field, "name");
    }

    #[test]
    fn publishing_needs_an_active_seller_account() {
        assert_eq!(publish(OfferState::Draft, true), Ok(OfferState::Live));
        assert_eq!(publish(OfferState::Stopped, true), Ok(OfferState::Live));
        assert_eq!(
            publish(OfferState::Draft, false),
            Err(PublishRefusal::SellerAccountInactive)
        );
        assert_eq!(
            publish(OfferState::Live, true),
            Err(PublishRefusal::AlreadyLive)
        );
        assert_eq!(stop(OfferState::Live), Some(OfferState::Stopped));
        assert_eq!(stop(OfferState::Draft), None);
        assert_eq!(stop(OfferState::Stopped), None);
    }
}

#[cfg(test)]
mod code_serde_tests {
    use super::*;

    /// Every code enum is written and read as its code, exactly.
    #[test]
    fn codes_round_trip_through_serde() {
        fn check<
            T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug + Copy,
        >(
            all: &[T],
            code: fn(T) -> &'static str,
        ) {
            for v in all {
                let json = serde_json::to_string(v).unwrap();
                assert_eq!(json, format!("\"{}\"", code(*v)));
                assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *v);
            }
            assert!(serde_json::from_str::<T>("\" x \"").is_err());
        }
        check(OfferType::ALL, OfferType::code);
        check(OfferState::ALL, OfferState::code);
        check(Store::ALL, Store::code);
        check(
            crate::document::DocumentKind::ALL,
            crate::document::DocumentKind::code,
        );
        check(
            crate::status::RequirementId::ALL,
            crate::status::RequirementId::code,
        );
        check(
            crate::review::ReviewState::ALL,
            crate::review::ReviewState::code,
        );
    }
}
