//! Use cases around co-sell solutions: create one for an offer, read it, save its page
//! (with the stale-save check), import and export its contacts.

use super::access::{self, Access, SolutionCtx};
use super::documents::{DocumentView, document_views};
use super::{edits, offers};
use crate::auth::CurrentUser;
use crate::db::{
    self,
    solutions::{DraftWrite, EditOutcome},
};
use crate::domain::codes::{CodeList, code_strings as codes};
use crate::domain::ids::{OfferId, OrgId, SolutionId};
use crate::domain::offer::OfferType;
use crate::domain::reference::{Industry, SolutionArea};
use crate::domain::review::ReviewState;
use crate::domain::roles::SOLUTION_EDITORS;
use crate::domain::solution::{
    self as rules, Contact, ContactInput, ContactRole, CustomerSize, Listing, ListingInput,
};
use crate::domain::{contacts_csv, review};
use crate::error::{AppError, AppResult, Withdrawal};
use crate::state::AppState;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContactView {
    pub name: String,
    pub email: String,
    pub job_title: Option<String>,
    #[schema(schema_with = crate::domain::openapi::contact_role)]
    pub role: ContactRole,
    #[schema(schema_with = crate::domain::openapi::contact_geographies)]
    pub geographies: Vec<String>,
}

/// A solution as `GET /api/v1/solutions/{id}` answers it (SPEC 7).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SolutionView {
    pub id: SolutionId,
    pub offer_id: OfferId,
    pub organization_id: OrgId,
    #[schema(schema_with = crate::domain::openapi::review_state)]
    pub review_state: ReviewState,
    pub version: i64,
    #[schema(schema_with = crate::domain::openapi::geographies)]
    pub geographies: Vec<String>,
    #[schema(schema_with = crate::domain::openapi::solution_areas)]
    pub solution_areas: Vec<SolutionArea>,
    #[schema(schema_with = crate::domain::openapi::industries)]
    pub industries: Vec<Industry>,
    #[schema(schema_with = crate::domain::openapi::customer_sizes)]
    pub customer_sizes: Vec<CustomerSize>,
    pub pitch: String,
    pub landing_page: Option<String>,
    pub contacts: Vec<ContactView>,
    pub documents: Vec<DocumentView>,
    pub review_reason: Option<String>,
    #[serde(skip)]
    pub offer_name: String,
    #[serde(skip)]
    pub offer_type: OfferType,
}

impl SolutionView {
    pub fn listing_input(&self) -> ListingInput {
        ListingInput {
            geographies: self.geographies.clone(),
            solution_areas: codes(&self.solution_areas),
            industries: codes(&self.industries),
            customer_sizes: codes(&self.customer_sizes),
            pitch: self.pitch.clone(),
            landing_page: self.landing_page.clone().unwrap_or_default(),
        }
    }

    pub fn contact_inputs(&self) -> Vec<ContactInput> {
        self.contacts
            .iter()
            .map(|c| ContactInput {
                name: c.name.clone(),
                email: c.email.clone(),
                job_title: c.job_title.clone().unwrap_or_default(),
                role: c.role.code().to_string(),
                geographies: c.geographies.clone(),
            })
            .collect()
    }
}

/// The page as the API shows it, from a loaded solution (no query).
pub fn view_of(ctx: &SolutionCtx) -> SolutionView {
    let row = &ctx.facts.row;
    SolutionView {
        id: row.solution_id,
        offer_id: row.offer_id,
        organization_id: row.organization_id,
        review_state: row.review_state,
        version: row.version,
        geographies: db::split_codes(&row.geographies),
        solution_areas: row.solution_areas.0.clone(),
        industries: row.industries.0.clone(),
        customer_sizes: row.customer_sizes.0.clone(),
        pitch: row.pitch.clone(),
        landing_page: row.landing_page.clone(),
        contacts: contact_views(&ctx.facts.contacts),
        documents: document_views(row.solution_id, ctx.facts.documents.clone()),
        review_reason: row.review_reason.clone(),
        offer_name: row.offer_name.clone(),
        offer_type: row.offer_type,
    }
}

/// The solution with its contacts and current documents: one statement.
#[tracing::instrument(name = "solutions::view", level = "debug", skip_all)]
pub async fn view(
    state: &AppState,
    actor: &CurrentUser,
    id: SolutionId,
) -> AppResult<SolutionView> {
    Ok(view_of(
        &access::solution(state, actor, id, Access::Read).await?,
    ))
}

