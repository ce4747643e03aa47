//! The probes and the metrics for operators (SPEC 16): `/readyz` on the public address (a
//! load balancer asks it), `/metrics` on `METRICS_ADDR` only. Plain text for machines and
//! operators, so not translated.

use crate::services::operations;
use crate::state::{AppState, Stopping};
use crate::telemetry::metrics;
use actix_web::{HttpResponse, web};

/// 200 `ready`, or 503 with one line per part that is not ready (`database: ...`,
/// `migrations: ...`, `document store: ...`, `shutdown: ...`).
pub async fn readyz(state: web::Data<AppState>, stopping: web::Data<Stopping>) -> HttpResponse {
    let not_ready = operations::readiness(&state, stopping.has_begun()).await;
    if not_ready.is_empty() {
        return HttpResponse::Ok()
            .content_type("text/plain")
            .body("ready\n");
    }
    let lines: String = not_ready
        .iter()
        .map(|n| format!("{}: {}\n", n.part.name(), n.why))
        .collect();
    HttpResponse::ServiceUnavailable()
        .content_type("text/plain")
        .body(format!("not ready\n{lines}"))
}

/// The metrics in Prometheus' text format.
pub async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    let gauges = operations::gauges(&state).await;
    HttpResponse::Ok()
        .content_type(metrics::CONTENT_TYPE)
        .body(metrics::render(&gauges))
}
