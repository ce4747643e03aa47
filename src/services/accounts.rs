//! Use cases around people: signing in, sessions, API tokens, creating users and changing
//! their roles or passwords. Handlers (pages, API, command line) all come through here.

use crate::auth::{CurrentUser, SESSION_HOURS};
use crate::db::{self, audit::Entry, sessions, users};
use crate::domain::field::FieldError;
use crate::domain::ids::AttemptId;
use crate::domain::ids::TokenId;
use crate::domain::ids::{OrgId, UserId};
use crate::domain::org::{Email, validate_password};
use crate::domain::roles::{Role, RoleSet, RoleSetError};
use crate::error::{AppError, AppResult};
use crate::secret;
use crate::state::AppState;
use chrono::{Duration, Utc};

/// Failed sign-ins counted in this window.
pub const THROTTLE_WINDOW_MINUTES: i64 = 15;
/// Failures per account in the window before further attempts are refused.
pub const THROTTLE_PER_ACCOUNT: i64 = 5;
/// Failures per client address in the window before further attempts are refused.
pub const THROTTLE_PER_ADDRESS: i64 = 20;

/// A pending attempt older than this counts as a failure: its request ended unanswered.
const STALE_AFTER: Duration = Duration::seconds(30);
/// How long an attempt waits for the attempts before it to be checked, and how often it looks.
const WAIT_AT_MOST: std::time::Duration = std::time::Duration::from_secs(20);
const LOOK_EVERY: std::time::Duration = std::time::Duration::from_millis(50);

/// What an attempt does next, from where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Turn {
    /// Enough failures in the window: refused without checking the password.
    Refuse,
    /// Enough attempts before this one are still being checked that, were they all wrong,
    /// this one would be refused: wait for them (a storm of correct sign-ins only waits).
    Wait,
    Check,
}

fn turn(s: &sessions::Standing) -> Turn {
    if s.account_failed >= THROTTLE_PER_ACCOUNT || s.address_failed >= THROTTLE_PER_ADDRESS {
        Turn::Refuse
    } else if s.account_ahead >= THROTTLE_PER_ACCOUNT || s.address_ahead >= THROTTLE_PER_ADDRESS {
        Turn::Wait
    } else {
        Turn::Check
    }
}

/// Checks an email and password. Throttled per account and per address, and safe under
/// concurrency (SPEC 8): the attempt is written before its password is checked, so attempts
/// running at once see each other; a wrong password leaves it as a failure (and an audit
/// entry), a right one takes it back. An unknown email costs one argon2 verification too.
#[tracing::instrument(name = "accounts::authenticate", level = "debug", skip_all)]
pub async fn authenticate(
    state: &AppState,
    email: &str,
    password: &str,
    address: &str,
) -> AppResult<users::UserRow> {
    let email = email.trim().to_lowercase();
    let attempt = sessions::begin_attempt(&state.db, &email, address).await?;
    let checked = async {
        wait_for_turn(state, attempt, &email, address).await?;
        let user = users::find_by_email(&state.db, &email).await?;
        let ok = state
            .hasher
            .verify(
                password.to_string(),
                user.as_ref().map(|u| u.password_hash.clone()),
            )
            .await?;
        AppResult::Ok((user, ok))
    }
    .await;
    match checked {
        Ok((Some(user), true)) => {
            sessions::forget_attempt(&state.db, attempt).await?;
            Ok(user)
        }
        Ok((user, _)) => {
            sessions::settle_failure(&state.db, attempt).await?;
            db::audit::append(
                &state.db,
                &Entry {
                    actor_user_id: None,
                    actor_email: Some(email.clone()),
                    organization_id: user.and_then(|u| u.organization_id),
                    kind: "sign_in_failed",
                    detail: format!("sign-in failed for {email} from {address}"),
                    solution_id: None,
                    event: None,
                    notice: None,
                },
            )
            .await?;
            crate::telemetry::metrics::signin_failed("credentials");
            Err(AppError::bad_credentials())
        }
        // Refused before its password was checked, or a failure of ours: not a failure of
        // the person's, so it does not count.
        Err(e) => {
            if matches!(e, AppError::TooManyAttempts) {
                crate::telemetry::metrics::signin_failed("throttled");
            }
            sessions::forget_attempt(&state.db, attempt).await?;
            Err(e)
        }
    }
}

