//! Technical validation: reviewers record the share of the offer's infrastructure that runs
//! repeatable IP code on Azure; strictly more than 50% passes.

use super::solutions::load;
use crate::auth::CurrentUser;
use crate::db;
use crate::domain::field::FieldError;
use crate::domain::money;
use crate::domain::roles::Role;
use crate::domain::status::TECHNICAL_VALIDATION_PASS_ABOVE_BP;
use crate::error::AppResult;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use serde::Serialize;

pub const REVIEWERS: &[Role] = &[Role::Reviewer, Role::ProgramAdmin];
pub const NOTE_MAX: usize = 2000;

#[derive(Debug, Clone, Serialize)]
pub struct ValidationView {
    pub percent_on_azure: serde_json::Number,
    pub passed: bool,
    pub note: String,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: Option<String>,
}

pub async fn record(
    state: &AppState,
    actor: &CurrentUser,
    solution_id: i64,
    percent: &str,
    note: &str,
) -> AppResult<ValidationView> {
    let solution = load(state, actor, solution_id).await?;
    actor.require(REVIEWERS)?;
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
        solution.id,
        money::format_percent(bp),
        if passed { "passed" } else { "not passed" }
    );
    db::validations::record(
        &state.db,
        solution.id,
        bp,
        note,
        &actor.email,
        &actor.audit(
            Some(solution.organization_id),
            "technical_validation",
            detail,
        ),
    )
    .await?;
    find(state, actor, solution_id)
        .await?
        .ok_or_else(crate::error::AppError::internal)
}

/// 5100 -> 51, 5050 -> 50.5 (as a JSON number, written from the integer, not a float).
fn percent_number(bp: i64) -> serde_json::Number {
    money::format_percent(bp)
        .trim_end_matches('%')
        .parse()
        .unwrap_or_else(|_| serde_json::Number::from(bp / 100))
}

pub async fn find(
    state: &AppState,
    actor: &CurrentUser,
    solution_id: i64,
) -> AppResult<Option<ValidationView>> {
    load(state, actor, solution_id).await?;
    Ok(db::validations::find(&state.db, solution_id)
        .await?
        .map(|v| ValidationView {
            percent_on_azure: percent_number(v.percent_bp),
            passed: v.percent_bp > TECHNICAL_VALIDATION_PASS_ABOVE_BP,
            note: v.note,
            recorded_at: v.recorded_at,
            recorded_by: v.recorded_by_email,
        }))
}
