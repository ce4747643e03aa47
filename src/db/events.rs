//! What people are told of (SPEC 12). An event is an audit entry with a [`Notice`]: writing
//! the entry writes, in the same statement batch and so the same transaction, one in-app
//! notification per person it concerns and one mail in the outbox for each of them who has
//! not turned that kind of mail off. Who it concerns is SQL on `users`, one text for both
//! backends, so nobody is told of an event that did not commit, and nobody is forgotten.

use crate::domain::event::EventData;
use crate::domain::ids::{OrgId, UserId};
use crate::domain::reference::CompetencyArea;
use crate::domain::status::Status;
use serde::Serialize;

/// Who is told of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Every reviewer (a submission).
    Reviewers,
    /// The co-sell admins of an organization (a claim, a decision, a lapse).
    CosellAdmins(OrgId),
    /// The managers of an organization (revenue imported).
    Managers(OrgId),
    /// The co-sell admins and managers of an organization: the partner side of a referral
    /// that has no owner there yet.
    ReferralPartners(OrgId),
    /// Every seller: the program side of a partner's request no seller has taken.
    Sellers,
    /// One person: the owner of a side of a referral.
    Person(UserId),
}

impl Audience {
    /// The `LIKE` patterns on the comma-joined roles; a person matches either.
    pub fn role_patterns(self) -> [&'static str; 2] {
        match self {
            Audience::Reviewers => ["%,reviewer,%"; 2],
            Audience::CosellAdmins(_) => ["%,cosell_admin,%"; 2],
            Audience::Managers(_) => ["%,manager,%"; 2],
            Audience::ReferralPartners(_) => ["%,cosell_admin,%", "%,manager,%"],
            Audience::Sellers => ["%,seller,%"; 2],
            Audience::Person(_) => ["%"; 2],
        }
    }

    pub fn organization(self) -> Option<OrgId> {
        match self {
            Audience::Reviewers | Audience::Sellers | Audience::Person(_) => None,
            Audience::CosellAdmins(o) | Audience::Managers(o) | Audience::ReferralPartners(o) => {
                Some(o)
            }
        }
    }

    pub fn person(self) -> Option<UserId> {
        match self {
            Audience::Person(u) => Some(u),
            _ => None,
        }
    }
}

/// What the words of a notice need beside the event's data (names, reasons, amounts: the
/// portal's own, never published with the event). Stored with the notification as one JSON
/// object with the data, so the bell and the mail put the same words together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Said {
    /// The offer's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offer: Option<String>,
    /// Who claimed the solution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// Why changes are requested.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The referral a notice is about (its page is the link).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referral_id: Option<crate::domain::ids::ReferralId>,
    /// The referral's customer company (not a contact detail).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// When the time to answer ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer_by: Option<chrono::NaiveDate>,
    /// What a status forecast says in words.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<ForecastSaid>,
}

impl Said {
    /// Words that name the offer only.
    pub fn offer(name: &str) -> Said {
        Said {
            offer: Some(name.to_string()),
            ..Said::default()
        }
    }
}

/// A status forecast in words: from which status to which on what day, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForecastSaid {
    pub status: Status,
    pub date: chrono::NaiveDate,
    #[serde(flatten)]
    pub cause: CauseSaid,
}

/// Why a status will drop, in the arguments its words take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "cause", rename_all = "snake_case")]
pub enum CauseSaid {
    Competency {
        area: CompetencyArea,
        expires: chrono::NaiveDate,
    },
    Revenue {
        from_month: String,
        to_month: String,
        consumed: i64,
        billed: i64,
        threshold: i64,
        not_imported: bool,
    },
}

/// Whom an event is told to and the words it needs: the notification's kind (its words and
/// its mail opt-out go by it), the audience, and the arguments as stored.
#[derive(Debug, Clone)]
pub struct Notice {
    pub kind: &'static str,
    pub audience: Audience,
    pub args: String,
}

impl Notice {
    /// The notice of `event` in organization `org`, or None for an event nobody is told of.
    /// A notice of `kind` to `audience`, in words `said` completes beside the event's data
    /// (or without an event: a reminder, a comment).
    pub fn to(
        kind: &'static str,
        audience: Audience,
        event: Option<&EventData>,
        said: &Said,
    ) -> Notice {
        let args = match event {
            Some(event) => args(event, said),
            None => serde_json::to_value(said).unwrap_or_else(|_| serde_json::json!({})),
        };
        Notice {
            kind,
            audience,
            args: args.to_string(),
        }
    }

