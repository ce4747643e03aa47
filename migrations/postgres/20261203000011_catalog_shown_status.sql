-- The catalog keeps each entry's shown status (the lower of its awarded status and what its
-- facts support) with the day from which it may no longer hold (`shown_until`: the next
-- expiry, enrolment date or month boundary, see `status::holds_until`), so the shown-status
-- filter is an index lookup instead of evaluating candidates. An entry is stale, and its
-- status recomputed before the next catalog query, once that day has come; the triggers
-- below make a change to any fact the status engine reads mark the entries it concerns stale
-- in the same transaction, and count `facts_version` up, so a recomputation that read the
-- facts before the change never stores its answer (it writes only where the version is the
-- one it read). '1970-01-01' is "stale now".

ALTER TABLE catalog_entries ADD COLUMN shown_status TEXT NOT NULL DEFAULT 'marketplace';
ALTER TABLE catalog_entries ADD COLUMN shown_until DATE NOT NULL DEFAULT '1970-01-01';
ALTER TABLE catalog_entries ADD COLUMN facts_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX catalog_shown ON catalog_entries (shown_status, approved_at, solution_id);
CREATE INDEX catalog_shown_until ON catalog_entries (shown_until);
CREATE INDEX catalog_organization ON catalog_entries (organization_id);
CREATE INDEX catalog_offer ON catalog_entries (offer_id);

-- A solution's own row changed.
CREATE FUNCTION catalog_stale_by_solution() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed BIGINT;
BEGIN
    changed := NEW.id;
    UPDATE catalog_entries SET shown_until = DATE '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = changed;
    RETURN NULL;
END $$;
CREATE TRIGGER catalog_stale AFTER UPDATE ON solutions
    FOR EACH ROW EXECUTE FUNCTION catalog_stale_by_solution();

-- A row about one solution changed: its contacts, documents or technical validation.
CREATE FUNCTION catalog_stale_by_solution_fact() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD.solution_id; ELSE changed := NEW.solution_id; END IF;
    UPDATE catalog_entries SET shown_until = DATE '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = changed;
    RETURN NULL;
END $$;
CREATE TRIGGER catalog_stale AFTER INSERT OR UPDATE OR DELETE ON solution_contacts
    FOR EACH ROW EXECUTE FUNCTION catalog_stale_by_solution_fact();
CREATE TRIGGER catalog_stale AFTER INSERT OR UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION catalog_stale_by_solution_fact();
CREATE TRIGGER catalog_stale AFTER INSERT OR UPDATE OR DELETE ON technical_validations
    FOR EACH ROW EXECUTE FUNCTION catalog_stale_by_solution_fact();

-- An offer changed: the entries of its solutions.
CREATE FUNCTION catalog_stale_by_offer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed BIGINT;
BEGIN
    changed := NEW.id;
    UPDATE catalog_entries SET shown_until = DATE '1970-01-01', facts_version = facts_version + 1
    WHERE offer_id = changed;
    RETURN NULL;
END $$;
CREATE TRIGGER catalog_stale AFTER UPDATE ON offers
    FOR EACH ROW EXECUTE FUNCTION catalog_stale_by_offer();

-- An organization changed: the entries of its solutions.
CREATE FUNCTION catalog_stale_by_organization() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed BIGINT;
BEGIN
    changed := NEW.id;
    UPDATE catalog_entries SET shown_until = DATE '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = changed;
    RETURN NULL;
END $$;
CREATE TRIGGER catalog_stale AFTER UPDATE ON organizations
    FOR EACH ROW EXECUTE FUNCTION catalog_stale_by_organization();

-- A row about one organization changed: its logo, competencies or revenue.
CREATE FUNCTION catalog_stale_by_organization_fact() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE changed BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN changed := OLD.organization_id; ELSE changed := NEW.organization_id; END IF;
    UPDATE catalog_entries SET shown_until = DATE '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = changed;
    RETURN NULL;
END $$;
CREATE TRIGGER catalog_stale AFTER INSERT OR UPDATE OR DELETE ON organization_logos
    FOR EACH ROW EXECUTE FUNCTION catalog_stale_by_organization_fact();
CREATE TRIGGER catalog_stale AFTER INSERT OR UPDATE OR DELETE ON competencies
    FOR EACH ROW EXECUTE FUNCTION catalog_stale_by_organization_fact();
CREATE TRIGGER catalog_stale AFTER INSERT OR UPDATE OR DELETE ON revenue
    FOR EACH ROW EXECUTE FUNCTION catalog_stale_by_organization_fact();
