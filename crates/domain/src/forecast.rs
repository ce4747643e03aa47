//! The lapse forecast (SPEC 12): on which days within the next weeks an approved solution's
//! shown status will drop if nothing changes, and why. The status engine is evaluated only
//! on the days its answer can change (`holds_until`), so a forecast of 30 days is a handful
//! of evaluations. Revenue not yet imported counts as zero, as the engine counts it; a
//! warning about revenue says so.

use crate::money::{self, Month};
use crate::reference::CompetencyArea;
use crate::status::{self, Facts, Group, RequirementId, State, Status};
use chrono::{Duration, NaiveDate};

/// How far ahead the daily job and the dashboard look.
pub const HORIZON_DAYS: i64 = 30;

/// Why a requirement stops being met on a day, with no fact changing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// A gold competency the offer needs expires (the day before the lapse).
    CompetencyExpires {
        area: CompetencyArea,
        expires_on: NaiveDate,
    },
    /// The trailing revenue window moves past the revenue that met the threshold.
    RevenueWindow {
        from: Month,
        to: Month,
        consumed: i64,
        billed: i64,
        /// Months of the window after the last one imported: counted as zero.
        not_imported: bool,
    },
}

/// A drop of the shown status ahead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lapse {
    pub on: NaiveDate,
    pub from: Status,
    pub to: Status,
    /// The requirement no longer met.
    pub requirement: RequirementId,
    pub cause: Cause,
}

impl Lapse {
    /// The fact behind the cause, as one text: with the solution, the requirement and the
    /// day it names a cause once (the daily job warns once per cause).
    pub fn fact(&self) -> String {
        match &self.cause {
            Cause::CompetencyExpires { area, expires_on } => {
                format!("competency {area} expires {expires_on}")
            }
            Cause::RevenueWindow { from, to, .. } => format!("revenue {from} to {to}"),
        }
    }
}

/// The drops of the status shown for a solution awarded `awarded`, from `today` (excluded)
/// to `today + days` (included), with their causes, in date order. Each requirement that
/// stops being met and lowers what is shown is one lapse.
pub fn forecast(f: &Facts, awarded: Status, today: NaiveDate, days: i64) -> Vec<Lapse> {
    let end = today + Duration::days(days);
    let mut day = today;
    let mut before = status::evaluate(f, today);
    let mut lapses = Vec::new();
    loop {
        let next = status::holds_until(f, day);
        if next > end || next <= day {
            return lapses;
        }
        let after = status::evaluate(f, next);
        let (was, now) = (awarded.lower(before.status), awarded.lower(after.status));
        if now.level() < was.level() {
            // Below co-sell ready the co-sell-ready requirements lowered it; above, the
            // incentive's.
            let group = if now == Status::Marketplace {
                Group::CoSellReady
            } else {
                Group::AzureIpCoSell
            };
            for r in after
                .requirements
                .iter()
                .filter(|r| r.group == group && r.state == State::Unmet)
            {
                let was_met = before
                    .requirements
                    .iter()
                    .any(|p| p.id == r.id && p.state == State::Met);
                if let (true, Some(cause)) = (was_met, cause_of(f, r.id, day, next)) {
                    lapses.push(Lapse {
                        on: next,
                        from: was,
                        to: now,
                        requirement: r.id,
                        cause,
                    });
                }
            }
        }
        before = after;
        day = next;
    }
}

