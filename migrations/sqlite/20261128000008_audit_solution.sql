-- The solution an audit entry is about, when it is about one: the audit page groups one
-- user's consecutive entries on one solution (SPEC 6). Earlier entries keep NULL.
ALTER TABLE audit_log ADD COLUMN solution_id BIGINT;
