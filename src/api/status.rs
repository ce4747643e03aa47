//! The checklist (`GET /solutions/{id}/status`), revenue import and view, technical validation.

use crate::auth::CurrentUser;
use crate::domain::ids::{OrgId, SolutionId};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Json, Query, Review, Solution};
use crate::services::{revenue, status, validation};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AsOf {
    as_of: Option<String>,
}

use crate::http::as_of;

pub async fn get_status(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
    q: Query<AsOf>,
) -> AppResult<HttpResponse> {
    let on = as_of(q.as_of.as_deref())?;
    let evaluated = status::evaluate(&state, &user, *path, on).await?;
    Ok(HttpResponse::Ok().json(status::to_json(&evaluated)))
}

pub async fn import_revenue(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    user.require(&[crate::domain::roles::Role::ProgramAdmin])?;
    let is_csv = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv") || v.starts_with("text/plain"));
    if !is_csv {
        return Err(AppError::unsupported_media("Send the revenue as text/csv."));
    }
    let text = std::str::from_utf8(&body)
        .map_err(|_| AppError::bad_request("invalid_csv", "The CSV must be UTF-8 text."))?;
    let lines = revenue::import(&state, &user, text).await?;
    let rows: Vec<_> = lines
        .iter()
        .map(|l| json!({"line": l.line, "organization_id": l.organization_id, "month": l.month.to_string(), "kind": l.kind,
                        "amount_cents": l.amount_cents, "offer_id": l.offer_id}))
        .collect();
    Ok(HttpResponse::Ok().json(json!({"imported": rows.len(), "rows": rows})))
}

pub async fn get_revenue(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    q: Query<AsOf>,
) -> AppResult<HttpResponse> {
    let on = as_of(q.as_of.as_deref())?;
    Ok(HttpResponse::Ok().json(revenue::view(&state, &user, *path, on).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValidationBody {
    percent_on_azure: serde_json::Number,
    #[serde(default)]
    note: String,
}

pub async fn put_validation(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: Json<ValidationBody>,
    sol: Solution<Review>,
) -> AppResult<HttpResponse> {
    let view = validation::record(
        &state,
        &user,
        &sol,
        &body.percent_on_azure.to_string(),
        &body.note,
    )
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

pub async fn get_validation(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    match validation::find(&state, &user, *path).await? {
        Some(v) => Ok(HttpResponse::Ok().json(v)),
        None => Err(AppError::not_found()),
    }
}
