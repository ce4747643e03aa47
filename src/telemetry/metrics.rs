//! The metrics of SPEC 16 in Prometheus' text format, served on `METRICS_ADDR` only. Names
//! are OpenTelemetry's where it has one (`http.server.request.duration` becomes
//! `http_server_request_duration_seconds`, `db.client.connection.count`
//! `db_client_connection_count`), Prometheus' own for the process (`process_*`, as every
//! dashboard expects), and `cosell_*` for what is the portal's alone. Labels are bounded:
//! route patterns, never paths; known methods, else `_OTHER`.
//!
//! Counting is off until [`turn_on`] (start-up does it when `METRICS_ADDR` is set), so a
//! portal without metrics pays one relaxed load per request.

use prometheus::core::Collector;
use prometheus::{
    GaugeVec, HistogramOpts, HistogramVec, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
    TextEncoder,
};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};

static ON: AtomicBool = AtomicBool::new(false);

/// OpenTelemetry's advice for `http.server.request.duration`, in seconds.
const DURATION_BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
];

/// The methods a route can have; another is counted as `_OTHER` (OpenTelemetry's rule), so
/// a client cannot make up label values.
const METHODS: &[&str] = &[
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE",
];

struct Metrics {
    registry: Registry,
    request_duration: HistogramVec,
    signin_failures: IntCounterVec,
    db_connections: IntGaugeVec,
    db_connections_max: IntGauge,
    outbox_backlog: IntGaugeVec,
    outbox_oldest_age: GaugeVec,
    thumbnails_pending: IntGauge,
    solutions: IntGaugeVec,
    referrals: IntGaugeVec,
    referral_answers_overdue: IntGauge,
}

// The names and labels are constants, so making and registering them cannot fail; the unit
// test below makes them.
#[allow(clippy::expect_used)]
static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let registry = Registry::new();
    fn add<C: Collector + Clone + 'static>(registry: &Registry, c: C) -> C {
        registry
            .register(Box::new(c.clone()))
            .expect("a metric registered once");
        c
    }
    let histogram = |name: &str, help: &str, labels: &[&str]| {
        HistogramVec::new(
            HistogramOpts::new(name, help).buckets(DURATION_BUCKETS.to_vec()),
            labels,
        )
        .expect("a valid histogram")
    };
    let gauges = |name: &str, help: &str, labels: &[&str]| {
        IntGaugeVec::new(Opts::new(name, help), labels).expect("valid gauges")
    };
    #[cfg(target_os = "linux")]
    registry
        .register(Box::new(
            prometheus::process_collector::ProcessCollector::for_self(),
        ))
        .expect("the process collector registered once");
    Metrics {
        request_duration: add(
            &registry,
            histogram(
                "http_server_request_duration_seconds",
                "Duration of HTTP server requests, until the last byte of the answer.",
                &["http_route", "http_request_method", "http_response_status_code"],
            ),
        ),
        signin_failures: add(
            &registry,
            IntCounterVec::new(
                Opts::new(
                    "cosell_signin_failures_total",
                    "Sign-ins refused, by reason: a wrong email or password (credentials), or too many tries (throttled).",
                ),
                &["reason"],
            )
            .expect("valid counters"),
        ),
        db_connections: add(
            &registry,
            gauges(
                "db_client_connection_count",
                "Database connections of the pool, by state (idle or used).",
                &["db_client_connection_state"],
            ),
        ),
        db_connections_max: add(
            &registry,
            IntGauge::new(
                "db_client_connection_max",
                "The most database connections the pool opens.",
            )
            .expect("a valid gauge"),
        ),
        outbox_backlog: add(
            &registry,
            gauges(
                "cosell_outbox_backlog",
                "Messages of the outbox not yet sent, by channel.",
                &["channel"],
            ),
        ),
        outbox_oldest_age: add(
            &registry,
            GaugeVec::new(
                Opts::new(
                    "cosell_outbox_oldest_age_seconds",
                    "Age of the oldest message of the outbox not yet sent, by channel (0 when none waits).",
                ),
                &["channel"],
            )
            .expect("valid gauges"),
        ),
        thumbnails_pending: add(
            &registry,
            IntGauge::new(
                "cosell_thumbnails_pending",
                "Document thumbnails being made by this instance.",
            )
            .expect("a valid gauge"),
        ),
        solutions: add(
            &registry,
            gauges(
                "cosell_solutions",
                "Co-sell solutions in the catalog, by the status they show.",
                &["status"],
            ),
        ),
        referrals: add(
            &registry,
            gauges(
                "cosell_referrals",
                "Co-sell referrals, by state.",
                &["state"],
            ),
        ),
        referral_answers_overdue: add(
            &registry,
            IntGauge::new(
                "cosell_referral_answers_overdue",
                "New referrals whose time to answer has passed and that the expiry job has not \
                 closed yet (more than 0 for over an hour: the job is not running).",
            )
            .expect("a valid gauge"),
        ),
        registry,
    }
});

