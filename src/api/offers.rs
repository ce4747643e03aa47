//! Offers: create, read, edit, publish, stop, list.

use super::schema;
use crate::auth::CurrentUser;
use crate::domain::codes::code_strings;
use crate::domain::ids::{OfferId, OrgId};
use crate::domain::offer::OfferInput;
use crate::error::ErrorBody;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Json, Query};
use crate::services::offers::{self, OfferView};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::ToSchema;

/// A new offer. Competency areas belong to services offers (consulting and managed services)
/// only: on another type they are refused with 400.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"organization_id": 1, "name": "Contoso Analytics", "offer_type": "saas",
    "stores": ["azure_marketplace"], "transactable": true, "competency_areas": []}))]
pub struct NewOfferBody {
    organization_id: OrgId,
    #[schema(schema_with = schema::offer_name)]
    name: String,
    #[schema(schema_with = schema::offer_type)]
    offer_type: String,
    #[schema(schema_with = schema::stores)]
    stores: Vec<String>,
    #[serde(default)]
    transactable: bool,
    #[serde(default)]
    #[schema(schema_with = schema::competency_areas)]
    competency_areas: Vec<String>,
}

async fn offer_json(state: &AppState, user: &CurrentUser, id: OfferId) -> AppResult<HttpResponse> {
    let view: OfferView = offers::load(state, user, id).await?.into();
    Ok(HttpResponse::Ok().json(view))
}

/// Create an offer (state `draft`).
#[utoipa::path(post, path = "/offers", tag = "offers", request_body = NewOfferBody,
    responses((status = 201, description = "The offer", body = OfferView)))]
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

/// An offer.
#[utoipa::path(get, path = "/offers/{id}", tag = "offers",
    params(("id" = i64, Path, description = "The offer")),
    responses((status = 200, description = "The offer", body = OfferView)))]
pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OfferId>,
) -> AppResult<HttpResponse> {
    offer_json(&state, &user, *path).await
}

/// Changed offer fields; what is left out stays as it is.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Contoso Analytics Pro"}))]
pub struct OfferPatch {
    #[schema(schema_with = schema::offer_name_or_null)]
    name: Option<String>,
    #[schema(schema_with = schema::offer_type_or_null)]
    offer_type: Option<String>,
    #[schema(schema_with = schema::stores_or_null)]
    stores: Option<Vec<String>>,
    transactable: Option<bool>,
    #[schema(schema_with = schema::competency_areas_or_null)]
    competency_areas: Option<Vec<String>>,
}

/// Change an offer.
#[utoipa::path(patch, path = "/offers/{id}", tag = "offers",
    params(("id" = i64, Path, description = "The offer")),
    request_body = OfferPatch,
    responses((status = 200, description = "The offer", body = OfferView)))]
pub async fn patch(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OfferId>,
    body: Json<OfferPatch>,
) -> AppResult<HttpResponse> {
    let current: OfferView = offers::load(&state, &user, *path).await?.into();
    let b = body.into_inner();
    let input = OfferInput {
        name: b.name.unwrap_or(current.name),
        offer_type: b
            .offer_type
            .unwrap_or_else(|| current.offer_type.code().to_string()),
        stores: b.stores.unwrap_or_else(|| code_strings(&current.stores)),
        transactable: b.transactable.unwrap_or(current.transactable),
        competency_areas: b
            .competency_areas
            .unwrap_or_else(|| code_strings(&current.competency_areas)),
    };
    offers::update(&state, &user, *path, &input).await?;
    offer_json(&state, &user, *path).await
}

/// Publish: the offer goes live at once here (certification is instant).
#[utoipa::path(post, path = "/offers/{id}/publish", tag = "offers",
    params(("id" = i64, Path, description = "The offer")),
    responses(
        (status = 200, description = "The offer, `live`", body = OfferView),
        (status = 409, description = "`wrong_state`: the offer is live already", body = ErrorBody),
        (status = 422, description = "`seller_account_inactive`: the organization's seller account is not active", body = ErrorBody),
    ))]
pub async fn publish(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OfferId>,
) -> AppResult<HttpResponse> {
    offers::publish(&state, &user, *path).await?;
    offer_json(&state, &user, *path).await
}

/// Stop a live offer.
#[utoipa::path(post, path = "/offers/{id}/stop", tag = "offers",
    params(("id" = i64, Path, description = "The offer")),
    responses(
        (status = 200, description = "The offer, `stopped`", body = OfferView),
        (status = 409, description = "`wrong_state`: the offer is not live", body = ErrorBody),
    ))]
pub async fn stop(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OfferId>,
) -> AppResult<HttpResponse> {
    offers::stop(&state, &user, *path).await?;
    offer_json(&state, &user, *path).await
}

/// The offers of an organization.
#[utoipa::path(get, path = "/offers", tag = "offers", params(super::OrgListQuery),
    responses((status = 200, description = "A page of offers", body = super::Page<OfferView>)))]
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
    let window = q.paging().window();
    let items = offers::list(&state, &user, org, window).await?;
    let total = offers::count(&state, &user, org).await?;
    Ok(HttpResponse::Ok().json(super::Page::at(items, Some(total), window)))
}
