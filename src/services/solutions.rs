//! Use cases around co-sell solutions: create one for an offer, read it, save its page
//! (with the stale-save check), import and export its contacts.

use super::documents::{DocumentView, document_views};
use super::offers::{self, PROGRAM_READERS};
use crate::auth::CurrentUser;
use crate::db::{self, solutions::SolutionRow};
use crate::domain::contacts_csv;
use crate::domain::field::FieldError;
use crate::domain::roles::Role;
use crate::domain::solution::{
    self as rules, Contact, ContactInput, ContactRole, Listing, ListingInput,
};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use actix_web::http::StatusCode;
use serde::Serialize;

/// Who edits co-sell solutions (SPEC 1).
pub const SOLUTION_EDITORS: &[Role] = &[Role::CosellAdmin];

#[derive(Debug, Clone, Serialize)]
pub struct ContactView {
    pub name: String,
    pub email: String,
    pub job_title: Option<String>,
    pub role: String,
    pub geographies: Vec<String>,
}

/// A solution as `GET /api/v1/solutions/{id}` answers it (SPEC 7).
#[derive(Debug, Clone, Serialize)]
pub struct SolutionView {
    pub id: i64,
    pub offer_id: i64,
    pub organization_id: i64,
    pub review_state: String,
    pub version: i64,
    pub geographies: Vec<String>,
    pub solution_areas: Vec<String>,
    pub industries: Vec<String>,
    pub customer_sizes: Vec<String>,
    pub pitch: String,
    pub landing_page: Option<String>,
    pub contacts: Vec<ContactView>,
    pub documents: Vec<DocumentView>,
    pub review_reason: Option<String>,
    #[serde(skip)]
    pub offer_name: String,
    #[serde(skip)]
    pub offer_type: String,
}

impl SolutionView {
    pub fn listing_input(&self) -> ListingInput {
        ListingInput {
            geographies: self.geographies.clone(),
            solution_areas: self.solution_areas.clone(),
            industries: self.industries.clone(),
            customer_sizes: self.customer_sizes.clone(),
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
                role: c.role.clone(),
                geographies: c.geographies.clone(),
            })
            .collect()
    }
}

pub fn may_read(actor: &CurrentUser, organization_id: i64) -> AppResult<()> {
    actor.scope_org(organization_id)?;
    if actor.is_program_side() {
        actor.require(PROGRAM_READERS)?;
    }
    Ok(())
}

/// Loads a solution the actor may see; anything else is 404.
pub async fn load(state: &AppState, actor: &CurrentUser, id: i64) -> AppResult<SolutionRow> {
    let row = db::solutions::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    may_read(actor, row.organization_id)?;
    Ok(row)
}

/// Loads a solution the actor may edit.
pub async fn load_for_edit(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
) -> AppResult<SolutionRow> {
    let row = load(state, actor, id).await?;
    actor.require(SOLUTION_EDITORS)?;
    Ok(row)
}

pub async fn create(state: &AppState, actor: &CurrentUser, offer_id: i64) -> AppResult<i64> {
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
    db::solutions::insert(&state.db, offer.id, offer.organization_id, &audit)
        .await
        .map_err(|e| {
            if db::is_unique_violation(&e) {
                AppError::conflict(
                    "solution_exists",
                    format!("offer {offer_id} has a co-sell solution already"),
                )
            } else {
                e.into()
            }
        })
}

fn contact_views(rows: Vec<db::solutions::ContactRow>) -> Vec<ContactView> {
    rows.into_iter()
        .map(|c| ContactView {
            name: c.name,
            email: c.email,
            job_title: c.job_title,
            role: c.role,
            geographies: db::split_codes(&c.geographies),
        })
        .collect()
}

/// The solution with its contacts and current documents: three queries.
pub async fn view(state: &AppState, actor: &CurrentUser, id: i64) -> AppResult<SolutionView> {
    let row = load(state, actor, id).await?;
    let contacts = contact_views(db::solutions::contacts(&state.db, id).await?);
    let documents = document_views(row.id, db::documents::current(&state.db, id).await?);
    Ok(SolutionView {
        id: row.id,
        offer_id: row.offer_id,
        organization_id: row.organization_id,
        review_state: row.review_state,
        version: row.version,
        geographies: db::split_codes(&row.geographies),
        solution_areas: db::split_codes(&row.solution_areas),
        industries: db::split_codes(&row.industries),
        customer_sizes: db::split_codes(&row.customer_sizes),
        pitch: row.pitch,
        landing_page: row.landing_page,
        contacts,
        documents,
        review_reason: row.review_reason,
        offer_name: row.offer_name,
        offer_type: row.offer_type,
    })
}

pub async fn list(
    state: &AppState,
    actor: &CurrentUser,
    organization_id: i64,
) -> AppResult<Vec<SolutionRow>> {
    may_read(actor, organization_id)?;
    Ok(db::solutions::list(&state.db, organization_id).await?)
}

/// A save: listing fields that are None stay as they are; contacts None keep the contacts.
#[derive(Debug, Clone, Default)]
pub struct SolutionPatch {
    pub version: Option<i64>,
    pub geographies: Option<Vec<String>>,
    pub solution_areas: Option<Vec<String>>,
    pub industries: Option<Vec<String>>,
    pub customer_sizes: Option<Vec<String>>,
    pub pitch: Option<String>,
    pub landing_page: Option<String>,
    pub contacts: Option<Vec<ContactInput>>,
}

