//! The lapse forecast (SPEC 12): every day, each approved solution is evaluated ahead with
//! the status engine (`domain::forecast`); each cause of a drop within 30 days is told to the
//! organization's co-sell admins once, in the app and by mail. The dashboard shows the same.

use crate::db::events::{CauseSaid, ForecastSaid, Said};
use crate::db::{self, audit::Entry, facts::RawFacts, forecast::Warning};
use crate::domain::event::EventData;
use crate::domain::forecast::{self, Cause, HORIZON_DAYS, Lapse};
use crate::domain::ids::SolutionId;
use crate::domain::status::REVENUE_THRESHOLD_CENTS;
use crate::error::AppResult;
use crate::state::AppState;
use chrono::NaiveDate;

/// Solutions evaluated per statement and transaction.
const BATCH: i64 = 200;

/// The lapses ahead of one solution, as the dashboard and the daily job see them.
pub fn of(raw: &RawFacts, today: NaiveDate) -> Vec<Lapse> {
    let Some(awarded) = raw.row.awarded_status else {
        return Vec::new();
    };
    match raw.facts() {
        Some(facts) => forecast::forecast(&facts, awarded, today, HORIZON_DAYS),
        None => Vec::new(),
    }
}

/// The event of a lapse ahead.
pub fn event(solution_id: SolutionId, lapse: &Lapse) -> EventData {
    EventData::StatusForecast {
        solution_id,
        from: lapse.from,
        to: lapse.to,
        on: lapse.on,
        requirement: lapse.requirement,
    }
}

/// What the words of a lapse need beside its event (see `notices::words`).
pub fn said(offer: &str, lapse: &Lapse) -> Said {
    let cause = match &lapse.cause {
        Cause::CompetencyExpires { area, expires_on } => CauseSaid::Competency {
            area: *area,
            expires: *expires_on,
        },
        Cause::RevenueWindow {
            from,
            to,
            consumed,
            billed,
            not_imported,
        } => CauseSaid::Revenue {
            from_month: from.to_string(),
            to_month: to.to_string(),
            consumed: *consumed,
            billed: *billed,
            threshold: REVENUE_THRESHOLD_CENTS,
            not_imported: *not_imported,
        },
    };
    Said {
        forecast: Some(ForecastSaid {
            status: lapse.from,
            date: lapse.on,
            cause,
        }),
        ..Said::offer(offer)
    }
}

/// Evaluates every approved solution at `today` + 30 days and warns once per new cause.
/// Safe with several instances: a cause is recorded with its warning, under a key.
#[tracing::instrument(name = "forecast::run_daily", level = "debug", skip_all)]
pub async fn run_daily(state: &AppState, today: NaiveDate) -> AppResult<usize> {
    let mut after = SolutionId(0);
    let mut warned = 0;
    loop {
        let ids = db::forecast::approved_after(&state.db, after, BATCH).await?;
        let Some(last) = ids.last() else {
            return Ok(warned);
        };
        after = *last;
        let facts = db::facts::load_ids(&state.db, &ids).await?;
        let warnings: Vec<Warning> = facts
            .iter()
            .flat_map(|raw| {
                of(raw, today)
                    .into_iter()
                    .map(move |lapse| warning(raw, &lapse))
            })
            .collect();
        warned += db::forecast::warn(&state.db, &warnings).await?;
        if (ids.len() as i64) < BATCH {
            return Ok(warned);
        }
    }
}

fn warning(raw: &RawFacts, lapse: &Lapse) -> Warning {
    let r = &raw.row;
    Warning {
        solution_id: r.solution_id,
        requirement: lapse.requirement,
        fact: lapse.fact(),
        lapse_on: lapse.on,
        audit: Entry::system(
            Some(r.organization_id),
            "lapse_forecast",
            format!(
                "solution {}: {} drops to {} on {} ({}: {})",
                r.solution_id,
                lapse.from.code(),
                lapse.to.code(),
                lapse.on,
                lapse.requirement,
                lapse.fact()
            ),
        )
        .on(r.solution_id)
        .told(event(r.solution_id, lapse), said(&r.offer_name, lapse)),
    }
}
