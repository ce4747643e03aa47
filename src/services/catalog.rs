//! The internal catalog for sellers, reviewers and program admins: approved solutions as their
//! last approved revision, searched by words and filtered, with the status shown today.

use super::documents::DocumentView;
use super::snapshot::Snapshot;
use super::solutions::ContactView;
use crate::auth::CurrentUser;
use crate::db::{self, catalog::EntryRow};
use crate::domain::field::FieldError;
use crate::domain::ids::OrgId;
use crate::domain::offer::OfferType;
use crate::domain::reference;
use crate::domain::roles::Role;
use crate::domain::status::{self, Status};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

pub const CATALOG_READERS: &[Role] = &[Role::Seller, Role::Reviewer, Role::ProgramAdmin];
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
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CatalogItem {
    pub id: i64,
    pub organization_id: OrgId,
    pub organization_name: String,
    pub offer_name: String,
    #[schema(schema_with = crate::api::schema::offer_type)]
    pub offer_type: String,
    pub pitch: String,
    #[schema(schema_with = crate::api::schema::status)]
    pub awarded_status: String,
    #[schema(schema_with = crate::api::schema::status)]
    pub shown_status: &'static str,
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
    pub total: Total,
}

/// The number of results of a search: exact, or, with a shown-status filter on a page that
/// is not the last, a lower bound (each candidate's status is computed only as far as the
/// page needs; counting them all would evaluate every candidate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    Exact(i64),
    AtLeast(i64),
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
    if !q.industry.is_empty() && !reference::is_industry(&q.industry) {
        return bad("industry", &q.industry);
    }
    if !q.solution_area.is_empty() && !reference::is_solution_area(&q.solution_area) {
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

/// Shown status of each entry today: the lower of awarded and what the facts support.
async fn shown_statuses(
    state: &AppState,
    rows: &[EntryRow],
    today: NaiveDate,
) -> AppResult<BTreeMap<i64, Status>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.solution_id).collect();
    let facts = db::facts::load_ids(&state.db, &ids).await?;
    let mut out = BTreeMap::new();
    for raw in &facts {
        if let Some(f) = super::status::facts_from(raw) {
            let now = status::evaluate(&f, today).status;
            let awarded = raw
                .row
                .awarded_status
                .as_deref()
                .and_then(Status::parse)
                .unwrap_or(Status::Marketplace);
            out.insert(raw.row.solution_id.0, awarded.lower(now));
        }
    }
    Ok(out)
}

/// The words and filters of a query, for the database.
fn filters<'a>(q: &'a Query, words: &'a [String]) -> db::catalog::Search<'a> {
    db::catalog::Search {
        words,
        offer_type: q.offer_type.trim(),
        industry: q.industry.trim(),
        geography: &q.geography,
        solution_area: q.solution_area.trim(),
    }
}

fn item(r: EntryRow, shown: Status) -> CatalogItem {
    CatalogItem {
        id: r.solution_id,
        organization_id: r.organization_id,
        organization_name: r.organization_name,
        offer_name: r.offer_name,
        offer_type: r.offer_type,
        pitch: r.pitch,
        awarded_status: r.awarded_status,
        shown_status: shown.code(),
        approved_at: r.approved_at,
        has_logo: r.has_logo,
    }
}

