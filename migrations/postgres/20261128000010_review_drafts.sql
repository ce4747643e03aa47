-- A reviewer's unsent reason for requesting changes and unsent comment on a solution (SPEC 11:
-- "a reviewer's unsent reason or comment is kept"), one row per reviewer and solution. The
-- reason goes when a decision is made, the comment when it is posted.
CREATE TABLE review_drafts (
    solution_id BIGINT NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    saved_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (solution_id, user_id)
);
