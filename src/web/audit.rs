//! The audit log page: program admins browse and filter every entry (organization, user, kind,
//! date range); an account admin sees its own organization's.

use super::{PageCtx, render};
use crate::auth::CurrentUser;
use crate::domain::ids::OrgId;
use crate::domain::roles::Role;
use crate::error::AppResult;
use crate::http::extract::Query;
use crate::services::audit::{self, Row, filter_for};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;

const PAGE_SIZE: i64 = 100;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct AuditQuery {
    page: Option<i64>,
    organization_id: String,
    user: String,
    kind: String,
    from: String,
    to: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    p: PageCtx,
    /// Entries, one user's run on one solution folded into one line (newest first).
    lines: Vec<Vec<Row>>,
    kinds: &'static [&'static str],
    page: i64,
    has_next: bool,
    q: AuditQuery,
    is_program_admin: bool,
    query_string: String,
    names: audit::Names,
}

impl AuditPage {
    /// An entry's detail in words, the solution it is about by its offer's name.
    fn words(&self, row: &Row) -> String {
        let named = match row
            .solution_id
            .and_then(|id| Some((id, self.names.solutions.get(&id.0)?)))
        {
            Some((id, name)) => named_solution(&row.detail, id, name),
            None => row.detail.clone(),
        };
        detail_words(&self.p.tr, &named)
    }

