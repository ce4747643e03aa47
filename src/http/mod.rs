//! What pages (`web/`) and the API (`api/`) share: extractors that authorize and check CSRF
//! before a handler runs, multipart reading with its caps, downloads, `as_of` parsing and the
//! client's address. `web/` and `api/` import from here and from `services/`, never from each
//! other, and never from `db/`.
// The one place that wraps actix's own extractors (clippy.toml disallows them elsewhere).
#![allow(clippy::disallowed_types)]

pub mod csv;
pub mod extract;
pub mod input;
pub mod observe;
pub mod upload;

use crate::db::documents::DocumentRow;
use crate::error::{AppError, AppResult, Problem};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use chrono::{NaiveDate, Utc};

/// The evaluation date of a what-if view: `YYYY-MM-DD`, today (UTC) when absent or empty.
pub fn as_of(raw: Option<&str>) -> AppResult<NaiveDate> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(Utc::now().date_naive()),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .and_then(|d| crate::domain::field::date_in_range("as_of", d).ok())
            .ok_or_else(|| {
                AppError::BadRequest(
                    Problem::new(
                        "invalid_date",
                        "as_of: give the date as YYYY-MM-DD, in the years 1900 to 9999",
                    )
                    .field("as_of"),
                )
            }),
    }
}

/// Streams a stored document as an attachment with its detected type.
pub async fn download(state: &AppState, row: &DocumentRow) -> AppResult<HttpResponse> {
    let stream = crate::services::documents::open(state, row).await?;
    Ok(HttpResponse::Ok()
        .content_type(row.content_type.as_str())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}\"", row.file_name),
        ))
        .insert_header((header::CONTENT_LENGTH, row.size.to_string()))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CACHE_CONTROL, "private, no-store"))
        .streaming(stream))
}

/// The policy of an answer that is a stored file or its thumbnail: no script, no plugins
/// beyond the PDF viewer, and never framed by another site (SPEC 8's headers hold for these
/// answers too, which set their own policy).
pub const SANDBOX_CSP: &str = "sandbox; default-src 'none'; img-src 'self'; \
     style-src 'unsafe-inline'; plugin-types application/pdf; frame-ancestors 'none'";

/// A document's thumbnail as an image: the made thumbnail (kept a day: a version never
/// changes), a small picture document itself, or the placeholder (not kept while the
/// thumbnail is still being made). Never an error: a missing thumbnail is the placeholder.
pub async fn thumbnail(state: &AppState, row: &DocumentRow) -> AppResult<HttpResponse> {
    use crate::services::thumbnails::{Shown, shown};
    const KEPT: &str = "private, max-age=86400";
    let mut res = HttpResponse::Ok();
    res.insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CONTENT_SECURITY_POLICY, SANDBOX_CSP));
    Ok(match shown(state, row).await {
        Shown::Image(bytes, content_type) => res
            .content_type(content_type)
            .insert_header((header::CACHE_CONTROL, KEPT))
            .body(bytes),
        Shown::Original => {
            let stream = crate::services::documents::open(state, row).await?;
            res.content_type(row.content_type.as_str())
                .insert_header((header::CACHE_CONTROL, KEPT))
                .streaming(stream)
        }
        Shown::Placeholder { pending } => res
            .content_type("image/svg+xml")
            .insert_header((
                header::CACHE_CONTROL,
                if pending { "no-store" } else { KEPT },
            ))
            .body(crate::thumbnail::PLACEHOLDER_SVG),
    })
}

/// The client's address, for throttling: the socket peer, or, when the peer is a trusted
/// proxy (`TRUSTED_PROXIES`), the last address it appended to `X-Forwarded-For`. Forwarded
/// headers from anyone else are ignored, since anyone can send them.
pub fn client_address(req: &HttpRequest, trusted_proxies: &[std::net::IpAddr]) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else {
        return "unknown".into();
    };
    if trusted_proxies.contains(&peer)
        && let Some(forwarded) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<std::net::IpAddr>().ok())
    {
        return forwarded.to_string();
    }
    peer.to_string()
}

/// 303 See Other: the answer to a successful form post (the back button does not re-post).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let req = TestRequest::default()
            .peer_addr("10.0.0.5:4000".parse().unwrap())
            .insert_header(("x-forwarded-for", "198.51.100.7, 203.0.113.1"))
            .to_http_request();
        assert_eq!(
            client_address(&req, &[]),
            "10.0.0.5",
            "nobody trusted: the peer"
        );
        assert_eq!(
            client_address(&req, &["10.0.0.5".parse().unwrap()]),
            "203.0.113.1",
            "the address the proxy appended"
        );
        let spoofed = TestRequest::default()
            .peer_addr("10.0.0.5:4000".parse().unwrap())
            .insert_header(("x-forwarded-for", "not an address"))
            .to_http_request();
        assert_eq!(
            client_address(&spoofed, &["10.0.0.5".parse().unwrap()]),
            "10.0.0.5"
        );
    }
}
