#!/usr/bin/env bash
# Requests per second and p99 latency of the pages people use most, on the release build with
# the `bench` feature, against the demo data, on SQLite and (when it answers) PostgreSQL:
#   - /healthz                       no session, no query beyond a ping
#   - /bench/reference               signed in, the page layout, one SELECT (the yardstick)
#   - /solutions/{id}                the checklist page (the approved Azure IP demo solution)
#   - /organizations/{id}/dashboard  the partner dashboard
#   - /review/{id}                   the review page of the claimed demo solution
# Load goes to 127.0.0.1 only, with wrk: 2 threads, 32 connections, BENCH_SECONDS each
# (default 10), with the server's CPU time per request over the run. Prints a table and appends
# it to bench/RESULTS.md with the date and machine.
#   bash bench/pages.sh
# COSELL_BIN=/path/to/cosell runs another build (a page it lacks is reported as such),
# BENCH_BACKENDS="sqlite" limits the databases, and BENCH_APPEND=0 leaves RESULTS.md alone
# (bench/ab_pages.sh runs it so, round after round).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/cache/cosell/target}"
bench_need_wrk
if [ -z "${COSELL_BIN:-}" ]; then
  cargo build --release --quiet --features bench
  COSELL_BIN="$CARGO_TARGET_DIR/release/cosell"
fi
seconds="${BENCH_SECONDS:-10}"
backends="${BENCH_BACKENDS:-sqlite postgres}"
port=18191
base="http://127.0.0.1:$port"
bench_scratch

# Signs in through the login form and prints the session cookie.
signin() { python3 bench/signin.py "$base" "$1"; }

# The server's CPU time so far (user and system), in clock ticks.
server_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat"; }

# wrk's requests/s and p99 (ms) for one path with one cookie, after a short warm-up, and the
# server's CPU time per request (microseconds) over the measured run: unlike requests/s, it
# hardly moves when wrk, the database server or a neighbour takes the cores for a while, so
# it is the figure to compare two builds by on this shared machine.
measure() {
  local path=$1 cookie=$2 status before out after
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
  if [ "$status" != 200 ]; then echo "- - -"; return; fi
  wrk -t2 -c32 -d1s -H "Cookie: $cookie" "$base$path" >/dev/null
  before=$(server_ticks)
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency -H "Cookie: $cookie" "$base$path")
  after=$(server_ticks)
  echo "$out" | python3 -c '
import re, sys
out = sys.stdin.read()
ticks, hz = int(sys.argv[1]), int(sys.argv[2])
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
count = int(re.search(r"(\d+) requests in", out).group(1))
m = re.search(r"\s99%\s+([\d.]+)(us|ms|s)\b", out)
p99 = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
if errors: sys.exit("non-2xx answers: " + errors.group(1))
print(f"{rps:.0f} {p99:.1f} {ticks / hz / count * 1e6:.0f}")' "$((after - before))" "$(getconf CLK_TCK)"
}

rows=""
for backend in $backends; do
  if [ "$backend" = postgres ]; then
    pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null || { echo "PostgreSQL does not answer: skipped"; continue; }
    pgdb="cosell_bench_$$"
  fi
  bench_demo_serve "$COSELL_BIN" "$backend" "${pgdb:-bench-sqlite}" "$port" || exit 2
  maker=$(signin maker@contoso.example)
  reviewer=$(signin reviewer@demo.example)
  token=$("$COSELL_BIN" token create --email maker@contoso.example | tail -1)
  rtoken=$("$COSELL_BIN" token create --email reviewer@demo.example | tail -1)
  solution=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/solutions" | python3 -c '
import json, sys
items = json.load(sys.stdin)["items"]
print(next((s for s in items if s["review_state"] == "approved"), items[0])["id"])')
  org=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/solutions/$solution" | python3 -c 'import json,sys;print(json.load(sys.stdin)["organization_id"])')
  review=$(curl -sf -H "Authorization: Bearer $rtoken" "$base/api/v1/review-queue" | python3 -c 'import json,sys;print(json.load(sys.stdin)["items"][0]["id"])')
  for page in "/healthz|$maker" "/bench/reference|$maker" "/solutions/$solution|$maker" \
              "/organizations/$org/dashboard|$maker" "/review/$review|$reviewer"; do
    path=${page%%|*}; cookie=${page#*|}
    read -r rps p99 cpu < <(measure "$path" "$cookie")
    bytes=$(curl -s -H "Cookie: $cookie" -H 'Accept-Encoding: identity' "$base$path" | wc -c)
    echo "$backend $path: $rps req/s, p99 $p99 ms, cpu $cpu us/req, $bytes bytes"
    rows+="$backend|$path|$rps|$p99|$cpu|$bytes"$'\n'
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  if [ -n "$pgdb" ]; then bench_drop_database "$pgdb"; pgdb=""; fi
done

# Ratios against the reference page (and /healthz), taken within the same run and backend.
table=$(printf '%s' "$rows" | python3 -c '
import sys
rows = [l.split("|") for l in sys.stdin.read().splitlines() if l]
ref = {b: float(r) for b, p, r, *_ in rows if p == "/bench/reference" and r != "-"}
health = {b: float(r) for b, p, r, *_ in rows if p == "/healthz" and r != "-"}
print("| database | page | requests/s | p99 (ms) | server CPU per request (us) | x reference | x /healthz | page bytes |")
print("|---|---|---|---|---|---|---|---|")
for b, p, r, p99, cpu, size in rows:
    x = lambda base: f"{float(r) / base[b]:.2f}" if r != "-" and b in base else "-"
    print(f"| {b} | `{p}` | {r} | {p99} | {cpu} | {x(ref)} | {x(health)} | {size} |")')
echo "$table"
[ "${BENCH_APPEND:-1}" = 0 ] && exit 0
{
  echo
  echo "## Pages under load, $(date -u +%Y-%m-%d)"
  echo
  echo "Command: \`bash bench/pages.sh\` (${COSELL_BIN##*/} release build; wrk -t2 -c32, ${seconds} s per page after 1 s of warm-up;"
  echo "demo data; local files). Machine: $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB; wrk runs on the same cores."
  echo
  echo "$table"
} >> bench/RESULTS.md
