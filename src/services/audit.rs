//! Reading the audit log: program admins read every entry (or one organization's); an
//! account admin reads its own organization's and nothing else.

use crate::auth::CurrentUser;
use crate::db;
use crate::domain::ids::OrgId;
use crate::domain::roles::Role;
use crate::error::AppResult;
use crate::state::AppState;
use chrono::NaiveDate;

pub use crate::db::audit::{Filter, Row};

/// Builds the filter for this user: account admins are pinned to their organization.
pub fn filter_for(
    user: &CurrentUser,
    organization_id: Option<OrgId>,
    actor: &str,
    kind: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> AppResult<Filter> {
    let org = if user.has(Role::ProgramAdmin) {
        organization_id
    } else {
        user.require(&[Role::AccountAdmin])?;
        if let Some(asked) = organization_id {
            user.scope_org(asked)?;
        }
        user.organization_id
    };
    Ok(Filter {
        organization_id: org,
        actor_email: Some(actor.trim().to_lowercase()).filter(|s| !s.is_empty()),
        kind: Some(kind.trim().to_string()).filter(|s| !s.is_empty()),
        since: from
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc()),
        until: to
            .and_then(|d| d.succ_opt())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc()),
    })
}

/// One page of entries, newest first; the filter comes from [`filter_for`].
pub async fn list(
    state: &AppState,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> AppResult<Vec<Row>> {
    Ok(db::audit::list(&state.db, filter, limit, offset).await?)
}
