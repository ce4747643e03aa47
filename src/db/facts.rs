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
         g.headquarters_country, g.industries AS org_industries, g.contact_email, l.size AS logo_size, t.percent_bp \
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
