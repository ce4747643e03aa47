//! The live checklist of a solution: its facts, loaded in one statement with the solution
//! (`services::access`), evaluated by the pure engine on the requested date. Nothing is
//! cached: every call reads the current facts.

use super::access::{self, SolutionCtx};
use crate::auth::CurrentUser;
use crate::db::{self, facts::RawFacts};
use crate::domain::ids::{OfferId, OrgId, SolutionId};
use crate::domain::reference::{CompetencyArea, competency_label};
use crate::domain::status::{
    self, AMOUNT_ARGS, Checklist, Group, PERCENT_ARGS, Requirement, RequirementId, State, Status,
};
use crate::domain::status_story::Story;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use chrono::NaiveDate;
use serde::Serialize;

pub struct Evaluated {
    pub checklist: Checklist,
    pub awarded: Option<Status>,
    pub solution_id: SolutionId,
    pub organization_id: OrgId,
    pub offer_id: OfferId,
}

impl Evaluated {
    /// The lower of the awarded status and what the facts support; `marketplace` when never
    /// approved.
    pub fn shown(&self) -> Status {
        match self.awarded {
            Some(a) => a.lower(self.checklist.status),
            None => Status::Marketplace,
        }
    }
}

/// Evaluates a loaded solution on `as_of` (no query).
pub fn evaluate_ctx(ctx: &SolutionCtx, as_of: NaiveDate) -> AppResult<Evaluated> {
    evaluated(&ctx.facts, as_of).ok_or_else(|| {
        tracing::error!(solution = ctx.id().0, "stored facts do not decode");
        AppError::internal()
    })
}

/// The status a solution shows on `as_of` and the one its facts support then, from its
/// facts as loaded (or as they would be: the revenue check changes them first).
pub fn shown_and_supported(raw: &RawFacts, as_of: NaiveDate) -> AppResult<(Status, Status)> {
    let e = evaluated(raw, as_of).ok_or_else(AppError::internal)?;
    let story = Story::of(e.awarded, e.checklist.status, raw.row.review_state);
    Ok((story.shown(), e.checklist.status))
}

fn evaluated(raw: &RawFacts, as_of: NaiveDate) -> Option<Evaluated> {
    let facts = raw.facts()?;
    Some(Evaluated {
        checklist: status::evaluate(&facts, as_of),
        awarded: raw.row.awarded_status,
        solution_id: raw.row.solution_id,
        organization_id: raw.row.organization_id,
        offer_id: raw.row.offer_id,
    })
}

/// The sentence of a requirement in `tr`'s language, with codes turned into labels.
pub fn detail_text(tr: &Tr, r: &Requirement) -> String {
    let args: Vec<(&str, String)> = r
        .args
        .iter()
        .map(|(k, v)| {
            let v = match *k {
                "missing" => v
                    .split(", ")
                    .map(|c| tr.label("profile-field", c))
                    .collect::<Vec<_>>()
                    .join(", "),
                "areas" => v
                    .split(", ")
                    .map(|c| {
                        CompetencyArea::parse(c)
                            .map_or(c.to_string(), |a| competency_label(a).to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                "type" => tr.label("offer-type", v).into_owned(),
                k if AMOUNT_ARGS.contains(&k) => {
                    v.parse().map_or_else(|_| v.clone(), |c| tr.usd(&c))
                }
                k if PERCENT_ARGS.contains(&k) => {
                    v.parse().map_or_else(|_| v.clone(), |bp| tr.percent(&bp))
                }
                _ => v.clone(),
            };
            (*k, v)
        })
        .collect();
    tr.t_args(r.detail, &args)
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RequirementJson {
    pub id: RequirementId,
    #[schema(schema_with = crate::domain::openapi::requirement_group)]
    pub group: Group,
    #[schema(schema_with = crate::domain::openapi::requirement_state)]
    pub state: State,
    pub detail: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StatusJson {
    #[schema(schema_with = crate::domain::openapi::status)]
    pub status: Status,
    #[schema(schema_with = crate::domain::openapi::nullable_status)]
    pub awarded_status: Option<Status>,
    #[schema(schema_with = crate::domain::openapi::status)]
    pub shown_status: Status,
    pub as_of: String,
    pub requirements: Vec<RequirementJson>,
}

/// The shape of `GET /api/v1/solutions/{id}/status` (SPEC 7).
pub fn to_json(e: &Evaluated) -> StatusJson {
    let tr = Tr::en();
    StatusJson {
        status: e.checklist.status,
        awarded_status: e.awarded,
        shown_status: e.shown(),
        as_of: e.checklist.as_of.to_string(),
        requirements: e
            .checklist
            .requirements
            .iter()
            .map(|r| RequirementJson {
                id: r.id,
                group: r.group,
                state: r.state,
                detail: detail_text(&tr, r),
            })
            .collect(),
    }
}

/// One line of the partner dashboard.
pub struct DashboardLine {
    pub evaluated: Evaluated,
    pub offer_name: String,
    pub offer_type: crate::domain::offer::OfferType,
    pub review_state: crate::domain::review::ReviewState,
    pub review_reason: Option<String>,
    /// Drops of the shown status in the next 30 days, if nothing changes (SPEC 12).
    pub forecast: Vec<crate::domain::forecast::Lapse>,
}

/// Every solution of an organization with its checklist on `as_of` (one statement in all).
#[tracing::instrument(name = "status::dashboard", level = "debug", skip_all)]
pub async fn dashboard(
    state: &AppState,
    actor: &CurrentUser,
    organization_id: OrgId,
    as_of: NaiveDate,
) -> AppResult<Vec<DashboardLine>> {
    access::may_read_organization(actor, organization_id)?;
    let all = db::facts::load_organization(&state.db, organization_id).await?;
    Ok(all
        .iter()
        .filter_map(|raw| {
            Some(DashboardLine {
                evaluated: evaluated(raw, as_of)?,
                offer_name: raw.row.offer_name.clone(),
                offer_type: raw.row.offer_type,
                review_state: raw.row.review_state,
                review_reason: raw.row.review_reason.clone(),
                forecast: super::forecast::of(raw, as_of),
            })
        })
        .collect())
}
