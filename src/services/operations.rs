//! What operators ask of a running instance (SPEC 16): whether it is ready for traffic, and
//! the figures its metrics read from the database when they are scraped.

use crate::db;
use crate::domain::referral::ReferralState;
use crate::domain::status::Status;
use crate::state::AppState;
use crate::telemetry::metrics::Gauges;
use chrono::Utc;
use std::time::Duration;

/// How long a part may take to answer the readiness probe before it counts as not ready (a
/// remote store behind a closed port is retried for minutes otherwise).
const PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// A part of the portal that is not ready, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotReady {
    pub part: Part,
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The instance is stopping (SIGTERM): no new traffic.
    Stopping,
    Database,
    Migrations,
    DocumentStore,
}

impl Part {
    /// The part's name in the probe's answer (for operators, so not translated).
    pub fn name(self) -> &'static str {
        match self {
            Part::Stopping => "shutdown",
            Part::Database => "database",
            Part::Migrations => "migrations",
            Part::DocumentStore => "document store",
        }
    }
}

/// The parts that are not ready (none: ready). The database and the document store are
/// asked at the same time, each within [`PROBE_TIMEOUT`].
pub async fn readiness(state: &AppState, stopping: bool) -> Vec<NotReady> {
    let mut not_ready = Vec::new();
    if stopping {
        not_ready.push(NotReady {
            part: Part::Stopping,
            why: "the instance is stopping".into(),
        });
    }
    let database = within(async {
        match state.db.migrations_differ().await {
            Ok(None) => Ok(None),
            Ok(Some(why)) => Ok(Some(why)),
            Err(e) => Err(e.to_string()),
        }
    });
    let store = within(async { state.storage.check().await.map_err(|e| e.to_string()) });
    let (database, store) = tokio::join!(database, store);
    match database {
        Ok(Ok(None)) => {}
        Ok(Ok(Some(why))) => not_ready.push(NotReady {
            part: Part::Migrations,
            why,
        }),
        Ok(Err(why)) | Err(why) => not_ready.push(NotReady {
            part: Part::Database,
            why,
        }),
    }
    if let Ok(Err(why)) | Err(why) = store {
        not_ready.push(NotReady {
            part: Part::DocumentStore,
            why,
        });
    }
    not_ready
}

async fn within<T>(probe: impl Future<Output = T>) -> Result<T, String> {
    tokio::time::timeout(PROBE_TIMEOUT, probe)
        .await
        .map_err(|_| format!("no answer within {} s", PROBE_TIMEOUT.as_secs()))
}

/// What the metrics read at a scrape: the pool, the outbox, thumbnails being made and the
/// catalog's statuses. A figure the database cannot give is left at zero (and logged): a
/// scrape never fails for it.
pub async fn gauges(state: &AppState) -> Gauges {
    let (used, idle, max) = state.db.pool_use();
    let mut gauges = Gauges {
        db_connections_used: used.into(),
        db_connections_idle: idle.into(),
        db_connections_max: max.into(),
        thumbnails_pending: crate::services::thumbnails::pending() as i64,
        ..Gauges::default()
    };
    match db::notifications::backlog(&state.db).await {
        Ok((count, oldest)) => {
            let age = oldest.map_or(0.0, |t| (Utc::now() - t).num_milliseconds() as f64 / 1e3);
            gauges.outbox.push(("mail", count, age.max(0.0)));
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the outbox could not be read"),
    }
    match db::catalog::count_by_shown_status(&state.db).await {
        Ok(counts) => {
            gauges.solutions = Status::ALL
                .iter()
                .map(|s| {
                    let n = counts.iter().find(|(c, _)| c == s).map_or(0, |(_, n)| *n);
                    (s.code(), n)
                })
                .collect();
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the catalog could not be read"),
    }
    match db::referrals::counts(&state.db, state.clock.now()).await {
        Ok((by_state, overdue)) => {
            gauges.referrals = ReferralState::ALL
                .iter()
                .map(|s| {
                    let n = by_state
                        .iter()
                        .find(|(c, _)| c == s.code())
                        .map_or(0, |(_, n)| *n);
                    (s.code(), n)
                })
                .collect();
            gauges.referral_answers_overdue = overdue;
        }
        Err(e) => tracing::warn!(error = %e, "metrics: the referrals could not be read"),
    }
    gauges
}
