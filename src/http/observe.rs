//! Every request's id, log line and duration (SPEC 16), in the outermost middleware so they
//! cover everything else: the id is kept from `X-Request-Id` or made, carried by a span that
//! every log line of the request is written in, and sent back on the answer; when the last
//! byte of the answer has gone (or the client left), one line says what was asked and how it
//! went, and the request's duration is counted for the metrics.

use crate::telemetry::{REQUEST_ID_HEADER, RequestId, metrics};
use actix_web::HttpMessage;
use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use bytes::Bytes;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;
use tracing::Instrument;

/// The middleware (see the module's comment).
pub async fn observe<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<LoggedBody<B>>, actix_web::Error> {
    let started = Instant::now();
    let id = RequestId::kept_or_made(
        req.headers()
            .get(REQUEST_ID_HEADER)
            .map(HeaderValue::as_bytes),
    );
    req.extensions_mut().insert(id.clone());
    let wanted = Line::wanted();
    // For the rare error no inner layer turned into an answer (the dispatcher answers it):
    // what the line can say without the request, which routing must not find shared.
    let asked = wanted.then(|| (req.method().to_string(), req.path().to_string()));
    let span = tracing::info_span!("request", request_id = %id);
    let mut res = match next.call(req).instrument(span).await {
        Ok(res) => res,
        Err(e) => {
            if let Some((method, path)) = asked {
                drop(Line {
                    status: e.as_response_error().status_code().as_u16(),
                    route: String::new(),
                    user_id: None,
                    sent: 0,
                    id,
                    method,
                    path,
                    started,
                });
            }
            return Err(e);
        }
    };
    if let Ok(value) = HeaderValue::from_str(id.as_str()) {
        res.headers_mut()
            .insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
    }
    let line = wanted.then(|| Line::of(&res, id, started));
    Ok(res.map_body(|_, body| LoggedBody { body, line }))
}

/// A request's log line, written when it is dropped: with the answer's body, so after its
/// last byte was sent, or when the client went away before.
struct Line {
    id: RequestId,
    method: String,
    path: String,
    route: String,
    status: u16,
    user_id: Option<i64>,
    started: Instant,
    sent: u64,
}

impl Line {
    /// Whether the log or the metrics want the line (when neither does, nothing is copied).
    fn wanted() -> bool {
        tracing::enabled!(target: "cosell::request", tracing::Level::INFO) || metrics::is_on()
    }

    fn of<B>(res: &ServiceResponse<B>, id: RequestId, started: Instant) -> Line {
        let req = res.request();
        let route = req.match_pattern().unwrap_or_default();
        Line {
            id,
            method: req.method().to_string(),
            path: logged_path(req.path(), &route).to_string(),
            status: res.status().as_u16(),
            user_id: crate::auth::known_user_id(req).map(|u| u.0),
            route,
            started,
            sent: 0,
        }
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        let elapsed = self.started.elapsed();
        metrics::request_done(
            &self.route,
            &self.method,
            self.status,
            elapsed.as_secs_f64(),
        );
        let duration_ms = (elapsed.as_secs_f64() * 1000.0 * 10.0).round() / 10.0;
        macro_rules! line {
            ($level:expr) => {
                tracing::event!(
                    target: "cosell::request",
                    $level,
                    request_id = %self.id,
                    method = %self.method,
                    path = %self.path,
                    route = %self.route,
                    status = self.status,
                    duration_ms,
                    size = self.sent,
                    user_id = self.user_id,
                    "{} {} {}",
                    self.method,
                    self.path,
                    self.status,
                )
            };
        }
        if self.status >= 500 {
            line!(tracing::Level::ERROR);
        } else {
            line!(tracing::Level::INFO);
        }
    }
}

/// The path as it may be logged: a path whose route takes a token (an invitation, a password
/// reset) is written as its pattern, `/invitations/{token}`, since the token is the key.
fn logged_path<'a>(path: &'a str, route: &'a str) -> &'a str {
    if route.contains("{token}") {
        route
    } else {
        path
    }
}

pin_project_lite::pin_project! {
    /// An answer's body that counts the bytes it gives and writes the request's line when it
    /// is dropped.
    pub struct LoggedBody<B> {
        #[pin]
        body: B,
        line: Option<Line>,
    }
}

impl<B: MessageBody> MessageBody for LoggedBody<B> {
    type Error = B::Error;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        let this = self.project();
        let next = this.body.poll_next(cx);
        if let (Poll::Ready(Some(Ok(chunk))), Some(line)) = (&next, this.line.as_mut()) {
            line.sent += chunk.len() as u64;
        }
        next
    }

    fn try_into_bytes(self) -> Result<Bytes, Self> {
        let LoggedBody { body, mut line } = self;
        match body.try_into_bytes() {
            Ok(bytes) => {
                if let Some(line) = line.as_mut() {
                    line.sent = bytes.len() as u64;
                }
                Ok(bytes)
            }
            Err(body) => Err(LoggedBody { body, line }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_in_a_path_is_never_logged() {
        let table = [
            (
                "/invitations/s3cr3t",
                "/invitations/{token}",
                "/invitations/{token}",
            ),
            (
                "/password/reset/s3cr3t",
                "/password/reset/{token}",
                "/password/reset/{token}",
            ),
            ("/solutions/7", "/solutions/{id}", "/solutions/7"),
            ("/nowhere", "", "/nowhere"),
        ];
        for (path, route, logged) in table {
            assert_eq!(logged_path(path, route), logged);
        }
    }
}
