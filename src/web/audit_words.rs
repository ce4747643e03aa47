//! An audit entry's detail in the reader's words (SPEC 6 and 11). The stored detail stays as
//! the service wrote it, in English with codes and numbers; the audit page reads it back
//! against the shape each kind of entry is written in and tells it again in the reader's
//! language, codes named, organizations and solutions by their names, numbers and dates as
//! the language writes them. A detail that fits no shape (an entry older than its shape) is
//! shown with its codes named and its words as stored.

use crate::domain::document::DocumentKind;
use crate::domain::ids::SolutionId;
use crate::domain::offer::{OfferState, OfferType};
use crate::domain::reference::{CompetencyArea, competency_label};
use crate::domain::review::ReviewState;
use crate::domain::roles::Role;
use crate::domain::status::{RequirementId, Status};
use crate::i18n::Tr;
use crate::services::audit::Names;

/// How one stored detail is written: the kinds that write it, the English pattern with
/// `{name}` where a value goes, and the message that tells it again.
struct Shape {
    kinds: &'static [&'static str],
    pattern: &'static str,
    key: &'static str,
}

const SOLUTION_MOVES: &[&str] = &[
    "solution_submitted",
    "solution_withdrawn",
    "solution_claimed",
    "solution_approved",
    "changes_requested",
];

