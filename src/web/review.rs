//! Reviewer pages: the queue (oldest first, filters, claim) and the review page (the page as
//! submitted, the live checklist, the documents viewable in the browser, a field-by-field diff
//! against the last approved revision, approve or request changes).

use super::flash::Flash;
use super::{CsrfForm, Done, NoFields, PageCtx, form_outcome, render};
use crate::auth::CurrentUser;
use crate::domain::document::DocumentKind;
use crate::domain::ids::DocumentId;
use crate::domain::ids::SolutionId;
use crate::domain::offer::OfferType;
use crate::domain::review::ReviewState;
use crate::domain::status::Status;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Query, Review, Solution};
use crate::i18n::Tr;
use crate::services::Window;
use crate::services::access::{self, Access, SolutionCtx};
use crate::services::documents::DocumentView;
use crate::services::review::{self, QueueFilter, QueueItem, QueueSort, Snapshot};
use crate::services::{snapshot, solutions};
use crate::services::{status, validation};
use crate::state::AppState;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct QueueQuery {
    offer_type: String,
    status: String,
    geography: String,
    sort: String,
}

impl QueueQuery {
    fn filter(&self) -> QueueFilter {
        QueueFilter {
            offer_type: Some(self.offer_type.clone()),
            status: Some(self.status.clone()),
            geography: Some(self.geography.clone()),
        }
    }

    fn sort(&self) -> QueueSort {
        QueueSort::parse(&self.sort)
    }

    /// The queue's address with these filters and this order.
    fn href(&self) -> String {
        let query = serde_html_form::to_string([
            ("offer_type", &self.offer_type),
            ("status", &self.status),
            ("geography", &self.geography),
            ("sort", &self.sort),
        ])
        .unwrap_or_default();
        format!("/review?{query}")
    }
}

#[derive(Template)]
#[template(path = "review_queue.html")]
struct QueuePage {
    p: PageCtx,
    items: Vec<QueueItem>,
    q: QueueQuery,
    types: Vec<&'static str>,
    statuses: Vec<&'static str>,
    sorts: Vec<&'static str>,
    /// Some submission nobody has claimed yet (for "claim and open the next").
    any_unclaimed: bool,
}

impl QueuePage {
    fn waited(&self, seconds: &i64) -> String {
        let (d, h, m) = (
            seconds / 86_400,
            (seconds % 86_400) / 3600,
            (seconds % 3600) / 60,
        );
        let (key, args) = if d > 0 {
            ("waited-days", vec![("d", d), ("h", h)])
        } else if h > 0 {
            ("waited-hours", vec![("h", h), ("m", m)])
        } else {
            ("waited-minutes", vec![("m", m)])
        };
        let args: Vec<(&str, String)> = args.into_iter().map(|(k, v)| (k, v.to_string())).collect();
        self.p.tr.t_args(key, &args)
    }
}