pub async fn create(
    state: &AppState,
    actor: &CurrentUser,
    offer_id: OfferId,
) -> AppResult<SolutionId> {
    let offer = offers::load(state, actor, offer_id).await?;
    actor.require(SOLUTION_EDITORS)?;
    if let Some(existing) = offer.solution_id {
        return Err(AppError::conflict(
            "solution_exists",
            format!("offer {offer_id} has a co-sell solution already (solution {existing})"),
        ));
    }
    let audit = actor.audit(
        Some(offer.organization_id),
        "solution_created",
        format!("co-sell solution for offer {} {:?}", offer.id, offer.name),
    );
    // Two requests at once: the unique index decides, and the loser hears 409 (`on_unique`).
    Ok(SolutionId(
        db::solutions::insert(&state.db, offer.id, offer.organization_id, &audit).await?,
    ))
}

fn contact_views(rows: &[db::solutions::ContactRow]) -> Vec<ContactView> {
    rows.iter()
        .map(|c| ContactView {
            name: c.name.clone(),
            email: c.email.clone(),
            job_title: c.job_title.clone(),
            role: c.role,
            geographies: db::split_codes(&c.geographies),
        })
        .collect()
}

pub use crate::db::solutions::SolutionRow;

#[tracing::instrument(name = "solutions::list", level = "debug", skip_all)]
pub async fn list(
    state: &AppState,
    actor: &CurrentUser,
    organization_id: OrgId,
    window: super::Window,
) -> AppResult<Vec<SolutionRow>> {
    access::may_read_organization(actor, organization_id)?;
    Ok(db::solutions::list(&state.db, organization_id, window).await?)
}

/// How many solutions an organization has (for a page of [`list`]).
pub async fn count(
    state: &AppState,
    actor: &CurrentUser,
    organization_id: OrgId,
) -> AppResult<i64> {
    access::may_read_organization(actor, organization_id)?;
    Ok(db::solutions::count(&state.db, organization_id).await?)
}

/// A save: listing fields that are None stay as they are; contacts None keep the contacts.
#[derive(Debug, Clone, Default)]
pub struct SolutionPatch {
    pub version: Option<i64>,
    /// The save may take a submitted or in-review solution out of the queue (SPEC 6). The API
    /// keeps the rule as stated (true); a page asks first, and autosave never does.
    pub may_leave_review: bool,
    pub geographies: Option<Vec<String>>,
    pub solution_areas: Option<Vec<String>>,
    pub industries: Option<Vec<String>>,
    pub customer_sizes: Option<Vec<String>>,
    pub pitch: Option<String>,
    pub landing_page: Option<String>,
    pub contacts: Option<Vec<ContactInput>>,
}

/// The listing and contacts a patch leads to, validated against the solution as loaded.
fn apply(ctx: &SolutionCtx, patch: &SolutionPatch) -> AppResult<(Listing, Vec<Contact>)> {
    let current = view_of(ctx);
    let base = current.listing_input();
    let input = ListingInput {
        geographies: patch.geographies.clone().unwrap_or(base.geographies),
        solution_areas: patch.solution_areas.clone().unwrap_or(base.solution_areas),
        industries: patch.industries.clone().unwrap_or(base.industries),
        customer_sizes: patch.customer_sizes.clone().unwrap_or(base.customer_sizes),
        pitch: patch.pitch.clone().unwrap_or(base.pitch),
        landing_page: patch.landing_page.clone().unwrap_or(base.landing_page),
    };
    let listing_result = Listing::validate(&input);
    let contact_inputs = patch
        .contacts
        .clone()
        .unwrap_or_else(|| current.contact_inputs());
    let geographies = match &listing_result {
        Ok(l) => l.geographies.clone(),
        Err(_) => input
            .geographies
            .iter()
            .map(|g| g.trim().to_ascii_uppercase())
            .collect(),
    };
    let contacts_result = rules::validate_contacts(&contact_inputs, &geographies);
    match (listing_result, contacts_result) {
        (Ok(l), Ok(c)) => Ok((l, c)),
        (l, c) => {
            let mut errors = l.err().unwrap_or_default();
            if let Err(mut more) = c {
                errors.0.append(&mut more.0);
            }
            Err(errors.into())
        }
    }
}

