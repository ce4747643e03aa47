//! The review state machine (SPEC section 6): which transitions are allowed, pure.
//! draft -> submitted -> in_review -> approved | changes_requested; an edit to a submitted,
//! in-review, changes-requested, approved or withdrawn solution makes it a draft again;
//! withdrawn by the partner at any point before approval.

use super::offer::code_enum;

code_enum!(
    /// Review states of a solution.
    ReviewState {
        Draft = "draft",
        Submitted = "submitted",
        InReview = "in_review",
        Approved = "approved",
        ChangesRequested = "changes_requested",
        Withdrawn = "withdrawn",
    }
);

/// What someone tries to do to a solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The partner saves the page (or uploads a document, or imports contacts).
    Edit,
    Submit,
    Withdraw,
    Claim,
    Approve,
    RequestChanges,
}

pub const ALL_ACTIONS: &[Action] = &[
    Action::Edit,
    Action::Submit,
    Action::Withdraw,
    Action::Claim,
    Action::Approve,
    Action::RequestChanges,
];

/// The state after `action`, or None when the action is not allowed in `state` (409).
pub fn next(state: ReviewState, action: Action) -> Option<ReviewState> {
    use Action::*;
    use ReviewState::*;
    match (state, action) {
        // Editing never fails: a frozen or decided revision goes back to a draft.
        (_, Edit) => Some(Draft),
        (Draft | ChangesRequested | Withdrawn, Submit) => Some(Submitted),
        (Submitted | InReview | ChangesRequested, Withdraw) => Some(Withdrawn),
        (Submitted, Claim) => Some(InReview),
        (InReview, Approve) => Some(Approved),
        (InReview, RequestChanges) => Some(ChangesRequested),
        _ => None,
    }
}

/// True when an edit in this state takes the solution out of the review queue.
pub fn edit_withdraws_from_queue(state: ReviewState) -> bool {
    matches!(state, ReviewState::Submitted | ReviewState::InReview)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use ReviewState::*;

    #[test]
    fn every_transition_allowed_and_refused() {
        let allowed: &[(ReviewState, Action, ReviewState)] = &[
            (Draft, Submit, Submitted),
            (ChangesRequested, Submit, Submitted),
            (Withdrawn, Submit, Submitted),
            (Submitted, Withdraw, Withdrawn),
            (InReview, Withdraw, Withdrawn),
            (ChangesRequested, Withdraw, Withdrawn),
            (Submitted, Claim, InReview),
            (InReview, Approve, Approved),
            (InReview, RequestChanges, ChangesRequested),
        ];
        for state in ReviewState::ALL {
            for action in ALL_ACTIONS {
                let expected = if *action == Edit {
                    Some(Draft)
                } else {
                    allowed
                        .iter()
                        .find(|(s, a, _)| s == state && a == action)
                        .map(|(_, _, to)| *to)
                };
                assert_eq!(next(*state, *action), expected, "{state} + {action:?}");
            }
        }
    }

    #[test]
    fn approval_cannot_be_withdrawn_and_decisions_need_a_claim() {
        assert_eq!(next(Approved, Withdraw), None);
        assert_eq!(
            next(Approved, Submit),
            None,
            "an approved solution is edited (a new draft) before it is submitted again"
        );
        assert_eq!(next(Submitted, Approve), None);
        assert_eq!(next(Draft, Claim), None);
        assert!(edit_withdraws_from_queue(Submitted) && edit_withdraws_from_queue(InReview));
        assert!(!edit_withdraws_from_queue(Approved));
    }
}
