//! Reading the audit log: program admins read every entry (or one organization's); an
//! account admin reads its own organization's and nothing else.

use crate::auth::CurrentUser;
use crate::db;
use crate::domain::ids::AuditId;
use crate::domain::ids::{OrgId, UserId};
use crate::domain::roles::Role;
use crate::error::AppResult;
use crate::state::AppState;
use chrono::NaiveDate;

pub use crate::db::audit::Filter;
use chrono::{DateTime, Utc};

/// One entry of the audit log as the pages and the API show it (stored as written).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
#[schema(as = AuditEntry)]
pub struct Row {
    pub id: AuditId,
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<UserId>,
    pub actor_email: Option<String>,
    pub organization_id: Option<OrgId>,
    pub kind: String,
    pub detail: String,
    pub solution_id: Option<crate::domain::ids::SolutionId>,
}

impl From<db::audit::Row> for Row {
    fn from(r: db::audit::Row) -> Row {
        Row {
            id: r.id,
            at: r.at,
            actor_user_id: r.actor_user_id,
            actor_email: r.actor_email,
            organization_id: r.organization_id,
            kind: r.kind,
            detail: r.detail,
            solution_id: r.solution_id,
        }
    }
}

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
    let rows = db::audit::list(&state.db, filter, limit, offset).await?;
    Ok(rows.into_iter().map(Row::from).collect())
}

/// Every kind of entry the portal writes, in the order the audit page offers them as a filter.
pub const KINDS: &[&str] = &[
    "solution_saved",
    "contacts_changed",
    "document_uploaded",
    "document_replaced",
    "solution_created",
    "solution_submitted",
    "solution_withdrawn",
    "withdrawn_by_edit",
    "new_draft",
    "solution_claimed",
    "solution_approved",
    "changes_requested",
    "technical_validation",
    "offer_created",
    "offer_published",
    "offer_stopped",
    "organization_created",
    "program_facts_changed",
    "competencies_changed",
    "logo_uploaded",
    "revenue_imported",
    "user_created",
    "role_change",
    "user_removed",
    "password_changed",
    "sign_in_failed",
    "shown_status_lowered",
    "invitation_sent",
    "invitation_accepted",
    "invitation_revoked",
    "password_reset",
    "lapse_forecast",
    "referral_created",
    "referral_accepted",
    "referral_declined",
    "referral_updated",
    "referral_won",
    "referral_lost",
    "referral_commented",
    "referral_reminded",
    "referral_expired",
    "referral_contacts_blanked",
];

/// The organizations and solutions a page of entries names by number, by their names.
#[derive(Default)]
pub struct Names {
    pub organizations: std::collections::HashMap<i64, String>,
    pub solutions: std::collections::HashMap<i64, String>,
}

/// The organizations a program admin can filter the log on, by name.
pub async fn organization_choices(
    state: &AppState,
    actor: &CurrentUser,
) -> AppResult<Vec<(i64, String)>> {
    if !actor.has(Role::ProgramAdmin) {
        return Ok(Vec::new());
    }
    Ok(db::names::organizations(&state.db, 5000).await?)
}

pub async fn names(state: &AppState, rows: &[Row]) -> AppResult<Names> {
    use db::names::{Named, of};
    let orgs = rows.iter().filter_map(|r| r.organization_id.map(|o| o.0));
    let solutions = rows.iter().filter_map(|r| r.solution_id.map(|s| s.0));
    Ok(Names {
        organizations: of(&state.db, Named::Organizations, orgs).await?,
        solutions: of(&state.db, Named::Solutions, solutions).await?,
    })
}

/// One user's consecutive entries on one solution within this many minutes of the newest of
/// them are one line of the audit page (SPEC 6); the API lists every entry.
pub const GROUP_MINUTES: i64 = 10;

/// Folds a page of entries (newest first) into lines: a line is one entry, or a run of
/// consecutive entries by the same user on the same solution within [`GROUP_MINUTES`] of the
/// run's newest entry.
pub fn group(rows: Vec<Row>) -> Vec<Vec<Row>> {
    let mut lines: Vec<Vec<Row>> = Vec::new();
    for row in rows {
        if let Some(line) = lines.last_mut()
            && let Some(head) = line.first()
            && row.solution_id.is_some()
            && row.actor_user_id.is_some()
            && (row.solution_id, row.actor_user_id) == (head.solution_id, head.actor_user_id)
            && head.at - row.at <= chrono::Duration::minutes(GROUP_MINUTES)
        {
            line.push(row);
            continue;
        }
        lines.push(vec![row]);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::SolutionId;
    use chrono::{Duration, TimeZone, Utc};

    fn row(id: i64, minutes_ago: i64, user: Option<i64>, solution: Option<i64>) -> Row {
        Row {
            id: crate::domain::ids::AuditId(id),
            at: Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
                - Duration::minutes(minutes_ago),
            actor_user_id: user.map(crate::domain::ids::UserId),
            actor_email: user.map(|u| format!("u{u}@example.com")),
            organization_id: None,
            kind: "solution_saved".into(),
            detail: String::new(),
            solution_id: solution.map(SolutionId),
        }
    }

    #[test]
    fn one_users_run_on_one_solution_is_one_line() {
        let rows = vec![
            row(9, 0, Some(1), Some(7)),
            row(8, 2, Some(1), Some(7)),
            row(7, 10, Some(1), Some(7)), // 10 minutes after the newest: same line
            row(6, 11, Some(1), Some(7)), // 11 minutes: a new line
            row(5, 12, Some(2), Some(7)), // another user
            row(4, 13, Some(1), Some(8)), // another solution
            row(3, 14, Some(1), None),    // not about a solution: alone
            row(2, 15, Some(1), None),
            row(1, 16, None, Some(8)), // nobody's (the command line): alone
        ];
        let lines: Vec<Vec<i64>> = group(rows)
            .iter()
            .map(|l| l.iter().map(|r| r.id.0).collect())
            .collect();
        assert_eq!(
            lines,
            [
                vec![9, 8, 7],
                vec![6],
                vec![5],
                vec![4],
                vec![3],
                vec![2],
                vec![1]
            ]
        );
    }

    #[test]
    fn every_kind_has_words_in_both_languages() {
        for lang in crate::i18n::LANGS {
            let tr = crate::i18n::Tr::new(*lang);
            for kind in KINDS {
                let key = format!("audit-kind-{kind}");
                assert_ne!(tr.t(&key), key, "{kind} in {lang:?}");
            }
        }
    }
}
