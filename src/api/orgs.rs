//! Organizations: program facts, business profile, logo, competencies.

use super::Paging;
use crate::auth::CurrentUser;
use crate::domain::ids::OrgId;
use crate::domain::org::ProfileInput;
use crate::error::AppResult;
use crate::http::extract::{Json, Query};
use crate::services::orgs::{self, FactsInput};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use serde_json::json;

/// Tells "absent" (None) from "null" (Some(None)) for fields that can be cleared.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Ok(Some(Option::deserialize(d)?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsBody {
    name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    mpn_id: Option<Option<String>>,
    marketplace_account_active: Option<bool>,
    seller_account_active: Option<bool>,
    partner_types: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable")]
    isv_connect_enrolled_on: Option<Option<NaiveDate>>,
}

impl From<FactsBody> for FactsInput {
    fn from(b: FactsBody) -> FactsInput {
        FactsInput {
            name: b.name,
            mpn_id: b.mpn_id,
            marketplace_account_active: b.marketplace_account_active,
            seller_account_active: b.seller_account_active,
            partner_types: b.partner_types,
            isv_connect_enrolled_on: b.isv_connect_enrolled_on,
        }
    }
}

pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: Json<FactsBody>,
) -> AppResult<HttpResponse> {
    let id = orgs::create(&state, &user, &body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(orgs::view(&state, &user, id).await?))
}

pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<Paging>,
) -> AppResult<HttpResponse> {
    let (limit, offset) = q.limit_offset();
    let (rows, total) = orgs::list(&state, &user, limit, offset).await?;
    let items: Vec<_> = rows
        .iter()
        .map(|o| json!({"id": o.id, "name": o.name, "mpn_id": o.mpn_id}))
        .collect();
    Ok(HttpResponse::Ok().json(
        json!({"items": items, "total": total, "page": offset / limit + 1, "per_page": limit}),
    ))
}

pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(orgs::view(&state, &user, *path).await?))
}

pub async fn patch(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    body: Json<FactsBody>,
) -> AppResult<HttpResponse> {
    orgs::update_facts(&state, &user, *path, &body.into_inner().into()).await?;
    Ok(HttpResponse::Ok().json(orgs::view(&state, &user, *path).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileBody {
    company_name: Option<String>,
    description: Option<String>,
    website: Option<String>,
    headquarters_country: Option<String>,
    #[serde(default)]
    industries: Vec<String>,
    contact_email: Option<String>,
}

pub async fn put_profile(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    body: Json<ProfileBody>,
) -> AppResult<HttpResponse> {
    let b = body.into_inner();
    let input = ProfileInput {
        company_name: b.company_name.unwrap_or_default(),
        description: b.description.unwrap_or_default(),
        website: b.website.unwrap_or_default(),
        headquarters_country: b.headquarters_country.unwrap_or_default(),
        industries: b.industries,
        contact_email: b.contact_email.unwrap_or_default(),
    };
    orgs::update_profile(&state, &user, *path, &input).await?;
    Ok(HttpResponse::Ok().json(orgs::view(&state, &user, *path).await?.business_profile))
}

pub async fn put_logo(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = *path;
    user.scope_org(id)?;
    user.require(&[crate::domain::roles::Role::AccountAdmin])?;
    let (bytes, total) = crate::http::upload::read_logo(payload, &user).await?;
    orgs::put_logo(&state, &user, id, &bytes, total).await?;
    Ok(HttpResponse::Ok().json(orgs::view(&state, &user, id).await?.business_profile))
}

pub async fn get_logo(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
) -> AppResult<HttpResponse> {
    let (bytes, content_type) = orgs::logo(&state, &user, *path).await?;
    Ok(HttpResponse::Ok().content_type(content_type).body(bytes))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompetencyBody {
    area: String,
    expires_on: NaiveDate,
}

pub async fn put_competencies(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    body: Json<Vec<CompetencyBody>>,
) -> AppResult<HttpResponse> {
    let list: Vec<(String, NaiveDate)> = body
        .into_inner()
        .into_iter()
        .map(|c| (c.area, c.expires_on))
        .collect();
    orgs::replace_competencies(&state, &user, *path, &list).await?;
    let view = orgs::view(&state, &user, *path).await?;
    Ok(HttpResponse::Ok().json(view.competencies))
}
