//! Co-sell solutions: create, read, save (with the version check), contacts as CSV, documents.

use super::schema;
use crate::auth::CurrentUser;
use crate::domain::ids::DocumentId;
use crate::domain::ids::{OfferId, SolutionId};
use crate::domain::offer::OfferType;
use crate::domain::review::ReviewState;
use crate::domain::solution::ContactInput;
use crate::error::ErrorBody;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Edit, Json, Query, Read, Solution};
use crate::services::documents::DocumentView;
use crate::services::documents::{self as docs, parse_kind};
use crate::services::solutions::{self, SolutionPatch};
use crate::services::solutions::{ContactView, SolutionView};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The offer whose co-sell solution to start.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"offer_id": 1}))]
pub struct NewSolutionBody {
    offer_id: OfferId,
}

/// Start the co-sell solution of an offer (one per offer).
#[utoipa::path(post, path = "/solutions", tag = "solutions", request_body = NewSolutionBody,
    responses(
        (status = 201, description = "The solution, a draft", body = SolutionView),
        (status = 409, description = "`solution_exists`: the offer has its solution already", body = ErrorBody),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: Json<NewSolutionBody>,
) -> AppResult<HttpResponse> {
    let id = solutions::create(&state, &user, body.offer_id).await?;
    Ok(HttpResponse::Created().json(solutions::view(&state, &user, id).await?))
}

/// The current revision of a solution.
#[utoipa::path(get, path = "/solutions/{id}", tag = "solutions",
    params(("id" = SolutionId, Path, description = "The solution")),
    responses((status = 200, description = "The solution", body = SolutionView)))]
pub async fn get(sol: Solution<Read>) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(solutions::view_of(&sol)))
}

/// A sales contact. Its geographies are among the solution's (or `OOO` for all of them): one
/// outside them is refused with 400.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactBody {
    #[schema(schema_with = schema::contact_text)]
    name: String,
    #[schema(schema_with = schema::email)]
    email: String,
    #[serde(default)]
    #[schema(schema_with = schema::contact_text_or_null)]
    job_title: Option<String>,
    #[schema(schema_with = schema::contact_role)]
    role: String,
    #[serde(default)]
    #[schema(schema_with = schema::contact_geographies)]
    geographies: Vec<String>,
}

/// The solution page, partly or whole: what is left out stays as it is. With `version`, a save
/// over someone else's newer one is refused (409) and changes nothing.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"version": 3, "geographies": ["NL", "BE"], "solution_areas": ["data_ai"],
    "industries": ["retail"], "customer_sizes": ["smb", "corporate"], "pitch": "Contoso Analytics turns store data into daily decisions.",
    "landing_page": "https://contoso.example/analytics",
    "contacts": [{"name": "Ann de Vries", "email": "ann@contoso.example", "role": "partner_sales", "geographies": ["OOO"]}]}))]
pub struct SolutionBody {
    #[schema(minimum = 1)]
    version: Option<i64>,
    #[schema(schema_with = schema::geographies_or_null)]
    geographies: Option<Vec<String>>,
    #[schema(schema_with = schema::solution_areas_or_null)]
    solution_areas: Option<Vec<String>>,
    #[schema(schema_with = schema::industries_or_null)]
    industries: Option<Vec<String>>,
    #[schema(schema_with = schema::customer_sizes_or_null)]
    customer_sizes: Option<Vec<String>>,
    #[schema(schema_with = schema::pitch_or_null)]
    pitch: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(schema_with = schema::nullable_https_url)]
    landing_page: Option<Option<String>>,
    #[schema(max_items = 500)]
    contacts: Option<Vec<ContactBody>>,
}

fn nullable<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Ok(Some(Option::deserialize(d)?))
}

/// Save the solution page. Saving a submitted or approved solution makes it a draft again.
#[utoipa::path(patch, path = "/solutions/{id}", tag = "solutions",
    params(("id" = SolutionId, Path, description = "The solution")),
    request_body = SolutionBody,
    responses(
        (status = 200, description = "The solution", body = SolutionView),
        (status = 409, description = "`stale_version`: someone saved first; nothing changed", body = ErrorBody),
    ))]
