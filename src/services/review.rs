//! The review workflow (SPEC section 6): submit (with the automated review), withdraw, claim,
//! approve or request changes, and the edit that makes a frozen or decided revision a draft.

use super::solutions::{SolutionView, load, load_for_edit, view};
use crate::auth::CurrentUser;
use crate::db::{self, review::Step, solutions::SolutionRow};
use crate::domain::field::FieldError;
use crate::domain::offer::OfferType;
use crate::domain::review::{Action, ReviewState, edit_withdraws_from_queue, next};
use crate::domain::roles::Role;
use crate::domain::status::{AZURE_IP_TYPES, BIZAPPS_TYPES, Group, Status};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use actix_web::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

pub const REVIEWERS: &[Role] = &[Role::Reviewer, Role::ProgramAdmin];
pub const REASON_MAX: usize = 4000;

fn state_of(row: &SolutionRow) -> ReviewState {
    ReviewState::parse(&row.review_state).unwrap_or(ReviewState::Draft)
}

fn wrong_state(state: ReviewState) -> AppError {
    AppError::conflict(
        "wrong_state",
        format!("This is not possible while the solution is {state}."),
    )
}

fn moved() -> AppError {
    AppError::conflict(
        "wrong_state",
        "The solution changed meanwhile; reload and try again.",
    )
}

/// The frozen copy of what the partner submitted: the page as the API shows it, plus the
/// offer and the ids of the documents current at that moment.
pub fn snapshot(v: &SolutionView) -> String {
    let mut value = serde_json::to_value(v).unwrap_or_default();
    value["offer_name"] = json!(v.offer_name);
    value["offer_type"] = json!(v.offer_type);
    value["document_ids"] = json!(
        v.documents
            .iter()
            .map(|d| (d.kind.clone(), d.id))
            .collect::<std::collections::BTreeMap<_, _>>()
    );
    value.to_string()
}

/// Submit: every applicable co-sell-ready requirement must be met today, else 422 with the
/// unmet ids and nothing changes.
pub async fn submit(state: &AppState, actor: &CurrentUser, id: i64) -> AppResult<()> {
    let row = load_for_edit(state, actor, id).await?;
    let from = state_of(&row);
    let to = next(from, Action::Submit).ok_or_else(|| wrong_state(from))?;
    let evaluated = super::status::evaluate_unchecked(state, id, Utc::now().date_naive()).await?;
    let unmet = evaluated.checklist.unmet(Group::CoSellReady);
    if !unmet.is_empty() {
        return Err(AppError {
            extra: Some(Box::new(("unmet", json!(unmet)))),
            ..AppError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "requirements_unmet",
                format!(
                    "The automated review found unmet co-sell ready requirements: {}.",
                    unmet.join(", ")
                ),
            )
        });
    }
    let current = view(state, actor, id).await?;
    let audit = actor.audit(
        Some(row.organization_id),
        "solution_submitted",
        format!(
            "solution {id}: {from} -> {to} (version {})",
            current.version
        ),
    );
    if !db::review::submit(
        &state.db,
        id,
        from.code(),
        &snapshot(&current),
        &actor.email,
        &audit,
    )
    .await?
    {
        return Err(moved());
    }
    Ok(())
}

pub async fn withdraw(state: &AppState, actor: &CurrentUser, id: i64) -> AppResult<()> {
    let row = load_for_edit(state, actor, id).await?;
    let from = state_of(&row);
    let to = next(from, Action::Withdraw).ok_or_else(|| wrong_state(from))?;
    let audit = actor.audit(
        Some(row.organization_id),
        "solution_withdrawn",
        format!("solution {id}: {from} -> {to}"),
    );
    if !db::review::step(&state.db, id, from.code(), Step::Withdraw, &audit).await? {
        return Err(moved());
    }
    Ok(())
}

