//! Browser sessions, API tokens and the record of failed sign-ins. Secrets are stored only
//! as SHA-256 hashes: a copy of the database does not let anyone sign in.

use super::Db;
use crate::db_run;
use crate::domain::ids::OrgId;
use chrono::{DateTime, Utc};

/// The signed-in user as every request sees it: one query per request.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Principal {
    pub user_id: i64,
    pub email: String,
    pub roles: String,
    pub organization_id: Option<OrgId>,
    pub csrf_token: Option<String>,
}

pub async fn create(
    db: &Db,
    token_hash: &str,
    user_id: i64,
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

pub async fn principal_for_session(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Principal>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, Principal>(
        "SELECT u.id AS user_id, u.email, u.roles, u.organization_id, s.csrf_token \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
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

pub async fn principal_for_token(
    db: &Db,
    token_hash: &str,
) -> Result<Option<Principal>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, Principal>(
        "SELECT u.id AS user_id, u.email, u.roles, u.organization_id, NULL AS csrf_token \
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await)
}

pub async fn insert_token(db: &Db, user_id: i64, token_hash: &str) -> Result<i64, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (i64,)>(
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
pub async fn delete_token(db: &Db, id: i64, user_id: i64) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
        .bind(id)
        .bind(user_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected() > 0))
}

pub async fn record_failure(db: &Db, email: &str, address: &str) -> Result<(), sqlx::Error> {
    db_run!(db, pool => sqlx::query("INSERT INTO sign_in_failures (email, address, failed_at) VALUES ($1, $2, $3)")
        .bind(email)
        .bind(address)
        .bind(Utc::now())
        .execute(pool)
        .await
        .map(|_| ()))
}

/// Failed sign-ins since `since` for this account and for this address, in one query.
pub async fn recent_failures(
    db: &Db,
    email: &str,
    address: &str,
    since: DateTime<Utc>,
) -> Result<(i64, i64), sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (i64, i64)>(
        "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE email = $1 AND failed_at > $3), \
                (SELECT COUNT(*) FROM sign_in_failures WHERE address = $2 AND failed_at > $3)",
    )
    .bind(email)
    .bind(address)
    .bind(since)
    .fetch_one(pool)
    .await)
}
