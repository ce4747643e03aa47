//! One error type for every handler, as an enum matched by variant: each variant has its HTTP
//! status and stable code, and carries what a person needs to act (the fields at fault, the
//! requirements unmet, the cause of a failure of ours for the log). Under `/api/v1` it is
//! rendered as `{"error": {"code", "message"}}`; pages get a templated error page from the
//! `web::errors` middleware, or show the error on the form when [`AppError::is_form_error`].

use crate::domain::contacts_csv::CsvError;
use crate::domain::field::{FieldError, FieldErrors};
use crate::domain::roles::Role;
use crate::domain::status::RequirementId;
use crate::i18n::Tr;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// What a refusal says beyond its variant: a stable code, an English message (the API's
/// language), the translation key pages use instead, and the field or fields at fault.
#[derive(Debug, Clone)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
    pub key: Option<&'static str>,
    pub field: Option<Cow<'static, str>>,
    /// Validation failures to show next to their fields (a CSV line, a taken MPN ID...).
    pub details: Vec<FieldError>,
}

impl Problem {
    pub fn new(code: &'static str, message: impl Into<String>) -> Problem {
        Problem {
            code,
            message: message.into(),
            key: None,
            field: None,
            details: Vec::new(),
        }
    }

    /// A problem whose words come from the translations (English for the API).
    pub fn keyed(code: &'static str, key: &'static str) -> Problem {
        Problem {
            key: Some(key),
            ..Problem::new(code, Tr::en().t(key))
        }
    }

    /// A problem with one field, its message the field's own (`field: message`).
    pub fn of_field(code: &'static str, e: &FieldError) -> Problem {
        Problem {
            field: Some(e.field.clone()),
            details: vec![e.clone()],
            ..Problem::new(code, format!("{}: {}", e.field, Tr::en().field_error(e)))
        }
    }

    pub fn field(mut self, field: impl Into<Cow<'static, str>>) -> Problem {
        self.field = Some(field.into());
        self
    }

    pub fn detail(mut self, e: FieldError) -> Problem {
        self.details.push(e);
        self
    }
}

#[derive(Debug, Clone)]
pub enum AppError {
    /// 400 `invalid_field`: input that fails validation, each failure by its field.
    Invalid(FieldErrors),
    /// 400: a request that cannot be read (form, JSON, query, multipart, a CSV line).
    BadRequest(Problem),
    /// 401 `unauthorized`: no session or token, or an unknown one.
    Unauthorized,
    /// 401 `bad_credentials`: a wrong email or password.
    BadCredentials,
    /// 403 `forbidden`: the caller lacks every role that is needed.
    Forbidden { needs: &'static [Role] },
    /// 403 `csrf_failed`: a form without the session's token.
    Csrf,
    /// 404 `not_found`: no such thing, or another organization's.
    NotFound,
    /// 405 `method_not_allowed`.
    MethodNotAllowed,
    /// 409 `stale_version`: someone saved first; nothing changed.
    Stale,
    /// 409: the thing is in another state, or taken (its code says which).
    Conflict(Problem),
    /// 409 `waiting_for_review`: the change would take a solution waiting for review out of
    /// the queue, and the person was not asked (pages ask first, SPEC 6; nothing changed).
    WaitingForReview(Withdrawal),
    /// 422 `requirements_unmet`: the automated review found these requirements unmet.
    Refused { unmet: Vec<RequirementId> },
    /// 422: another rule refused the request (publishing without a seller account, a
    /// document that does not pass its checks).
    Rule(Problem),
    /// 413 `too_large`.
    TooLarge(Problem),
    /// 415 `unsupported_media_type`.
    Unsupported(Problem),
    /// 429 `too_many_attempts`.
    TooManyAttempts,
    /// 503: the database or the document storage does not answer.
    Unavailable(Problem),
    /// 500 `internal`: a failure of ours; the cause goes to the log, never to the person.
    Internal(Arc<anyhow::Error>),
}

pub type AppResult<T> = Result<T, AppError>;

/// What would take a solution out of the review queue: an edit of its page or an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withdrawal {
    Edit,
    Upload,
}

