//! The words of an event (SPEC 12), the same for the bell's list and for mail: a title, a
//! body, why the person is told, and the page it is about. Events are stored as a kind and
//! its arguments (see `db::events`); they are put into words when shown or sent, in the
//! language the person chose, so a code (a status, a kind) never reaches them.

use crate::auth::CurrentUser;
use crate::db::events::{Notice, Said};
use crate::db::{self, notifications::MailRow};
use crate::domain::event::EventData;
use crate::domain::ids::NotificationId;
use crate::domain::ids::{OrgId, SolutionId};
use crate::domain::reference::{CompetencyArea, competency_label};
use crate::domain::roles::Role;
use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, Tr};
use crate::state::AppState;
use chrono::{DateTime, Utc};

/// Kinds of event a person is told of; each can be turned off for mail (the notification in
/// the app stays).
pub const EVENT_KINDS: &[&str] = &[
    "solution_submitted",
    "solution_claimed",
    "solution_approved",
    "changes_requested",
    "shown_status_lowered",
    "lapse_forecast",
    "revenue_imported",
    "referral_created",
    "referral_accepted",
    "referral_declined",
    "referral_expired",
    "referral_updated",
    "referral_won",
    "referral_lost",
    "referral_commented",
    "referral_reminder",
];

/// Mails to one address that carry a single-use link; they cannot be turned off.
pub const LINK_KINDS: &[&str] = &["invitation", "password_reset"];

/// Arguments that hold a status code, named in words before they reach a message.
const STATUS_ARGS: &[&str] = &["status", "from", "to"];
/// Arguments that hold a date (`YYYY-MM-DD`), written as the language writes dates.
const DATE_ARGS: &[&str] = &["date", "expires", "answer_by"];
/// Arguments that hold an amount in cents.
const MONEY_ARGS: &[&str] = &["consumed", "billed", "threshold"];

/// One argument in words: codes named, dates and amounts written as the language writes them.
fn arg_words(tr: &Tr, name: &str, value: &serde_json::Value) -> String {
    use serde_json::Value;
    match value {
        Value::String(s) if STATUS_ARGS.contains(&name) => tr.label("status", s).into_owned(),
        // Competency areas go by Microsoft's names in every language.
        Value::String(s) if name == "area" => {
            CompetencyArea::parse(s).map_or_else(|| s.clone(), |a| competency_label(a).to_string())
        }
        Value::String(s) if DATE_ARGS.contains(&name) => {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_or_else(|_| s.clone(), |d| tr.date(&d))
        }
        Value::Number(n) if MONEY_ARGS.contains(&name) => {
            n.as_i64().map_or_else(|| n.to_string(), |c| tr.usd(&c))
        }
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// One line: the bell's entry and the mail's subject.
    pub title: String,
    /// What happened, in full (a reason, a status).
    pub body: String,
    /// Why this person is told.
    pub why: String,
    /// The page it is about (a path on the portal).
    pub link: String,
}

/// Puts an event into words. `token` is the token of an invitation's or reset's link.
pub fn words(
    tr: &Tr,
    kind: &str,
    args: &str,
    solution_id: Option<SolutionId>,
    organization_id: Option<OrgId>,
    token: Option<&str>,
) -> Words {
    let parsed: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(args).unwrap_or_default();
    let mut args: Vec<(&str, String)> = parsed
        .iter()
        .map(|(name, value)| (name.as_str(), arg_words(tr, name, value)))
        .collect();
    // A forecast's reason: its cause in words, and whether revenue was counted as zero.
    if let Some(cause) = parsed.get("cause").and_then(|c| c.as_str()) {
        let mut reason = tr.t_args(&format!("forecast-cause-{cause}"), &args);
        if parsed.get("not_imported") == Some(&serde_json::Value::Bool(true)) {
            reason = format!("{reason} {}", tr.t("forecast-not-imported"));
        }
        args.push(("reason", reason));
    }
    Words {
        title: tr.t_args(&format!("notice-{kind}"), &args),
        body: tr.t_args(&format!("notice-{kind}-body"), &args),
        why: tr.t(&format!("notice-{kind}-why")).into_owned(),
        link: match (kind, token) {
            ("invitation", Some(token)) => format!("/invitations/{token}"),
            ("password_reset", Some(token)) => format!("/password/reset/{token}"),
            // Without the token (the outbox page never has one): the
            // page where one starts again.
            ("invitation", None) => "/login".to_string(),
            ("password_reset", None) => "/password/forgot".to_string(),
            // A referral's notice: its page.
            _ => match parsed.get("referral_id").and_then(|id| id.as_i64()) {
                Some(referral) => format!("/referrals/{referral}"),
                None => link(kind, solution_id, organization_id),
            },
        },
    }
}

/// An event in the words its notice would have (the dashboard shows lapses ahead so), or
/// None for an event nobody is told of.
pub fn words_of(
    tr: &Tr,
    event: &EventData,
    said: &Said,
    organization_id: Option<OrgId>,
) -> Option<Words> {
    let notice = Notice::of(event, organization_id, said)?;
    Some(words(
        tr,
        notice.kind,
        &notice.args,
        event.solution_id(),
        organization_id,
        None,
    ))
}

/// The page an event is about.
pub fn link(kind: &str, solution_id: Option<SolutionId>, organization_id: Option<OrgId>) -> String {
    match (kind, solution_id, organization_id) {
        ("solution_submitted", Some(s), _) => format!("/review/{s}"),
        (_, Some(s), _) => format!("/solutions/{s}"),
        ("revenue_imported", None, Some(o)) => format!("/organizations/{o}/revenue"),
        _ => "/notifications".to_string(),
    }
}

/// The role that hears of a kind of event (see `db::events::Audience`).
fn heard_by(kind: &str) -> Role {
    match kind {
        "solution_submitted" => Role::Reviewer,
        "revenue_imported" => Role::Manager,
        _ => Role::CosellAdmin,
    }
}

/// The kinds of event a person is told of, by their roles.
pub fn kinds_for(user: &CurrentUser) -> Vec<&'static str> {
    EVENT_KINDS
        .iter()
        .copied()
        .filter(|k| user.has(heard_by(k)))
        .collect()
}

