//! Invitations and password resets (SPEC 12): a person is invited by email and roles and
//! chooses their own password through a single-use link valid 7 days; a forgotten password
//! comes back through a single-use link valid 1 hour, asked for without ever learning whether
//! the address has an account.

use super::accounts::{parse_roles, throttle_attempt};
use crate::auth::CurrentUser;
use crate::db::invitations::{DirectMail, InvitationRow, LinkMail, NewInvitation};
use crate::db::{self, audit::Entry};
use crate::domain::field::FieldError;
use crate::domain::ids::InvitationId;
use crate::domain::ids::{OrgId, UserId};
use crate::domain::org::{Email, validate_password};
use crate::domain::roles::{Role, RoleSet};
use crate::error::{AppError, AppResult, Problem};
use crate::i18n::{Lang, Tr};
use crate::secret;
use crate::state::AppState;
use chrono::{Duration, Utc};

pub const INVITATION_DAYS: i64 = 7;
pub const RESET_MINUTES: i64 = 60;

/// Who may invite to `organization` (None: the program): its account admins and program
/// admins; to the program, program admins.
fn may_invite(actor: &CurrentUser, organization: Option<OrgId>) -> AppResult<()> {
    match organization {
        Some(org) => {
            actor.require(&[Role::AccountAdmin, Role::ProgramAdmin])?;
            actor.scope_org(org)
        }
        None => actor.require(&[Role::ProgramAdmin]),
    }
}

/// Invites `email` with `roles` to an organization (None: the program). The mail is in
/// `lang`, the inviter's language, and goes out with the invitation's row.
pub async fn invite(
    state: &AppState,
    actor: &CurrentUser,
    organization: Option<OrgId>,
    email: &str,
    roles: &[String],
    lang: Lang,
) -> AppResult<()> {
    may_invite(actor, organization)?;
    let email = Email::parse("email", email)?;
    let roles: RoleSet = parse_roles(roles, organization.is_some())?;
    let tr = Tr::new(lang);
    let place = match organization {
        Some(org) => {
            db::orgs::find(&state.db, org)
                .await?
                .ok_or_else(AppError::not_found)?
                .name
        }
        None => tr.t("invitation-program").into_owned(),
    };
    // An account admin learns only of accounts in the organization they invite to: an address
    // with an account elsewhere is answered as any other (its invitation cannot be accepted).
    // Program admins see every account anyway.
    if let Some(existing) = db::users::find_by_email(&state.db, email.as_str()).await?
        && (actor.has(Role::ProgramAdmin) || existing.organization_id == organization)
    {
        return Err(AppError::Conflict(Problem::of_field(
            "email_taken",
            &FieldError::new("email", "err-email-taken"),
        )));
    }
    let token = secret::random_token();
    let expires_at = Utc::now() + Duration::days(INVITATION_DAYS);
    let role_words = roles
        .codes()
        .iter()
        .map(|c| tr.label("role", c))
        .collect::<Vec<_>>()
        .join(", ");
    let mail = DirectMail {
        recipient: email.as_str(),
        language: lang.code(),
        says: LinkMail::Invitation {
            inviter: actor.email.clone(),
            organization: place,
            roles: role_words,
            until: tr.date(&expires_at.date_naive()),
        },
        link_hash: &secret::hash_token(&token),
    };
    let audit = actor.audit(
        organization,
        "invitation_sent",
        format!(
            "invitation to {} with roles {}",
            email.as_str(),
            roles.to_stored()
        ),
    );
    db::invitations::invite(
        &state.db,
        &NewInvitation {
            token_hash: &secret::hash_token(&token),
            email: email.as_str(),
            roles: &roles,
            organization_id: organization,
            invited_by: &actor.email,
            expires_at,
        },
        &mail,
        &audit,
    )
    .await?;
    Ok(())
}

/// An invitation as the pages show it: its roles decoded once.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: InvitationId,
    pub email: String,
    pub roles: RoleSet,
    pub organization_id: Option<OrgId>,
    pub invited_by: String,
    pub expires_at: chrono::DateTime<Utc>,
}

impl From<InvitationRow> for Invitation {
    fn from(row: InvitationRow) -> Invitation {
        Invitation {
            id: row.id,
            email: row.email,
            roles: row.roles.clone(),
            organization_id: row.organization_id,
            invited_by: row.invited_by,
            expires_at: row.expires_at,
        }
    }
}

