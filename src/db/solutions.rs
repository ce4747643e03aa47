//! Co-sell solutions (the working copy) and their sales contacts.

use super::audit::Entry;
use super::{Db, Window};
use crate::db_run;
use crate::domain::codes::CodeList;
use crate::domain::ids::RevisionId;
use crate::domain::ids::{OfferId, OrgId, SolutionId, UserId};
use crate::domain::offer::OfferType;
use crate::domain::reference::{Industry, SolutionArea};
use crate::domain::review::ReviewState;
use crate::domain::solution::ContactRole;
use crate::domain::solution::CustomerSize;
use crate::domain::status::Status;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SolutionRow {
    pub id: SolutionId,
    pub offer_id: OfferId,
    pub organization_id: OrgId,
    pub review_state: ReviewState,
    pub version: i64,
    pub geographies: String,
    pub solution_areas: CodeList<SolutionArea>,
    pub industries: CodeList<Industry>,
    pub customer_sizes: CodeList<CustomerSize>,
    pub pitch: String,
    pub landing_page: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub offer_name: String,
    pub offer_type: OfferType,
    pub review_reason: Option<String>,
    pub awarded_status: Option<Status>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub claimed_by_email: Option<String>,
    pub submitted_revision_id: Option<RevisionId>,
    pub approved_revision_id: Option<RevisionId>,
}

/// Also read from the facts statement as a JSON array: keep the fields in its order.
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct ContactRow {
    pub name: String,
    pub email: String,
    pub job_title: Option<String>,
    pub role: ContactRole,
    pub geographies: String,
}

const SELECT: &str = "SELECT s.id, s.offer_id, s.organization_id, s.review_state, s.version, s.geographies, \
     s.solution_areas, s.industries, s.customer_sizes, s.pitch, s.landing_page, s.created_at, s.updated_at, \
     o.name AS offer_name, o.offer_type, s.review_reason, s.awarded_status, s.submitted_at, s.claimed_by_email, \
     s.submitted_revision_id, s.approved_revision_id \
     FROM solutions s JOIN offers o ON o.id = s.offer_id";

pub async fn find(db: &Db, id: SolutionId) -> Result<Option<SolutionRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE s.id = $1");
    db_run!(db, pool => sqlx::query_as::<_, SolutionRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

pub async fn list(
    db: &Db,
    organization_id: OrgId,
    w: Window,
) -> Result<Vec<SolutionRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT} WHERE s.organization_id = $1 ORDER BY o.name, s.id{}",
        w.clause(2)
    );
    db_run!(db, pool => crate::bind_window!(sqlx::query_as::<_, SolutionRow>(sqlx::AssertSqlSafe(sql)).bind(organization_id), w).fetch_all(pool).await)
}

pub async fn count(db: &Db, organization_id: OrgId) -> Result<i64, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM solutions WHERE organization_id = $1").bind(organization_id).fetch_one(pool).await.map(|r| r.0))
}

pub async fn contacts(db: &Db, solution_id: SolutionId) -> Result<Vec<ContactRow>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, ContactRow>(
        "SELECT name, email, job_title, role, geographies FROM solution_contacts WHERE solution_id = $1 ORDER BY position",
    )
    .bind(solution_id)
    .fetch_all(pool)
    .await)
}

pub async fn insert(
    db: &Db,
    offer_id: OfferId,
    organization_id: OrgId,
    audit: &Entry,
) -> Result<i64, sqlx::Error> {
    db_run!(db, pool => {
        let now = Utc::now();
        let mut tx = pool.begin().await?;
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO solutions (offer_id, organization_id, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id",
        )
        .bind(offer_id)
        .bind(organization_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let entry = Entry {
            detail: format!("{} (solution {id})", audit.detail),
            solution_id: Some(SolutionId(id)),
            ..audit.clone()
        };
        crate::audit_insert!(&mut *tx, &entry)?;
        tx.commit().await?;
        Ok(id)
    })
}

/// The listing columns of a save.
pub struct ListingColumns<'a> {
    pub geographies: String,
    pub solution_areas: CodeList<SolutionArea>,
    pub industries: CodeList<Industry>,
    pub customer_sizes: CodeList<CustomerSize>,
    pub pitch: &'a str,
    pub landing_page: Option<&'a str>,
}

pub struct ContactColumns<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub job_title: Option<&'a str>,
    pub role: ContactRole,
    pub geographies: String,
}

/// How a guarded edit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome<T> {
    Done(T),
    /// The version the caller named is no longer the stored one: nothing changed.
    Stale,
    /// The review state moved since it was read (a claim, a decision): nothing changed.
    Moved,
}

/// The review side of an edit: the state the solution was read in (the edit applies only if
/// it still is), and the audit entry of its move back to a draft (None when it was a draft).
pub struct EditGuard<'a> {
    pub from_state: ReviewState,
    pub mark: Option<&'a Entry>,
}

