-- Co-sell referrals (SPEC 13): a customer deal shared between the program's sellers and one
-- partner about one solution. `version` grows with every change (a stale one is refused);
-- every change is one guarded UPDATE in a transaction with its audit entry and notices.
CREATE TABLE referrals (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    state TEXT NOT NULL,
    stage TEXT,
    solution_id INTEGER NOT NULL REFERENCES solutions (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    -- The program side's owner (the creator, the taker, or whom it was reassigned to); none
    -- while a partner's request waits for a seller.
    seller_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- The partner side's owner (the creator, the one who accepted, or a reassignee).
    partner_owner_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    customer_company TEXT NOT NULL,
    -- The company name as compared for the duplicate warning (`referral::company_key`).
    customer_company_key TEXT NOT NULL,
    customer_country TEXT NOT NULL,
    customer_industry TEXT NOT NULL,
    customer_size TEXT NOT NULL,
    -- Personal data: read by the parties and program admins only, blanked 365 days after
    -- the referral closed (contacts_blanked_at says when).
    contact_name TEXT,
    contact_email TEXT,
    contact_phone TEXT,
    contacts_consent_at TIMESTAMPTZ,
    contacts_blanked_at TIMESTAMPTZ,
    need TEXT NOT NULL,
    deal_value_cents BIGINT,
    target_close_date DATE,
    next_steps TEXT NOT NULL DEFAULT '',
    decline_reason TEXT,
    contract_value_cents BIGINT,
    won_on DATE,
    lost_reason TEXT,
    lost_note TEXT,
    answer_by TIMESTAMPTZ NOT NULL,
    reminded_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    closed_at TIMESTAMPTZ,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK (deal_value_cents IS NULL OR deal_value_cents >= 0),
    CHECK (contract_value_cents IS NULL OR contract_value_cents >= 0)
);
CREATE INDEX referrals_organization ON referrals (organization_id, state, id);
CREATE INDEX referrals_seller ON referrals (seller_id, state, id);
CREATE INDEX referrals_state ON referrals (state, id);
CREATE INDEX referrals_customer ON referrals (solution_id, customer_company_key);
-- The jobs' questions: which new ones are due a reminder or expired, which closed ones
-- still hold contact details.
CREATE INDEX referrals_answer_by ON referrals (answer_by) WHERE state = 'new';
CREATE INDEX referrals_closed ON referrals (closed_at) WHERE contacts_blanked_at IS NULL AND closed_at IS NOT NULL;

CREATE TABLE referral_comments (
    id INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referrals (id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    author_email TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX referral_comments_referral ON referral_comments (referral_id, id);
