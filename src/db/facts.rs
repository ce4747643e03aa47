//! Everything the status engine needs about one solution, in five queries: the solution
//! joined to its offer, organization, logo and technical validation; its contacts; its current
//! documents; the organization's competencies; the revenue that counts for the offer.

use super::{Db, documents, orgs, revenue, solutions};
use crate::db_run;
use chrono::NaiveDate;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FactsRow {
    pub solution_id: i64,
    pub organization_id: i64,
    pub offer_id: i64,
    pub geographies: String,
    pub solution_areas: String,
    pub industries: String,
    pub customer_sizes: String,
    pub pitch: String,
    pub offer_type: String,
    pub offer_state: String,
    pub stores: String,
    pub transactable: bool,
    pub competency_areas: String,
    pub mpn_id: Option<String>,
    pub marketplace_account_active: bool,
    pub isv_connect_enrolled_on: Option<NaiveDate>,
    pub company_name: Option<String>,
    pub description: Option<String>,
    pub website: Option<String>,
    pub headquarters_country: Option<String>,
    pub org_industries: String,
    pub contact_email: Option<String>,
    pub logo_size: Option<i64>,
    pub percent_bp: Option<i64>,
    pub awarded_status: Option<String>,
}

pub struct RawFacts {
    pub row: FactsRow,
    pub contacts: Vec<solutions::ContactRow>,
    pub documents: Vec<documents::DocumentRow>,
    pub competencies: Vec<(String, NaiveDate)>,
    pub revenue: Vec<revenue::RevenueRow>,
}

pub const QUERIES: usize = 5;

pub async fn load(db: &Db, solution_id: i64) -> Result<Option<RawFacts>, sqlx::Error> {
    let row = db_run!(db, pool => sqlx::query_as::<_, FactsRow>(
        "SELECT s.id AS solution_id, s.organization_id, s.offer_id, s.geographies, s.solution_areas, s.industries, \
         s.customer_sizes, s.pitch, o.offer_type, o.state AS offer_state, o.stores, o.transactable, o.competency_areas, \
         g.mpn_id, g.marketplace_account_active, g.isv_connect_enrolled_on, g.company_name, g.description, g.website, \
         g.headquarters_country, g.industries AS org_industries, g.contact_email, l.size AS logo_size, t.percent_bp, s.awarded_status \
         FROM solutions s JOIN offers o ON o.id = s.offer_id JOIN organizations g ON g.id = s.organization_id \
         LEFT JOIN organization_logos l ON l.organization_id = g.id \
         LEFT JOIN technical_validations t ON t.solution_id = s.id WHERE s.id = $1",
    )
    .bind(solution_id)
    .fetch_optional(pool)
    .await)?;
    let Some(row) = row else { return Ok(None) };
    let contacts = solutions::contacts(db, solution_id).await?;
    let documents = documents::current(db, solution_id).await?;
    let competencies = orgs::competencies(db, row.organization_id).await?;
    let revenue = revenue::for_offer(db, row.organization_id, row.offer_id).await?;
    Ok(Some(RawFacts {
        row,
        contacts,
        documents,
        competencies,
        revenue,
    }))
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct ContactOf {
    solution_id: i64,
    name: String,
    email: String,
    job_title: Option<String>,
    role: String,
    geographies: String,
}

/// The contacts of one solution out of a batch read for many.
fn contacts_of(all: &[ContactOf], solution_id: i64) -> Vec<solutions::ContactRow> {
    all.iter()
        .filter(|c| c.solution_id == solution_id)
        .map(|c| solutions::ContactRow {
            name: c.name.clone(),
            email: c.email.clone(),
            job_title: c.job_title.clone(),
            role: c.role.clone(),
            geographies: c.geographies.clone(),
        })
        .collect()
}

/// The facts of every solution of an organization, in the same five queries (the dashboard).
pub async fn load_organization(
    db: &Db,
    organization_id: i64,
) -> Result<Vec<RawFacts>, sqlx::Error> {
    let rows = db_run!(db, pool => sqlx::query_as::<_, FactsRow>(
        "SELECT s.id AS solution_id, s.organization_id, s.offer_id, s.geographies, s.solution_areas, s.industries, \
         s.customer_sizes, s.pitch, o.offer_type, o.state AS offer_state, o.stores, o.transactable, o.competency_areas, \
         g.mpn_id, g.marketplace_account_active, g.isv_connect_enrolled_on, g.company_name, g.description, g.website, \
         g.headquarters_country, g.industries AS org_industries, g.contact_email, l.size AS logo_size, t.percent_bp, s.awarded_status \
         FROM solutions s JOIN offers o ON o.id = s.offer_id JOIN organizations g ON g.id = s.organization_id \
         LEFT JOIN organization_logos l ON l.organization_id = g.id \
         LEFT JOIN technical_validations t ON t.solution_id = s.id WHERE s.organization_id = $1 ORDER BY o.name, s.id",
    )
    .bind(organization_id)
    .fetch_all(pool)
    .await)?;
    let contacts = db_run!(db, pool => sqlx::query_as::<_, ContactOf>(
        "SELECT c.solution_id, c.name, c.email, c.job_title, c.role, c.geographies FROM solution_contacts c \
         JOIN solutions s ON s.id = c.solution_id WHERE s.organization_id = $1 ORDER BY c.solution_id, c.position",
    )
    .bind(organization_id)
    .fetch_all(pool)
    .await)?;
    let docs = db_run!(db, pool => sqlx::query_as::<_, documents::DocumentRow>(
        "SELECT d.id, d.solution_id, d.kind, d.storage_key, d.file_name, d.format, d.content_type, d.size, d.pages, d.slides, \
         d.width, d.height, d.uploaded_at, d.uploaded_by_email, d.replaced_at FROM documents d \
         JOIN solutions s ON s.id = d.solution_id WHERE s.organization_id = $1 AND d.replaced_at IS NULL",
    )
    .bind(organization_id)
    .fetch_all(pool)
    .await)?;
    let competencies = orgs::competencies(db, organization_id).await?;
    let revenue = revenue::of_organization(db, organization_id).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.solution_id;
            RawFacts {
                contacts: contacts_of(&contacts, id),
                documents: docs
                    .iter()
                    .filter(|d| d.solution_id == id)
                    .cloned()
                    .collect(),
                competencies: competencies.clone(),
                revenue: revenue.clone(),
                row,
            }
        })
        .collect())
}

