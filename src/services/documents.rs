//! Use cases around collateral documents: take a received upload (already on disk, already
//! cut at the kind's limit), inspect it, stream it to storage, make it current; read the
//! current file and the history.

use super::access::{self, Access, SolutionCtx};
use crate::auth::CurrentUser;
use crate::db::{self, documents::DocumentRow, solutions::EditOutcome};
use crate::domain::document::{self as rules, DocumentKind, Format, Refusal};
use crate::domain::ids::DocumentId;
use crate::domain::ids::SolutionId;
use crate::domain::review;
use crate::error::{AppError, AppResult, Problem, Withdrawal};
use crate::state::AppState;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures_util::stream::BoxStream;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DocumentView {
    #[serde(skip)]
    pub id: DocumentId,
    #[schema(schema_with = crate::domain::openapi::document_kind)]
    pub kind: DocumentKind,
    pub file_name: String,
    pub size: i64,
    pub content_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pages: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slides: Option<i64>,
    pub uploaded_at: DateTime<Utc>,
    pub download_url: String,
    #[serde(skip)]
    pub uploaded_by: Option<String>,
    #[serde(skip)]
    pub current: bool,
    #[serde(skip)]
    pub width: Option<i64>,
    #[serde(skip)]
    pub height: Option<i64>,
}

impl DocumentView {
    pub fn from_row(solution_id: SolutionId, r: DocumentRow) -> DocumentView {
        let current = r.replaced_at.is_none();
        let download_url = if current {
            format!("/api/v1/solutions/{solution_id}/documents/{}", r.kind)
        } else {
            format!(
                "/api/v1/solutions/{solution_id}/documents/{}/versions/{}",
                r.kind, r.id
            )
        };
        DocumentView {
            id: r.id,
            kind: r.kind,
            file_name: r.file_name,
            size: r.size,
            content_type: r.content_type,
            pages: r.pages,
            slides: r.slides,
            uploaded_at: r.uploaded_at,
            download_url,
            uploaded_by: r.uploaded_by_email,
            current,
            width: r.width,
            height: r.height,
        }
    }

    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }
}

pub fn document_views(solution_id: SolutionId, rows: Vec<DocumentRow>) -> Vec<DocumentView> {
    rows.into_iter()
        .map(|r| DocumentView::from_row(solution_id, r))
        .collect()
}

pub fn parse_kind(code: &str) -> AppResult<DocumentKind> {
    DocumentKind::parse(code).ok_or_else(AppError::not_found)
}

/// A refusal of the inspection as an error with its status and a message next to `file`.
pub fn refusal_error(r: Refusal) -> AppError {
    match r.status {
        413 => AppError::TooLarge(Problem::of_field("too_large", &r.error)),
        415 => AppError::Unsupported(Problem::of_field("unsupported_media_type", &r.error)),
        _ => AppError::Rule(Problem::of_field("document_refused", &r.error)),
    }
}

/// An upload received into a temporary file (removed when this is dropped).
pub struct Received {
    pub file: tempfile::NamedTempFile,
    pub size: u64,
    pub original_name: String,
    /// The uploader agreed that the upload takes a solution waiting for review out of the
    /// queue (the pages ask first, SPEC 6; the API acts at once, SPEC 7).
    pub may_leave_review: bool,
}

/// Refused when the upload would take the solution out of review unasked.
fn leaves_review_unasked(solution: &SolutionCtx, received: &Received) -> AppResult<()> {
    if !received.may_leave_review && review::edit_withdraws_from_queue(solution.review_state()) {
        return Err(AppError::WaitingForReview(Withdrawal::Upload));
    }
    Ok(())
}

