//! The catalog pages for sellers (and reviewers, program admins): search with filters, and
//! one solution with its contacts per geography and its collateral.

use super::{PageCtx, render};
use crate::auth::CurrentUser;
use crate::domain::offer::OfferType;
use crate::domain::reference::{INDUSTRIES, SOLUTION_AREAS};
use crate::domain::status::Status;
use crate::error::AppResult;
use crate::http::extract::Query;
use crate::services::catalog::{self, CatalogEntry, CatalogPage};
use crate::services::documents::DocumentView;
use crate::services::solutions::ContactView;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

#[derive(Template)]
#[template(path = "catalog.html")]
struct ListPage {
    p: PageCtx,
    results: CatalogPage,
    q: catalog::Query,
    types: Vec<&'static str>,
    statuses: Vec<&'static str>,
    industries: &'static [(&'static str, &'static str)],
    areas: &'static [(&'static str, &'static str)],
    countries: Vec<(&'static str, &'static str)>,
    query_string: String,
}

pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<catalog::Query>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let query_string = {
        let pairs = [
            ("q", &q.q),
            ("industry", &q.industry),
            ("geography", &q.geography),
            ("solution_area", &q.solution_area),
            ("offer_type", &q.offer_type),
            ("status", &q.status),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", super::urlencode(v)))
            .collect::<Vec<_>>()
            .join("&")
    };
    let results = catalog::search(&state, &user, q.clone()).await?;
    let p = PageCtx::new(&req, Some(&user));
    let countries = p.tr.countries();
    let page = ListPage {
        p,
        results,
        q,
        types: OfferType::ALL.iter().map(|t| t.code()).collect(),
        statuses: Status::ALL.iter().map(|s| s.code()).collect(),
        industries: INDUSTRIES,
        areas: SOLUTION_AREAS,
        countries,
        query_string,
    };
    render(StatusCode::OK, &page)
}

#[derive(Template)]
#[template(path = "catalog_entry.html")]
struct EntryPage {
    p: PageCtx,
    e: CatalogEntry,
}

impl EntryPage {
    fn text(&self, key: &str) -> String {
        super::revision_words(&self.p.tr, &self.e.revision, key)
    }

    fn country(&self, code: &str) -> String {
        self.p
            .tr
            .country(code)
            .map_or(code.to_string(), |name| format!("{name} ({code})"))
    }

    fn contact_line(&self, c: &ContactView) -> String {
        let title = c
            .job_title
            .as_deref()
            .filter(|t| !t.is_empty())
            .map(|t| format!(", {t}"))
            .unwrap_or_default();
        format!(
            "{}{title} · {} · {}",
            c.name,
            c.email,
            self.p.tr.label("contact-role", &c.role)
        )
    }

    fn doc_kind<'a>(&self, d: &'a DocumentView) -> &'a str {
        &d.kind
    }

    fn doc_name(&self, d: &DocumentView) -> String {
        d.file_name.clone()
    }
}

pub async fn entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let e = catalog::entry(&state, &user, *path).await?;
    let p = PageCtx::new(&req, Some(&user));
    render(StatusCode::OK, &EntryPage { p, e })
}

pub async fn document(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, String)>,
) -> AppResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    let row = catalog::document(&state, &user, id, &kind).await?;
    crate::http::download(&state, &row).await
}

/// The thumbnail of a catalog entry's document, as approved.
pub async fn document_thumbnail(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, String)>,
) -> AppResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    let row = catalog::document(&state, &user, id, &kind).await?;
    crate::http::thumbnail(&state, &row).await
}
