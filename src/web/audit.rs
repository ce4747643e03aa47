//! The audit log page: program admins browse and filter every entry (organization, user, kind,
//! date range); an account admin sees its own organization's.

use super::{PageCtx, render};
use crate::auth::CurrentUser;
use crate::domain::ids::OrgId;
use crate::domain::roles::Role;
use crate::error::AppResult;
use crate::http::extract::Query;
use crate::services::audit::{self, Row, filter_for};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

const PAGE_SIZE: i64 = 100;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct AuditQuery {
    page: Option<i64>,
    organization_id: String,
    user: String,
    kind: String,
    from: String,
    to: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    p: PageCtx,
    /// Entries, one user's run on one solution folded into one line (newest first).
    lines: Vec<Vec<Row>>,
    kinds: &'static [&'static str],
    page: i64,
    has_next: bool,
    q: AuditQuery,
    is_program_admin: bool,
    query_string: String,
    names: audit::Names,
    /// The organizations to filter on (program admins), by name.
    organizations: Vec<(i64, String)>,
}

impl AuditPage {
    /// An entry's detail in the reader's words (see [`super::audit_words`]).
    fn words(&self, row: &Row) -> String {
        super::audit_words::detail_words(
            &self.p.tr,
            &self.names,
            &row.kind,
            row.solution_id,
            &row.detail,
        )
    }

    fn organization(&self, id: &OrgId) -> String {
        self.names
            .organizations
            .get(&id.0)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<AuditQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let asked = q.organization_id.trim().parse::<OrgId>().ok();
    let filter = filter_for(&user, asked, &q.user, &q.kind, date(&q.from), date(&q.to))?;
    let page = q.page.unwrap_or(1).max(1);
    let mut rows = audit::list(&state, &filter, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE).await?;
    let has_next = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let names = audit::names(&state, &rows).await?;
    let organizations = audit::organization_choices(&state, &user).await?;
    let query_string = [
        ("organization_id", &q.organization_id),
        ("user", &q.user),
        ("kind", &q.kind),
        ("from", &q.from),
        ("to", &q.to),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", super::urlencode(v)))
    .collect::<Vec<_>>()
    .join("&");
    let p = PageCtx::new(&req, Some(&user));
    render(
        StatusCode::OK,
        &AuditPage {
            p,
            lines: audit::group(rows),
            kinds: audit::KINDS,
            page,
            has_next,
            q,
            is_program_admin: user.has(Role::ProgramAdmin),
            query_string,
            names,
            organizations,
        },
    )
}