fn stale() -> AppError {
    AppError::keyed(StatusCode::CONFLICT, "stale_version", "err-stale-version")
}

/// Validates and saves; returns the new version.
pub async fn save(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    patch: SolutionPatch,
) -> AppResult<i64> {
    load_for_edit(state, actor, id).await?;
    let current = view(state, actor, id).await?;
    if patch.version.is_some_and(|v| v != current.version) {
        return Err(stale());
    }
    let base = current.listing_input();
    let input = ListingInput {
        geographies: patch.geographies.unwrap_or(base.geographies),
        solution_areas: patch.solution_areas.unwrap_or(base.solution_areas),
        industries: patch.industries.unwrap_or(base.industries),
        customer_sizes: patch.customer_sizes.unwrap_or(base.customer_sizes),
        pitch: patch.pitch.unwrap_or(base.pitch),
        landing_page: patch.landing_page.unwrap_or(base.landing_page),
    };
    let listing_result = Listing::validate(&input);
    let contacts_given = patch.contacts.is_some();
    let contact_inputs = patch.contacts.unwrap_or_else(|| current.contact_inputs());
    let geographies = match &listing_result {
        Ok(l) => l.geographies.clone(),
        Err(_) => input
            .geographies
            .iter()
            .map(|g| g.trim().to_ascii_uppercase())
            .collect(),
    };
    let contacts_result = rules::validate_contacts(&contact_inputs, &geographies);
    let (listing, contacts) = match (listing_result, contacts_result) {
        (Ok(l), Ok(c)) => (l, c),
        (l, c) => {
            let mut errors = l.err().unwrap_or_default();
            if let Err(mut more) = c {
                errors.0.append(&mut more.0);
            }
            return Err(errors.into());
        }
    };
    store(
        state,
        actor,
        &current,
        &listing,
        &contacts,
        patch.version.or(Some(current.version)),
        contacts_given.then_some("contacts saved"),
    )
    .await
}

async fn store(
    state: &AppState,
    actor: &CurrentUser,
    current: &SolutionView,
    listing: &Listing,
    contacts: &[Contact],
    expected_version: Option<i64>,
    audit_what: Option<&str>,
) -> AppResult<i64> {
    let columns = db::solutions::ListingColumns {
        geographies: db::join_codes(&listing.geographies),
        solution_areas: db::join_codes(&listing.solution_areas),
        industries: db::join_codes(&listing.industries),
        customer_sizes: db::join_codes(&listing.customer_sizes),
        pitch: &listing.pitch,
        landing_page: listing.landing_page.as_deref(),
    };
    let contact_columns: Vec<db::solutions::ContactColumns> = contacts
        .iter()
        .map(|c| db::solutions::ContactColumns {
            name: &c.name,
            email: &c.email,
            job_title: c.job_title.as_deref(),
            role: c.role.code(),
            geographies: db::join_codes(&c.geographies),
        })
        .collect();
    let audit = audit_what.map(|what| {
        actor.audit(
            Some(current.organization_id),
            "contacts_changed",
            format!(
                "solution {}: {what} ({} contacts)",
                current.id,
                contacts.len()
            ),
        )
    });
    let version = db::solutions::save(
        &state.db,
        current.id,
        expected_version,
        &columns,
        Some(&contact_columns),
        audit.as_ref(),
    )
    .await?
    .ok_or_else(stale)?;
    super::review::after_edit(
        state,
        actor,
        current.id,
        current.organization_id,
        &current.review_state,
    )
    .await?;
    Ok(version)
}

/// All-or-nothing CSV import: the contacts are replaced only when every line is valid.
pub async fn import_contacts(
    state: &AppState,
    actor: &CurrentUser,
    id: i64,
    text: &str,
) -> AppResult<usize> {
    load_for_edit(state, actor, id).await?;
    let current = view(state, actor, id).await?;
    let contacts = contacts_csv::parse(text, &current.geographies).map_err(|e| {
        let field = e.field.unwrap_or("contacts");
        let what = crate::i18n::Tr::en().field_error(&e.error);
        // The detail keeps the line's own message (translatable) plus where it is.
        let detail = FieldError {
            field: "csv",
            row: None,
            ..e.error.clone()
        }
        .arg("line", e.line)
        .arg("column", field);
        AppError {
            field: Some(field),
            details: vec![detail],
            ..AppError::bad_request(
                "invalid_csv",
                format!("line {}, {field}: {what} Nothing was imported.", e.line),
            )
        }
    })?;
    let listing = Listing::validate(&current.listing_input())?;
    let audit_what = format!("contacts imported from CSV by {}", actor.email);
    store(
        state,
        actor,
        &current,
        &listing,
        &contacts,
        Some(current.version),
        Some(&audit_what),
    )
    .await?;
    Ok(contacts.len())
}

pub async fn export_contacts(state: &AppState, actor: &CurrentUser, id: i64) -> AppResult<String> {
    let current = view(state, actor, id).await?;
    let contacts: Vec<Contact> = current
        .contacts
        .iter()
        .filter_map(|c| {
            Some(Contact {
                name: c.name.clone(),
                email: c.email.clone(),
                job_title: c.job_title.clone(),
                role: ContactRole::parse(&c.role)?,
                geographies: c.geographies.clone(),
            })
        })
        .collect();
    Ok(contacts_csv::write(&contacts))
}
