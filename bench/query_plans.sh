#!/usr/bin/env bash
# Fills a scratch PostgreSQL database with 100,000 synthetic offers and solutions (a third of
# them approved into the catalog, 2% in the review queue) and prints the plans of the queue and
# catalog queries. Needs PostgreSQL on 127.0.0.1:5432 (user postgres) and a built binary.
#   bash bench/query_plans.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/cache/cosell/target}"
cargo build --quiet
db=cosell_plans
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db" "$CARGO_TARGET_DIR/debug/cosell" migrate
psql -h 127.0.0.1 -U postgres -d "$db" -q <<'SQL'
INSERT INTO organizations (name, mpn_id, created_at, updated_at) SELECT 'Org ' || i, (100000 + i)::text, now(), now() FROM generate_series(1, 1000) i;
INSERT INTO offers (organization_id, name, offer_type, stores, transactable, state, created_at, updated_at)
  SELECT 1 + (i % 1000), 'Offer ' || i, (ARRAY['saas','azure_application','consulting_service','power_bi_app'])[1 + i % 4], 'appsource', true, 'live', now(), now() FROM generate_series(1, 100000) i;
INSERT INTO solutions (offer_id, organization_id, review_state, geographies, pitch, submitted_at, created_at, updated_at)
  SELECT i, 1 + (i % 1000), CASE WHEN i % 50 = 0 THEN 'submitted' WHEN i % 3 = 0 THEN 'approved' ELSE 'draft' END,
  CASE WHEN i % 2 = 0 THEN 'NL' ELSE 'DE,FR' END, 'Pitch about analytics number ' || i, now() - (i || ' minutes')::interval, now(), now() FROM generate_series(1, 100000) i;
INSERT INTO catalog_entries (solution_id, organization_id, organization_name, offer_id, offer_name, offer_type, pitch, awarded_status, revision_id, approved_at)
  SELECT s.id, s.organization_id, 'Org', s.offer_id, o.name, o.offer_type, s.pitch, 'co_sell_ready', 1, now() - (s.id || ' seconds')::interval
  FROM solutions s JOIN offers o ON o.id = s.offer_id WHERE s.review_state = 'approved';
INSERT INTO catalog_tags (solution_id, kind, code) SELECT solution_id, 'geography', CASE WHEN solution_id % 2 = 0 THEN 'NL' ELSE 'DE' END FROM catalog_entries;
INSERT INTO catalog_tags (solution_id, kind, code) SELECT solution_id, 'industry', CASE WHEN solution_id % 7 = 0 THEN 'retail' ELSE 'education' END FROM catalog_entries;
ANALYZE;
SQL
q() { echo "-- $1"; psql -h 127.0.0.1 -U postgres -d "$db" -Atc "EXPLAIN $2"; }
q "review queue" "SELECT s.id FROM solutions s JOIN offers o ON o.id = s.offer_id JOIN organizations g ON g.id = s.organization_id WHERE s.review_state IN ('submitted', 'in_review') ORDER BY s.submitted_at, s.id LIMIT 50"
q "catalog: words, offer type, industry" "SELECT c.solution_id FROM catalog_entries c WHERE c.search @@ to_tsquery('simple', 'analytics:* & 42:*') AND c.offer_type = 'saas' AND EXISTS (SELECT 1 FROM catalog_tags t WHERE t.kind = 'industry' AND t.code = 'retail' AND t.solution_id = c.solution_id) ORDER BY c.approved_at DESC, c.solution_id DESC LIMIT 21"
q "catalog: geography only" "SELECT c.solution_id FROM catalog_entries c WHERE EXISTS (SELECT 1 FROM catalog_tags t WHERE t.kind = 'geography' AND t.code = 'NL' AND t.solution_id = c.solution_id) ORDER BY c.approved_at DESC, c.solution_id DESC LIMIT 21"
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE $db"
