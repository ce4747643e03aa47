//! What an action did, told once on the page it leads to (SPEC 11: "submitted", "published",
//! "imported 12 contacts"). The redirect after a form post sets a short-lived cookie naming the
//! message; the next page shows it, and any answer that is not itself a redirect removes it.
//! The cookie holds a message key from the list below (and a count), never text, so a forged
//! one can show nothing but one of these sentences.

use crate::auth::{host_cookie, removal_cookie};
use crate::i18n::Tr;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse};

pub const FLASH_COOKIE: &str = "__Host-cosell_flash";

/// The messages an action can leave, each a translation key (`flash-...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flash {
    Saved,
    SavedAndWithdrawn,
    Submitted,
    Withdrawn,
    ValidationRecorded,
    ContactsImported(u64),
    OfferCreated,
    OfferPublished,
    OfferStopped,
    SolutionStarted,
    ProfileSaved,
    LogoSaved,
    CompetenciesSaved,
    OrganizationSaved,
    OrganizationCreated,
    PasswordChanged,
    UserRemoved,
    RolesChanged,
    DraftDiscarded,
    Claimed,
    NothingToClaim,
    Approved,
    ChangesRequested,
    CommentAdded,
    NotificationsRead,
    MailsSaved,
    InvitationSent,
    InvitationRevoked,
    Welcome,
    PasswordReset,
}

const KEYS: &[(Flash, &str)] = &[
    (Flash::Saved, "flash-saved"),
    (Flash::SavedAndWithdrawn, "flash-saved-withdrawn"),
    (Flash::Submitted, "flash-submitted"),
    (Flash::Withdrawn, "flash-withdrawn"),
    (Flash::ValidationRecorded, "flash-validation-recorded"),
    (Flash::ContactsImported(0), "flash-contacts-imported"),
    (Flash::OfferCreated, "flash-offer-created"),
    (Flash::OfferPublished, "flash-offer-published"),
    (Flash::OfferStopped, "flash-offer-stopped"),
    (Flash::SolutionStarted, "flash-solution-started"),
    (Flash::ProfileSaved, "flash-profile-saved"),
    (Flash::LogoSaved, "flash-logo-saved"),
    (Flash::CompetenciesSaved, "flash-competencies-saved"),
    (Flash::OrganizationSaved, "flash-organization-saved"),
    (Flash::OrganizationCreated, "flash-organization-created"),
    (Flash::PasswordChanged, "flash-password-changed"),
    (Flash::UserRemoved, "flash-user-removed"),
    (Flash::RolesChanged, "flash-roles-changed"),
    (Flash::DraftDiscarded, "flash-draft-discarded"),
    (Flash::Claimed, "flash-claimed"),
    (Flash::NothingToClaim, "flash-nothing-to-claim"),
    (Flash::Approved, "flash-approved"),
    (Flash::ChangesRequested, "flash-changes-requested"),
    (Flash::CommentAdded, "flash-comment-added"),
    (Flash::NotificationsRead, "flash-notifications-read"),
    (Flash::MailsSaved, "flash-mails-saved"),
    (Flash::InvitationSent, "flash-invitation-sent"),
    (Flash::InvitationRevoked, "flash-invitation-revoked"),
    (Flash::Welcome, "flash-welcome"),
    (Flash::PasswordReset, "flash-password-reset"),
];

impl Flash {
    /// The message without its count, to look the key up.
    fn kind(self) -> Flash {
        match self {
            Flash::ContactsImported(_) => Flash::ContactsImported(0),
            other => other,
        }
    }

    fn count(self) -> Option<u64> {
        match self {
            Flash::ContactsImported(n) => Some(n),
            _ => None,
        }
    }

    fn key(self) -> &'static str {
        let kind = self.kind();
        KEYS.iter()
            .find(|(f, _)| *f == kind)
            .map_or("flash-saved", |(_, k)| k)
    }

    /// The cookie's value: `key` or `key:count`.
    pub fn encode(self) -> String {
        match self.count() {
            Some(n) => format!("{}:{n}", self.key()),
            None => self.key().to_string(),
        }
    }

    pub fn decode(value: &str) -> Option<Flash> {
        let (key, count) = match value.split_once(':') {
            Some((k, n)) => (k, Some(n.parse::<u64>().ok()?)),
            None => (value, None),
        };
        let (flash, _) = KEYS.iter().find(|(_, k)| *k == key)?;
        match (*flash, count) {
            (Flash::ContactsImported(_), Some(n)) => Some(Flash::ContactsImported(n)),
            (Flash::ContactsImported(_), None) | (_, Some(_)) => None,
            (other, None) => Some(other),
        }
    }

    pub fn message(self, tr: &Tr) -> String {
        match self.count() {
            Some(n) => tr.count(self.key(), &i64::try_from(n).unwrap_or(i64::MAX)),
            None => tr.t(self.key()).into_owned(),
        }
    }
}

/// The message the request brings to show, if any.
pub fn of_request(req: &HttpRequest, tr: &Tr) -> Option<String> {
    req.cookie(FLASH_COOKIE)
        .and_then(|c| Flash::decode(c.value()))
        .map(|f| f.message(tr))
}

/// 303 See Other to `location`, telling `flash` there.
pub fn redirect(location: &str, flash: Flash) -> HttpResponse {
    let mut res = crate::http::see_other(location);
    // A well-formed cookie always goes into a header.
    let _ = res.add_cookie(&host_cookie(FLASH_COOKIE, flash.encode()));
    res
}

/// Middleware: a page shown with the message removes it; a redirect keeps (or sets) it.
pub async fn forget_shown(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let brought = req.cookie(FLASH_COOKIE).is_some();
    let mut res = next.call(req).await?;
    if brought && !res.status().is_redirection() {
        let _ = res
            .response_mut()
            .add_removal_cookie(&removal_cookie(FLASH_COOKIE));
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_go_through_the_cookie_and_back() {
        for (flash, _) in KEYS {
            assert_eq!(Flash::decode(&flash.encode()), Some(*flash));
        }
        let imported = Flash::ContactsImported(12);
        assert_eq!(imported.encode(), "flash-contacts-imported:12");
        assert_eq!(Flash::decode("flash-contacts-imported:12"), Some(imported));
        for forged in [
            "",
            "err-internal",
            "flash-saved:3",
            "flash-contacts-imported",
            "flash-contacts-imported:x",
            "<script>",
        ] {
            assert_eq!(Flash::decode(forged), None, "{forged}");
        }
    }

    #[test]
    fn every_message_has_words_in_both_languages() {
        for lang in crate::i18n::LANGS {
            let tr = Tr::new(*lang);
            for (flash, key) in KEYS {
                let text = flash.message(&tr);
                assert!(!text.is_empty() && !text.contains(key), "{key} in {lang:?}");
            }
        }
        let tr = Tr::new(crate::i18n::Lang::En);
        assert!(Flash::ContactsImported(3).message(&tr).contains('3'));
    }
}
