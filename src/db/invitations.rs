//! Invitations and password resets: single-use links whose tokens are stored only as
//! SHA-256 hashes, each written with the mail that carries it (in the outbox, in the same
//! transaction) and used at most once (a guarded update in the transaction that uses it).

use super::Db;
use super::audit::Entry;
use crate::db_run;
use crate::domain::ids::InvitationId;
use crate::domain::ids::MailId;
use crate::domain::ids::{OrgId, UserId};
use crate::domain::roles::RoleSet;
use chrono::{DateTime, Utc};

/// What a mail with a single-use link says, in the arguments its words take.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum LinkMail {
    /// `inviter` invites the reader to `organization` (or the program) with `roles`, until a day
    /// (all already in the reader's words).
    Invitation {
        inviter: String,
        organization: String,
        roles: String,
        until: String,
    },
    /// A new password for the account `email`.
    PasswordReset { email: String },
}

impl LinkMail {
    /// The outbox kind: the mail's words and link go by it.
    pub fn kind(&self) -> &'static str {
        match self {
            LinkMail::Invitation { .. } => "invitation",
            LinkMail::PasswordReset { .. } => "password_reset",
        }
    }

    fn args(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// A mail to one address, outside the events' audiences (an invitation, a reset link).
pub struct DirectMail<'a> {
    pub recipient: &'a str,
    pub language: &'a str,
    pub says: LinkMail,
    /// The hash the link's invitation or reset is stored under (the token itself is made
    /// when the mail is sent: [`renew_link`]).
    pub link_hash: &'a str,
}

const DIRECT_MAIL_SQL: &str = "INSERT INTO outbox (recipient, language, kind, args, link_hash, created_at, next_attempt_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $6)";

macro_rules! queue_mail {
    ($exec:expr, $mail:expr, $at:expr) => {
        sqlx::query(DIRECT_MAIL_SQL)
            .bind($mail.recipient)
            .bind($mail.language)
            .bind($mail.says.kind())
            .bind($mail.says.args())
            .bind($mail.link_hash)
            .bind($at)
            .execute($exec)
            .await
    };
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InvitationRow {
    pub id: InvitationId,
    pub email: String,
    pub roles: RoleSet,
    pub organization_id: Option<OrgId>,
    pub invited_by: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, email, roles, organization_id, invited_by, created_at, expires_at";

pub struct NewInvitation<'a> {
    pub token_hash: &'a str,
    pub email: &'a str,
    pub roles: &'a RoleSet,
    pub organization_id: Option<OrgId>,
    pub invited_by: &'a str,
    pub expires_at: DateTime<Utc>,
}

/// Writes an invitation, its audit entry and its mail in one transaction.
pub async fn invite(
    db: &Db,
    new: &NewInvitation<'_>,
    mail: &DirectMail<'_>,
    audit: &Entry,
) -> Result<InvitationId, sqlx::Error> {
    let now = Utc::now();
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        let (id,): (InvitationId,) = sqlx::query_as(
            "INSERT INTO invitations (token_hash, email, roles, organization_id, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(new.token_hash)
        .bind(new.email)
        .bind(new.roles)
        .bind(new.organization_id)
        .bind(new.invited_by)
        .bind(now)
        .bind(new.expires_at)
        .fetch_one(&mut *tx)
        .await?;
        queue_mail!(&mut *tx, mail, now)?;
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(id)
    })
}

/// Invitations not yet accepted, revoked or expired (and whose inviter may still invite), of an
/// organization (None: the program), newest first.
pub async fn pending(
    db: &Db,
    organization_id: Option<OrgId>,
    now: DateTime<Utc>,
) -> Result<Vec<InvitationRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM invitations WHERE accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $1 \
         AND (organization_id = $2 OR ($2 IS NULL AND organization_id IS NULL)) AND {INVITER_MAY_INVITE} \
         ORDER BY created_at DESC, id DESC"
    );
    db_run!(db, pool => sqlx::query_as::<_, InvitationRow>(sqlx::AssertSqlSafe(sql))
        .bind(now)
        .bind(organization_id)
        .fetch_all(pool)
        .await)
}

/// An invitation ends when its inviter can no longer make it (SPEC 12): the inviter still has
/// an account and is a program admin, or an account admin of the invitation's organization.
const INVITER_MAY_INVITE: &str = "EXISTS (SELECT 1 FROM users u WHERE u.email = invitations.invited_by \
     AND (',' || u.roles || ',' LIKE '%,program_admin,%' \
          OR (u.organization_id = invitations.organization_id \
              AND ',' || u.roles || ',' LIKE '%,account_admin,%')))";

/// The open invitation a token belongs to (not accepted, revoked or expired, and its inviter
/// may still invite).
pub async fn find_open(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<InvitationRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM invitations WHERE token_hash = $1 AND accepted_at IS NULL \
         AND revoked_at IS NULL AND expires_at > $2 AND {INVITER_MAY_INVITE}"
    );
    db_run!(db, pool => sqlx::query_as::<_, InvitationRow>(sqlx::AssertSqlSafe(sql))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(pool)
        .await)
}

