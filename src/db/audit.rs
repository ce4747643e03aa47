//! The append-only audit log: there is an insert and reads, and no update or delete path
//! (the migrations add triggers that refuse both).

use super::Db;
use crate::db_run;
use crate::domain::ids::{OrgId, SolutionId};
use chrono::{DateTime, Utc};

/// One entry to append: who did what, to which organization (and solution).
#[derive(Debug, Clone)]
pub struct Entry {
    pub actor_user_id: Option<i64>,
    pub actor_email: Option<String>,
    pub organization_id: Option<OrgId>,
    pub kind: &'static str,
    pub detail: String,
    pub solution_id: Option<SolutionId>,
}

impl Entry {
    /// The entry is about this solution.
    pub fn on(self, solution: SolutionId) -> Entry {
        Entry {
            solution_id: Some(solution),
            ..self
        }
    }
}

pub const INSERT_SQL: &str = "INSERT INTO audit_log (at, actor_user_id, actor_email, organization_id, kind, detail, solution_id) \
     VALUES ($1, $2, $3, $4, $5, $6, $7)";

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
            .bind($entry.solution_id)
            .execute($exec)
            .await
            .map(|_| ())
    };
}

pub async fn append(db: &Db, entry: &Entry) -> Result<(), sqlx::Error> {
    db_run!(db, pool => crate::audit_insert!(pool, entry))
}

#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize, utoipa::ToSchema)]
#[schema(as = AuditEntry)]
pub struct Row {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    pub actor_email: Option<String>,
    pub organization_id: Option<OrgId>,
    pub kind: String,
    pub detail: String,
    pub solution_id: Option<SolutionId>,
}

/// What the audit log is filtered on; None/empty means any.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub organization_id: Option<OrgId>,
    pub actor_email: Option<String>,
    pub kind: Option<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// Newest first, filtered. The optional filters are written so that one SQL text serves every
/// combination (`$n IS NULL OR column = $n`).
pub async fn list(db: &Db, f: &Filter, limit: i64, offset: i64) -> Result<Vec<Row>, sqlx::Error> {
    let since = f.since.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    // Far enough ahead for any entry, and within PostgreSQL's timestamp range.
    let until = f.until.unwrap_or_else(|| {
        chrono::NaiveDate::from_ymd_opt(9999, 12, 31)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc())
            .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
    });
    db_run!(db, pool => sqlx::query_as::<_, Row>(
        "SELECT id, at, actor_user_id, actor_email, organization_id, kind, detail, solution_id FROM audit_log \
         WHERE ($1 IS NULL OR organization_id = $1) AND ($2 IS NULL OR actor_email = $2) AND ($3 IS NULL OR kind = $3) \
         AND at >= $4 AND at < $5 ORDER BY at DESC, id DESC LIMIT $6 OFFSET $7",
    )
    .bind(f.organization_id)
    .bind(f.actor_email.as_deref())
    .bind(f.kind.as_deref())
    .bind(since)
    .bind(until)
    .bind(limit)
    .bind(offset)
    .fetch_all(pool)
    .await)
}
