-- Reviewers' internal comments on a solution (never shown to partners), and indexes the audit
-- log page filters on.

CREATE TABLE review_comments (
    id INTEGER PRIMARY KEY,
    solution_id INTEGER NOT NULL REFERENCES solutions (id),
    author_email TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX review_comments_solution ON review_comments (solution_id, created_at);

CREATE INDEX audit_log_kind ON audit_log (kind, at);
CREATE INDEX audit_log_actor ON audit_log (actor_email, at);