/// The statement of an edit that makes the solution a draft again, guarded on the state read.
pub(crate) const BACK_TO_DRAFT: &str = "UPDATE solutions SET review_state = 'draft', claimed_by_email = NULL, \
     claimed_at = NULL, updated_at = $3 WHERE id = $1 AND review_state = $2";

/// Saves the listing and (when given) replaces the contacts, with the audit entries and the
/// move back to a draft, in one transaction guarded on the review state read and (when given)
/// on `expected_version`. Returns the new version.
/// What a save does with the saver's draft of the page, in the same transaction.
#[derive(Debug, Clone, Copy)]
pub enum DraftWrite<'a> {
    Leave,
    /// Everything typed was saved: the draft goes.
    Clear {
        user_id: UserId,
    },
    /// Part of it could not be saved: the whole form is kept to show again.
    Keep {
        user_id: UserId,
        form: &'a str,
    },
}

const DRAFT_UPSERT: &str = "INSERT INTO solution_drafts (solution_id, user_id, form, saved_at) \
     VALUES ($1, $2, $3, $4) \
     ON CONFLICT (solution_id, user_id) DO UPDATE SET form = excluded.form, saved_at = excluded.saved_at";
const DRAFT_DELETE: &str = "DELETE FROM solution_drafts WHERE solution_id = $1 AND user_id = $2";

/// Keeps a draft without saving anything else (a stale autosave, or nothing valid to save).
pub async fn keep_draft(
    db: &Db,
    id: SolutionId,
    user_id: UserId,
    form: &str,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query(DRAFT_UPSERT)
        .bind(id)
        .bind(user_id)
        .bind(form)
        .bind(Utc::now())
        .execute(pool)
        .await
        .map(|_| ()))
}

/// Drops a reader's draft (discarded on the page).
pub async fn discard_draft(db: &Db, id: SolutionId, user_id: UserId) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query(DRAFT_DELETE)
        .bind(id)
        .bind(user_id)
        .execute(pool)
        .await
        .map(|_| ()))
}

#[allow(clippy::too_many_arguments)]
pub async fn save(
    db: &Db,
    id: SolutionId,
    expected_version: Option<i64>,
    guard: &EditGuard<'_>,
    listing: &ListingColumns<'_>,
    contacts: Option<&[ContactColumns<'_>]>,
    audit: Option<&Entry>,
    draft: DraftWrite<'_>,
) -> Result<EditOutcome<i64>, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        // The guards and the bump are one statement, so two saves cannot both pass.
        let row: Option<(i64,)> = sqlx::query_as(
            "UPDATE solutions SET geographies = $3, solution_areas = $4, industries = $5, customer_sizes = $6, \
             pitch = $7, landing_page = $8, version = version + 1, updated_at = $9, review_state = 'draft', \
             claimed_by_email = NULL, claimed_at = NULL \
             WHERE id = $1 AND ($2 IS NULL OR version = $2) AND review_state = $10 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(&listing.geographies)
        .bind(&listing.solution_areas)
        .bind(&listing.industries)
        .bind(&listing.customer_sizes)
        .bind(listing.pitch)
        .bind(listing.landing_page)
        .bind(Utc::now())
        .bind(guard.from_state)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((version,)) = row else {
            // Which guard failed decides what the caller does (refuse as stale, or read again).
            let now: Option<(ReviewState,)> = sqlx::query_as("SELECT review_state FROM solutions WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            tx.rollback().await?;
            return Ok(match now {
                Some((state,)) if state != guard.from_state => EditOutcome::Moved,
                _ => EditOutcome::Stale,
            });
        };
        if let Some(contacts) = contacts {
            sqlx::query("DELETE FROM solution_contacts WHERE solution_id = $1").bind(id).execute(&mut *tx).await?;
            for (position, c) in contacts.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO solution_contacts (solution_id, position, name, email, job_title, role, geographies) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(id)
                .bind(position as i64)
                .bind(c.name)
                .bind(c.email)
                .bind(c.job_title)
                .bind(c.role)
                .bind(&c.geographies)
                .execute(&mut *tx)
                .await?;
            }
        }
        for entry in audit.into_iter().chain(guard.mark) {
            crate::audit_insert!(&mut *tx, entry)?;
        }
        match draft {
            DraftWrite::Leave => {}
            DraftWrite::Clear { user_id } => {
                sqlx::query(DRAFT_DELETE).bind(id).bind(user_id).execute(&mut *tx).await?;
            }
            DraftWrite::Keep { user_id, form } => {
                sqlx::query(DRAFT_UPSERT).bind(id).bind(user_id).bind(form).bind(Utc::now())
                    .execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(EditOutcome::Done(version))
    })
}