/// Validates and saves, with the move back to a draft and the audit entries in the same
/// transaction; returns the new version. `ctx` is the solution as loaded for editing. A
/// stale `version` is refused (409, nothing changes); without one the save applies (last
/// write wins), reading the solution again if a reviewer moved it meanwhile.
#[tracing::instrument(name = "solutions::save", level = "debug", skip_all)]
pub async fn save(
    state: &AppState,
    actor: &CurrentUser,
    ctx: &SolutionCtx,
    patch: SolutionPatch,
) -> AppResult<i64> {
    let mut ctx = Cow::Borrowed(ctx);
    for _ in 0..edits::ATTEMPTS {
        if patch.version.is_some_and(|v| v != ctx.version()) {
            return Err(AppError::Stale);
        }
        if !patch.may_leave_review && review::edit_withdraws_from_queue(ctx.review_state()) {
            return Err(AppError::WaitingForReview(Withdrawal::Edit));
        }
        let valid = apply(&ctx, &patch)?;
        match store(
            state,
            actor,
            &ctx,
            &valid,
            patch.version,
            Told::Saved,
            clear_draft(actor, &ctx),
        )
        .await?
        {
            EditOutcome::Done(version) => return Ok(version),
            EditOutcome::Stale => return Err(AppError::Stale),
            EditOutcome::Moved => {
                ctx = Cow::Owned(access::solution(state, actor, ctx.id(), Access::Edit).await?);
            }
        }
    }
    Err(AppError::moved())
}

/// A save of everything typed clears the saver's draft, when there is one.
fn clear_draft<'a>(actor: &CurrentUser, ctx: &SolutionCtx) -> DraftWrite<'a> {
    if ctx.facts.draft.is_some() {
        DraftWrite::Clear { user_id: actor.id }
    } else {
        DraftWrite::Leave
    }
}

/// What an autosave did (SPEC 4): everything saved; the valid fields saved and the rest kept
/// as the user's draft (or nothing valid to save, all kept); or nothing saved because the page
/// is stale, everything kept.
#[derive(Debug)]
pub enum Autosaved {
    Saved(i64),
    Partly {
        version: Option<i64>,
        refused: AppError,
    },
    Stale,
}

/// The patch without the fields a refusal names: listing fields keep what is stored, and
/// the contacts are kept whole when any row is wrong. None when nothing is left to save.
fn without_refused(patch: &SolutionPatch, refused: &AppError) -> Option<SolutionPatch> {
    let mut p = patch.clone();
    for e in refused.details() {
        match (e.field.as_ref(), e.row) {
            (_, Some(_)) | ("contacts", None) => p.contacts = None,
            ("geographies", None) => p.geographies = None,
            ("solution_areas", None) => p.solution_areas = None,
            ("industries", None) => p.industries = None,
            ("customer_sizes", None) => p.customer_sizes = None,
            ("pitch", None) => p.pitch = None,
            ("landing_page", None) => p.landing_page = None,
            _ => return None,
        }
    }
    let left = p.geographies.is_some()
        || p.solution_areas.is_some()
        || p.industries.is_some()
        || p.customer_sizes.is_some()
        || p.pitch.is_some()
        || p.landing_page.is_some()
        || p.contacts.is_some();
    left.then_some(p)
}

/// Autosave: saves what is valid, keeps the raw `form` as the user's draft when anything is
/// not, and never saves part of a stale page (the typing is kept instead). A solution waiting
/// for review is refused as [`save`] refuses it without the partner's confirmation.
#[tracing::instrument(name = "solutions::autosave", level = "debug", skip_all)]
pub async fn autosave(
    state: &AppState,
    actor: &CurrentUser,
    ctx: &SolutionCtx,
    patch: SolutionPatch,
    form: &str,
) -> AppResult<Autosaved> {
    let keep = |ctx: &SolutionCtx| db::solutions::keep_draft(&state.db, ctx.id(), actor.id, form);
    let mut ctx = Cow::Borrowed(ctx);
    for _ in 0..edits::ATTEMPTS {
        if patch.version.is_some_and(|v| v != ctx.version()) {
            keep(&ctx).await?;
            return Ok(Autosaved::Stale);
        }
        if !patch.may_leave_review && review::edit_withdraws_from_queue(ctx.review_state()) {
            return Err(AppError::WaitingForReview(Withdrawal::Edit));
        }
        let (partial, refused, draft) = match apply(&ctx, &patch) {
            Ok(valid) => (valid, None, clear_draft(actor, &ctx)),
            Err(refused) if refused.has_field_errors() => {
                let part = without_refused(&patch, &refused).and_then(|p| apply(&ctx, &p).ok());
                let Some(valid) = part else {
                    keep(&ctx).await?;
                    return Ok(Autosaved::Partly {
                        version: None,
                        refused,
                    });
                };
                let draft = DraftWrite::Keep {
                    user_id: actor.id,
                    form,
                };
                (valid, Some(refused), draft)
            }
            Err(other) => return Err(other),
        };
        let outcome = store(
            state,
            actor,
            &ctx,
            &partial,
            patch.version,
            Told::Saved,
            draft,
        )
        .await?;
        match (outcome, refused) {
            (EditOutcome::Done(version), None) => return Ok(Autosaved::Saved(version)),
            (EditOutcome::Done(version), Some(refused)) => {
                return Ok(Autosaved::Partly {
                    version: Some(version),
                    refused,
                });
            }
            (EditOutcome::Stale, _) => {
                keep(&ctx).await?;
                return Ok(Autosaved::Stale);
            }
            (EditOutcome::Moved, _) => {
                ctx = Cow::Owned(access::solution(state, actor, ctx.id(), Access::Edit).await?);
            }
        }
    }
    Err(AppError::moved())
}