/// Starts counting (start-up, when metrics are served).
pub fn turn_on() {
    LazyLock::force(&METRICS);
    ON.store(true, Ordering::Relaxed);
}

pub fn is_on() -> bool {
    ON.load(Ordering::Relaxed)
}

/// One request answered: `route` is its pattern (`/solutions/{id}`), empty when no route
/// matched.
pub fn request_done(route: &str, method: &str, status: u16, seconds: f64) {
    if !is_on() {
        return;
    }
    let method = METHODS
        .iter()
        .find(|m| **m == method)
        .copied()
        .unwrap_or("_OTHER");
    let status = status.to_string();
    METRICS
        .request_duration
        .with_label_values(&[route, method, status.as_str()])
        .observe(seconds);
}

/// A sign-in was refused: `reason` is `credentials` or `throttled`.
pub fn signin_failed(reason: &'static str) {
    if is_on() {
        METRICS.signin_failures.with_label_values(&[reason]).inc();
    }
}

/// What is read from the database and the instance when metrics are scraped.
#[derive(Debug, Default)]
pub struct Gauges {
    pub db_connections_used: i64,
    pub db_connections_idle: i64,
    pub db_connections_max: i64,
    /// Per channel (`mail`): messages waiting, and the age in seconds of the oldest.
    pub outbox: Vec<(&'static str, i64, f64)>,
    pub thumbnails_pending: i64,
    /// Per shown status code, every status (zero included).
    pub solutions: Vec<(&'static str, i64)>,
    /// Per referral state code, every state (zero included).
    pub referrals: Vec<(&'static str, i64)>,
    pub referral_answers_overdue: i64,
}

/// The metrics as Prometheus' text format, `gauges` read just before.
pub fn render(gauges: &Gauges) -> String {
    let m = &*METRICS;
    m.db_connections
        .with_label_values(&["used"])
        .set(gauges.db_connections_used);
    m.db_connections
        .with_label_values(&["idle"])
        .set(gauges.db_connections_idle);
    m.db_connections_max.set(gauges.db_connections_max);
    for (channel, backlog, oldest) in &gauges.outbox {
        m.outbox_backlog
            .with_label_values(&[*channel])
            .set(*backlog);
        m.outbox_oldest_age
            .with_label_values(&[*channel])
            .set(*oldest);
    }
    m.thumbnails_pending.set(gauges.thumbnails_pending);
    for (status, count) in &gauges.solutions {
        m.solutions.with_label_values(&[*status]).set(*count);
    }
    for (state, count) in &gauges.referrals {
        m.referrals.with_label_values(&[*state]).set(*count);
    }
    m.referral_answers_overdue
        .set(gauges.referral_answers_overdue);
    TextEncoder::new()
        .encode_to_string(&m.registry.gather())
        .unwrap_or_else(|e| format!("# metrics could not be written: {e}\n"))
}

/// The content type of [`render`]'s text.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_is_written_with_bounded_labels() {
        turn_on();
        request_done("/solutions/{id}", "GET", 200, 0.012);
        request_done("", "BREW", 404, 0.001);
        signin_failed("credentials");
        let text = render(&Gauges {
            db_connections_used: 1,
            db_connections_idle: 4,
            db_connections_max: 10,
            outbox: vec![("mail", 3, 42.0)],
            thumbnails_pending: 0,
            solutions: vec![("co_sell_ready", 2), ("marketplace", 0)],
            referrals: vec![("new", 3), ("won", 0)],
            referral_answers_overdue: 1,
        });
        for line in [
            "http_server_request_duration_seconds_bucket{http_request_method=\"GET\",http_response_status_code=\"200\",http_route=\"/solutions/{id}\",le=\"0.025\"}",
            "http_request_method=\"_OTHER\"",
            "cosell_signin_failures_total{reason=\"credentials\"} 1",
            "db_client_connection_count{db_client_connection_state=\"idle\"} 4",
            "db_client_connection_max 10",
            "cosell_outbox_backlog{channel=\"mail\"} 3",
            "cosell_outbox_oldest_age_seconds{channel=\"mail\"} 42",
            "cosell_thumbnails_pending 0",
            "cosell_solutions{status=\"marketplace\"} 0",
            "cosell_referrals{state=\"new\"} 3",
            "cosell_referrals{state=\"won\"} 0",
            "cosell_referral_answers_overdue 1",
            "process_resident_memory_bytes",
            "process_cpu_seconds_total",
        ] {
            assert!(text.contains(line), "{line} missing from\n{text}");
        }
        assert!(!text.contains("BREW"));
    }
}
