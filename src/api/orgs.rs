//! Organizations: program facts, business profile, logo, competencies.

use super::{Paging, schema};
use crate::auth::CurrentUser;
use crate::domain::ids::OrgId;
use crate::domain::org::ProfileInput;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{Json, Query};
use crate::services::orgs::{self, FactsInput, OrgView, ProfileView};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

/// Tells "absent" (None) from "null" (Some(None)) for fields that can be cleared.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Ok(Some(Option::deserialize(d)?))
}

/// A new organization's program facts (SPEC 2); what is left out starts empty or false.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Contoso", "mpn_id": "4410021", "marketplace_account_active": true,
    "seller_account_active": true, "partner_types": ["isv"], "isv_connect_enrolled_on": "2026-01-15"}))]
pub struct NewOrganization {
    #[schema(schema_with = schema::org_name)]
    name: String,
    #[schema(schema_with = schema::mpn_id)]
    mpn_id: Option<String>,
    marketplace_account_active: Option<bool>,
    seller_account_active: Option<bool>,
    #[schema(schema_with = schema::partner_types_or_null)]
    partner_types: Option<Vec<String>>,
    #[schema(schema_with = schema::nullable_date)]
    isv_connect_enrolled_on: Option<NaiveDate>,
}

impl From<NewOrganization> for FactsInput {
    fn from(b: NewOrganization) -> FactsInput {
        FactsInput {
            name: Some(b.name),
            mpn_id: Some(b.mpn_id),
            marketplace_account_active: b.marketplace_account_active,
            seller_account_active: b.seller_account_active,
            partner_types: b.partner_types,
            isv_connect_enrolled_on: Some(b.isv_connect_enrolled_on),
        }
    }
}

/// Changed program facts: what is left out stays as it is; `null` clears the MPN ID or the
/// ISV Connect date.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"seller_account_active": true}))]
pub struct FactsPatch {
    #[schema(schema_with = schema::org_name_or_null)]
    name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(schema_with = schema::mpn_id)]
    mpn_id: Option<Option<String>>,
    marketplace_account_active: Option<bool>,
    seller_account_active: Option<bool>,
    #[schema(schema_with = schema::partner_types_or_null)]
    partner_types: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(schema_with = schema::nullable_date)]
    isv_connect_enrolled_on: Option<Option<NaiveDate>>,
}

impl From<FactsPatch> for FactsInput {
    fn from(b: FactsPatch) -> FactsInput {
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

const MPN_TAKEN: &str = "`mpn_id_taken`: another organization has this MPN ID";

/// Create an organization.
#[utoipa::path(post, path = "/organizations", tag = "organizations",
    request_body = NewOrganization,
    responses(
        (status = 201, description = "The organization", body = OrgView),
        (status = 409, description = MPN_TAKEN, body = ErrorBody),
    ))]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: Json<NewOrganization>,
) -> AppResult<HttpResponse> {
    let id = orgs::create(&state, &user, &body.into_inner().into()).await?;
    Ok(HttpResponse::Created().json(orgs::view(&state, &user, id).await?))
}

/// One line of the organizations list.
#[derive(Serialize, ToSchema)]
pub struct OrgListItem {
    id: OrgId,
    name: String,
    mpn_id: Option<String>,
}

/// Every organization, by name.
#[utoipa::path(get, path = "/organizations", tag = "organizations", params(Paging),
    responses((status = 200, description = "A page of organizations", body = super::Page<OrgListItem>)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<Paging>,
) -> AppResult<HttpResponse> {
    let window = q.window();
    let (rows, total) = orgs::list(&state, &user, window).await?;
    let items = rows
        .into_iter()
        .map(|o| OrgListItem {
            id: o.id,
            name: o.name,
            mpn_id: o.mpn_id,
        })
        .collect();
    Ok(HttpResponse::Ok().json(super::Page::at(items, Some(total), window)))
}

/// An organization: program facts, competencies and business profile.
#[utoipa::path(get, path = "/organizations/{id}", tag = "organizations",
    params(("id" = OrgId, Path, description = "The organization")),
    responses((status = 200, description = "The organization", body = OrgView)))]
pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(orgs::view(&state, &user, *path).await?))
}

/// Change program facts.
#[utoipa::path(patch, path = "/organizations/{id}", tag = "organizations",
    params(("id" = OrgId, Path, description = "The organization")),
    request_body = FactsPatch,
    responses(
        (status = 200, description = "The organization", body = OrgView),
        (status = 409, description = MPN_TAKEN, body = ErrorBody),
    ))]
pub async fn patch(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    body: Json<FactsPatch>,
) -> AppResult<HttpResponse> {
    orgs::update_facts(&state, &user, *path, &body.into_inner().into()).await?;
    Ok(HttpResponse::Ok().json(orgs::view(&state, &user, *path).await?))
}

/// The business profile, whole: what is left out or empty is cleared (the profile is then
/// incomplete, and says what is missing).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"company_name": "Contoso Ltd", "description": "Contoso builds analytics for retailers across Europe, with stores in twelve countries.",
    "website": "https://contoso.example", "headquarters_country": "NL", "industries": ["retail"], "contact_email": "partners@contoso.example"}))]
pub struct ProfileBody {
    #[schema(schema_with = schema::company_name_or_null)]
    company_name: Option<String>,
    #[schema(schema_with = schema::description_or_null)]
    description: Option<String>,
    #[schema(schema_with = schema::https_url_or_null)]
    website: Option<String>,
    #[schema(schema_with = schema::country_or_null)]
    headquarters_country: Option<String>,
    #[serde(default)]
    #[schema(schema_with = schema::industries)]
    industries: Vec<String>,
    #[schema(schema_with = schema::email_or_null)]
    contact_email: Option<String>,
}

/// Replace the business profile.
#[utoipa::path(put, path = "/organizations/{id}/business-profile", tag = "organizations",
    params(("id" = OrgId, Path, description = "The organization")),
    request_body = ProfileBody,
    responses((status = 200, description = "The profile", body = ProfileView)))]
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

/// A file in the multipart field `file`.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct FileUpload {
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Upload the logo: PNG, JPEG or GIF, at most 1 MiB and 300 px wide.
#[utoipa::path(put, path = "/organizations/{id}/business-profile/logo", tag = "organizations",
    params(("id" = OrgId, Path, description = "The organization")),
    request_body(content = FileUpload, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "The profile with its logo", body = ProfileView),
        (status = 413, description = "`too_large`: over 1 MiB", body = ErrorBody),
        (status = 415, description = "`unsupported_media_type`: not a PNG, JPEG or GIF", body = ErrorBody),
    ))]
pub async fn put_logo(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let id = *path;
    let (bytes, total) = crate::http::upload::read_logo(payload, &user).await?;
    orgs::put_logo(&state, &user, id, &bytes, total).await?;
    Ok(HttpResponse::Ok().json(orgs::view(&state, &user, id).await?.business_profile))
}

/// The organization's logo.
#[utoipa::path(get, path = "/organizations/{id}/logo", tag = "organizations",
    params(("id" = OrgId, Path, description = "The organization")),
    responses((status = 200, description = "The image", content(
        ([u8] = "image/png"), ([u8] = "image/jpeg"), ([u8] = "image/gif")))))]
pub async fn get_logo(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
) -> AppResult<HttpResponse> {
    let (bytes, content_type) = orgs::logo(&state, &user, *path).await?;
    Ok(HttpResponse::Ok().content_type(content_type).body(bytes))
}

/// A gold competency.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompetencyBody {
    #[schema(schema_with = schema::competency_area)]
    area: String,
    #[schema(schema_with = schema::date)]
    expires_on: NaiveDate,
}

/// Replace the gold competencies, all at once.
#[utoipa::path(put, path = "/organizations/{id}/competencies", tag = "organizations",
    params(("id" = OrgId, Path, description = "The organization")),
    request_body(content = Vec<CompetencyBody>, example = json!([{"area": "data_analytics", "expires_on": "2027-06-30"}])),
    responses((status = 200, description = "The competencies", body = Vec<crate::domain::org::Competency>)))]
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
