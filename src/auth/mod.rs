//! Who is asking: the session cookie (pages) or the bearer token (API), resolved in one
//! query, and the one check every handler uses: [`CurrentUser::require`].

pub mod password;

use crate::db::facts::RawFacts;
use crate::db::sessions;
use crate::domain::ids::{OrgId, SolutionId, UserId};
use crate::domain::roles::{Role, RoleSet};
use crate::error::{AppError, AppResult};
use crate::secret;
use crate::state::AppState;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use chrono::Utc;
use std::future::Future;
use std::pin::Pin;

pub const SESSION_COOKIE: &str = "__Host-cosell_session";
/// Double-submit cookie that protects the sign-in form, before any session exists.
pub const LOGIN_CSRF_COOKIE: &str = "__Host-cosell_csrf";
pub const SESSION_HOURS: i64 = 12;

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: UserId,
    pub email: String,
    pub roles: RoleSet,
    pub organization_id: Option<OrgId>,
    /// The session's CSRF token; None for API tokens, which are not sent by browsers.
    pub csrf: Option<String>,
    pub session_hash: Option<String>,
    /// Notifications not yet read (the bell), as of the request's start.
    pub unread: i64,
    /// The language of the user's mails and notifications (`en`, `nl`).
    pub language: String,
}

impl CurrentUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(role)
    }

    /// Passes when the user holds any of `allowed`; 403 otherwise.
    pub fn require(&self, allowed: &'static [Role]) -> AppResult<()> {
        if allowed.iter().any(|r| self.has(*r)) {
            Ok(())
        } else {
            Err(AppError::Forbidden { needs: allowed })
        }
    }

    pub fn is_program_side(&self) -> bool {
        !self.roles.is_partner_side()
    }

    /// Partner users reach only their own organization: any other id is "not found" (404),
    /// so ids do not leak. Program-side users reach every organization.
    pub fn scope_org(&self, organization_id: OrgId) -> AppResult<()> {
        if self.is_program_side() || self.organization_id == Some(organization_id) {
            Ok(())
        } else {
            Err(AppError::not_found())
        }
    }

    /// Checks a form's CSRF token against the session's.
    pub fn check_csrf(&self, submitted: &str) -> AppResult<()> {
        match &self.csrf {
            Some(expected) if secret::constant_time_eq(expected, submitted) => Ok(()),
            Some(_) => Err(AppError::csrf()),
            None => Ok(()),
        }
    }

    pub fn audit(
        &self,
        organization_id: Option<OrgId>,
        kind: &'static str,
        detail: impl Into<String>,
    ) -> crate::db::audit::Entry {
        crate::db::audit::Entry {
            actor_user_id: Some(self.id),
            actor_email: Some(self.email.clone()),
            organization_id,
            kind,
            detail: detail.into(),
            solution_id: None,
            event: None,
            notice: None,
        }
    }

    fn from_principal(p: sessions::Principal, session_hash: Option<String>) -> CurrentUser {
        CurrentUser {
            id: p.user_id,
            email: p.email,
            roles: p.roles.clone(),
            organization_id: p.organization_id,
            csrf: p.csrf_token,
            session_hash,
            unread: p.unread,
            language: p.language,
        }
    }
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get("authorization")?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

/// Where a request keeps its user once looked up (see [`resolve`]).
type Cell = std::rc::Rc<tokio::sync::OnceCell<Option<CurrentUser>>>;

/// The id of the request's user if something already looked them up (for the request's log
/// line, which runs no query of its own).
pub fn known_user_id(req: &HttpRequest) -> Option<UserId> {
    let ext = req.extensions();
    let user = ext.get::<Cell>()?.get()?.as_ref()?;
    Some(user.id)
}

/// The request's user, resolved once: handlers' extractors run concurrently, so they share
/// one lookup (a cell in the request's extensions) instead of each running the query.
async fn resolve(req: HttpRequest) -> AppResult<Option<CurrentUser>> {
    let cell: Cell = {
        let mut ext = req.extensions_mut();
        match ext.get::<Cell>() {
            Some(cell) => cell.clone(),
            None => {
                let cell = Cell::default();
                ext.insert(cell.clone());
                cell
            }
        }
    };
    cell.get_or_try_init(|| lookup(&req)).await.cloned()
}

