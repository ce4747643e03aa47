//! Where the outbox's mails go: SMTP through lettre when `SMTP_URL` is set, otherwise the
//! log. Below the application state (which holds one), above nothing of the portal's but its
//! settings: the outbox, its words and its senders are `services::mail`.

use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

const SMTP_TIMEOUT_SECONDS: u64 = 30;

/// One mail, ready to send.
#[derive(Debug, Clone)]
pub struct Composed {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Where mails go and how their links begin.
pub struct Mailer {
    /// The portal's address as people reach it, for links (`PUBLIC_URL`).
    pub public_url: String,
    pub from: Mailbox,
    smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
}

impl Mailer {
    pub fn from_settings(s: &crate::config::Settings) -> anyhow::Result<Mailer> {
        Mailer::new(s.smtp_url.as_deref(), &s.mail_from, &s.public_url)
    }

    /// `smtp_url`: `smtp://host:25`, `smtps://user:pass@host` (lettre's forms); None writes
    /// mails to the log.
    pub fn new(smtp_url: Option<&str>, from: &str, public_url: &str) -> anyhow::Result<Mailer> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("MAIL_FROM: {from:?} is not a mail address: {e}"))?;
        let smtp = smtp_url
            .map(|url| {
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map(|b| {
                        b.timeout(Some(std::time::Duration::from_secs(SMTP_TIMEOUT_SECONDS)))
                            .build()
                    })
                    .map_err(|e| anyhow::anyhow!("SMTP_URL: {e}"))
            })
            .transpose()?;
        Ok(Mailer {
            public_url: public_url.trim_end_matches('/').to_string(),
            from,
            smtp,
        })
    }

    /// Whether mails leave the portal (else they go to the log).
    pub fn sends(&self) -> bool {
        self.smtp.is_some()
    }

    /// Sends one mail (or, without SMTP, writes it to the log).
    pub async fn send(&self, mail: &Composed) -> Result<(), String> {
        let Some(smtp) = &self.smtp else {
            tracing::info!(to = %mail.to, subject = %mail.subject, "mail (no SMTP_URL):\n{}", mail.text);
            return Ok(());
        };
        let to: Mailbox = mail
            .to
            .parse()
            .map_err(|e| format!("recipient {:?}: {e}", mail.to))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .multipart(MultiPart::alternative_plain_html(
                mail.text.clone(),
                mail.html.clone(),
            ))
            .map_err(|e| e.to_string())?;
        smtp.send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
