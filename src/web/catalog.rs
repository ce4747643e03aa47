//! The catalog pages for sellers (and reviewers, program admins): search with filters, and
//! one solution with its contacts per geography and its collateral.

use super::{PageCtx, render};
use crate::auth::CurrentUser;
use crate::domain::document::DocumentKind;
use crate::domain::ids::DocumentId;
use crate::domain::ids::SolutionId;
use crate::domain::offer::OfferType;
use crate::domain::reference::{Industry, SolutionArea};
use crate::domain::status::Status;
use crate::error::AppResult;
use crate::http::extract::{Query, Read, Solution};
use crate::services::catalog::{self, CatalogEntry, CatalogPage};
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
    industries: &'static [Industry],
    areas: &'static [SolutionArea],
    countries: Vec<(&'static str, &'static str)>,
    query_string: String,
}

impl ListPage {
    /// How many results, in words.
    fn count_text(&self) -> String {
        self.p.tr.count("catalog-count", &self.results.total)
    }

    fn logo_alt(&self, name: &str) -> String {
        self.p
            .tr
            .t_args("catalog-logo", &[("name", name.to_string())])
    }
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
        industries: Industry::ALL,
        areas: SolutionArea::ALL,
        countries,
        query_string,
    };
    render(StatusCode::OK, &page)
}

/// A catalog entry as a page shows it: in the reader's words, with where its documents
/// and their thumbnails are fetched from (the catalog for sellers; the partner's own pages
/// in a preview).
pub struct EntryView {
    pub e: CatalogEntry,
    tr: crate::i18n::Tr,
    pub docs: Vec<DocLink>,
}

pub struct DocLink {
    pub kind: DocumentKind,
    pub file_name: String,
    pub href: String,
    pub thumb: String,
}

impl EntryView {
    /// The version of each document in the entry's revision (the revision's documents do not
    /// carry their ids; the revision keeps them by kind).
    fn version_of(e: &CatalogEntry, kind: DocumentKind) -> DocumentId {
        e.revision
            .document_ids
            .get(&kind)
            .copied()
            .unwrap_or_default()
    }

    /// As sellers see it in the catalog.
    pub fn in_catalog(tr: crate::i18n::Tr, e: CatalogEntry) -> EntryView {
        let docs = e
            .documents
            .iter()
            .map(|d| {
                let base = format!("/catalog/{}/documents/{}", e.id, d.kind);
                DocLink {
                    kind: d.kind,
                    file_name: d.file_name.clone(),
                    thumb: format!("{base}/thumbnail?v={}", Self::version_of(&e, d.kind)),
                    href: base,
                }
            })
            .collect();
        EntryView { e, tr, docs }
    }

    /// As its partner previews it: the documents through their own document pages.
    pub fn for_partner(tr: crate::i18n::Tr, e: CatalogEntry) -> EntryView {
        let docs = e
            .documents
            .iter()
            .map(|d| {
                let version = Self::version_of(&e, d.kind);
                let base = format!(
                    "/solutions/{}/documents/{}/versions/{version}",
                    e.id, d.kind
                );
                DocLink {
                    kind: d.kind,
                    file_name: d.file_name.clone(),
                    href: format!("{base}/download"),
                    thumb: format!("{base}/thumbnail"),
                }
            })
            .collect();
        EntryView { e, tr, docs }
    }

    pub fn text(&self, key: &str) -> String {
        super::revision_words(&self.tr, &self.e.revision, key)
    }

    pub fn country(&self, code: &str) -> String {
        self.tr
            .country(code)
            .map_or(code.to_string(), |name| format!("{name} ({code})"))
    }

    pub fn role(&self, c: &ContactView) -> String {
        self.tr.label("contact-role", c.role.code()).into_owned()
    }

    pub fn logo_alt(&self) -> String {
        self.tr.t_args(
            "catalog-logo",
            &[("name", self.e.organization_name.clone())],
        )
    }

    pub fn approved_on(&self) -> Option<String> {
        self.e.approved_at.map(|at| self.tr.date(&at.date_naive()))
    }
}

#[derive(Template)]
#[template(path = "catalog_entry.html")]
struct EntryPage {
    p: PageCtx,
    v: EntryView,
}