pub async fn queue(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<QueueQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let items = review::queue(
        &state,
        &user,
        &q.filter(),
        q.sort(),
        Window {
            limit: 200,
            offset: 0,
        },
    )
    .await?;
    let p = PageCtx::new(&req, Some(&user));
    let page = QueuePage {
        p,
        any_unclaimed: items.iter().any(|i| i.claimed_by.is_none()),
        items,
        q,
        sorts: QueueSort::ALL.iter().map(|s| s.code()).collect(),
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

/// "Claim and open the next": the first unclaimed solution of the queue as the reviewer
/// filtered and sorted it is claimed and opened; with none left, the queue says so.
pub async fn claim_next(
    state: web::Data<AppState>,
    user: CurrentUser,
    form: CsrfForm<QueueQuery>,
) -> AppResult<HttpResponse> {
    let q = form.into_inner();
    Ok(
        match review::claim_next(&state, &user, &q.filter(), q.sort()).await? {
            Some(id) => Done::to(format!("/review/{id}")).told(Flash::Claimed),
            None => Done::to(q.href()).told(Flash::NothingToClaim),
        }
        .response(),
    )
}

pub async fn claim(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    _form: CsrfForm<NoFields>,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    form_outcome(
        review::claim(&state, &user, *path).await,
        |()| Done::to(format!("/review/{}", *path)).told(Flash::Claimed),
        async |e| {
            let ctx = access::solution(&state, &user, *path, Access::Review).await?;
            review_page(&req, &state, &user, &ctx, Some(&e), Typed::default()).await
        },
    )
    .await
}

/// One line of the diff against the last approved revision, in the reader's words.
pub struct DiffLine {
    pub field: String,
    pub before: String,
    pub after: String,
    pub changed: bool,
    /// Members of a list that came and went, named (empty for text fields and documents).
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Not changed, yet shown differently: only the order of a list differs.
    pub reordered: bool,
}

/// Field by field: listing, contacts (lists compared without regard to order), and which
/// documents were replaced.
pub fn diff(tr: &Tr, before: Option<&Snapshot>, after: &Snapshot) -> Vec<DiffLine> {
    let text = |s: Option<&Snapshot>, field: &str| {
        s.map(|s| super::revision_words(tr, s, field))
            .unwrap_or_default()
    };
    let named = |field: &str, members: &[snapshot::Member]| {
        members
            .iter()
            .map(|m| super::member_words(tr, field, m))
            .collect()
    };
    // A first submission has nothing to compare with: the page says once that all is new,
    // instead of flagging every row.
    let compared = before.is_some();
    let mut lines: Vec<DiffLine> = snapshot::compare(before, after)
        .into_iter()
        .map(|c| {
            let (x, y) = (text(before, c.field), text(Some(after), c.field));
            DiffLine {
                field: super::field_label(tr, c.field),
                reordered: compared && !c.changed && x != y,
                before: x,
                after: y,
                changed: compared && c.changed,
                added: if compared {
                    named(c.field, &c.added)
                } else {
                    Vec::new()
                },
                removed: named(c.field, &c.removed),
            }
        })
        .collect();
    for kind in crate::domain::document::DocumentKind::ALL {
        let id_in = |s: Option<&Snapshot>| s.and_then(|s| s.document_ids.get(kind).copied());
        let (x, y) = (id_in(before), id_in(Some(after)));
        if x.is_none() && y.is_none() {
            continue;
        }
        let name = |doc_id: Option<DocumentId>, s: Option<&Snapshot>| {
            s.filter(|_| doc_id.is_some())
                .and_then(|s| s.documents.iter().find(|d| d.kind == *kind))
                .map(|d| d.file_name.clone())
                .unwrap_or_default()
        };
        lines.push(DiffLine {
            field: super::field_label(tr, kind.code()),
            changed: compared && x != y,
            before: name(x, before),
            after: name(y, Some(after)),
            added: Vec::new(),
            removed: Vec::new(),
            reordered: false,
        });
    }
    lines
}

/// A document replaced since the last approved revision: the two versions side by side.
pub struct DocChange {
    pub kind: &'static str,
    pub before: Option<DocLine>,
    pub after: Option<DocLine>,
}

/// The documents whose version differs between the approved and the shown revision; both
/// versions come from `versions` (every version of the solution's documents, one statement).
fn doc_changes(
    approved: Option<&Snapshot>,
    shown: &Snapshot,
    versions: &[DocumentView],
) -> Vec<DocChange> {
    let Some(approved) = approved else {
        return Vec::new();
    };
    crate::domain::document::DocumentKind::ALL
        .iter()
        .filter_map(|kind| {
            let id_in = |s: &Snapshot| s.document_ids.get(kind).copied();
            let (x, y) = (id_in(approved), id_in(shown));
            if x == y {
                return None;
            }
            let line = |id: Option<DocumentId>| {
                let doc = versions.iter().find(|d| Some(d.id) == id)?;
                Some(DocLine::of(*kind, doc))
            };
            Some(DocChange {
                kind: kind.code(),
                before: line(x),
                after: line(y),
            })
        })
        .collect()
}

pub struct DocLine {
    pub id: DocumentId,
    pub kind: DocumentKind,
    pub file_name: String,
    pub content_type: String,
    pub pages: Option<i64>,
    pub slides: Option<i64>,
    pub inline: bool,
}

impl DocLine {
    fn of(kind: DocumentKind, doc: &DocumentView) -> DocLine {
        let is_image = matches!(doc.content_type.as_str(), "image/png" | "image/jpeg");
        DocLine {
            id: doc.id,
            kind,
            inline: doc.content_type == "application/pdf" || is_image,
            file_name: doc.file_name.clone(),
            content_type: doc.content_type.clone(),
            pages: doc.pages,
            slides: doc.slides,
        }
    }
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage {
    p: PageCtx,
    sol: solutions::SolutionView,
    submitted: Option<Snapshot>,
    docs: Vec<DocLine>,
    diff: Vec<DiffLine>,
    doc_changes: Vec<DocChange>,
    has_approved: bool,
    cl: super::checklist::ChecklistView,
    claimed_by: Option<String>,
    errors: super::FormErrors,
    /// A refused technical validation: its messages stay in its panel, by their fields.
    validation_errors: super::FormErrors,
    comments: Vec<review::Comment>,
    validation: Option<crate::services::validation::ValidationView>,
    reason_typed: String,
    comment_typed: String,
    validation_typed: ValidationForm,
    /// The status an approval now would award, in words (the engine's status today).
    award_sentence: String,
}

/// What the reviewer typed and has not sent: a refused post's input, else what was kept.
#[derive(Default)]
struct Typed {
    reason: Option<String>,
    comment: Option<String>,
    /// The technical validation as typed, when recording it was refused.
    validation: Option<ValidationForm>,
}

impl ReviewPage {
    fn field(&self, key: &str) -> String {
        self.submitted
            .as_ref()
            .map(|s| super::revision_words(&self.p.tr, s, key))
            .unwrap_or_default()
    }
}

/// The review page in a constant number of statements, whatever the number of documents:
/// the session, the solution with its facts, its revisions, its documents, the comments.
async fn review_page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    ctx: &SolutionCtx,
    err: Option<&AppError>,
    typed: Typed,
) -> AppResult<HttpResponse> {
    let kept = &ctx.facts.review_draft;
    let material = review::material(state, ctx).await?;
    let current = Snapshot::of(ctx);
    let shown = material.submitted.as_ref().unwrap_or(&current);
    let tr = crate::i18n::Tr::new(super::lang_of(req));
    let diff = diff(&tr, material.approved.as_ref(), shown);
    let docs = shown
        .document_ids
        .iter()
        .filter_map(|(kind, doc_id)| {
            let doc = material.documents.iter().find(|d| d.id == *doc_id)?;
            Some(DocLine::of(*kind, doc))
        })
        .collect();
    let doc_changes = doc_changes(material.approved.as_ref(), shown, &material.documents);
    let evaluated = status::evaluate_ctx(ctx, chrono::Utc::now().date_naive())?;
    let p = PageCtx::new(req, Some(user));
    let errors_of = |e: Option<&AppError>| super::FormErrors::shown(p.tr, e).0;
    let in_validation = typed.validation.is_some();
    let page = ReviewPage {
        validation: validation::of(ctx),
        cl: super::checklist::build(&p.tr, &evaluated, ctx.review_state()),
        errors: errors_of(err.filter(|_| !in_validation)),
        validation_errors: errors_of(err.filter(|_| in_validation)),
        validation_typed: typed.validation.unwrap_or_default(),
        award_sentence: p.tr.t_args(
            "review-approve-awards",
            &[(
                "status",
                p.tr.label("status", evaluated.checklist.status.code())
                    .into_owned(),
            )],
        ),
        p,
        has_approved: material.approved.is_some(),
        comments: material.comments,
        submitted: material.submitted,
        docs,
        diff,
        doc_changes,
        claimed_by: ctx.facts.row.claimed_by_email.clone(),
        sol: solutions::view_of(ctx),
        reason_typed: typed.reason.unwrap_or_else(|| kept.reason.clone()),
        comment_typed: typed.comment.unwrap_or_else(|| kept.comment.clone()),
    };
    render(err.map_or(StatusCode::OK, super::form_status), &page)
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    sol: Solution<Review>,
) -> AppResult<HttpResponse> {
    review_page(&req, &state, &user, &sol, None, Typed::default()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DecisionForm {
    decision: String,
    reason: String,
}

pub async fn decide(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: CsrfForm<DecisionForm>,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let told = match form.decision.as_str() {
        "approve" => Flash::Approved,
        _ => Flash::ChangesRequested,
    };
    form_outcome(
        review::decide(&state, &user, *path, &form.decision, Some(&form.reason)).await,
        |()| Done::to("/review").told(told),
        async |e| {
            let ctx = access::solution(&state, &user, *path, Access::Review).await?;
            let typed = Typed {
                reason: Some(form.reason),
                ..Typed::default()
            };
            review_page(&req, &state, &user, &ctx, Some(&e), typed).await
        },
    )
    .await
}

/// A document shown in the browser for reviewers: PDFs and images inline, everything else as a
/// download; a sandbox policy makes sure a file can never run script in the portal's origin.
pub async fn view_document(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, DocumentId)>,
) -> AppResult<HttpResponse> {
    let (id, doc_id) = path.into_inner();
    let doc = review::document(&state, &user, id, doc_id).await?;
    let inline = doc.content_type == "application/pdf"
        || matches!(doc.content_type.as_str(), "image/png" | "image/jpeg");
    let stream = crate::services::documents::open(&state, &doc).await?;
    let disposition = if inline { "inline" } else { "attachment" };
    Ok(HttpResponse::Ok()
        .content_type(doc.content_type.as_str())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("{disposition}; filename=\"{}\"", doc.file_name),
        ))
        .insert_header((header::CONTENT_SECURITY_POLICY, crate::http::SANDBOX_CSP))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .streaming(stream))
}

/// The thumbnail of one of a solution's document versions, for reviewers.
pub async fn document_thumbnail(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, DocumentId)>,
) -> AppResult<HttpResponse> {
    let (id, doc_id) = path.into_inner();
    let doc = review::document(&state, &user, id, doc_id).await?;
    crate::http::thumbnail(&state, &doc).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CommentForm {
    body: String,
}

pub async fn comment(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: CsrfForm<CommentForm>,
    sol: Solution<Review>,
) -> AppResult<HttpResponse> {
    let body = form.into_inner().body;
    form_outcome(
        review::add_comment(&state, &user, &sol, &body).await,
        |()| Done::to(format!("/review/{}#comments", sol.id())).told(Flash::CommentAdded),
        async |e| {
            let typed = Typed {
                comment: Some(body),
                ..Typed::default()
            };
            review_page(&req, &state, &user, &sol, Some(&e), typed).await
        },
    )
    .await
}

/// The technical validation as the reviewer typed it.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ValidationForm {
    pub percent_on_azure: String,
    pub note: String,
}

/// Technical validation recorded in the review page's own panel: the reviewer stays in the
/// review; a refused value comes back as typed, with its message next to its field.
pub async fn record_validation(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: CsrfForm<ValidationForm>,
    sol: Solution<Review>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    form_outcome(
        validation::record(&state, &user, &sol, &form.percent_on_azure, &form.note).await,
        |_| Done::to(format!("/review/{}#validation", sol.id())).told(Flash::ValidationRecorded),
        async |e| {
            let typed = Typed {
                validation: Some(form),
                ..Typed::default()
            };
            review_page(&req, &state, &user, &sol, Some(&e), typed).await
        },
    )
    .await
}

/// What the review page's script sends while the reviewer types: the reason for requesting
/// changes, or a comment (whichever box is typed in).
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct KeepForm {
    reason: Option<String>,
    body: Option<String>,
}

/// Keeps a reviewer's unsent words (204); shown again in their box on the next visit.
pub async fn keep_draft(
    state: web::Data<AppState>,
    user: CurrentUser,
    form: CsrfForm<KeepForm>,
    sol: Solution<Review>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    review::keep_draft(
        &state,
        &user,
        &sol,
        form.reason.as_deref(),
        form.body.as_deref(),
    )
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