/// How many notifications the bell page lists.
pub const LIST_MAX: i64 = 100;

/// A notification, in words.
pub struct Notification {
    pub id: NotificationId,
    pub words: Words,
    pub at: DateTime<Utc>,
    pub unread: bool,
}

/// The person's newest notifications, in the language they chose for them.
pub async fn list(state: &AppState, user: &CurrentUser) -> AppResult<Vec<Notification>> {
    let tr = Tr::new(Lang::parse(&user.language).unwrap_or_default());
    Ok(db::notifications::list(&state.db, user.id, LIST_MAX)
        .await?
        .into_iter()
        .map(|n| Notification {
            id: n.id,
            words: words(
                &tr,
                &n.kind,
                &n.args,
                n.solution_id,
                n.organization_id,
                None,
            ),
            at: n.created_at,
            unread: n.read_at.is_none(),
        })
        .collect())
}

/// Marks one notification of the person's (or all of them, with `None`) read.
pub async fn mark_read(
    state: &AppState,
    user: &CurrentUser,
    id: Option<NotificationId>,
) -> AppResult<()> {
    db::notifications::mark_read(&state.db, user.id, id).await?;
    Ok(())
}

/// Opens one of the person's notifications: marks it read and answers the page it is about
/// (404 for another person's).
pub async fn open(state: &AppState, user: &CurrentUser, id: NotificationId) -> AppResult<String> {
    let row = db::notifications::find(&state.db, user.id, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if row.read_at.is_none() {
        db::notifications::mark_read(&state.db, user.id, Some(id)).await?;
    }
    Ok(link(&row.kind, row.solution_id, row.organization_id))
}

/// Remembers the language of the person's mails and notifications (the language switch).
pub async fn set_language(state: &AppState, user: &CurrentUser, lang: Lang) -> AppResult<()> {
    if user.language != lang.code() {
        db::notifications::set_language(&state.db, user.id, lang.code()).await?;
    }
    Ok(())
}

/// Each kind of mail the person can get, and whether it is on.
pub async fn mail_choices(
    state: &AppState,
    user: &CurrentUser,
) -> AppResult<Vec<(&'static str, bool)>> {
    let off = db::notifications::opt_outs(&state.db, user.id).await?;
    Ok(kinds_for(user)
        .into_iter()
        .map(|k| (k, !off.iter().any(|o| o == k)))
        .collect())
}

/// Keeps the kinds in `on` on and turns the person's other kinds off. Kinds that are not
/// theirs or unknown are ignored.
pub async fn set_mail_choices(
    state: &AppState,
    user: &CurrentUser,
    on: &[String],
) -> AppResult<()> {
    let off: Vec<&str> = kinds_for(user)
        .into_iter()
        .filter(|k| !on.iter().any(|o| o == k))
        .collect();
    db::notifications::set_opt_outs(&state.db, user.id, &off).await?;
    Ok(())
}

/// How many mails the outbox page lists.
pub const OUTBOX_MAX: i64 = 200;

/// The newest mails, for program admins.
pub async fn outbox(state: &AppState, actor: &CurrentUser) -> AppResult<Vec<MailRow>> {
    actor.require(&[Role::ProgramAdmin])?;
    Ok(db::notifications::outbox(&state.db, OUTBOX_MAX).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{LANGS, Lang};

    #[test]
    fn every_event_has_words_in_both_languages() {
        for lang in LANGS {
            let tr = Tr::new(*lang);
            for kind in EVENT_KINDS.iter().chain(LINK_KINDS) {
                let args = r#"{"offer": "Contoso Analytics", "reviewer": "r@program.example",
                    "reason": "Add a deck", "status": "co_sell_ready", "from": "co_sell_ready",
                    "to": "marketplace", "rows": 3, "inviter": "aa@contoso.example",
                    "organization": "Contoso", "roles": "Developer", "until": "5 Dec 2026",
                    "email": "new@contoso.example", "date": "2027-01-31", "cause": "competency",
                    "area": "devops", "expires": "2027-01-30", "customer": "Contoso Pharma",
                    "answer_by": "2027-01-10", "referral_id": 5}"#;
                let w = words(&tr, kind, args, Some(SolutionId(1)), Some(OrgId(2)), None);
                for (part, text) in [("title", &w.title), ("body", &w.body), ("why", &w.why)] {
                    assert!(
                        !text.is_empty() && !text.contains("notice-"),
                        "{kind} {part} in {lang:?}: {text}"
                    );
                }
                assert!(
                    LINK_KINDS.contains(kind)
                        || !tr.t(&format!("mail-kind-{kind}")).starts_with("mail-kind-"),
                    "{kind} in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn statuses_are_named_and_links_point_at_the_page() {
        // (kind, args, solution, organization, words shown, link)
        type Case<'a> = (&'a str, &'a str, Option<i64>, Option<i64>, &'a str, &'a str);
        let table: &[Case] = &[
            (
                "referral_reminder",
                r#"{"offer":"Contoso Analytics","customer":"Fabrikam","answer_by":"2027-01-10","referral_id":12}"#,
                Some(7),
                Some(3),
                "10 Jan 2027",
                "/referrals/12",
            ),
            (
                "solution_approved",
                r#"{"offer":"Contoso Analytics","status":"co_sell_ready"}"#,
                Some(7),
                Some(3),
                "Co-sell ready",
                "/solutions/7",
            ),
            (
                "changes_requested",
                r#"{"offer":"Contoso Analytics","reason":"Add a deck"}"#,
                Some(7),
                Some(3),
                "Add a deck",
                "/solutions/7",
            ),
            (
                "solution_submitted",
                r#"{"offer":"Contoso Analytics"}"#,
                Some(7),
                Some(3),
                "Contoso Analytics",
                "/review/7",
            ),
            (
                "revenue_imported",
                r#"{"rows":12}"#,
                None,
                Some(3),
                "12",
                "/organizations/3/revenue",
            ),
        ];
        let tr = Tr::new(Lang::En);
        for (kind, args, solution, org, shown, link) in table {
            let w = words(
                &tr,
                kind,
                args,
                solution.map(SolutionId),
                org.map(OrgId),
                None,
            );
            assert!(
                w.title.contains(shown) || w.body.contains(shown),
                "{kind}: {w:?}"
            );
            assert!(!w.body.contains("co_sell_ready"), "{kind}: {w:?}");
            assert_eq!(w.link, *link);
        }
    }
}
