//! `POST /api/v1/tokens` (email + password -> token) and `DELETE /api/v1/tokens/{id}`.

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::http::extract::Json;
use crate::services::accounts;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Credentials {
    email: String,
    password: String,
}

pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<Credentials>,
) -> AppResult<HttpResponse> {
    let address = crate::http::client_address(&req, &state.trusted_proxies);
    let user = accounts::authenticate(&state, &body.email, &body.password, &address).await?;
    let (id, token) = accounts::create_token(&state, user.id).await?;
    Ok(HttpResponse::Created().json(json!({"id": id, "token": token})))
}

pub async fn revoke(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    accounts::revoke_token(&state, &user, *path).await?;
    Ok(HttpResponse::NoContent().finish())
}
