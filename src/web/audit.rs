//! The audit log page: program admins see every entry, an account admin its organization's.

use super::{PageCtx, render};
use crate::auth::CurrentUser;
use crate::db::audit::{self, Row};
use crate::domain::roles::Role;
use crate::error::AppResult;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

const PAGE_SIZE: i64 = 100;

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    p: PageCtx,
    rows: Vec<Row>,
    page: i64,
    has_next: bool,
    organization_id: String,
}

#[derive(Deserialize)]
pub struct AuditQuery {
    page: Option<i64>,
    organization_id: Option<String>,
}

pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    q: web::Query<AuditQuery>,
) -> AppResult<HttpResponse> {
    let asked = q
        .organization_id
        .as_deref()
        .and_then(|s| s.trim().parse::<i64>().ok());
    let org = if user.has(Role::ProgramAdmin) {
        asked
    } else {
        user.require(&[Role::AccountAdmin])?;
        user.organization_id
    };
    let page = q.page.unwrap_or(1).max(1);
    let mut rows = audit::list(&state.db, org, None, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE).await?;
    let has_next = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let p = PageCtx::new(&req, Some(&user));
    let organization_id = if user.has(Role::ProgramAdmin) {
        asked.map(|i| i.to_string()).unwrap_or_default()
    } else {
        String::new()
    };
    render(
        StatusCode::OK,
        &AuditPage {
            p,
            rows,
            page,
            has_next,
            organization_id,
        },
    )
}