    pub fn of(event: &EventData, org: Option<OrgId>, said: &Said) -> Option<Notice> {
        let cosell_admins = org.map(Audience::CosellAdmins);
        let (kind, audience) = match event {
            EventData::SolutionSubmitted { .. } => {
                ("solution_submitted", Some(Audience::Reviewers))
            }
            EventData::SolutionClaimed { .. } => ("solution_claimed", cosell_admins),
            EventData::SolutionApproved { .. } => ("solution_approved", cosell_admins),
            EventData::SolutionChangesRequested { .. } => ("changes_requested", cosell_admins),
            EventData::StatusLowered { .. } => ("shown_status_lowered", cosell_admins),
            EventData::StatusForecast { .. } => ("lapse_forecast", cosell_admins),
            EventData::RevenueImported { .. } => ("revenue_imported", org.map(Audience::Managers)),
            // A referral's notice goes to its other party, which the event cannot say:
            // the service names it (`Entry::told_to`).
            EventData::SolutionWithdrawn { .. }
            | EventData::DocumentUploaded { .. }
            | EventData::ReferralCreated { .. }
            | EventData::ReferralAccepted { .. }
            | EventData::ReferralDeclined { .. }
            | EventData::ReferralExpired { .. }
            | EventData::ReferralUpdated { .. }
            | EventData::ReferralWon { .. }
            | EventData::ReferralLost { .. } => {
                return None;
            }
        };
        Some(Notice {
            kind,
            audience: audience?,
            args: args(event, said).to_string(),
        })
    }
}

/// The event's data and the words beside it, as one JSON object (the words win a clash: a
/// forecast's `to` is the same status in both).
fn args(event: &EventData, said: &Said) -> serde_json::Value {
    let mut all = serde_json::to_value(event)
        .ok()
        .and_then(|v| v.get("data").cloned())
        .unwrap_or_else(|| serde_json::json!({}));
    if let (Some(all), Ok(serde_json::Value::Object(words))) =
        (all.as_object_mut(), serde_json::to_value(said))
    {
        all.extend(words);
    }
    all
}

/// Audit kinds after which the reviewers' notifications of a solution's submission are done
/// (read): it was decided or left the queue, or a new submission replaces the older one, so
/// the bell never shows two submissions of one solution nor one that needs nobody.
pub const CLOSES_SUBMISSION: &[&str] = &[
    "solution_submitted",
    "solution_approved",
    "changes_requested",
    "solution_withdrawn",
    "withdrawn_by_edit",
];

/// Marks a solution's unread submission notifications done. Binds: time, solution.
pub const SUBMISSION_DONE_SQL: &str = "UPDATE notifications SET read_at = $1 \
     WHERE solution_id = $2 AND kind = 'solution_submitted' AND read_at IS NULL";

/// One notification per person of the audience but the one who acted. Binds: kind,
/// organization, solution, args, time, role pattern, audience organization, actor, second
/// role pattern, audience person.
pub const NOTIFY_SQL: &str = "INSERT INTO notifications (user_id, kind, organization_id, solution_id, args, created_at) \
     SELECT u.id, $1, $2, $3, $4, $5 FROM users u \
     WHERE ((',' || u.roles || ',') LIKE $6 OR (',' || u.roles || ',') LIKE $9) \
     AND ($7 IS NULL OR u.organization_id = $7) AND ($10 IS NULL OR u.id = $10) AND u.id <> COALESCE($8, 0)";

