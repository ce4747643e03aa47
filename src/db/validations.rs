//! Technical validations: the one recorded for each solution.

use super::Db;
use super::audit::Entry;
use crate::db_run;
use crate::domain::ids::SolutionId;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ValidationRow {
    pub percent_bp: i64,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by_email: Option<String>,
}

pub async fn find(db: &Db, solution_id: SolutionId) -> Result<Option<ValidationRow>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, ValidationRow>(
        "SELECT percent_bp, note, recorded_at, recorded_by_email FROM technical_validations WHERE solution_id = $1",
    )
    .bind(solution_id)
    .fetch_optional(pool)
    .await)
}

pub async fn record(
    db: &Db,
    solution_id: SolutionId,
    percent_bp: i64,
    note: &str,
    by: &str,
    recorded_at: DateTime<Utc>,
    audit: &Entry,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO technical_validations (solution_id, percent_bp, note, recorded_at, recorded_by_email) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (solution_id) DO UPDATE SET percent_bp = excluded.percent_bp, note = excluded.note, \
             recorded_at = excluded.recorded_at, recorded_by_email = excluded.recorded_by_email",
        )
        .bind(solution_id)
        .bind(percent_bp)
        .bind(note)
        .bind(recorded_at)
        .bind(by)
        .execute(&mut *tx)
        .await?;
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(())
    })
}
