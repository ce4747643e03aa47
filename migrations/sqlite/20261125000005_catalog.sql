-- The internal catalog: one row per approved solution, written from its approved revision, so
-- a draft being edited never shows. Tags and full-text search make the filters use indexes.

CREATE TABLE catalog_entries (
    solution_id INTEGER PRIMARY KEY REFERENCES solutions (id),
    organization_id INTEGER NOT NULL,
    organization_name TEXT NOT NULL,
    offer_id INTEGER NOT NULL,
    offer_name TEXT NOT NULL,
    offer_type TEXT NOT NULL,
    pitch TEXT NOT NULL,
    awarded_status TEXT NOT NULL,
    revision_id INTEGER NOT NULL,
    approved_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX catalog_offer_type ON catalog_entries (offer_type, approved_at);
CREATE INDEX catalog_approved_at ON catalog_entries (approved_at);

CREATE TABLE catalog_tags (
    solution_id INTEGER NOT NULL REFERENCES catalog_entries (solution_id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (kind, code, solution_id)
);
CREATE INDEX catalog_tags_solution ON catalog_tags (solution_id);

CREATE VIRTUAL TABLE catalog_fts USING fts5(offer_name, pitch, tokenize = 'unicode61 remove_diacritics 2');
