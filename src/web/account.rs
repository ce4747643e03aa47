//! The signed-in user's own account: roles shown, password change.

use super::{CsrfForm, Done, Flash, FormErrors, PageCtx, form_outcome, render};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::services::{accounts, notices};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    p: PageCtx,
    roles: Vec<String>,
    errors: FormErrors,
    /// Each kind of mail the user can get (its words) and whether it is on.
    mails: Vec<(&'static str, String, bool)>,
    /// The language of the user's mails, in words.
    mail_language: String,
}

async fn page(
    req: &HttpRequest,
    state: &AppState,
    user: &CurrentUser,
    errors: Option<&crate::error::AppError>,
) -> AppResult<HttpResponse> {
    let p = PageCtx::new(req, Some(user));
    let roles = user
        .roles
        .codes()
        .iter()
        .map(|c| p.tr.label("role", c).into_owned())
        .collect();
    let (errors, status) = FormErrors::shown(p.tr, errors);
    let mails = notices::mail_choices(state, user)
        .await?
        .into_iter()
        .map(|(kind, on)| (kind, p.tr.label("mail-kind", kind).into_owned(), on))
        .collect();
    let mail_language = p.tr.t_args(
        "mails-language",
        &[(
            "language",
            p.tr.label(
                "language",
                crate::i18n::Lang::parse(&user.language)
                    .unwrap_or_default()
                    .code(),
            )
            .into_owned(),
        )],
    );
    render(
        status,
        &AccountPage {
            p,
            roles,
            errors,
            mails,
            mail_language,
        },
    )
}

pub async fn show(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    page(&req, &state, &user, None).await
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
        async |e| page(&req, &state, &user, Some(&e)).await,
    )
    .await
}