impl AppError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::BadRequest(Problem::new(code, message))
    }

    pub fn unauthorized() -> AppError {
        AppError::Unauthorized
    }

    pub fn bad_credentials() -> AppError {
        AppError::BadCredentials
    }

    /// 403 for a missing role, naming none (see [`AppError::Forbidden`] for the roles).
    pub fn forbidden() -> AppError {
        AppError::Forbidden { needs: &[] }
    }

    pub fn not_found() -> AppError {
        AppError::NotFound
    }

    pub fn csrf() -> AppError {
        AppError::Csrf
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::Conflict(Problem::new(code, message))
    }

    /// 409 `wrong_state`: the solution moved (a save, a claim, a decision) between reading it
    /// and writing; nothing was written.
    pub fn moved() -> AppError {
        AppError::Conflict(Problem::keyed("wrong_state", "err-solution-changed"))
    }

    pub fn too_many_attempts() -> AppError {
        AppError::TooManyAttempts
    }

    pub fn too_large(message: impl Into<String>) -> AppError {
        AppError::TooLarge(Problem::new("too_large", message))
    }

    pub fn unsupported_media(message: impl Into<String>) -> AppError {
        AppError::Unsupported(Problem::new("unsupported_media_type", message))
    }

    pub fn unavailable() -> AppError {
        AppError::Unavailable(Problem::keyed("unavailable", "err-unavailable"))
    }

    /// The database is busy with another writer; the request changed nothing.
    pub fn busy() -> AppError {
        AppError::Unavailable(Problem::keyed("busy", "err-busy"))
    }

    /// The document storage does not answer.
    pub fn storage_unavailable() -> AppError {
        AppError::Unavailable(Problem::keyed("storage_unavailable", "err-storage"))
    }

    /// A failure of ours without a cause worth keeping (the caller logged it).
    pub fn internal() -> AppError {
        AppError::Internal(Arc::new(anyhow::anyhow!("internal error")))
    }

    /// A failure of ours, keeping its cause for the log.
    pub fn internal_because(cause: impl Into<anyhow::Error>) -> AppError {
        AppError::Internal(Arc::new(cause.into()))
    }

    /// A validation failure of one field: 400, the message names the field.
    pub fn field(e: &FieldError) -> AppError {
        AppError::Invalid(FieldErrors(vec![e.clone()]))
    }

    pub fn fields(errors: &FieldErrors) -> AppError {
        AppError::Invalid(errors.clone())
    }

    /// 400 `invalid_csv`: lines of an all-or-nothing CSV import are wrong, every one of them
    /// listed so that one upload shows all there is to fix. Each detail keeps its line's own
    /// message (translatable) with where it is (line and column); a line wrong as a whole has
    /// no column, and `whole` names the import then.
    pub fn csv_lines(errors: &[CsvError], whole: &'static str) -> AppError {
        let column = |e: &CsvError| e.field.unwrap_or(whole);
        let details = errors
            .iter()
            .map(|e| {
                FieldError {
                    field: "csv".into(),
                    row: None,
                    ..e.error.clone()
                }
                .arg("line", e.line)
                .arg("column", column(e))
            })
            .collect();
        let told: Vec<String> = errors
            .iter()
            .map(|e| {
                let what = Tr::en().field_error(&e.error);
                format!("line {}, {}: {what}", e.line, column(e))
            })
            .collect();
        AppError::BadRequest(Problem {
            details,
            ..Problem::new(
                "invalid_csv",
                format!("{} Nothing was imported.", told.join(" ")),
            )
            .field(errors.first().map_or(whole, column))
        })
    }

    /// An error raised by the framework (routing, body limits, extractors).
    pub fn framework(status: StatusCode, detail: Option<String>) -> AppError {
        match status {
            StatusCode::NOT_FOUND => AppError::NotFound,
            StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
            StatusCode::PAYLOAD_TOO_LARGE => {
                AppError::TooLarge(Problem::keyed("too_large", "err-body-too-large"))
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::unsupported_media(
                detail.unwrap_or_else(|| "Unsupported content type.".into()),
            ),
            s if s.is_server_error() => {
                AppError::internal_because(anyhow::anyhow!("{s}: {}", detail.unwrap_or_default()))
            }
            _ => AppError::bad_request(
                "bad_request",
                detail.unwrap_or_else(|| "The request could not be read.".into()),
            ),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Invalid(_) | AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized | AppError::BadCredentials => StatusCode::UNAUTHORIZED,
            AppError::Forbidden { .. } | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Stale | AppError::Conflict(_) | AppError::WaitingForReview(_) => {
                StatusCode::CONFLICT
            }
            AppError::Refused { .. } | AppError::Rule(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unsupported(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn problem(&self) -> Option<&Problem> {
        match self {
            AppError::BadRequest(p)
            | AppError::Conflict(p)
            | AppError::Rule(p)
            | AppError::TooLarge(p)
            | AppError::Unsupported(p)
            | AppError::Unavailable(p) => Some(p),
            _ => None,
        }
    }

    /// The stable code of the API's error object.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid_field",
            AppError::Unauthorized => "unauthorized",
            AppError::BadCredentials => "bad_credentials",
            AppError::Forbidden { .. } => "forbidden",
            AppError::Csrf => "csrf_failed",
            AppError::NotFound => "not_found",
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::Stale => "stale_version",
            AppError::Refused { .. } => "requirements_unmet",
            AppError::WaitingForReview(_) => "waiting_for_review",
            AppError::TooManyAttempts => "too_many_attempts",
            AppError::Internal(_) => "internal",
            other => other.problem().map_or("internal", |p| p.code),
        }
    }

    /// The translation key of a variant without a problem of its own.
    fn key(&self) -> Option<&'static str> {
        Some(match self {
            AppError::Unauthorized => "err-unauthorized",
            AppError::BadCredentials => "err-bad-credentials",
            AppError::Forbidden { .. } => "err-forbidden",
            AppError::Csrf => "err-csrf",
            AppError::NotFound => "err-not-found",
            AppError::Stale => "err-stale-version",
            AppError::TooManyAttempts => "err-throttled",
            AppError::Internal(_) => "err-internal",
            AppError::MethodNotAllowed => "err-method",
            AppError::WaitingForReview(Withdrawal::Edit) => "err-waiting-for-review",
            AppError::WaitingForReview(Withdrawal::Upload) => "err-upload-waiting-for-review",
            other => return other.problem().and_then(|p| p.key),
        })
    }

    /// The field errors to show next to their fields (empty when the error is about the
    /// request as a whole).
    pub fn details(&self) -> &[FieldError] {
        match self {
            AppError::Invalid(errors) => &errors.0,
            other => other.problem().map_or(&[], |p| &p.details),
        }
    }

    /// The field the API's error object names, if one is at fault.
    pub fn field_name(&self) -> Option<&str> {
        match self {
            AppError::Invalid(errors) => errors.0.first().map(|e| e.field.as_ref()),
            other => other.problem().and_then(|p| p.field.as_deref()),
        }
    }

    /// The English message (the API's language).
    pub fn message(&self) -> String {
        match self {
            AppError::Invalid(errors) if errors.0.is_empty() => "invalid input".into(),
            AppError::Invalid(errors) => errors
                .0
                .iter()
                .map(|e| format!("{}: {}", e.field, Tr::en().field_error(e)))
                .collect::<Vec<_>>()
                .join("; "),
            AppError::Refused { unmet } => format!(
                "The automated review found unmet co-sell ready requirements: {}.",
                unmet
                    .iter()
                    .map(|id| id.code())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            other => match other.problem() {
                Some(p) => p.message.clone(),
                None => Tr::en()
                    .t(other.key().unwrap_or("err-internal"))
                    .into_owned(),
            },
        }
    }

    /// The message for a person reading `tr`'s language.
    pub fn message_in(&self, tr: &Tr) -> String {
        let details = self.details();
        if !details.is_empty() {
            return details
                .iter()
                .map(|e| tr.field_error(e))
                .collect::<Vec<_>>()
                .join(" ");
        }
        match self {
            AppError::Refused { unmet } => {
                let names: Vec<String> = unmet
                    .iter()
                    .map(|id| tr.label("req-name", id.code()).into_owned())
                    .collect();
                tr.t_args("review-refused", &[("ids", names.join("; "))])
            }
            other => match other.key() {
                Some(key) => tr.t(key).into_owned(),
                None => other.message(),
            },
        }
    }

    /// True when the refusal has field errors to show next to their fields.
    pub fn has_field_errors(&self) -> bool {
        !self.details().is_empty()
    }

    /// True for a refusal a page shows on its form, keeping what was typed: bad or stale
    /// input, a conflict, a refused rule, a file too large or of the wrong kind. Not for a
    /// missing sign-in, role or thing, nor a failure of ours.
    pub fn is_form_error(&self) -> bool {
        matches!(
            self,
            AppError::Invalid(_)
                | AppError::BadRequest(_)
                | AppError::Stale
                | AppError::Conflict(_)
                | AppError::WaitingForReview(_)
                | AppError::Refused { .. }
                | AppError::Rule(_)
                | AppError::TooLarge(_)
                | AppError::Unsupported(_)
        )
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status().as_u16(),
            self.code(),
            self.message()
        )?;
        if let AppError::Internal(cause) = self {
            write!(f, " ({cause:#})")?;
        }
        Ok(())
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(cause) = self {
            tracing::error!(error = %format!("{cause:#}"), "request failed");
        }
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code().to_string(),
                message: self.message(),
                field: self.field_name().map(str::to_string),
                unmet: match self {
                    AppError::Refused { unmet } => Some(unmet.clone()),
                    _ => None,
                },
            },
        };
        let mut res = HttpResponse::build(self.status());
        if matches!(self, AppError::Unavailable(_)) {
            res.insert_header((
                actix_web::http::header::RETRY_AFTER,
                RETRY_AFTER_SECONDS.to_string(),
            ));
        }
        res.json(body)
    }
}

