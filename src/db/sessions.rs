//! Browser sessions, API tokens and the record of failed sign-ins. Secrets are stored only
//! as SHA-256 hashes: a copy of the database does not let anyone sign in.

use super::Db;
use crate::db_run;
use crate::domain::ids::AttemptId;
use crate::domain::ids::TokenId;
use crate::domain::ids::{OrgId, UserId};
use crate::domain::roles::RoleSet;
use chrono::{DateTime, Utc};

/// The signed-in user as every request sees it: one query per request. Its columns carry a
/// `p_` prefix, so a statement can read them beside a solution's (which has its own
/// `organization_id`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Principal {
    #[sqlx(rename = "p_user_id")]
    pub user_id: UserId,
    #[sqlx(rename = "p_email")]
    pub email: String,
    #[sqlx(rename = "p_roles")]
    pub roles: RoleSet,
    #[sqlx(rename = "p_organization_id")]
    pub organization_id: Option<OrgId>,
    #[sqlx(rename = "p_csrf_token")]
    pub csrf_token: Option<String>,
    /// Notifications not yet read: the bell's count, in the same statement.
    #[sqlx(rename = "p_unread")]
    pub unread: i64,
    /// The language of the user's mails and notifications.
    #[sqlx(rename = "p_language")]
    pub language: String,
}

/// The user's columns of a [`Principal`], for `users u`.
const PRINCIPAL_COLUMNS: &str = "u.id AS p_user_id, u.email AS p_email, u.roles AS p_roles, \
     u.organization_id AS p_organization_id, u.language AS p_language, \
     (SELECT COUNT(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL) AS p_unread";

pub async fn create(
    db: &Db,
    token_hash: &str,
    user_id: UserId,
    csrf_token: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(csrf_token)
    .bind(Utc::now())
    .bind(expires_at)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// How a request says who it is: a page's session cookie or the API's bearer token, as the
/// SHA-256 hash the database keeps.
#[derive(Debug, Clone)]
pub enum Credential {
    Session { hash: String, now: DateTime<Utc> },
    Token { hash: String },
}

impl Credential {
    /// The SELECT of the [`Principal`] this credential names, its parameters numbered from
    /// `$first` (bound by [`Credential::bind`]): alone, or as the first part of a statement
    /// that reads more for the same request (`facts::load_with_reader`).
    pub(crate) fn principal_select(&self, first: usize) -> String {
        match self {
            Credential::Session { .. } => format!(
                "SELECT {PRINCIPAL_COLUMNS}, s.csrf_token AS p_csrf_token FROM sessions s JOIN users u ON u.id = s.user_id \
                 WHERE s.token_hash = ${first} AND s.expires_at > ${}",
                first + 1
            ),
            Credential::Token { .. } => format!(
                "SELECT {PRINCIPAL_COLUMNS}, NULL AS p_csrf_token FROM api_tokens t JOIN users u ON u.id = t.user_id \
                 WHERE t.token_hash = ${first}"
            ),
        }
    }

    /// Binds the parameters of [`Credential::principal_select`], in order.
    pub(crate) fn bind<'q, DB, O>(
        &self,
        query: sqlx::query::QueryAs<'q, DB, O, <DB as sqlx::Database>::Arguments>,
    ) -> sqlx::query::QueryAs<'q, DB, O, <DB as sqlx::Database>::Arguments>
    where
        DB: sqlx::Database,
        String: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
        DateTime<Utc>: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    {
        match self {
            Credential::Session { hash, now } => query.bind(hash.clone()).bind(*now),
            Credential::Token { hash } => query.bind(hash.clone()),
        }
    }
}

/// The user a credential names, if it is valid.
pub async fn principal(db: &Db, credential: &Credential) -> Result<Option<Principal>, sqlx::Error> {
    let sql = credential.principal_select(1);
    db_run!(db, pool => credential
        .bind(sqlx::query_as::<_, Principal>(sqlx::AssertSqlSafe(sql)))
        .fetch_optional(pool)
        .await)
}

pub async fn delete(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|_| ()))
}

/// Removes expired sessions and sign-in failures older than `failures_before`.
pub async fn delete_expired(
    db: &Db,
    now: DateTime<Utc>,
    failures_before: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(pool).await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE failed_at <= $1").bind(failures_before).execute(pool).await?;
        Ok(())
    })
}

pub async fn insert_token(
    db: &Db,
    user_id: UserId,
    token_hash: &str,
) -> Result<TokenId, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (TokenId,)>(
        "INSERT INTO api_tokens (user_id, token_hash, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(user_id)
    .bind(token_hash)
    .bind(Utc::now())
    .fetch_one(pool)
    .await
    .map(|r| r.0))
}

/// Deletes token `id` when it belongs to `user_id`; false when there was no such token.
pub async fn delete_token(db: &Db, id: TokenId, user_id: UserId) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected() > 0))
}

/// Writes a sign-in attempt, pending until its password is checked; returns its id.
pub async fn begin_attempt(db: &Db, email: &str, address: &str) -> Result<AttemptId, sqlx::Error> {
    db_run!(db, pool => sqlx::query_scalar::<_, AttemptId>(
        "INSERT INTO sign_in_failures (email, address, failed_at, pending) \
         VALUES ($1, $2, $3, TRUE) RETURNING id",
    )
    .bind(email)
    .bind(address)
    .bind(Utc::now())
    .fetch_one(pool)
    .await)
}

/// A checked attempt whose password was wrong: it stays, as a failure.
pub async fn settle_failure(db: &Db, id: AttemptId) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query("UPDATE sign_in_failures SET pending = FALSE WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ()))
}

/// A successful (or refused, never checked) attempt takes its own count back.
pub async fn forget_attempt(db: &Db, id: AttemptId) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query("DELETE FROM sign_in_failures WHERE id = $1")
        .bind(id)
        .execute(pool)
        .await
        .map(|_| ()))
}

/// Where an attempt stands, per account and per address, in one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Standing {
    /// Failures in the window (a pending attempt older than `stale_before` counts as one: its
    /// request ended without an answer).
    pub account_failed: i64,
    /// Attempts in the window that came before this one, failed or still being checked.
    pub account_ahead: i64,
    pub address_failed: i64,
    pub address_ahead: i64,
}

pub async fn attempt_standing(
    db: &Db,
    id: AttemptId,
    email: &str,
    address: &str,
    since: DateTime<Utc>,
    stale_before: DateTime<Utc>,
) -> Result<Standing, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, Standing>(
        "SELECT \
           (SELECT COUNT(*) FROM sign_in_failures WHERE email = $1 AND failed_at > $3 \
              AND (NOT pending OR failed_at <= $4)) AS account_failed, \
           (SELECT COUNT(*) FROM sign_in_failures WHERE email = $1 AND failed_at > $3 \
              AND id < $5) AS account_ahead, \
           (SELECT COUNT(*) FROM sign_in_failures WHERE address = $2 AND failed_at > $3 \
              AND (NOT pending OR failed_at <= $4)) AS address_failed, \
           (SELECT COUNT(*) FROM sign_in_failures WHERE address = $2 AND failed_at > $3 \
              AND id < $5) AS address_ahead",
    )
    .bind(email)
    .bind(address)
    .bind(since)
    .bind(stale_before)
    .bind(id)
    .fetch_one(pool)
    .await)
}
