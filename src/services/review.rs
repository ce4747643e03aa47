//! The review workflow (SPEC section 6): submit (with the automated review), withdraw, claim,
//! approve or request changes, the queue and the reviewers' comments. (What an edit does to
//! the review state is in `edits`; the frozen page is a `snapshot::Snapshot`.)

use super::access::{self, Access, SolutionCtx};
pub use super::snapshot::Snapshot;
use crate::auth::CurrentUser;
use crate::db::events::Said;
use crate::db::{self, review::Step};
use crate::domain::event::EventData;
use crate::domain::field::FieldError;
use crate::domain::ids::DocumentId;
use crate::domain::ids::RevisionId;
use crate::domain::ids::{OrgId, SolutionId};
use crate::domain::offer::OfferType;
use crate::domain::review::{Action, ReviewState, next};
use crate::domain::roles::REVIEWERS;
use crate::domain::status::{AZURE_IP_TYPES, BIZAPPS_TYPES, Group, Status};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use serde::Serialize;

pub const REASON_MAX: usize = 4000;

fn wrong_state(state: ReviewState) -> AppError {
    AppError::conflict(
        "wrong_state",
        format!("This is not possible while the solution is {state}."),
    )
}

/// Submit: every applicable co-sell-ready requirement must be met today, else 422 with the
/// unmet ids and nothing changes. The snapshot is of the page as read; the move is guarded on
/// its state and version, so an edit in between makes the submission fail, not go stale.
#[tracing::instrument(name = "review::submit", level = "debug", skip_all)]
pub async fn submit(state: &AppState, actor: &CurrentUser, id: SolutionId) -> AppResult<()> {
    let ctx = access::solution(state, actor, id, Access::Edit).await?;
    let from = ctx.review_state();
    let to = next(from, Action::Submit).ok_or_else(|| wrong_state(from))?;
    let evaluated = super::status::evaluate_ctx(&ctx, Utc::now().date_naive())?;
    let unmet = evaluated.checklist.unmet(Group::CoSellReady);
    if !unmet.is_empty() {
        return Err(AppError::Refused { unmet });
    }
    let audit = actor
        .audit(
            Some(ctx.organization_id()),
            "solution_submitted",
            format!("solution {id}: {from} -> {to} (version {})", ctx.version()),
        )
        .on(id)
        .told(
            EventData::SolutionSubmitted {
                solution_id: id,
                offer_id: ctx.offer_id(),
            },
            Said::offer(ctx.offer_name()),
        );
    if !db::review::submit(
        &state.db,
        id,
        from,
        ctx.version(),
        &Snapshot::of(&ctx).to_json(),
        &actor.email,
        &audit,
    )
    .await?
    {
        return Err(AppError::moved());
    }
    Ok(())
}

pub async fn withdraw(state: &AppState, actor: &CurrentUser, id: SolutionId) -> AppResult<()> {
    let ctx = access::solution(state, actor, id, Access::Edit).await?;
    let from = ctx.review_state();
    let to = next(from, Action::Withdraw).ok_or_else(|| wrong_state(from))?;
    let audit = actor
        .audit(
            Some(ctx.organization_id()),
            "solution_withdrawn",
            format!("solution {id}: {from} -> {to}"),
        )
        .on(id)
        .event(EventData::SolutionWithdrawn {
            solution_id: id,
            offer_id: ctx.offer_id(),
        });
    if !db::review::step(&state.db, id, from, Step::Withdraw, &audit).await? {
        return Err(AppError::moved());
    }
    Ok(())
}

#[tracing::instrument(name = "review::claim", level = "debug", skip_all)]
pub async fn claim(state: &AppState, actor: &CurrentUser, id: SolutionId) -> AppResult<()> {
    let ctx = access::solution(state, actor, id, Access::Review).await?;
    let from = ctx.review_state();
    if from == ReviewState::InReview {
        let by = ctx.facts.row.claimed_by_email.clone().unwrap_or_default();
        return Err(AppError::conflict(
            "already_claimed",
            format!("{by} has claimed this solution already."),
        ));
    }
    let to = next(from, Action::Claim).ok_or_else(|| wrong_state(from))?;
    let audit = actor
        .audit(
            Some(ctx.organization_id()),
            "solution_claimed",
            format!("solution {id}: {from} -> {to} by {}", actor.email),
        )
        .on(id)
        .told(
            EventData::SolutionClaimed {
                solution_id: id,
                offer_id: ctx.offer_id(),
            },
            Said {
                reviewer: Some(actor.email.clone()),
                ..Said::offer(ctx.offer_name())
            },
        );
    if !db::review::step(
        &state.db,
        id,
        from,
        Step::Claim { by: &actor.email },
        &audit,
    )
    .await?
    {
        return Err(AppError::moved());
    }
    Ok(())
}