pub async fn find(db: &Db, id: InvitationId) -> Result<Option<InvitationRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM invitations WHERE id = $1");
    db_run!(db, pool => sqlx::query_as::<_, InvitationRow>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// Uses an invitation: marks it accepted, if it still is open (its inviter may still invite),
/// and creates its user with
/// the chosen password, in one transaction. None when it was used, revoked or expired
/// meanwhile; a taken email rolls everything back (the invitation stays open).
pub async fn accept(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
    password_hash: &str,
    audit: &Entry,
) -> Result<Option<UserId>, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        let sql = format!(
            "UPDATE invitations SET accepted_at = $2 WHERE token_hash = $1 AND accepted_at IS NULL \
             AND revoked_at IS NULL AND expires_at > $2 AND {INVITER_MAY_INVITE} \
             RETURNING email, roles, organization_id"
        );
        let taken: Option<(String, String, Option<OrgId>)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((email, roles, organization_id)) = taken else {
            return Ok(None);
        };
        let (id,): (UserId,) = sqlx::query_as(
            "INSERT INTO users (email, password_hash, roles, organization_id, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(&email)
        .bind(password_hash)
        .bind(&roles)
        .bind(organization_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let audit = Entry { actor_user_id: Some(id), actor_email: Some(email), organization_id, ..audit.clone() };
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(Some(id))
    })
}

/// Revokes an open invitation; false when it was no longer open.
pub async fn revoke(
    db: &Db,
    id: InvitationId,
    now: DateTime<Utc>,
    audit: &Entry,
) -> Result<bool, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        let done = sqlx::query(
            "UPDATE invitations SET revoked_at = $2 WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if done == 1 {
            crate::audit_insert!(&mut *tx, audit)?;
        }
        tx.commit().await?;
        Ok(done == 1)
    })
}

/// Writes a password reset and its mail in one transaction.
pub async fn request_reset(
    db: &Db,
    user_id: UserId,
    token_hash: &str,
    expires_at: DateTime<Utc>,
    mail: &DirectMail<'_>,
) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        queue_mail!(&mut *tx, mail, now)?;
        tx.commit().await?;
        Ok(())
    })
}

/// The email of the account an open reset link belongs to.
pub async fn find_reset(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    db_run!(db, pool => sqlx::query_as::<_, (String,)>(
        "SELECT u.email FROM password_resets r JOIN users u ON u.id = r.user_id \
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2")
        .bind(token_hash)
        .bind(now)
        .fetch_optional(pool)
        .await
        .map(|r| r.map(|(e,)| e)))
}

/// Uses a reset link: if it is still open, sets the password, ends every session and API
/// token of the account and closes its other reset links, in one transaction. Returns the
/// account's id, or None when the link was used or expired meanwhile.
pub async fn use_reset(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
    password_hash: &str,
    audit: &Entry,
) -> Result<Option<UserId>, sqlx::Error> {
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        let used: Option<(UserId,)> = sqlx::query_as(
            "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL \
             AND expires_at > $2 RETURNING user_id",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((user_id,)) = used else {
            return Ok(None);
        };
        let (email, organization_id): (String, Option<OrgId>) = sqlx::query_as(
            "UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING email, organization_id",
        )
        .bind(user_id)
        .bind(password_hash)
        .fetch_one(&mut *tx)
        .await?;
        for sql in [
            "DELETE FROM sessions WHERE user_id = $1",
            "DELETE FROM api_tokens WHERE user_id = $1",
        ] {
            sqlx::query(sql).bind(user_id).execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL")
            .bind(user_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let audit = Entry { actor_user_id: Some(user_id), actor_email: Some(email), organization_id, ..audit.clone() };
        crate::audit_insert!(&mut *tx, audit)?;
        tx.commit().await?;
        Ok(Some(user_id))
    })
}

/// Gives the open invitation or reset that a mail's link leads to (`link_hash`) the hash of a
/// new token, and the mail that hash, in one transaction; returns the token for the mail.
/// None when the link was used, revoked or expired meanwhile (nothing is left to send). The
/// token lives only in the sender's memory and in the mail: a mail sent again gets a new one,
/// and the link of an earlier try stops working.
pub async fn renew_link(
    db: &Db,
    mail_id: MailId,
    kind: &str,
    link_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    let renew = match kind {
        "invitation" => {
            "UPDATE invitations SET token_hash = $2 WHERE token_hash = $1 AND accepted_at IS NULL \
             AND revoked_at IS NULL AND expires_at > $3"
        }
        "password_reset" => {
            "UPDATE password_resets SET token_hash = $2 WHERE token_hash = $1 AND used_at IS NULL \
             AND expires_at > $3"
        }
        _ => return Ok(None),
    };
    let token = crate::secret::random_token();
    let hash = crate::secret::hash_token(&token);
    db_run!(db, pool => {
        let mut tx = pool.begin().await?;
        let renewed = sqlx::query(renew)
            .bind(link_hash)
            .bind(&hash)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if renewed != 1 {
            return Ok(None);
        }
        sqlx::query("UPDATE outbox SET link_hash = $2 WHERE id = $1")
            .bind(mail_id)
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Some(token))
    })
}
