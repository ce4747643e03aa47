-- The lists the facts statement reads with every solution (its contacts and current
-- documents, its organization's competencies and Azure consumption, its offer's marketplace
-- revenue) are kept as JSON arrays on the rows they belong to, so a page reads them as columns
-- instead of aggregating four subqueries on every request (issue 9; measured in
-- bench/RESULTS.md). The rows of each list stay in their own table and stay the truth: the
-- views below say what each array holds, and the triggers rewrite the array from its view in
-- the same transaction as every insert, update or delete of a row of the list, whoever makes
-- it (SQLite has one writer at a time, so a trigger always sees every committed row). A row
-- of each array has the members of its Rust struct in order (see src/db/facts.rs); the arrays
-- are unordered.

ALTER TABLE solutions ADD COLUMN contacts_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE solutions ADD COLUMN documents_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE organizations ADD COLUMN competencies_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE organizations ADD COLUMN azure_revenue_json TEXT NOT NULL DEFAULT '[]';
ALTER TABLE offers ADD COLUMN marketplace_revenue_json TEXT NOT NULL DEFAULT '[]';

CREATE VIEW facts_contacts AS
    SELECT c.solution_id AS id, json_group_array(json_array(c.position, json_array(c.name, c.email,
        c.job_title, c.role, c.geographies))) AS list
    FROM solution_contacts c GROUP BY c.solution_id;

CREATE VIEW facts_documents AS
    SELECT d.solution_id AS id, json_group_array(json_array(d.id, d.solution_id, d.kind, d.storage_key,
        d.file_name, d.format, d.content_type, d.size, d.pages, d.slides, d.width, d.height,
        d.uploaded_at, d.uploaded_by_email, d.replaced_at)) AS list
    FROM documents d WHERE d.replaced_at IS NULL GROUP BY d.solution_id;

CREATE VIEW facts_competencies AS
    SELECT k.organization_id AS id, json_group_array(json_array(k.area, k.expires_on)) AS list
    FROM competencies k GROUP BY k.organization_id;

CREATE VIEW facts_azure_revenue AS
    SELECT r.organization_id AS id,
        json_group_array(json_array(r.offer_key, r.month, r.kind, r.amount_cents)) AS list
    FROM revenue r WHERE r.kind = 'azure_consumed' GROUP BY r.organization_id;

-- An offer's marketplace revenue is the rows of its organization that name it.
CREATE VIEW facts_marketplace_revenue AS
    SELECT o.id, json_group_array(json_array(r.offer_key, r.month, r.kind, r.amount_cents)) AS list
    FROM offers o JOIN revenue r ON r.organization_id = o.organization_id AND r.offer_key = o.id
    WHERE r.kind = 'marketplace_billed' GROUP BY o.id;

UPDATE solutions SET contacts_json = COALESCE((SELECT list FROM facts_contacts v WHERE v.id = solutions.id), '[]');
UPDATE solutions SET documents_json = COALESCE((SELECT list FROM facts_documents v WHERE v.id = solutions.id), '[]');
UPDATE organizations SET competencies_json = COALESCE((SELECT list FROM facts_competencies v WHERE v.id = organizations.id), '[]');
UPDATE organizations SET azure_revenue_json = COALESCE((SELECT list FROM facts_azure_revenue v WHERE v.id = organizations.id), '[]');
UPDATE offers SET marketplace_revenue_json = COALESCE((SELECT list FROM facts_marketplace_revenue v WHERE v.id = offers.id), '[]');

