//! A reference page for `bench/pages.sh` (compiled in only with the `bench` feature): signed
//! in, the same layout as every page, and one SELECT (the organization's solutions). What a
//! page costs beyond this is the price of its own queries and rendering.

use super::{PageCtx, render};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
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
    let solutions = solutions::list(&state, &user, org).await?;
    let p = PageCtx::new(&req, Some(&user));
    render(StatusCode::OK, &ReferencePage { p, solutions })
}