pub async fn claim(state: &AppState, actor: &CurrentUser, id: i64) -> AppResult<()> {
    let row = load(state, actor, id).await?;
    actor.require(REVIEWERS)?;
    let from = state_of(&row);
    if from == ReviewState::InReview {
        let by = row.claimed_by_email.unwrap_or_default();
        return Err(AppError::conflict(
            "already_claimed",
            format!("{by} has claimed this solution already."),
        ));
    }
    let to = next(from, Action::Claim).ok_or_else(|| wrong_state(from))?;
    let audit = actor.audit(
        Some(row.organization_id),
        "solution_claimed",
        format!("solution {id}: {from} -> {to} by {}", actor.email),
    );
    if !db::review::step(
        &state.db,
        id,
        from.code(),
        Step::Claim { by: &actor.email },
        &audit,
    )
    .await?
    {
        return Err(moved());
    }
    Ok(())
}

/// Approve (awards the engine's status at this moment) or request changes (a reason is
/// required; the partner sees it).
pub async fn decide(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    decision: &str,
    reason: Option<&str>,
) -> AppResult<()> {
    let row = load(state, actor, id).await?;
    actor.require(REVIEWERS)?;
    let from = state_of(&row);
    let action = match decision {
        "approve" => Action::Approve,
        "request_changes" => Action::RequestChanges,
        other => {
            return Err(FieldError::new("decision", "err-unknown-code")
                .arg("code", other)
                .into());
        }
    };
    let to = next(from, action).ok_or_else(|| wrong_state(from))?;
    let moved_ok = if action == Action::Approve {
        // The award is the engine's status at this moment.
        let awarded = super::status::evaluate_unchecked(state, id, Utc::now().date_naive())
            .await?
            .checklist
            .status;
        let detail = format!("solution {id}: {from} -> {to}, awarded {}", awarded.code());
        let audit = actor.audit(Some(row.organization_id), "solution_approved", detail);
        let entry = catalog_entry(state, &row, awarded.code()).await?;
        db::catalog::approve(&state.db, id, from.code(), &entry, &audit).await?
    } else {
        let reason = reason
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .ok_or_else(|| FieldError::new("reason", "err-reason-required"))?;
        if reason.chars().count() > REASON_MAX {
            return Err(FieldError::new("reason", "err-too-long")
                .arg("max", REASON_MAX)
                .into());
        }
        let detail = format!("solution {id}: {from} -> {to}: {reason}");
        let audit = actor.audit(Some(row.organization_id), "changes_requested", detail);
        db::review::step(
            &state.db,
            id,
            from.code(),
            Step::RequestChanges { reason },
            &audit,
        )
        .await?
    };
    if !moved_ok {
        return Err(moved());
    }
    Ok(())
}

