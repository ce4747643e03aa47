//! Revenue: the all-or-nothing, idempotent CSV import (program admins) and the per-month view
//! with the trailing-window totals the checklist uses (managers of the organization and
//! program admins).

use super::access::{self, Access};
use super::status;
use crate::auth::CurrentUser;
use crate::db::events::Said;
use crate::db::revenue::RevenueRow;
use crate::db::{self, audit::Entry, revenue::NewRevenue};
use crate::domain::event::EventData;
use crate::domain::ids::OfferId;
use crate::domain::ids::{OrgId, SolutionId};
use crate::domain::money::{self, Month};
use crate::domain::revenue_csv::RevenueKind;
use crate::domain::revenue_csv::{self, RevenueLine};
use crate::domain::roles::Role;
use crate::domain::status::Status;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// The largest revenue file taken, by the API and the page alike (SPEC 7: about 450,000 rows).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The lines of a revenue CSV, checked against the organizations and offers there are.
async fn parse(state: &AppState, text: &str) -> AppResult<Vec<RevenueLine>> {
    let (orgs, offers) = db::revenue::lookup_maps(&state.db).await?;
    let orgs: HashMap<String, i64> = orgs.into_iter().collect();
    let offers: HashMap<i64, i64> = offers.into_iter().collect();
    revenue_csv::parse(text, &orgs, &offers).map_err(|errors| AppError::csv_lines(&errors, "csv"))
}

/// A co-sell solution whose status an import would change.
#[derive(Debug, Clone)]
pub struct StatusChange {
    pub solution_id: SolutionId,
    pub organization: String,
    pub offer_name: String,
    /// What the solution shows (to sellers and the program), before and after.
    pub shown: (Status, Status),
    /// What its facts support, before and after.
    pub supported: (Status, Status),
}

/// What an import would change, before anything is written (SPEC 11): the rows, the
/// organizations they belong to (name and rows), and each co-sell solution whose shown or
/// supported status would rise or fall today.
#[derive(Debug, Clone)]
pub struct Check {
    pub lines: Vec<RevenueLine>,
    pub organizations: Vec<(String, usize)>,
    pub changes: Vec<StatusChange>,
}

pub async fn check(state: &AppState, actor: &CurrentUser, text: &str) -> AppResult<Check> {
    actor.require(&[Role::ProgramAdmin])?;
    let lines = parse(state, text).await?;
    let today = chrono::Utc::now().date_naive();
    let mut per_org: std::collections::BTreeMap<i64, Vec<&RevenueLine>> = Default::default();
    for l in &lines {
        per_org.entry(l.organization_id).or_default().push(l);
    }
    let mut organizations = Vec::new();
    let mut changes = Vec::new();
    // An admin tool run now and then: a statement per organization and per solution is fine.
    for (org, org_lines) in per_org {
        let rows = org_lines.len();
        let name = super::orgs::name(state, actor, OrgId(org)).await?;
        for s in db::solutions::list(&state.db, OrgId(org), db::Window::ALL).await? {
            let ctx = access::solution(state, actor, s.id, Access::Read).await?;
            let mut after = ctx.facts.clone();
            merge(&mut after.revenue, org_lines.iter().copied());
            let before = status::shown_and_supported(&ctx.facts, today)?;
            let after = status::shown_and_supported(&after, today)?;
            if before != after {
                changes.push(StatusChange {
                    solution_id: ctx.id(),
                    organization: name.clone(),
                    offer_name: ctx.facts.row.offer_name.clone(),
                    shown: (before.0, after.0),
                    supported: (before.1, after.1),
                });
            }
        }
        organizations.push((name, rows));
    }
    Ok(Check {
        lines,
        organizations,
        changes,
    })
}

/// The revenue rows as they would be after the import: a line replaces the row of the same
/// offer, month and kind, or is added.
fn merge<'a>(rows: &mut Vec<RevenueRow>, lines: impl Iterator<Item = &'a RevenueLine>) {
    // Indexed, so a large file costs its rows and not its rows times the stored ones.
    let mut at: HashMap<(i64, String, RevenueKind), usize> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.offer_key, r.month.clone(), r.kind), i))
        .collect();
    for l in lines {
        let new = RevenueRow {
            offer_key: l.offer_id.unwrap_or(0),
            month: l.month.to_string(),
            kind: l.kind,
            amount_cents: l.amount_cents,
        };
        let key = (new.offer_key, new.month.clone(), new.kind);
        match at.get(&key) {
            Some(&i) => rows[i] = new,
            None => {
                at.insert(key, rows.len());
                rows.push(new);
            }
        }
    }
}

