//! What every edit of a solution (a save, a contacts import, an upload) does besides writing
//! its own rows: a submitted, claimed, decided or withdrawn solution becomes a draft again,
//! in the same transaction, with an audit entry that tells the reviewer why it left the queue.

use super::access::SolutionCtx;
use crate::auth::CurrentUser;
use crate::db::audit::Entry;
use crate::domain::event::EventData;
use crate::domain::review::{ReviewState, edit_withdraws_from_queue};

/// How often an edit reads the solution again when a reviewer moved it meanwhile.
pub const ATTEMPTS: usize = 3;

/// The audit entry of an edit that makes a submitted, claimed, decided or withdrawn solution
/// a draft again (None for a draft), so the reviewer sees why it left the queue.
pub fn mark(actor: &CurrentUser, ctx: &SolutionCtx) -> Option<Entry> {
    let from = ctx.review_state();
    if from == ReviewState::Draft {
        return None;
    }
    let withdraws = edit_withdraws_from_queue(from);
    let kind = if withdraws {
        "withdrawn_by_edit"
    } else {
        "new_draft"
    };
    let entry = actor
        .audit(
            Some(ctx.organization_id()),
            kind,
            format!(
                "solution {}: {from} -> draft by an edit of {}",
                ctx.id(),
                actor.email
            ),
        )
        .on(ctx.id());
    // Taken out of the queue by the edit: the same event as a withdrawal.
    Some(if withdraws {
        entry.event(EventData::SolutionWithdrawn {
            solution_id: ctx.id(),
            offer_id: ctx.offer_id(),
        })
    } else {
        entry
    })
}
