//! CSV over HTTP, for pages and the API alike: a CSV answer as a download, and a CSV body
//! read as the UTF-8 text it must be.

use crate::error::{AppError, AppResult};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};

/// A CSV download named `file_name`, never kept by a shared cache (it holds what the reader
/// may see).
pub fn attachment(
    file_name: &str,
    body: impl actix_web::body::MessageBody + 'static,
) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .body(body)
}

/// Refused with 415 unless the request says it sends CSV (or plain text); `what` names the
/// content in the message ("the contacts").
pub fn require_csv(req: &HttpRequest, what: &str) -> AppResult<()> {
    let is_csv = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv") || v.starts_with("text/plain"));
    if is_csv {
        Ok(())
    } else {
        Err(AppError::unsupported_media(format!(
            "Send {what} as text/csv."
        )))
    }
}

/// The body as text, refused with 400 `invalid_csv` when it is not UTF-8.
pub fn text(body: &[u8]) -> AppResult<&str> {
    std::str::from_utf8(body)
        .map_err(|_| AppError::bad_request("invalid_csv", "The CSV must be UTF-8 text."))
}