/// Every refusal of the API, whatever its status (SPEC 7).
#[derive(serde::Serialize, utoipa::ToSchema)]
#[schema(example = json!({"error": {"code": "invalid_field", "message": "pitch: at most 1000 characters", "field": "pitch"}}))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// A stable code to branch on (`invalid_field`, `stale_version`, `not_found`...).
    pub code: String,
    /// What went wrong, in English, for a person.
    pub message: String,
    /// The field at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// With `requirements_unmet`: the ids of the requirements the automated review found unmet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unmet: Option<Vec<RequirementId>>,
}

/// The unique constraints a person can run into, as the conflicts they are told about: the
/// one place constraint names become words. PostgreSQL names the index; SQLite names the
/// columns ("UNIQUE constraint failed: users.email").
fn on_unique(err: &sqlx::Error) -> Option<AppError> {
    let db = err
        .as_database_error()
        .filter(|e| e.is_unique_violation())?;
    let name = db
        .constraint()
        .map_or_else(|| db.message().to_string(), str::to_string);
    let hit = |index: &str, columns: &str| name == index || name.contains(columns);
    let taken = |code, field, key| {
        AppError::Conflict(Problem::of_field(code, &FieldError::new(field, key)))
    };
    Some(if hit("organizations_mpn_id_key", "organizations.mpn_id") {
        taken("mpn_id_taken", "mpn_id", "err-mpn-id-taken")
    } else if hit("users_email_key", "users.email") {
        taken("email_taken", "email", "err-email-taken")
    } else if hit("solutions_offer_key", "solutions.offer_id") {
        AppError::Conflict(Problem::keyed("solution_exists", "err-solution-exists"))
    } else if hit("documents_current_key", "documents.solution_id") {
        AppError::Conflict(Problem::keyed("wrong_state", "err-upload-raced"))
    } else {
        tracing::warn!(constraint = %name, "a unique constraint without words");
        AppError::Conflict(Problem::keyed("conflict", "err-exists"))
    })
}

