//! Use cases around offers: create, edit, publish, stop, read.

use crate::auth::CurrentUser;
use crate::db::{self, offers::OfferRow};
use crate::domain::codes::CodeList;
use crate::domain::ids::SolutionId;
use crate::domain::ids::{OfferId, OrgId};
use crate::domain::offer::Store;
use crate::domain::offer::{
    self as rules, OfferInput, OfferState, OfferType, PublishRefusal, ValidOffer,
};
use crate::domain::reference::CompetencyArea;
use crate::error::{AppError, AppResult, Problem};
use crate::state::AppState;
use serde::Serialize;

use crate::domain::roles::OFFER_EDITORS;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OfferView {
    pub id: OfferId,
    pub organization_id: OrgId,
    pub name: String,
    #[schema(schema_with = crate::domain::openapi::offer_type)]
    pub offer_type: OfferType,
    #[schema(schema_with = crate::domain::openapi::stores)]
    pub stores: Vec<Store>,
    pub transactable: bool,
    #[schema(schema_with = crate::domain::openapi::competency_areas)]
    pub competency_areas: Vec<CompetencyArea>,
    #[schema(schema_with = crate::domain::openapi::offer_state)]
    pub state: OfferState,
    pub solution_id: Option<SolutionId>,
}

impl From<OfferRow> for OfferView {
    fn from(r: OfferRow) -> OfferView {
        OfferView {
            id: r.id,
            organization_id: r.organization_id,
            name: r.name,
            offer_type: r.offer_type,
            stores: r.stores.0,
            transactable: r.transactable,
            competency_areas: r.competency_areas.0,
            state: r.state,
            solution_id: r.solution_id,
        }
    }
}

use super::access::may_read_organization as may_read;

/// Loads an offer the actor may see; anything else is 404.
pub async fn load(state: &AppState, actor: &CurrentUser, id: OfferId) -> AppResult<OfferRow> {
    let row = db::offers::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    may_read(actor, row.organization_id)?;
    Ok(row)
}

pub async fn list(
    state: &AppState,
    actor: &CurrentUser,
    organization_id: OrgId,
    window: super::Window,
) -> AppResult<Vec<OfferView>> {
    may_read(actor, organization_id)?;
    db::orgs::find(&state.db, organization_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(db::offers::list(&state.db, organization_id, window)
        .await?
        .into_iter()
        .map(OfferView::from)
        .collect())
}

/// How many offers an organization has (for a page of [`list`]).
pub async fn count(
    state: &AppState,
    actor: &CurrentUser,
    organization_id: OrgId,
) -> AppResult<i64> {
    may_read(actor, organization_id)?;
    Ok(db::offers::count(&state.db, organization_id).await?)
}

fn columns(v: &ValidOffer) -> db::offers::OfferColumns<'_> {
    db::offers::OfferColumns {
        name: &v.name,
        offer_type: v.offer_type,
        stores: CodeList(v.stores.clone()),
        transactable: v.transactable,
        competency_areas: CodeList(v.competency_areas.clone()),
    }
}

pub async fn create(
    state: &AppState,
    actor: &CurrentUser,
    organization_id: OrgId,
    input: &OfferInput,
) -> AppResult<OfferId> {
    actor.scope_org(organization_id)?;
    actor.require(OFFER_EDITORS)?;
    db::orgs::find(&state.db, organization_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let valid = ValidOffer::validate(input)?;
    let audit = actor.audit(
        Some(organization_id),
        "offer_created",
        format!("offer {:?} ({}) created", valid.name, valid.offer_type),
    );
    Ok(db::offers::insert(&state.db, organization_id, &columns(&valid), &audit).await?)
}

pub async fn update(
    state: &AppState,
    actor: &CurrentUser,
    id: OfferId,
    input: &OfferInput,
) -> AppResult<()> {
    let row = load(state, actor, id).await?;
    actor.require(OFFER_EDITORS)?;
    let valid = ValidOffer::validate(input)?;
    db::offers::update(&state.db, row.id, &columns(&valid)).await?;
    Ok(())
}

pub async fn publish(state: &AppState, actor: &CurrentUser, id: OfferId) -> AppResult<()> {
    let row = load(state, actor, id).await?;
    actor.require(OFFER_EDITORS)?;
    let org = db::orgs::find(&state.db, row.organization_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let from = row.state;
    let to = rules::publish(from, org.seller_account_active).map_err(|r| match r {
        PublishRefusal::SellerAccountInactive => AppError::Rule(Problem::keyed(
            "seller_account_inactive",
            "err-publish-seller",
        )),
        PublishRefusal::AlreadyLive => {
            AppError::Conflict(Problem::keyed("wrong_state", "err-publish-live"))
        }
    })?;
    let audit = actor.audit(
        Some(row.organization_id),
        "offer_published",
        format!("offer {} {:?}: {from} -> {to}", row.id, row.name),
    );
    if !db::offers::set_state(&state.db, row.id, from, to, &audit).await? {
        return Err(AppError::Conflict(Problem::keyed(
            "wrong_state",
            "err-offer-changed",
        )));
    }
    Ok(())
}

pub async fn stop(state: &AppState, actor: &CurrentUser, id: OfferId) -> AppResult<()> {
    let row = load(state, actor, id).await?;
    actor.require(OFFER_EDITORS)?;
    let from = row.state;
    let to = rules::stop(from)
        .ok_or_else(|| AppError::Conflict(Problem::keyed("wrong_state", "err-stop-not-live")))?;
    let audit = actor.audit(
        Some(row.organization_id),
        "offer_stopped",
        format!("offer {} {:?}: {from} -> {to}", row.id, row.name),
    );
    if !db::offers::set_state(&state.db, row.id, from, to, &audit).await? {
        return Err(AppError::Conflict(Problem::keyed(
            "wrong_state",
            "err-offer-changed",
        )));
    }
    Ok(())
}