/// Drops the reader's draft of a solution page (discarded on the page).
pub async fn discard_draft(
    state: &AppState,
    actor: &CurrentUser,
    ctx: &SolutionCtx,
) -> AppResult<()> {
    Ok(db::solutions::discard_draft(&state.db, ctx.id(), actor.id).await?)
}

/// What is wrong with a patch, without saving anything (a draft shown again).
pub fn refusal(ctx: &SolutionCtx, patch: &SolutionPatch) -> Option<AppError> {
    apply(ctx, patch).err()
}

/// What a stored edit tells the audit log.
#[derive(Debug, Clone, Copy)]
enum Told {
    Saved,
    Imported,
}

/// The fields a save changes, by their names on the page and in the API; lists compare as
/// sets (choosing the same industries in another order changes nothing).
pub fn changed_fields(
    before: &SolutionView,
    listing: &Listing,
    contacts: &[Contact],
) -> Vec<&'static str> {
    fn set<T: Ord + Clone>(v: &[T]) -> Vec<T> {
        let mut v = v.to_vec();
        v.sort();
        v
    }
    let contact_rows = |c: &[Contact]| {
        c.iter()
            .map(|c| {
                (
                    c.name.clone(),
                    c.email.clone(),
                    c.job_title.clone(),
                    c.role,
                    set(&c.geographies),
                )
            })
            .collect::<Vec<_>>()
    };
    let before_rows: Vec<_> = before
        .contacts
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                c.email.clone(),
                c.job_title.clone(),
                c.role,
                set(&c.geographies),
            )
        })
        .collect();
    [
        (
            "geographies",
            set(&before.geographies) != set(&listing.geographies),
        ),
        (
            "solution_areas",
            set(&before.solution_areas) != set(&listing.solution_areas),
        ),
        (
            "industries",
            set(&before.industries) != set(&listing.industries),
        ),
        (
            "customer_sizes",
            set(&before.customer_sizes) != set(&listing.customer_sizes),
        ),
        ("pitch", before.pitch != listing.pitch),
        ("landing_page", before.landing_page != listing.landing_page),
        ("contacts", before_rows != contact_rows(contacts)),
    ]
    .into_iter()
    .filter_map(|(field, changed)| changed.then_some(field))
    .collect()
}

async fn store(
    state: &AppState,
    actor: &CurrentUser,
    ctx: &SolutionCtx,
    (listing, contacts): &(Listing, Vec<Contact>),
    expected_version: Option<i64>,
    told: Told,
    draft: DraftWrite<'_>,
) -> AppResult<EditOutcome<i64>> {
    let columns = db::solutions::ListingColumns {
        geographies: db::join_codes(&listing.geographies),
        solution_areas: CodeList(listing.solution_areas.clone()),
        industries: CodeList(listing.industries.clone()),
        customer_sizes: CodeList(listing.customer_sizes.clone()),
        pitch: &listing.pitch,
        landing_page: listing.landing_page.as_deref(),
    };
    let contact_columns: Vec<db::solutions::ContactColumns> = contacts
        .iter()
        .map(|c| db::solutions::ContactColumns {
            name: &c.name,
            email: &c.email,
            job_title: c.job_title.as_deref(),
            role: c.role,
            geographies: db::join_codes(&c.geographies),
        })
        .collect();
    // Every save appends its entry (SPEC 6), saying what changed.
    let id = ctx.id();
    let n = match contacts.len() {
        1 => "1 contact".to_string(),
        n => format!("{n} contacts"),
    };
    let audit = match told {
        Told::Saved => {
            let changed = changed_fields(&view_of(ctx), listing, contacts);
            let what = if changed.is_empty() {
                "nothing changed".to_string()
            } else {
                format!("{} changed", changed.join(", "))
            };
            actor.audit(
                Some(ctx.organization_id()),
                "solution_saved",
                format!("solution {id} saved: {what} ({n})"),
            )
        }
        Told::Imported => actor.audit(
            Some(ctx.organization_id()),
            "contacts_changed",
            format!("solution {id}: contacts imported from CSV ({n})"),
        ),
    }
    .on(id);
    let mark = edits::mark(actor, ctx);
    let guard = db::solutions::EditGuard {
        from_state: ctx.review_state(),
        mark: mark.as_ref(),
    };
    Ok(db::solutions::save(
        &state.db,
        ctx.id(),
        expected_version,
        &guard,
        &columns,
        Some(&contact_columns),
        Some(&audit),
        draft,
    )
    .await?)
}