/// One mail per person of the audience but the one who acted, unless they turned the kind
/// off; due at once. Binds as [`NOTIFY_SQL`].
pub const MAIL_SQL: &str = "INSERT INTO outbox (recipient, language, kind, organization_id, solution_id, args, created_at, next_attempt_at) \
     SELECT u.email, u.language, $1, $2, $3, $4, $5, $5 FROM users u \
     WHERE ((',' || u.roles || ',') LIKE $6 OR (',' || u.roles || ',') LIKE $9) \
     AND ($7 IS NULL OR u.organization_id = $7) AND ($10 IS NULL OR u.id = $10) AND u.id <> COALESCE($8, 0) \
     AND NOT EXISTS (SELECT 1 FROM mail_opt_outs m WHERE m.user_id = u.id AND m.kind = $1)";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{OfferId, SolutionId};

    const ORG: OrgId = OrgId(5);

    fn notice(event: EventData, said: Said) -> Notice {
        Notice::of(&event, Some(ORG), &said).expect("told")
    }

    #[test]
    fn each_told_event_has_its_kind_audience_and_words() {
        let (solution_id, offer_id) = (SolutionId(7), OfferId(3));
        let offer = || Said::offer("Contoso Analytics");
        let cases = [
            (
                notice(
                    EventData::SolutionSubmitted {
                        solution_id,
                        offer_id,
                    },
                    offer(),
                ),
                "solution_submitted",
                Audience::Reviewers,
                r#"{"solution_id":7,"offer_id":3,"offer":"Contoso Analytics"}"#,
            ),
            (
                notice(
                    EventData::SolutionClaimed {
                        solution_id,
                        offer_id,
                    },
                    Said {
                        reviewer: Some("rita@program.example".into()),
                        ..offer()
                    },
                ),
                "solution_claimed",
                Audience::CosellAdmins(ORG),
                r#"{"solution_id":7,"offer_id":3,"offer":"Contoso Analytics","reviewer":"rita@program.example"}"#,
            ),
            (
                notice(
                    EventData::SolutionApproved {
                        solution_id,
                        offer_id,
                        status: Status::CoSellReady,
                    },
                    offer(),
                ),
                "solution_approved",
                Audience::CosellAdmins(ORG),
                r#"{"solution_id":7,"offer_id":3,"status":"co_sell_ready","offer":"Contoso Analytics"}"#,
            ),
            (
                notice(
                    EventData::SolutionChangesRequested {
                        solution_id,
                        offer_id,
                    },
                    Said {
                        reason: Some("Add a pitch deck.".into()),
                        ..offer()
                    },
                ),
                "changes_requested",
                Audience::CosellAdmins(ORG),
                r#"{"solution_id":7,"offer_id":3,"offer":"Contoso Analytics","reason":"Add a pitch deck."}"#,
            ),
            (
                notice(
                    EventData::StatusLowered {
                        solution_id,
                        from: Status::AzureIpCoSell,
                        to: Status::CoSellReady,
                    },
                    offer(),
                ),
                "shown_status_lowered",
                Audience::CosellAdmins(ORG),
                r#"{"solution_id":7,"from":"azure_ip_co_sell","to":"co_sell_ready","offer":"Contoso Analytics"}"#,
            ),
            (
                notice(
                    EventData::StatusForecast {
                        solution_id,
                        from: Status::CoSellReady,
                        to: Status::Marketplace,
                        on: chrono::NaiveDate::from_ymd_opt(2027, 1, 6).unwrap(),
                        requirement: crate::domain::status::RequirementId::GoldCompetency,
                    },
                    Said {
                        forecast: Some(ForecastSaid {
                            status: Status::CoSellReady,
                            date: chrono::NaiveDate::from_ymd_opt(2027, 1, 6).unwrap(),
                            cause: CauseSaid::Competency {
                                area: CompetencyArea::DataAnalytics,
                                expires: chrono::NaiveDate::from_ymd_opt(2027, 1, 5).unwrap(),
                            },
                        }),
                        ..offer()
                    },
                ),
                "lapse_forecast",
                Audience::CosellAdmins(ORG),
                r#"{"solution_id":7,"from":"co_sell_ready","to":"marketplace","on":"2027-01-06","requirement":"gold_competency","offer":"Contoso Analytics","status":"co_sell_ready","date":"2027-01-06","cause":"competency","area":"data_analytics","expires":"2027-01-05"}"#,
            ),
            (
                notice(EventData::RevenueImported { rows: 4 }, Said::default()),
                "revenue_imported",
                Audience::Managers(ORG),
                r#"{"rows":4}"#,
            ),
        ];
        for (notice, kind, audience, args) in cases {
            assert_eq!(notice.kind, kind);
            assert_eq!(notice.audience, audience, "{kind}");
            // As JSON: the stored object's members may come in any order.
            let stored: serde_json::Value = serde_json::from_str(&notice.args).unwrap();
            let pinned: serde_json::Value = serde_json::from_str(args).unwrap();
            assert_eq!(stored, pinned, "{kind}");
        }
    }

    #[test]
    fn a_withdrawal_and_an_upload_are_events_nobody_is_told_of() {
        let solution_id = SolutionId(7);
        for event in [
            EventData::SolutionWithdrawn {
                solution_id,
                offer_id: OfferId(3),
            },
            EventData::DocumentUploaded {
                solution_id,
                document_id: crate::domain::ids::DocumentId(9),
                kind: crate::domain::document::DocumentKind::OnePager,
            },
        ] {
            assert!(Notice::of(&event, Some(ORG), &Said::default()).is_none());
        }
    }

    #[test]
    fn a_revenue_import_without_an_organization_tells_nobody() {
        let event = EventData::RevenueImported { rows: 1 };
        assert!(Notice::of(&event, None, &Said::default()).is_none());
    }
}
