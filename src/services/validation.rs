//! Technical validation: reviewers record the share of the offer's infrastructure that runs
//! repeatable IP code on Azure; strictly more than 50% passes.

use super::access::{self, Access, SolutionCtx};
use crate::auth::CurrentUser;
use crate::db;
use crate::domain::field::FieldError;
use crate::domain::ids::SolutionId;
use crate::domain::money;
use crate::domain::status::TECHNICAL_VALIDATION_PASS_ABOVE_BP;
use crate::error::AppResult;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use serde::Serialize;

pub use crate::domain::status::VALIDATION_NOTE_MAX as NOTE_MAX;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ValidationView {
    #[schema(value_type = f64, minimum = 0, maximum = 100)]
    pub percent_on_azure: serde_json::Number,
    pub passed: bool,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<String>,
    /// The percentage in basis points, for pages that write it in the reader's language.
    #[serde(skip)]
    pub basis_points: i64,
}

/// Records the validation of a solution loaded with [`Access::Review`].
pub async fn record(
    state: &AppState,
    actor: &CurrentUser,
    solution: &SolutionCtx,
    percent: &str,
    note: &str,
) -> AppResult<ValidationView> {
    access::may(actor, Access::Review)?;
    let bp = money::parse_percent(percent)
        .ok_or_else(|| FieldError::new("percent_on_azure", "err-percent"))?;
    let note = note.trim();
    if note.chars().count() > NOTE_MAX {
        return Err(FieldError::new("note", "err-too-long")
            .arg("max", NOTE_MAX)
            .into());
    }
    let passed = bp > TECHNICAL_VALIDATION_PASS_ABOVE_BP;
    let detail = format!(
        "solution {}: technical validation {} on Azure, {}",
        solution.id(),
        money::format_percent(bp),
        if passed { "passed" } else { "not passed" }
    );
    let recorded_at = Utc::now();
    db::validations::record(
        &state.db,
        solution.id(),
        bp,
        note,
        &actor.email,
        recorded_at,
        &actor
            .audit(
                Some(solution.organization_id()),
                "technical_validation",
                detail,
            )
            .on(solution.id()),
    )
    .await?;
    Ok(view(
        bp,
        note.to_string(),
        recorded_at,
        Some(actor.email.clone()),
    ))
}

fn view(
    bp: i64,
    note: String,
    recorded_at: DateTime<Utc>,
    recorded_by: Option<String>,
) -> ValidationView {
    ValidationView {
        basis_points: bp,
        percent_on_azure: percent_number(bp),
        passed: bp > TECHNICAL_VALIDATION_PASS_ABOVE_BP,
        note,
        recorded_at,
        recorded_by,
    }
}

/// 5100 -> 51, 5050 -> 50.5 (as a JSON number, written from the integer, not a float).
fn percent_number(bp: i64) -> serde_json::Number {
    money::format_percent(bp)
        .trim_end_matches('%')
        .parse()
        .unwrap_or_else(|_| serde_json::Number::from(bp / 100))
}

/// The recorded validation of a loaded solution (no query).
pub fn of(ctx: &SolutionCtx) -> Option<ValidationView> {
    let row = &ctx.facts.row;
    Some(view(
        row.percent_bp?,
        row.validation_note.clone().unwrap_or_default(),
        row.validation_recorded_at?,
        row.validation_recorded_by.clone(),
    ))
}

pub async fn find(
    state: &AppState,
    actor: &CurrentUser,
    solution_id: SolutionId,
) -> AppResult<Option<ValidationView>> {
    Ok(of(&access::solution(
        state,
        actor,
        solution_id,
        Access::Read,
    )
    .await?))
}