pub async fn patch(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: Json<SolutionBody>,
    sol: Solution<Edit>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let patch = SolutionPatch {
        version: b.version,
        may_leave_review: true,
        geographies: b.geographies,
        solution_areas: b.solution_areas,
        industries: b.industries,
        customer_sizes: b.customer_sizes,
        pitch: b.pitch,
        landing_page: b.landing_page.map(Option::unwrap_or_default),
        contacts: b.contacts.map(|list| {
            list.into_iter()
                .map(|c| ContactInput {
                    name: c.name,
                    email: c.email,
                    job_title: c.job_title.unwrap_or_default(),
                    role: c.role,
                    geographies: c.geographies,
                })
                .collect()
        }),
    };
    let id = sol.id();
    solutions::save(&state, &user, &sol, patch).await?;
    Ok(HttpResponse::Ok().json(solutions::view(&state, &user, id).await?))
}

/// One line of the solutions list.
#[derive(Serialize, ToSchema)]
pub struct SolutionListItem {
    id: SolutionId,
    offer_id: OfferId,
    offer_name: String,
    #[schema(schema_with = schema::offer_type)]
    offer_type: OfferType,
    #[schema(schema_with = schema::review_state)]
    review_state: ReviewState,
    version: i64,
}

/// The co-sell solutions of an organization.
#[utoipa::path(get, path = "/solutions", tag = "solutions", params(super::OrgListQuery),
    responses((status = 200, description = "A page of solutions", body = super::Page<SolutionListItem>)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<super::OrgListQuery>,
) -> AppResult<HttpResponse> {
    let org = q.organization_id.or(user.organization_id).ok_or_else(|| {
        AppError::bad_request(
            "organization_required",
            "organization_id: name the organization whose solutions to list",
        )
    })?;
    let window = q.paging().window();
    let rows = solutions::list(&state, &user, org, window).await?;
    let total = solutions::count(&state, &user, org).await?;
    let items = rows
        .into_iter()
        .map(|s| SolutionListItem {
            id: s.id,
            offer_id: s.offer_id,
            offer_name: s.offer_name,
            offer_type: s.offer_type,
            review_state: s.review_state,
            version: s.version,
        })
        .collect();
    Ok(HttpResponse::Ok().json(super::Page::at(items, Some(total), window)))
}

/// The contacts as CSV (the import's columns).
#[utoipa::path(get, path = "/solutions/{id}/contacts.csv", tag = "solutions",
    params(("id" = SolutionId, Path, description = "The solution")),
    responses((status = 200, description = "The contacts", content_type = "text/csv", body = String)))]
pub async fn export_contacts(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    let csv = solutions::export_contacts(&state, &user, *path).await?;
    Ok(crate::http::csv::attachment(
        &solutions::contacts_file_name(*path),
        csv,
    ))
}

/// What a contacts import did.
#[derive(Serialize, ToSchema)]
pub struct ContactsImported {
    imported: usize,
    version: i64,
    contacts: Vec<ContactView>,
}

/// Replace the contacts from CSV (header `name,email,job_title,role,geographies`), all or
/// nothing: a bad line refuses the whole file, naming each bad line.
#[utoipa::path(put, path = "/solutions/{id}/contacts.csv", tag = "solutions",
    params(("id" = SolutionId, Path, description = "The solution")),
    request_body(content = String, content_type = "text/csv",
        example = "name,email,job_title,role,geographies\nAnn de Vries,ann@contoso.example,Sales lead,partner_sales,OOO\n"),
    responses((status = 200, description = "The new contacts", body = ContactsImported)))]
