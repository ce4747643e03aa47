//! The signed-in user's own account: roles shown, password change.

use super::{CsrfForm, Done, Flash, FormErrors, PageCtx, form_outcome, form_status, render};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::services::accounts;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    p: PageCtx,
    roles: Vec<String>,
    errors: FormErrors,
}

fn page(
    req: &HttpRequest,
    user: &CurrentUser,
    status: StatusCode,
    errors: Option<&crate::error::AppError>,
) -> AppResult<HttpResponse> {
    let p = PageCtx::new(req, Some(user));
    let roles = user
        .roles
        .codes()
        .iter()
        .map(|c| p.tr.label("role", c))
        .collect();
    let errors = match errors {
        Some(e) => FormErrors::from_app(p.tr, e),
        None => FormErrors::none(p.tr),
    };
    render(status, &AccountPage { p, roles, errors })
}

pub async fn show(req: HttpRequest, user: CurrentUser) -> AppResult<HttpResponse> {
    page(&req, &user, StatusCode::OK, None)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    csrf: String,
    current_password: String,
    new_password: String,
}

pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    form: CsrfForm<PasswordForm>,
) -> AppResult<HttpResponse> {
    let form = form.into_inner();
    let result =
        accounts::change_password(&state, &user, &form.current_password, &form.new_password).await;
    form_outcome(
        result,
        |()| Done::to("/account").told(Flash::PasswordChanged),
        async |e| page(&req, &user, form_status(&e), Some(&e)),
    )
    .await
}
