//! Reviewer pages: the queue (oldest first, filters, claim) and the review page (the page as
//! submitted, the live checklist, the documents viewable in the browser, a field-by-field diff
//! against the last approved revision, approve or request changes).

use super::{PageCtx, parse_form, render, see_other};
use crate::auth::CurrentUser;
use crate::db;
use crate::domain::offer::OfferType;
use crate::domain::status::Status;
use crate::error::{AppError, AppResult};
use crate::services::review::{self, QueueFilter, QueueItem, REVIEWERS};
use crate::services::solutions;
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct QueueQuery {
    offer_type: String,
    status: String,
    geography: String,
}

#[derive(Template)]
#[template(path = "review_queue.html")]
struct QueuePage {
    p: PageCtx,
    items: Vec<QueueItem>,
    q: QueueQuery,
    types: Vec<&'static str>,
    statuses: Vec<&'static str>,
}

impl QueuePage {
    fn waited(&self, seconds: &i64) -> String {
        let (d, h, m) = (
            seconds / 86_400,
            (seconds % 86_400) / 3600,
            (seconds % 3600) / 60,
        );
        if d > 0 {
            format!("{d} d {h} h")
        } else if h > 0 {
            format!("{h} h {m} min")
        } else {
            format!("{m} min")
        }
    }
}

pub async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    q: web::Query<QueueQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let filter = QueueFilter {
        offer_type: Some(q.offer_type.clone()),
        status: Some(q.status.clone()),
        geography: Some(q.geography.clone()),
    };
    let items = review::queue(&state, &user, &filter, 200, 0).await?;
    let p = PageCtx::new(&req, Some(&user));
    let page = QueuePage {
        p,
        items,
        q,
        types: OfferType::ALL.iter().map(|t| t.code()).collect(),
        statuses: [
            Status::CoSellReady,
            Status::AzureIpCoSell,
            Status::BizappsCoSell,
        ]
        .iter()
        .map(|s| s.code())
        .collect(),
    };
    render(StatusCode::OK, &page)
}

pub async fn claim(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let form: super::CsrfForm = parse_form(&body)?;
    user.check_csrf(&form.csrf)?;
    review::claim(&state, &user, *path).await?;
    Ok(see_other(&format!("/review/{}", *path)))
}

/// One line of the diff against the last approved revision.
pub struct DiffLine {
    pub field: &'static str,
    pub before: String,
    pub after: String,
    pub changed: bool,
}

fn text_of(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(", "),
        Value::Object(map) => {
            let name = map.get("name").map(text_of).unwrap_or_default();
            let email = map.get("email").map(text_of).unwrap_or_default();
            let role = map.get("role").map(text_of).unwrap_or_default();
            let geos = map.get("geographies").map(text_of).unwrap_or_default();
            format!("{name} <{email}> {role} [{geos}]")
        }
        other => other.to_string(),
    }
}

/// Field by field: listing, contacts, and which documents were replaced.
pub fn diff(before: Option<&Value>, after: &Value) -> Vec<DiffLine> {
    let empty = Value::Null;
    let b = before.unwrap_or(&empty);
    let mut lines: Vec<DiffLine> = [
        "geographies",
        "solution_areas",
        "industries",
        "customer_sizes",
        "pitch",
        "landing_page",
        "contacts",
    ]
    .into_iter()
    .map(|field| {
        let (x, y) = (text_of(&b[field]), text_of(&after[field]));
        DiffLine {
            field,
            changed: x != y,
            before: x,
            after: y,
        }
    })
    .collect();
    for kind in crate::domain::document::DocumentKind::ALL {
        let (x, y) = (
            &b["document_ids"][kind.code()],
            &after["document_ids"][kind.code()],
        );
        if x.is_null() && y.is_null() {
            continue;
        }
        let name = |doc_id: &Value, snapshot: &Value| {
            snapshot["documents"]
                .as_array()
                .and_then(|ds| ds.iter().find(|d| d["kind"] == kind.code()))
                .map(|d| text_of(&d["file_name"]))
                .filter(|_| !doc_id.is_null())
                .unwrap_or_default()
        };
        lines.push(DiffLine {
            field: kind.code(),
            changed: x != y,
            before: name(x, b),
            after: name(y, after),
        });
    }
    lines
}

pub struct DocLine {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    pub content_type: String,
    pub pages: Option<i64>,
    pub slides: Option<i64>,
    pub is_image: bool,
    pub inline: bool,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    p: PageCtx,
    sol: solutions::SolutionView,
    submitted: Option<Value>,
    docs: Vec<DocLine>,
    diff: Vec<DiffLine>,
    has_approved: bool,
    cl: super::checklist::ChecklistView,
    claimed_by: Option<String>,
    error: Option<String>,
    comments: Vec<db::review::CommentRow>,
    validation: Option<crate::services::validation::ValidationView>,
}