pub async fn entry(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<SolutionId>,
) -> AppResult<HttpResponse> {
    let e = catalog::entry(&state, &user, *path).await?;
    let p = PageCtx::new(&req, Some(&user));
    let v = EntryView::in_catalog(p.tr, e);
    render(StatusCode::OK, &EntryPage { p, v })
}

pub async fn document(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String)>,
) -> AppResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    let row = catalog::document(&state, &user, id, &kind).await?;
    crate::http::download(&state, &row).await
}

/// The thumbnail of a catalog entry's document, as approved.
pub async fn document_thumbnail(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(SolutionId, String)>,
) -> AppResult<HttpResponse> {
    let (id, kind) = path.into_inner();
    let row = catalog::document(&state, &user, id, &kind).await?;
    crate::http::thumbnail(&state, &row).await
}

#[derive(Template)]
#[template(path = "preview.html")]
struct PreviewPage {
    p: PageCtx,
    solution_id: i64,
    now: Option<EntryView>,
    next: EntryView,
    /// The page and its documents are as approved: nothing waits for an approval.
    unchanged: bool,
}

/// Preview as seller (SPEC 11): the entry sellers see now beside this page as its entry
/// would read once approved.
pub async fn preview(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    sol: Solution<Read>,
) -> AppResult<HttpResponse> {
    let preview = catalog::preview(&state, &sol).await?;
    let p = PageCtx::new(&req, Some(&user));
    let unchanged = preview.now.as_ref().is_some_and(|now| {
        now.revision.document_ids == preview.next.revision.document_ids
            && crate::services::snapshot::compare(Some(&now.revision), &preview.next.revision)
                .iter()
                .all(|c| !c.changed)
    });
    let page = PreviewPage {
        solution_id: sol.id().0,
        now: preview.now.map(|e| EntryView::for_partner(p.tr, e)),
        next: EntryView::for_partner(p.tr, preview.next),
        unchanged,
        p,
    };
    render(StatusCode::OK, &page)
}

/// The current results as CSV, every page of them (up to `catalog::EXPORT_MAX`), in the
/// reader's words, for sellers to take into their own tools.
pub async fn export(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<catalog::Query>,
) -> AppResult<HttpResponse> {
    let rows = catalog::export(&state, &user, q.into_inner()).await?;
    let tr = crate::i18n::Tr::new(super::lang_of(&req));
    let base = {
        let info = req.connection_info();
        format!("{}://{}", info.scheme(), info.host())
    };
    let named = |tags: &[(String, String)], kind: &str| {
        tags.iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, code)| match kind {
                "geography" => tr
                    .country(code)
                    .map_or_else(|| code.clone(), str::to_string),
                "industry" => tr.label("industry", code).into_owned(),
                _ => tr.label("solution-area", code).into_owned(),
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut out = csv::Writer::from_writer(Vec::from("\u{FEFF}".as_bytes()));
    let header = [
        "csv-offer",
        "csv-organization",
        "field-offer-type",
        "catalog-status",
        "catalog-approved",
        "field-solution-areas",
        "field-target-industries",
        "field-geographies",
        "field-pitch",
        "csv-link",
    ]
    .map(|key| tr.t(key).into_owned());
    let written: Result<(), csv::Error> = (|| {
        out.write_record(&header)?;
        for r in &rows {
            let i = &r.item;
            let cells = [
                i.offer_name.clone(),
                i.organization_name.clone(),
                tr.label("offer-type", i.offer_type.code()).into_owned(),
                tr.label("status", i.shown_status.code()).into_owned(),
                tr.date(&i.approved_at.date_naive()),
                named(&r.tags, "solution_area"),
                named(&r.tags, "industry"),
                named(&r.tags, "geography"),
                i.pitch.clone(),
                format!("{base}/catalog/{}", i.id),
            ];
            out.write_record(
                cells
                    .iter()
                    .map(|c| crate::domain::spreadsheet::safe_cell(c).into_owned()),
            )?;
        }
        Ok(())
    })();
    let bytes = written
        .and_then(|()| out.into_inner().map_err(|e| e.into_error().into()))
        .map_err(|e| crate::error::AppError::internal_because(anyhow::anyhow!(e)))?;
    Ok(crate::http::csv::attachment("cosell-catalog.csv", bytes))
}
