//! The bell's notifications and the outbox of mails (written with their events, see
//! [`super::events`]), and a person's language and mail choices.

use super::Db;
use crate::db_run;
use crate::domain::ids::MailId;
use crate::domain::ids::UserId;
use crate::domain::ids::{NotificationId, OrgId, SolutionId};
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NotificationRow {
    pub id: NotificationId,
    pub kind: String,
    pub organization_id: Option<OrgId>,
    pub solution_id: Option<SolutionId>,
    pub args: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

/// A person's newest notifications.
pub async fn list(
    db: &Db,
    user_id: UserId,
    limit: i64,
) -> Result<Vec<NotificationRow>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, NotificationRow>(
        "SELECT id, kind, organization_id, solution_id, args, created_at, read_at FROM notifications \
         WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2")
        .bind(user_id)
        .bind(limit)
        .fetch_all(pool)
        .await)
}

/// One of the person's notifications (another person's id is none).
pub async fn find(
    db: &Db,
    user_id: UserId,
    id: NotificationId,
) -> Result<Option<NotificationRow>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, NotificationRow>(
        "SELECT id, kind, organization_id, solution_id, args, created_at, read_at FROM notifications \
         WHERE user_id = $1 AND id = $2")
        .bind(user_id)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// Marks one of the person's notifications (or, with `None`, all of them) read; another
