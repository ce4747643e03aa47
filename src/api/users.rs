//! Users (per organization and program side), the caller's own account, the audit log.

use super::{Page, Paging, schema};
use crate::auth::CurrentUser;
use crate::domain::ids::{OrgId, UserId};
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{Json, Query};
use crate::services::accounts::UserRow;
use crate::services::accounts::{self, NewUserInput};
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A user as account and program admins see it.
#[derive(Serialize, ToSchema)]
pub struct UserJson {
    id: UserId,
    #[schema(example = "maker@contoso.example")]
    email: String,
    #[schema(schema_with = schema::roles)]
    roles: Vec<&'static str>,
    /// None for program-side users.
    organization_id: Option<OrgId>,
    created_at: DateTime<Utc>,
}

impl From<&UserRow> for UserJson {
    fn from(u: &UserRow) -> UserJson {
        UserJson {
            id: u.id,
            email: u.email.clone(),
            roles: u.roles.clone().codes(),
            organization_id: u.organization_id,
            created_at: u.created_at,
        }
    }
}

/// The caller's own account.
#[derive(Serialize, ToSchema)]
pub struct Me {
    id: UserId,
    email: String,
    #[schema(schema_with = schema::roles)]
    roles: Vec<&'static str>,
    organization_id: Option<OrgId>,
}

/// The caller's account.
#[utoipa::path(get, path = "/me", tag = "accounts",
    responses((status = 200, description = "The caller", body = Me)))]
pub async fn me(user: CurrentUser) -> HttpResponse {
    HttpResponse::Ok().json(Me {
        id: user.id,
        email: user.email.clone(),
        roles: user.roles.codes(),
        organization_id: user.organization_id,
    })
}

/// A new partner user: partner roles only.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "new.colleague@contoso.example", "password": "a-long-password", "roles": ["developer"]}))]
pub struct NewPartnerUser {
    #[schema(schema_with = schema::email)]
    email: String,
    #[schema(schema_with = schema::password)]
    password: String,
    #[schema(schema_with = schema::partner_roles)]
    roles: Vec<String>,
}

/// A new program-side user: reviewer, program_admin or seller.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "new.reviewer@program.example", "password": "a-long-password", "roles": ["reviewer"]}))]
pub struct NewProgramUser {
    #[schema(schema_with = schema::email)]
    email: String,
    #[schema(schema_with = schema::password)]
    password: String,
    #[schema(schema_with = schema::program_roles)]
    roles: Vec<String>,
}

async fn create(
    state: &AppState,
    user: &CurrentUser,
    org: Option<OrgId>,
    input: &NewUserInput<'_>,
) -> AppResult<HttpResponse> {
    let input = NewUserInput {
        organization_id: org,
        ..*input
    };
    let id = accounts::create_user(state, user, &input).await?;
    let row = accounts::managed_user(state, user, id).await?;
    Ok(HttpResponse::Created().json(UserJson::from(&row)))
}

/// Add a user to an organization (its account admin, or a program admin).
#[utoipa::path(post, path = "/organizations/{id}/users", tag = "accounts",
    params(("id" = OrgId, Path, description = "The organization")),
    request_body = NewPartnerUser,
    responses(
        (status = 201, description = "The user", body = UserJson),
        (status = 409, description = "`email_taken`: a user with this email exists", body = ErrorBody),
    ))]
pub async fn create_in_org(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    body: Json<NewPartnerUser>,
) -> AppResult<HttpResponse> {
    let input = NewUserInput {
        email: &body.email,
        password: &body.password,
        roles: &body.roles,
        organization_id: None,
    };
    create(&state, &user, Some(*path), &input).await
}

/// Add a program-side user.
#[utoipa::path(post, path = "/users", tag = "accounts",
    request_body = NewProgramUser,
    responses(
        (status = 201, description = "The user", body = UserJson),
        (status = 409, description = "`email_taken`: a user with this email exists", body = ErrorBody),
    ))]
pub async fn create_program_user(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: Json<NewProgramUser>,
) -> AppResult<HttpResponse> {
    let input = NewUserInput {
        email: &body.email,
        password: &body.password,
        roles: &body.roles,
        organization_id: None,
    };
    create(&state, &user, None, &input).await
}