impl ReviewPage {
    fn field(&self, key: &str) -> String {
        self.submitted
            .as_ref()
            .map(|s| text_of(&s[key]))
            .unwrap_or_default()
    }
}

async fn review_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    err: Option<&AppError>,
) -> AppResult<HttpResponse> {
    user.require(REVIEWERS)?;
    let row = solutions::load(state, user, id).await?;
    let sol = solutions::view(state, user, id).await?;
    let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str::<Value>(&s).ok());
    let submitted = match row.submitted_revision_id {
        Some(r) => parse(db::catalog::revision(&state.db, r).await?),
        None => None,
    };
    let approved = match row.approved_revision_id {
        Some(r) => parse(db::catalog::revision(&state.db, r).await?),
        None => None,
    };
    let current_snapshot: Value = serde_json::from_str(&review::snapshot(&sol)).unwrap_or_default();
    let shown = submitted.as_ref().unwrap_or(&current_snapshot);
    let diff = diff(approved.as_ref(), shown);
    let mut docs = Vec::new();
    if let Some(ids) = shown["document_ids"].as_object() {
        for (kind, doc_id) in ids {
            if let Some(doc) = db::documents::find(&state.db, doc_id.as_i64().unwrap_or_default())
                .await?
                .filter(|d| d.solution_id == id)
            {
                docs.push(DocLine {
                    id: doc.id,
                    kind: kind.clone(),
                    inline: doc.content_type == "application/pdf"
                        || matches!(doc.content_type.as_str(), "image/png" | "image/jpeg"),
                    is_image: matches!(doc.content_type.as_str(), "image/png" | "image/jpeg"),
                    file_name: doc.file_name,
                    content_type: doc.content_type,
                    pages: doc.pages,
                    slides: doc.slides,
                });
            }
        }
    }
    let evaluated =
        crate::services::status::evaluate(state, user, id, chrono::Utc::now().date_naive()).await?;
    let comments = review::comments(state, user, id).await?;
    let validation = crate::services::validation::find(state, user, id).await?;
    let p = PageCtx::new(req, Some(user));
    let page = ReviewPage {
        comments,
        validation,
        cl: super::checklist::build(&p.tr, &evaluated),
        error: err.map(|e| e.message_in(&p.tr)),
        p,
        has_approved: approved.is_some(),
        submitted,
        docs,
        diff,
        claimed_by: row.claimed_by_email,
        sol,
    };
    render(err.map_or(StatusCode::OK, super::form_status), &page)
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    review_page(&req, &state, &user, *path, None).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DecisionForm {
    csrf: String,
    decision: String,
    reason: String,
}

pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let form: DecisionForm = parse_form(&body)?;
    user.check_csrf(&form.csrf)?;
    match review::decide(&state, &user, *path, &form.decision, Some(&form.reason)).await {
        Ok(_) => Ok(see_other("/review")),
        Err(e)
            if e.status.is_client_error()
                && e.status != StatusCode::NOT_FOUND
                && e.status != StatusCode::FORBIDDEN =>
        {
            review_page(&req, &state, &user, *path, Some(&e)).await
        }
        Err(e) => Err(e),
    }
}

/// A document shown in the browser for reviewers: PDFs and images inline, everything else as a
/// download; a sandbox policy makes sure a file can never run script in the portal's origin.
pub async fn view_document(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
) -> AppResult<HttpResponse> {
    user.require(REVIEWERS)?;
    let (id, doc_id) = path.into_inner();
    solutions::load(&state, &user, id).await?;
    let doc = db::documents::find(&state.db, doc_id)
        .await?
        .filter(|d| d.solution_id == id)
        .ok_or_else(AppError::not_found)?;
    let inline = doc.content_type == "application/pdf"
        || matches!(doc.content_type.as_str(), "image/png" | "image/jpeg");
    let stream = crate::services::documents::open(&state, &doc).await?;
    let disposition = if inline { "inline" } else { "attachment" };
    Ok(HttpResponse::Ok()
        .content_type(doc.content_type.as_str())
        .insert_header((header::CONTENT_DISPOSITION, format!("{disposition}; filename=\"{}\"", doc.file_name)))
        .insert_header((header::CONTENT_SECURITY_POLICY, "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; plugin-types application/pdf"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .streaming(stream))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CommentForm {
    csrf: String,
    body: String,
}

pub async fn comment(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let form: CommentForm = parse_form(&body)?;
    user.check_csrf(&form.csrf)?;
    match review::add_comment(&state, &user, *path, &form.body).await {
        Ok(()) => Ok(see_other(&format!("/review/{}#comments", *path))),
        Err(e) if !e.details.is_empty() => review_page(&req, &state, &user, *path, Some(&e)).await,
        Err(e) => Err(e),
    }
}