/// Database error codes that mean "busy, nothing done": SQLite's SQLITE_BUSY and
/// SQLITE_LOCKED (and their extended codes), PostgreSQL's lock_not_available,
/// deadlock_detected and serialization_failure.
const BUSY_CODES: &[&str] = &["5", "261", "517", "6", "262", "55P03", "40P01", "40001"];

/// Seconds a client is asked to wait before trying again after a 503.
pub const RETRY_AFTER_SECONDS: u32 = 5;

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> AppError {
        if let Some(conflict) = on_unique(&err) {
            return conflict;
        }
        // Input the rules of `http::input` should have refused first (a NUL reaching
        // PostgreSQL, a number out of range): still the client's fault, never a 500.
        if let Some(code) = err.as_database_error().and_then(|e| e.code())
            && matches!(code.as_ref(), "22021" | "22P05" | "22003")
        {
            tracing::warn!(error = %err, "input the database cannot store");
            return AppError::BadRequest(Problem::keyed("invalid_input", "err-unstorable"));
        }
        // Another writer holds the database (SQLite's one writer during a large import, a lock
        // or deadlock PostgreSQL gave up on): nothing was written, try again shortly.
        if let Some(code) = err.as_database_error().and_then(|e| e.code())
            && BUSY_CODES.contains(&code.as_ref())
        {
            tracing::warn!(error = %err, "the database is busy; answered 503");
            return AppError::busy();
        }
        match &err {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
                tracing::error!(error = %err, "database unavailable");
                AppError::unavailable()
            }
            _ => AppError::internal_because(err),
        }
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> AppError {
        AppError::field(&e)
    }
}