/// person's id changes nothing.
pub async fn mark_read(
    db: &Db,
    user_id: UserId,
    id: Option<NotificationId>,
) -> Result<u64, sqlx::Error> {
    db_run!(db, pool => sqlx::query(
        "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL AND ($3 IS NULL OR id = $3)")
        .bind(Utc::now())
        .bind(user_id)
        .bind(id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
}

/// The language of a person's mails and notifications.
pub async fn set_language(db: &Db, user_id: UserId, language: &str) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query("UPDATE users SET language = $1 WHERE id = $2 AND language <> $1")
        .bind(language)
        .bind(user_id)
        .execute(pool)
        .await
        .map(|_| ()))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MailRow {
    pub id: MailId,
    pub recipient: String,
    pub language: String,
    pub kind: String,
    pub organization_id: Option<OrgId>,
    pub solution_id: Option<SolutionId>,
    pub args: String,
    /// The hash an invitation's or reset's link is stored under (never the token: the
    /// sender makes one when it sends, see `db::invitations::renew_link`).
    pub link_hash: Option<String>,
    pub created_at: DateTime<Utc>,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

const MAIL_COLUMNS: &str = "id, recipient, language, kind, organization_id, solution_id, args, link_hash, created_at, \
     attempts, next_attempt_at, sent_at, last_error";

/// The newest mails, for the outbox page.
pub async fn outbox(db: &Db, limit: i64) -> Result<Vec<MailRow>, sqlx::Error> {
    let sql =
        format!("SELECT {MAIL_COLUMNS} FROM outbox ORDER BY created_at DESC, id DESC LIMIT $1");
    db_run!(db, pool => sqlx::query_as::<_, MailRow>(sqlx::AssertSqlSafe(sql)).bind(limit).fetch_all(pool).await)
}

/// The mails not yet sent: how many, and when the oldest was written (for the metrics).
pub async fn backlog(db: &Db) -> Result<(i64, Option<DateTime<Utc>>), sqlx::Error> {
    let (count,): (i64,) = db_run!(db, pool => sqlx::query_as(
        "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(pool)
        .await)?;
    let oldest: Option<(DateTime<Utc>,)> = db_run!(db, pool => sqlx::query_as(
        "SELECT created_at FROM outbox WHERE sent_at IS NULL ORDER BY created_at LIMIT 1")
        .fetch_optional(pool)
        .await)?;
    Ok((count, oldest.map(|(t,)| t)))
}

/// Hands back mails a sender took but did not try (it is stopping): due again at once for
/// any sender, their attempt not counted.
pub async fn hand_back(db: &Db, ids: &[MailId]) -> Result<u64, sqlx::Error> {
    if ids.is_empty() {
        return Ok(0);
    }
    let sql = format!(
        "UPDATE outbox SET locked_until = NULL, attempts = attempts - 1 \
         WHERE sent_at IS NULL AND id IN ({})",
        super::id_list(ids)
    );
    db_run!(db, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
        .persistent(false)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
}

/// Takes up to `limit` due mails for one sender until `lease_until`, counting the attempt:
/// another sender skips them until then (PostgreSQL: rows locked by a sender taking mails at
/// the same moment are skipped, not waited for; SQLite has one writer at a time). A sender
/// that dies mid-way leaves its mails to the next after the lease: at least once, never two
/// senders at once.
pub async fn take_due(
    db: &Db,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<MailRow>, sqlx::Error> {
    let lock = match db {
        Db::Sqlite(_) => "",
        Db::Postgres(_) => " FOR UPDATE SKIP LOCKED",
    };
    let sql = format!(
        "UPDATE outbox SET locked_until = $2, attempts = attempts + 1 WHERE id IN ( \
           SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= $1 \
           AND (locked_until IS NULL OR locked_until <= $1) ORDER BY next_attempt_at, id LIMIT $3{lock}) \
         RETURNING {MAIL_COLUMNS}"
    );
    db_run!(db, pool => sqlx::query_as::<_, MailRow>(sqlx::AssertSqlSafe(sql))
        .bind(now)
        .bind(lease_until)
        .bind(limit)
        .fetch_all(pool)
        .await)
}

/// A mail went out (or, without SMTP, into the log), or had nothing left to send (a link
/// used, revoked or expired before it went).
pub async fn sent(db: &Db, id: MailId, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query(
        "UPDATE outbox SET sent_at = $1, locked_until = NULL, last_error = NULL WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ()))
}

/// A try failed: the mail waits until `retry_at`.
pub async fn failed(
    db: &Db,
    id: MailId,
    error: &str,
    retry_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query("UPDATE outbox SET next_attempt_at = $1, locked_until = NULL, last_error = $2 WHERE id = $3")
        .bind(retry_at)
        .bind(error)
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ()))
}

/// The kinds of mail a person turned off.
pub async fn opt_outs(db: &Db, user_id: UserId) -> Result<Vec<String>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (String,)>("SELECT kind FROM mail_opt_outs WHERE user_id = $1 ORDER BY kind")
        .bind(user_id)
        .fetch_all(pool)
        .await
        .map(|rows| rows.into_iter().map(|(k,)| k).collect()))
}

/// Replaces the kinds of mail a person turned off, in one transaction.
pub async fn set_opt_outs(db: &Db, user_id: UserId, kinds: &[&str]) -> Result<(), sqlx::Error> {
    macro_rules! replace {
        ($pool:expr) => {{
            let mut tx = $pool.begin().await?;
            sqlx::query("DELETE FROM mail_opt_outs WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            for kind in kinds {
                sqlx::query("INSERT INTO mail_opt_outs (user_id, kind) VALUES ($1, $2)")
                    .bind(user_id)
                    .bind(*kind)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await
        }};
    }
    db_run!(db, pool => replace!(pool))
}

/// Housekeeping: mails sent before `before`, notifications read before it, and reset or
/// invitation links closed (used, revoked, expired) before it.
pub async fn prune(db: &Db, before: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        for sql in [
            "DELETE FROM outbox WHERE sent_at < $1",
            "DELETE FROM notifications WHERE read_at < $1",
            "DELETE FROM password_resets WHERE expires_at < $1",
            "DELETE FROM invitations WHERE expires_at < $1 OR revoked_at < $1 OR accepted_at < $1",
        ] {
            sqlx::query(sql).bind(before).execute(pool).await?;
        }
        Ok(())
    })
}