/// A page of users (an organization's, or the program's: a few dozen at most, read whole).
/// A page of the users of an organization, or of the program-side users (`None`).
async fn users_page(
    state: &AppState,
    user: &CurrentUser,
    organization_id: Option<OrgId>,
    paging: &Paging,
) -> AppResult<Page<UserJson>> {
    let window = paging.window();
    let rows = accounts::list_users(state, user, organization_id, window).await?;
    let total = accounts::count_users(state, user, organization_id).await?;
    Ok(Page::at(
        rows.iter().map(UserJson::from).collect(),
        Some(total),
        window,
    ))
}

/// The users of an organization.
#[utoipa::path(get, path = "/organizations/{id}/users", tag = "accounts",
    params(("id" = OrgId, Path, description = "The organization"), Paging),
    responses((status = 200, description = "A page of users", body = Page<UserJson>)))]
pub async fn list_in_org(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    q: Query<Paging>,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(users_page(&state, &user, Some(*path), &q).await?))
}

/// The program-side users.
#[utoipa::path(get, path = "/users", tag = "accounts", params(Paging),
    responses((status = 200, description = "A page of users", body = Page<UserJson>)))]
pub async fn list_program_users(
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<Paging>,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(users_page(&state, &user, None, &q).await?))
}

/// A user's roles, all at once.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"roles": ["developer", "manager"]}))]
pub struct RolesBody {
    #[schema(schema_with = schema::roles)]
    roles: Vec<String>,
}

/// Replace a user's roles. A partner user takes partner roles only and a program-side user
/// program roles only (400 otherwise).
#[utoipa::path(put, path = "/users/{id}/roles", tag = "accounts",
    params(("id" = i64, Path, description = "The user")),
    request_body = RolesBody,
    responses((status = 200, description = "The user", body = UserJson)))]
pub async fn put_roles(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<UserId>,
    body: Json<RolesBody>,
) -> AppResult<HttpResponse> {
    accounts::set_roles(&state, &user, *path, &body.roles).await?;
    let row = accounts::managed_user(&state, &user, *path).await?;
    Ok(HttpResponse::Ok().json(UserJson::from(&row)))
}

/// Remove a user (their sessions and tokens end with them).
#[utoipa::path(delete, path = "/users/{id}", tag = "accounts",
    params(("id" = i64, Path, description = "The user")),
    responses(
        (status = 204, description = "Removed"),
        (status = 409, description = "`cannot_remove_self`: you cannot remove your own account", body = ErrorBody),
    ))]
pub async fn delete(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<UserId>,
) -> AppResult<HttpResponse> {
    accounts::remove_user(&state, &user, *path).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Which audit entries: all filters together.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// One organization (program admins; an account admin always reads their own).
    organization_id: Option<OrgId>,
    /// The email of the person who acted.
    #[param(schema_with = super::schema::query_text)]
    user: Option<String>,
    /// The kind of entry (`solution_saved`, `document_uploaded`...).
    #[param(schema_with = super::schema::query_text)]
    kind: Option<String>,
    /// From this day on (UTC).
    #[param(schema_with = schema::date_or_empty)]
    since: Option<NaiveDate>,
    /// Up to and including this day (UTC).
    #[param(schema_with = schema::date_or_empty)]
    until: Option<NaiveDate>,
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<i64>,
    #[param(minimum = 1, maximum = 200)]
    per_page: Option<i64>,
}

/// Audit entries, newest first: program admins read every entry (or one organization's); an
/// account admin its own organization's.
#[utoipa::path(get, path = "/audit", tag = "accounts", params(AuditQuery),
    responses((status = 200, description = "A page of entries", body = Page<crate::services::audit::Row>)))]
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
    let at = Paging {
        page: q.page,
        per_page: q.per_page,
    }
    .window();
    let items = crate::services::audit::list(&state, &filter, at.limit, at.offset).await?;
    Ok(HttpResponse::Ok().json(Page::at(items, None, at)))
}
