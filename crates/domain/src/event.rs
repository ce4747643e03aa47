//! The events of SPEC 15: what happened, as a typed value whose JSON is a public contract
//! (`{id, type, occurred_at, organization_id, data}`). `data` holds ids, codes, states and
//! dates only: never a name, a contact, an amount, a reason or a comment, so an event can go
//! to any system a partner connects without carrying what the pages keep to themselves.
//! The snapshot tests below pin each type's JSON: changing one breaks the partners' CRMs.

use crate::document::DocumentKind;
use crate::ids::{DocumentId, EventId, OfferId, OrgId, ReferralId, SolutionId};
use crate::referral::{Origin, Stage};
use crate::status::{RequirementId, Status};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What happened, by type (`type`), with its `data`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data")]
pub enum EventData {
    /// A co-sell admin submitted a solution for review.
    #[serde(rename = "solution.submitted")]
    SolutionSubmitted {
        solution_id: SolutionId,
        offer_id: OfferId,
    },
    /// A reviewer took a submitted solution.
    #[serde(rename = "solution.claimed")]
    SolutionClaimed {
        solution_id: SolutionId,
        offer_id: OfferId,
    },
    /// A reviewer approved a solution with the status it supports.
    #[serde(rename = "solution.approved")]
    SolutionApproved {
        solution_id: SolutionId,
        offer_id: OfferId,
        status: Status,
    },
    /// A reviewer asked for changes (the reason stays on the portal).
    #[serde(rename = "solution.changes_requested")]
    SolutionChangesRequested {
        solution_id: SolutionId,
        offer_id: OfferId,
    },
    /// The solution left the review queue: withdrawn, or edited while waiting.
    #[serde(rename = "solution.withdrawn")]
    SolutionWithdrawn {
        solution_id: SolutionId,
        offer_id: OfferId,
    },
    /// The status the catalog shows dropped (a competency expired, revenue fell short).
    #[serde(rename = "status.lowered")]
    StatusLowered {
        solution_id: SolutionId,
        from: Status,
        to: Status,
    },
    /// The status will drop on `on` unless `requirement` is met again.
    #[serde(rename = "status.forecast")]
    StatusForecast {
        solution_id: SolutionId,
        from: Status,
        to: Status,
        on: NaiveDate,
        requirement: RequirementId,
    },
    /// A new version of a document became current.
    #[serde(rename = "document.uploaded")]
    DocumentUploaded {
        solution_id: SolutionId,
        document_id: DocumentId,
        kind: DocumentKind,
    },
    /// Revenue of the organization was imported (one event per organization and import).
    #[serde(rename = "revenue.imported")]
    RevenueImported { rows: u32 },
    /// A seller referred a customer to a solution, or a partner asked for co-sell help.
    #[serde(rename = "referral.created")]
    ReferralCreated {
        referral_id: ReferralId,
        solution_id: SolutionId,
        origin: Origin,
    },
    /// The receiver accepted the deal (it is `qualified` now).
    #[serde(rename = "referral.accepted")]
    ReferralAccepted {
        referral_id: ReferralId,
        solution_id: SolutionId,
        stage: Stage,
    },
    /// The receiver declined (the reason stays on the portal).
    #[serde(rename = "referral.declined")]
    ReferralDeclined {
        referral_id: ReferralId,
        solution_id: SolutionId,
    },
    /// Nobody answered in time.
    #[serde(rename = "referral.expired")]
    ReferralExpired {
        referral_id: ReferralId,
        solution_id: SolutionId,
    },
    /// An accepted deal changed: its stage, value, close date, next steps or an owner.
    #[serde(rename = "referral.updated")]
    ReferralUpdated {
        referral_id: ReferralId,
        solution_id: SolutionId,
        stage: Stage,
    },
    /// The deal was won.
    #[serde(rename = "referral.won")]
    ReferralWon {
        referral_id: ReferralId,
        solution_id: SolutionId,
    },
    /// The deal was lost (the reason stays on the portal).
    #[serde(rename = "referral.lost")]
    ReferralLost {
        referral_id: ReferralId,
        solution_id: SolutionId,
    },
}

