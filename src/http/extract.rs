//! Extractors that do the plumbing before a handler runs.
//!
//! - [`Solution<A>`]: the solution named by the path's `{id}`, loaded with all its facts in one
//!   statement and authorized for `A` ([`Read`], [`Edit`], [`Review`]) through
//!   `services::access`. A foreign or unknown id is 404, a missing role 403.
//! - [`CsrfForm<T>`]: an url-encoded form whose CSRF token matched the session's before the
//!   form itself is decoded; a forged post never reaches the handler.
//! - [`AnonymousForm<T>`]: the same for the forms posted before any session exists (sign-in,
//!   a forgotten password): the token is checked against the page's double-submit cookie.
//! - [`Query<T>`] and [`Json<T>`]: a query string and a JSON body that passed the input
//!   rules of [`super::input`] (no control characters, paging in bounds) before they are
//!   decoded into `T`; forms pass the same rules in [`parse_form`].

use super::input;
use crate::auth::{CurrentUser, LOGIN_CSRF_COOKIE};
use crate::domain::ids::SolutionId;
use crate::error::{AppError, AppResult};
use crate::services::access::{self, Access, SolutionCtx};
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use serde::de::DeserializeOwned;
use std::future::Future;
use std::marker::PhantomData;
use std::ops::Deref;
use std::pin::Pin;

/// What a handler means to do with the solution it is given.
pub trait AccessLevel {
    const ACCESS: Access;
}

pub struct Read;
pub struct Edit;
pub struct Review;

impl AccessLevel for Read {
    const ACCESS: Access = Access::Read;
}
impl AccessLevel for Edit {
    const ACCESS: Access = Access::Edit;
}
impl AccessLevel for Review {
    const ACCESS: Access = Access::Review;
}

/// The solution of the path's `{id}`, authorized for `A`.
pub struct Solution<A> {
    pub ctx: SolutionCtx,
    _access: PhantomData<A>,
}

impl<A> Solution<A> {
    pub fn into_inner(self) -> SolutionCtx {
        self.ctx
    }
}

impl<A> Deref for Solution<A> {
    type Target = SolutionCtx;

    fn deref(&self) -> &SolutionCtx {
        &self.ctx
    }
}

fn state_of(req: &HttpRequest) -> AppResult<web::Data<AppState>> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(AppError::internal)
}

impl<A: AccessLevel + 'static> FromRequest for Solution<A> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = AppResult<Self>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            // The user first: a visitor without a session is sent to sign in, not told 404.
            let user = CurrentUser::extract(&req).await?;
            let id = req
                .match_info()
                .get("id")
                .and_then(|v| v.parse::<SolutionId>().ok())
                .ok_or_else(AppError::not_found)?;
            // Read with the user when the route says so (`routes`), else read now.
            let ctx = match crate::auth::take_prefetched(&req, id) {
                Some(facts) => access::authorize(&user, facts, A::ACCESS)?,
                None => access::solution(&*state_of(&req)?, &user, id, A::ACCESS).await?,
            };
            Ok(Solution {
                ctx,
                _access: PhantomData,
            })
        })
    }
}

/// The largest url-encoded form a page posts (a solution page with many contacts fits).
pub const FORM_LIMIT: usize = 256 * 1024;

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct TokenOnly {
    csrf: String,
}

/// An url-encoded form (repeated keys fill a `Vec`) posted with the session's CSRF token.
pub struct CsrfForm<T>(pub T);

impl<T> CsrfForm<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// Decodes an `application/x-www-form-urlencoded` body that obeys the input rules.
pub fn parse_form<T: DeserializeOwned>(body: &[u8]) -> AppResult<T> {
    let bad = |e: serde_html_form::de::Error| {
        AppError::bad_request("bad_form", format!("The form could not be read: {e}"))
    };
    input::check_pairs(&serde_html_form::from_bytes::<Vec<(String, String)>>(body).map_err(bad)?)?;
    serde_html_form::from_bytes(body).map_err(bad)
}

/// A query string that obeys the input rules, decoded into `T` (repeated keys fill a `Vec`).
pub struct Query<T>(pub T);

