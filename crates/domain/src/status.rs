//! The status engine (SPEC section 5): facts + evaluation date -> checklist. Pure: no I/O,
//! no clock, no floating point. The same facts and date always give the same checklist.

use super::document::DocumentKind;
use super::money::{self, Month};
use super::offer::OfferType;
use super::offer::code_enum;
use super::org::Competency;
use super::reference::CompetencyArea;
use super::solution::{Contact, geographies_without_sales};
use chrono::NaiveDate;
use serde::Serialize;

code_enum!(
    /// The requirements of the status engine, in checklist order (SPEC 5): their codes are
    /// stable, the API answers with them and the translations name them (`req-name-<code>`).
    RequirementId {
        OfferTypeEligible = "offer_type_eligible",
        MpnAccount = "mpn_account",
        BusinessProfile = "business_profile",
        OfferLive = "offer_live",
        SalesContacts = "sales_contacts",
        ListingDetails = "listing_details",
        OnePager = "one_pager",
        PitchDeck = "pitch_deck",
        GoldCompetency = "gold_competency",
        IsvConnect = "isv_connect",
        RevenueThreshold = "revenue_threshold",
        TechnicalValidation = "technical_validation",
        ReferenceArchitecture = "reference_architecture",
    }
);

impl RequirementId {
    /// The requirement a document kind fulfils, if one does (the other kinds are optional).
    pub fn of_document(kind: DocumentKind) -> Option<RequirementId> {
        match kind {
            DocumentKind::OnePager => Some(RequirementId::OnePager),
            DocumentKind::PitchDeck => Some(RequirementId::PitchDeck),
            DocumentKind::ReferenceArchitecture => Some(RequirementId::ReferenceArchitecture),
            _ => None,
        }
    }
}

/// Statuses, lowest to highest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Marketplace,
    CoSellReady,
    AzureIpCoSell,
    BizappsCoSell,
}

impl Status {
    pub const ALL: &'static [Status] = &[
        Status::Marketplace,
        Status::CoSellReady,
        Status::AzureIpCoSell,
        Status::BizappsCoSell,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Marketplace => "marketplace",
            Status::CoSellReady => "co_sell_ready",
            Status::AzureIpCoSell => "azure_ip_co_sell",
            Status::BizappsCoSell => "bizapps_co_sell",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.iter().copied().find(|s| s.code() == code)
    }

    /// The level of the ladder: the two incentive statuses are both one step above
    /// co-sell ready (they apply to disjoint offer types).
    pub fn level(self) -> u8 {
        match self {
            Status::Marketplace => 0,
            Status::CoSellReady => 1,
            Status::AzureIpCoSell | Status::BizappsCoSell => 2,
        }
    }

    /// The lower of two statuses (for the shown status: awarded vs. supported now).
    pub fn lower(self, other: Status) -> Status {
        if other.level() < self.level() {
            other
        } else {
            self
        }
    }
}

impl AsRef<str> for Status {
    fn as_ref(&self) -> &str {
        self.code()
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl crate::codes::Code for Status {
    fn code(self) -> &'static str {
        Status::code(self)
    }

    fn parse(code: &str) -> Option<Status> {
        Status::parse(code)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    CoSellReady,
    AzureIpCoSell,
}

impl Group {
    pub fn code(self) -> &'static str {
        match self {
            Group::CoSellReady => "co_sell_ready",
            Group::AzureIpCoSell => "azure_ip_co_sell",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Met,
    Unmet,
    NotApplicable,
}

impl State {
    pub fn code(self) -> &'static str {
        match self {
            State::Met => "met",
            State::Unmet => "unmet",
            State::NotApplicable => "not_applicable",
        }
    }
}

/// Where a person fixes an unmet requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    ProgramFacts,
    BusinessProfile,
    Offer,
    Geographies,
    Contacts,
    Listing,
    Document(DocumentKind),
    Revenue,
    TechnicalValidation,
}

/// One requirement's verdict. `detail` is a translation key (`req-<id>-<variant>`) with its
/// arguments: a sentence saying why and, when unmet, what to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub id: RequirementId,
    pub group: Group,
    pub state: State,
    pub detail: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub fix: Option<Fix>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub status: Status,
    pub as_of: NaiveDate,
    pub requirements: Vec<Requirement>,
}

impl Checklist {
    /// The group whose status needs requirement `id` for this solution, or None where it
    /// applies to none (a document kind without one is then optional).
    pub fn required_for(&self, id: RequirementId) -> Option<Group> {
        self.requirements
            .iter()
            .find(|r| r.id == id && r.state != State::NotApplicable)
            .map(|r| r.group)
    }

