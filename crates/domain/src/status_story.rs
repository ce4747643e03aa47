//! One status per solution, explained (SPEC 11). The status a solution has is its shown status
//! (what sellers and the program see). What the current facts support is not a second status
//! beside it: it appears only in the sentence that says why the two differ and what to do.

use super::review::ReviewState;
use super::status::Status;

/// Why a solution shows the status it shows, and what would change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Story {
    /// Never approved and not waiting for review: shown as on the marketplace; the facts
    /// support `supported` (submit to have it reviewed, or meet what is missing first).
    NotApproved { supported: Status },
    /// Never approved, submitted or being reviewed.
    Waiting { supported: Status },
    /// Approved, and the facts support exactly what was awarded.
    Holds { awarded: Status },
    /// Approved, and the facts now support more: the changes need a review of their own.
    Better { awarded: Status, supported: Status },
    /// Approved, but a requirement no longer met lowers what is shown.
    Lowered { awarded: Status, shown: Status },
}

impl Story {
    pub fn of(awarded: Option<Status>, supported: Status, review: ReviewState) -> Story {
        match awarded {
            None if matches!(review, ReviewState::Submitted | ReviewState::InReview) => {
                Story::Waiting { supported }
            }
            None => Story::NotApproved { supported },
            Some(a) if supported.level() < a.level() => Story::Lowered {
                awarded: a,
                shown: a.lower(supported),
            },
            Some(a) if supported.level() > a.level() => Story::Better {
                awarded: a,
                supported,
            },
            Some(a) => Story::Holds { awarded: a },
        }
    }

    /// The status the solution has (its shown status).
    pub fn shown(self) -> Status {
        match self {
            Story::NotApproved { .. } | Story::Waiting { .. } => Status::Marketplace,
            Story::Holds { awarded } | Story::Better { awarded, .. } => awarded,
            Story::Lowered { shown, .. } => shown,
        }
    }

    /// The translation key of the sentence that explains it; its arguments are `awarded`,
    /// `supported` and `shown` (status codes, turned into words by the caller).
    pub fn key(self) -> &'static str {
        match self {
            Story::NotApproved {
                supported: Status::Marketplace,
            } => "story-not-ready",
            Story::NotApproved { .. } => "story-not-approved",
            Story::Waiting { .. } => "story-waiting",
            Story::Holds { .. } => "story-holds",
            Story::Better { .. } => "story-better",
            Story::Lowered { .. } => "story-lowered",
        }
    }

    /// The statuses the sentence names, by argument name.
    pub fn args(self) -> Vec<(&'static str, Status)> {
        match self {
            Story::NotApproved { supported } | Story::Waiting { supported } => {
                vec![("supported", supported)]
            }
            Story::Holds { awarded } => vec![("awarded", awarded)],
            Story::Better { awarded, supported } => {
                vec![("awarded", awarded), ("supported", supported)]
            }
            Story::Lowered { awarded, shown } => vec![("awarded", awarded), ("shown", shown)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReviewState::*;
    use Status::*;

    #[test]
    fn one_status_with_its_reason() {
        let table: &[(Option<Status>, Status, ReviewState, Story, Status)] = &[
            (
                None,
                Marketplace,
                Draft,
                Story::NotApproved {
                    supported: Marketplace,
                },
                Marketplace,
            ),
            (
                None,
                CoSellReady,
                Draft,
                Story::NotApproved {
                    supported: CoSellReady,
                },
                Marketplace,
            ),
            // Submitted is not approved: it shows as on the marketplace, never "co-sell ready".
            (
                None,
                CoSellReady,
                Submitted,
                Story::Waiting {
                    supported: CoSellReady,
                },
                Marketplace,
            ),
            (
                None,
                AzureIpCoSell,
                InReview,
                Story::Waiting {
                    supported: AzureIpCoSell,
                },
                Marketplace,
            ),
            (
                Some(CoSellReady),
                CoSellReady,
                Approved,
                Story::Holds {
                    awarded: CoSellReady,
                },
                CoSellReady,
            ),
            (
                Some(CoSellReady),
                AzureIpCoSell,
                Draft,
                Story::Better {
                    awarded: CoSellReady,
                    supported: AzureIpCoSell,
                },
                CoSellReady,
            ),
            (
                Some(AzureIpCoSell),
                Marketplace,
                Approved,
                Story::Lowered {
                    awarded: AzureIpCoSell,
                    shown: Marketplace,
                },
                Marketplace,
            ),
            (
                Some(AzureIpCoSell),
                CoSellReady,
                Approved,
                Story::Lowered {
                    awarded: AzureIpCoSell,
                    shown: CoSellReady,
                },
                CoSellReady,
            ),
        ];
        for (awarded, supported, review, story, shown) in table {
            let got = Story::of(*awarded, *supported, *review);
            assert_eq!(got, *story, "{awarded:?} {supported:?} {review:?}");
            assert_eq!(got.shown(), *shown);
        }
    }

    #[test]
    fn the_shown_status_is_the_engines() {
        // The story's status agrees with the engine's rule: the lower of awarded and supported.
        for awarded in Status::ALL {
            for supported in Status::ALL {
                if awarded.level() == supported.level() && awarded != supported {
                    continue; // the two incentives never meet on one offer type
                }
                let story = Story::of(Some(*awarded), *supported, Approved);
                assert_eq!(story.shown(), awarded.lower(*supported));
            }
        }
    }
}