impl<T> Query<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Query<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// Decodes a query string that obeys the input rules.
pub fn parse_query<T: DeserializeOwned>(query: &str) -> AppResult<T> {
    let bad = |e: serde_html_form::de::Error| AppError::bad_request("invalid_query", e.to_string());
    input::check_pairs(&serde_html_form::from_str::<Vec<(String, String)>>(query).map_err(bad)?)?;
    serde_html_form::from_str(query).map_err(bad)
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = AppError;
    type Future = std::future::Ready<AppResult<Self>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Query))
    }
}

/// A JSON body (size, content type and syntax as `web::JsonConfig` says) whose strings obey
/// the input rules, decoded into `T`.
pub struct Json<T>(pub T);

impl<T> Json<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for Json<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = AppResult<Self>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let value = web::Json::<serde_json::Value>::from_request(req, payload);
        Box::pin(async move {
            let value = value
                .await
                .map_err(|e| match e.as_error::<AppError>() {
                    // What `api::json_config` made of it (too large, wrong type, bad JSON).
                    Some(app) => app.clone(),
                    None => AppError::framework(
                        e.as_response_error().status_code(),
                        Some(e.to_string()),
                    ),
                })?
                .into_inner();
            input::check_json(&value)?;
            serde_json::from_value(value).map(Json).map_err(|e| {
                AppError::bad_request("invalid_json", format!("The JSON body is not valid: {e}"))
            })
        })
    }
}

/// A JSON body read as bytes, judged as [`Json`] judges one: for a handler that must decide
/// something (that the caller may see the thing at all) before the body's shape is told.
pub fn json_body<T: DeserializeOwned>(req: &HttpRequest, body: &[u8]) -> AppResult<T> {
    let is_json = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| {
            let t = t.trim().to_ascii_lowercase();
            t == "application/json" || t.ends_with("+json")
        });
    if !is_json {
        return Err(AppError::unsupported_media(
            "Send the body as application/json.",
        ));
    }
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        AppError::bad_request("invalid_json", format!("The JSON body is not valid: {e}"))
    })?;
    input::check_json(&value)?;
    serde_json::from_value(value).map_err(|e| {
        AppError::bad_request("invalid_json", format!("The JSON body is not valid: {e}"))
    })
}

/// An url-encoded form posted before any session exists (sign-in, a forgotten password). Its
/// `csrf` field must match the double-submit cookie its page set ([`LOGIN_CSRF_COOKIE`]); a
/// mismatch is kept with the decoded form, so the page can show it again with what was typed.
pub struct AnonymousForm<T> {
    form: T,
    refused: Option<AppError>,
}

impl<T> AnonymousForm<T> {
    /// The form, or the form with the refusal (403 `csrf_failed`) when the token did not match.
    pub fn checked(self) -> Result<T, (T, AppError)> {
        match self.refused {
            None => Ok(self.form),
            Some(err) => Err((self.form, err)),
        }
    }
}

/// A form's body (within the payload limits), its refusal told as the framework's.
fn form_body(
    req: &HttpRequest,
    payload: &mut Payload,
) -> impl Future<Output = AppResult<web::Bytes>> + use<> {
    let body = web::Bytes::from_request(req, payload);
    async move {
        body.await.map_err(|e| {
            AppError::framework(e.as_response_error().status_code(), Some(e.to_string()))
        })
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for AnonymousForm<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = AppResult<Self>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = form_body(&req, payload);
        Box::pin(async move {
            let body = body.await?;
            let form = parse_form(&body)?;
            let token: TokenOnly = serde_html_form::from_bytes(&body).unwrap_or_default();
            let matches = req.cookie(LOGIN_CSRF_COOKIE).is_some_and(|c| {
                !token.csrf.is_empty() && crate::secret::constant_time_eq(c.value(), &token.csrf)
            });
            Ok(AnonymousForm {
                form,
                refused: (!matches).then(AppError::csrf),
            })
        })
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = AppResult<Self>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = form_body(&req, payload);
        Box::pin(async move {
            let user = CurrentUser::extract(&req).await?;
            let body = body.await?;
            // The token before the form: a forged post learns nothing about the form's rules.
            let token: TokenOnly = serde_html_form::from_bytes(&body).unwrap_or_default();
            user.check_csrf(&token.csrf)?;
            Ok(CsrfForm(parse_form(&body)?))
        })
    }
}
