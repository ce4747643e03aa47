-- The kept revenue lists (facts_lists) were rewritten by a trigger for every revenue row, each
-- time reading every row of its organization: an import of n rows for one organization cost
-- n^2 (SPEC 7: an import grows linearly with its rows). A revenue import now pauses these
-- triggers for its own transaction (`set_config('cosell.facts_lists_paused', 'on', true)`),
-- writes its rows, and rewrites the lists of the organizations and offers it touched once,
-- each through facts_lists_rewrite, which locks the row before it reads (db::revenue).
-- Changes made by hand still keep the lists through the triggers.
DROP TRIGGER facts_lists ON revenue;
DROP TRIGGER facts_lists_offer ON revenue;
-- Triggers fire in the order of their names: the organization before the offer.
CREATE TRIGGER facts_lists AFTER INSERT OR UPDATE OR DELETE ON revenue
    FOR EACH ROW WHEN (current_setting('cosell.facts_lists_paused', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION facts_lists_keep('azure_revenue');
CREATE TRIGGER facts_lists_offer AFTER INSERT OR UPDATE OR DELETE ON revenue
    FOR EACH ROW WHEN (current_setting('cosell.facts_lists_paused', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION facts_lists_keep('marketplace_revenue');
