"""Prints the query plans of the catalog, queue and audit queries on a filled database:
`python3 bench/scale_plans.py sqlite|postgres DATABASE_URL` (SQLite's EXPLAIN QUERY PLAN,
PostgreSQL's EXPLAIN through psql). The statements have the shapes src/db/ runs."""
import sqlite3
import subprocess
import sys

backend, url = sys.argv[1], sys.argv[2]
words = {
    "sqlite": "c.solution_id IN (SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH '\"analytics\"* \"retail\"*')",
    "postgres": "c.search @@ to_tsquery('simple', 'analytics:* & retail:*')",
}[backend]
page = "ORDER BY c.approved_at DESC, c.solution_id DESC"
# The catalog page: the ids of the page from the conditions alone, then those rows in full.
def catalog(conditions, offset=0):
    return (f"SELECT c.solution_id, EXISTS (SELECT 1 FROM organization_logos l WHERE l.organization_id = c.organization_id) "
            f"FROM catalog_entries c WHERE c.solution_id IN (SELECT c.solution_id FROM catalog_entries c WHERE {conditions} "
            f"{page} LIMIT 21 OFFSET {offset}) {page}")
geography = "c.solution_id IN (SELECT t.solution_id FROM catalog_tags t WHERE t.kind = 'geography' AND t.code = 'NL')"
queries = [
    ("stale shown statuses", "SELECT solution_id FROM catalog_entries WHERE shown_until <= '2026-12-03' LIMIT 200"),
    ("catalog, shown status", catalog("c.shown_status = 'co_sell_ready'")),
    ("catalog, words", catalog(words)),
    ("catalog, geography", catalog(geography)),
    ("catalog, geography, count", f"SELECT COUNT(*) FROM catalog_entries c WHERE {geography}"),
    ("catalog, last page", catalog("TRUE", 33300)),
    ("review queue", "SELECT s.id, g.name, o.name FROM solutions s JOIN offers o ON o.id = s.offer_id "
     "JOIN organizations g ON g.id = s.organization_id WHERE s.review_state IN ('submitted', 'in_review') "
     "ORDER BY s.submitted_at, s.id LIMIT 200"),
    ("audit, kind and organization", "SELECT id FROM audit_log WHERE kind = 'document_uploaded' AND organization_id = 7 ORDER BY at DESC LIMIT 50"),
]
for name, sql in queries:
    print(f"-- {name}")
    if backend == "sqlite":
        db = sqlite3.connect(url.removeprefix("sqlite://"))
        for row in db.execute("EXPLAIN QUERY PLAN " + sql):
            print(row[3])
    else:
        out = subprocess.run(["psql", url, "-Atc", "EXPLAIN " + sql], capture_output=True, text=True, check=True)
        print(out.stdout.rstrip())
