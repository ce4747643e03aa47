//! The partner dashboard: every co-sell solution of the organization with its status today and
//! the next thing to do, and the business profile's completeness.

use super::{PageCtx, render};
use crate::auth::CurrentUser;
use crate::domain::ids::{OrgId, SolutionId};
use crate::domain::offer::OfferType;
use crate::domain::review::ReviewState;
use crate::error::AppResult;
use crate::services::{forecast, notices, orgs, status};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::Utc;

pub struct Line {
    pub solution_id: SolutionId,
    pub offer_name: String,
    pub offer_type: OfferType,
    pub status: &'static str,
    pub status_label: String,
    /// Why the solution has that status, in words.
    pub story: String,
    pub met: usize,
    pub applicable: usize,
    pub next_step: Option<String>,
    pub next_url: Option<String>,
    pub review_state: ReviewState,
    pub review_reason: Option<String>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    p: PageCtx,
    org: orgs::OrgView,
    lines: Vec<Line>,
    /// The lapse forecast in words (the same as the warnings by mail): (solution, title, body).
    ahead: Vec<(SolutionId, String, String)>,
}

pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<OrgId>,
) -> AppResult<HttpResponse> {
    let org_id = *path;
    let org = orgs::view(&state, &user, org_id).await?;
    let today = Utc::now().date_naive();
    let p = PageCtx::new(&req, Some(&user));
    let all = status::dashboard(&state, &user, org_id, today).await?;
    let ahead = all
        .iter()
        .flat_map(|l| {
            let id = l.evaluated.solution_id;
            l.forecast.iter().filter_map(move |lapse| {
                let event = forecast::event(id, lapse);
                let said = forecast::said(&l.offer_name, lapse);
                let w = notices::words_of(&p.tr, &event, &said, Some(org_id))?;
                Some((id, w.title, w.body))
            })
        })
        .collect();
    let lines = all
        .into_iter()
        .map(|l| {
            let next = l.evaluated.checklist.next_step();
            let (shown, story) = super::checklist::story(&p.tr, &l.evaluated, l.review_state);
            Line {
                solution_id: l.evaluated.solution_id,
                offer_name: l.offer_name,
                offer_type: l.offer_type,
                status: shown.code(),
                status_label: p.tr.label("status", shown.code()).into_owned(),
                story,
                met: l
                    .evaluated
                    .checklist
                    .requirements
                    .iter()
                    .filter(|r| r.state == crate::domain::status::State::Met)
                    .count(),
                applicable: l
                    .evaluated
                    .checklist
                    .requirements
                    .iter()
                    .filter(|r| r.state != crate::domain::status::State::NotApplicable)
                    .count(),
                next_step: next.map(|r| status::detail_text(&p.tr, r)),
                next_url: next
                    .and_then(|r| r.fix)
                    .map(|f| super::checklist::fix_url(f, &l.evaluated)),
                review_state: l.review_state,
                review_reason: l.review_reason,
            }
        })
        .collect();
    render(
        StatusCode::OK,
        &DashboardPage {
            p,
            org,
            lines,
            ahead,
        },
    )
}