    pub fn unmet(&self, group: Group) -> Vec<RequirementId> {
        self.requirements
            .iter()
            .filter(|r| r.group == group && r.state == State::Unmet)
            .map(|r| r.id)
            .collect()
    }

    /// The first unmet requirement, in checklist order: the next thing to do.
    pub fn next_step(&self) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.state == State::Unmet)
    }
}

/// Everything the engine looks at, for one solution on one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub offer_type: OfferType,
    pub offer_live: bool,
    pub offer_store_count: usize,
    pub transactable: bool,
    pub competency_areas: Vec<CompetencyArea>,
    pub has_mpn_id: bool,
    pub marketplace_account_active: bool,
    pub profile_missing: Vec<&'static str>,
    pub competencies: Vec<Competency>,
    pub isv_connect_enrolled_on: Option<NaiveDate>,
    pub geographies: Vec<String>,
    pub contacts: Vec<Contact>,
    pub listing_complete: bool,
    pub documents: Vec<DocumentKind>,
    /// The organization's `azure_consumed` revenue per month, in cents.
    pub azure_consumed: Vec<(Month, i64)>,
    /// This offer's `marketplace_billed` revenue per month, in cents.
    pub marketplace_billed: Vec<(Month, i64)>,
    /// The recorded technical validation: percent on Azure in hundredths of a percent.
    pub technical_validation: Option<i64>,
}

pub const REVENUE_THRESHOLD_CENTS: i64 = 10_000_000;
/// Strictly more than this (50.00%) passes technical validation.
pub const TECHNICAL_VALIDATION_PASS_ABOVE_BP: i64 = 5_000;
/// The longest note a technical validation keeps.
pub const VALIDATION_NOTE_MAX: usize = 2000;

/// The arguments of requirement sentences that are amounts in cents.
pub const AMOUNT_ARGS: &[&str] = &["consumed", "billed", "threshold"];
/// The arguments of requirement sentences that are percentages in basis points.
pub const PERCENT_ARGS: &[&str] = &["percent"];

pub const AZURE_IP_TYPES: &[OfferType] = &[
    OfferType::AzureApplication,
    OfferType::AzureContainer,
    OfferType::AzureVirtualMachine,
    OfferType::IotEdgeModule,
    OfferType::Saas,
];
pub const BIZAPPS_TYPES: &[OfferType] = &[
    OfferType::Dynamics365DataversePowerApps,
    OfferType::Dynamics365OperationsApps,
];
pub const NEVER_ELIGIBLE: &[OfferType] = &[
    OfferType::OfficeAddIn,
    OfferType::TeamsApp,
    OfferType::SharepointSolution,
];

struct Builder {
    list: Vec<Requirement>,
    group: Group,
}

