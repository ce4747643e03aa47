//! Collateral documents: one current row per kind, older rows kept as history.

use super::Db;
use super::audit::Entry;
use crate::db_run;
use crate::domain::document::{DocumentKind, Format};
use crate::domain::event::EventData;
use crate::domain::ids::DocumentId;
use crate::domain::ids::{SolutionId, UserId};
use chrono::{DateTime, Utc};

/// Also read from the facts statement as a JSON array: keep the fields in its order.
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct DocumentRow {
    pub id: DocumentId,
    pub solution_id: SolutionId,
    pub kind: DocumentKind,
    pub storage_key: String,
    pub file_name: String,
    pub format: Format,
    pub content_type: String,
    pub size: i64,
    pub pages: Option<i64>,
    pub slides: Option<i64>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub uploaded_at: DateTime<Utc>,
    pub uploaded_by_email: Option<String>,
    pub replaced_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, solution_id, kind, storage_key, file_name, format, content_type, size, pages, slides, \
     width, height, uploaded_at, uploaded_by_email, replaced_at";

/// The current document of every kind of a solution.
pub async fn current(db: &Db, solution_id: SolutionId) -> Result<Vec<DocumentRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM documents WHERE solution_id = $1 AND replaced_at IS NULL ORDER BY kind"
    );
    db_run!(db, pool => sqlx::query_as::<_, DocumentRow>(sqlx::AssertSqlSafe(sql)).bind(solution_id).fetch_all(pool).await)
}

/// Every version of one kind, newest first.
pub async fn history(
    db: &Db,
    solution_id: SolutionId,
    kind: DocumentKind,
) -> Result<Vec<DocumentRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM documents WHERE solution_id = $1 AND kind = $2 ORDER BY uploaded_at DESC, id DESC"
    );
    db_run!(db, pool => sqlx::query_as::<_, DocumentRow>(sqlx::AssertSqlSafe(sql)).bind(solution_id).bind(kind).fetch_all(pool).await)
}

/// Every version of every kind, newest first (for the documents page: one query).
pub async fn all_versions(
    db: &Db,
    solution_id: SolutionId,
) -> Result<Vec<DocumentRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM documents WHERE solution_id = $1 ORDER BY kind, uploaded_at DESC, id DESC"
    );
    db_run!(db, pool => sqlx::query_as::<_, DocumentRow>(sqlx::AssertSqlSafe(sql)).bind(solution_id).fetch_all(pool).await)
}

pub async fn find(db: &Db, id: DocumentId) -> Result<Option<DocumentRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM documents WHERE id = $1");
    db_run!(db, pool => sqlx::query_as::<_, DocumentRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

pub struct NewDocument<'a> {
    pub solution_id: SolutionId,
    pub kind: DocumentKind,
    pub storage_key: &'a str,
    pub file_name: &'a str,
    pub format: Format,
    pub content_type: &'a str,
    pub size: i64,
    pub pages: Option<i64>,
    pub slides: Option<i64>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub uploaded_by: UserId,
    pub uploaded_by_email: &'a str,
    pub uploaded_at: DateTime<Utc>,
}

/// Makes `doc` the current file of its kind; the previous one becomes history. One transaction
/// with its audit entries and the move of the solution back to a draft, guarded on the review
/// state read (`Moved` when it changed; nothing is written then).
pub async fn insert_current(
    db: &Db,
    doc: &NewDocument<'_>,
    guard: &super::solutions::EditGuard<'_>,
    audit: &Entry,
) -> Result<super::solutions::EditOutcome<DocumentId>, sqlx::Error> {
    use super::solutions::{BACK_TO_DRAFT, EditOutcome};
    db_run!(db, pool => {
        let now = doc.uploaded_at;
        let mut tx = pool.begin().await?;
        // The solution's row first: it is the edit's guard, and its lock makes concurrent
        // uploads of one solution take turns (each becomes current in its turn).
        let moved = sqlx::query(BACK_TO_DRAFT)
            .bind(doc.solution_id)
            .bind(guard.from_state)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected()
            == 0;
        if moved {
            tx.rollback().await?;
            return Ok(EditOutcome::Moved);
        }
        sqlx::query("UPDATE documents SET replaced_at = $3 WHERE solution_id = $1 AND kind = $2 AND replaced_at IS NULL")
            .bind(doc.solution_id)
            .bind(doc.kind)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let (id,): (DocumentId,) = sqlx::query_as(
            "INSERT INTO documents (solution_id, kind, storage_key, file_name, format, content_type, size, pages, slides, \
             width, height, uploaded_at, uploaded_by, uploaded_by_email) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(doc.solution_id)
        .bind(doc.kind)
        .bind(doc.storage_key)
        .bind(doc.file_name)
        .bind(doc.format)
        .bind(doc.content_type)
        .bind(doc.size)
        .bind(doc.pages)
        .bind(doc.slides)
        .bind(doc.width)
        .bind(doc.height)
        .bind(now)
        .bind(doc.uploaded_by)
        .bind(doc.uploaded_by_email)
        .fetch_one(&mut *tx)
        .await?;
        // The event names the new version, known from here on.
        let audit = audit.clone().event(EventData::DocumentUploaded {
            solution_id: doc.solution_id,
            document_id: id,
            kind: doc.kind,
        });
        crate::audit_insert!(&mut *tx, &audit)?;
        if let Some(mark) = guard.mark {
            crate::audit_insert!(&mut *tx, mark)?;
        }
        tx.commit().await?;
        Ok(EditOutcome::Done(id))
    })
}

/// Every storage key a document row points at (current and history).
pub async fn all_storage_keys(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (String,)>("SELECT storage_key FROM documents")
        .fetch_all(pool)
        .await
        .map(|rows| rows.into_iter().map(|(k,)| k).collect()))
}