impl EventData {
    /// Every type, as `type` writes it.
    pub const TYPES: &'static [&'static str] = &[
        "solution.submitted",
        "solution.claimed",
        "solution.approved",
        "solution.changes_requested",
        "solution.withdrawn",
        "status.lowered",
        "status.forecast",
        "document.uploaded",
        "revenue.imported",
        "referral.created",
        "referral.accepted",
        "referral.declined",
        "referral.expired",
        "referral.updated",
        "referral.won",
        "referral.lost",
    ];

    /// The type, as `type` writes it.
    pub fn type_name(&self) -> &'static str {
        match self {
            EventData::SolutionSubmitted { .. } => "solution.submitted",
            EventData::SolutionClaimed { .. } => "solution.claimed",
            EventData::SolutionApproved { .. } => "solution.approved",
            EventData::SolutionChangesRequested { .. } => "solution.changes_requested",
            EventData::SolutionWithdrawn { .. } => "solution.withdrawn",
            EventData::StatusLowered { .. } => "status.lowered",
            EventData::StatusForecast { .. } => "status.forecast",
            EventData::DocumentUploaded { .. } => "document.uploaded",
            EventData::RevenueImported { .. } => "revenue.imported",
            EventData::ReferralCreated { .. } => "referral.created",
            EventData::ReferralAccepted { .. } => "referral.accepted",
            EventData::ReferralDeclined { .. } => "referral.declined",
            EventData::ReferralExpired { .. } => "referral.expired",
            EventData::ReferralUpdated { .. } => "referral.updated",
            EventData::ReferralWon { .. } => "referral.won",
            EventData::ReferralLost { .. } => "referral.lost",
        }
    }

    /// The referral the event is about, if it is about one.
    pub fn referral_id(&self) -> Option<ReferralId> {
        match self {
            EventData::ReferralCreated { referral_id, .. }
            | EventData::ReferralAccepted { referral_id, .. }
            | EventData::ReferralDeclined { referral_id, .. }
            | EventData::ReferralExpired { referral_id, .. }
            | EventData::ReferralUpdated { referral_id, .. }
            | EventData::ReferralWon { referral_id, .. }
            | EventData::ReferralLost { referral_id, .. } => Some(*referral_id),
            _ => None,
        }
    }

    /// The solution the event is about, if it is about one.
    pub fn solution_id(&self) -> Option<SolutionId> {
        match self {
            EventData::SolutionSubmitted { solution_id, .. }
            | EventData::SolutionClaimed { solution_id, .. }
            | EventData::SolutionApproved { solution_id, .. }
            | EventData::SolutionChangesRequested { solution_id, .. }
            | EventData::SolutionWithdrawn { solution_id, .. }
            | EventData::StatusLowered { solution_id, .. }
            | EventData::StatusForecast { solution_id, .. }
            | EventData::DocumentUploaded { solution_id, .. }
            | EventData::ReferralCreated { solution_id, .. }
            | EventData::ReferralAccepted { solution_id, .. }
            | EventData::ReferralDeclined { solution_id, .. }
            | EventData::ReferralExpired { solution_id, .. }
            | EventData::ReferralUpdated { solution_id, .. }
            | EventData::ReferralWon { solution_id, .. }
            | EventData::ReferralLost { solution_id, .. } => Some(*solution_id),
            EventData::RevenueImported { .. } => None,
        }
    }
}

