//! Middleware for every response: security headers, and HTML error pages for errors that
//! happen outside the API (the API keeps its JSON shape).

use super::{PageCtx, render};
use crate::auth::CurrentUser;
use crate::domain::roles::Role;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::services::accounts;
use crate::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use askama::Template;

/// `Strict-Transport-Security` for a portal reached over https (`PUBLIC_URL`): a year, and
/// its subdomains.
const HSTS: &str = "max-age=31536000; includeSubDomains";

/// The headers every answer carries unless it sets its own; `https`: the portal's public
/// address is https, so browsers are told to use nothing else.
pub fn security_headers(https: bool) -> DefaultHeaders {
    let headers = if https {
        DefaultHeaders::new().add((header::STRICT_TRANSPORT_SECURITY, HSTS))
    } else {
        DefaultHeaders::new()
    };
    headers
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "same-origin"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()",
        ))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add((header::CACHE_CONTROL, "no-store"))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    p: PageCtx,
    status: u16,
    title: String,
    message: String,
    /// For a missing role: the roles that may do it, in words ("Co-sell admin or Manager").
    needs: String,
    /// ... and the reader's colleagues who hold one of them.
    holders: Vec<String>,
    in_organization: bool,
    /// The request's id, to quote when asking for help (it is in the request's log line).
    request_id: String,
}

/// Who may do what was refused, for a signed-in reader: the roles in words and the
/// colleagues who have one. Best effort: an error page never fails for want of these.
async fn who_can(
    req: &HttpRequest,
    user: &CurrentUser,
    needs: &[Role],
    tr: &Tr,
) -> (String, Vec<String>) {
    let names: Vec<String> = needs
        .iter()
        .map(|r| tr.label("role", r.code()).into_owned())
        .collect();
    let holders = match req.app_data::<web::Data<AppState>>() {
        Some(state) if !needs.is_empty() => accounts::colleagues_with(state, user, needs)
            .await
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    (names.join(&format!(" {} ", tr.t("or"))), holders)
}

fn is_html(res: &ServiceResponse<BoxBody>) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// Errors on pages become a page in the user's language; a missing sign-in becomes a
/// redirect to `/login` that comes back afterwards. API errors stay JSON, including those
/// raised before a handler runs (unknown route, body too large).
pub async fn error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let is_api = req.path().starts_with("/api/");
    // The probes answer load balancers and operators in plain text, errors included.
    let is_probe = matches!(req.path(), "/healthz" | "/readyz");
    let res = next.call(req).await?.map_into_boxed_body();
    if is_probe {
        return Ok(res);
    }
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || is_html(&res) {
        return Ok(res);
    }
    let app_err = res
        .response()
        .error()
        .and_then(|e| e.as_error::<AppError>())
        .cloned();
    if is_api {
        if app_err.is_some()
            || res
                .headers()
                .get(header::CONTENT_TYPE)
                .is_some_and(|v| v == "application/json")
        {
            return Ok(res);
        }
        let err = AppError::framework(status, res.response().error().map(|e| e.to_string()));
        let (req, old) = res.into_parts();
        let response = keep_allow(&old, actix_web::ResponseError::error_response(&err));
        return Ok(ServiceResponse::new(req, response));
    }
    let (req, old) = res.into_parts();
    if status == StatusCode::UNAUTHORIZED {
        let next_path = req
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string();
        let target = if req.method() == actix_web::http::Method::GET {
            format!("/login?next={}", super::urlencode(&next_path))
        } else {
            "/login".to_string()
        };
        return Ok(ServiceResponse::new(req, super::see_other(&target)));
    }
    let err =
        app_err.unwrap_or_else(|| AppError::framework(status, old.error().map(|e| e.to_string())));
    // The page keeps the navigation of whoever is signed in (looked up once per request).
    let user = CurrentUser::extract(&req).await.ok();
    let p = PageCtx::new(&req, user.as_ref());
    let (needs, holders) = match (&err, &user) {
        (AppError::Forbidden { needs }, Some(u)) => who_can(&req, u, needs, &p.tr).await,
        _ => (String::new(), Vec::new()),
    };
    let page = ErrorPage {
        status: status.as_u16(),
        title: p
            .tr
            .t(&format!("error-title-{}", title_key(status)))
            .into_owned(),
        message: err.message_in(&p.tr),
        needs,
        holders,
        in_organization: user.as_ref().is_some_and(|u| u.organization_id.is_some()),
        request_id: req
            .extensions()
            .get::<crate::telemetry::RequestId>()
            .map(|id| id.to_string())
            .unwrap_or_default(),
        p,
    };
    let response = match render(status, &page) {
        Ok(r) => r,
        Err(e) => actix_web::ResponseError::error_response(&e),
    };
    Ok(ServiceResponse::new(req, keep_allow(&old, response)))
}

/// A 405's `Allow` and a 503's `Retry-After` survive the error being rendered again.
fn keep_allow(
    old: &actix_web::HttpResponse<BoxBody>,
    mut new: actix_web::HttpResponse,
) -> actix_web::HttpResponse {
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = old.headers().get(&name) {
            new.headers_mut().insert(name, value.clone());
        }
    }
    new
}

fn title_key(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "400",
        401 => "401",
        403 => "403",
        404 => "404",
        409 => "409",
        413 => "413",
        415 => "415",
        422 => "422",
        429 => "429",
        503 => "503",
        s if s >= 500 => "500",
        _ => "400",
    }
}
