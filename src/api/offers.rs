//! Offers: create, read, edit, publish, stop, list.

use crate::auth::CurrentUser;
use crate::domain::ids::OrgId;
use crate::domain::offer::OfferInput;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Json, Query};
use crate::services::offers::{self, OfferView};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOfferBody {
    organization_id: OrgId,
    name: String,
    offer_type: String,
    stores: Vec<String>,
    #[serde(default)]
    transactable: bool,
    #[serde(default)]
    competency_areas: Vec<String>,
}

async fn offer_json(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<HttpResponse> {
    let view: OfferView = offers::load(state, user, id).await?.into();
    Ok(HttpResponse::Ok().json(view))
}

pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: Json<NewOfferBody>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let input = OfferInput {
        name: b.name,
        offer_type: b.offer_type,
        stores: b.stores,
        transactable: b.transactable,
        competency_areas: b.competency_areas,
    };
    let id = offers::create(&state, &user, b.organization_id, &input).await?;
    let view: OfferView = offers::load(&state, &user, id).await?.into();
    Ok(HttpResponse::Created().json(view))
}

pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    offer_json(&state, &user, *path).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferPatch {
    name: Option<String>,
    offer_type: Option<String>,
    stores: Option<Vec<String>>,
    transactable: Option<bool>,
    competency_areas: Option<Vec<String>>,
}

pub async fn patch(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Json<OfferPatch>,
) -> AppResult<HttpResponse> {
    let current: OfferView = offers::load(&state, &user, *path).await?.into();
    let b = body.into_inner();
    let input = OfferInput {
        name: b.name.unwrap_or(current.name),
        offer_type: b.offer_type.unwrap_or(current.offer_type),
        stores: b.stores.unwrap_or(current.stores),
        transactable: b.transactable.unwrap_or(current.transactable),
        competency_areas: b.competency_areas.unwrap_or(current.competency_areas),
    };
    offers::update(&state, &user, *path, &input).await?;
    offer_json(&state, &user, *path).await
}

pub async fn publish(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    offers::publish(&state, &user, *path).await?;
    offer_json(&state, &user, *path).await
}

pub async fn stop(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    offers::stop(&state, &user, *path).await?;
    offer_json(&state, &user, *path).await
}

pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<super::OrgListQuery>,
) -> AppResult<HttpResponse> {
    let org = q.organization_id.or(user.organization_id).ok_or_else(|| {
        AppError::bad_request(
            "organization_required",
            "organization_id: name the organization whose offers to list",
        )
    })?;
    let items = offers::list(&state, &user, org).await?;
    let total = items.len();
    let paging = q.paging();
    let (limit, offset) = paging.limit_offset();
    let items = paging.slice(items);
    Ok(HttpResponse::Ok().json(
        json!({"items": items, "total": total, "page": offset / limit + 1, "per_page": limit}),
    ))
}
