//! The append-only audit log: there is an insert and reads, and no update or delete path
//! (the migrations add triggers that refuse both).

use super::Db;
use crate::db_run;
use chrono::{DateTime, Utc};

/// One entry to append: who did what, to which organization.
#[derive(Debug, Clone)]
pub struct Entry {
    pub actor_user_id: Option<i64>,
    pub actor_email: Option<String>,
    pub organization_id: Option<i64>,
    pub kind: &'static str,
    pub detail: String,
}

pub const INSERT_SQL: &str = "INSERT INTO audit_log (at, actor_user_id, actor_email, organization_id, kind, detail) \
     VALUES ($1, $2, $3, $4, $5, $6)";

/// Appends `entry` on any executor (a pool or an open transaction) of either backend.
#[macro_export]
macro_rules! audit_insert {
    ($exec:expr, $entry:expr) => {
        sqlx::query($crate::db::audit::INSERT_SQL)
            .bind(chrono::Utc::now())
            .bind($entry.actor_user_id)
            .bind($entry.actor_email.as_deref())
            .bind($entry.organization_id)
            .bind($entry.kind)
            .bind(&$entry.detail)
            .execute($exec)
            .await
            .map(|_| ())
    };
}

pub async fn append(db: &Db, entry: &Entry) -> Result<(), sqlx::Error> {
    db_run!(db, pool => crate::audit_insert!(pool, entry))
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Row {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    pub actor_email: Option<String>,
    pub organization_id: Option<i64>,
    pub kind: String,
    pub detail: String,
}

/// Newest first; scoped to one organization when `organization_id` is given.
pub async fn list(
    db: &Db,
    organization_id: Option<i64>,
    since: Option<DateTime<Utc>>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Row>, sqlx::Error> {
    let since = since.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let cols = "id, at, actor_user_id, actor_email, organization_id, kind, detail";
    match organization_id {
        Some(org) => {
            let sql = format!(
                "SELECT {cols} FROM audit_log WHERE organization_id = $1 AND at >= $2 \
                 ORDER BY at DESC, id DESC LIMIT $3 OFFSET $4"
            );
            db_run!(db, pool => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql)).bind(org).bind(since).bind(limit).bind(offset).fetch_all(pool).await)
        }
        None => {
            let sql = format!(
                "SELECT {cols} FROM audit_log WHERE at >= $1 ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3"
            );
            db_run!(db, pool => sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql)).bind(since).bind(limit).bind(offset).fetch_all(pool).await)
        }
    }
}