/// Claims the first unclaimed solution of the queue as filtered and sorted, for "claim and
/// open the next". One another reviewer took first is passed over for the one after it.
pub async fn claim_next(
    state: &AppState,
    actor: &CurrentUser,
    filter: &QueueFilter,
    sort: QueueSort,
) -> AppResult<Option<SolutionId>> {
    const LOOK_AHEAD: super::Window = super::Window {
        limit: 50,
        offset: 0,
    };
    let items = queue(state, actor, filter, sort, LOOK_AHEAD).await?;
    for item in items.iter().filter(|i| i.claimed_by.is_none()) {
        let id = item.id;
        match claim(state, actor, id).await {
            Ok(()) => return Ok(Some(id)),
            // Claimed, withdrawn or decided meanwhile: the next one.
            Err(AppError::Conflict(_) | AppError::NotFound) => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// Approve (awards the engine's status at this moment) or request changes (a reason is
/// required; the partner sees it).
#[tracing::instrument(name = "review::decide", level = "debug", skip_all)]
pub async fn decide(
    state: &AppState,
    actor: &CurrentUser,
    id: SolutionId,
    decision: &str,
    reason: Option<&str>,
) -> AppResult<()> {
    let ctx = access::solution(state, actor, id, Access::Review).await?;
    let from = ctx.review_state();
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
        let awarded = super::status::evaluate_ctx(&ctx, Utc::now().date_naive())?
            .checklist
            .status;
        let detail = format!("solution {id}: {from} -> {to}, awarded {}", awarded.code());
        let audit = actor
            .audit(Some(ctx.organization_id()), "solution_approved", detail)
            .on(id)
            .told(
                EventData::SolutionApproved {
                    solution_id: id,
                    offer_id: ctx.offer_id(),
                    status: awarded,
                },
                Said::offer(ctx.offer_name()),
            );
        let entry = catalog_entry(state, &ctx, awarded).await?;
        db::catalog::approve(&state.db, id, from, &entry, &audit).await?
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
        let audit = actor
            .audit(Some(ctx.organization_id()), "changes_requested", detail)
            .on(id)
            .told(
                EventData::SolutionChangesRequested {
                    solution_id: id,
                    offer_id: ctx.offer_id(),
                },
                Said {
                    reason: Some(reason.to_string()),
                    ..Said::offer(ctx.offer_name())
                },
            );
        db::review::step(&state.db, id, from, Step::RequestChanges { reason }, &audit).await?
    };
    if !moved_ok {
        return Err(AppError::moved());
    }
    Ok(())
}

/// The catalog row of the revision being approved (the one that was submitted).
async fn catalog_entry(
    state: &AppState,
    ctx: &SolutionCtx,
    awarded: Status,
) -> AppResult<db::catalog::NewEntry> {
    let row = &ctx.facts.row;
    let rev = row.submitted_revision_id.ok_or_else(AppError::internal)?;
    let stored = db::catalog::revision(&state.db, rev)
        .await?
        .ok_or_else(AppError::internal)?;
    let snapshot = Snapshot::parse(&stored)?;
    let mut tags: Vec<(&'static str, String)> = Vec::new();
    tags.extend(snapshot.geographies.into_iter().map(|c| ("geography", c)));
    tags.extend(
        snapshot
            .industries
            .into_iter()
            .map(|c| ("industry", c.code().to_string())),
    );
    tags.extend(
        snapshot
            .solution_areas
            .into_iter()
            .map(|c| ("solution_area", c.code().to_string())),
    );
    Ok(db::catalog::NewEntry {
        solution_id: row.solution_id,
        organization_id: row.organization_id,
        organization_name: row
            .company_name
            .clone()
            .unwrap_or_else(|| row.organization_name.clone()),
        offer_id: row.offer_id,
        offer_name: snapshot.offer_name,
        offer_type: snapshot.offer_type,
        pitch: snapshot.pitch,
        awarded_status: awarded,
        tags,
    })
}

/// The status a solution can reach with its offer type, shown in the queue and filtered on.
pub fn status_sought(offer_type: OfferType) -> Status {
    if AZURE_IP_TYPES.contains(&offer_type) {
        Status::AzureIpCoSell
    } else if BIZAPPS_TYPES.contains(&offer_type) {
        Status::BizappsCoSell
    } else {
        Status::CoSellReady
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QueueItem {
    pub id: SolutionId,
    pub organization_id: OrgId,
    pub organization_name: String,
    pub offer_name: String,
    #[schema(schema_with = crate::domain::openapi::offer_type)]
    pub offer_type: OfferType,
    #[schema(schema_with = crate::domain::openapi::status)]
    pub status_sought: Status,
    #[schema(schema_with = crate::domain::openapi::review_state)]
    pub review_state: ReviewState,
    #[schema(schema_with = crate::domain::openapi::geographies)]
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

/// The queue's orders, by the codes the page's sort control sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueueSort {
    #[default]
    Waiting,
    StatusSought,
    Organization,
}

impl QueueSort {
    pub const ALL: &'static [QueueSort] = &[
        QueueSort::Waiting,
        QueueSort::StatusSought,
        QueueSort::Organization,
    ];

    pub fn code(self) -> &'static str {
        match self {
            QueueSort::Waiting => "waiting",
            QueueSort::StatusSought => "status",
            QueueSort::Organization => "organization",
        }
    }

    /// An unknown or empty code is the default order (a sort is not worth an error page).
    pub fn parse(code: &str) -> QueueSort {
        QueueSort::ALL
            .iter()
            .copied()
            .find(|s| s.code() == code)
            .unwrap_or_default()
    }

    fn order(self) -> db::review::QueueOrder {
        match self {
            QueueSort::Waiting => db::review::QueueOrder::Waiting,
            QueueSort::StatusSought => db::review::QueueOrder::StatusSought(status_rank_sql()),
            QueueSort::Organization => db::review::QueueOrder::Organization,
        }
    }
}

/// The rank of the status an offer type seeks, as an SQL expression over `o.offer_type`:
/// built once from the closed lists of offer types (codes only, so the text is safe).
fn status_rank_sql() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        let arms: String = OfferType::ALL
            .iter()
            .map(|t| {
                let sought = status_sought(*t);
                let rank = Status::ALL.iter().position(|s| *s == sought).unwrap_or(0);
                format!(" WHEN '{}' THEN {rank}", t.code())
            })
            .collect();
        format!("(CASE o.offer_type{arms} ELSE 0 END)")
    })
}

