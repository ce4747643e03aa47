#!/usr/bin/env bash
# Fills databases of 1,000, 10,000 and 100,000 synthetic solutions (`cosell bench-fill`,
# see src/bench_fill.rs) on SQLite and PostgreSQL, and for each: the fill's duration, the
# server's start-up to its first answer, its idle RSS once its start-up work is done, then
# the median and 95th percentile of each page's time (bench/scale_timings.py), and the query
# plans of the catalog and queue queries. Appends it all to bench/RESULTS.md. Runs by hand
# (the largest fill takes minutes); .ci/run smoke-runs it with 300 solutions.
#   bash bench/scale.sh
# Settings: COSELL_BIN (a build with --features bench), BENCH_SIZES ("1000 10000 100000"),
# BENCH_BACKENDS ("sqlite postgres"), BENCH_ROUNDS (40), BENCH_RESULTS (bench/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/cache/cosell/target}"
[ -n "${COSELL_BIN:-}" ] || cargo build --release --features bench --quiet
bin="${COSELL_BIN:-$CARGO_TARGET_DIR/release/cosell}"
sizes=${BENCH_SIZES:-1000 10000 100000}
backends=${BENCH_BACKENDS:-sqlite postgres}
rounds=${BENCH_ROUNDS:-40}
results=${BENCH_RESULTS:-bench/RESULTS.md}
work=$(mktemp -d)
pid=
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
. bench/lib.sh
port=18420
export RUST_LOG=error STORAGE_URL="file://$work/documents"

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# The CPU time a process has used, in clock ticks (user + system, /proc/PID/stat).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

summary="| database | solutions | fill (s) | start-up to first answer (ms) | start-up work done after (s) | idle RSS (MiB) |
|---|---|---|---|---|---|
"
timings=""
plans=""
for backend in $backends; do
  for n in $sizes; do
    case $backend in
    sqlite) export DATABASE_URL="sqlite://$work/scale-$n.db" ;;
    postgres)
      psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS cosell_scale" -c "CREATE DATABASE cosell_scale"
      export DATABASE_URL="postgres://postgres@127.0.0.1:5432/cosell_scale"
      ;;
    esac
    start=$(date +%s%N)
    "$bin" bench-fill --solutions "$n" >/dev/null
    fill_ms=$(ms "$start")
    echo 'bench-password-1' | "$bin" user add --email admin@bench.example --role program_admin --password-stdin >/dev/null
    export BIND_ADDR="127.0.0.1:$port"
    start=$(date +%s%N)
    "$bin" serve >"$work/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 2000); do
      curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.005
    done
    startup_ms=$(ms "$start")
    curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/server.log" >&2; exit 1; }
    # Idle once the start-up's background work (catalog refresh, lapse forecast, outbox) is
    # done: no CPU used for a second, read every half second, for at most a minute.
    start=$(date +%s%N)
    idle_for=0
    last_cpu=$(cpu_ticks "$pid")
    while [ "$idle_for" -lt 2 ] && [ "$(ms "$start")" -lt 60000 ]; do
      sleep 0.5
      cpu=$(cpu_ticks "$pid")
      if [ "$cpu" = "$last_cpu" ]; then idle_for=$((idle_for + 1)); else idle_for=0; fi
      last_cpu=$cpu
    done
    settled_ms=$(ms "$start")
    idle_kib=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
    summary+="| $backend | $n | $(awk -v m="$fill_ms" 'BEGIN {printf "%.1f", m / 1000}') | $startup_ms | $(awk -v m="$settled_ms" 'BEGIN {printf "%.1f", m / 1000}') | $(awk -v k="$idle_kib" 'BEGIN {printf "%.1f", k / 1024}') |"$'\n'
    cookie=$(python3 bench/signin.py "http://127.0.0.1:$port" admin@bench.example bench-password-1)
    while read -r row; do
      timings+="| $backend | $n ${row}"$'\n'
    done < <(python3 bench/scale_timings.py "http://127.0.0.1:$port" "$cookie" "$n" "$rounds")
    kill "$pid" && wait "$pid" 2>/dev/null || true
    pid=
    port=$((port + 1))
  done
  # The plans on the largest database of this backend.
  plans+=$'\n'"$backend, $n solutions:"$'\n\n```\n'"$(python3 bench/scale_plans.py "$backend" "$DATABASE_URL")"$'\n```\n'
done

table="| database | solutions | page | path | median (ms) | p95 (ms) |
|---|---|---|---|---|---|
$timings"
echo "$summary"
echo "$table"
{
  echo
  echo "## Scale, $(date -u +%Y-%m-%d)"
  echo
  echo "Command: \`bash bench/scale.sh\` ($bin; $(bench_machine); local PostgreSQL 15). Synthetic data"
  echo "from \`cosell bench-fill\`; $rounds timed requests per page, one after another, signed in as a program admin."
  echo
  echo "$summary"
  echo "$table"
  echo "Query plans:"
  echo "$plans"
} >>"$results"
