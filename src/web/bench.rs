//! A reference page for `bench/pages.sh` (compiled in only with the `bench` feature): signed
//! in, the same layout as every page, and one SELECT (the organization's solutions). What a
//! page costs beyond this is the price of its own queries and rendering. And an upload that
//! is received and thrown away, for `bench/upload_concurrency.sh`: what storing an upload
//! costs beyond reading it off the connection.

use super::{PageCtx, render};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::services::Window;
use crate::services::solutions;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "bench_reference.html")]
struct ReferencePage {
    p: PageCtx,
    solutions: Vec<solutions::SolutionRow>,
}

pub async fn reference(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    let org = user.organization_id.ok_or_else(AppError::forbidden)?;
    let solutions = solutions::list(&state, &user, org, Window::ALL).await?;
    let p = PageCtx::new(&req, Some(&user));
    render(StatusCode::OK, &ReferencePage { p, solutions })
}

/// `PUT /api/v1/bench/discard`: reads a multipart upload as a document upload would, keeps nothing,
/// and answers with the number of file bytes read.
pub async fn discard(
    payload: actix_multipart::Multipart,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    let size = crate::http::upload::discard(payload, &user).await?;
    Ok(HttpResponse::Ok().json(serde_json::json!({ "size": size })))
}
