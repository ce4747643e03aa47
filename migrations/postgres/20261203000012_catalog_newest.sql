-- A catalog page is found on the ids alone, newest approval first: with the id in the index
-- a deep page (OFFSET 33,300) is an index-only scan instead of reading and sorting every
-- entry. It covers everything the index on approval time alone did.
CREATE INDEX catalog_newest ON catalog_entries (approved_at, solution_id);
DROP INDEX catalog_approved_at;
