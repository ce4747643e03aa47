//! A solution with everything about it in one statement: the solution joined to its offer,
//! organization, logo and technical validation, with its contacts, current documents, the
//! organization's competencies and the revenue that counts for the offer as JSON arrays
//! (kept on the solution, organization and offer rows by triggers that build them with
//! `json_group_array` on SQLite and `json_agg` on PostgreSQL, one SQL text per backend, side
//! by side in the migrations; see [`LISTS`]). The checklist page, the API's solution and
//! status, and every edit read this; the dashboard and the catalog read the same statement for
//! many solutions at once.

use super::Db;
use super::documents::DocumentRow;
use super::revenue::RevenueRow;
use super::sessions::{Credential, Principal};
use super::solutions::ContactRow;
use crate::domain::codes::CodeList;
use crate::domain::ids::RevisionId;
use crate::domain::ids::{OfferId, OrgId, SolutionId, UserId};
use crate::domain::money::Month;
use crate::domain::offer::Store;
use crate::domain::offer::{OfferState, OfferType};
use crate::domain::org::BusinessProfile;
use crate::domain::reference::{CompetencyArea, Industry, SolutionArea};
use crate::domain::revenue_csv::RevenueKind;
use crate::domain::review::ReviewState;
use crate::domain::solution::CustomerSize;
use crate::domain::solution::{Contact, Listing};
use crate::domain::status::Facts;
use crate::domain::status::Status;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FactsRow {
    pub solution_id: SolutionId,
    pub organization_id: OrgId,
    pub offer_id: OfferId,
    pub review_state: ReviewState,
    pub version: i64,
    pub geographies: String,
    pub solution_areas: CodeList<SolutionArea>,
    pub industries: CodeList<Industry>,
    pub customer_sizes: CodeList<CustomerSize>,
    pub pitch: String,
    pub landing_page: Option<String>,
    pub review_reason: Option<String>,
    pub awarded_status: Option<Status>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub claimed_by_email: Option<String>,
    pub submitted_revision_id: Option<RevisionId>,
    pub approved_revision_id: Option<RevisionId>,
    pub offer_name: String,
    pub offer_type: OfferType,
    pub offer_state: OfferState,
    pub stores: CodeList<Store>,
    pub transactable: bool,
    pub competency_areas: CodeList<CompetencyArea>,
    pub organization_name: String,
    pub mpn_id: Option<String>,
    pub marketplace_account_active: bool,
    pub isv_connect_enrolled_on: Option<NaiveDate>,
    pub company_name: Option<String>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub headquarters_country: Option<String>,
    pub org_industries: CodeList<Industry>,
    pub contact_email: Option<String>,
    pub logo_size: Option<i64>,
    pub percent_bp: Option<i64>,
    pub validation_note: Option<String>,
    pub validation_recorded_at: Option<DateTime<Utc>>,
    pub validation_recorded_by: Option<String>,
    contacts_json: String,
    documents_json: String,
    competencies_json: String,
    azure_revenue_json: String,
    marketplace_revenue_json: String,
    draft_form: Option<String>,
    draft_saved_at: Option<DateTime<Utc>>,
    review_draft_reason: Option<String>,
    review_draft_comment: Option<String>,
}

/// One solution and every fact about it.
#[derive(Debug, Clone)]
pub struct RawFacts {
    pub row: FactsRow,
    pub contacts: Vec<ContactRow>,
    pub documents: Vec<DocumentRow>,
    pub competencies: Vec<(CompetencyArea, NaiveDate)>,
    pub revenue: Vec<RevenueRow>,
    /// What the reader typed that autosave could not save, if anything (only [`load`] reads it).
    pub draft: Option<Draft>,
    /// The reader's unsent review reason and comment (only [`load`] reads them).
    pub review_draft: ReviewDraft,
}

/// A reviewer's unsent words on a solution: empty where nothing is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewDraft {
    pub reason: String,
    pub comment: String,
}

/// A reader's unsaved input on a solution page: the form as posted, and when.
#[derive(Debug, Clone)]
pub struct Draft {
    pub form: String,
    pub saved_at: DateTime<Utc>,
}

/// Statements one [`load`] runs.
pub const QUERIES: usize = 1;

