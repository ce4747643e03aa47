//! `POST /api/v1/tokens` (email + password -> token) and `DELETE /api/v1/tokens/{id}`.

use super::schema;
use crate::auth::CurrentUser;
use crate::domain::ids::TokenId;
use crate::error::AppResult;
use crate::http::extract::Json;
use crate::services::accounts;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "maker@contoso.example", "password": "demo-password-1"}))]
pub struct Credentials {
    #[schema(schema_with = schema::email)]
    email: String,
    #[schema(min_length = 1, max_length = 256)]
    password: String,
}

/// A new token: `token` is shown this once (only its hash is kept).
#[derive(Serialize, ToSchema)]
pub struct TokenCreated {
    id: TokenId,
    #[schema(example = "cst_4f1c...")]
    token: String,
}

/// Create an API token from email and password.
#[utoipa::path(post, path = "/tokens", tag = "accounts", security(()),
    request_body = Credentials,
    responses(
        (status = 201, description = "The token, acting with the user's current roles", body = TokenCreated),
        (status = 401, description = "`bad_credentials`: the email or password is wrong", body = crate::error::ErrorBody),
        (status = 429, description = "`too_many_attempts`: too many wrong passwords lately; wait a quarter of an hour", body = crate::error::ErrorBody),
    ))]
pub async fn create(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: Json<Credentials>,
) -> AppResult<HttpResponse> {
    let address = crate::http::client_address(&req, &state.trusted_proxies);
    let user = accounts::authenticate(&state, &body.email, &body.password, &address).await?;
    let (id, token) = accounts::create_token(&state, user.id).await?;
    Ok(HttpResponse::Created().json(TokenCreated { id, token }))
}

/// Revoke one of your own tokens.
#[utoipa::path(delete, path = "/tokens/{id}", tag = "accounts",
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 204, description = "Revoked")))]
pub async fn revoke(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<TokenId>,
) -> AppResult<HttpResponse> {
    accounts::revoke_token(&state, &user, *path).await?;
    Ok(HttpResponse::NoContent().finish())
}
