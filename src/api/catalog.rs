//! The internal catalog (sellers, reviewers, program admins).

use super::schema;
use crate::auth::CurrentUser;
use crate::domain::ids::SolutionId;
use crate::error::AppResult;
use crate::http::extract::Query;
use crate::services::catalog;
use crate::services::catalog::{CatalogEntry, CatalogPage};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::IntoParams;

/// What to look for: all filters together; an empty one is no filter.
#[derive(Deserialize, Default, IntoParams)]
#[serde(deny_unknown_fields, default)]
#[into_params(parameter_in = Query)]
pub struct CatalogQuery {
    /// Words in the offer's name, the organization's name or the pitch.
    #[param(schema_with = schema::query_text)]
    pub q: String,
    /// An industry code.
    #[param(schema_with = schema::industry_filter)]
    pub industry: String,
    /// A country code.
    #[param(schema_with = schema::country_filter)]
    pub geography: String,
    /// A solution area code.
    #[param(schema_with = schema::solution_area_filter)]
    pub solution_area: String,
    /// An offer type code.
    #[param(schema_with = schema::offer_type_filter)]
    pub offer_type: String,
    /// The status shown in the catalog (awarded, and still supported today).
    #[param(schema_with = schema::status_filter)]
    pub status: String,
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<i64>,
    /// Results per page (20 unless asked).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

impl CatalogQuery {
    pub fn into_query(self) -> catalog::Query {
        catalog::Query {
            q: self.q,
            industry: self.industry,
            geography: self.geography,
            solution_area: self.solution_area,
            offer_type: self.offer_type,
            status: self.status,
            page: self.page.unwrap_or(1),
            per_page: self.per_page,
        }
    }
}

/// Approved solutions, newest approval first, 20 a page unless `per_page` says otherwise.
#[utoipa::path(get, path = "/catalog", tag = "catalog", params(CatalogQuery),
    responses((status = 200, description = "A page of the catalog", body = CatalogPage)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<CatalogQuery>,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(catalog::search(&state, &user, q.into_inner().into_query()).await?))
}

/// A catalog entry: the last approved revision, with contacts per geography and collateral.
#[utoipa::path(get, path = "/catalog/{id}", tag = "catalog",
    params(("id" = i64, Path, description = "The solution")),
    responses((status = 200, description = "The entry", body = CatalogEntry)))]
pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(catalog::entry(&state, &user, *path).await?))
}

/// Download a document as approved.
#[utoipa::path(get, path = "/catalog/{id}/documents/{kind}", tag = "catalog",
    params(("id" = i64, Path, description = "The solution"),
        ("kind" = crate::domain::document::DocumentKind, Path, description = "The kind of document")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream", body = [u8])))]
pub async fn document(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String)>,
) -> AppResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    let row = catalog::document(&state, &user, id, &kind).await?;
    super::solutions::download(&state, &row).await
}
