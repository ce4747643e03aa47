-- Review workflow: the submitted and approved revisions (frozen snapshots), the claim, the
-- reason given to the partner, and the status awarded on approval.

CREATE TABLE solution_revisions (
    id INTEGER PRIMARY KEY,
    solution_id INTEGER NOT NULL REFERENCES solutions (id),
    snapshot TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    created_by_email TEXT
);
CREATE INDEX solution_revisions_solution ON solution_revisions (solution_id, id);

ALTER TABLE solutions ADD COLUMN submitted_at TIMESTAMPTZ;
ALTER TABLE solutions ADD COLUMN submitted_revision_id INTEGER;
ALTER TABLE solutions ADD COLUMN claimed_by_email TEXT;
ALTER TABLE solutions ADD COLUMN claimed_at TIMESTAMPTZ;
ALTER TABLE solutions ADD COLUMN review_reason TEXT;
ALTER TABLE solutions ADD COLUMN awarded_status TEXT;
ALTER TABLE solutions ADD COLUMN approved_revision_id INTEGER;
ALTER TABLE solutions ADD COLUMN approved_at TIMESTAMPTZ;
-- The queue: submitted and claimed solutions, oldest first.
CREATE INDEX solutions_queue ON solutions (review_state, submitted_at);
