//! The JSON API under `/api/v1` (SPEC section 7): thin handlers over the same services as
//! the pages. Errors are `{"error": {"code", "message"}}`; unknown fields are refused.

pub mod catalog;
pub mod offers;
pub mod openapi;
pub mod orgs;
pub mod referrals;
pub mod review;
/// The schemas of codes and limits, from the domain crate (its `openapi` feature).
pub use crate::domain::openapi as schema;
pub mod solutions;
pub mod status;
pub mod tokens;
pub mod users;

use crate::error::AppError;
use crate::http::input::{MAX_PAGE, MAX_PER_PAGE};
use crate::services::Window;
use actix_web::error::{JsonPayloadError, PayloadError};
use actix_web::{HttpRequest, web};

pub const JSON_LIMIT: usize = 256 * 1024;

/// JSON bodies: limited in size, and every failure answered in the API's error shape.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(JSON_LIMIT)
        .error_handler(|err, _req: &HttpRequest| json_error(&err).into())
}

fn json_error(err: &JsonPayloadError) -> AppError {
    match err {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            AppError::too_large(format!("The JSON body is larger than {JSON_LIMIT} bytes."))
        }
        JsonPayloadError::Payload(PayloadError::Overflow) => {
            AppError::too_large(format!("The JSON body is larger than {JSON_LIMIT} bytes."))
        }
        JsonPayloadError::ContentType => {
            AppError::unsupported_media("Send the body as application/json.")
        }
        JsonPayloadError::Deserialize(e) => {
            AppError::bad_request("invalid_json", format!("The JSON body is not valid: {e}"))
        }
        other => AppError::bad_request(
            "invalid_json",
            format!("The JSON body could not be read: {other}"),
        ),
    }
}

pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_, _| AppError::not_found().into())
}

/// Paging for list endpoints: `?page=N` (1 to 1,000,000) and `?per_page=M` (1 to 200,
/// default 50). `http::extract::Query` refused anything else before this is read.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// Which page, from 1.
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<i64>,
    /// How many per page (50 when not given).
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

/// A page of a list: its items, where it is, and (where counting is cheap) how many there are.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many there are in all (lists read whole; the queue and the audit log do not count).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    pub page: i64,
    pub per_page: i64,
}

impl<T> Page<T> {
    /// The page at `window` as [`Paging::window`] gave it.
    pub fn at(items: Vec<T>, total: Option<i64>, window: Window) -> Page<T> {
        Page {
            items,
            total,
            page: window.offset / window.limit + 1,
            per_page: window.limit,
        }
    }
}

impl Paging {
    /// The rows the page asked for (read in SQL, never a list read whole and sliced).
    pub fn window(&self) -> Window {
        let per = self.per_page.unwrap_or(50).clamp(1, MAX_PER_PAGE);
        let page = self.page.unwrap_or(1).clamp(1, MAX_PAGE);
        Window {
            limit: per,
            offset: (page - 1) * per,
        }
    }
}

/// An organization's list (offers, solutions): `?organization_id=` (a partner's own by
/// default) and paging.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OrgListQuery {
    /// The organization (a partner's own when not given; program users must name one).
    pub organization_id: Option<crate::domain::ids::OrgId>,
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<i64>,
    #[param(minimum = 1, maximum = 200)]
    pub per_page: Option<i64>,
}

impl OrgListQuery {
    pub fn paging(&self) -> Paging {
        Paging {
            page: self.page,
            per_page: self.per_page,
        }
    }
}
