//! The checklist (`GET /solutions/{id}/status`), revenue import and view, technical validation.

use super::schema;
use crate::auth::CurrentUser;
use crate::domain::ids::{OrgId, SolutionId};
use crate::domain::revenue_csv::RevenueKind;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Json, Query, Read, Review, Solution};
use crate::services::revenue::RevenueView;
use crate::services::status::StatusJson;
use crate::services::validation::ValidationView;
use crate::services::{revenue, status, validation};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AsOf {
    /// The day to evaluate on (`YYYY-MM-DD`, today in UTC when not given).
    #[param(schema_with = schema::as_of)]
    as_of: Option<String>,
}

use crate::http::as_of;

/// The checklist: what the current facts and revision support on a day, requirement by
/// requirement.
#[utoipa::path(get, path = "/solutions/{id}/status", tag = "solutions",
    params(("id" = SolutionId, Path, description = "The solution"), AsOf),
    responses((status = 200, description = "The checklist", body = StatusJson)))]
pub async fn get_status(sol: Solution<Read>, q: Query<AsOf>) -> AppResult<HttpResponse> {
    let on = as_of(q.as_of.as_deref())?;
    let evaluated = status::evaluate_ctx(&sol, on)?;
    Ok(HttpResponse::Ok().json(status::to_json(&evaluated)))
}

/// One imported row.
#[derive(Serialize, ToSchema)]
pub struct RevenueRow {
    /// The CSV line it came from (the header is line 1).
    line: u64,
    organization_id: i64,
    #[schema(example = "2026-10")]
    month: String,
    #[schema(schema_with = schema::revenue_kind)]
    kind: RevenueKind,
    amount_cents: i64,
    offer_id: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct RevenueImported {
    imported: usize,
    rows: Vec<RevenueRow>,
}

/// Import revenue as CSV (header `mpn_id,month,kind,amount_usd,offer_id`), all or nothing and
/// idempotent: a row replaces the same organization, offer, month and kind. An error names
/// the line and the field.
#[utoipa::path(post, path = "/revenue", tag = "revenue",
    request_body(content = String, content_type = "text/csv",
        example = "mpn_id,month,kind,amount_usd,offer_id\n4410021,2026-10,azure_consumed,1250.00,\n"),
    responses((status = 200, description = "What was imported", body = RevenueImported)))]
pub async fn import_revenue(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    payload: web::Payload,
) -> AppResult<HttpResponse> {
    crate::http::csv::require_csv(&req, "the revenue")?;
    let body = crate::http::input::read_body(payload, revenue::MAX_FILE_BYTES).await?;
    let text = crate::http::csv::text(&body)?;
    let lines = revenue::import(&state, &user, text).await?;
    let rows: Vec<RevenueRow> = lines
        .iter()
        .map(|l| RevenueRow {
            line: l.line,
            organization_id: l.organization_id,
            month: l.month.to_string(),
            kind: l.kind,
            amount_cents: l.amount_cents,
            offer_id: l.offer_id,
        })
        .collect();
    Ok(HttpResponse::Ok().json(RevenueImported {
        imported: rows.len(),
        rows,
    }))
}

/// Revenue per month and the trailing twelve months' totals.
#[utoipa::path(get, path = "/organizations/{id}/revenue", tag = "revenue",
    params(("id" = OrgId, Path, description = "The organization"), AsOf),
    responses((status = 200, description = "The revenue", body = RevenueView)))]
pub async fn get_revenue(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    q: Query<AsOf>,
) -> AppResult<HttpResponse> {
    let on = as_of(q.as_of.as_deref())?;
    Ok(HttpResponse::Ok().json(revenue::view(&state, &user, *path, on).await?))
}

/// A technical validation: it passes with strictly more than 50 percent on Azure.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"percent_on_azure": 72.5, "note": "Runs on AKS and Azure SQL."}))]
pub struct ValidationBody {
    #[schema(value_type = f64, minimum = 0, maximum = 100, multiple_of = 0.01)]
    percent_on_azure: serde_json::Number,
    #[serde(default)]
    #[schema(schema_with = schema::validation_note)]
    note: String,
}

/// Record a technical validation.
#[utoipa::path(put, path = "/solutions/{id}/technical-validation", tag = "review",
    params(("id" = SolutionId, Path, description = "The solution")),
    request_body = ValidationBody,
    responses((status = 200, description = "The validation", body = ValidationView)))]
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

/// The recorded technical validation (404 when none is).
#[utoipa::path(get, path = "/solutions/{id}/technical-validation", tag = "review",
    params(("id" = SolutionId, Path, description = "The solution")),
    responses((status = 200, description = "The validation", body = ValidationView)))]
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
