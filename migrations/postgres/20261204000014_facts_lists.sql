-- The lists the facts statement reads with every solution (its contacts and current
-- documents, its organization's competencies and Azure consumption, its offer's marketplace
-- revenue) are kept as JSON arrays on the rows they belong to, so a page reads them as columns
-- instead of aggregating four subqueries on every request (issue 9; measured in
-- bench/RESULTS.md). The rows of each list stay in their own table and stay the truth: the
-- views below say what each array holds, and the triggers rewrite the array from its view in
-- the same transaction as every insert, update or delete of a row of the list, whoever makes
-- it. A trigger first locks the row it rewrites, then reads the view in a new statement: two
-- transactions changing the same list take turns, and the second one's array holds the
-- first one's rows. The lock is FOR NO KEY UPDATE, the one an UPDATE takes, which does not
-- wait for the key-share locks that inserting a list row takes on the row it references (FOR
-- UPDATE would deadlock two imports that both inserted before either locked). A row of each
-- array has the members of its Rust struct in order (see src/db/facts.rs); the arrays are
-- unordered.

ALTER TABLE solutions ADD COLUMN contacts_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE solutions ADD COLUMN documents_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE organizations ADD COLUMN competencies_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE organizations ADD COLUMN azure_revenue_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE offers ADD COLUMN marketplace_revenue_json TEXT NOT NULL DEFAULT '[]';

CREATE VIEW facts_contacts AS
    SELECT c.solution_id AS id, json_agg(json_build_array(c.position, json_build_array(c.name, c.email,
        c.job_title, c.role, c.geographies)))::text AS list
    FROM solution_contacts c GROUP BY c.solution_id;

CREATE VIEW facts_documents AS
    SELECT d.solution_id AS id, json_agg(json_build_array(d.id, d.solution_id, d.kind, d.storage_key,
        d.file_name, d.format, d.content_type, d.size, d.pages, d.slides, d.width, d.height,
        d.uploaded_at, d.uploaded_by_email, d.replaced_at))::text AS list
    FROM documents d WHERE d.replaced_at IS NULL GROUP BY d.solution_id;

CREATE VIEW facts_competencies AS
    SELECT k.organization_id AS id, json_agg(json_build_array(k.area, k.expires_on))::text AS list
    FROM competencies k GROUP BY k.organization_id;

CREATE VIEW facts_azure_revenue AS
    SELECT r.organization_id AS id,
        json_agg(json_build_array(r.offer_key, r.month, r.kind, r.amount_cents))::text AS list
    FROM revenue r WHERE r.kind = 'azure_consumed' GROUP BY r.organization_id;

-- An offer's marketplace revenue is the rows of its organization that name it.
CREATE VIEW facts_marketplace_revenue AS
    SELECT o.id, json_agg(json_build_array(r.offer_key, r.month, r.kind, r.amount_cents))::text AS list
    FROM offers o JOIN revenue r ON r.organization_id = o.organization_id AND r.offer_key = o.id
    WHERE r.kind = 'marketplace_billed' GROUP BY o.id;

UPDATE solutions s SET contacts_json = v.list FROM facts_contacts v WHERE v.id = s.id;
UPDATE solutions s SET documents_json = v.list FROM facts_documents v WHERE v.id = s.id;
UPDATE organizations g SET competencies_json = v.list FROM facts_competencies v WHERE v.id = g.id;
UPDATE organizations g SET azure_revenue_json = v.list FROM facts_azure_revenue v WHERE v.id = g.id;
UPDATE offers o SET marketplace_revenue_json = v.list FROM facts_marketplace_revenue v WHERE v.id = o.id;

