//! The internal catalog for sellers, reviewers and program admins: approved solutions as their
//! last approved revision, searched by words and filtered, with the status shown today.

use super::documents::DocumentView;
use super::snapshot::Snapshot;
use super::solutions::ContactView;
use crate::auth::CurrentUser;
use crate::db::events::Said;
use crate::db::{self, catalog::EntryRow};
use crate::domain::document::DocumentKind;
use crate::domain::event::EventData;
use crate::domain::field::FieldError;
use crate::domain::ids::{OrgId, SolutionId};
use crate::domain::offer::OfferType;
use crate::domain::reference;
use crate::domain::reference::{Industry, SolutionArea};
use crate::domain::status::{self, Status};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

use crate::domain::roles::CATALOG_READERS;
pub const PAGE_SIZE: i64 = 20;

/// A catalog search. Pages read it from their query string as it is (unknown parameters such
/// as a campaign's `utm_source` are ignored there; the API refuses them with its own type).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Query {
    pub q: String,
    pub industry: String,
    pub geography: String,
    pub solution_area: String,
    pub offer_type: String,
    pub status: String,
    pub page: i64,
    /// Results per page: 20 unless asked (SPEC 7: 1 to 200 on every list).
    pub per_page: Option<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CatalogItem {
    pub id: SolutionId,
    pub organization_id: OrgId,
    pub organization_name: String,
    pub offer_name: String,
    #[schema(schema_with = crate::domain::openapi::offer_type)]
    pub offer_type: OfferType,
    pub pitch: String,
    #[schema(schema_with = crate::domain::openapi::status)]
    pub awarded_status: Status,
    #[schema(schema_with = crate::domain::openapi::status)]
    pub shown_status: Status,
    pub approved_at: DateTime<Utc>,
    /// Whether the organization has a logo to show beside it (pages only).
    #[serde(skip)]
    pub has_logo: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CatalogPage {
    pub items: Vec<CatalogItem>,
    pub page: i64,
    pub per_page: i64,
    pub has_next: bool,
    /// How many match (pages only; the API pages with `has_next`).
    #[serde(skip)]
    pub total: i64,
}

/// Words for full-text search: letters and digits only, lower case, at most 8.
pub fn words(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(8)
        .collect()
}

fn check(q: &Query) -> Result<(), FieldError> {
    let bad = |field: &'static str, code: &str| {
        Err(FieldError::new(field, "err-unknown-code").arg("code", code))
    };
    if !q.offer_type.is_empty() && OfferType::parse(&q.offer_type).is_none() {
        return bad("offer_type", &q.offer_type);
    }
    if !q.industry.is_empty() && Industry::parse(&q.industry).is_none() {
        return bad("industry", &q.industry);
    }
    if !q.solution_area.is_empty() && SolutionArea::parse(&q.solution_area).is_none() {
        return bad("solution_area", &q.solution_area);
    }
    if !q.geography.is_empty() && reference::country(&q.geography).is_none() {
        return bad("geography", &q.geography);
    }
    if !q.status.is_empty() && Status::parse(&q.status).is_none() {
        return bad("status", &q.status);
    }
    Ok(())
}

/// Stale entries recomputed per statement and transaction.
const REFRESH_BATCH: i64 = 200;

/// Recomputes the shown status of every entry whose stored one may no longer hold on `today`
/// (its day has come, or a fact changed), batch by batch, before a catalog query reads them:
/// with nothing stale this is one indexed statement. A recomputation that lowers a status
/// writes a `shown_status_lowered` audit entry (the lapse event) in the same transaction.
#[tracing::instrument(name = "catalog::refresh_shown", level = "debug", skip_all)]
pub async fn refresh_shown(state: &AppState, today: NaiveDate) -> AppResult<usize> {
    let mut refreshed = 0;
    loop {
        let stale = db::catalog::stale(&state.db, today, REFRESH_BATCH).await?;
        if stale.is_empty() {
            return Ok(refreshed);
        }
        let ids: Vec<SolutionId> = stale.iter().map(|e| e.solution_id).collect();
        let facts = db::facts::load_ids(&state.db, &ids).await?;
        let recomputed: Vec<_> = stale
            .iter()
            .map(|entry| {
                let raw = facts
                    .iter()
                    .find(|f| f.row.solution_id == entry.solution_id);
                recompute(entry, raw, today)
            })
            .collect();
        let stored = db::catalog::store_shown(&state.db, today, &recomputed).await?;
        refreshed += stored;
        // A short batch was the last; a batch of which nothing could be stored (other
        // instances or fact changes hold every row) is left for the next query.
        if (stale.len() as i64) < REFRESH_BATCH || stored == 0 {
            return Ok(refreshed);
        }
    }
}