/// Inspects and stores an upload as the current document of `kind`. A refusal or a failure
/// leaves the previous document current and nothing new behind. The new row, its audit entry
/// and the move back to a draft commit together, guarded on the review state read.
#[tracing::instrument(name = "documents::store_upload", level = "debug", skip_all)]
pub async fn store_upload(
    state: &AppState,
    actor: &CurrentUser,
    solution: &SolutionCtx,
    kind: DocumentKind,
    received: Received,
) -> AppResult<DocumentView> {
    leaves_review_unasked(solution, &received)?;
    let mut solution = std::borrow::Cow::Borrowed(solution);
    let path = received.file.path().to_path_buf();
    let inspection = actix_web::web::block(move || rules::inspect(&path, kind))
        .await
        .map_err(|_| AppError::internal())?
        .map_err(refusal_error)?;
    let format: Format = inspection.format;
    let key = format!(
        "solutions/{}/{}/{}.{}",
        solution.id(),
        kind.code(),
        uuid::Uuid::new_v4().simple(),
        format.extension()
    );
    state
        .storage
        .put_file(&key, received.file.path())
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "storing a document failed");
            AppError::storage_unavailable()
        })?;
    let file_name = rules::safe_file_name(&received.original_name, format);
    for _ in 0..super::edits::ATTEMPTS {
        let replacing = solution.facts.documents.iter().any(|d| d.kind == kind);
        let detail = format!(
            "solution {}: {} {} {file_name} ({} bytes{}{})",
            solution.id(),
            kind,
            if replacing {
                "replaced by"
            } else {
                "uploaded:"
            },
            received.size,
            inspection
                .pages
                .map(|p| format!(", {p} pages"))
                .unwrap_or_default(),
            inspection
                .slides
                .map(|s| format!(", {s} slides"))
                .unwrap_or_default(),
        );
        let audit = actor
            .audit(
                Some(solution.organization_id()),
                if replacing {
                    "document_replaced"
                } else {
                    "document_uploaded"
                },
                detail,
            )
            .on(solution.id());
        let new = db::documents::NewDocument {
            solution_id: solution.id(),
            kind,
            storage_key: &key,
            file_name: &file_name,
            format,
            content_type: format.content_type(),
            size: received.size as i64,
            pages: inspection.pages.map(i64::from),
            slides: inspection.slides.map(i64::from),
            width: inspection.width.map(i64::from),
            height: inspection.height.map(i64::from),
            uploaded_by: actor.id,
            uploaded_by_email: &actor.email,
            uploaded_at: Utc::now(),
        };
        let mark = super::edits::mark(actor, &solution);
        let guard = db::solutions::EditGuard {
            from_state: solution.review_state(),
            mark: mark.as_ref(),
        };
        let outcome = match db::documents::insert_current(&state.db, &new, &guard, &audit).await {
            Ok(outcome) => outcome,
            Err(e) => {
                // The row did not land: take the stored bytes back out so nothing is left behind.
                let _ = state.storage.delete(&key).await;
                return Err(e.into());
            }
        };
        if let EditOutcome::Done(id) = outcome {
            let row = DocumentRow {
                id,
                solution_id: new.solution_id,
                kind: new.kind,
                storage_key: key.clone(),
                file_name: file_name.clone(),
                format: new.format,
                content_type: new.content_type.to_string(),
                size: new.size,
                pages: new.pages,
                slides: new.slides,
                width: new.width,
                height: new.height,
                uploaded_at: new.uploaded_at,
                uploaded_by_email: Some(actor.email.clone()),
                replaced_at: None,
            };
            super::thumbnails::schedule(state, &row);
            return Ok(DocumentView::from_row(row.solution_id, row));
        }
        // A reviewer moved the solution meanwhile: read it again and decide again.
        solution = match access::solution(state, actor, solution.id(), Access::Edit)
            .await
            .and_then(|s| leaves_review_unasked(&s, &received).map(|()| s))
        {
            Ok(s) => std::borrow::Cow::Owned(s),
            Err(e) => {
                let _ = state.storage.delete(&key).await;
                return Err(e);
            }
        };
    }
    let _ = state.storage.delete(&key).await;
    Err(AppError::moved())
}

/// The current document of `kind`, or one version of its history when `version` is given.
pub async fn find(
    state: &AppState,
    actor: &CurrentUser,
    solution_id: SolutionId,
    kind: DocumentKind,
    version: Option<DocumentId>,
) -> AppResult<DocumentRow> {
    let solution = access::solution(state, actor, solution_id, Access::Read).await?;
    let row = match version {
        Some(id) => db::documents::find(&state.db, id)
            .await?
            .filter(|d| d.solution_id == solution.id() && d.kind == kind),
        None => solution
            .facts
            .documents
            .into_iter()
            .find(|d| d.kind == kind),
    };
    row.ok_or_else(AppError::not_found)
}

#[tracing::instrument(name = "documents::open", level = "debug", skip_all)]
pub async fn open(
    state: &AppState,
    row: &DocumentRow,
) -> AppResult<BoxStream<'static, Result<Bytes, std::io::Error>>> {
    state.storage.get(&row.storage_key).await.map_err(|e| {
        tracing::error!(error = %e, key = %row.storage_key, "reading a document failed");
        AppError::storage_unavailable()
    })
}

pub async fn history(
    state: &AppState,
    actor: &CurrentUser,
    solution_id: SolutionId,
    kind: DocumentKind,
) -> AppResult<Vec<DocumentView>> {
    let solution = access::solution(state, actor, solution_id, Access::Read).await?;
    Ok(document_views(
        solution.id(),
        db::documents::history(&state.db, solution.id(), kind).await?,
    ))
}

/// Every version of every kind of a loaded solution (the documents page): one statement.
#[tracing::instrument(name = "documents::versions_of", level = "debug", skip_all)]
pub async fn versions_of(state: &AppState, solution: &SolutionCtx) -> AppResult<Vec<DocumentView>> {
    Ok(document_views(
        solution.id(),
        db::documents::all_versions(&state.db, solution.id()).await?,
    ))
}

pub async fn all_versions(
    state: &AppState,
    actor: &CurrentUser,
    solution_id: SolutionId,
) -> AppResult<Vec<DocumentView>> {
    let solution = access::solution(state, actor, solution_id, Access::Read).await?;
    Ok(document_views(
        solution.id(),
        db::documents::all_versions(&state.db, solution.id()).await?,
    ))
}

/// Deletes stored objects that no document row points at and that are older than `grace`
/// (a crash between storing the bytes and writing the row leaves such objects; the grace
/// period leaves uploads in flight alone), the thumbnails of such objects, and the staging
/// files of uploads cut in the middle. Returns how many were deleted.
pub async fn sweep_orphans(state: &AppState, grace: chrono::Duration) -> AppResult<usize> {
    let unavailable = |e: crate::storage::StorageError| {
        tracing::error!(error = %e, "sweeping document storage failed");
        AppError::storage_unavailable()
    };
    let objects = state.storage.list("solutions").await.map_err(unavailable)?;
    let known: std::collections::HashSet<String> = db::documents::all_storage_keys(&state.db)
        .await?
        .into_iter()
        .collect();
    let cutoff = Utc::now() - grace;
    let mut deleted = 0;
    for object in objects {
        let owner = super::thumbnails::owner_of(&object.key);
        if object.last_modified < cutoff && !known.contains(owner) {
            state
                .storage
                .delete(&object.key)
                .await
                .map_err(unavailable)?;
            tracing::info!(key = %object.key, "deleted an orphaned document object");
            deleted += 1;
        }
    }
    deleted += state
        .storage
        .sweep_unfinished("solutions", cutoff)
        .await
        .map_err(unavailable)?;
    Ok(deleted)
}