/// Imports a revenue CSV; returns the lines written. Nothing is written when any line is wrong.
pub async fn import(
    state: &AppState,
    actor: &CurrentUser,
    text: &str,
) -> AppResult<Vec<RevenueLine>> {
    actor.require(&[Role::ProgramAdmin])?;
    let lines = parse(state, text).await?;
    let rows: Vec<NewRevenue> = lines
        .iter()
        .map(|l| NewRevenue {
            organization_id: OrgId(l.organization_id),
            offer_key: l.offer_id.unwrap_or(0),
            month: l.month.to_string(),
            kind: l.kind,
            amount_cents: l.amount_cents,
        })
        .collect();
    let mut per_org: HashMap<i64, usize> = HashMap::new();
    for l in &lines {
        *per_org.entry(l.organization_id).or_default() += 1;
    }
    let mut audits: Vec<Entry> = per_org
        .into_iter()
        .map(|(org, n)| {
            actor
                .audit(
                    Some(OrgId(org)),
                    "revenue_imported",
                    format!("{n} revenue rows imported by {}", actor.email),
                )
                .told(
                    EventData::RevenueImported {
                        rows: u32::try_from(n).unwrap_or(u32::MAX),
                    },
                    Said::default(),
                )
        })
        .collect();
    audits.sort_by_key(|a| a.organization_id);
    db::revenue::upsert_all(&state.db, &rows, &actor.email, &audits).await?;
    Ok(lines)
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct MonthRow {
    pub month: String,
    #[schema(schema_with = crate::domain::openapi::revenue_kind)]
    pub kind: RevenueKind,
    pub offer_id: Option<OfferId>,
    pub amount_cents: i64,
    pub amount_usd: String,
    pub in_window: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RevenueView {
    pub organization_id: OrgId,
    pub window_from: String,
    pub window_to: String,
    pub azure_consumed_cents: i64,
    pub azure_consumed_usd: String,
    /// Per offer: (offer id, cents in the window).
    pub marketplace_billed: Vec<(OfferId, i64, String)>,
    pub months: Vec<MonthRow>,
}

impl RevenueView {
    /// The offers the view names by number.
    pub fn offer_ids(&self) -> Vec<i64> {
        let billed = self.marketplace_billed.iter().map(|(o, _, _)| o.0);
        billed
            .chain(self.months.iter().filter_map(|m| m.offer_id.map(|o| o.0)))
            .collect()
    }
}

/// Organizations and offers by name, for pages that list revenue rows (two statements).
pub async fn names(
    state: &AppState,
    organizations: impl IntoIterator<Item = i64>,
    offers: impl IntoIterator<Item = i64>,
) -> AppResult<(
    std::collections::HashMap<i64, String>,
    std::collections::HashMap<i64, String>,
)> {
    use db::names::{Named, of};
    Ok((
        of(&state.db, Named::Organizations, organizations).await?,
        of(&state.db, Named::Offers, offers).await?,
    ))
}

pub async fn view(
    state: &AppState,
    actor: &CurrentUser,
    organization_id: OrgId,
    as_of: NaiveDate,
) -> AppResult<RevenueView> {
    actor.scope_org(organization_id)?;
    actor.require(&[Role::Manager, Role::ProgramAdmin])?;
    db::orgs::find(&state.db, organization_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let rows = db::revenue::of_organization(&state.db, organization_id).await?;
    let window = money::trailing_window(as_of);
    let mut consumed = 0i64;
    let mut billed: HashMap<i64, i64> = HashMap::new();
    let months = rows
        .into_iter()
        .map(|r| {
            let inside = Month::parse(&r.month).is_some_and(|m| money::in_window(m, window));
            if inside {
                if r.kind == RevenueKind::AzureConsumed {
                    consumed += r.amount_cents;
                } else {
                    *billed.entry(r.offer_key).or_default() += r.amount_cents;
                }
            }
            MonthRow {
                month: r.month,
                offer_id: (r.offer_key != 0).then_some(OfferId(r.offer_key)),
                kind: r.kind,
                amount_usd: money::format_usd(r.amount_cents),
                amount_cents: r.amount_cents,
                in_window: inside,
            }
        })
        .collect();
    let mut billed: Vec<(OfferId, i64, String)> = billed
        .into_iter()
        .map(|(o, c)| (OfferId(o), c, money::format_usd(c)))
        .collect();
    billed.sort();
    Ok(RevenueView {
        organization_id,
        window_from: window.0.to_string(),
        window_to: window.1.to_string(),
        azure_consumed_cents: consumed,
        azure_consumed_usd: money::format_usd(consumed),
        marketplace_billed: billed,
        months,
    })
}