/// The shown status of one entry on `today` (the lower of awarded and what the facts
/// support) and the day until which it holds.
fn recompute(
    entry: &db::catalog::StaleEntry,
    raw: Option<&db::facts::RawFacts>,
    today: NaiveDate,
) -> db::catalog::Recomputed {
    let facts = raw.and_then(db::facts::RawFacts::facts);
    let (supported, holds_until) = match &facts {
        Some(f) => (
            status::evaluate(f, today).status,
            status::holds_until(f, today),
        ),
        None => (Status::Marketplace, today.succ_opt().unwrap_or(today)),
    };
    // A solution no longer found, or never awarded a status, supports none above the marketplace.
    let awarded = raw
        .and_then(|r| r.row.awarded_status)
        .unwrap_or(Status::Marketplace);
    let shown = awarded.lower(supported);
    let before = entry.shown_status;
    let lowered = (shown.level() < before.level()).then(|| {
        db::audit::Entry::system(
            Some(entry.organization_id),
            "shown_status_lowered",
            format!(
                "solution {}: shown status lowered from {} to {} on {today}",
                entry.solution_id,
                before.code(),
                shown.code()
            ),
        )
        .on(entry.solution_id)
        .told(
            EventData::StatusLowered {
                solution_id: entry.solution_id,
                from: before,
                to: shown,
            },
            Said::offer(&entry.offer_name),
        )
    });
    db::catalog::Recomputed {
        solution_id: entry.solution_id,
        facts_version: entry.facts_version,
        status: shown,
        holds_until,
        lowered,
    }
}

/// The words and filters of a query, for the database.
fn filters<'a>(q: &'a Query, words: &'a [String]) -> db::catalog::Search<'a> {
    db::catalog::Search {
        words,
        offer_type: q.offer_type.trim(),
        industry: q.industry.trim(),
        geography: &q.geography,
        solution_area: q.solution_area.trim(),
        shown_status: q.status.trim(),
    }
}

fn item(r: EntryRow) -> CatalogItem {
    CatalogItem {
        shown_status: r.shown_status,
        id: r.solution_id,
        organization_id: r.organization_id,
        organization_name: r.organization_name,
        offer_name: r.offer_name,
        offer_type: r.offer_type,
        pitch: r.pitch,
        awarded_status: r.awarded_status,
        approved_at: r.approved_at,
        has_logo: r.has_logo,
    }
}

#[tracing::instrument(name = "catalog::search", level = "debug", skip_all)]
pub async fn search(state: &AppState, actor: &CurrentUser, mut q: Query) -> AppResult<CatalogPage> {
    actor.require(CATALOG_READERS)?;
    q.geography = q.geography.trim().to_ascii_uppercase();
    check(&q)?;
    let words = words(&q.q);
    let search = filters(&q, &words);
    let page = q.page.max(1);
    // The request layer refuses a `per_page` outside 1 to 200 (SPEC 7); held here as well.
    let per_page = q.per_page.unwrap_or(PAGE_SIZE).clamp(1, 200);
    refresh_shown(state, Utc::now().date_naive()).await?;
    let mut rows =
        db::catalog::search(&state.db, &search, per_page + 1, (page - 1) * per_page).await?;
    let has_next = rows.len() as i64 > per_page;
    rows.truncate(per_page as usize);
    Ok(CatalogPage {
        items: rows.into_iter().map(item).collect(),
        page,
        per_page,
        has_next,
        total: db::catalog::count(&state.db, &search).await?,
    })
}

/// At most this many rows go into one export (a search narrower than the whole catalog).
pub const EXPORT_MAX: usize = 5_000;

/// One exported result: the item and its tags (kind, code), as approved.
pub struct ExportRow {
    pub item: CatalogItem,
    pub tags: Vec<(String, String)>,
}

/// Every result of a search, newest approval first, up to [`EXPORT_MAX`], with their tags:
/// statements grow with the number of results (one batch of 200 at a time), not per row.
#[tracing::instrument(name = "catalog::export", level = "debug", skip_all)]
pub async fn export(
    state: &AppState,
    actor: &CurrentUser,
    mut q: Query,
) -> AppResult<Vec<ExportRow>> {
    actor.require(CATALOG_READERS)?;
    q.geography = q.geography.trim().to_ascii_uppercase();
    check(&q)?;
    let words = words(&q.q);
    let search = filters(&q, &words);
    refresh_shown(state, Utc::now().date_naive()).await?;
    const BATCH: i64 = 200;
    let mut out = Vec::new();
    let mut offset = 0;
    while out.len() < EXPORT_MAX {
        let rows = db::catalog::search(&state.db, &search, BATCH, offset).await?;
        let n = rows.len() as i64;
        let ids: Vec<SolutionId> = rows.iter().map(|r| r.solution_id).collect();
        let mut tags = db::catalog::tags(&state.db, &ids).await?;
        for r in rows {
            if out.len() >= EXPORT_MAX {
                break;
            }
            let mine = tags
                .iter_mut()
                .filter(|(id, _, _)| *id == r.solution_id)
                .map(|(_, kind, code)| (std::mem::take(kind), std::mem::take(code)))
                .collect();
            out.push(ExportRow {
                tags: mine,
                item: item(r),
            });
        }
        if n < BATCH {
            break;
        }
        offset += BATCH;
    }
    Ok(out)
}

