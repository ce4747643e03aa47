//! Users (per organization and program side), the caller's own account, the audit log.

use super::Paging;
use crate::auth::CurrentUser;
use crate::domain::ids::OrgId;
use crate::domain::roles::RoleSet;
use crate::error::AppResult;
use crate::http::extract::{Json, Query};
use crate::services::accounts::UserRow;
use crate::services::accounts::{self, NewUserInput};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Value, json};

fn user_json(u: &UserRow) -> Value {
    json!({
        "id": u.id,
        "email": u.email,
        "roles": RoleSet::from_stored(&u.roles).codes(),
        "organization_id": u.organization_id,
        "created_at": u.created_at,
    })
}

pub async fn me(user: CurrentUser) -> HttpResponse {
    HttpResponse::Ok().json(json!({
        "id": user.id,
        "email": user.email,
        "roles": user.roles.codes(),
        "organization_id": user.organization_id,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUserBody {
    email: String,
    password: String,
    roles: Vec<String>,
}

async fn create(
    state: &AppState,
    user: &CurrentUser,
    org: Option<OrgId>,
    body: &NewUserBody,
) -> AppResult<HttpResponse> {
    let input = NewUserInput {
        email: &body.email,
        password: &body.password,
        roles: &body.roles,
        organization_id: org,
    };
    let id = accounts::create_user(state, user, &input).await?;
    let row = accounts::managed_user(state, user, id).await?;
    Ok(HttpResponse::Created().json(user_json(&row)))
}

pub async fn create_in_org(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    body: Json<NewUserBody>,
) -> AppResult<HttpResponse> {
    create(&state, &user, Some(*path), &body).await
}

pub async fn create_program_user(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: Json<NewUserBody>,
) -> AppResult<HttpResponse> {
    create(&state, &user, None, &body).await
}

pub async fn list_in_org(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    q: Query<Paging>,
) -> AppResult<HttpResponse> {
    let rows = accounts::list_users(&state, &user, Some(*path)).await?;
    Ok(HttpResponse::Ok().json(users_page(rows, &q)))
}

/// A page of users (an organization's, or the program's: a few dozen at most, read whole).
fn users_page(rows: Vec<UserRow>, paging: &Paging) -> Value {
    let total = rows.len();
    let (limit, offset) = paging.limit_offset();
    let items: Vec<_> = paging.slice(rows).iter().map(user_json).collect();
    json!({"items": items, "total": total, "page": offset / limit + 1, "per_page": limit})
}

pub async fn list_program_users(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<Paging>,
) -> AppResult<HttpResponse> {
    let rows = accounts::list_users(&state, &user, None).await?;
    Ok(HttpResponse::Ok().json(users_page(rows, &q)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RolesBody {
    roles: Vec<String>,
}

pub async fn put_roles(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: Json<RolesBody>,
) -> AppResult<HttpResponse> {
    accounts::set_roles(&state, &user, *path, &body.roles).await?;
    let row = accounts::managed_user(&state, &user, *path).await?;
    Ok(HttpResponse::Ok().json(user_json(&row)))
}

pub async fn delete(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    accounts::remove_user(&state, &user, *path).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    organization_id: Option<OrgId>,
    user: Option<String>,
    kind: Option<String>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    page: Option<i64>,
    per_page: Option<i64>,
}

/// Program admins read every entry (or one organization's); an account admin its own.
pub async fn audit(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<AuditQuery>,
) -> AppResult<HttpResponse> {
    let filter = crate::services::audit::filter_for(
        &user,
        q.organization_id,
        q.user.as_deref().unwrap_or(""),
        q.kind.as_deref().unwrap_or(""),
        q.since,
        q.until,
    )?;
    let (limit, offset) = Paging {
        page: q.page,
        per_page: q.per_page,
    }
    .limit_offset();
    let rows = crate::services::audit::list(&state, &filter, limit, offset).await?;
    Ok(HttpResponse::Ok()
        .json(json!({"items": rows, "page": offset / limit + 1, "per_page": limit})))
}
