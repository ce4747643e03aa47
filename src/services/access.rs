//! Who may do what to a solution: the one place that decides. Every service that touches a
//! solution starts with [`solution`], which loads the solution with all its facts in one
//! statement and authorizes the caller once; what comes back ([`SolutionCtx`]) is everything
//! the page, the checklist, the API and an edit's guard need.

use crate::auth::CurrentUser;
use crate::db::{self, facts::RawFacts};
use crate::domain::ids::{OfferId, OrgId, SolutionId, UserId};
use crate::domain::review::ReviewState;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

use crate::domain::roles::{PROGRAM_READERS, REVIEWERS, SOLUTION_EDITORS};

/// What the caller means to do with a solution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Read the page, the checklist, the documents.
    Read,
    /// Save the page, upload, import contacts, submit or withdraw.
    Edit,
    /// Claim, comment, decide, record a technical validation.
    Review,
}

/// Partner users reach their own organization only (anything else is 404); program-side
/// users read partner data only with a reading role.
pub fn may_read_organization(actor: &CurrentUser, organization_id: OrgId) -> AppResult<()> {
    actor.scope_org(organization_id)?;
    if actor.is_program_side() {
        actor.require(PROGRAM_READERS)?;
    }
    Ok(())
}

/// Partner users reach only the users of their own organization (anything else is 404);
/// program-side users reach every user.
pub async fn may_reach_user(
    state: &AppState,
    actor: &CurrentUser,
    user_id: UserId,
) -> AppResult<()> {
    if actor.is_program_side() {
        return Ok(());
    }
    let user = db::users::find(&state.db, user_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    match user.organization_id {
        Some(org) => actor.scope_org(org),
        None => Err(AppError::not_found()),
    }
}

/// The role `access` asks for beyond reading; 403 without it.
pub fn may(actor: &CurrentUser, access: Access) -> AppResult<()> {
    match access {
        Access::Read => Ok(()),
        Access::Edit => actor.require(SOLUTION_EDITORS),
        Access::Review => actor.require(REVIEWERS),
    }
}

/// True when the actor holds a role that `access` needs (for showing or hiding a form).
pub fn can(actor: &CurrentUser, access: Access) -> bool {
    may(actor, access).is_ok()
}

/// A solution the caller may use as asked, with every fact about it.
#[derive(Debug, Clone)]
pub struct SolutionCtx {
    pub facts: RawFacts,
}

impl SolutionCtx {
    pub fn id(&self) -> SolutionId {
        self.facts.row.solution_id
    }

    pub fn offer_id(&self) -> OfferId {
        self.facts.row.offer_id
    }

    pub fn offer_name(&self) -> &str {
        &self.facts.row.offer_name
    }

    pub fn organization_id(&self) -> OrgId {
        self.facts.row.organization_id
    }

    pub fn version(&self) -> i64 {
        self.facts.row.version
    }

    pub fn review_state(&self) -> ReviewState {
        self.facts.row.review_state
    }
}

/// Loads solution `id` for `access` (one statement): 404 when it does not exist or belongs
/// to another organization, 403 when the role is missing.
pub async fn solution(
    state: &AppState,
    actor: &CurrentUser,
    id: SolutionId,
    access: Access,
) -> AppResult<SolutionCtx> {
    authorize(
        actor,
        db::facts::load(&state.db, id, actor.id).await?,
        access,
    )
}

/// Authorizes a solution already read (None: there is no such solution) as [`solution`] does.
pub fn authorize(
    actor: &CurrentUser,
    facts: Option<RawFacts>,
    access: Access,
) -> AppResult<SolutionCtx> {
    let facts = facts.ok_or_else(AppError::not_found)?;
    may_read_organization(actor, facts.row.organization_id)?;
    may(actor, access)?;
    Ok(SolutionCtx { facts })
}
