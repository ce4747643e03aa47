-- Revenue figures (imported by program admins) and technical validations (recorded by reviewers).

CREATE TABLE revenue (
    id INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    -- 0 for azure_consumed (organization level), else the offer: one row per org/offer/month/kind.
    offer_key INTEGER NOT NULL DEFAULT 0,
    month TEXT NOT NULL,
    kind TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL,
    imported_by_email TEXT
);
CREATE UNIQUE INDEX revenue_key ON revenue (organization_id, offer_key, month, kind);

CREATE TABLE technical_validations (
    solution_id INTEGER PRIMARY KEY REFERENCES solutions (id),
    percent_bp INTEGER NOT NULL,
    note TEXT NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    recorded_by_email TEXT
);