const COLUMNS: &str = "s.id AS solution_id, s.organization_id, s.offer_id, s.review_state, s.version, \
     s.geographies, s.solution_areas, s.industries, s.customer_sizes, s.pitch, s.landing_page, s.review_reason, \
     s.awarded_status, s.submitted_at, s.claimed_by_email, s.submitted_revision_id, s.approved_revision_id, \
     o.name AS offer_name, o.offer_type, o.state AS offer_state, o.stores, o.transactable, o.competency_areas, \
     g.name AS organization_name, g.mpn_id, g.marketplace_account_active, g.isv_connect_enrolled_on, g.company_name, \
     g.description, g.website, g.headquarters_country, g.industries AS org_industries, g.contact_email, \
     l.size AS logo_size, t.percent_bp, t.note AS validation_note, t.recorded_at AS validation_recorded_at, \
     t.recorded_by_email AS validation_recorded_by";

const FROM: &str = "FROM solutions s JOIN offers o ON o.id = s.offer_id \
     JOIN organizations g ON g.id = s.organization_id \
     LEFT JOIN organization_logos l ON l.organization_id = g.id \
     LEFT JOIN technical_validations t ON t.solution_id = s.id";

/// The lists, as JSON arrays of rows kept on the rows they belong to (migration
/// `20261204000014_facts_lists`: `json_group_array` on SQLite, `json_agg` on PostgreSQL, written
/// by triggers in the same transaction as every change to a list's table). A row is an array
/// whose members are in the order of its struct's fields (serde reads a struct from a
/// sequence), which keeps the text, and the time spent building and reading it, about half as
/// long as objects. The arrays are unordered and [`RawFacts::decode`] sorts them. Reading them
/// as columns instead of aggregating them per request makes the statement cost PostgreSQL what
/// a plain two-statement page costs (bench/RESULTS.md).
const LISTS: &str = "s.contacts_json, s.documents_json, g.competencies_json, \
     g.azure_revenue_json, o.marketplace_revenue_json";

/// The reader's drafts: the solution page's and the review page's, or none where nobody in
/// particular reads.
const DRAFT_COLUMNS: &str = "d.form AS draft_form, d.saved_at AS draft_saved_at, \
     r.reason AS review_draft_reason, r.comment AS review_draft_comment";

/// The joins of [`DRAFT_COLUMNS`] for the reader `reader` (a parameter or a column).
fn draft_joins(reader: &str) -> String {
    format!(
        "LEFT JOIN solution_drafts d ON d.solution_id = s.id AND d.user_id = {reader} \
         LEFT JOIN review_drafts r ON r.solution_id = s.id AND r.user_id = {reader}"
    )
}
const NO_DRAFT_SQLITE: &str = "NULL AS draft_form, NULL AS draft_saved_at, \
     NULL AS review_draft_reason, NULL AS review_draft_comment";
const NO_DRAFT_POSTGRES: &str = "NULL::text AS draft_form, NULL::timestamptz AS draft_saved_at, \
     NULL::text AS review_draft_reason, NULL::text AS review_draft_comment";

/// The facts statement; with a reader (`$2`), the reader's drafts come along.
fn statement(db: &Db, filter: &str, with_draft: bool) -> String {
    let (draft, joins) = match (with_draft, db) {
        (true, _) => (DRAFT_COLUMNS, draft_joins("$2")),
        (false, Db::Sqlite(_)) => (NO_DRAFT_SQLITE, String::new()),
        (false, Db::Postgres(_)) => (NO_DRAFT_POSTGRES, String::new()),
    };
    format!("SELECT {COLUMNS}, {LISTS}, {draft} {FROM} {joins} {filter}")
}

/// The reader a credential names and solution `$1` with all its facts and that reader's
/// drafts: the principal's SELECT as the first table, the solution's tables left-joined to
/// it, so an unknown solution still brings the reader back, and a bad credential nothing.
/// Written once per kind of credential: every page about a solution runs it.
fn statement_with_reader(credential: &Credential) -> &'static str {
    static TEXTS: [std::sync::OnceLock<String>; 2] =
        [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
    let kind = matches!(credential, Credential::Token { .. }) as usize;
    TEXTS[kind].get_or_init(|| {
        let principal = credential.principal_select(2);
        let joins = draft_joins("p.p_user_id");
        format!(
            "SELECT p.*, {COLUMNS}, {LISTS}, {DRAFT_COLUMNS} FROM ({principal}) p \
             LEFT JOIN solutions s ON s.id = $1 \
             LEFT JOIN offers o ON o.id = s.offer_id \
             LEFT JOIN organizations g ON g.id = s.organization_id \
             LEFT JOIN organization_logos l ON l.organization_id = g.id \
             LEFT JOIN technical_validations t ON t.solution_id = s.id {joins}"
        )
    })
}

