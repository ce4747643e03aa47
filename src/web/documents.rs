//! The documents page of a solution: per kind the current file, the upload form (plain file
//! input; drag-and-drop with a progress bar when JavaScript runs), the history, and the
//! templates for the one-pager and the pitch deck.

use super::{PageCtx, form_outcome, render};
use crate::auth::CurrentUser;
use crate::domain::document::{DocumentKind, MIB};
use crate::domain::ids::DocumentId;
use crate::domain::ids::SolutionId;
use crate::domain::status::RequirementId;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Edit, Query, Read, Solution};
use crate::services::access::{self, Access, SolutionCtx};
use crate::services::documents::{self as docs, DocumentView, parse_kind};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

pub struct KindSection {
    pub kind: &'static str,
    /// The status group that needs this kind for this solution (`co_sell_ready`...); None:
    /// optional here.
    pub required_for: Option<&'static str>,
    pub max_bytes: u64,
    pub formats: String,
    pub accept: String,
    pub limit_mib: u64,
    pub max_pages: Option<i64>,
    pub current: Option<DocumentView>,
    pub history: Vec<DocumentView>,
    pub error: Option<String>,
    pub template: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "documents.html")]
struct DocumentsPage {
    p: PageCtx,
    solution_id: SolutionId,
    offer_name: String,
    /// The kinds this solution's statuses need, first; then the optional ones, compact.
    required: Vec<KindSection>,
    optional: Vec<KindSection>,
    can_edit: bool,
    uploaded: Option<String>,
    /// The solution's review state, shown at the top (`draft`, `submitted`...).
    review_state: &'static str,
    /// Submitted or in review: an upload takes it out of the queue, so the form asks first.
    waiting: bool,
}

impl DocumentsPage {
    fn size(&self, bytes: &i64) -> String {
        self.p.tr.number((*bytes).max(0) as u64)
    }
}

/// Where the project's own templates are served.
pub fn template_for(kind: DocumentKind) -> Option<&'static str> {
    match kind {
        DocumentKind::OnePager => Some("/templates/one-pager-template.pdf"),
        DocumentKind::PitchDeck => Some("/templates/pitch-deck-template.pptx"),
        _ => None,
    }
}

async fn documents_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    sol: &SolutionCtx,
    refused: Option<(DocumentKind, &AppError)>,
    uploaded: Option<String>,
) -> AppResult<HttpResponse> {
    let versions = docs::versions_of(state, sol).await?;
    let p = PageCtx::new(req, Some(user));
    let checklist =
        crate::services::status::evaluate_ctx(sol, chrono::Utc::now().date_naive())?.checklist;
    let (required, optional): (Vec<KindSection>, Vec<KindSection>) = DocumentKind::ALL
        .iter()
        .map(|kind| {
            let mut history: Vec<DocumentView> = versions
                .iter()
                .filter(|d| d.kind == *kind)
                .cloned()
                .collect();
            let current = history
                .iter()
                .position(|d| d.current)
                .map(|i| history.remove(i));
            KindSection {
                kind: kind.code(),
                required_for: RequirementId::of_document(*kind)
                    .and_then(|id| checklist.required_for(id))
                    .map(|g| g.code()),
                max_bytes: kind.max_bytes(),
                formats: kind.formats_label(),
                accept: kind
                    .formats()
                    .iter()
                    .map(|f| format!(".{},{}", f.extension(), f.content_type()))
                    .collect::<Vec<_>>()
                    .join(","),
                limit_mib: kind.max_bytes() / MIB,
                max_pages: kind.max_pages().map(i64::from),
                current,
                history,
                error: refused
                    .filter(|(k, _)| k == kind)
                    .map(|(_, e)| e.message_in(&p.tr)),
                template: template_for(*kind),
            }
        })
        .partition(|s| s.required_for.is_some());
    let status = refused.map_or(StatusCode::OK, |(_, e)| e.status());
    let page = DocumentsPage {
        p,
        solution_id: sol.id(),
        offer_name: sol.facts.row.offer_name.clone(),
        required,
        optional,
        can_edit: access::can(user, Access::Edit),
        uploaded,
        review_state: sol.review_state().code(),
        waiting: crate::domain::review::edit_withdraws_from_queue(sol.review_state()),
    };
    render(status, &page)
}

#[derive(Deserialize)]
pub struct UploadedQuery {
    uploaded: Option<String>,
}

pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    sol: Solution<Read>,
    q: Query<UploadedQuery>,
) -> AppResult<HttpResponse> {
    let uploaded = q
        .uploaded
        .as_deref()
        .and_then(DocumentKind::parse)
        .map(|k| k.code().to_string());
    documents_page(&req, &state, &user, &sol, None, uploaded).await
}

/// The path's `{kind}`; an unknown one is 404 like any unknown page.
fn kind_of(req: &HttpRequest) -> AppResult<DocumentKind> {
    parse_kind(req.match_info().get("kind").unwrap_or_default())
}

pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    sol: Solution<Edit>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let kind = kind_of(&req)?;
    let ctx = sol.into_inner();
    let id = ctx.id();
    let result = async {
        let received = crate::http::upload::receive(payload, &user, kind, &state.storage).await?;
        docs::store_upload(&state, &user, &ctx, kind, received).await
    }
    .await;
    form_outcome(
        result,
        |_| format!("/solutions/{id}/documents?uploaded={kind}#{kind}"),
        async |e| documents_page(&req, &state, &user, &ctx, Some((kind, &e)), None).await,
    )
    .await
}

pub async fn download(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String)>,
) -> AppResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    let row = docs::find(&state, &user, id, parse_kind(&kind)?, None).await?;
    crate::http::download(&state, &row).await
}

/// The current document's thumbnail (the documents page).
pub async fn thumbnail(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String)>,
) -> AppResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    let row = docs::find(&state, &user, id, parse_kind(&kind)?, None).await?;
    crate::http::thumbnail(&state, &row).await
}

/// The thumbnail of one version (a preview of what the catalog shows).
pub async fn thumbnail_version(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String, DocumentId)>,
) -> AppResult<HttpResponse> {
    let (id, kind, version) = path.into_inner();
    let row = docs::find(&state, &user, id, parse_kind(&kind)?, Some(version)).await?;
    crate::http::thumbnail(&state, &row).await
}

pub async fn download_version(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String, DocumentId)>,
) -> AppResult<HttpResponse> {
    let (id, kind, version) = path.into_inner();
    let row = docs::find(&state, &user, id, parse_kind(&kind)?, Some(version)).await?;
    crate::http::download(&state, &row).await
}

const ONE_PAGER_TEMPLATE: &[u8] = include_bytes!("../../static/templates/one-pager-template.pdf");
const PITCH_DECK_TEMPLATE: &[u8] =
    include_bytes!("../../static/templates/pitch-deck-template.pptx");

/// The project's templates, for anyone signed in.
pub async fn template(_user: CurrentUser, path: web::Path<String>) -> AppResult<HttpResponse> {
    let (bytes, content_type) = match path.as_str() {
        "one-pager-template.pdf" => (ONE_PAGER_TEMPLATE, "application/pdf"),
        "pitch-deck-template.pptx" => (
            PITCH_DECK_TEMPLATE,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        _ => return Err(AppError::not_found()),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", path.as_str()),
        ))
        .insert_header((header::CACHE_CONTROL, "private, max-age=86400"))
        .body(bytes))
}
