//! Users and their roles.

use super::{Db, Window};
use crate::db_run;
use crate::domain::ids::{OrgId, UserId};
use crate::domain::roles::RoleSet;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub password_hash: String,
    pub roles: RoleSet,
    pub organization_id: Option<OrgId>,
    pub created_at: DateTime<Utc>,
    /// The language of the user's mails and notifications.
    pub language: String,
}

const COLUMNS: &str = "id, email, password_hash, roles, organization_id, created_at, language";

pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub roles: &'a RoleSet,
    pub organization_id: Option<OrgId>,
}

/// Inserts a user and the audit entry for the roles it was given, in one transaction.
pub async fn insert(
    db: &Db,
    user: &NewUser<'_>,
    audit: &super::audit::Entry,
) -> Result<UserId, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        let (id,): (UserId,) = sqlx::query_as(
            "INSERT INTO users (email, password_hash, roles, organization_id, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(user.email)
        .bind(user.password_hash)
        .bind(user.roles)
        .bind(user.organization_id)
        .bind(Utc::now())
        .fetch_one(&mut *tx)
        .await?;
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(id)
    })
}

pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE email = $1");
    db_run!(db, pool => sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(sql)).bind(email).fetch_optional(pool).await)
}

pub async fn find(db: &Db, id: UserId) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
    db_run!(db, pool => sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// The users of one organization, or the program-side users when `organization_id` is None.
pub async fn list(
    db: &Db,
    organization_id: Option<OrgId>,
    w: Window,
) -> Result<Vec<UserRow>, sqlx::Error> {
    match organization_id {
        Some(org) => {
            let sql = format!(
                "SELECT {COLUMNS} FROM users WHERE organization_id = $1 ORDER BY email{}",
                w.clause(2)
            );
            db_run!(db, pool => crate::bind_window!(sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(sql)).bind(org), w).fetch_all(pool).await)
        }
        None => {
            let sql = format!(
                "SELECT {COLUMNS} FROM users WHERE organization_id IS NULL ORDER BY email{}",
                w.clause(1)
            );
            db_run!(db, pool => crate::bind_window!(sqlx::query_as::<_, UserRow>(sqlx::AssertSqlSafe(sql)), w).fetch_all(pool).await)
        }
    }
}

/// How many users an organization has, or the program side (`None`).
pub async fn count_in(db: &Db, organization_id: Option<OrgId>) -> Result<i64, sqlx::Error> {
    match organization_id {
        Some(org) => {
            db_run!(db, pool => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM users WHERE organization_id = $1").bind(org).fetch_one(pool).await.map(|r| r.0))
        }
        None => {
            db_run!(db, pool => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM users WHERE organization_id IS NULL").fetch_one(pool).await.map(|r| r.0))
        }
    }
}

/// Replaces a user's roles and records the change, in one transaction.
pub async fn set_roles(
    db: &Db,
    id: UserId,
    roles: &RoleSet,
    audit: &super::audit::Entry,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE users SET roles = $2 WHERE id = $1")
            .bind(id)
            .bind(roles)
            .execute(&mut *tx)
            .await?;
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(())
    })
}

/// Sets a new password hash and ends every session but `keep_session` and every API token.
pub async fn set_password(
    db: &Db,
    id: UserId,
    password_hash: &str,
    keep_session: Option<&str>,
    audit: &super::audit::Entry,
) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
            .bind(id)
            .bind(password_hash)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(id)
            .bind(keep_session.unwrap_or(""))
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        // A reset link asked for before the change would undo it: every open one ends.
        sqlx::query("DELETE FROM password_resets WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(())
    })
}

/// Removes a user (their sessions and tokens go with them) and records it.
pub async fn delete(db: &Db, id: UserId, audit: &super::audit::Entry) -> Result<(), sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(())
    })
}

pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM users").fetch_one(pool).await.map(|r| r.0))
}