-- Rewrites one kept list (`which`: 'contacts', 'documents', 'competencies', 'azure_revenue' or
-- 'marketplace_revenue') of the solution, organization or offer `changed`, where it changed.
CREATE FUNCTION facts_lists_rewrite(which TEXT, changed BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    kept TEXT;
BEGIN
    IF changed IS NULL THEN RETURN; END IF;
    IF which = 'contacts' THEN
        PERFORM 1 FROM solutions WHERE id = changed FOR NO KEY UPDATE;
        kept := COALESCE((SELECT v.list FROM facts_contacts v WHERE v.id = changed), '[]');
        UPDATE solutions SET contacts_json = kept WHERE id = changed AND contacts_json <> kept;
    ELSIF which = 'documents' THEN
        PERFORM 1 FROM solutions WHERE id = changed FOR NO KEY UPDATE;
        kept := COALESCE((SELECT v.list FROM facts_documents v WHERE v.id = changed), '[]');
        UPDATE solutions SET documents_json = kept WHERE id = changed AND documents_json <> kept;
    ELSIF which = 'competencies' THEN
        PERFORM 1 FROM organizations WHERE id = changed FOR NO KEY UPDATE;
        kept := COALESCE((SELECT v.list FROM facts_competencies v WHERE v.id = changed), '[]');
        UPDATE organizations SET competencies_json = kept WHERE id = changed AND competencies_json <> kept;
    ELSIF which = 'azure_revenue' THEN
        PERFORM 1 FROM organizations WHERE id = changed FOR NO KEY UPDATE;
        kept := COALESCE((SELECT v.list FROM facts_azure_revenue v WHERE v.id = changed), '[]');
        UPDATE organizations SET azure_revenue_json = kept WHERE id = changed AND azure_revenue_json <> kept;
    ELSE
        PERFORM 1 FROM offers WHERE id = changed FOR NO KEY UPDATE;
        kept := COALESCE((SELECT v.list FROM facts_marketplace_revenue v WHERE v.id = changed), '[]');
        UPDATE offers SET marketplace_revenue_json = kept WHERE id = changed AND marketplace_revenue_json <> kept;
    END IF;
END $$;

-- The trigger of every list table; its argument is the list it keeps (`which` above). A
-- revenue row counts for the Azure list or the marketplace list by its kind.
CREATE FUNCTION facts_lists_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    which TEXT := TG_ARGV[0];
    old_id BIGINT;
    new_id BIGINT;
BEGIN
    -- A branch names only the columns of its own tables (a record's fields are looked up
    -- when the branch runs).
    IF which IN ('contacts', 'documents') THEN
        IF TG_OP <> 'INSERT' THEN old_id := OLD.solution_id; END IF;
        IF TG_OP <> 'DELETE' THEN new_id := NEW.solution_id; END IF;
    ELSIF which = 'competencies' THEN
        IF TG_OP <> 'INSERT' THEN old_id := OLD.organization_id; END IF;
        IF TG_OP <> 'DELETE' THEN new_id := NEW.organization_id; END IF;
    ELSIF which = 'azure_revenue' THEN
        IF TG_OP <> 'INSERT' AND OLD.kind = 'azure_consumed' THEN old_id := OLD.organization_id; END IF;
        IF TG_OP <> 'DELETE' AND NEW.kind = 'azure_consumed' THEN new_id := NEW.organization_id; END IF;
    ELSE
        IF TG_OP <> 'INSERT' AND OLD.kind = 'marketplace_billed' THEN old_id := OLD.offer_key; END IF;
        IF TG_OP <> 'DELETE' AND NEW.kind = 'marketplace_billed' THEN new_id := NEW.offer_key; END IF;
    END IF;
    PERFORM facts_lists_rewrite(which, new_id);
    IF old_id IS DISTINCT FROM new_id THEN PERFORM facts_lists_rewrite(which, old_id); END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER facts_lists AFTER INSERT OR UPDATE OR DELETE ON solution_contacts
    FOR EACH ROW EXECUTE FUNCTION facts_lists_keep('contacts');
CREATE TRIGGER facts_lists AFTER INSERT OR UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION facts_lists_keep('documents');
CREATE TRIGGER facts_lists AFTER INSERT OR UPDATE OR DELETE ON competencies
    FOR EACH ROW EXECUTE FUNCTION facts_lists_keep('competencies');
-- Triggers fire in the order of their names: the organization before the offer, in every
-- transaction, so two imports lock rows in the same order.
CREATE TRIGGER facts_lists AFTER INSERT OR UPDATE OR DELETE ON revenue
    FOR EACH ROW EXECUTE FUNCTION facts_lists_keep('azure_revenue');
CREATE TRIGGER facts_lists_offer AFTER INSERT OR UPDATE OR DELETE ON revenue
    FOR EACH ROW EXECUTE FUNCTION facts_lists_keep('marketplace_revenue');

-- A change to a kept list marks the catalog entries it concerns stale through the list's own
-- table (migration 11), so the catalog's triggers on the rows that keep the lists now leave
-- out updates that only rewrote a list. Only the triggers above write the list columns, and
-- they write nothing else.
DROP TRIGGER catalog_stale ON solutions;
CREATE TRIGGER catalog_stale AFTER UPDATE ON solutions FOR EACH ROW
    WHEN (OLD.contacts_json = NEW.contacts_json AND OLD.documents_json = NEW.documents_json)
    EXECUTE FUNCTION catalog_stale_by_solution();
DROP TRIGGER catalog_stale ON organizations;
CREATE TRIGGER catalog_stale AFTER UPDATE ON organizations FOR EACH ROW
    WHEN (OLD.competencies_json = NEW.competencies_json AND OLD.azure_revenue_json = NEW.azure_revenue_json)
    EXECUTE FUNCTION catalog_stale_by_organization();
DROP TRIGGER catalog_stale ON offers;
CREATE TRIGGER catalog_stale AFTER UPDATE ON offers FOR EACH ROW
    WHEN (OLD.marketplace_revenue_json = NEW.marketplace_revenue_json)
    EXECUTE FUNCTION catalog_stale_by_offer();