/// A row of [`statement_with_reader`]: the reader, and the solution's facts when it exists.
struct ReaderAndFacts {
    reader: Principal,
    facts: Option<FactsRow>,
}

impl<'r, R> sqlx::FromRow<'r, R> for ReaderAndFacts
where
    R: sqlx::Row,
    Principal: sqlx::FromRow<'r, R>,
    FactsRow: sqlx::FromRow<'r, R>,
    Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    &'static str: sqlx::ColumnIndex<R>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        let found: Option<i64> = row.try_get("solution_id")?;
        Ok(ReaderAndFacts {
            reader: Principal::from_row(row)?,
            facts: found.map(|_| FactsRow::from_row(row)).transpose()?,
        })
    }
}

#[derive(Deserialize)]
struct Competency(
    CompetencyArea,
    #[serde(deserialize_with = "kept_date")] NaiveDate,
);

/// A date as the kept list writes it. PostgreSQL writes a year before 1 as `0001-01-01 BC`
/// and one past 9999 with five digits, neither of which is `YYYY-MM-DD`: such a date (only
/// ever stored before dates were held to 1900-9999) reads as the earliest or the latest day,
/// so a competency expired long ago stays expired and reading never fails.
fn kept_date<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(d)?;
    Ok(NaiveDate::parse_from_str(&text, "%Y-%m-%d").unwrap_or(
        if text.ends_with("BC") || text.starts_with('-') {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        },
    ))
}

fn list<T: serde::de::DeserializeOwned>(json: &str) -> Result<Vec<T>, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

impl RawFacts {
    fn decode(mut row: FactsRow) -> Result<RawFacts, sqlx::Error> {
        // The lists are kept unordered (see LISTS): ordered here.
        let mut contacts = list::<(i64, ContactRow)>(&std::mem::take(&mut row.contacts_json))?;
        contacts.sort_unstable_by_key(|(position, _)| *position);
        let contacts = contacts.into_iter().map(|(_, c)| c).collect();
        let mut documents = list::<DocumentRow>(&std::mem::take(&mut row.documents_json))?;
        documents.sort_by(|a, b| a.kind.code().cmp(b.kind.code()));
        let mut competencies: Vec<(CompetencyArea, NaiveDate)> =
            list::<Competency>(&std::mem::take(&mut row.competencies_json))?
                .into_iter()
                .map(|c| (c.0, c.1))
                .collect();
        competencies.sort();
        let mut revenue = list::<RevenueRow>(&std::mem::take(&mut row.azure_revenue_json))?;
        revenue.extend(list::<RevenueRow>(&std::mem::take(
            &mut row.marketplace_revenue_json,
        ))?);
        revenue.sort_by(|a, b| a.month.cmp(&b.month));
        let draft = match (row.draft_form.take(), row.draft_saved_at.take()) {
            (Some(form), Some(saved_at)) => Some(Draft { form, saved_at }),
            _ => None,
        };
        let review_draft = ReviewDraft {
            reason: row.review_draft_reason.take().unwrap_or_default(),
            comment: row.review_draft_comment.take().unwrap_or_default(),
        };
        Ok(RawFacts {
            row,
            contacts,
            documents,
            competencies,
            revenue,
            draft,
            review_draft,
        })
    }
}

/// The facts statement with `filter`; `binds` fill `$1`, `$2`...; with a reader (`$2`), the
/// reader's drafts come along. A statement whose filter is a list of ids in its text is not
/// kept prepared (`persistent`, see [`super::id_list`]).
async fn fetch(
    db: &Db,
    filter: &str,
    binds: &[i64],
    with_draft: bool,
    persistent: bool,
) -> Result<Vec<RawFacts>, sqlx::Error> {
    let sql = statement(db, filter, with_draft);
    let rows = crate::db_run!(db, pool => {
        let mut query = sqlx::query_as::<_, FactsRow>(sqlx::AssertSqlSafe(sql)).persistent(persistent);
        for value in binds {
            query = query.bind(*value);
        }
        query.fetch_all(pool).await
    })?;
    rows.into_iter().map(RawFacts::decode).collect()
}

/// One solution with all its facts and the reader's draft, in one statement.
pub async fn load(
    db: &Db,
    solution_id: SolutionId,
    reader: UserId,
) -> Result<Option<RawFacts>, sqlx::Error> {
    Ok(fetch(
        db,
        "WHERE s.id = $1",
        &[solution_id.0, reader.0],
        true,
        true,
    )
    .await?
    .into_iter()
    .next())
}