/// The facts of the given solutions (a catalog page), in five queries whatever their number.
pub async fn load_ids(db: &Db, ids: &[i64]) -> Result<Vec<RawFacts>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // Only numbers go into the list, so the text is safe to build.
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let rows_sql = format!(
        "SELECT s.id AS solution_id, s.organization_id, s.offer_id, s.geographies, s.solution_areas, s.industries, \
         s.customer_sizes, s.pitch, o.offer_type, o.state AS offer_state, o.stores, o.transactable, o.competency_areas, \
         g.mpn_id, g.marketplace_account_active, g.isv_connect_enrolled_on, g.company_name, g.description, g.website, \
         g.headquarters_country, g.industries AS org_industries, g.contact_email, l.size AS logo_size, t.percent_bp, s.awarded_status \
         FROM solutions s JOIN offers o ON o.id = s.offer_id JOIN organizations g ON g.id = s.organization_id \
         LEFT JOIN organization_logos l ON l.organization_id = g.id \
         LEFT JOIN technical_validations t ON t.solution_id = s.id WHERE s.id IN ({list})"
    );
    let rows = db_run!(db, pool => sqlx::query_as::<_, FactsRow>(sqlx::AssertSqlSafe(rows_sql)).fetch_all(pool).await)?;
    let contacts_sql = format!(
        "SELECT solution_id, name, email, job_title, role, geographies FROM solution_contacts WHERE solution_id IN ({list}) \
         ORDER BY solution_id, position"
    );
    let contacts = db_run!(db, pool => sqlx::query_as::<_, ContactOf>(sqlx::AssertSqlSafe(contacts_sql)).fetch_all(pool).await)?;
    let docs_sql = format!(
        "SELECT id, solution_id, kind, storage_key, file_name, format, content_type, size, pages, slides, width, height, \
         uploaded_at, uploaded_by_email, replaced_at FROM documents WHERE solution_id IN ({list}) AND replaced_at IS NULL"
    );
    let docs = db_run!(db, pool => sqlx::query_as::<_, documents::DocumentRow>(sqlx::AssertSqlSafe(docs_sql)).fetch_all(pool).await)?;
    let orgs: Vec<String> = {
        let mut o: Vec<i64> = rows.iter().map(|r| r.organization_id).collect();
        o.sort();
        o.dedup();
        o.iter().map(i64::to_string).collect()
    };
    let org_list = if orgs.is_empty() {
        "0".to_string()
    } else {
        orgs.join(",")
    };
    let comp_sql = format!(
        "SELECT organization_id, area, expires_on FROM competencies WHERE organization_id IN ({org_list})"
    );
    let comps = db_run!(db, pool => sqlx::query_as::<_, (i64, String, NaiveDate)>(sqlx::AssertSqlSafe(comp_sql)).fetch_all(pool).await)?;
    let rev_sql = format!(
        "SELECT organization_id, offer_key, month, kind, amount_cents FROM revenue WHERE organization_id IN ({org_list})"
    );
    let revs = db_run!(db, pool => sqlx::query_as::<_, (i64, i64, String, String, i64)>(sqlx::AssertSqlSafe(rev_sql)).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (id, org) = (row.solution_id, row.organization_id);
            RawFacts {
                contacts: contacts_of(&contacts, id),
                documents: docs
                    .iter()
                    .filter(|d| d.solution_id == id)
                    .cloned()
                    .collect(),
                competencies: comps
                    .iter()
                    .filter(|c| c.0 == org)
                    .map(|c| (c.1.clone(), c.2))
                    .collect(),
                revenue: revs
                    .iter()
                    .filter(|r| r.0 == org)
                    .map(|r| revenue::RevenueRow {
                        offer_key: r.1,
                        month: r.2.clone(),
                        kind: r.3.clone(),
                        amount_cents: r.4,
                    })
                    .collect(),
                row,
            }
        })
        .collect())
}