/// Every shape the services write (`services::*`, `db::solutions`); tried in order.
const SHAPES: &[Shape] = &[
    Shape {
        kinds: &["solution_created"],
        pattern: "co-sell solution for offer {offer_id} \"{offer}\" (solution {solution})",
        key: "audit-detail-solution-created",
    },
    Shape {
        kinds: &["solution_saved"],
        pattern: "solution {solution} saved: nothing changed ({contacts})",
        key: "audit-detail-saved-nothing",
    },
    Shape {
        kinds: &["solution_saved"],
        pattern: "solution {solution} saved: {fields} changed ({contacts})",
        key: "audit-detail-saved",
    },
    Shape {
        kinds: &["contacts_changed"],
        pattern: "solution {solution}: contacts imported from CSV ({contacts})",
        key: "audit-detail-contacts-imported",
    },
    Shape {
        kinds: &["withdrawn_by_edit", "new_draft"],
        pattern: "solution {solution}: {from} -> draft by an edit of {email}",
        key: "audit-detail-new-draft",
    },
    Shape {
        kinds: &["solution_submitted"],
        pattern: "solution {solution}: {from} -> {to} (version {version})",
        key: "audit-detail-submitted",
    },
    Shape {
        kinds: &["solution_claimed"],
        pattern: "solution {solution}: {from} -> {to} by {email}",
        key: "audit-detail-claimed",
    },
    Shape {
        kinds: &["solution_approved"],
        pattern: "solution {solution}: {from} -> {to}, awarded {status}",
        key: "audit-detail-approved",
    },
    Shape {
        kinds: &["changes_requested"],
        pattern: "solution {solution}: {from} -> {to}: {reason}",
        key: "audit-detail-changes-requested",
    },
    Shape {
        kinds: SOLUTION_MOVES,
        pattern: "solution {solution}: {from} -> {to}",
        key: "audit-detail-moved",
    },
    Shape {
        kinds: &["document_uploaded"],
        pattern: "solution {solution}: {document} uploaded: {file} ({size})",
        key: "audit-detail-document-uploaded",
    },
    Shape {
        kinds: &["document_replaced"],
        pattern: "solution {solution}: {document} replaced by {file} ({size})",
        key: "audit-detail-document-replaced",
    },
    Shape {
        kinds: &["technical_validation"],
        pattern: "solution {solution}: technical validation {percent} on Azure, not passed",
        key: "audit-detail-validation-failed",
    },
    Shape {
        kinds: &["technical_validation"],
        pattern: "solution {solution}: technical validation {percent} on Azure, passed",
        key: "audit-detail-validation-passed",
    },
    Shape {
        kinds: &["shown_status_lowered"],
        pattern: "solution {solution}: shown status lowered from {status_from} to {status_to} on {date}",
        key: "audit-detail-shown-lowered",
    },
    Shape {
        kinds: &["lapse_forecast"],
        pattern: "solution {solution}: {status_from} drops to {status_to} on {date} ({requirement}: {fact})",
        key: "audit-detail-lapse-forecast",
    },
    Shape {
        kinds: &["offer_created"],
        pattern: "offer \"{offer}\" ({type}) created",
        key: "audit-detail-offer-created",
    },
    Shape {
        kinds: &["offer_published", "offer_stopped"],
        pattern: "offer {offer_id} \"{offer}\": {offer_from} -> {offer_to}",
        key: "audit-detail-offer-moved",
    },
    Shape {
        kinds: &["user_created"],
        pattern: "user {email} created with roles {roles} (command line)",
        key: "audit-detail-user-created-cli",
    },
    Shape {
        kinds: &["user_created"],
        pattern: "user {email} created with roles {roles}",
        key: "audit-detail-user-created",
    },
    Shape {
        kinds: &["role_change"],
        pattern: "roles of {email}: {roles_from} -> {roles}",
        key: "audit-detail-roles-changed",
    },
    Shape {
        kinds: &["user_removed"],
        pattern: "user {email} removed (roles {roles})",
        key: "audit-detail-user-removed",
    },
    Shape {
        kinds: &["password_changed"],
        pattern: "password of {email} changed",
        key: "audit-detail-password-changed",
    },
    Shape {
        kinds: &["password_reset"],
        pattern: "password reset through a mailed link; every session and API token ended",
        key: "audit-detail-password-reset",
    },
    Shape {
        kinds: &["sign_in_failed"],
        pattern: "sign-in failed for {email} from {address}",
        key: "audit-detail-sign-in-failed",
    },
    Shape {
        kinds: &["invitation_sent"],
        pattern: "invitation to {email} with roles {roles}",
        key: "audit-detail-invitation-sent",
    },
    Shape {
        kinds: &["invitation_revoked"],
        pattern: "invitation to {email} revoked",
        key: "audit-detail-invitation-revoked",
    },
    Shape {
        kinds: &["invitation_accepted"],
        pattern: "{email} accepted the invitation of {inviter} with roles {roles}",
        key: "audit-detail-invitation-accepted",
    },
    Shape {
        kinds: &["revenue_imported"],
        pattern: "{count} revenue rows imported by {email}",
        key: "audit-detail-revenue-imported",
    },
    Shape {
        kinds: &["logo_uploaded"],
        pattern: "logo uploaded: {content_type}, {width}x{height} px, {bytes} bytes",
        key: "audit-detail-logo-uploaded",
    },
    Shape {
        kinds: &["competencies_changed"],
        pattern: "gold competencies: [{competencies_from}] -> [{competencies}]",
        key: "audit-detail-competencies-changed",
    },
    Shape {
        kinds: &["organization_created"],
        pattern: "organization \"{organization}\" created; {facts}",
        key: "audit-detail-organization-created",
    },
    Shape {
        kinds: &["program_facts_changed"],
        pattern: "{facts}",
        key: "audit-detail-facts-changed",
    },
    Shape {
        kinds: &["referral_created"],
        pattern: "referral {referral} on solution {solution}: {origin}",
        key: "audit-detail-referral-created",
    },
    Shape {
        kinds: &["referral_lost"],
        pattern: "referral {referral} on solution {solution}: {lost_reason}",
        key: "audit-detail-referral-lost",
    },
    Shape {
        kinds: &["referral_updated"],
        pattern: "referral {referral} on solution {solution}: {referral_fields}",
        key: "audit-detail-referral-updated",
    },
    Shape {
        kinds: REFERRAL_MOVES,
        pattern: "referral {referral} on solution {solution}",
        key: "audit-detail-referral",
    },
    Shape {
        kinds: &["referral_contacts_blanked"],
        pattern: "referral {referral}: customer contact details blanked",
        key: "audit-detail-referral-blanked",
    },
];

/// Referral changes whose kind says all (the detail names the referral and its solution).
const REFERRAL_MOVES: &[&str] = &[
    "referral_accepted",
    "referral_declined",
    "referral_won",
    "referral_commented",
    "referral_reminded",
    "referral_expired",
];

/// The fields a referral's change names.
const REFERRAL_FIELDS: &[&str] = &[
    "stage",
    "deal_value_usd",
    "target_close_date",
    "next_steps",
    "seller_id",
    "partner_owner_id",
];

