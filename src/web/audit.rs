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
}

impl AuditPage {
    fn words(&self, detail: &str) -> String {
        detail_words(&self.p.tr, detail)
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
        },
    )
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
    } else {
        None
    }
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
        match (code_list(word), fact_label(word)) {
            (Some(list), _) => out.push_str(&tr.label(list, word)),
            (None, Some(key)) => out.push_str(&tr.t(key)),
            (None, None) => out.push_str(word),
        }
        word.clear();
    };
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
        let said = detail_words(
            &nl,
            "solution 3: document one_pager replaced; awarded azure_ip_co_sell",
        );
        assert!(
            !said.contains("one_pager") && !said.contains("azure_ip_co_sell"),
            "{said}"
        );
        // Words of a person's own stay as typed.
        assert_eq!(
            detail_words(&en, "Reason: retail live my_var"),
            "Reason: retail live my_var"
        );
    }
}