/// Counts an attempt that is not a password check (a reset asked for) against the same
/// limits as sign-ins: it waits or is refused as a sign-in would be, then stays counted as a
/// failure for the window.
pub async fn throttle_attempt(state: &AppState, email: &str, address: &str) -> AppResult<()> {
    let attempt = sessions::begin_attempt(&state.db, email, address).await?;
    match wait_for_turn(state, attempt, email, address).await {
        Ok(()) => {
            sessions::settle_failure(&state.db, attempt).await?;
            Ok(())
        }
        Err(e) => {
            sessions::forget_attempt(&state.db, attempt).await?;
            Err(e)
        }
    }
}

async fn wait_for_turn(
    state: &AppState,
    attempt: AttemptId,
    email: &str,
    address: &str,
) -> AppResult<()> {
    let started = std::time::Instant::now();
    loop {
        let now = Utc::now();
        let standing = sessions::attempt_standing(
            &state.db,
            attempt,
            email,
            address,
            now - Duration::minutes(THROTTLE_WINDOW_MINUTES),
            now - STALE_AFTER,
        )
        .await?;
        match turn(&standing) {
            Turn::Check => return Ok(()),
            Turn::Wait if started.elapsed() < WAIT_AT_MOST => tokio::time::sleep(LOOK_EVERY).await,
            Turn::Refuse | Turn::Wait => return Err(AppError::too_many_attempts()),
        }
    }
}

pub struct NewSession {
    pub token: String,
    pub csrf: String,
}

pub async fn start_session(state: &AppState, user_id: UserId) -> AppResult<NewSession> {
    // Sign-ins are rare enough to carry the housekeeping: expired sessions and failures
    // older than the throttling window go.
    let now = Utc::now();
    sessions::delete_expired(
        &state.db,
        now,
        now - Duration::minutes(THROTTLE_WINDOW_MINUTES),
    )
    .await?;
    let token = secret::random_token();
    let csrf = secret::random_token();
    let expires = Utc::now() + Duration::hours(SESSION_HOURS);
    sessions::create(
        &state.db,
        &secret::hash_token(&token),
        user_id,
        &csrf,
        expires,
    )
    .await?;
    Ok(NewSession { token, csrf })
}

pub async fn end_session(state: &AppState, user: &CurrentUser) -> AppResult<()> {
    if let Some(hash) = &user.session_hash {
        sessions::delete(&state.db, hash).await?;
    }
    Ok(())
}

/// Creates an API token for `user_id`; only its hash is stored. Returns (id, token).
pub async fn create_token(state: &AppState, user_id: UserId) -> AppResult<(TokenId, String)> {
    let token = format!("cst_{}", secret::random_token());
    let id = sessions::insert_token(&state.db, user_id, &secret::hash_token(&token)).await?;
    Ok((id, token))
}

/// Revokes one of the caller's own tokens; another user's token id is "not found".
pub async fn revoke_token(state: &AppState, user: &CurrentUser, id: TokenId) -> AppResult<()> {
    if sessions::delete_token(&state.db, id, user.id).await? {
        Ok(())
    } else {
        Err(AppError::not_found())
    }
}

fn role_error(e: RoleSetError) -> FieldError {
    match e {
        RoleSetError::Empty => FieldError::new("roles", "err-roles-empty"),
        RoleSetError::Unknown(code) => {
            FieldError::new("roles", "err-unknown-code").arg("code", code)
        }
        RoleSetError::MixedSides => FieldError::new("roles", "err-roles-mixed"),
    }
}

/// Roles for a user of an organization (partner side) or of the program (no organization).
pub fn parse_roles<S: AsRef<str>>(codes: &[S], partner: bool) -> Result<RoleSet, FieldError> {
    let set = RoleSet::parse(codes).map_err(role_error)?;
    if set.is_partner_side() != partner {
        let key = if partner {
            "err-roles-partner-only"
        } else {
            "err-roles-program-only"
        };
        return Err(FieldError::new("roles", key));
    }
    Ok(set)
}