-- The triggers: each event rewrites the arrays of the row the changed row points at (an
-- update both the old and the new one's), where they changed.

CREATE TRIGGER facts_lists_solution_contacts_insert AFTER INSERT ON solution_contacts BEGIN
    UPDATE solutions SET contacts_json = COALESCE((SELECT list FROM facts_contacts WHERE id = NEW.solution_id), '[]')
    WHERE id = NEW.solution_id AND contacts_json IS NOT COALESCE((SELECT list FROM facts_contacts WHERE id = NEW.solution_id), '[]');
END;

CREATE TRIGGER facts_lists_solution_contacts_update AFTER UPDATE ON solution_contacts BEGIN
    UPDATE solutions SET contacts_json = COALESCE((SELECT list FROM facts_contacts WHERE id = NEW.solution_id), '[]')
    WHERE id = NEW.solution_id AND contacts_json IS NOT COALESCE((SELECT list FROM facts_contacts WHERE id = NEW.solution_id), '[]');
    UPDATE solutions SET contacts_json = COALESCE((SELECT list FROM facts_contacts WHERE id = OLD.solution_id), '[]')
    WHERE id = OLD.solution_id AND OLD.solution_id IS NOT NEW.solution_id AND contacts_json IS NOT COALESCE((SELECT list FROM facts_contacts WHERE id = OLD.solution_id), '[]');
END;

CREATE TRIGGER facts_lists_solution_contacts_delete AFTER DELETE ON solution_contacts BEGIN
    UPDATE solutions SET contacts_json = COALESCE((SELECT list FROM facts_contacts WHERE id = OLD.solution_id), '[]')
    WHERE id = OLD.solution_id AND contacts_json IS NOT COALESCE((SELECT list FROM facts_contacts WHERE id = OLD.solution_id), '[]');
END;

CREATE TRIGGER facts_lists_documents_insert AFTER INSERT ON documents BEGIN
    UPDATE solutions SET documents_json = COALESCE((SELECT list FROM facts_documents WHERE id = NEW.solution_id), '[]')
    WHERE id = NEW.solution_id AND documents_json IS NOT COALESCE((SELECT list FROM facts_documents WHERE id = NEW.solution_id), '[]');
END;

CREATE TRIGGER facts_lists_documents_update AFTER UPDATE ON documents BEGIN
    UPDATE solutions SET documents_json = COALESCE((SELECT list FROM facts_documents WHERE id = NEW.solution_id), '[]')
    WHERE id = NEW.solution_id AND documents_json IS NOT COALESCE((SELECT list FROM facts_documents WHERE id = NEW.solution_id), '[]');
    UPDATE solutions SET documents_json = COALESCE((SELECT list FROM facts_documents WHERE id = OLD.solution_id), '[]')
    WHERE id = OLD.solution_id AND OLD.solution_id IS NOT NEW.solution_id AND documents_json IS NOT COALESCE((SELECT list FROM facts_documents WHERE id = OLD.solution_id), '[]');
END;

CREATE TRIGGER facts_lists_documents_delete AFTER DELETE ON documents BEGIN
    UPDATE solutions SET documents_json = COALESCE((SELECT list FROM facts_documents WHERE id = OLD.solution_id), '[]')
    WHERE id = OLD.solution_id AND documents_json IS NOT COALESCE((SELECT list FROM facts_documents WHERE id = OLD.solution_id), '[]');
END;

CREATE TRIGGER facts_lists_competencies_insert AFTER INSERT ON competencies BEGIN
    UPDATE organizations SET competencies_json = COALESCE((SELECT list FROM facts_competencies WHERE id = NEW.organization_id), '[]')
    WHERE id = NEW.organization_id AND competencies_json IS NOT COALESCE((SELECT list FROM facts_competencies WHERE id = NEW.organization_id), '[]');
END;

CREATE TRIGGER facts_lists_competencies_update AFTER UPDATE ON competencies BEGIN
    UPDATE organizations SET competencies_json = COALESCE((SELECT list FROM facts_competencies WHERE id = NEW.organization_id), '[]')
    WHERE id = NEW.organization_id AND competencies_json IS NOT COALESCE((SELECT list FROM facts_competencies WHERE id = NEW.organization_id), '[]');
    UPDATE organizations SET competencies_json = COALESCE((SELECT list FROM facts_competencies WHERE id = OLD.organization_id), '[]')
    WHERE id = OLD.organization_id AND OLD.organization_id IS NOT NEW.organization_id AND competencies_json IS NOT COALESCE((SELECT list FROM facts_competencies WHERE id = OLD.organization_id), '[]');
END;

CREATE TRIGGER facts_lists_competencies_delete AFTER DELETE ON competencies BEGIN
    UPDATE organizations SET competencies_json = COALESCE((SELECT list FROM facts_competencies WHERE id = OLD.organization_id), '[]')
    WHERE id = OLD.organization_id AND competencies_json IS NOT COALESCE((SELECT list FROM facts_competencies WHERE id = OLD.organization_id), '[]');
END;

CREATE TRIGGER facts_lists_revenue_insert AFTER INSERT ON revenue BEGIN
    UPDATE organizations SET azure_revenue_json = COALESCE((SELECT list FROM facts_azure_revenue WHERE id = NEW.organization_id), '[]')
    WHERE id = NEW.organization_id AND azure_revenue_json IS NOT COALESCE((SELECT list FROM facts_azure_revenue WHERE id = NEW.organization_id), '[]');
    UPDATE offers SET marketplace_revenue_json = COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = NEW.offer_key), '[]')
    WHERE id = NEW.offer_key AND marketplace_revenue_json IS NOT COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = NEW.offer_key), '[]');