/// The credential a request carries. The API takes only bearer tokens and pages only the
/// session cookie, so a page's cookie can never be used to call the API from another site
/// (no CSRF on the API).
fn credential(req: &HttpRequest) -> Option<sessions::Credential> {
    if req.path().starts_with("/api/") {
        bearer(req).map(|token| sessions::Credential::Token {
            hash: secret::hash_token(&token),
        })
    } else {
        req.cookie(SESSION_COOKIE)
            .map(|cookie| sessions::Credential::Session {
                hash: secret::hash_token(cookie.value()),
                now: Utc::now(),
            })
    }
}

async fn lookup(req: &HttpRequest) -> AppResult<Option<CurrentUser>> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(AppError::internal)?
        .clone();
    let Some(credential) = credential(req) else {
        return Ok(None);
    };
    let session_hash = match &credential {
        sessions::Credential::Session { hash, .. } => Some(hash.clone()),
        sessions::Credential::Token { .. } => None,
    };
    let wanted = req.extensions().get::<WantsSolution>().map(|w| w.0);
    let principal = match wanted {
        Some(id) => match crate::db::facts::load_with_reader(&state.db, &credential, id).await? {
            Some((principal, facts)) => {
                req.extensions_mut().insert(Prefetched { id, facts });
                Some(principal)
            }
            None => None,
        },
        None => sessions::principal(&state.db, &credential).await?,
    };
    Ok(principal.map(|p| CurrentUser::from_principal(p, session_hash)))
}

/// Solution `id` is what the request is about (see [`want_solution`]).
struct WantsSolution(SolutionId);

/// Solution `id` as the user's statement read it (None: there is no such solution).
struct Prefetched {
    id: SolutionId,
    facts: Option<RawFacts>,
}

/// Says, before the user is looked up, that the request is about solution `id`: the user is
/// then read in the same statement as the solution, so a page about one solution costs one
/// round trip to the database, not two. The route table says which routes want it
/// (`routes::Route::reads_solution`); their handlers take it with the `Solution` extractor.
pub fn want_solution(req: &HttpRequest, id: SolutionId) {
    req.extensions_mut().insert(WantsSolution(id));
}

/// The solution the user's statement brought along for [`want_solution`], once; None when
/// it was not read that way (the user was looked up before, or without a credential).
pub fn take_prefetched(req: &HttpRequest, id: SolutionId) -> Option<Option<RawFacts>> {
    let mut ext = req.extensions_mut();
    match ext.get::<Prefetched>() {
        Some(p) if p.id == id => ext.remove::<Prefetched>().map(|p| p.facts),
        _ => None,
    }
}

/// True when the solution read with the user was never taken (for the route table's check
/// in test builds).
#[cfg(feature = "count-queries")]
pub fn prefetched_unused(req: &HttpRequest) -> bool {
    req.extensions().get::<Prefetched>().is_some()
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { resolve(req).await?.ok_or_else(AppError::unauthorized) })
    }
}

/// The user when signed in, None otherwise (a database failure is still an error).
pub struct MaybeUser(pub Option<CurrentUser>);

impl FromRequest for MaybeUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { Ok(MaybeUser(resolve(req).await?)) })
    }
}

/// A cookie with the `__Host-` rules: Path=/, no Domain, HttpOnly, SameSite=Lax, Secure.
/// Secure stays on for plain HTTP on loopback too: browsers refuse a `__Host-` cookie
/// without it, and they treat loopback as a secure context, so it works there
/// (see docs/DECISIONS.md).
pub fn host_cookie(name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(true)
        .finish()
}

pub fn removal_cookie(name: &'static str) -> Cookie<'static> {
    let mut c = host_cookie(name, String::new());
    c.make_removal();
    c
}
