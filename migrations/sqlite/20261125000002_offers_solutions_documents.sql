-- Offers, co-sell solutions (the working copy partners edit), their sales contacts, and
-- collateral documents with their history.

CREATE TABLE offers (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    name TEXT NOT NULL,
    offer_type TEXT NOT NULL,
    stores TEXT NOT NULL,
    transactable BOOLEAN NOT NULL,
    competency_areas TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX offers_organization ON offers (organization_id, name);

CREATE TABLE solutions (
    id INTEGER PRIMARY KEY,
    offer_id INTEGER NOT NULL REFERENCES offers (id),
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    review_state TEXT NOT NULL DEFAULT 'draft',
    version INTEGER NOT NULL DEFAULT 1,
    geographies TEXT NOT NULL DEFAULT '',
    solution_areas TEXT NOT NULL DEFAULT '',
    industries TEXT NOT NULL DEFAULT '',
    customer_sizes TEXT NOT NULL DEFAULT '',
    pitch TEXT NOT NULL DEFAULT '',
    landing_page TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX solutions_offer_key ON solutions (offer_id);
CREATE INDEX solutions_organization ON solutions (organization_id);

CREATE TABLE solution_contacts (
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    job_title TEXT,
    role TEXT NOT NULL,
    geographies TEXT NOT NULL,
    PRIMARY KEY (solution_id, position)
);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    solution_id INTEGER NOT NULL REFERENCES solutions (id),
    kind TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    pages INTEGER,
    slides INTEGER,
    width INTEGER,
    height INTEGER,
    uploaded_at TIMESTAMPTZ NOT NULL,
    uploaded_by INTEGER,
    uploaded_by_email TEXT,
    replaced_at TIMESTAMPTZ
);
-- Each kind holds one current file; older ones stay as history.
CREATE UNIQUE INDEX documents_current_key ON documents (solution_id, kind) WHERE replaced_at IS NULL;
CREATE INDEX documents_history ON documents (solution_id, kind, uploaded_at);
