//! The pages behind the single-use links (SPEC 12): accepting an invitation, asking for a
//! password link and choosing a new password; and revoking an invitation from a users page.
//! The link's token in the path is what authorizes its form (nobody else can know it); the
//! "forgot password" form, which has no token, is protected like the sign-in form.

use super::{
    AnonymousForm, CsrfForm, Done, Flash, FormErrors, NoFields, PageCtx, form_outcome, parse_form,
    render,
};
use crate::auth::{LOGIN_CSRF_COOKIE, SESSION_COOKIE, host_cookie, removal_cookie};
use crate::domain::ids::InvitationId;
use crate::error::{AppError, AppResult};
use crate::secret;
use crate::services::{accounts, invitations};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PasswordOnly {
    password: String,
}

pub async fn revoke(
    state: web::Data<AppState>,
    user: crate::auth::CurrentUser,
    _form: CsrfForm<NoFields>,
    path: web::Path<InvitationId>,
) -> AppResult<HttpResponse> {
    let place = invitations::revoke(&state, &user, *path).await?;
    let to = match place {
        Some(org) => format!("/organizations/{org}/users#invitations"),
        None => "/program-users#invitations".to_string(),
    };
    Ok(Done::to(to).told(Flash::InvitationRevoked).response())
}

#[derive(Template)]
#[template(path = "link_gone.html")]
struct LinkGonePage {
    p: PageCtx,
}

/// A link that no longer works (used, revoked, expired or never there): one page for all.
fn link_gone(req: &HttpRequest) -> AppResult<HttpResponse> {
    render(
        StatusCode::NOT_FOUND,
        &LinkGonePage {
            p: PageCtx::new(req, None),
        },
    )
}

#[derive(Template)]
#[template(path = "accept.html")]
struct AcceptPage {
    p: PageCtx,
    intro: String,
    errors: FormErrors,
}

async fn accept_page(
    req: &HttpRequest,
    state: &AppState,
    token: &str,
    err: Option<&AppError>,
) -> AppResult<HttpResponse> {
    let Ok(invitation) = invitations::open(state, token).await else {
        return link_gone(req);
    };
    let p = PageCtx::new(req, None);
    let roles = invitation
        .roles
        .codes()
        .iter()
        .map(|r| p.tr.label("role", r))
        .collect::<Vec<_>>()
        .join(", ");
    let intro = p.tr.t_args(
        "accept-intro",
        &[
            ("inviter", invitation.invited_by),
            ("email", invitation.email),
            ("roles", roles),
        ],
    );
    let (errors, status) = FormErrors::shown(p.tr, err);
    render(status, &AcceptPage { p, intro, errors })
}

pub async fn accept_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    accept_page(&req, &state, &path, None).await
}

/// Creates the account and signs the person in.
pub async fn accept(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let form: PasswordOnly = parse_form(&body)?;
    match invitations::accept(&state, &path, &form.password).await {
        Ok(user_id) => {
            let session = accounts::start_session(&state, user_id).await?;
            let mut res = super::flash::redirect("/", Flash::Welcome);
            res.add_cookie(&host_cookie(SESSION_COOKIE, session.token))
                .map_err(|_| AppError::internal())?;
            Ok(res)
        }
        Err(AppError::NotFound) => link_gone(&req),
        Err(e) if e.is_form_error() => accept_page(&req, &state, &path, Some(&e)).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "forgot.html")]
struct ForgotPage {
    p: PageCtx,
    email: String,
    login_csrf: String,
    errors: FormErrors,
    /// Set once asked: the page then says a link is on its way, if the account exists.
    sent: Option<String>,
}

fn forgot_page(
    req: &HttpRequest,
    status: StatusCode,
    email: String,
    sent: Option<String>,
    err: Option<&AppError>,
) -> AppResult<HttpResponse> {
    let p = PageCtx::new(req, None);
    let login_csrf = secret::random_token();
    let errors = FormErrors::shown(p.tr, err).0;
    let sent = sent.map(|email| p.tr.t_args("forgot-sent", &[("email", email)]));
    let mut res = render(
        status,
        &ForgotPage {
            p,
            email,
            login_csrf: login_csrf.clone(),
            errors,
            sent,
        },
    )?;
    res.add_cookie(&host_cookie(LOGIN_CSRF_COOKIE, login_csrf))
        .map_err(|_| AppError::internal())?;
    Ok(res)
}

pub async fn forgot_form(req: HttpRequest) -> AppResult<HttpResponse> {
    forgot_page(&req, StatusCode::OK, String::new(), None, None)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ForgotForm {
    email: String,
}

/// The same answer whatever the address (see `invitations::request_reset`).
pub async fn forgot(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: AnonymousForm<ForgotForm>,
) -> AppResult<HttpResponse> {
    let form = match form.checked() {
        Ok(form) => form,
        Err((form, err)) => return forgot_page(&req, err.status(), form.email, None, Some(&err)),
    };
    let address = crate::http::client_address(&req, &state.trusted_proxies);
    match invitations::request_reset(&state, &form.email, &address).await {
        Ok(()) => {
            let email = form.email.trim().to_string();
            let mut res = forgot_page(&req, StatusCode::OK, String::new(), Some(email), None)?;
            res.add_removal_cookie(&removal_cookie(LOGIN_CSRF_COOKIE))
                .map_err(|_| AppError::internal())?;
            Ok(res)
        }
        Err(e) => forgot_page(&req, e.status(), form.email, None, Some(&e)),
    }
}

#[derive(Template)]
#[template(path = "reset.html")]
struct ResetPage {
    p: PageCtx,
    intro: String,
    errors: FormErrors,
}

async fn reset_page(
    req: &HttpRequest,
    state: &AppState,
    token: &str,
    err: Option<&AppError>,
) -> AppResult<HttpResponse> {
    let Ok(email) = invitations::open_reset(state, token).await else {
        return link_gone(req);
    };
    let p = PageCtx::new(req, None);
    let intro = p.tr.t_args("reset-intro", &[("email", email)]);
    let (errors, status) = FormErrors::shown(p.tr, err);
    render(status, &ResetPage { p, intro, errors })
}

pub async fn reset_form(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    reset_page(&req, &state, &path, None).await
}

pub async fn reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let form: PasswordOnly = parse_form(&body)?;
    let result = invitations::reset_password(&state, &path, &form.password).await;
    if matches!(result, Err(AppError::NotFound)) {
        return link_gone(&req);
    }
    form_outcome(
        result,
        |()| Done::to("/login").told(Flash::PasswordReset),
        async |e| reset_page(&req, &state, &path, Some(&e)).await,
    )
    .await
}
