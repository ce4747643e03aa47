-- The internal catalog: one row per approved solution, written from its approved revision, so
-- a draft being edited never shows. Tags and full-text search make the filters use indexes.

CREATE TABLE catalog_entries (
    solution_id BIGINT PRIMARY KEY REFERENCES solutions (id),
    organization_id BIGINT NOT NULL,
    organization_name TEXT NOT NULL,
    offer_id BIGINT NOT NULL,
    offer_name TEXT NOT NULL,
    offer_type TEXT NOT NULL,
    pitch TEXT NOT NULL,
    awarded_status TEXT NOT NULL,
    revision_id BIGINT NOT NULL,
    approved_at TIMESTAMPTZ NOT NULL,
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', offer_name || ' ' || pitch)) STORED
);
CREATE INDEX catalog_offer_type ON catalog_entries (offer_type, approved_at);
CREATE INDEX catalog_approved_at ON catalog_entries (approved_at);
CREATE INDEX catalog_search ON catalog_entries USING GIN (search);

CREATE TABLE catalog_tags (
    solution_id BIGINT NOT NULL REFERENCES catalog_entries (solution_id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (kind, code, solution_id)
);
CREATE INDEX catalog_tags_solution ON catalog_tags (solution_id);
