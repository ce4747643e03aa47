//! One error type for every handler: a status, a stable code and a message a person can act on.
//! Under `/api/v1` it is rendered as `{"error": {"code", "message"}}`; pages get a templated
//! error page from the `web::errors` middleware, which reads the same value.

use crate::domain::field::{FieldError, FieldErrors};
use crate::i18n::Tr;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde_json::json;
use std::fmt;

#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    /// English message (the API's language); pages translate `key` instead when present.
    pub message: String,
    pub field: Option<&'static str>,
    pub key: Option<&'static str>,
    /// The validation failures behind a 400, so a page can show each next to its field.
    pub details: Vec<FieldError>,
    /// More members of the API's error object (e.g. `unmet` requirement ids).
    pub extra: Option<Box<(&'static str, serde_json::Value)>>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> AppError {
        AppError {
            status,
            code,
            message: message.into(),
            field: None,
            key: None,
            details: Vec::new(),
            extra: None,
        }
    }

    /// An error whose message comes from the translations (`key`), English for the API.
    pub fn keyed(status: StatusCode, code: &'static str, key: &'static str) -> AppError {
        AppError {
            key: Some(key),
            ..AppError::new(status, code, Tr::en().t(key))
        }
    }

    pub fn bad_request(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, code, message)
    }

    pub fn unauthorized() -> AppError {
        AppError::keyed(StatusCode::UNAUTHORIZED, "unauthorized", "err-unauthorized")
    }

    pub fn bad_credentials() -> AppError {
        AppError::keyed(
            StatusCode::UNAUTHORIZED,
            "bad_credentials",
            "err-bad-credentials",
        )
    }

    pub fn forbidden() -> AppError {
        AppError::keyed(StatusCode::FORBIDDEN, "forbidden", "err-forbidden")
    }

    pub fn not_found() -> AppError {
        AppError::keyed(StatusCode::NOT_FOUND, "not_found", "err-not-found")
    }

    pub fn csrf() -> AppError {
        AppError::keyed(StatusCode::FORBIDDEN, "csrf_failed", "err-csrf")
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::CONFLICT, code, message)
    }

    pub fn too_many_attempts() -> AppError {
        AppError::keyed(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            "err-throttled",
        )
    }

    pub fn too_large(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message)
    }

    pub fn unsupported_media(message: impl Into<String>) -> AppError {
        AppError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            message,
        )
    }

    pub fn unavailable() -> AppError {
        AppError::keyed(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "err-unavailable",
        )
    }

    pub fn internal() -> AppError {
        AppError::keyed(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "err-internal",
        )
    }

    /// A validation failure of one field: 400, the message names the field.
    pub fn field(e: &FieldError) -> AppError {
        AppError {
            field: Some(e.field),
            details: vec![e.clone()],
            ..AppError::bad_request(
                "invalid_field",
                format!("{}: {}", e.field, Tr::en().field_error(e)),
            )
        }
    }

    pub fn fields(errors: &FieldErrors) -> AppError {
        match errors.0.first() {
            Some(first) => {
                let mut err = AppError::field(first);
                err.details = errors.0.clone();
                for e in errors.0.iter().skip(1) {
                    err.message
                        .push_str(&format!("; {}: {}", e.field, Tr::en().field_error(e)));
                }
                err
            }
            None => AppError::bad_request("invalid_field", "invalid input"),
        }
    }

    /// An error raised by the framework (routing, body limits, extractors).
    pub fn framework(status: StatusCode, detail: Option<String>) -> AppError {
        match status {
            StatusCode::NOT_FOUND => AppError::not_found(),
            StatusCode::METHOD_NOT_ALLOWED => AppError::new(
                status,
                "method_not_allowed",
                "This method is not allowed here.",
            ),
            StatusCode::PAYLOAD_TOO_LARGE => {
                AppError::keyed(status, "too_large", "err-body-too-large")
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::new(
                status,
                "unsupported_media_type",
                detail.unwrap_or_else(|| "Unsupported content type.".into()),
            ),
            s if s.is_server_error() => AppError::internal(),
            s => AppError::new(
                s,
                "bad_request",
                detail.unwrap_or_else(|| "The request could not be read.".into()),
            ),
        }
    }

    /// True for a refusal a page shows on its form, keeping what was typed: bad or stale
    /// input, a conflict, a refused rule, a file too large or of the wrong kind. Not for a
    /// missing sign-in, role or solution, nor a failure of ours.
    pub fn is_form_error(&self) -> bool {
        self.status.is_client_error()
            && !matches!(
                self.status,
                StatusCode::UNAUTHORIZED
                    | StatusCode::FORBIDDEN
                    | StatusCode::NOT_FOUND
                    | StatusCode::TOO_MANY_REQUESTS
            )
    }

    /// The message for a person reading `tr`'s language.
    pub fn message_in(&self, tr: &Tr) -> String {
        if !self.details.is_empty() {
            return self
                .details
                .iter()
                .map(|e| tr.field_error(e))
                .collect::<Vec<_>>()
                .join(" ");
        }
        match self.key {
            Some(key) => tr.t(key),
            None => self.message.clone(),
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        let mut body = json!({"error": {"code": self.code, "message": self.message}});
        if let Some(field) = self.field {
            body["error"]["field"] = json!(field);
        }
        if let Some(extra) = &self.extra {
            body["error"][extra.0] = extra.1.clone();
        }
        HttpResponse::build(self.status).json(body)
    }
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> AppError {
        match &err {
            sqlx::Error::RowNotFound => AppError::not_found(),
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
                tracing::error!(error = %err, "database unavailable");
                AppError::unavailable()
            }
            _ => {
                tracing::error!(error = %err, "database error");
                AppError::internal()
            }
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