/// The catalog row of the revision being approved (the one that was submitted).
async fn catalog_entry(
    state: &AppState,
    row: &SolutionRow,
    awarded: &str,
) -> AppResult<db::catalog::NewEntry> {
    let rev = row.submitted_revision_id.ok_or_else(AppError::internal)?;
    let snapshot = db::catalog::revision(&state.db, rev)
        .await?
        .ok_or_else(AppError::internal)?;
    let v: serde_json::Value = serde_json::from_str(&snapshot).map_err(|_| AppError::internal())?;
    let org = db::orgs::find(&state.db, row.organization_id)
        .await?
        .ok_or_else(AppError::internal)?;
    let list = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut tags: Vec<(&'static str, String)> = Vec::new();
    tags.extend(list("geographies").into_iter().map(|c| ("geography", c)));
    tags.extend(list("industries").into_iter().map(|c| ("industry", c)));
    tags.extend(
        list("solution_areas")
            .into_iter()
            .map(|c| ("solution_area", c)),
    );
    Ok(db::catalog::NewEntry {
        solution_id: row.id,
        organization_id: row.organization_id,
        organization_name: org.company_name.unwrap_or(org.name),
        offer_id: row.offer_id,
        offer_name: v["offer_name"]
            .as_str()
            .unwrap_or(&row.offer_name)
            .to_string(),
        offer_type: v["offer_type"]
            .as_str()
            .unwrap_or(&row.offer_type)
            .to_string(),
        pitch: v["pitch"].as_str().unwrap_or_default().to_string(),
        awarded_status: awarded.to_string(),
        tags,
    })
}

/// After a partner's edit: a submitted, claimed, decided or withdrawn solution becomes a draft
/// again; taking it out of the queue is logged so the reviewer sees why it left.
pub async fn after_edit(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    organization_id: i64,
    review_state: &str,
) -> AppResult<()> {
    let from = ReviewState::parse(review_state).unwrap_or(ReviewState::Draft);
    if from == ReviewState::Draft {
        return Ok(());
    }
    let kind = if edit_withdraws_from_queue(from) {
        "withdrawn_by_edit"
    } else {
        "new_draft"
    };
    let audit = actor.audit(
        Some(organization_id),
        kind,
        format!(
            "solution {id}: {from} -> draft by an edit of {}",
            actor.email
        ),
    );
    // A concurrent transition is fine here: the edit has landed either way.
    db::review::step(&state.db, id, from.code(), Step::BackToDraft, &audit).await?;
    Ok(())
}

/// The status a solution can reach with its offer type, shown in the queue and filtered on.
pub fn status_sought(offer_type: &str) -> Status {
    match OfferType::parse(offer_type) {
        Some(t) if AZURE_IP_TYPES.contains(&t) => Status::AzureIpCoSell,
        Some(t) if BIZAPPS_TYPES.contains(&t) => Status::BizappsCoSell,
        _ => Status::CoSellReady,
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct QueueItem {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub offer_name: String,
    pub offer_type: String,
    pub status_sought: &'static str,
    pub review_state: String,
    pub geographies: Vec<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub waiting_seconds: i64,
    pub claimed_by: Option<String>,
}

pub struct QueueFilter {
    pub offer_type: Option<String>,
    pub status: Option<String>,
    pub geography: Option<String>,
}

pub async fn queue(
    state: &AppState,
    actor: &CurrentUser,
    filter: &QueueFilter,
    limit: i64,
    offset: i64,
) -> AppResult<Vec<QueueItem>> {
    actor.require(REVIEWERS)?;
    let mut types: Vec<&str> = OfferType::ALL.iter().map(|t| t.code()).collect();
    if let Some(t) = filter.offer_type.as_deref().filter(|t| !t.is_empty()) {
        let t = OfferType::parse(t)
            .ok_or_else(|| FieldError::new("offer_type", "err-unknown-code").arg("code", t))?;
        types.retain(|c| *c == t.code());
    }
    if let Some(s) = filter.status.as_deref().filter(|s| !s.is_empty()) {
        let s = Status::parse(s)
            .ok_or_else(|| FieldError::new("status", "err-unknown-code").arg("code", s))?;
        types.retain(|c| status_sought(c) == s);
    }
    if types.is_empty() {
        return Ok(Vec::new());
    }
    let geography = filter
        .geography
        .as_deref()
        .map(|g| g.trim().to_ascii_uppercase())
        .filter(|g| !g.is_empty());
    let now = Utc::now();
    let rows = db::review::queue(&state.db, &types, geography.as_deref(), limit, offset).await?;
    Ok(rows
        .into_iter()
        .map(|r| QueueItem {
            status_sought: status_sought(&r.offer_type).code(),
            waiting_seconds: r.submitted_at.map_or(0, |t| (now - t).num_seconds().max(0)),
            geographies: db::split_codes(&r.geographies),
            id: r.id,
            organization_id: r.organization_id,
            organization_name: r.organization_name,
            offer_name: r.offer_name,
            offer_type: r.offer_type,
            review_state: r.review_state,
            submitted_at: r.submitted_at,
            claimed_by: r.claimed_by_email,
        })
        .collect())
}

pub const COMMENT_MAX: usize = 4000;

/// Reviewers' internal comments; partners never see them.
pub async fn comments(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
) -> AppResult<Vec<db::review::CommentRow>> {
    load(state, actor, id).await?;
    actor.require(REVIEWERS)?;
    Ok(db::review::comments(&state.db, id).await?)
}

pub async fn add_comment(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    body: &str,
) -> AppResult<()> {
    load(state, actor, id).await?;
    actor.require(REVIEWERS)?;
    let body = body.trim();
    if body.is_empty() {
        return Err(FieldError::new("body", "err-required").into());
    }
    if body.chars().count() > COMMENT_MAX {
        return Err(FieldError::new("body", "err-too-long")
            .arg("max", COMMENT_MAX)
            .into());
    }
    Ok(db::review::add_comment(&state.db, id, &actor.email, body).await?)
}