#[tracing::instrument(name = "review::queue", level = "debug", skip_all)]
pub async fn queue(
    state: &AppState,
    actor: &CurrentUser,
    filter: &QueueFilter,
    sort: QueueSort,
    window: super::Window,
) -> AppResult<Vec<QueueItem>> {
    actor.require(REVIEWERS)?;
    let mut types: Vec<OfferType> = OfferType::ALL.to_vec();
    if let Some(t) = filter.offer_type.as_deref().filter(|t| !t.is_empty()) {
        let t = OfferType::parse(t)
            .ok_or_else(|| FieldError::new("offer_type", "err-unknown-code").arg("code", t))?;
        types.retain(|c| *c == t);
    }
    if let Some(s) = filter.status.as_deref().filter(|s| !s.is_empty()) {
        let s = Status::parse(s)
            .ok_or_else(|| FieldError::new("status", "err-unknown-code").arg("code", s))?;
        types.retain(|c| status_sought(*c) == s);
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
    let all = types.len() == OfferType::ALL.len();
    let rows = db::review::queue(
        &state.db,
        (!all).then_some(types.as_slice()),
        geography.as_deref(),
        sort.order(),
        window.limit,
        window.offset,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| QueueItem {
            status_sought: status_sought(r.offer_type),
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

/// A reviewer's internal comment; partners never see them.
pub use crate::db::review::CommentRow as Comment;

/// What the review page shows besides the solution itself.
pub struct ReviewMaterial {
    /// The revision in the queue (or last submitted).
    pub submitted: Option<Snapshot>,
    /// The last approved revision, to compare with.
    pub approved: Option<Snapshot>,
    /// Every version of every document of the solution (the snapshots name theirs by id).
    pub documents: Vec<super::documents::DocumentView>,
    pub comments: Vec<Comment>,
}

/// Loads the review material of a solution loaded for review: three statements, whatever
/// the number of documents.
#[tracing::instrument(name = "review::material", level = "debug", skip_all)]
pub async fn material(state: &AppState, ctx: &SolutionCtx) -> AppResult<ReviewMaterial> {
    let row = &ctx.facts.row;
    let wanted: Vec<RevisionId> = [row.submitted_revision_id, row.approved_revision_id]
        .into_iter()
        .flatten()
        .collect();
    let revisions = db::review::revisions(&state.db, &wanted).await?;
    let find = |id: Option<RevisionId>| -> AppResult<Option<Snapshot>> {
        match id.and_then(|id| revisions.iter().find(|(r, _)| *r == id)) {
            Some((_, stored)) => Ok(Some(Snapshot::parse(stored)?)),
            None => Ok(None),
        }
    };
    Ok(ReviewMaterial {
        submitted: find(row.submitted_revision_id)?,
        approved: find(row.approved_revision_id)?,
        documents: db::documents::all_versions(&state.db, ctx.id())
            .await?
            .into_iter()
            .map(|row| super::documents::DocumentView::from_row(ctx.id(), row))
            .collect(),
        comments: db::review::comments(&state.db, ctx.id()).await?,
    })
}

/// One version of one of a solution's documents, for a reviewer to read in the browser.
pub async fn document(
    state: &AppState,
    actor: &CurrentUser,
    solution_id: SolutionId,
    document_id: DocumentId,
) -> AppResult<crate::db::documents::DocumentRow> {
    let ctx = access::solution(state, actor, solution_id, Access::Review).await?;
    db::documents::find(&state.db, document_id)
        .await?
        .filter(|d| d.solution_id == ctx.id())
        .ok_or_else(AppError::not_found)
}

/// The comments on a solution (reviewers only).
pub async fn comments(
    state: &AppState,
    actor: &CurrentUser,
    id: SolutionId,
) -> AppResult<Vec<Comment>> {
    access::solution(state, actor, id, Access::Review).await?;
    Ok(db::review::comments(&state.db, id).await?)
}

/// Adds a comment to a solution loaded for review.
pub async fn add_comment(
    state: &AppState,
    actor: &CurrentUser,
    ctx: &SolutionCtx,
    body: &str,
) -> AppResult<()> {
    access::may(actor, Access::Review)?;
    let body = body.trim();
    if body.is_empty() {
        return Err(FieldError::new("body", "err-required").into());
    }
    if body.chars().count() > COMMENT_MAX {
        return Err(FieldError::new("body", "err-too-long")
            .arg("max", COMMENT_MAX)
            .into());
    }
    Ok(db::review::add_comment(&state.db, ctx.id(), (actor.id, &actor.email), body).await?)
}

/// Keeps what a reviewer typed and has not sent yet (the reason for requesting changes, a
/// comment), so that leaving the page loses nothing (SPEC 11). What is kept is not checked
/// against the limits of sending, only bounded, so an over-long reason is kept to be cut.
pub async fn keep_draft(
    state: &AppState,
    actor: &CurrentUser,
    ctx: &SolutionCtx,
    reason: Option<&str>,
    comment: Option<&str>,
) -> AppResult<()> {
    access::may(actor, Access::Review)?;
    for (field, text, max) in [
        ("reason", reason, REASON_MAX),
        ("body", comment, COMMENT_MAX),
    ] {
        if text.is_some_and(|t| t.chars().count() > DRAFT_SLACK * max) {
            return Err(FieldError::new(field, "err-too-long")
                .arg("max", max)
                .into());
        }
    }
    Ok(db::review::keep_draft(&state.db, ctx.id(), actor.id, reason, comment).await?)
}

/// How many times a field's limit an unsent draft may hold.
const DRAFT_SLACK: usize = 4;