pub struct NewUserInput<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub roles: &'a [String],
    pub organization_id: Option<OrgId>,
}

/// Validates and creates a user; `actor` None is the command line. Does not check who may.
pub async fn create_user_unchecked(
    state: &AppState,
    input: &NewUserInput<'_>,
    actor: Option<&CurrentUser>,
) -> AppResult<UserId> {
    let email = Email::parse("email", input.email)?;
    validate_password("password", input.password)?;
    let roles = parse_roles(input.roles, input.organization_id.is_some())?;
    if let Some(org) = input.organization_id {
        db::orgs::find(&state.db, org)
            .await?
            .ok_or_else(AppError::not_found)?;
    }
    let hash = state.hasher.hash(input.password.to_string()).await?;
    let detail = format!(
        "user {} created with roles {}",
        email.as_str(),
        roles.to_stored()
    );
    let audit = match actor {
        Some(a) => a.audit(input.organization_id, "user_created", detail),
        None => Entry::system(
            input.organization_id,
            "user_created",
            format!("{detail} (command line)"),
        ),
    };
    let new = users::NewUser {
        email: email.as_str(),
        password_hash: &hash,
        roles: &roles,
        organization_id: input.organization_id,
    };
    // A taken email is 409 with the field named (`on_unique`).
    Ok(users::insert(&state.db, &new, &audit).await?)
}

/// Account admins add users to their own organization; program admins to any organization
/// and to the program side (organization None).
pub async fn create_user(
    state: &AppState,
    actor: &CurrentUser,
    input: &NewUserInput<'_>,
) -> AppResult<UserId> {
    match input.organization_id {
        Some(org) => {
            actor.require(&[Role::AccountAdmin, Role::ProgramAdmin])?;
            actor.scope_org(org)?;
        }
        None => actor.require(&[Role::ProgramAdmin])?,
    }
    create_user_unchecked(state, input, Some(actor)).await
}