impl Builder {
    fn add(
        &mut self,
        id: RequirementId,
        state: State,
        detail: &'static str,
        args: Vec<(&'static str, String)>,
        fix: Option<Fix>,
    ) {
        let fix = if state == State::Unmet { fix } else { None };
        self.list.push(Requirement {
            id,
            group: self.group,
            state,
            detail,
            args,
            fix,
        });
    }

    fn yes_no(
        &mut self,
        id: RequirementId,
        met: bool,
        met_key: &'static str,
        unmet_key: &'static str,
        fix: Fix,
    ) {
        if met {
            self.add(id, State::Met, met_key, vec![], None);
        } else {
            self.add(id, State::Unmet, unmet_key, vec![], Some(fix));
        }
    }
}

fn sum_in_window(rows: &[(Month, i64)], window: (Month, Month)) -> i64 {
    rows.iter()
        .filter(|(m, _)| money::in_window(*m, window))
        .map(|(_, c)| *c)
        .sum()
}

/// The first day after `as_of` on which [`evaluate`] could answer differently for the same
/// facts: the day after an active competency expires, an ISV Connect enrolment date still
/// ahead, or the first of next month (the trailing revenue window moves). What `evaluate`
/// says on `as_of` holds on every day before it, so a status stored with this date is
/// recomputed only when it may have changed.
pub fn holds_until(f: &Facts, as_of: NaiveDate) -> NaiveDate {
    let next_month = Month::of(as_of).minus(-1).first_day();
    let expiries = f
        .competencies
        .iter()
        .filter(|c| c.is_active(as_of))
        .filter_map(|c| c.expires_on.succ_opt());
    let enrolment = f.isv_connect_enrolled_on.filter(|on| *on > as_of);
    expiries.chain(enrolment).fold(next_month, NaiveDate::min)
}

/// Evaluates every requirement on `as_of` and derives the status.
pub fn evaluate(f: &Facts, as_of: NaiveDate) -> Checklist {
    let mut b = Builder {
        list: Vec::with_capacity(13),
        group: Group::CoSellReady,
    };

    // Co-sell ready.
    let eligible = !NEVER_ELIGIBLE.contains(&f.offer_type);
    if eligible {
        b.add(
            RequirementId::OfferTypeEligible,
            State::Met,
            "req-offer_type_eligible-met",
            vec![],
            None,
        );
    } else {
        b.add(
            RequirementId::OfferTypeEligible,
            State::Unmet,
            "req-offer_type_eligible-unmet",
            vec![("type", f.offer_type.code().into())],
            // An offer's type does not change: nothing on any page fixes this (SPEC 11).
            None,
        );
    }
    match (f.has_mpn_id, f.marketplace_account_active) {
        (true, true) => b.add(
            RequirementId::MpnAccount,
            State::Met,
            "req-mpn_account-met",
            vec![],
            None,
        ),
        (false, _) => b.add(
            RequirementId::MpnAccount,
            State::Unmet,
            "req-mpn_account-no-mpn",
            vec![],
            Some(Fix::ProgramFacts),
        ),
        (true, false) => b.add(
            RequirementId::MpnAccount,
            State::Unmet,
            "req-mpn_account-no-marketplace",
            vec![],
            Some(Fix::ProgramFacts),
        ),
    }
    if f.profile_missing.is_empty() {
        b.add(
            RequirementId::BusinessProfile,
            State::Met,
            "req-business_profile-met",
            vec![],
            None,
        );
    } else {
        b.add(
            RequirementId::BusinessProfile,
            State::Unmet,
            "req-business_profile-unmet",
            vec![("missing", f.profile_missing.join(", "))],
            Some(Fix::BusinessProfile),
        );
    }
    b.yes_no(
        RequirementId::OfferLive,
        f.offer_live && f.offer_store_count > 0,
        "req-offer_live-met",
        "req-offer_live-unmet",
        Fix::Offer,
    );
    if f.geographies.is_empty() {
        b.add(
            RequirementId::SalesContacts,
            State::Unmet,
            "req-sales_contacts-no-geographies",
            vec![],
            Some(Fix::Geographies),
        );
    } else {
        let uncovered = geographies_without_sales(&f.geographies, &f.contacts);
        if uncovered.is_empty() {
            b.add(
                RequirementId::SalesContacts,
                State::Met,
                "req-sales_contacts-met",
                vec![("count", f.geographies.len().to_string())],
                None,
            );
        } else {
            b.add(
                RequirementId::SalesContacts,
                State::Unmet,
                "req-sales_contacts-unmet",
                vec![("geographies", uncovered.join(", "))],
                Some(Fix::Contacts),
            );
        }
    }
    b.yes_no(
        RequirementId::ListingDetails,
        f.listing_complete,
        "req-listing_details-met",
        "req-listing_details-unmet",
        Fix::Listing,
    );
    let has = |k: DocumentKind| f.documents.contains(&k);
    b.yes_no(
        RequirementId::OnePager,
        has(DocumentKind::OnePager),
        "req-one_pager-met",
        "req-one_pager-unmet",
        Fix::Document(DocumentKind::OnePager),
    );
    b.yes_no(
        RequirementId::PitchDeck,
        has(DocumentKind::PitchDeck),
        "req-pitch_deck-met",
        "req-pitch_deck-unmet",
        Fix::Document(DocumentKind::PitchDeck),
    );
    if f.offer_type.kind() != super::offer::SolutionKind::Services {
        b.add(
            RequirementId::GoldCompetency,
            State::NotApplicable,
            "req-gold_competency-na",
            vec![],
            None,
        );
    } else if f.competency_areas.is_empty() {
        b.add(
            RequirementId::GoldCompetency,
            State::Unmet,
            "req-gold_competency-no-areas",
            vec![],
            Some(Fix::Offer),
        );
    } else {
        let missing: Vec<&str> = f
            .competency_areas
            .iter()
            .filter(|area| {
                !f.competencies
                    .iter()
                    .any(|c| c.area == **area && c.is_active(as_of))
            })
            .map(|area| area.code())
            .collect();
        if missing.is_empty() {
            b.add(
                RequirementId::GoldCompetency,
                State::Met,
                "req-gold_competency-met",
                vec![],
                None,
            );
        } else {
            b.add(
                RequirementId::GoldCompetency,
                State::Unmet,
                "req-gold_competency-unmet",
                vec![("areas", missing.join(", "))],
                Some(Fix::ProgramFacts),
            );
        }
    }
    if !BIZAPPS_TYPES.contains(&f.offer_type) {
        b.add(
            RequirementId::IsvConnect,
            State::NotApplicable,
            "req-isv_connect-na",
            vec![],
            None,
        );
    } else {
        match f.isv_connect_enrolled_on {
            Some(on) if on <= as_of => b.add(
                RequirementId::IsvConnect,
                State::Met,
                "req-isv_connect-met",
                vec![("date", on.to_string())],
                None,
            ),
            Some(on) => b.add(
                RequirementId::IsvConnect,
                State::Unmet,
                "req-isv_connect-later",
                vec![("date", on.to_string())],
                Some(Fix::ProgramFacts),
            ),
            None => b.add(
                RequirementId::IsvConnect,
                State::Unmet,
                "req-isv_connect-unmet",
                vec![],
                Some(Fix::ProgramFacts),
            ),
        }
    }
    let co_sell_ready = b.list.iter().all(|r| r.state != State::Unmet);

    // Azure IP co-sell incentive.
    b.group = Group::AzureIpCoSell;
    let azure_ip = AZURE_IP_TYPES.contains(&f.offer_type);
    if !azure_ip {
        for id in [
            RequirementId::RevenueThreshold,
            RequirementId::TechnicalValidation,
            RequirementId::ReferenceArchitecture,
        ] {
            b.add(id, State::NotApplicable, "req-azure-ip-na", vec![], None);
        }
    } else {
        let window = money::trailing_window(as_of);
        let consumed = sum_in_window(&f.azure_consumed, window);
        let billed = if f.transactable {
            sum_in_window(&f.marketplace_billed, window)
        } else {
            0
        };
        let args = vec![
            ("from", window.0.to_string()),
            ("to", window.1.to_string()),
            // Amounts travel as cents and percentages as basis points: each reader's
            // language writes them its own way (`AMOUNT_ARGS`, `PERCENT_ARGS`).
            ("consumed", consumed.to_string()),
            ("billed", billed.to_string()),
            ("threshold", REVENUE_THRESHOLD_CENTS.to_string()),
        ];
        if consumed >= REVENUE_THRESHOLD_CENTS {
            b.add(
                RequirementId::RevenueThreshold,
                State::Met,
                "req-revenue_threshold-consumed",
                args,
                None,
            );
        } else if f.transactable && billed >= REVENUE_THRESHOLD_CENTS {
            b.add(
                RequirementId::RevenueThreshold,
                State::Met,
                "req-revenue_threshold-billed",
                args,
                None,
            );
        } else if f.transactable {
            b.add(
                RequirementId::RevenueThreshold,
                State::Unmet,
                "req-revenue_threshold-unmet",
                args,
                Some(Fix::Revenue),
            );
        } else {
            b.add(
                RequirementId::RevenueThreshold,
                State::Unmet,
                "req-revenue_threshold-unmet-listing",
                args,
                Some(Fix::Revenue),
            );
        }
        let default_pass = f.transactable
            && matches!(
                f.offer_type,
                OfferType::AzureVirtualMachine | OfferType::AzureApplication
            );
        match f.technical_validation {
            Some(bp) if bp > TECHNICAL_VALIDATION_PASS_ABOVE_BP => b.add(
                RequirementId::TechnicalValidation,
                State::Met,
                "req-technical_validation-met",
                vec![("percent", bp.to_string())],
                None,
            ),
            Some(bp) => b.add(
                RequirementId::TechnicalValidation,
                State::Unmet,
                "req-technical_validation-failed",
                vec![("percent", bp.to_string())],
                Some(Fix::TechnicalValidation),
            ),
            None if default_pass => b.add(
                RequirementId::TechnicalValidation,
                State::Met,
                "req-technical_validation-default",
                vec![],
                None,
            ),
            None => b.add(
                RequirementId::TechnicalValidation,
                State::Unmet,
                "req-technical_validation-unmet",
                vec![],
                Some(Fix::TechnicalValidation),
            ),
        }
        b.yes_no(
            RequirementId::ReferenceArchitecture,
            has(DocumentKind::ReferenceArchitecture),
            "req-reference_architecture-met",
            "req-reference_architecture-unmet",
            Fix::Document(DocumentKind::ReferenceArchitecture),
        );
    }
    let azure_ip_met = azure_ip
        && b.list
            .iter()
            .filter(|r| r.group == Group::AzureIpCoSell)
            .all(|r| r.state == State::Met);

    let status = if !co_sell_ready {
        Status::Marketplace
    } else if azure_ip_met {
        Status::AzureIpCoSell
    } else if BIZAPPS_TYPES.contains(&f.offer_type) {
        Status::BizappsCoSell
    } else {
        Status::CoSellReady
    };
    Checklist {
        status,
        as_of,
        requirements: b.list,
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
pub(crate) mod tests;