/// A pattern as literal text and `{name}` places, in order.
enum Piece<'a> {
    Text(&'a str),
    Value(&'a str),
}

fn pieces(pattern: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        out.push(Piece::Value(&rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The values of `text` read against `pieces`, each value put into words by `word`; None when
/// the text does not fit (a value that is not what its name says counts as not fitting, so
/// a person's own words containing a pattern's text are tried at every split).
fn fit(
    pieces: &[Piece<'_>],
    text: &str,
    word: &dyn Fn(&str, &str) -> Option<String>,
) -> Option<Vec<(String, String)>> {
    match pieces.split_first() {
        None => text.is_empty().then(Vec::new),
        Some((Piece::Text(t), rest)) => fit(rest, text.strip_prefix(t)?, word),
        Some((Piece::Value(name), rest)) => {
            let ends: Vec<usize> = match rest.first() {
                None => vec![text.len()],
                Some(Piece::Text(next)) => text.match_indices(next).map(|(i, _)| i).collect(),
                // Two values side by side are never written.
                Some(Piece::Value(_)) => return None,
            };
            ends.into_iter().find_map(|end| {
                let value = word(name, &text[..end])?;
                let mut more = fit(rest, &text[end..], word)?;
                more.insert(0, (name.to_string(), value));
                Some(more)
            })
        }
    }
}

/// One value of a detail in the reader's words, by the name its place has in the pattern;
/// None when it is not what that name says.
fn value_words(tr: &Tr, names: &Names, name: &str, value: &str) -> Option<String> {
    let number = |v: &str| v.parse::<u64>().ok().map(|n| tr.number(n));
    let quoted = |v: &str| (!v.is_empty()).then(|| format!("“{v}”"));
    match name {
        "solution" => {
            let id: i64 = value.parse().ok()?;
            Some(match names.solutions.get(&id) {
                Some(offer) => format!("“{offer}”"),
                None => tr.t_args("audit-solution-number", &[("id", id.to_string())]),
            })
        }
        "offer" | "organization" => quoted(value),
        "offer_id" | "version" | "width" | "height" | "bytes" | "count" | "referral" => {
            number(value)
        }
        "origin" => crate::domain::referral::Origin::parse(value)
            .map(|o| tr.label("referral-origin", o.code()).into_owned()),
        "lost_reason" => crate::domain::referral::LostReason::parse(value)
            .map(|r| tr.label("lost-reason", r.code()).into_owned()),
        "referral_fields" => list(value, |field| {
            REFERRAL_FIELDS
                .contains(&field)
                .then(|| tr.label("referral-field", field).into_owned())
        }),
        "from" | "to" => {
            ReviewState::parse(value).map(|s| tr.label("review-state", s.code()).into_owned())
        }
        "offer_from" | "offer_to" => {
            OfferState::parse(value).map(|s| tr.label("offer-state", s.code()).into_owned())
        }
        "status" | "status_from" | "status_to" => {
            Status::parse(value).map(|s| tr.label("status", s.code()).into_owned())
        }
        "type" => OfferType::parse(value).map(|t| tr.label("offer-type", t.code()).into_owned()),
        "document" => {
            DocumentKind::parse(value).map(|k| tr.label("document-kind", k.code()).into_owned())
        }
        "requirement" => {
            RequirementId::parse(value).map(|r| tr.label("req-name", r.code()).into_owned())
        }
        "roles" | "roles_from" => list(value, |code| {
            Role::parse(code).map(|r| tr.label("role", r.code()).into_owned())
        }),
        "fields" => list(value, |field| Some(super::field_label(tr, field))),
        "contacts" => {
            let n = value
                .strip_suffix(" contacts")
                .or_else(|| value.strip_suffix(" contact"))?;
            Some(tr.count("audit-contacts", &n.parse().ok()?))
        }
        "percent" => crate::domain::money::parse_percent(value).map(|bp| tr.percent(&bp)),
        "date" => chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .ok()
            .map(|d| tr.date(&d)),
        "size" => size_words(tr, value),
        "competencies" | "competencies_from" => competencies_words(tr, value),
        "facts" => facts_words(tr, value),
        // A person's own words, an address, a file's name: as written.
        _ => Some(value.to_string()),
    }
}

/// "a, b" with each member in words; None when one is not what it should be.
fn list(value: &str, word: impl Fn(&str) -> Option<String>) -> Option<String> {
    value
        .split(',')
        .map(|m| word(m.trim()))
        .collect::<Option<Vec<_>>>()
        .map(|words| words.join(", "))
}

/// "1234 bytes, 2 pages" (or slides) in words.
fn size_words(tr: &Tr, value: &str) -> Option<String> {
    let mut parts = value.split(", ");
    let bytes: u64 = parts.next()?.strip_suffix(" bytes")?.parse().ok()?;
    let mut words = vec![tr.t_args("audit-bytes", &[("n", tr.number(bytes))])];
    for part in parts {
        let (n, unit) = part.split_once(' ')?;
        let n: i64 = n.parse().ok()?;
        words.push(match unit {
            "pages" => tr.count("pages", &n),
            "slides" => tr.count("slides", &n),
            _ => return None,
        });
    }
    Some(words.join(", "))
}

/// "data_analytics until 2027-01-30, ..." in words; empty is "none".
fn competencies_words(tr: &Tr, value: &str) -> Option<String> {
    if value.is_empty() {
        return Some(tr.t("none").into_owned());
    }
    list(value, |item| {
        let (area, date) = item.split_once(" until ")?;
        let area = CompetencyArea::parse(area)?;
        let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
        Some(tr.t_args(
            "audit-competency-until",
            &[
                ("area", competency_label(area).to_string()),
                ("date", tr.date(&date)),
            ],
        ))
    })
}

/// "field: a -> b; field: c -> d" (the program facts) in words.
fn facts_words(tr: &Tr, value: &str) -> Option<String> {
    let fact = |field: &str, v: &str| match v {
        "true" => tr.t("yes").into_owned(),
        "false" => tr.t("no").into_owned(),
        "(none)" | "" => tr.t("none").into_owned(),
        types if field == "partner_types" => types
            .split(',')
            .map(|t| tr.label("partner-type", t.trim()).into_owned())
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    };
    value
        .split("; ")
        .map(|change| {
            let (field, values) = change.split_once(": ")?;
            let (a, b) = values.split_once(" -> ")?;
            let label = match field {
                "name" => tr.t("field-org-name").into_owned(),
                other => tr.t(fact_label(other)?).into_owned(),
            };
            Some(format!("{label}: {} → {}", fact(field, a), fact(field, b)))
        })
        .collect::<Option<Vec<_>>>()
        .map(|changes| changes.join("; "))
}

/// An entry's detail in the reader's words: told again by its shape when it has one, else
/// its codes named (the fallback for details older than their shape).
pub fn detail_words(
    tr: &Tr,
    names: &Names,
    kind: &str,
    solution: Option<SolutionId>,
    detail: &str,
) -> String {
    let word = |name: &str, value: &str| value_words(tr, names, name, value);
    for shape in SHAPES.iter().filter(|s| s.kinds.contains(&kind)) {
        if let Some(values) = fit(&pieces(shape.pattern), detail, &word) {
            let args: Vec<(&str, String)> = values
                .iter()
                .map(|(name, value)| (name.as_str(), value.clone()))
                .collect();
            return tr.t_args(shape.key, &args);
        }
    }
    let named = match solution.and_then(|id| Some((id, names.solutions.get(&id.0)?))) {
        Some((id, name)) => named_solution(detail, id, name),
        None => detail.to_string(),
    };
    codes_in_words(tr, &named)
}

/// `solution 12` in a detail as the offer's name, never `solution 123`'s start; a number in
/// brackets after the offer's own name (`offer "X" (solution 12)`) goes.
fn named_solution(detail: &str, id: SolutionId, name: &str) -> String {
    let detail = detail.replace(&format!(" (solution {id})"), "");
    let pattern = format!("solution {id}");
    let mut out = String::with_capacity(detail.len());
    let mut rest = detail.as_str();
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

/// The lists whose codes a detail may name, with their labels' prefix. Codes without an
/// underscore read like words already and are left alone, so a person's own text in a
/// detail is never rewritten. Built once: code -> the first list that has it.
fn code_list(code: &str) -> Option<&'static str> {
    use crate::domain::offer::Store;
    use crate::domain::reference::{Industry, SolutionArea};
    use crate::domain::solution::{ContactRole, CustomerSize};
    use std::collections::HashMap;
    static LISTS: std::sync::OnceLock<HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        let codes = |list: &'static str, codes: Vec<&'static str>| {
            codes.into_iter().map(move |c| (c, list))
        };
        let all = [
            (
                "review-state",
                ReviewState::ALL.iter().map(|c| c.code()).collect(),
            ),
            (
                "offer-type",
                OfferType::ALL.iter().map(|c| c.code()).collect(),
            ),
            (
                "offer-state",
                OfferState::ALL.iter().map(|c| c.code()).collect(),
            ),
            ("store", Store::ALL.iter().map(|c| c.code()).collect()),
            (
                "document-kind",
                DocumentKind::ALL.iter().map(|c| c.code()).collect(),
            ),
            ("status", Status::ALL.iter().map(|c| c.code()).collect()),
            (
                "contact-role",
                ContactRole::ALL.iter().map(|c| c.code()).collect(),
            ),
            (
                "customer-size",
                CustomerSize::ALL.iter().map(|c| c.code()).collect(),
            ),
            (
                "req-name",
                RequirementId::ALL.iter().map(|r| r.code()).collect(),
            ),
            (
                "solution-area",
                SolutionArea::ALL.iter().map(|c| c.code()).collect(),
            ),
            ("industry", Industry::ALL.iter().map(|c| c.code()).collect()),
            ("audit-kind", crate::services::audit::KINDS.to_vec()),
            (
                "role",
                crate::domain::roles::ALL_ROLES
                    .iter()
                    .map(|r| r.code())
                    .collect(),
            ),
        ];
        let mut map = HashMap::new();
        for (list, members) in all {
            for (code, list) in codes(list, members) {
                map.entry(code).or_insert(list);
            }
        }
        map
    });
    if code.contains('_') {
        lists.get(code).copied()
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

/// A word of a stored detail in the reader's words, when it is a code or a field's name.
fn word_for(tr: &Tr, word: &str) -> Option<String> {
    if let Some(list) = code_list(word) {
        return Some(tr.label(list, word).into_owned());
    }
    if let Some(key) = fact_label(word) {
        return Some(tr.t(key).into_owned());
    }
    if word.contains('_')
        && let Some(area) = CompetencyArea::parse(word)
    {
        return Some(competency_label(area).to_string());
    }
    // The solution page's fields, as a save's detail names them.
    matches!(word, "solution_areas" | "customer_sizes" | "landing_page")
        .then(|| super::field_label(tr, word))
}

/// A detail with every code it names in the reader's words, the rest as stored.
pub fn codes_in_words(tr: &Tr, detail: &str) -> String {
    let mut out = String::with_capacity(detail.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match word_for(tr, word) {
            Some(words) => out.push_str(&words),
            None => out.push_str(word),
        }
        word.clear();
    };
    // States of one word ("draft -> submitted") read like English words, so they are named
    // only where a move puts them: on either side of the arrow.
    let mut detail = detail.to_string();
    let review = ReviewState::ALL.iter().map(|s| ("review-state", s.code()));
    let offer = OfferState::ALL.iter().map(|s| ("offer-state", s.code()));
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
    use crate::i18n::Lang;

    fn names() -> Names {
        let mut names = Names::default();
        names.solutions.insert(3, "Contoso Analytics".into());
        names
    }

    fn told(lang: Lang, kind: &str, detail: &str) -> String {
        detail_words(&Tr::new(lang), &names(), kind, Some(SolutionId(3)), detail)
    }

    /// One detail of every shape, as its service writes it, told in both languages: no code,
    /// no number of a solution or an offer, no English left in Dutch.
    #[test]
    fn every_shape_is_told_in_words_in_both_languages() {
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "solution_created",
                "co-sell solution for offer 7 \"Contoso Analytics\" (solution 3)",
                "Co-sell solution started for the offer “Contoso Analytics”",
                "Co-sell-oplossing begonnen voor de aanbieding “Contoso Analytics”",
            ),
            (
                "solution_saved",
                "solution 3 saved: geographies, customer_sizes changed (1 contact)",
                "“Contoso Analytics” saved: Geographies, Target customer size changed (1 contact)",
                "“Contoso Analytics” opgeslagen: Landen en regio's, Grootte van de doelklant gewijzigd (1 contactpersoon)",
            ),
            (
                "solution_saved",
                "solution 3 saved: nothing changed (2 contacts)",
                "“Contoso Analytics” saved without changes (2 contacts)",
                "“Contoso Analytics” opgeslagen zonder wijzigingen (2 contactpersonen)",
            ),
            (
                "solution_submitted",
                "solution 3: draft -> submitted (version 4)",
                "“Contoso Analytics”: Draft → Submitted (version 4)",
                "“Contoso Analytics”: Concept → Ingediend (versie 4)",
            ),
            (
                "changes_requested",
                "solution 3: in_review -> changes_requested: Fix -> this: please",
                "“Contoso Analytics”: In review → Changes requested. Reason: Fix -> this: please",
                "“Contoso Analytics”: In beoordeling → Wijzigingen gevraagd. Reden: Fix -> this: please",
            ),
            (
                "solution_approved",
                "solution 3: in_review -> approved, awarded azure_ip_co_sell",
                "“Contoso Analytics”: In review → Approved, awarded Azure IP co-sell incentive",
                "“Contoso Analytics”: In beoordeling → Goedgekeurd, toegekend: Azure IP co-sell-incentive",
            ),
            (
                "document_replaced",
                "solution 3: one_pager replaced by deck (1).pdf (2048 bytes, 2 pages)",
                "“Contoso Analytics”: One-pager replaced by deck (1).pdf (2,048 bytes, 2 pages)",
                "“Contoso Analytics”: One-pager vervangen door deck (1).pdf (2.048 bytes, 2 pagina's)",
            ),
            (
                "technical_validation",
                "solution 3: technical validation 72.5% on Azure, passed",
                "“Contoso Analytics”: technical validation 72.5% on Azure, passed",
                "“Contoso Analytics”: technische validatie 72,5% op Azure, geslaagd",
            ),
            (
                "role_change",
                "roles of ann@contoso.example: account_admin,cosell_admin -> manager",
                "Roles of ann@contoso.example: Account admin, Co-sell admin → Manager",
                "Rollen van ann@contoso.example: Accountbeheerder, Co-sellbeheerder → Manager",
            ),
            (
                "offer_published",
                "offer 7 \"Contoso Analytics\": draft -> live",
                "Offer “Contoso Analytics”: Draft → Live",
                "Aanbieding “Contoso Analytics”: Concept → Live",
            ),
        ];
        for (kind, detail, en, nl) in cases {
            let (said_en, said_nl) = (told(Lang::En, kind, detail), told(Lang::Nl, kind, detail));
            assert_eq!(&said_en, en, "{kind}");
            assert_eq!(&said_nl, nl, "{kind}");
        }
    }

    /// Each shape's message exists in both languages and names only the pattern's values.
    #[test]
    fn every_shape_has_its_message_with_its_values() {
        for shape in SHAPES {
            let args: Vec<(&str, String)> = pieces(shape.pattern)
                .iter()
                .filter_map(|p| match p {
                    Piece::Value(name) => Some((*name, format!("<{name}>"))),
                    Piece::Text(_) => None,
                })
                .collect();
            for lang in [Lang::En, Lang::Nl] {
                let text = Tr::new(lang).t_args(shape.key, &args);
                assert_ne!(text, shape.key, "{} in {lang:?}", shape.key);
                assert!(!text.contains('{'), "{} in {lang:?}: {text}", shape.key);
                // Every value a message names is one its pattern reads (an offer's number
                // and a solution's are read to be dropped or named).
                for (name, value) in &args {
                    let dropped = *name == "offer_id"
                        || (*name == "solution" && shape.key == "audit-detail-solution-created");
                    assert!(
                        dropped || text.contains(value.as_str()),
                        "{} in {lang:?} leaves out {name}: {text}",
                        shape.key
                    );
                }
            }
        }
    }

    /// Every kind of entry the log keeps is told by a shape of its own.
    #[test]
    fn every_kind_has_a_shape() {
        for kind in crate::services::audit::KINDS {
            assert!(
                SHAPES.iter().any(|s| s.kinds.contains(kind)),
                "{kind} has no shape"
            );
        }
    }

    #[test]
    fn a_detail_without_a_shape_still_names_its_codes() {
        let en = Tr::new(Lang::En);
        let said = detail_words(
            &en,
            &names(),
            "solution_saved",
            None,
            "an older detail: one_pager",
        );
        assert_eq!(said, "an older detail: One-pager");
        assert_eq!(
            named_solution("solution 12: solution 123 too", SolutionId(12), "X"),
            "“X”: solution 123 too"
        );
        assert_eq!(
            codes_in_words(&en, "offer 7 \"A\": draft -> live; offer 8 left"),
            "offer \"A\": Draft → Live; offer 8 left"
        );
        // Words of a person's own stay as typed.
        assert_eq!(
            codes_in_words(&en, "Reason: retail live my_var"),
            "Reason: retail live my_var"
        );
    }
}