/// The open invitations of an organization (None: the program).
pub async fn pending(
    state: &AppState,
    actor: &CurrentUser,
    organization: Option<OrgId>,
) -> AppResult<Vec<Invitation>> {
    may_invite(actor, organization)?;
    let rows = db::invitations::pending(&state.db, organization, Utc::now()).await?;
    Ok(rows.into_iter().map(Invitation::from).collect())
}

/// Revokes an open invitation of a place the actor may invite to.
pub async fn revoke(
    state: &AppState,
    actor: &CurrentUser,
    id: InvitationId,
) -> AppResult<Option<OrgId>> {
    let invitation = db::invitations::find(&state.db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    // Another organization's invitation is "not found", like its other things.
    may_invite(actor, invitation.organization_id).map_err(|e| match e {
        AppError::Forbidden { .. } if invitation.organization_id.is_some() => AppError::not_found(),
        other => other,
    })?;
    let audit = actor.audit(
        invitation.organization_id,
        "invitation_revoked",
        format!("invitation to {} revoked", invitation.email),
    );
    if !db::invitations::revoke(&state.db, id, Utc::now(), &audit).await? {
        return Err(AppError::conflict(
            "invitation_closed",
            "This invitation was accepted or revoked already.",
        ));
    }
    Ok(invitation.organization_id)
}

/// The invitation behind a link, while it is open; 404 otherwise (used, revoked, expired or
/// never there: the page says the same for each).
pub async fn open(state: &AppState, token: &str) -> AppResult<Invitation> {
    db::invitations::find_open(&state.db, &secret::hash_token(token), Utc::now())
        .await?
        .map(Invitation::from)
        .ok_or_else(AppError::not_found)
}

/// Accepts an invitation with the password the person chose; returns the new user's id.
pub async fn accept(state: &AppState, token: &str, password: &str) -> AppResult<UserId> {
    let invitation = open(state, token).await?;
    validate_password("password", password)?;
    let hash = state.hasher.hash(password.to_string()).await?;
    let audit = Entry::system(
        invitation.organization_id,
        "invitation_accepted",
        format!(
            "{} accepted the invitation of {} with roles {}",
            invitation.email,
            invitation.invited_by,
            invitation.roles.to_stored()
        ),
    );
    db::invitations::accept(
        &state.db,
        &secret::hash_token(token),
        Utc::now(),
        &hash,
        &audit,
    )
    .await?
    .ok_or_else(AppError::not_found)
}

/// "Forgot password": throttled like a sign-in (per address and per account, and counted
/// as an attempt), then answered at once whatever the address. Looking the account up and
/// writing its link and mail happen after the answer, so neither the answer nor its timing
/// tells whether the address has an account.
pub async fn request_reset(state: &AppState, email: &str, address: &str) -> AppResult<()> {
    let email = email.trim().to_lowercase();
    throttle_attempt(state, &email, address).await?;
    let state = state.clone();
    // On the runtime's own threads, so it runs whoever calls (a page, a test, a future API).
    tokio::spawn(async move {
        if let Err(e) = write_reset(&state, &email).await {
            tracing::warn!(error = %e, "password reset not written");
        }
    });
    Ok(())
}

async fn write_reset(state: &AppState, email: &str) -> AppResult<()> {
    let Some(user) = db::users::find_by_email(&state.db, email).await? else {
        return Ok(());
    };
    let token = secret::random_token();
    let mail = DirectMail {
        recipient: &user.email,
        language: &user.language,
        says: LinkMail::PasswordReset {
            email: user.email.clone(),
        },
        link_hash: &secret::hash_token(&token),
    };
    db::invitations::request_reset(
        &state.db,
        user.id,
        &secret::hash_token(&token),
        Utc::now() + Duration::minutes(RESET_MINUTES),
        &mail,
    )
    .await?;
    Ok(())
}

/// The account a reset link is for, while the link is open; 404 otherwise.
pub async fn open_reset(state: &AppState, token: &str) -> AppResult<String> {
    db::invitations::find_reset(&state.db, &secret::hash_token(token), Utc::now())
        .await?
        .ok_or_else(AppError::not_found)
}

/// Sets the new password through a reset link; every session and API token of the account
/// ends with it.
pub async fn reset_password(state: &AppState, token: &str, password: &str) -> AppResult<()> {
    open_reset(state, token).await?;
    validate_password("password", password)?;
    let hash = state.hasher.hash(password.to_string()).await?;
    let audit = Entry::system(
        None,
        "password_reset",
        "password reset through a mailed link; every session and API token ended",
    );
    db::invitations::use_reset(
        &state.db,
        &secret::hash_token(token),
        Utc::now(),
        &hash,
        &audit,
    )
    .await?
    .ok_or_else(AppError::not_found)?;
    Ok(())
}