    fn organization(&self, id: &OrgId) -> String {
        self.names
            .organizations
            .get(&id.0)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: CurrentUser,
    q: Query<AuditQuery>,
) -> AppResult<HttpResponse> {
    let q = q.into_inner();
    let asked = q.organization_id.trim().parse::<OrgId>().ok();
    let filter = filter_for(&user, asked, &q.user, &q.kind, date(&q.from), date(&q.to))?;
    let page = q.page.unwrap_or(1).max(1);
    let mut rows = audit::list(&state, &filter, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE).await?;
    let has_next = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let names = audit::names(&state, &rows).await?;
    let query_string = [
        ("organization_id", &q.organization_id),
        ("user", &q.user),
        ("kind", &q.kind),
        ("from", &q.from),
        ("to", &q.to),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", super::urlencode(v)))
    .collect::<Vec<_>>()
    .join("&");
    let p = PageCtx::new(&req, Some(&user));
    render(
        StatusCode::OK,
        &AuditPage {
            p,
            lines: audit::group(rows),
            kinds: audit::KINDS,
            page,
            has_next,
            q,
            is_program_admin: user.has(Role::ProgramAdmin),
            query_string,
            names,
        },
    )
}

/// `solution 12` in a detail as the offer's name, never `solution 123`'s start; a number in
/// brackets after the offer's own name (`offer "X" (solution 12)`) goes.
fn named_solution(detail: &str, id: crate::domain::ids::SolutionId, name: &str) -> String {
    let detail = detail.replace(&format!(" (solution {id})"), "");
    let detail = detail.as_str();
    let pattern = format!("solution {id}");
    let mut out = String::with_capacity(detail.len());
    let mut rest = detail;
    while let Some(at) = rest.find(&pattern) {
        let after = &rest[at + pattern.len()..];
        out.push_str(&rest[..at]);
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            out.push_str(&pattern);
        } else {
            out.push_str(&format!("“{name}”"));
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `offer 7 "Name"` as `offer "Name"`: the name says which, the number says nothing to people.
fn without_offer_numbers(detail: &str) -> String {
    let mut out = String::with_capacity(detail.len());
    let mut rest = detail;
    while let Some(at) = rest.find("offer ") {
        let (before, after) = rest.split_at(at + "offer ".len());
        out.push_str(before);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        rest = if digits > 0 && after[digits..].starts_with(" \"") {
            &after[digits + 1..]
        } else {
            after
        };
    }
    out.push_str(rest);
    out
}

/// The lists whose codes an entry's (English, stored) detail may name, with their labels'
/// prefix. Codes without an underscore read like words already and are left alone, so a
/// person's own text in a detail is never rewritten.
fn code_list(code: &str) -> Option<&'static str> {
    use crate::domain::document::DocumentKind;
    use crate::domain::offer::{OfferState, OfferType, Store};
    use crate::domain::review::ReviewState;
    use crate::domain::solution::{ContactRole, CustomerSize};
    use crate::domain::status::Status;
    fn has<'a>(mut codes: impl Iterator<Item = &'a str>, code: &str) -> bool {
        codes.any(|c| c == code)
    }
    if !code.contains('_') {
        None
    } else if has(ReviewState::ALL.iter().map(|c| c.code()), code) {
        Some("review-state")
    } else if has(OfferType::ALL.iter().map(|c| c.code()), code) {
        Some("offer-type")
    } else if has(OfferState::ALL.iter().map(|c| c.code()), code) {
        Some("offer-state")
    } else if has(Store::ALL.iter().map(|c| c.code()), code) {
        Some("store")
    } else if has(DocumentKind::ALL.iter().map(|c| c.code()), code) {
        Some("document-kind")
    } else if has(Status::ALL.iter().map(|c| c.code()), code) {
        Some("status")
    } else if has(ContactRole::ALL.iter().map(|c| c.code()), code) {
        Some("contact-role")
    } else if has(CustomerSize::ALL.iter().map(|c| c.code()), code) {
        Some("customer-size")
    } else if has(crate::domain::status::REQUIREMENT_IDS.into_iter(), code) {
        Some("req-name")
    } else if has(
        crate::domain::reference::SOLUTION_AREAS
            .iter()
            .map(|(c, _)| *c),
        code,
    ) {
        Some("solution-area")
    } else if has(
        crate::domain::reference::INDUSTRIES.iter().map(|(c, _)| *c),
        code,
    ) {
        Some("industry")
    } else if has(crate::services::audit::KINDS.iter().copied(), code) {
        Some("audit-kind")
    } else if has(
        crate::domain::roles::ALL_ROLES.iter().map(|r| r.code()),
        code,
    ) {
        Some("role")
    } else {
        None
    }
}

/// A word of a stored detail in the reader's words, when it is a code or a field's name.
fn word_for(tr: &crate::i18n::Tr, word: &str) -> Option<String> {
    if let Some(list) = code_list(word) {
        return Some(tr.label(list, word).into_owned());
    }
    if let Some(key) = fact_label(word) {
        return Some(tr.t(key).into_owned());
    }
    if word.contains('_') && crate::domain::reference::is_competency_area(word) {
        return Some(crate::domain::reference::competency_label(word).to_string());
    }
    // The solution page's fields, as a save's detail names them.
    matches!(word, "solution_areas" | "customer_sizes" | "landing_page")
        .then(|| super::field_label(tr, word))
}

/// The program facts' field names a detail may name, with their labels.
fn fact_label(name: &str) -> Option<&'static str> {
    Some(match name {
        "mpn_id" => "field-mpn-id",
        "marketplace_account_active" => "field-marketplace-account-active",
        "seller_account_active" => "field-seller-account-active",
        "partner_types" => "field-partner-types",
        "isv_connect_enrolled_on" => "field-isv-connect",
        _ => return None,
    })
}

/// An entry's detail for a person: the codes it names in the reader's words.
pub fn detail_words(tr: &crate::i18n::Tr, detail: &str) -> String {
    let mut out = String::with_capacity(detail.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match word_for(tr, word) {
            Some(words) => out.push_str(&words),
            None => out.push_str(word),
        }
        word.clear();
    };
    // Review states of one word ("draft -> submitted") read like English words, so they are
    // named only where a move puts them: on either side of the arrow.
    let mut detail = detail.to_string();
    let review = crate::domain::review::ReviewState::ALL
        .iter()
        .map(|s| ("review-state", s.code()));
    let offer = crate::domain::offer::OfferState::ALL
        .iter()
        .map(|s| ("offer-state", s.code()));
    for (list, code) in review.chain(offer) {
        let label = tr.label(list, code);
        if !code.contains('_') {
            detail = detail
                .replace(&format!("{code} -> "), &format!("{label} -> "))
                .replace(&format!(" -> {code}"), &format!(" -> {label}"));
        }
    }
    let detail = without_offer_numbers(&detail);
    for ch in detail.chars() {
        if ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_' {
            word.push(ch);
        } else {
            flush(&mut word, &mut out);
            out.push(ch);
        }
    }
    flush(&mut word, &mut out);
    out.replace(" -> ", " → ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Tr};

    #[test]
    fn details_name_codes_in_words() {
        let en = Tr::new(Lang::En);
        assert_eq!(
            detail_words(
                &en,
                "solution 3: in_review -> changes_requested: fix the deck"
            ),
            "solution 3: In review → Changes requested: fix the deck"
        );
        let nl = Tr::new(Lang::Nl);
        assert_eq!(
            detail_words(&nl, "solution 3: draft -> submitted (version 2)"),
            "solution 3: Concept → Ingediend (version 2)"
        );
        let roles = detail_words(&en, "roles of a@b.example: cosell_admin, manager");
        assert!(roles.contains("Co-sell admin"), "{roles}");
        let saved = detail_words(&en, "solution 3 saved: customer_sizes, data_analytics");
        assert!(
            !saved.contains("customer_sizes") && !saved.contains("data_analytics"),
            "{saved}"
        );
        let said = detail_words(
            &nl,
            "solution 3: document one_pager replaced; awarded azure_ip_co_sell",
        );
        assert!(
            !said.contains("one_pager") && !said.contains("azure_ip_co_sell"),
            "{said}"
        );
        assert_eq!(
            named_solution(
                "solution 12: solution 123 too",
                crate::domain::ids::SolutionId(12),
                "X"
            ),
            "“X”: solution 123 too"
        );
        assert_eq!(
            detail_words(
                &en,
                "offer 7 \"Contoso Analytics\": draft -> live; offer 8 left"
            ),
            "offer \"Contoso Analytics\": Draft → Live; offer 8 left"
        );
        // Words of a person's own stay as typed.
        assert_eq!(
            detail_words(&en, "Reason: retail live my_var"),
            "Reason: retail live my_var"
        );
    }
}
