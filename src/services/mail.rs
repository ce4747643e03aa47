//! Sending the outbox (SPEC 12): SMTP through lettre when `SMTP_URL` is set, otherwise the
//! log (the outbox page shows every mail either way). Each mail has a plain-text and an HTML
//! part in the recipient's language, says why it was sent, links to its page and to where
//! that kind of mail is turned off. Senders take due mails for a lease, so several instances
//! never send one mail twice at once, and a failed try is retried with growing pauses.

use crate::db::{self, notifications::MailRow};
use crate::domain::ids::MailId;
use crate::error::AppResult;
use crate::i18n::{Lang, Tr};
use crate::services::notices::{self, Words};
use crate::state::AppState;
use askama::Template;
use chrono::{DateTime, Duration, Utc};

/// How long a sender holds the mails it took: longer than a try can take (the SMTP timeout).
const LEASE_SECONDS: i64 = 120;
/// Mails taken per pass.
const BATCH: i64 = 20;

pub use crate::mailer::{Composed, Mailer};

#[derive(Template)]
#[template(path = "mail.html")]
struct MailHtml<'a> {
    lang: &'a str,
    w: &'a Words,
    open_label: String,
    open_href: String,
    turn_off_label: String,
    turn_off_href: String,
    can_turn_off: bool,
}

/// Puts a mail of the outbox into words, in its recipient's language; `token` is the token
/// of its link (an invitation, a reset), made as it is sent.
pub fn compose(public_url: &str, row: &MailRow, token: Option<&str>) -> Composed {
    let lang = Lang::parse(&row.language).unwrap_or_default();
    let tr = Tr::new(lang);
    let w = notices::words(
        &tr,
        &row.kind,
        &row.args,
        row.solution_id,
        row.organization_id,
        token,
    );
    let can_turn_off = !notices::LINK_KINDS.contains(&row.kind.as_str());
    let open_href = format!("{public_url}{}", w.link);
    let turn_off_href = format!("{public_url}/account#mails");
    let mut text = format!(
        "{}\n\n{}\n\n{}: {open_href}\n\n-- \n{}\n",
        w.title,
        w.body,
        tr.t("mail-open"),
        w.why,
    );
    if can_turn_off {
        text.push_str(&format!("{}: {turn_off_href}\n", tr.t("mail-turn-off")));
    }
    let html = MailHtml {
        lang: lang.code(),
        w: &w,
        open_label: tr.t("mail-open").into_owned(),
        open_href,
        turn_off_label: tr.t("mail-turn-off").into_owned(),
        turn_off_href,
        can_turn_off,
    }
    .render()
    .unwrap_or_else(|_| text.clone());
    Composed {
        to: row.recipient.clone(),
        subject: w.title.clone(),
        text,
        html,
    }
}

/// A mail as the outbox page shows it: an invitation's or reset's link is never there (the
/// outbox keeps no token; without SMTP the link is in the log, once, as the mail was sent).
pub fn compose_for_outbox_page(public_url: &str, row: &MailRow) -> Composed {
    compose(public_url, row, None)
}

/// The pause after the `attempts`-th failed try: 10 s, doubling, at most an hour.
pub fn retry_after(attempts: i32) -> Duration {
    let doublings = attempts.clamp(1, 10) - 1;
    Duration::seconds((10i64 << doublings).min(3600))
}

/// The link a mail carries as it is sent.
enum Link {
    /// The mail has no link.
    None,
    /// A token made now (see `db::invitations::renew_link`).
    Token(String),
    /// The invitation or reset was used, revoked or expired (or the mail lost its link in an
    /// upgrade): nothing is left to send.
    Closed,
}

async fn link_token(state: &AppState, row: &MailRow, now: DateTime<Utc>) -> AppResult<Link> {
    if !notices::LINK_KINDS.contains(&row.kind.as_str()) {
        return Ok(Link::None);
    }
    let Some(hash) = &row.link_hash else {
        return Ok(Link::Closed);
    };
    let token = db::invitations::renew_link(&state.db, row.id, &row.kind, hash, now).await?;
    Ok(token.map_or(Link::Closed, Link::Token))
}

/// One pass of a sender: takes the due mails and sends them. Returns how many went out.
pub async fn deliver_due(state: &AppState) -> AppResult<usize> {
    let (keep_going, stop) = tokio::sync::watch::channel(false);
    let sent = deliver(state, stop).await;
    drop(keep_going);
    sent
}

