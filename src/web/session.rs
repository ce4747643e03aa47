//! Signing in and out, the landing page of each role, the language switch and `/healthz`.

use super::{AnonymousForm, CsrfForm, FormErrors, NoFields, PageCtx, render, safe_next, see_other};
use crate::auth::{
    CurrentUser, LOGIN_CSRF_COOKIE, MaybeUser, SESSION_COOKIE, host_cookie, removal_cookie,
};
use crate::domain::roles::Role;
use crate::error::{AppError, AppResult};
use crate::http::extract::Query;
use crate::i18n::{LANG_COOKIE, Lang};
use crate::secret;
use crate::services::accounts;
use crate::state::AppState;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

/// Where each role starts.
pub fn landing(user: &CurrentUser) -> String {
    if user.has(Role::ProgramAdmin) {
        "/organizations".into()
    } else if user.has(Role::Reviewer) {
        "/review".into()
    } else if user.has(Role::Seller) {
        "/catalog".into()
    } else if let Some(org) = user.organization_id {
        format!("/organizations/{org}/dashboard")
    } else {
        "/home".into()
    }
}

pub async fn root(user: MaybeUser) -> HttpResponse {
    match user.0 {
        Some(u) => see_other(&landing(&u)),
        None => see_other("/login"),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    p: PageCtx,
    email: String,
    next: String,
    login_csrf: String,
    errors: FormErrors,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

fn login_page(
    req: &HttpRequest,
    status: StatusCode,
    email: String,
    next: String,
    err: Option<&AppError>,
) -> AppResult<HttpResponse> {
    let p = PageCtx::new(req, None);
    let login_csrf = secret::random_token();
    let errors = FormErrors::shown(p.tr, err).0;
    let page = LoginPage {
        p,
        email,
        next,
        login_csrf: login_csrf.clone(),
        errors,
    };
    let mut res = render(status, &page)?;
    res.add_cookie(&host_cookie(LOGIN_CSRF_COOKIE, login_csrf))
        .map_err(|_| AppError::internal())?;
    Ok(res)
}

pub async fn login_form(
    req: HttpRequest,
    user: MaybeUser,
    q: Query<NextQuery>,
) -> AppResult<HttpResponse> {
    if let Some(u) = user.0 {
        return Ok(see_other(&landing(&u)));
    }
    login_page(
        &req,
        StatusCode::OK,
        String::new(),
        safe_next(q.next.as_deref()),
        None,
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    password: String,
    next: String,
}

pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    form: AnonymousForm<LoginForm>,
) -> AppResult<HttpResponse> {
    let next_of = |form: &LoginForm| {
        if form.next.is_empty() {
            String::new()
        } else {
            safe_next(Some(&form.next))
        }
    };
    let form = match form.checked() {
        Ok(form) => form,
        Err((form, err)) => {
            let next = next_of(&form);
            return login_page(&req, err.status(), form.email, next, Some(&err));
        }
    };
    let next = next_of(&form);
    let address = crate::http::client_address(&req, &state.trusted_proxies);
    match accounts::authenticate(&state, &form.email, &form.password, &address).await {
        Ok(user) => {
            let session = accounts::start_session(&state, user.id).await?;
            let target = if next.is_empty() || next == "/" {
                "/".to_string()
            } else {
                next
            };
            let mut res = see_other(&target);
            res.add_cookie(&host_cookie(SESSION_COOKIE, session.token))
                .map_err(|_| AppError::internal())?;
            res.add_removal_cookie(&removal_cookie(LOGIN_CSRF_COOKIE))
                .map_err(|_| AppError::internal())?;
            Ok(res)
        }
        Err(err @ (AppError::BadCredentials | AppError::TooManyAttempts)) => {
            login_page(&req, err.status(), form.email, next, Some(&err))
        }
        Err(err) => Err(err),
    }
}

pub async fn logout(
    state: web::Data<AppState>,
    user: CurrentUser,
    _form: CsrfForm<NoFields>,
) -> AppResult<HttpResponse> {
    accounts::end_session(&state, &user).await?;
    let mut res = see_other("/login");
    res.add_removal_cookie(&removal_cookie(SESSION_COOKIE))
        .map_err(|_| AppError::internal())?;
    Ok(res)
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    p: PageCtx,
    roles: Vec<String>,
}

pub async fn home(req: HttpRequest, user: CurrentUser) -> AppResult<HttpResponse> {
    let p = PageCtx::new(&req, Some(&user));
    let roles = user
        .roles
        .codes()
        .iter()
        .map(|c| p.tr.label("role", c).into_owned())
        .collect();
    render(StatusCode::OK, &HomePage { p, roles })
}

/// The language switch as a link: remembers the choice in a cookie for the pages and goes
/// back to the page. It changes nothing stored (another site could make a browser follow it).
pub async fn switch_lang(path: web::Path<String>, q: Query<NextQuery>) -> HttpResponse {
    lang_cookie_and_back(&path, q.next.as_deref())
}

#[derive(Debug, Deserialize)]
pub struct LangForm {
    next: Option<String>,
}

/// The language switch of a signed-in person (a form with the CSRF token): the pages'
/// cookie, and the language of their mails and notifications.
pub async fn choose_lang(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<String>,
    form: CsrfForm<LangForm>,
) -> AppResult<HttpResponse> {
    if let Some(lang) = Lang::parse(&path) {
        crate::services::notices::set_language(&state, &user, lang).await?;
    }
    Ok(lang_cookie_and_back(
        &path,
        form.into_inner().next.as_deref(),
    ))
}

fn lang_cookie_and_back(code: &str, next: Option<&str>) -> HttpResponse {
    let mut res = see_other(&safe_next(next));
    if let Some(lang) = Lang::parse(code) {
        let cookie = Cookie::build(LANG_COOKIE, lang.code())
            .path("/")
            .same_site(SameSite::Lax)
            .max_age(CookieDuration::days(365))
            .finish();
        // Adding a well-formed cookie cannot fail.
        let _ = res.add_cookie(&cookie);
    }
    res
}

pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    if state.db.ping().await {
        HttpResponse::Ok().content_type("text/plain").body("ok")
    } else {
        HttpResponse::ServiceUnavailable()
            .content_type("text/plain")
            .body("database unavailable")
    }
}