pub async fn import_contacts(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    sol: Solution<Edit>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    crate::http::csv::require_csv(&req, "the contacts")?;
    let text = crate::http::csv::text(&body)?;
    let id = sol.id();
    let count = solutions::import_contacts(&state, &user, &sol, text).await?;
    let view = solutions::view(&state, &user, id).await?;
    Ok(HttpResponse::Ok().json(ContactsImported {
        imported: count,
        version: view.version,
        contacts: view.contacts,
    }))
}

/// Upload or replace a document (multipart field `file`), judged by its content: one-pager
/// and reference architecture PDF; pitch deck PDF or PPTX; each kind has its size and page limits.
#[utoipa::path(put, path = "/solutions/{id}/documents/{kind}", tag = "documents",
    params(("id" = SolutionId, Path, description = "The solution"),
        ("kind" = crate::domain::document::DocumentKind, Path, description = "The kind of document")),
    request_body(content = super::orgs::FileUpload, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "The stored document", body = DocumentView),
        (status = 409, description = "`wrong_state`: another upload of this kind finished first", body = ErrorBody),
        (status = 413, description = "`too_large`: over the kind's size limit", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: a format this kind does not take", body = ErrorBody),
        (status = 422, description = "A file that does not pass its kind's checks (pages, slides, a broken file)", body = ErrorBody),
    ))]
pub async fn put_document(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String)>,
    sol: Solution<Edit>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let kind = parse_kind(&path.1)?;
    let mut received = crate::http::upload::receive(payload, &user, kind, &state.storage).await?;
    // The API keeps SPEC 7's rule: an upload to a solution waiting for review withdraws it.
    received.may_leave_review = true;
    let view = docs::store_upload(&state, &user, &sol, kind, received).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Download the current document of a kind (an attachment of its detected type).
#[utoipa::path(get, path = "/solutions/{id}/documents/{kind}", tag = "documents",
    params(("id" = SolutionId, Path, description = "The solution"),
        ("kind" = crate::domain::document::DocumentKind, Path, description = "The kind of document")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream", body = [u8])))]
pub async fn get_document(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String)>,
) -> AppResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    let row = docs::find(&state, &user, id, parse_kind(&kind)?, None).await?;
    download(&state, &row).await
}

/// Download one version from a kind's history.
#[utoipa::path(get, path = "/solutions/{id}/documents/{kind}/versions/{version}", tag = "documents",
    params(("id" = SolutionId, Path, description = "The solution"),
        ("kind" = crate::domain::document::DocumentKind, Path, description = "The kind of document"),
        ("version" = i64, Path, description = "The version's id, from the history")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream", body = [u8])))]
pub async fn get_version(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String, DocumentId)>,
) -> AppResult<HttpResponse> {
    let (id, kind, version) = path.into_inner();
    let row = docs::find(&state, &user, id, parse_kind(&kind)?, Some(version)).await?;
    download(&state, &row).await
}

/// One version in a kind's history.
#[derive(Serialize, ToSchema)]
pub struct DocumentVersion {
    #[serde(flatten)]
    document: DocumentView,
    /// Whether this is the current file.
    current: bool,
    uploaded_by: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct DocumentHistory {
    items: Vec<DocumentVersion>,
}

/// Every version of a kind, newest first.
#[utoipa::path(get, path = "/solutions/{id}/documents/{kind}/versions", tag = "documents",
    params(("id" = SolutionId, Path, description = "The solution"),
        ("kind" = crate::domain::document::DocumentKind, Path, description = "The kind of document")),
    responses((status = 200, description = "The history", body = DocumentHistory)))]
pub async fn versions(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String)>,
) -> AppResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    let list = docs::history(&state, &user, id, parse_kind(&kind)?).await?;
    let items = list
        .into_iter()
        .map(|d| DocumentVersion {
            current: d.current,
            uploaded_by: d.uploaded_by.clone(),
            document: d,
        })
        .collect();
    Ok(HttpResponse::Ok().json(DocumentHistory { items }))
}

/// Streams a stored document as an attachment with its detected type.
pub use crate::http::download;
