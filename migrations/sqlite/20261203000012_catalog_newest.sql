-- Nothing to do on SQLite: its index on approval time (catalog_approved_at) holds the rowid,
-- which is the solution id, so a deep catalog page already reads the index alone. The
-- PostgreSQL migration of this number adds the id to that index.
SELECT 1;
