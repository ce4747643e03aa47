//! Review transitions. Each one is a single guarded UPDATE (`WHERE review_state = <from>`), so
//! two people acting at once cannot both move the same solution; false means it had moved.

use super::Db;
use super::audit::Entry;
use crate::db_run;
use crate::domain::ids::RevisionId;
use crate::domain::ids::{OrgId, SolutionId, UserId};
use crate::domain::offer::OfferType;
use crate::domain::review::ReviewState;
use chrono::{DateTime, Utc};

/// Freezes `snapshot` as a revision and puts the solution in the queue, if it is still in
/// state `from` at `version` (the page the snapshot was taken from).
pub async fn submit(
    db: &Db,
    id: SolutionId,
    from: ReviewState,
    version: i64,
    snapshot: &str,
    by: &str,
    audit: &Entry,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let now = Utc::now();
        let mut tx = pool.begin().await?;
        let (rev,): (i64,) = sqlx::query_as(
            "INSERT INTO solution_revisions (solution_id, snapshot, created_at, created_by_email) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(id)
        .bind(snapshot)
        .bind(now)
        .bind(by)
        .fetch_one(&mut *tx)
        .await?;
        let moved = sqlx::query(
            "UPDATE solutions SET review_state = 'submitted', submitted_at = $3, submitted_revision_id = $4, \
             claimed_by_email = NULL, claimed_at = NULL, review_reason = NULL \
             WHERE id = $1 AND review_state = $2 AND version = $5",
        )
        .bind(id)
        .bind(from)
        .bind(now)
        .bind(rev)
        .bind(version)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if !moved {
            tx.rollback().await?;
            return Ok(false);
        }
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(true)
    })
}

/// A guarded move with the columns each step sets. (Approval also publishes the catalog entry,
/// so it lives in `db::catalog::approve`.)
pub enum Step<'a> {
    Withdraw,
    Claim { by: &'a str },
    RequestChanges { reason: &'a str },
}

/// A decision makes every reviewer's unsent reason for this solution moot.
pub(crate) const DECIDED_DROPS_REASONS: &str =
    "UPDATE review_drafts SET reason = '' WHERE solution_id = $1";

pub async fn step(
    db: &Db,
    id: SolutionId,
    from: ReviewState,
    step: Step<'_>,
    audit: &Entry,
) -> Result<bool, sqlx::Error> {
    let now: DateTime<Utc> = Utc::now();
    let decided = matches!(step, Step::RequestChanges { .. });
    let (sql, a, b): (&str, Option<&str>, Option<DateTime<Utc>>) = match step {
        Step::Withdraw => (
            "UPDATE solutions SET review_state = 'withdrawn', claimed_by_email = NULL, claimed_at = NULL \
              WHERE id = $1 AND review_state = $2",
            None,
            None,
        ),
        Step::Claim { by } => (
            "UPDATE solutions SET review_state = 'in_review', claimed_by_email = $3, claimed_at = $4 \
              WHERE id = $1 AND review_state = $2",
            Some(by),
            Some(now),
        ),
        Step::RequestChanges { reason } => (
            "UPDATE solutions SET review_state = 'changes_requested', review_reason = $3, \
              claimed_by_email = NULL, claimed_at = NULL WHERE id = $1 AND review_state = $2",
            Some(reason),
            None,
        ),
    };
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        // Bind exactly the parameters this step's statement uses.
        let mut query = sqlx::query(sql).bind(id).bind(from);
        if let Some(a) = a {
            query = query.bind(a);
        }
        if let Some(b) = b {
            query = query.bind(b);
        }
        let moved = query.execute(&mut *tx).await?.rows_affected() > 0;
        if !moved {
            tx.rollback().await?;
            return Ok(false);
        }
        if decided {
            sqlx::query(DECIDED_DROPS_REASONS).bind(id).execute(&mut *tx).await?;
        }
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(true)
    })
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct QueueRow {
    pub id: SolutionId,
    pub organization_id: OrgId,
    pub organization_name: String,
    pub offer_name: String,
    pub offer_type: OfferType,
    pub review_state: ReviewState,
    pub geographies: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub claimed_by_email: Option<String>,
}

/// Submitted and claimed solutions, oldest first (uses the `solutions_queue` index), of the
/// given offer types (`None`: all) and a geography. Only the filters given are named: a
/// condition that holds for every row still costs the planner its estimate (PostgreSQL then
/// started from the offers and read 100,000 of them for a queue of 2,000).
/// The orders the queue can be read in; each ends on the waiting time and the id, so an
/// order is total and stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueueOrder {
    /// Oldest submission first (SPEC 6's default).
    #[default]
    Waiting,
    /// By the status sought: this rank expression of the offer type, highest first.
    StatusSought(&'static str),
    /// By organization name.
    Organization,
}