/// What changed between `day` and `next` for requirement `id`, with the same facts.
fn cause_of(f: &Facts, id: RequirementId, day: NaiveDate, next: NaiveDate) -> Option<Cause> {
    match id {
        RequirementId::GoldCompetency => f
            .competencies
            .iter()
            .filter(|c| f.competency_areas.contains(&c.area))
            .find(|c| c.is_active(day) && !c.is_active(next))
            .map(|c| Cause::CompetencyExpires {
                area: c.area,
                expires_on: c.expires_on,
            }),
        RequirementId::RevenueThreshold => {
            let (from, to) = money::trailing_window(next);
            let sum = |rows: &[(Month, i64)]| {
                rows.iter()
                    .filter(|(m, _)| money::in_window(*m, (from, to)))
                    .map(|(_, c)| *c)
                    .sum::<i64>()
            };
            let last_imported = f
                .azure_consumed
                .iter()
                .chain(
                    f.transactable
                        .then_some(&f.marketplace_billed)
                        .into_iter()
                        .flatten(),
                )
                .map(|(m, _)| *m)
                .max();
            Some(Cause::RevenueWindow {
                from,
                to,
                consumed: sum(&f.azure_consumed),
                billed: if f.transactable {
                    sum(&f.marketplace_billed)
                } else {
                    0
                },
                not_imported: last_imported.is_none_or(|m| m < to),
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::OfferType;
    use crate::org::Competency;
    use crate::status::tests::all_met;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    /// A services offer that needs the Data & AI competency, held until `expires`.
    fn services(expires: &str) -> Facts {
        Facts {
            offer_type: OfferType::ConsultingService,
            competency_areas: vec![CompetencyArea::DataAnalytics],
            competencies: vec![Competency {
                area: CompetencyArea::DataAnalytics,
                expires_on: d(expires),
            }],
            ..all_met()
        }
    }

    #[test]
    fn lapses_are_found_on_their_day_with_their_cause() {
        // (facts, awarded, today, expected lapses)
        let competency = Lapse {
            on: d("2027-01-31"),
            from: Status::CoSellReady,
            to: Status::Marketplace,
            requirement: RequirementId::GoldCompetency,
            cause: Cause::CompetencyExpires {
                area: CompetencyArea::DataAnalytics,
                expires_on: d("2027-01-30"),
            },
        };
        let revenue_only_in = |month: &str| Facts {
            azure_consumed: vec![(m(month), 10_000_000)],
            ..all_met()
        };
        let revenue = Lapse {
            on: d("2027-01-01"),
            from: Status::AzureIpCoSell,
            to: Status::CoSellReady,
            requirement: RequirementId::RevenueThreshold,
            cause: Cause::RevenueWindow {
                from: m("2026-01"),
                to: m("2026-12"),
                consumed: 0,
                billed: 0,
                not_imported: true,
            },
        };
        let table: Vec<(Facts, Status, &str, Vec<Lapse>)> = vec![
            // The competency expires on the 30th: the status drops on the 31st, 29 days on.
            (
                services("2027-01-30"),
                Status::CoSellReady,
                "2027-01-02",
                vec![competency.clone()],
            ),
            // On the 30th day exactly, still found.
            (
                services("2027-01-30"),
                Status::CoSellReady,
                "2027-01-01",
                vec![competency],
            ),
            // One day beyond the horizon: not yet.
            (
                services("2027-01-30"),
                Status::CoSellReady,
                "2026-12-31",
                vec![],
            ),
            // Renewed well ahead: nothing.
            (
                services("2027-06-30"),
                Status::CoSellReady,
                "2027-01-02",
                vec![],
            ),
            // Revenue of 2025-12 leaves the window on 2027-01-01; 2026-12 is not imported.
            (
                revenue_only_in("2025-12"),
                Status::AzureIpCoSell,
                "2026-12-15",
                vec![revenue],
            ),
            // Awarded co-sell ready only: losing the incentive's revenue lowers nothing shown.
            (
                revenue_only_in("2025-12"),
                Status::CoSellReady,
                "2026-12-15",
                vec![],
            ),
            // Revenue inside next month's window too: nothing.
            (
                revenue_only_in("2026-06"),
                Status::AzureIpCoSell,
                "2026-12-15",
                vec![],
            ),
            // Never approved: nothing shown to lose.
            (
                services("2027-01-30"),
                Status::Marketplace,
                "2027-01-02",
                vec![],
            ),
        ];
        for (facts, awarded, today, expected) in table {
            assert_eq!(
                forecast(&facts, awarded, d(today), HORIZON_DAYS),
                expected,
                "awarded {awarded:?} on {today}"
            );
        }
    }

    #[test]
    fn revenue_imported_up_to_the_window_is_not_called_missing() {
        let facts = Facts {
            azure_consumed: vec![(m("2025-12"), 10_000_000), (m("2026-12"), 1)],
            ..all_met()
        };
        let lapses = forecast(&facts, Status::AzureIpCoSell, d("2026-12-15"), HORIZON_DAYS);
        assert!(
            matches!(
                lapses[0].cause,
                Cause::RevenueWindow {
                    consumed: 1,
                    not_imported: false,
                    ..
                }
            ),
            "{lapses:?}"
        );
    }

    #[test]
    fn a_cause_is_named_by_its_fact() {
        let lapses = forecast(
            &services("2027-01-30"),
            Status::CoSellReady,
            d("2027-01-02"),
            HORIZON_DAYS,
        );
        assert_eq!(
            lapses[0].fact(),
            "competency data_analytics expires 2027-01-30"
        );
    }
}
