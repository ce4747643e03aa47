//! The internal catalog (sellers, reviewers, program admins).

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::http::extract::Query;
use crate::services::catalog;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct CatalogQuery {
    pub q: String,
    pub industry: String,
    pub geography: String,
    pub solution_area: String,
    pub offer_type: String,
    pub status: String,
    pub page: Option<i64>,
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
        }
    }
}

pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<CatalogQuery>,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(catalog::search(&state, &user, q.into_inner().into_query()).await?))
}

pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(catalog::entry(&state, &user, *path).await?))
}

pub async fn document(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, String)>,
) -> AppResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    let row = catalog::document(&state, &user, id, &kind).await?;
    super::solutions::download(&state, &row).await
}
