//! The live checklist as a page fragment: grouped by status, each item with a mark that is
//! not colour alone, its sentence, and a link to the page that fixes it. One fragment serves
//! the full page (no JavaScript) and the swap after an autosave (htmx).

use crate::domain::ids::SolutionId;
use crate::domain::review::ReviewState;
use crate::domain::status::{Fix, Group, RequirementId, State, Status};
use crate::domain::status_story::Story;
use crate::i18n::{Html, Tr};
use crate::services::status::{Evaluated, detail_text};

/// The labels are [`Html`], escaped once when the translations were read: a checklist shows
/// some fifty of them.
pub struct ItemView {
    /// The requirement's name in words (for the "Fix this" link's hidden text).
    pub name: Html,
    pub id: RequirementId,
    pub state: &'static str,
    pub mark: &'static str,
    pub state_label: Html,
    pub sentence: String,
    pub fix_url: Option<String>,
}

pub struct GroupView {
    pub code: &'static str,
    pub label: Html,
    pub met: usize,
    pub applicable: usize,
    pub items: Vec<ItemView>,
}

pub struct ChecklistView {
    pub solution_id: SolutionId,
    /// The one status the solution has (its shown status), and why, in words.
    pub status: &'static str,
    pub status_label: Html,
    pub story: String,
    pub as_of: String,
    pub is_today: bool,
    pub groups: Vec<GroupView>,
    pub next_step: Option<String>,
}

pub fn fix_url(fix: Fix, e: &Evaluated) -> String {
    let (s, org, offer) = (e.solution_id, e.organization_id, e.offer_id);
    match fix {
        Fix::ProgramFacts => format!("/organizations/{org}"),
        Fix::BusinessProfile => format!("/organizations/{org}/profile"),
        Fix::Offer => format!("/offers/{offer}"),
        Fix::Geographies => format!("/solutions/{s}#geo-h"),
        Fix::Contacts => format!("/solutions/{s}#contacts"),
        Fix::Listing => format!("/solutions/{s}#listing-h"),
        Fix::Document(kind) => format!("/solutions/{s}/documents#{kind}"),
        Fix::Revenue => format!("/organizations/{org}/revenue"),
        Fix::TechnicalValidation => format!("/solutions/{s}#validation"),
    }
}

/// The solution's one status and the sentence that explains it (SPEC 11).
pub fn story(tr: &Tr, e: &Evaluated, review: ReviewState) -> (Status, String) {
    let story = Story::of(e.awarded, e.checklist.status, review);
    let args: Vec<(&str, String)> = story
        .args()
        .into_iter()
        .map(|(name, s)| (name, tr.label("status", s.code()).into_owned()))
        .collect();
    (story.shown(), tr.t_args(story.key(), &args))
}

pub fn build(tr: &Tr, e: &Evaluated, review: ReviewState) -> ChecklistView {
    let groups = [Group::CoSellReady, Group::AzureIpCoSell]
        .into_iter()
        .map(|g| {
            let items: Vec<ItemView> = e
                .checklist
                .requirements
                .iter()
                .filter(|r| r.group == g)
                .map(|r| ItemView {
                    name: tr.label_html("req-name", r.id.code()),
                    id: r.id,
                    state: r.state.code(),
                    mark: match r.state {
                        State::Met => "✔",
                        State::Unmet => "✖",
                        State::NotApplicable => "–",
                    },
                    state_label: tr.label_html("req-state", r.state.code()),
                    sentence: detail_text(tr, r),
                    fix_url: r.fix.map(|f| fix_url(f, e)),
                })
                .collect();
            GroupView {
                code: g.code(),
                label: tr.label_html("group", g.code()),
                met: items.iter().filter(|i| i.state == "met").count(),
                applicable: items.iter().filter(|i| i.state != "not_applicable").count(),
                items,
            }
        })
        .collect();
    let (shown, story) = story(tr, e, review);
    ChecklistView {
        solution_id: e.solution_id,
        status: shown.code(),
        status_label: tr.label_html("status", shown.code()),
        story,
        as_of: e.checklist.as_of.to_string(),
        is_today: e.checklist.as_of == chrono::Utc::now().date_naive(),
        groups,
        next_step: e.checklist.next_step().map(|r| detail_text(tr, r)),
    }
}