/// One catalog entry: the last approved revision (never the draft being edited).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CatalogEntry {
    pub id: SolutionId,
    /// The organization and whether it has a logo (pages only).
    #[serde(skip)]
    pub organization_id: OrgId,
    #[serde(skip)]
    pub has_logo: bool,
    pub organization_name: String,
    pub offer_name: String,
    #[schema(schema_with = crate::domain::openapi::offer_type)]
    pub offer_type: OfferType,
    #[schema(schema_with = crate::domain::openapi::status)]
    pub awarded_status: Status,
    #[schema(schema_with = crate::domain::openapi::status)]
    pub shown_status: Status,
    /// None for a page not approved yet (a partner's preview).
    pub approved_at: Option<DateTime<Utc>>,
    pub revision: Snapshot,
    /// Contacts per geography of the solution (OOO contacts listed under each).
    pub contacts_by_geography: BTreeMap<String, Vec<ContactView>>,
    /// The approved revision's documents, each downloaded through the catalog.
    pub documents: Vec<DocumentView>,
}

/// The approved revision of a catalog entry.
async fn approved_revision(state: &AppState, row: &EntryRow) -> AppResult<Snapshot> {
    let stored = db::catalog::revision(&state.db, row.revision_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Snapshot::parse(&stored)
}

#[tracing::instrument(name = "catalog::entry", level = "debug", skip_all)]
pub async fn entry(
    state: &AppState,
    actor: &CurrentUser,
    id: SolutionId,
) -> AppResult<CatalogEntry> {
    actor.require(CATALOG_READERS)?;
    refresh_shown(state, Utc::now().date_naive()).await?;
    let row = db::catalog::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    entry_of(state, row).await
}

async fn entry_of(state: &AppState, row: EntryRow) -> AppResult<CatalogEntry> {
    let id = row.solution_id;
    let revision = approved_revision(state, &row).await?;
    let documents = revision
        .documents
        .iter()
        .map(|d| DocumentView {
            download_url: format!("/api/v1/catalog/{id}/documents/{}", d.kind),
            ..d.clone()
        })
        .collect();
    Ok(CatalogEntry {
        id: row.solution_id,
        organization_id: row.organization_id,
        has_logo: row.has_logo,
        organization_name: row.organization_name,
        offer_name: row.offer_name,
        offer_type: row.offer_type,
        awarded_status: row.awarded_status,
        shown_status: row.shown_status,
        approved_at: Some(row.approved_at),
        contacts_by_geography: contacts_by_geography(&revision),
        revision,
        documents,
    })
}

/// Contacts per geography of a revision (OOO contacts listed under each).
fn contacts_by_geography(revision: &Snapshot) -> BTreeMap<String, Vec<ContactView>> {
    revision
        .geographies
        .iter()
        .map(|g| {
            let covering = revision
                .contacts
                .iter()
                .filter(|c| c.geographies.iter().any(|x| x == "OOO" || x == g))
                .cloned()
                .collect();
            (g.clone(), covering)
        })
        .collect()
}

/// A solution's catalog entry as sellers see it now (none before its first approval), and
/// the page as it stands, as its entry would read once approved, with the status the
/// checklist supports today.
pub struct Preview {
    pub now: Option<CatalogEntry>,
    pub next: CatalogEntry,
}

/// The seller's view of a solution, for the partners who edit it (SPEC 11).
#[tracing::instrument(name = "catalog::preview", level = "debug", skip_all)]
pub async fn preview(state: &AppState, ctx: &super::access::SolutionCtx) -> AppResult<Preview> {
    refresh_shown(state, Utc::now().date_naive()).await?;
    let now = match db::catalog::find(&state.db, ctx.id()).await? {
        Some(row) => Some(entry_of(state, row).await?),
        None => None,
    };
    let revision = Snapshot::of(ctx);
    let supported = super::status::evaluate_ctx(ctx, Utc::now().date_naive())?
        .checklist
        .status;
    let row = &ctx.facts.row;
    let next = CatalogEntry {
        id: ctx.id(),
        organization_id: ctx.organization_id(),
        has_logo: row.logo_size.is_some(),
        organization_name: row
            .company_name
            .clone()
            .unwrap_or_else(|| row.organization_name.clone()),
        offer_name: revision.offer_name.clone(),
        offer_type: revision.offer_type,
        awarded_status: supported,
        shown_status: supported,
        approved_at: None,
        contacts_by_geography: contacts_by_geography(&revision),
        documents: revision.documents.clone(),
        revision,
    };
    Ok(Preview { now, next })
}

/// The document of `kind` as it was in the approved revision.
pub async fn document(
    state: &AppState,
    actor: &CurrentUser,
    id: SolutionId,
    kind: &str,
) -> AppResult<db::documents::DocumentRow> {
    actor.require(CATALOG_READERS)?;
    let row = db::catalog::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let revision = approved_revision(state, &row).await?;
    let doc_id = DocumentKind::parse(kind)
        .and_then(|kind| revision.document_ids.get(&kind).copied())
        .ok_or_else(AppError::not_found)?;
    db::documents::find(&state.db, doc_id)
        .await?
        .filter(|d| d.solution_id == id)
        .ok_or_else(AppError::not_found)
}
