//! Revenue pages: the import (program admins; a CSV file, all or nothing, with a page that
//! shows what was imported) and the per-month view with the trailing-window totals.

use super::{PageCtx, render};
use crate::auth::CurrentUser;
use crate::domain::ids::OfferId;
use crate::domain::ids::OrgId;
use crate::domain::revenue_csv::RevenueLine;
use crate::domain::status::Status;
use crate::error::{AppError, AppResult};
use crate::http::extract::Query;
use crate::services::revenue::Check;
use crate::services::revenue::{self, RevenueView};
use crate::state::AppState;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "revenue.html")]
struct RevenuePage {
    p: PageCtx,
    org_name: String,
    view: RevenueView,
    offers: HashMap<i64, String>,
}

/// An offer by its name, its number when it has none on record.
fn offer_name(names: &HashMap<i64, String>, id: &i64) -> String {
    names.get(id).cloned().unwrap_or_else(|| id.to_string())
}

impl RevenuePage {
    fn offer(&self, id: &OfferId) -> String {
        offer_name(&self.offers, &id.0)
    }
}

#[derive(Deserialize)]
pub struct AsOfQuery {
    as_of: Option<String>,
}

pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
    q: Query<AsOfQuery>,
) -> AppResult<HttpResponse> {
    let on = crate::http::as_of(q.as_of.as_deref())?;
    let view = revenue::view(&state, &user, *path, on).await?;
    let org_name = crate::services::orgs::name(&state, &user, *path).await?;
    let offers = revenue::names(&state, [], view.offer_ids()).await?.1;
    let p = PageCtx::new(&req, Some(&user));
    let page = RevenuePage {
        p,
        org_name,
        view,
        offers,
    };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "revenue_import.html")]
struct ImportPage {
    p: PageCtx,
    /// Every bad line of a refused file, at the top of the page.
    csv_errors: Vec<String>,
    imported: Vec<RevenueLine>,
    done: bool,
    /// What importing the checked file would change, and the file itself to import it.
    check: Option<Check>,
    csv: String,
    /// The imported rows' organizations and offers by name.
    organizations: HashMap<i64, String>,
    offers: HashMap<i64, String>,
}

impl ImportPage {
    fn new(p: PageCtx) -> ImportPage {
        ImportPage {
            p,
            csv_errors: Vec::new(),
            imported: Vec::new(),
            done: false,
            check: None,
            csv: String::new(),
            organizations: HashMap::new(),
            offers: HashMap::new(),
        }
    }

    fn organization(&self, id: &i64) -> String {
        offer_name(&self.organizations, id)
    }

    fn offer(&self, id: &i64) -> String {
        offer_name(&self.offers, id)
    }

    fn status(&self, s: &Status) -> std::borrow::Cow<'static, str> {
        self.p.tr.label("status", s.code())
    }
}

pub async fn import_form(req: HttpRequest, user: CurrentUser) -> AppResult<HttpResponse> {
    render(
        StatusCode::OK,
        &ImportPage::new(PageCtx::new(&req, Some(&user))),
    )
}

const CSV_LIMIT: usize = revenue::MAX_FILE_BYTES;

/// A refused file: the page again with every bad line at the top.
fn refused(p: PageCtx, e: &AppError) -> AppResult<HttpResponse> {
    let csv_errors = super::csv_lines(&p.tr, e);
    render(
        StatusCode::BAD_REQUEST,
        &ImportPage {
            csv_errors,
            ..ImportPage::new(p)
        },
    )
}

/// The page for a service's answer, built by `shown` from what it returned; a refused file
/// comes back with every bad line at the top; anything else is the error page.
fn outcome<T>(
    p: PageCtx,
    result: AppResult<T>,
    shown: impl FnOnce(ImportPage, T) -> ImportPage,
) -> AppResult<HttpResponse> {
    match result {
        Ok(value) => render(StatusCode::OK, &shown(ImportPage::new(p), value)),
        Err(e @ (AppError::BadRequest(_) | AppError::Invalid(_))) => refused(p, &e),
        Err(e) => Err(e),
    }
}

/// The check step: what importing the file would change, nothing written yet.
pub async fn check(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let text = crate::http::upload::read_text(payload, &user, CSV_LIMIT).await?;
    let result = async {
        let text = text?;
        Ok((revenue::check(&state, &user, &text).await?, text))
    }
    .await;
    let p = PageCtx::new(&req, Some(&user));
    outcome(p, result, |page, (check, csv)| ImportPage {
        check: Some(check),
        csv,
        ..page
    })
}

pub async fn import(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let text = crate::http::upload::read_text(payload, &user, CSV_LIMIT).await?;
    let result = async {
        let imported = revenue::import(&state, &user, &text?).await?;
        let names = revenue::names(
            &state,
            imported.iter().map(|l| l.organization_id),
            imported.iter().filter_map(|l| l.offer_id),
        )
        .await?;
        Ok((imported, names))
    }
    .await;
    let p = PageCtx::new(&req, Some(&user));
    outcome(p, result, |page, (imported, (organizations, offers))| {
        ImportPage {
            imported,
            done: true,
            organizations,
            offers,
            ..page
        }
    })
}
