//! `/api/docs`: the API reference for people, Swagger UI (vendored from the npm package
//! `swagger-ui-dist` into `static/vendor`) over the generated `/api/v1/openapi.json`.

use super::PageCtx;
use super::assets;
use crate::error::{AppError, AppResult};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiDocsPage {
    p: PageCtx,
    swagger_css: String,
    swagger_js: String,
    init_js: String,
}

/// The one page whose Content-Security-Policy lets styles be inline: Swagger UI sets them
/// from its script. Scripts still come from this server only.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

pub async fn show(req: HttpRequest) -> AppResult<HttpResponse> {
    let page = ApiDocsPage {
        p: PageCtx::new(&req, None),
        swagger_css: assets::url("swagger-ui.css"),
        swagger_js: assets::url("swagger-ui-bundle.js"),
        init_js: assets::url("api-docs.js"),
    };
    let body = page.render().map_err(|e| {
        tracing::error!(error = %e, "template failed");
        AppError::internal()
    })?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CONTENT_SECURITY_POLICY, CSP))
        .body(body))
}
