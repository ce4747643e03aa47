//! Review workflow: submit, withdraw, claim, decide; the reviewers' queue.

use crate::auth::CurrentUser;
use crate::domain::ids::SolutionId;
use crate::error::AppResult;
use crate::http::extract::{Json, Query};
use crate::services::review::{self, QueueFilter};
use crate::services::solutions;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

async fn solution_json(
    state: &AppState,
    user: &CurrentUser,
    id: SolutionId,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(solutions::view(state, user, id).await?))
}

pub async fn submit(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    review::submit(&state, &user, *path).await?;
    solution_json(&state, &user, *path).await
}

pub async fn withdraw(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    review::withdraw(&state, &user, *path).await?;
    solution_json(&state, &user, *path).await
}

pub async fn claim(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    review::claim(&state, &user, *path).await?;
    solution_json(&state, &user, *path).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    decision: String,
    reason: Option<String>,
}

pub async fn decide(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
    body: Json<DecisionBody>,
) -> AppResult<HttpResponse> {
    review::decide(&state, &user, *path, &body.decision, body.reason.as_deref()).await?;
    solution_json(&state, &user, *path).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    offer_type: Option<String>,
    status: Option<String>,
    geography: Option<String>,
    page: Option<i64>,
    per_page: Option<i64>,
}

pub async fn queue(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<QueueQuery>,
) -> AppResult<HttpResponse> {
    let (limit, offset) = super::Paging {
        page: q.page,
        per_page: q.per_page,
    }
    .limit_offset();
    let filter = QueueFilter {
        offer_type: q.offer_type.clone(),
        status: q.status.clone(),
        geography: q.geography.clone(),
    };
    let items = review::queue(&state, &user, &filter, limit, offset).await?;
    Ok(HttpResponse::Ok()
        .json(json!({"items": items, "page": offset / limit + 1, "per_page": limit})))
}
