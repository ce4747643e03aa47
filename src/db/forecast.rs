//! The lapse forecast's memory: which causes were warned about already.

use super::Db;
use super::audit::Entry;
use crate::db_run;
use crate::domain::ids::SolutionId;
use crate::domain::status::RequirementId;
use chrono::{NaiveDate, Utc};

/// Approved solutions (those in the catalog) after `after`, by id, up to `limit`.
pub async fn approved_after(
    db: &Db,
    after: SolutionId,
    limit: i64,
) -> Result<Vec<SolutionId>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (SolutionId,)>(
        "SELECT solution_id FROM catalog_entries WHERE solution_id > $1 ORDER BY solution_id LIMIT $2")
        .bind(after)
        .bind(limit)
        .fetch_all(pool)
        .await
        .map(|rows| rows.into_iter().map(|(id,)| id).collect()))
}

/// One cause to warn about, with the audit entry (and its notice) that warns.
pub struct Warning {
    pub solution_id: SolutionId,
    pub requirement: RequirementId,
    pub fact: String,
    pub lapse_on: NaiveDate,
    pub audit: Entry,
}

/// Records each cause not warned about before and writes its warning, in one transaction;
/// a cause recorded already (an earlier run, another instance) is skipped. Returns how many
/// were new.
pub async fn warn(db: &Db, warnings: &[Warning]) -> Result<usize, sqlx::Error> {
    if warnings.is_empty() {
        return Ok(0);
    }
    let now = Utc::now();
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        let mut new = 0;
        for w in warnings {
            let inserted = sqlx::query(
                "INSERT INTO forecast_warnings (solution_id, requirement, fact, lapse_on, created_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(w.solution_id)
            .bind(w.requirement)
            .bind(&w.fact)
            .bind(w.lapse_on)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if inserted == 1 {
                crate::audit_insert!(&mut *tx, w.audit)?;
                new += 1;
            }
        }
        tx.commit().await?;
        Ok(new)
    })
}
