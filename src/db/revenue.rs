//! Revenue figures: one row per organization, offer (0 for organization level), month and kind.

use super::Db;
use super::audit::Entry;
use crate::db_run;
use crate::domain::ids::OrgId;
use chrono::Utc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRevenue {
    pub organization_id: OrgId,
    pub offer_key: i64,
    pub month: String,
    pub kind: &'static str,
    pub amount_cents: i64,
}

/// Also read from the facts statement as a JSON array: keep the fields in its order.
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct RevenueRow {
    pub offer_key: i64,
    pub month: String,
    pub kind: String,
    pub amount_cents: i64,
}

/// Writes every row (a row replaces the same organization/offer/month/kind) and the audit
/// entries, in one transaction: all or nothing.
pub async fn upsert_all(
    db: &Db,
    rows: &[NewRevenue],
    actor_email: &str,
    audits: &[Entry],
) -> Result<(), sqlx::Error> {
    // Azure consumption first, then marketplace revenue, each by organization and offer: the
    // triggers that keep the facts lists lock the organization of an Azure row and the offer
    // of a marketplace row, so every import takes its locks in one order and two imports at
    // once never wait for each other in a circle.
    let mut ordered: Vec<&NewRevenue> = rows.iter().collect();
    ordered.sort_by_key(|r| (r.kind, r.organization_id, r.offer_key, r.month.as_str()));
    db_run!(db, pool => {
        let now = Utc::now();
        let mut tx = pool.begin().await?;
        for r in &ordered {
            sqlx::query(
                "INSERT INTO revenue (organization_id, offer_key, month, kind, amount_cents, imported_at, imported_by_email) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (organization_id, offer_key, month, kind) DO UPDATE SET amount_cents = excluded.amount_cents, \
                 imported_at = excluded.imported_at, imported_by_email = excluded.imported_by_email",
            )
            .bind(r.organization_id)
            .bind(r.offer_key)
            .bind(&r.month)
            .bind(r.kind)
            .bind(r.amount_cents)
            .bind(now)
            .bind(actor_email)
            .execute(&mut *tx)
            .await?;
        }
        for a in audits {
            crate::audit_insert!(&mut *tx, a)?;
        }
        tx.commit().await?;
        Ok(())
    })
}

/// Every row of an organization, by month.
pub async fn of_organization(
    db: &Db,
    organization_id: OrgId,
) -> Result<Vec<RevenueRow>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, RevenueRow>(
        "SELECT offer_key, month, kind, amount_cents FROM revenue WHERE organization_id = $1 ORDER BY month, kind, offer_key",
    )
    .bind(organization_id)
    .fetch_all(pool)
    .await)
}

/// What the checklist of one offer's solution counts: the organization's `azure_consumed`
/// and this offer's `marketplace_billed`.
pub async fn for_offer(
    db: &Db,
    organization_id: OrgId,
    offer_id: i64,
) -> Result<Vec<RevenueRow>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, RevenueRow>(
        "SELECT offer_key, month, kind, amount_cents FROM revenue WHERE organization_id = $1 \
         AND (kind = 'azure_consumed' OR (kind = 'marketplace_billed' AND offer_key = $2)) ORDER BY month",
    )
    .bind(organization_id)
    .bind(offer_id)
    .fetch_all(pool)
    .await)
}

/// MPN ID -> organization id, and offer id -> organization id, for validating an import.
pub async fn lookup_maps(db: &Db) -> Result<(Vec<(String, i64)>, Vec<(i64, i64)>), sqlx::Error> {
    db_run!(db, pool => {
        let orgs: Vec<(String, i64)> = sqlx::query_as("SELECT mpn_id, id FROM organizations WHERE mpn_id IS NOT NULL").fetch_all(pool).await?;
        let offers: Vec<(i64, i64)> = sqlx::query_as("SELECT id, organization_id FROM offers").fetch_all(pool).await?;
        Ok((orgs, offers))
    })
}
