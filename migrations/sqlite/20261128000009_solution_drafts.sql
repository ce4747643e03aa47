-- What a partner typed on a solution page that autosave could not save (SPEC 4 "Never lose a
-- draft"): the form as posted, one per user and solution, until it is saved or discarded.
CREATE TABLE solution_drafts (
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    form TEXT NOT NULL,
    saved_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (solution_id, user_id)
);
