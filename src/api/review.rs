//! Review workflow: submit, withdraw, claim, decide; the reviewers' queue.

use crate::auth::CurrentUser;
use crate::domain::ids::SolutionId;
use crate::error::AppResult;
use crate::error::ErrorBody;
use crate::http::extract::{Json, Query};
use crate::services::review::QueueItem;
use crate::services::review::{self, QueueFilter};
use crate::services::solutions;
use crate::services::solutions::SolutionView;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

async fn solution_json(
    state: &AppState,
    user: &CurrentUser,
    id: SolutionId,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(solutions::view(state, user, id).await?))
}

/// Submit for review. The automated review runs first: a solution whose requirements for
/// co-sell ready are unmet is refused (422 with their ids).
#[utoipa::path(post, path = "/solutions/{id}/submit", tag = "review",
    params(("id" = SolutionId, Path, description = "The solution")),
    responses(
        (status = 200, description = "The solution, `submitted`", body = SolutionView),
        (status = 409, description = "`wrong_state`: the solution is waiting for review or approved already", body = ErrorBody),
        (status = 422, description = "`requirements_unmet`: `unmet` lists the requirements the automated review found unmet", body = ErrorBody),
    ))]
pub async fn submit(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    review::submit(&state, &user, *path).await?;
    solution_json(&state, &user, *path).await
}

/// Withdraw from review, before approval.
#[utoipa::path(post, path = "/solutions/{id}/withdraw", tag = "review",
    params(("id" = SolutionId, Path, description = "The solution")),
    responses(
        (status = 200, description = "The solution, `withdrawn`", body = SolutionView),
        (status = 409, description = "`wrong_state`: nothing to withdraw", body = ErrorBody),
    ))]
pub async fn withdraw(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    review::withdraw(&state, &user, *path).await?;
    solution_json(&state, &user, *path).await
}

/// Claim a submitted solution for review.
#[utoipa::path(post, path = "/solutions/{id}/claim", tag = "review",
    params(("id" = SolutionId, Path, description = "The solution")),
    responses(
        (status = 200, description = "The solution, `in_review`", body = SolutionView),
        (status = 409, description = "`wrong_state`: not submitted, or claimed by someone else", body = ErrorBody),
    ))]
pub async fn claim(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    review::claim(&state, &user, *path).await?;
    solution_json(&state, &user, *path).await
}

/// A reviewer's decision: approving needs no reason, requesting changes needs one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    decision: String,
    reason: Option<String>,
}

impl utoipa::PartialSchema for DecisionBody {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{AdditionalProperties, ObjectBuilder, OneOfBuilder, Type};
        let decision = |code: &str| {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some([code.to_string()]))
        };
        let reason = |min| {
            super::schema::trimmed(min, crate::services::review::REASON_MAX, true)
                .description(Some("Why, for the partner"))
        };
        let approve = ObjectBuilder::new()
            .property("decision", decision("approve"))
            .property("reason", reason(1))
            .required("decision")
            .additional_properties(Some(AdditionalProperties::FreeForm(false)));
        let changes = ObjectBuilder::new()
            .property("decision", decision("request_changes"))
            .property("reason", reason(1))
            .required("decision")
            .required("reason")
            .additional_properties(Some(AdditionalProperties::FreeForm(false)));
        OneOfBuilder::new()
            .item(approve)
            .item(changes)
            .examples([serde_json::json!({"decision": "request_changes", "reason": "The one-pager still shows last year's prices."})])
            .into()
    }
}

impl ToSchema for DecisionBody {}

/// Approve, or request changes with a reason.
#[utoipa::path(post, path = "/solutions/{id}/review", tag = "review",
    params(("id" = SolutionId, Path, description = "The solution")),
    request_body = DecisionBody,
    responses(
        (status = 200, description = "The solution, `approved` or `changes_requested`", body = SolutionView),
        (status = 409, description = "`wrong_state`: not in review, or claimed by someone else", body = ErrorBody),
    ))]
pub async fn decide(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
    body: Json<DecisionBody>,
) -> AppResult<HttpResponse> {
    review::decide(&state, &user, *path, &body.decision, body.reason.as_deref()).await?;
    solution_json(&state, &user, *path).await
}

/// Which solutions of the queue: all filters together.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    #[param(schema_with = super::schema::offer_type_filter)]
    offer_type: Option<String>,
    /// The status sought.
    #[param(schema_with = super::schema::status_filter)]
    status: Option<String>,
    /// A country code; another value matches nothing.
    #[param(schema_with = super::schema::query_text)]
    geography: Option<String>,
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<i64>,
    #[param(minimum = 1, maximum = 200)]
    per_page: Option<i64>,
}

/// The solutions waiting for review, oldest first.
#[utoipa::path(get, path = "/review-queue", tag = "review", params(QueueQuery),
    responses((status = 200, description = "A page of the queue", body = super::Page<QueueItem>)))]
pub async fn queue(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<QueueQuery>,
) -> AppResult<HttpResponse> {
    let window = super::Paging {
        page: q.page,
        per_page: q.per_page,
    }
    .window();
    let filter = QueueFilter {
        offer_type: q.offer_type.clone(),
        status: q.status.clone(),
        geography: q.geography.clone(),
    };
    let items = review::queue(&state, &user, &filter, Default::default(), window).await?;
    Ok(HttpResponse::Ok().json(super::Page::at(items, None, window)))
}
