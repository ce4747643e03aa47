//! Revenue figures: one row per organization, offer (0 for organization level), month and kind.

use super::Db;
use super::audit::Entry;
use crate::db_run;
use crate::domain::ids::OfferId;
use crate::domain::ids::OrgId;
use crate::domain::revenue_csv::RevenueKind;
use chrono::Utc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRevenue {
    pub organization_id: OrgId,
    pub offer_key: i64,
    pub month: String,
    pub kind: RevenueKind,
    pub amount_cents: i64,
}

/// Also read from the facts statement as a JSON array: keep the fields in its order.
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct RevenueRow {
    pub offer_key: i64,
    pub month: String,
    pub kind: RevenueKind,
    pub amount_cents: i64,
}

/// What an import does to a row that is there already: its amount is replaced.
const ON_CONFLICT: &str = " ON CONFLICT (organization_id, offer_key, month, kind) DO UPDATE SET \
     amount_cents = excluded.amount_cents, imported_at = excluded.imported_at, \
     imported_by_email = excluded.imported_by_email";

/// Rows per statement on SQLite (7 values each, far below its 32,766 variables): a statement
/// per row spent most of an import passing statements to SQLite's thread and back.
const SQLITE_CHUNK: usize = 500;

/// The upsert of many rows at once (PostgreSQL: one statement per chunk, not a round trip per
/// row). The rows of one statement never repeat a key: the CSV refuses duplicates.
const UPSERT_MANY: &str = "INSERT INTO revenue (organization_id, offer_key, month, kind, amount_cents, imported_at, imported_by_email) \
     SELECT o, k, m, t, a, $6, $7 FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bigint[]) AS r(o, k, m, t, a)";

/// Rows per statement on PostgreSQL.
const CHUNK: usize = 10_000;

/// Writes every row (a row replaces the same organization/offer/month/kind) and the audit
/// entries, in one transaction: all or nothing. The kept revenue lists are not rewritten per
/// row (each rewrite reads every row of its organization: quadratic) but once per
/// organization and offer touched, at the end (the triggers are paused for this transaction
/// only; see the migration `revenue_lists_per_import`). The time grows linearly with the rows.
pub async fn upsert_all(
    db: &Db,
    rows: &[NewRevenue],
    actor_email: &str,
    audits: &[Entry],
) -> Result<(), sqlx::Error> {
    // Azure consumption first, then marketplace revenue, each by organization and offer, and
    // the lists rewritten in id order: two imports at once take their locks in one order and
    // never wait for each other in a circle.
    let mut ordered: Vec<&NewRevenue> = rows.iter().collect();
    ordered.sort_by_key(|r| (r.kind, r.organization_id, r.offer_key, r.month.as_str()));
    let mut organizations: Vec<i64> = rows
        .iter()
        .filter(|r| r.kind == RevenueKind::AzureConsumed)
        .map(|r| r.organization_id.0)
        .collect();
    organizations.sort_unstable();
    organizations.dedup();
    let mut offers: Vec<i64> = rows
        .iter()
        .filter(|r| r.kind == RevenueKind::MarketplaceBilled)
        .map(|r| r.offer_key)
        .collect();
    offers.sort_unstable();
    offers.dedup();
    let now = Utc::now();
    match db {
        Db::Sqlite(pool) => {
            let mut tx = pool.begin().await?;
            sqlx::query("INSERT INTO facts_lists_paused (paused) VALUES (1)")
                .execute(&mut *tx)
                .await?;
            for chunk in ordered.chunks(SQLITE_CHUNK) {
                let mut insert = sqlx::QueryBuilder::new(
                    "INSERT INTO revenue (organization_id, offer_key, month, kind, amount_cents, \
                     imported_at, imported_by_email) ",
                );
                insert.push_values(chunk, |mut row, r| {
                    row.push_bind(r.organization_id)
                        .push_bind(r.offer_key)
                        .push_bind(&r.month)
                        .push_bind(r.kind)
                        .push_bind(r.amount_cents)
                        .push_bind(now)
                        .push_bind(actor_email);
                });
                insert.push(ON_CONFLICT);
                insert.build().execute(&mut *tx).await?;
            }
            sqlx::query("DELETE FROM facts_lists_paused")
                .execute(&mut *tx)
                .await?;
            // The views' expressions, on one organization's or offer's rows through the
            // revenue key (SQLite would aggregate the whole view for each of them).
            let rewrites = [
                (
                    "UPDATE organizations SET azure_revenue_json = (SELECT \
                     json_group_array(json_array(r.offer_key, r.month, r.kind, r.amount_cents)) \
                     FROM revenue r WHERE r.organization_id = organizations.id \
                     AND r.kind = 'azure_consumed') WHERE id IN",
                    &organizations,
                ),
                (
                    "UPDATE offers SET marketplace_revenue_json = (SELECT \
                     json_group_array(json_array(r.offer_key, r.month, r.kind, r.amount_cents)) \
                     FROM revenue r WHERE r.organization_id = offers.organization_id \
                     AND r.offer_key = offers.id AND r.kind = 'marketplace_billed') WHERE id IN",
                    &offers,
                ),
            ];
            for (update, ids) in rewrites {
                for chunk in ids.chunks(CHUNK) {
                    let sql = format!("{update} ({})", super::id_list(chunk));
                    sqlx::query(sqlx::AssertSqlSafe(sql))
                        .persistent(false)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            for a in audits {
                crate::audit_insert!(&mut *tx, a)?;
            }
            tx.commit().await
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            sqlx::query("SELECT set_config('cosell.facts_lists_paused', 'on', true)")
                .execute(&mut *tx)
                .await?;
            let upsert = format!("{UPSERT_MANY}{ON_CONFLICT}");
            for chunk in ordered.chunks(CHUNK) {
                let column =
                    |f: fn(&NewRevenue) -> i64| chunk.iter().map(|r| f(r)).collect::<Vec<i64>>();
                sqlx::query(sqlx::AssertSqlSafe(upsert.as_str()))
                    .bind(column(|r| r.organization_id.0))
                    .bind(column(|r| r.offer_key))
                    .bind(
                        chunk
                            .iter()
                            .map(|r| r.month.clone())
                            .collect::<Vec<String>>(),
                    )
                    .bind(
                        chunk
                            .iter()
                            .map(|r| r.kind.to_string())
                            .collect::<Vec<String>>(),
                    )
                    .bind(column(|r| r.amount_cents))
                    .bind(now)
                    .bind(actor_email)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("SELECT set_config('cosell.facts_lists_paused', 'off', true)")
                .execute(&mut *tx)
                .await?;
            for (which, ids) in [
                ("azure_revenue", &organizations),
                ("marketplace_revenue", &offers),
            ] {
                sqlx::query(
                    "SELECT facts_lists_rewrite($1, id) FROM UNNEST($2::bigint[]) WITH ORDINALITY AS t(id, n) ORDER BY n",
                )
                .bind(which)
                .bind(ids)
                .execute(&mut *tx)
                .await?;
            }
            for a in audits {
                crate::audit_insert!(&mut *tx, a)?;
            }
            tx.commit().await
        }
    }
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
    offer_id: OfferId,
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
