//! Ids as types, so a solution's id cannot be passed where an organization's is meant. On the
//! wire and in the database they are plain integers.

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize,
            serde::Deserialize,
        )]
        #[serde(transparent)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub struct $name(pub i64);

        #[cfg(feature = "sqlx")]
        crate::sqlx_codes::integer_ids!($name);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                s.parse().map($name)
            }
        }
    )+};
}

id_type!(
    /// A co-sell solution.
    SolutionId,
    /// A partner organization.
    OrgId,
    /// A person's account (a partner's or the program's).
    UserId,
    /// A marketplace offer.
    OfferId,
    /// One stored version of a solution's document.
    DocumentId,
    /// An invitation to join an organization or the program.
    InvitationId,
    /// An API token.
    TokenId,
    /// A notification in a person's bell.
    NotificationId,
    /// A stored revision of a solution page (what a submission or an approval froze).
    RevisionId,
    /// A mail in the outbox.
    MailId,
    /// One sign-in attempt, counted for throttling.
    AttemptId,
    /// An entry of the audit log.
    AuditId,
    /// An event of the public contract (SPEC 15): ids grow and are never reused.
    EventId,
    /// A co-sell referral (SPEC 13).
    ReferralId,
    /// A comment on a referral.
    ReferralCommentId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_write_as_plain_integers() {
        let id: SolutionId = "42".parse().expect("digits");
        assert_eq!(id, SolutionId(42));
        assert_eq!(id.to_string(), "42");
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        assert_eq!(serde_json::from_str::<SolutionId>("42").unwrap(), id);
        assert!("4x".parse::<SolutionId>().is_err());
    }
}