END;

CREATE TRIGGER facts_lists_revenue_update AFTER UPDATE ON revenue BEGIN
    UPDATE organizations SET azure_revenue_json = COALESCE((SELECT list FROM facts_azure_revenue WHERE id = NEW.organization_id), '[]')
    WHERE id = NEW.organization_id AND azure_revenue_json IS NOT COALESCE((SELECT list FROM facts_azure_revenue WHERE id = NEW.organization_id), '[]');
    UPDATE organizations SET azure_revenue_json = COALESCE((SELECT list FROM facts_azure_revenue WHERE id = OLD.organization_id), '[]')
    WHERE id = OLD.organization_id AND OLD.organization_id IS NOT NEW.organization_id AND azure_revenue_json IS NOT COALESCE((SELECT list FROM facts_azure_revenue WHERE id = OLD.organization_id), '[]');
    UPDATE offers SET marketplace_revenue_json = COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = NEW.offer_key), '[]')
    WHERE id = NEW.offer_key AND marketplace_revenue_json IS NOT COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = NEW.offer_key), '[]');
    UPDATE offers SET marketplace_revenue_json = COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = OLD.offer_key), '[]')
    WHERE id = OLD.offer_key AND OLD.offer_key IS NOT NEW.offer_key AND marketplace_revenue_json IS NOT COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = OLD.offer_key), '[]');
END;

CREATE TRIGGER facts_lists_revenue_delete AFTER DELETE ON revenue BEGIN
    UPDATE organizations SET azure_revenue_json = COALESCE((SELECT list FROM facts_azure_revenue WHERE id = OLD.organization_id), '[]')
    WHERE id = OLD.organization_id AND azure_revenue_json IS NOT COALESCE((SELECT list FROM facts_azure_revenue WHERE id = OLD.organization_id), '[]');
    UPDATE offers SET marketplace_revenue_json = COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = OLD.offer_key), '[]')
    WHERE id = OLD.offer_key AND marketplace_revenue_json IS NOT COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = OLD.offer_key), '[]');
END;

-- A change to a kept list marks the catalog entries it concerns stale through the list's own
-- table (migration 11), so the catalog's triggers on the rows that keep the lists now leave
-- out updates that only rewrote a list. Only the triggers above write the list columns, and
-- they write nothing else.
DROP TRIGGER catalog_stale_solutions_update;
CREATE TRIGGER catalog_stale_solutions_update AFTER UPDATE ON solutions
WHEN OLD.contacts_json IS NEW.contacts_json AND OLD.documents_json IS NEW.documents_json BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = NEW.id;
END;

DROP TRIGGER catalog_stale_offers_update;
CREATE TRIGGER catalog_stale_offers_update AFTER UPDATE ON offers
WHEN OLD.marketplace_revenue_json IS NEW.marketplace_revenue_json BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE offer_id = NEW.id;
END;

DROP TRIGGER catalog_stale_organizations_update;
CREATE TRIGGER catalog_stale_organizations_update AFTER UPDATE ON organizations
WHEN OLD.competencies_json IS NEW.competencies_json AND OLD.azure_revenue_json IS NEW.azure_revenue_json BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = NEW.id;
END;
