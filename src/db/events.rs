//! What people are told of (SPEC 12). An event is an audit entry with a [`Notice`]: writing
//! the entry writes, in the same statement batch and so the same transaction, one in-app
//! notification per person it concerns and one mail in the outbox for each of them who has
//! not turned that kind of mail off. Who it concerns is SQL on `users`, one text for both
//! backends, so nobody is told of an event that did not commit, and nobody is forgotten.

use crate::domain::ids::OrgId;

/// Who is told of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Every reviewer (a submission).
    Reviewers,
    /// The co-sell admins of an organization (a claim, a decision, a lapse).
    CosellAdmins(OrgId),
    /// The managers of an organization (revenue imported).
    Managers(OrgId),
}

impl Audience {
    /// The `LIKE` pattern on the comma-joined roles.
    pub fn role_pattern(self) -> &'static str {
        match self {
            Audience::Reviewers => "%,reviewer,%",
            Audience::CosellAdmins(_) => "%,cosell_admin,%",
            Audience::Managers(_) => "%,manager,%",
        }
    }

    pub fn organization(self) -> Option<OrgId> {
        match self {
            Audience::Reviewers => None,
            Audience::CosellAdmins(o) | Audience::Managers(o) => Some(o),
        }
    }
}

/// Whom an audited change is told to, and what the words need (a JSON object: the offer's
/// name, a reason, a status code).
#[derive(Debug, Clone)]
pub struct Notice {
    pub audience: Audience,
    pub args: String,
}

impl Notice {
    pub fn new(audience: Audience, args: serde_json::Value) -> Notice {
        Notice {
            audience,
            args: args.to_string(),
        }
    }
}

/// Audit kinds after which the reviewers' notifications of a solution's submission are done
/// (read): it was decided or left the queue, or a new submission replaces the older one, so
/// the bell never shows two submissions of one solution nor one that needs nobody.
pub const CLOSES_SUBMISSION: &[&str] = &[
    "solution_submitted",
    "solution_approved",
    "changes_requested",
    "solution_withdrawn",
    "withdrawn_by_edit",
];

/// Marks a solution's unread submission notifications done. Binds: time, solution.
pub const SUBMISSION_DONE_SQL: &str = "UPDATE notifications SET read_at = $1 \
     WHERE solution_id = $2 AND kind = 'solution_submitted' AND read_at IS NULL";

/// One notification per person of the audience but the one who acted. Binds: kind,
/// organization, solution, args, time, role pattern, audience organization, actor.
pub const NOTIFY_SQL: &str = "INSERT INTO notifications (user_id, kind, organization_id, solution_id, args, created_at) \
     SELECT u.id, $1, $2, $3, $4, $5 FROM users u \
     WHERE (',' || u.roles || ',') LIKE $6 AND ($7 IS NULL OR u.organization_id = $7) AND u.id <> COALESCE($8, 0)";

/// One mail per person of the audience but the one who acted, unless they turned the kind
/// off; due at once. Binds as [`NOTIFY_SQL`].
pub const MAIL_SQL: &str = "INSERT INTO outbox (recipient, language, kind, organization_id, solution_id, args, created_at, next_attempt_at) \
     SELECT u.email, u.language, $1, $2, $3, $4, $5, $5 FROM users u \
     WHERE (',' || u.roles || ',') LIKE $6 AND ($7 IS NULL OR u.organization_id = $7) AND u.id <> COALESCE($8, 0) \
     AND NOT EXISTS (SELECT 1 FROM mail_opt_outs m WHERE m.user_id = u.id AND m.kind = $1)";