/// All-or-nothing CSV import: the contacts are replaced only when every line is valid.
#[tracing::instrument(name = "solutions::import_contacts", level = "debug", skip_all)]
pub async fn import_contacts(
    state: &AppState,
    actor: &CurrentUser,
    ctx: &SolutionCtx,
    text: &str,
) -> AppResult<usize> {
    let mut ctx = Cow::Borrowed(ctx);
    for _ in 0..edits::ATTEMPTS {
        let current = view_of(&ctx);
        let contacts = contacts_csv::parse(text, &current.geographies).map_err(csv_error)?;
        let listing = Listing::validate(&current.listing_input())?;
        let valid = (listing, contacts);
        let outcome = store(
            state,
            actor,
            &ctx,
            &valid,
            Some(ctx.version()),
            Told::Imported,
            DraftWrite::Leave,
        )
        .await?;
        if let EditOutcome::Done(_) = outcome {
            return Ok(valid.1.len());
        }
        // Another save or a reviewer came first: check the lines against what is there now.
        ctx = Cow::Owned(access::solution(state, actor, ctx.id(), Access::Edit).await?);
    }
    Err(AppError::moved())
}

fn csv_error(errors: Vec<contacts_csv::CsvError>) -> AppError {
    AppError::csv_lines(&errors, "contacts")
}

/// The name of a solution's contacts download.
pub fn contacts_file_name(id: SolutionId) -> String {
    format!("contacts-solution-{id}.csv")
}

pub async fn export_contacts(
    state: &AppState,
    actor: &CurrentUser,
    id: SolutionId,
) -> AppResult<String> {
    let current = view(state, actor, id).await?;
    let contacts: Vec<Contact> = current
        .contacts
        .iter()
        .map(|c| Contact {
            name: c.name.clone(),
            email: c.email.clone(),
            job_title: c.job_title.clone(),
            role: c.role,
            geographies: c.geographies.clone(),
        })
        .collect();
    Ok(contacts_csv::write(&contacts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> SolutionView {
        SolutionView {
            id: SolutionId(1),
            offer_id: OfferId(1),
            organization_id: OrgId(1),
            review_state: ReviewState::Draft,
            version: 3,
            geographies: vec!["NL".into(), "DE".into()],
            solution_areas: vec![SolutionArea::DataAi],
            industries: vec![Industry::Retail, Industry::Manufacturing],
            customer_sizes: vec![CustomerSize::Smb],
            pitch: "A pitch.".into(),
            landing_page: None,
            contacts: vec![],
            documents: vec![],
            review_reason: None,
            offer_name: "Contoso".into(),
            offer_type: OfferType::Saas,
        }
    }

    fn listing(v: &SolutionView) -> Listing {
        Listing {
            geographies: v.geographies.clone(),
            solution_areas: v.solution_areas.clone(),
            industries: v.industries.clone(),
            customer_sizes: v.customer_sizes.clone(),
            pitch: v.pitch.clone(),
            landing_page: v.landing_page.clone(),
        }
    }

    #[test]
    fn a_save_names_what_it_changed() {
        let before = view();
        let same = listing(&before);
        assert!(changed_fields(&before, &same, &[]).is_empty());
        // Another order of the same choices changes nothing.
        let reordered = Listing {
            industries: vec![Industry::Manufacturing, Industry::Retail],
            geographies: vec!["DE".into(), "NL".into()],
            ..same.clone()
        };
        assert!(changed_fields(&before, &reordered, &[]).is_empty());
        let edited = Listing {
            pitch: "Another pitch.".into(),
            landing_page: Some("https://contoso.example".into()),
            ..same
        };
        assert_eq!(
            changed_fields(&before, &edited, &[]),
            ["pitch", "landing_page"]
        );
    }
}
