#!/usr/bin/env bash
# The revenue import's time by its number of rows (SPEC 7: linear; 100,000 rows in under 15 s),
# on SQLite and PostgreSQL: for each size a fresh database with 100 organizations, a CSV of
# that many `azure_consumed` rows spread over them (and their months), posted to
# `POST /api/v1/revenue` once (every row new) and once more (every row replaced). Appends the
# times to bench/RESULTS.md.
#   bash bench/revenue_import.sh
# Settings: COSELL_BIN (a release build, built if unset), BENCH_ROWS ("1000 2000 4000 16000
# 100000"), BENCH_BACKENDS ("sqlite postgres"), BENCH_RESULTS (bench/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/cache/cosell/target}"
[ -n "${COSELL_BIN:-}" ] || cargo build --release --quiet
bin="${COSELL_BIN:-$CARGO_TARGET_DIR/release/cosell}"
sizes=${BENCH_ROWS:-1000 2000 4000 16000 100000}
backends=${BENCH_BACKENDS:-sqlite postgres}
results=${BENCH_RESULTS:-bench/RESULTS.md}
orgs=100
port=18460
. bench/lib.sh
bench_scratch
export RUST_LOG=error STORAGE_URL="file://$work/documents" BIND_ADDR="127.0.0.1:$port"
base="http://127.0.0.1:$port"

table="| database | rows | file (KiB) | first import (s) | again, every row replaced (s) | rows/s (first) |
|---|---|---|---|---|---|
"
for backend in $backends; do
  for rows in $sizes; do
    export DATABASE_URL
    DATABASE_URL=$(bench_database "$backend" cosell_revenue_bench)
    [ "$backend" = postgres ] && pgdb=cosell_revenue_bench
    "$bin" migrate >/dev/null
    echo 'bench-password-1' | "$bin" user add --email admin@bench.example --role program_admin --password-stdin >/dev/null
    admin=$("$bin" token create --email admin@bench.example | tail -1)
    "$bin" serve >"$work/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 200); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.05; done
    for o in $(seq 1 $orgs); do
      bench_api "$admin" -X POST "$base/api/v1/organizations" \
        -d "{\"name\":\"Partner $o\",\"mpn_id\":\"$((7000000 + o))\"}" >/dev/null
    done
    python3 - "$rows" "$orgs" >"$work/revenue.csv" <<'EOF'
import sys
rows, orgs = int(sys.argv[1]), int(sys.argv[2])
print("mpn_id,month,kind,amount_usd,offer_id")
for i in range(rows):
    org, m = i % orgs, i // orgs
    print(f"{7000001 + org},{1900 + m // 12}-{m % 12 + 1:02},azure_consumed,{i % 100000}.50,")
EOF
    kib=$(( $(stat -c %s "$work/revenue.csv") / 1024 ))
    post() {
      curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $admin" \
        -H 'content-type: text/csv' --data-binary "@$work/revenue.csv" "$base/api/v1/revenue"
    }
    first=$(post)
    sed -i 's/\.50,$/.75,/' "$work/revenue.csv"
    again=$(post)
    rate=$(python3 -c "print(f'{$rows / $first:,.0f}')")
    echo "$backend $rows rows: ${first}s, again ${again}s"
    table+="| $backend | $rows | $kib | $first | $again | $rate |
"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
    bench_drop_database cosell_revenue_bench
    rm -f "$work"/cosell_revenue_bench.sqlite*
  done
done

{
  echo
  echo "## Revenue import by rows ($(date -u +%Y-%m-%d))"
  echo
  echo "\`bash bench/revenue_import.sh\` ($(git rev-parse --short HEAD), release build; $(bench_machine); $orgs organizations, \`azure_consumed\` rows spread over them; times from curl's \`time_total\`, the server on the same machine)."
  echo
  printf '%s' "$table"
} >>"$results"
echo "appended to $results"