/// An event as it is published: the envelope of SPEC 15 around its type and data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    #[serde(flatten)]
    pub data: EventData,
    pub occurred_at: DateTime<Utc>,
    pub organization_id: OrgId,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-07T10:30:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn one_of_each() -> Vec<EventData> {
        let solution_id = SolutionId(7);
        let offer_id = OfferId(3);
        vec![
            EventData::SolutionSubmitted {
                solution_id,
                offer_id,
            },
            EventData::SolutionClaimed {
                solution_id,
                offer_id,
            },
            EventData::SolutionApproved {
                solution_id,
                offer_id,
                status: Status::AzureIpCoSell,
            },
            EventData::SolutionChangesRequested {
                solution_id,
                offer_id,
            },
            EventData::SolutionWithdrawn {
                solution_id,
                offer_id,
            },
            EventData::StatusLowered {
                solution_id,
                from: Status::AzureIpCoSell,
                to: Status::CoSellReady,
            },
            EventData::StatusForecast {
                solution_id,
                from: Status::CoSellReady,
                to: Status::Marketplace,
                on: NaiveDate::from_ymd_opt(2027, 1, 6).unwrap(),
                requirement: RequirementId::GoldCompetency,
            },
            EventData::DocumentUploaded {
                solution_id,
                document_id: DocumentId(41),
                kind: DocumentKind::PitchDeck,
            },
            EventData::RevenueImported { rows: 12 },
            EventData::ReferralCreated {
                referral_id: ReferralId(21),
                solution_id,
                origin: Origin::Partner,
            },
            EventData::ReferralAccepted {
                referral_id: ReferralId(21),
                solution_id,
                stage: Stage::Qualified,
            },
            EventData::ReferralDeclined {
                referral_id: ReferralId(21),
                solution_id,
            },
            EventData::ReferralExpired {
                referral_id: ReferralId(21),
                solution_id,
            },
            EventData::ReferralUpdated {
                referral_id: ReferralId(21),
                solution_id,
                stage: Stage::TechnicalValidation,
            },
            EventData::ReferralWon {
                referral_id: ReferralId(21),
                solution_id,
            },
            EventData::ReferralLost {
                referral_id: ReferralId(21),
                solution_id,
            },
        ]
    }

    /// The published JSON of every type, pinned: a change here is a change of the public
    /// contract (SPEC 15) and needs a new type or version, not an edit.
    #[test]
    fn each_type_is_published_as_pinned() {
        let pinned = [
            r#"{"id":101,"type":"solution.submitted","data":{"solution_id":7,"offer_id":3},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":102,"type":"solution.claimed","data":{"solution_id":7,"offer_id":3},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":103,"type":"solution.approved","data":{"solution_id":7,"offer_id":3,"status":"azure_ip_co_sell"},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":104,"type":"solution.changes_requested","data":{"solution_id":7,"offer_id":3},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":105,"type":"solution.withdrawn","data":{"solution_id":7,"offer_id":3},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":106,"type":"status.lowered","data":{"solution_id":7,"from":"azure_ip_co_sell","to":"co_sell_ready"},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":107,"type":"status.forecast","data":{"solution_id":7,"from":"co_sell_ready","to":"marketplace","on":"2027-01-06","requirement":"gold_competency"},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":108,"type":"document.uploaded","data":{"solution_id":7,"document_id":41,"kind":"pitch_deck"},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":109,"type":"revenue.imported","data":{"rows":12},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":110,"type":"referral.created","data":{"referral_id":21,"solution_id":7,"origin":"partner"},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":111,"type":"referral.accepted","data":{"referral_id":21,"solution_id":7,"stage":"qualified"},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":112,"type":"referral.declined","data":{"referral_id":21,"solution_id":7},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":113,"type":"referral.expired","data":{"referral_id":21,"solution_id":7},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":114,"type":"referral.updated","data":{"referral_id":21,"solution_id":7,"stage":"technical_validation"},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":115,"type":"referral.won","data":{"referral_id":21,"solution_id":7},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
            r#"{"id":116,"type":"referral.lost","data":{"referral_id":21,"solution_id":7},"occurred_at":"2026-12-07T10:30:00Z","organization_id":5}"#,
        ];
        let events = one_of_each();
        assert_eq!(events.len(), pinned.len());
        for (n, (data, pinned)) in events.into_iter().zip(pinned).enumerate() {
            let event = Event {
                id: EventId(101 + n as i64),
                data,
                occurred_at: at(),
                organization_id: OrgId(5),
            };
            let json = serde_json::to_string(&event).unwrap();
            assert_eq!(json, pinned, "{}", event.data.type_name());
            let read: Event = serde_json::from_str(pinned).unwrap();
            assert_eq!(read, event, "{pinned}");
        }
    }

    #[test]
    fn every_type_is_listed_once_and_named_as_serde_writes_it() {
        let events = one_of_each();
        let names: Vec<&str> = events.iter().map(EventData::type_name).collect();
        assert_eq!(names, EventData::TYPES);
        for e in &events {
            let json = serde_json::to_value(e).unwrap();
            assert_eq!(json["type"], e.type_name());
        }
    }

    #[test]
    fn data_holds_ids_codes_states_and_dates_only() {
        // Every value of `data` is a number (an id or a count), a code, a state or a date.
        let code = |s: &str| {
            s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        };
        for e in one_of_each() {
            let json = serde_json::to_value(&e).unwrap();
            for (name, value) in json["data"].as_object().unwrap() {
                let ok = value.is_u64() || value.as_str().is_some_and(code);
                assert!(ok, "{}: {name} = {value}", e.type_name());
            }
        }
    }
}