/// The reader `credential` names and solution `solution_id` with all its facts and the
/// reader's drafts, in one statement: a page about one solution pays one round trip for who
/// is asking and what they ask about. None when the credential is not valid; the facts are
/// None when there is no such solution (authorizing is the caller's work).
pub async fn load_with_reader(
    db: &Db,
    credential: &Credential,
    solution_id: SolutionId,
) -> Result<Option<(Principal, Option<RawFacts>)>, sqlx::Error> {
    let sql = statement_with_reader(credential);
    let row = crate::db_run!(db, pool => credential
        .bind(sqlx::query_as::<_, ReaderAndFacts>(sqlx::AssertSqlSafe(sql)).bind(solution_id.0))
        .fetch_optional(pool)
        .await)?;
    row.map(|r| Ok((r.reader, r.facts.map(RawFacts::decode).transpose()?)))
        .transpose()
}

/// Every solution of an organization (the dashboard), by offer name, in one statement.
pub async fn load_organization(
    db: &Db,
    organization_id: OrgId,
) -> Result<Vec<RawFacts>, sqlx::Error> {
    fetch(
        db,
        "WHERE s.organization_id = $1 ORDER BY o.name, s.id",
        &[organization_id.0],
        false,
        true,
    )
    .await
}

/// The given solutions (a catalog page), in one statement whatever their number.
pub async fn load_ids(db: &Db, ids: &[SolutionId]) -> Result<Vec<RawFacts>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let filter = format!("WHERE s.id IN ({})", super::id_list(ids));
    fetch(db, &filter, &[], false, false).await
}

impl RawFacts {
    /// The engine's facts from the stored rows (the status, the forecast and the catalog
    /// read them so); None when a stored code does not decode.
    pub fn facts(&self) -> Option<Facts> {
        let raw = self;
        let r = &raw.row;
        let offer_type = r.offer_type;
        let profile = BusinessProfile {
            company_name: r.company_name.clone(),
            description: r.description.clone(),
            website: r.website.clone(),
            headquarters_country: r.headquarters_country.clone(),
            industries: r.org_industries.0.clone(),
            contact_email: r.contact_email.clone(),
        };
        let listing = Listing {
            geographies: super::split_codes(&r.geographies),
            solution_areas: r.solution_areas.0.clone(),
            industries: r.industries.0.clone(),
            customer_sizes: r.customer_sizes.0.clone(),
            pitch: r.pitch.clone(),
            landing_page: None,
        };
        let contacts = raw
            .contacts
            .iter()
            .map(|c| Contact {
                name: c.name.clone(),
                email: c.email.clone(),
                job_title: c.job_title.clone(),
                role: c.role,
                geographies: super::split_codes(&c.geographies),
            })
            .collect();
        let mut azure_consumed = Vec::new();
        let mut marketplace_billed = Vec::new();
        for row in &raw.revenue {
            let Some(month) = Month::parse(&row.month) else {
                continue;
            };
            match row.kind {
                RevenueKind::AzureConsumed => azure_consumed.push((month, row.amount_cents)),
                RevenueKind::MarketplaceBilled if row.offer_key == r.offer_id.0 => {
                    marketplace_billed.push((month, row.amount_cents))
                }
                RevenueKind::MarketplaceBilled => {}
            }
        }
        Some(Facts {
            offer_type,
            offer_live: r.offer_state == OfferState::Live,
            offer_store_count: r.stores.len(),
            transactable: r.transactable,
            competency_areas: r.competency_areas.0.clone(),
            has_mpn_id: r.mpn_id.is_some(),
            marketplace_account_active: r.marketplace_account_active,
            profile_missing: profile.missing_fields(r.logo_size.is_some()),
            competencies: raw
                .competencies
                .iter()
                .map(|(area, expires_on)| crate::domain::org::Competency {
                    area: *area,
                    expires_on: *expires_on,
                })
                .collect(),
            isv_connect_enrolled_on: r.isv_connect_enrolled_on,
            geographies: listing.geographies.clone(),
            contacts,
            listing_complete: listing.details_complete(),
            documents: raw.documents.iter().map(|d| d.kind).collect(),
            azure_consumed,
            marketplace_billed,
            technical_validation: r.percent_bp,
        })
    }
}