impl QueueOrder {
    fn sql(self) -> String {
        match self {
            QueueOrder::Waiting => "s.submitted_at, s.id".into(),
            QueueOrder::StatusSought(rank) => format!("{rank} DESC, s.submitted_at, s.id"),
            QueueOrder::Organization => "g.name, s.submitted_at, s.id".into(),
        }
    }
}

pub async fn queue(
    db: &Db,
    offer_types: Option<&[OfferType]>,
    geography: Option<&str>,
    order: QueueOrder,
    limit: i64,
    offset: i64,
) -> Result<Vec<QueueRow>, sqlx::Error> {
    let mut sql = String::from(
        "SELECT s.id, s.organization_id, g.name AS organization_name, o.name AS offer_name, o.offer_type, s.review_state, \
         s.geographies, s.submitted_at, s.claimed_by_email \
         FROM solutions s JOIN offers o ON o.id = s.offer_id JOIN organizations g ON g.id = s.organization_id \
         WHERE s.review_state IN ('submitted', 'in_review')",
    );
    if let Some(types) = offer_types {
        // Codes of the closed list of offer types only, so the text is safe to build.
        let list = types
            .iter()
            .map(|t| format!("'{}'", t.code()))
            .collect::<Vec<_>>()
            .join(", ");
        sql.push_str(&format!(" AND o.offer_type IN ({list})"));
    }
    let geography = geography.map(|g| format!("%,{g},%"));
    let mut next = 1;
    if geography.is_some() {
        sql.push_str(" AND (',' || s.geographies || ',') LIKE $1");
        next = 2;
    }
    sql.push_str(&format!(
        " ORDER BY {} LIMIT ${} OFFSET ${}",
        order.sql(),
        next,
        next + 1
    ));
    db_run!(db, pool => {
        let mut query = sqlx::query_as::<_, QueueRow>(sqlx::AssertSqlSafe(sql));
        if let Some(g) = &geography {
            query = query.bind(g);
        }
        query.bind(limit).bind(offset).fetch_all(pool).await
    })
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub author_email: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

pub async fn comments(db: &Db, solution_id: SolutionId) -> Result<Vec<CommentRow>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, CommentRow>(
        "SELECT author_email, body, created_at FROM review_comments WHERE solution_id = $1 ORDER BY created_at, id",
    )
    .bind(solution_id)
    .fetch_all(pool)
    .await)
}

/// Adds a comment and, in the same transaction, drops its author's unsent comment.
pub async fn add_comment(
    db: &Db,
    solution_id: SolutionId,
    author: (UserId, &str),
    body: &str,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO review_comments (solution_id, author_email, body, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(solution_id)
        .bind(author.1)
        .bind(body)
        .bind(Utc::now())
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE review_drafts SET comment = '' WHERE solution_id = $1 AND user_id = $2")
            .bind(solution_id)
            .bind(author.0)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })
}

/// Keeps a reviewer's unsent words; the members given replace the kept ones, the others stay.
pub async fn keep_draft(
    db: &Db,
    solution_id: SolutionId,
    user_id: UserId,
    reason: Option<&str>,
    comment: Option<&str>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query(
        "INSERT INTO review_drafts (solution_id, user_id, reason, comment, saved_at) \
         VALUES ($1, $2, COALESCE($3, ''), COALESCE($4, ''), $5) \
         ON CONFLICT (solution_id, user_id) DO UPDATE SET reason = COALESCE($3, review_drafts.reason), \
         comment = COALESCE($4, review_drafts.comment), saved_at = $5",
    )
    .bind(solution_id)
    .bind(user_id)
    .bind(reason)
    .bind(comment)
    .bind(Utc::now())
    .execute(pool)
    .await
    .map(|_| ()))
}

/// The stored snapshots of the given revisions, in one statement.
pub async fn revisions(
    db: &Db,
    ids: &[RevisionId],
) -> Result<Vec<(RevisionId, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, snapshot FROM solution_revisions WHERE id IN ({})",
        super::id_list(ids)
    );
    db_run!(db, pool => sqlx::query_as::<_, (RevisionId, String)>(sqlx::AssertSqlSafe(sql))
        .persistent(false)
        .fetch_all(pool)
        .await)
}
