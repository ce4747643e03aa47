-- Notifications (SPEC 12). An event (a submission, a claim, a decision, a lapse, a revenue
-- import) is written with its audit entry, in the same transaction: one notification per
-- person it concerns, and one mail in the outbox for each of them who has not turned that
-- kind of mail off. A background worker sends the outbox; a mail is taken by one sender at a
-- time (`locked_until`), retried with backoff until it is sent, and never deleted unsent.

-- The language of a person's mails and notifications, set by the language switch.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en';

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    organization_id INTEGER,
    solution_id INTEGER,
    -- What the words need (the offer's name, a reason, a status), as a JSON object.
    args TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    read_at TIMESTAMPTZ
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- Kinds of mail a person has turned off (the in-app notification stays).
CREATE TABLE mail_opt_outs (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    recipient TEXT NOT NULL,
    language TEXT NOT NULL,
    kind TEXT NOT NULL,
    organization_id INTEGER,
    solution_id INTEGER,
    args TEXT NOT NULL,
    -- The single-use token of an invitation or a password reset, for the mail's link only:
    -- cleared once the mail has left through SMTP (the database keeps its hash elsewhere).
    secret TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    -- Taken by a sender until then; a sender that dies leaves it to the next after that.
    locked_until TIMESTAMPTZ,
    sent_at TIMESTAMPTZ,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_created ON outbox (created_at);

-- Invitations: an account admin (or a program admin) invites by email and roles; the link
-- is single-use, valid 7 days, and only its SHA-256 is stored.
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    roles TEXT NOT NULL,
    organization_id INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    invited_by TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    accepted_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX invitations_organization ON invitations (organization_id, created_at);

-- Password resets: a link valid 1 hour, single-use, only its SHA-256 stored.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX password_resets_user ON password_resets (user_id);

-- The lapse forecast warns once per cause: the solution, the requirement, the fact and the
-- day of the lapse. The key makes a second run, or a second instance, warn no one again.
CREATE TABLE forecast_warnings (
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    requirement TEXT NOT NULL,
    fact TEXT NOT NULL,
    lapse_on DATE NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (solution_id, requirement, fact, lapse_on)
);
