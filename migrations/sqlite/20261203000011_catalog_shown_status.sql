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
ALTER TABLE catalog_entries ADD COLUMN facts_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX catalog_shown ON catalog_entries (shown_status, approved_at, solution_id);
CREATE INDEX catalog_shown_until ON catalog_entries (shown_until);
CREATE INDEX catalog_organization ON catalog_entries (organization_id);
CREATE INDEX catalog_offer ON catalog_entries (offer_id);

CREATE TRIGGER catalog_stale_solutions_update AFTER UPDATE ON solutions BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = NEW.id;
END;

CREATE TRIGGER catalog_stale_solution_contacts_insert AFTER INSERT ON solution_contacts BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = NEW.solution_id;
END;

CREATE TRIGGER catalog_stale_solution_contacts_update AFTER UPDATE ON solution_contacts BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = NEW.solution_id;
END;

CREATE TRIGGER catalog_stale_solution_contacts_delete AFTER DELETE ON solution_contacts BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = OLD.solution_id;
END;

CREATE TRIGGER catalog_stale_documents_insert AFTER INSERT ON documents BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = NEW.solution_id;
END;

CREATE TRIGGER catalog_stale_documents_update AFTER UPDATE ON documents BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = NEW.solution_id;
END;

CREATE TRIGGER catalog_stale_documents_delete AFTER DELETE ON documents BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = OLD.solution_id;
END;

CREATE TRIGGER catalog_stale_technical_validations_insert AFTER INSERT ON technical_validations BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = NEW.solution_id;
END;

CREATE TRIGGER catalog_stale_technical_validations_update AFTER UPDATE ON technical_validations BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = NEW.solution_id;
END;

CREATE TRIGGER catalog_stale_technical_validations_delete AFTER DELETE ON technical_validations BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE solution_id = OLD.solution_id;
END;

CREATE TRIGGER catalog_stale_offers_update AFTER UPDATE ON offers BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE offer_id = NEW.id;
END;

CREATE TRIGGER catalog_stale_organizations_update AFTER UPDATE ON organizations BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = NEW.id;
END;

CREATE TRIGGER catalog_stale_organization_logos_insert AFTER INSERT ON organization_logos BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER catalog_stale_organization_logos_update AFTER UPDATE ON organization_logos BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER catalog_stale_organization_logos_delete AFTER DELETE ON organization_logos BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER catalog_stale_competencies_insert AFTER INSERT ON competencies BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER catalog_stale_competencies_update AFTER UPDATE ON competencies BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER catalog_stale_competencies_delete AFTER DELETE ON competencies BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = OLD.organization_id;
END;

CREATE TRIGGER catalog_stale_revenue_insert AFTER INSERT ON revenue BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER catalog_stale_revenue_update AFTER UPDATE ON revenue BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = NEW.organization_id;
END;

CREATE TRIGGER catalog_stale_revenue_delete AFTER DELETE ON revenue BEGIN
    UPDATE catalog_entries SET shown_until = '1970-01-01', facts_version = facts_version + 1
    WHERE organization_id = OLD.organization_id;
END;