pub async fn search(state: &AppState, actor: &CurrentUser, mut q: Query) -> AppResult<CatalogPage> {
    actor.require(CATALOG_READERS)?;
    q.geography = q.geography.trim().to_ascii_uppercase();
    check(&q)?;
    let words = words(&q.q);
    let search = filters(&q, &words);
    let page = q.page.max(1);
    let today = Utc::now().date_naive();
    let wanted = Status::parse(&q.status);
    let mut items = Vec::new();
    let mut has_next = false;
    // Without a status filter one query fills the page. With one, the shown status is computed
    // (it depends on today's facts) batch by batch until the page is full.
    let batch = if wanted.is_some() { 200 } else { PAGE_SIZE + 1 };
    let skip_target = (page - 1) * PAGE_SIZE;
    let mut skipped = 0;
    let mut offset = if wanted.is_some() { 0 } else { skip_target };
    loop {
        let rows = db::catalog::search(&state.db, &search, batch, offset).await?;
        let shown = shown_statuses(state, &rows, today).await?;
        let n = rows.len() as i64;
        for r in rows {
            let s = shown
                .get(&r.solution_id)
                .copied()
                .unwrap_or(Status::Marketplace);
            if wanted.is_some_and(|w| w != s) {
                continue;
            }
            if wanted.is_some() && skipped < skip_target {
                skipped += 1;
                continue;
            }
            if items.len() as i64 == PAGE_SIZE {
                has_next = true;
                break;
            }
            items.push(item(r, s));
        }
        if has_next || n < batch || wanted.is_none() {
            break;
        }
        offset += batch;
    }
    // With a status filter, `skipped` counted the matches of the earlier pages.
    let shown_so_far = skipped + items.len() as i64;
    let total = match (wanted, has_next) {
        (None, _) => Total::Exact(db::catalog::count(&state.db, &search).await?),
        (Some(_), false) => Total::Exact(shown_so_far),
        (Some(_), true) => Total::AtLeast(shown_so_far + 1),
    };
    Ok(CatalogPage {
        items,
        page,
        per_page: PAGE_SIZE,
        has_next,
        total,
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
    let wanted = Status::parse(&q.status);
    let today = Utc::now().date_naive();
    const BATCH: i64 = 200;
    let mut out = Vec::new();
    let mut offset = 0;
    while out.len() < EXPORT_MAX {
        let rows = db::catalog::search(&state.db, &search, BATCH, offset).await?;
        let n = rows.len() as i64;
        let shown = shown_statuses(state, &rows, today).await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.solution_id).collect();
        let mut tags = db::catalog::tags(&state.db, &ids).await?;
        for r in rows {
            let s = shown
                .get(&r.solution_id)
                .copied()
                .unwrap_or(Status::Marketplace);
            if wanted.is_some_and(|w| w != s) || out.len() >= EXPORT_MAX {
                continue;
            }
            let mine = tags
                .iter_mut()
                .filter(|(id, _, _)| *id == r.solution_id)
                .map(|(_, kind, code)| (std::mem::take(kind), std::mem::take(code)))
                .collect();
            out.push(ExportRow {
                tags: mine,
                item: item(r, s),
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
    pub id: i64,
    /// The organization and whether it has a logo (pages only).
    #[serde(skip)]
    pub organization_id: OrgId,
    #[serde(skip)]
    pub has_logo: bool,
    pub organization_name: String,
    pub offer_name: String,
    #[schema(schema_with = crate::api::schema::offer_type)]
    pub offer_type: String,
    #[schema(schema_with = crate::api::schema::status)]
    pub awarded_status: String,
    #[schema(schema_with = crate::api::schema::status)]
    pub shown_status: &'static str,
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

pub async fn entry(state: &AppState, actor: &CurrentUser, id: i64) -> AppResult<CatalogEntry> {
    actor.require(CATALOG_READERS)?;
    let row = db::catalog::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    entry_of(state, row).await
}

async fn entry_of(state: &AppState, row: EntryRow) -> AppResult<CatalogEntry> {
    let id = row.solution_id;
    let revision = approved_revision(state, &row).await?;
    let shown = shown_statuses(state, std::slice::from_ref(&row), Utc::now().date_naive()).await?;
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
        shown_status: shown
            .get(&id)
            .copied()
            .unwrap_or(Status::Marketplace)
            .code(),
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
pub async fn preview(state: &AppState, ctx: &super::access::SolutionCtx) -> AppResult<Preview> {
    let now = match db::catalog::find(&state.db, ctx.id().0).await? {
        Some(row) => Some(entry_of(state, row).await?),
        None => None,
    };
    let revision = Snapshot::of(ctx);
    let supported = super::status::evaluate_ctx(ctx, Utc::now().date_naive())?
        .checklist
        .status;
    let row = &ctx.facts.row;
    let next = CatalogEntry {
        id: ctx.id().0,
        organization_id: ctx.organization_id(),
        has_logo: row.logo_size.is_some(),
        organization_name: row
            .company_name
            .clone()
            .unwrap_or_else(|| row.organization_name.clone()),
        offer_name: revision.offer_name.clone(),
        offer_type: revision.offer_type.clone(),
        awarded_status: supported.code().to_string(),
        shown_status: supported.code(),
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
    id: i64,
    kind: &str,
) -> AppResult<db::documents::DocumentRow> {
    actor.require(CATALOG_READERS)?;
    let row = db::catalog::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let revision = approved_revision(state, &row).await?;
    let doc_id = *revision
        .document_ids
        .get(kind)
        .ok_or_else(AppError::not_found)?;
    db::documents::find(&state.db, doc_id)
        .await?
        .filter(|d| d.solution_id.0 == id)
        .ok_or_else(AppError::not_found)
}