/// Loads a user that `actor` may manage: a user of the actor's organization for an account
/// admin, any user for a program admin; anyone else gets 404/403.
pub async fn managed_user(
    state: &AppState,
    actor: &CurrentUser,
    user_id: UserId,
) -> AppResult<users::UserRow> {
    actor.require(&[Role::AccountAdmin, Role::ProgramAdmin])?;
    let user = users::find(&state.db, user_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if actor.has(Role::ProgramAdmin) {
        return Ok(user);
    }
    match user.organization_id {
        Some(org) if actor.organization_id == Some(org) => Ok(user),
        _ => Err(AppError::not_found()),
    }
}

pub async fn set_roles(
    state: &AppState,
    actor: &CurrentUser,
    user_id: UserId,
    codes: &[String],
) -> AppResult<()> {
    let user = managed_user(state, actor, user_id).await?;
    let roles = parse_roles(codes, user.organization_id.is_some())?;
    if user.id == actor.id
        && !roles.contains(Role::AccountAdmin)
        && !roles.contains(Role::ProgramAdmin)
    {
        return Err(FieldError::new("roles", "err-roles-lockout").into());
    }
    let before = user.roles.clone();
    if before == roles {
        return Ok(());
    }
    let detail = format!(
        "roles of {}: {} -> {}",
        user.email,
        before.to_stored(),
        roles.to_stored()
    );
    users::set_roles(
        &state.db,
        user.id,
        &roles,
        &actor.audit(user.organization_id, "role_change", detail),
    )
    .await?;
    Ok(())
}

pub async fn remove_user(state: &AppState, actor: &CurrentUser, user_id: UserId) -> AppResult<()> {
    let user = managed_user(state, actor, user_id).await?;
    if user.id == actor.id {
        return Err(AppError::conflict(
            "cannot_remove_self",
            "You cannot remove your own account.",
        ));
    }
    let detail = format!(
        "user {} removed (roles {})",
        user.email,
        user.roles.to_stored()
    );
    users::delete(
        &state.db,
        user.id,
        &actor.audit(user.organization_id, "user_removed", detail),
    )
    .await?;
    Ok(())
}

/// Changes the caller's password after checking the current one; every other session of
/// the user and every API token ends.
pub async fn change_password(
    state: &AppState,
    actor: &CurrentUser,
    current: &str,
    new: &str,
) -> AppResult<()> {
    let user = users::find(&state.db, actor.id)
        .await?
        .ok_or_else(AppError::unauthorized)?;
    let ok = state
        .hasher
        .verify(current.to_string(), Some(user.password_hash))
        .await?;
    if !ok {
        return Err(FieldError::new("current_password", "err-current-password").into());
    }
    validate_password("new_password", new)?;
    let hash = state.hasher.hash(new.to_string()).await?;
    let audit = actor.audit(
        actor.organization_id,
        "password_changed",
        format!("password of {} changed", actor.email),
    );
    users::set_password(
        &state.db,
        actor.id,
        &hash,
        actor.session_hash.as_deref(),
        &audit,
    )
    .await?;
    Ok(())
}

pub use crate::db::users::UserRow;

/// The users of an organization (its account admins and program admins), or the program-side
/// users (`None`, program admins only).
/// The emails of the reader's colleagues who hold one of `roles`, so a page that refuses can
/// say who can do it (SPEC 11). Only the reader's own organization; program staff get none.
pub async fn colleagues_with(
    state: &AppState,
    actor: &CurrentUser,
    roles: &[Role],
) -> AppResult<Vec<String>> {
    let Some(org) = actor.organization_id else {
        return Ok(Vec::new());
    };
    Ok(users::list(&state.db, Some(org), super::Window::ALL)
        .await?
        .into_iter()
        .filter(|u| {
            let held = u.roles.clone();
            roles.iter().any(|r| held.contains(*r))
        })
        .map(|u| u.email)
        .collect())
}

/// The users of an organization, or the program-side users (`None`).
pub async fn list_users(
    state: &AppState,
    actor: &CurrentUser,
    organization_id: Option<OrgId>,
    window: super::Window,
) -> AppResult<Vec<UserRow>> {
    may_list_users(actor, organization_id)?;
    if let Some(org) = organization_id {
        db::orgs::find(&state.db, org)
            .await?
            .ok_or_else(AppError::not_found)?;
    }
    Ok(users::list(&state.db, organization_id, window).await?)
}

/// How many users [`list_users`] has in all.
pub async fn count_users(
    state: &AppState,
    actor: &CurrentUser,
    organization_id: Option<OrgId>,
) -> AppResult<i64> {
    may_list_users(actor, organization_id)?;
    Ok(users::count_in(&state.db, organization_id).await?)
}

fn may_list_users(actor: &CurrentUser, organization_id: Option<OrgId>) -> AppResult<()> {
    match organization_id {
        Some(org) => {
            actor.scope_org(org)?;
            actor.require(&[Role::AccountAdmin, Role::ProgramAdmin])
        }
        None => actor.require(&[Role::ProgramAdmin]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attempt_checks_waits_or_is_refused() {
        let at = |account_failed, account_ahead, address_failed, address_ahead| {
            turn(&sessions::Standing {
                account_failed,
                account_ahead,
                address_failed,
                address_ahead,
            })
        };
        let (a, d) = (THROTTLE_PER_ACCOUNT, THROTTLE_PER_ADDRESS);
        for (standing, expected) in [
            ((0, 0, 0, 0), Turn::Check),
            ((a - 1, a - 1, d - 1, d - 1), Turn::Check),
            ((a, a, 0, 0), Turn::Refuse),
            ((0, 0, d, d), Turn::Refuse),
            // Attempts still being checked before this one: wait, they may all be right.
            ((0, a, 0, 0), Turn::Wait),
            ((a - 1, a + 3, 0, 0), Turn::Wait),
            ((0, 0, 0, d), Turn::Wait),
            // The 20th of 20 correct sign-ins from one address has 19 ahead of it.
            ((0, 0, 0, d - 1), Turn::Check),
        ] {
            let (af, aa, df, da) = standing;
            assert_eq!(at(af, aa, df, da), expected, "{standing:?}");
        }
    }
}