impl From<FieldErrors> for AppError {
    fn from(e: FieldErrors) -> AppError {
        AppError::fields(&e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_variant_has_its_status_and_code() {
        let field = FieldError::new("pitch", "err-required");
        let cases: Vec<(AppError, u16, &str)> = vec![
            (AppError::field(&field), 400, "invalid_field"),
            (AppError::bad_request("bad_form", "x"), 400, "bad_form"),
            (AppError::Unauthorized, 401, "unauthorized"),
            (AppError::BadCredentials, 401, "bad_credentials"),
            (AppError::forbidden(), 403, "forbidden"),
            (AppError::Csrf, 403, "csrf_failed"),
            (AppError::NotFound, 404, "not_found"),
            (AppError::MethodNotAllowed, 405, "method_not_allowed"),
            (AppError::Stale, 409, "stale_version"),
            (AppError::conflict("wrong_state", "x"), 409, "wrong_state"),
            (
                AppError::WaitingForReview(Withdrawal::Edit),
                409,
                "waiting_for_review",
            ),
            (
                AppError::WaitingForReview(Withdrawal::Upload),
                409,
                "waiting_for_review",
            ),
            (
                AppError::Refused {
                    unmet: vec![RequirementId::OnePager],
                },
                422,
                "requirements_unmet",
            ),
            (
                AppError::Rule(Problem::new("seller_account_inactive", "x")),
                422,
                "seller_account_inactive",
            ),
            (AppError::too_large("x"), 413, "too_large"),
            (
                AppError::unsupported_media("x"),
                415,
                "unsupported_media_type",
            ),
            (AppError::TooManyAttempts, 429, "too_many_attempts"),
            (AppError::unavailable(), 503, "unavailable"),
            (AppError::storage_unavailable(), 503, "storage_unavailable"),
            (AppError::internal(), 500, "internal"),
        ];
        for (err, status, code) in cases {
            assert_eq!(err.status().as_u16(), status, "{err}");
            assert_eq!(err.code(), code, "{err}");
            assert!(!err.message().is_empty(), "{err} says something");
            for lang in crate::i18n::LANGS {
                let message = err.message_in(&Tr::new(*lang));
                assert!(
                    !message.is_empty() && !message.starts_with("err-"),
                    "{err} in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn only_refusals_about_the_input_stay_on_the_form() {
        let on_form = [
            AppError::field(&FieldError::new("pitch", "err-required")),
            AppError::Stale,
            AppError::conflict("wrong_state", "x"),
            AppError::Refused { unmet: vec![] },
            AppError::WaitingForReview(Withdrawal::Upload),
            AppError::too_large("x"),
        ];
        assert!(on_form.iter().all(AppError::is_form_error));
        let elsewhere = [
            AppError::Unauthorized,
            AppError::forbidden(),
            AppError::Csrf,
            AppError::NotFound,
            AppError::TooManyAttempts,
            AppError::internal(),
            AppError::unavailable(),
        ];
        assert!(!elsewhere.iter().any(AppError::is_form_error));
    }

    #[test]
    fn field_errors_name_their_field_and_a_failure_of_ours_hides_its_cause() {
        let err = AppError::field(&FieldError::new("pitch", "err-required"));
        assert_eq!(err.field_name(), Some("pitch"));
        assert!(err.message().starts_with("pitch: "));
        let internal = AppError::internal_because(anyhow::anyhow!("secret table name"));
        assert!(!internal.message().contains("secret"));
        assert!(
            internal.to_string().contains("secret"),
            "the log keeps the cause"
        );
    }
}
