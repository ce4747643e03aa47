-- The kept revenue lists (facts_lists) were rewritten by a trigger for every revenue row, each
-- time reading every row of its organization: an import of n rows for one organization cost
-- n^2 (SPEC 7: an import grows linearly with its rows). A revenue import now pauses these
-- triggers inside its own transaction (a row in facts_lists_paused, which no other
-- transaction ever sees: it is deleted before the import commits), writes its rows, and
-- rewrites the lists of the organizations and offers it touched once (db::revenue). Changes
-- made by hand still keep the lists through the triggers.
CREATE TABLE facts_lists_paused (paused INTEGER NOT NULL);
DROP TRIGGER facts_lists_revenue_insert;
DROP TRIGGER facts_lists_revenue_update;
DROP TRIGGER facts_lists_revenue_delete;

CREATE TRIGGER facts_lists_revenue_insert AFTER INSERT ON revenue
WHEN NOT EXISTS (SELECT 1 FROM facts_lists_paused) BEGIN
    UPDATE organizations SET azure_revenue_json = COALESCE((SELECT list FROM facts_azure_revenue WHERE id = NEW.organization_id), '[]')
    WHERE id = NEW.organization_id AND azure_revenue_json IS NOT COALESCE((SELECT list FROM facts_azure_revenue WHERE id = NEW.organization_id), '[]');
    UPDATE offers SET marketplace_revenue_json = COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = NEW.offer_key), '[]')
    WHERE id = NEW.offer_key AND marketplace_revenue_json IS NOT COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = NEW.offer_key), '[]');
END;

CREATE TRIGGER facts_lists_revenue_update AFTER UPDATE ON revenue
WHEN NOT EXISTS (SELECT 1 FROM facts_lists_paused) BEGIN
    UPDATE organizations SET azure_revenue_json = COALESCE((SELECT list FROM facts_azure_revenue WHERE id = NEW.organization_id), '[]')
    WHERE id = NEW.organization_id AND azure_revenue_json IS NOT COALESCE((SELECT list FROM facts_azure_revenue WHERE id = NEW.organization_id), '[]');
    UPDATE organizations SET azure_revenue_json = COALESCE((SELECT list FROM facts_azure_revenue WHERE id = OLD.organization_id), '[]')
    WHERE id = OLD.organization_id AND OLD.organization_id IS NOT NEW.organization_id AND azure_revenue_json IS NOT COALESCE((SELECT list FROM facts_azure_revenue WHERE id = OLD.organization_id), '[]');
    UPDATE offers SET marketplace_revenue_json = COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = NEW.offer_key), '[]')
    WHERE id = NEW.offer_key AND marketplace_revenue_json IS NOT COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = NEW.offer_key), '[]');
    UPDATE offers SET marketplace_revenue_json = COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = OLD.offer_key), '[]')
    WHERE id = OLD.offer_key AND OLD.offer_key IS NOT NEW.offer_key AND marketplace_revenue_json IS NOT COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = OLD.offer_key), '[]');
END;

CREATE TRIGGER facts_lists_revenue_delete AFTER DELETE ON revenue
WHEN NOT EXISTS (SELECT 1 FROM facts_lists_paused) BEGIN
    UPDATE organizations SET azure_revenue_json = COALESCE((SELECT list FROM facts_azure_revenue WHERE id = OLD.organization_id), '[]')
    WHERE id = OLD.organization_id AND azure_revenue_json IS NOT COALESCE((SELECT list FROM facts_azure_revenue WHERE id = OLD.organization_id), '[]');
    UPDATE offers SET marketplace_revenue_json = COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = OLD.offer_key), '[]')
    WHERE id = OLD.offer_key AND marketplace_revenue_json IS NOT COALESCE((SELECT list FROM facts_marketplace_revenue WHERE id = OLD.offer_key), '[]');
END;