/// A pass that ends when `stop` turns true: the mail being sent then is dropped mid-way and,
/// with the others taken and not tried, handed back (due again at once for any sender; a
/// mail goes out at least once, so one the server had already accepted may go twice).
async fn deliver(
    state: &AppState,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> AppResult<usize> {
    let now = Utc::now();
    let taken = db::notifications::take_due(
        &state.db,
        now,
        now + Duration::seconds(LEASE_SECONDS),
        BATCH,
    )
    .await?;
    let mut sent = 0;
    for (n, row) in taken.iter().enumerate() {
        let done = tokio::select! {
            biased;
            _ = stop.wait_for(|stopped| *stopped) => None,
            done = deliver_one(state, row, now) => Some(done?),
        };
        match done {
            Some(went) => sent += usize::from(went),
            None => {
                let left: Vec<MailId> = taken[n..].iter().map(|r| r.id).collect();
                let handed = db::notifications::hand_back(&state.db, &left).await?;
                tracing::info!(mails = handed, "stopping: mails handed back to the outbox");
                break;
            }
        }
    }
    Ok(sent)
}

/// Sends one mail taken from the outbox; true when it went out.
async fn deliver_one(state: &AppState, row: &MailRow, now: DateTime<Utc>) -> AppResult<bool> {
    let token = match link_token(state, row, now).await? {
        Link::Closed => {
            tracing::info!(
                mail = row.id.0,
                "its link was used, revoked or expired; not sent"
            );
            db::notifications::sent(&state.db, row.id, Utc::now()).await?;
            return Ok(false);
        }
        Link::None => None,
        Link::Token(token) => Some(token),
    };
    let mail = compose(&state.mail.public_url, row, token.as_deref());
    match state.mail.send(&mail).await {
        Ok(()) => {
            db::notifications::sent(&state.db, row.id, Utc::now()).await?;
            Ok(true)
        }
        Err(error) => {
            tracing::warn!(mail = row.id.0, attempts = row.attempts, %error, "mail not sent; will retry");
            let retry_at = Utc::now() + retry_after(row.attempts);
            db::notifications::failed(&state.db, row.id, &error, retry_at).await?;
            Ok(false)
        }
    }
}

/// The outbox's sender, running until [`MailSender::stop`].
pub struct MailSender {
    stop: tokio::sync::watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl MailSender {
    /// Stops the sender: a mail being sent is dropped, and every mail it took and did not
    /// send is handed back to the outbox for another instance (or the next start).
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// Sends the outbox every few seconds until stopped.
pub fn spawn_sender(state: AppState, every: std::time::Duration) -> MailSender {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let task = actix_web::rt::spawn(async move {
        let mut tick = tokio::time::interval(every);
        let mut waiting = stopped.clone();
        loop {
            tokio::select! {
                biased;
                _ = waiting.wait_for(|stopped| *stopped) => break,
                _ = tick.tick() => {}
            }
            match deliver(&state, stopped.clone()).await {
                // A pass that sent a batch (the start-up forecast can queue thousands)
                // hands back what it freed, as the other background jobs do.
                Ok(sent) if sent > 0 => crate::memory::release_freed(),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "outbox pass skipped"),
            }
        }
    });
    MailSender { stop, task }
}

/// When a mail of the outbox page went or will go: for its state column.
pub fn state_words(tr: &Tr, row: &MailRow, sends: bool) -> String {
    let at = |t: &DateTime<Utc>| tr.moment(t);
    match (&row.sent_at, &row.last_error) {
        (Some(t), _) if sends => tr.t_args("outbox-sent", &[("at", at(t))]),
        (Some(t), _) => tr.t_args("outbox-logged", &[("at", at(t))]),
        (None, Some(error)) => tr.t_args(
            "outbox-retrying",
            &[
                ("attempts", row.attempts.to_string()),
                ("error", error.clone()),
                ("at", at(&row.next_attempt_at)),
            ],
        ),
        (None, None) => tr.t("outbox-waiting").into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let table = [
            (0, 10),
            (1, 10),
            (2, 20),
            (3, 40),
            (7, 640),
            (9, 2560),
            (10, 3600),
            (50, 3600),
        ];
        for (attempts, seconds) in table {
            assert_eq!(
                retry_after(attempts),
                Duration::seconds(seconds),
                "{attempts}"
            );
        }
    }

    #[test]
    fn a_mail_is_in_its_recipients_language_with_its_links() {
        let row = MailRow {
            id: crate::domain::ids::MailId(1),
            recipient: "maker@contoso.example".into(),
            language: "nl".into(),
            kind: "changes_requested".into(),
            organization_id: Some(crate::domain::ids::OrgId(3)),
            solution_id: Some(crate::domain::ids::SolutionId(7)),
            args: r#"{"offer":"Contoso <Analytics>","reason":"Voeg een pitchdeck toe"}"#.into(),
            link_hash: None,
            created_at: Utc::now(),
            attempts: 0,
            next_attempt_at: Utc::now(),
            sent_at: None,
            last_error: None,
        };
        let m = compose("https://portal.example", &row, None);
        assert_eq!(m.subject, "Wijzigingen gevraagd voor Contoso <Analytics>");
        assert!(m.text.contains("Voeg een pitchdeck toe"), "{}", m.text);
        assert!(
            m.text.contains("https://portal.example/solutions/7"),
            "{}",
            m.text
        );
        assert!(
            m.text.contains("https://portal.example/account#mails"),
            "{}",
            m.text
        );
        assert!(!m.html.contains("<Analytics>"), "escaped: {}", m.html);
        assert!(m.html.contains("lang=\"nl\""), "{}", m.html);
    }
}
