//! The live checklist of a solution: its facts, loaded in one statement with the solution
//! (`services::access`), evaluated by the pure engine on the requested date. Nothing is
//! cached: every call reads the current facts.

use super::access::{self, SolutionCtx};
use crate::auth::CurrentUser;
use crate::db::{self, facts::RawFacts};
use crate::domain::document::DocumentKind;
use crate::domain::ids::{OrgId, SolutionId};
use crate::domain::money::Month;
use crate::domain::offer::OfferState;
use crate::domain::org::{BusinessProfile, Competency};
use crate::domain::solution::{Contact, ContactRole, Listing};
use crate::domain::status::{
    self, AMOUNT_ARGS, Checklist, Facts, PERCENT_ARGS, Requirement, Status,
};
use crate::domain::status_story::Story;
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::state::AppState;
use chrono::NaiveDate;
use serde::Serialize;

/// Turns stored rows into the engine's facts.
pub fn facts_from(raw: &RawFacts) -> Option<Facts> {
    let r = &raw.row;
    let offer_type = r.offer_type;
    let profile = BusinessProfile {
        company_name: r.company_name.clone(),
        description: r.description.clone(),
        website: r.website.clone(),
        headquarters_country: r.headquarters_country.clone(),
        industries: db::split_codes(&r.org_industries),
        contact_email: r.contact_email.clone(),
    };
    let listing = Listing {
        geographies: db::split_codes(&r.geographies),
        solution_areas: db::split_codes(&r.solution_areas),
        industries: db::split_codes(&r.industries),
        customer_sizes: db::split_codes(&r.customer_sizes),
        pitch: r.pitch.clone(),
        landing_page: None,
    };
    let contacts = raw
        .contacts
        .iter()
        .filter_map(|c| {
            Some(Contact {
                name: c.name.clone(),
                email: c.email.clone(),
                job_title: c.job_title.clone(),
                role: ContactRole::parse(&c.role)?,
                geographies: db::split_codes(&c.geographies),
            })
        })
        .collect();
    let mut azure_consumed = Vec::new();
    let mut marketplace_billed = Vec::new();
    for row in &raw.revenue {
        let Some(month) = Month::parse(&row.month) else {
            continue;
        };
        match row.kind.as_str() {
            "azure_consumed" => azure_consumed.push((month, row.amount_cents)),
            "marketplace_billed" if row.offer_key == r.offer_id => {
                marketplace_billed.push((month, row.amount_cents))
            }
            _ => {}
        }
    }
    Some(Facts {
        offer_type,
        offer_live: r.offer_state == OfferState::Live,
        offer_store_count: db::split_codes(&r.stores).len(),
        transactable: r.transactable,
        competency_areas: db::split_codes(&r.competency_areas),
        has_mpn_id: r.mpn_id.is_some(),
        marketplace_account_active: r.marketplace_account_active,
        profile_missing: profile.missing_fields(r.logo_size.is_some()),
        competencies: raw
            .competencies
            .iter()
            .map(|(area, expires_on)| Competency {
                area: area.clone(),
                expires_on: *expires_on,
            })
            .collect(),
        isv_connect_enrolled_on: r.isv_connect_enrolled_on,
        geographies: listing.geographies.clone(),
        contacts,
        listing_complete: listing.details_complete(),
        documents: raw
            .documents
            .iter()
            .filter_map(|d| DocumentKind::parse(&d.kind))
            .collect(),
        azure_consumed,
        marketplace_billed,
        technical_validation: r.percent_bp,
    })
}

pub struct Evaluated {
    pub checklist: Checklist,
    pub awarded: Option<Status>,
    pub solution_id: SolutionId,
    pub organization_id: OrgId,
    pub offer_id: i64,
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
    let facts = facts_from(raw)?;
    Some(Evaluated {
        checklist: status::evaluate(&facts, as_of),
        awarded: raw.row.awarded_status.as_deref().and_then(Status::parse),
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
                    .map(crate::domain::reference::competency_label)
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
    pub id: &'static str,
    #[schema(schema_with = crate::api::schema::requirement_group)]
    pub group: &'static str,
    #[schema(schema_with = crate::api::schema::requirement_state)]
    pub state: &'static str,
    pub detail: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StatusJson {
    #[schema(schema_with = crate::api::schema::status)]
    pub status: &'static str,
    #[schema(schema_with = crate::api::schema::nullable_status)]
    pub awarded_status: Option<&'static str>,
    #[schema(schema_with = crate::api::schema::status)]
    pub shown_status: &'static str,
    pub as_of: String,
    pub requirements: Vec<RequirementJson>,
}

/// The shape of `GET /api/v1/solutions/{id}/status` (SPEC 7).
pub fn to_json(e: &Evaluated) -> StatusJson {
    let tr = Tr::en();
    StatusJson {
        status: e.checklist.status.code(),
        awarded_status: e.awarded.map(Status::code),
        shown_status: e.shown().code(),
        as_of: e.checklist.as_of.to_string(),
        requirements: e
            .checklist
            .requirements
            .iter()
            .map(|r| RequirementJson {
                id: r.id,
                group: r.group.code(),
                state: r.state.code(),
                detail: detail_text(&tr, r),
            })
            .collect(),
    }
}

/// One line of the partner dashboard.
pub struct DashboardLine {
    pub evaluated: Evaluated,
    pub offer_name: String,
    pub offer_type: String,
    pub review_state: String,
    pub review_reason: Option<String>,
    /// Drops of the shown status in the next 30 days, if nothing changes (SPEC 12).
    pub forecast: Vec<crate::domain::forecast::Lapse>,
}

/// Every solution of an organization with its checklist on `as_of` (one statement in all).
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
                offer_type: raw.row.offer_type.code().to_string(),
                review_state: raw.row.review_state.code().to_string(),
                review_reason: raw.row.review_reason.clone(),
                forecast: super::forecast::of(raw, as_of),
            })
        })
        .collect())
}
