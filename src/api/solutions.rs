//! Co-sell solutions: create, read, save (with the version check), contacts as CSV, documents.

use crate::auth::CurrentUser;
use crate::domain::ids::SolutionId;
use crate::domain::solution::ContactInput;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Edit, Json, Query, Solution};
use crate::services::documents::{self as docs, parse_kind};
use crate::services::solutions::{self, SolutionPatch};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSolutionBody {
    offer_id: i64,
}

pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: Json<NewSolutionBody>,
) -> AppResult<HttpResponse> {
    let id = solutions::create(&state, &user, body.offer_id).await?;
    Ok(HttpResponse::Created().json(solutions::view(&state, &user, id).await?))
}

pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(solutions::view(&state, &user, *path).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactBody {
    name: String,
    email: String,
    #[serde(default)]
    job_title: Option<String>,
    role: String,
    #[serde(default)]
    geographies: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolutionBody {
    version: Option<i64>,
    geographies: Option<Vec<String>>,
    solution_areas: Option<Vec<String>>,
    industries: Option<Vec<String>>,
    customer_sizes: Option<Vec<String>>,
    pitch: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    landing_page: Option<Option<String>>,
    contacts: Option<Vec<ContactBody>>,
}

fn nullable<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Ok(Some(Option::deserialize(d)?))
}

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
    solutions::save(&state, &user, sol.into_inner(), patch).await?;
    Ok(HttpResponse::Ok().json(solutions::view(&state, &user, id).await?))
}

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
    let rows = solutions::list(&state, &user, org).await?;
    let total = rows.len();
    let paging = q.paging();
    let (limit, offset) = paging.limit_offset();
    let items: Vec<_> = paging
        .slice(rows)
        .iter()
        .map(|s| json!({"id": s.id, "offer_id": s.offer_id, "offer_name": s.offer_name, "offer_type": s.offer_type, "review_state": s.review_state, "version": s.version}))
        .collect();
    Ok(HttpResponse::Ok().json(
        json!({"items": items, "total": total, "page": offset / limit + 1, "per_page": limit}),
    ))
}

pub async fn export_contacts(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    let csv = solutions::export_contacts(&state, &user, *path).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"contacts-solution-{}.csv\"", *path),
        ))
        .body(csv))
}

pub async fn import_contacts(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    sol: Solution<Edit>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let is_csv = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv") || v.starts_with("text/plain"));
    if !is_csv {
        return Err(AppError::unsupported_media(
            "Send the contacts as text/csv.",
        ));
    }
    let text = std::str::from_utf8(&body)
        .map_err(|_| AppError::bad_request("invalid_csv", "The CSV must be UTF-8 text."))?;
    let id = sol.id();
    let count = solutions::import_contacts(&state, &user, sol.into_inner(), text).await?;
    let view = solutions::view(&state, &user, id).await?;
    Ok(HttpResponse::Ok()
        .json(json!({"imported": count, "version": view.version, "contacts": view.contacts})))
}

pub async fn put_document(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String)>,
    sol: Solution<Edit>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let kind = parse_kind(&path.1)?;
    let received = crate::http::upload::receive(payload, &user, kind).await?;
    let view = docs::store_upload(&state, &user, sol.into_inner(), kind, received).await?;
    Ok(HttpResponse::Ok().json(view))
}

pub async fn get_document(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String)>,
) -> AppResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    let row = docs::find(&state, &user, id, parse_kind(&kind)?, None).await?;
    download(&state, &row).await
}

pub async fn get_version(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String, i64)>,
) -> AppResult<HttpResponse> {
    let (id, kind, version) = path.into_inner();
    let row = docs::find(&state, &user, id, parse_kind(&kind)?, Some(version)).await?;
    download(&state, &row).await
}

pub async fn versions(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String)>,
) -> AppResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    let list = docs::history(&state, &user, id, parse_kind(&kind)?).await?;
    let items: Vec<_> = list
        .iter()
        .map(|d| {
            let mut v = serde_json::to_value(d).unwrap_or_default();
            v["current"] = json!(d.current);
            v["uploaded_by"] = json!(d.uploaded_by);
            v
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({"items": items})))
}

/// Streams a stored document as an attachment with its detected type.
pub use crate::http::download;
