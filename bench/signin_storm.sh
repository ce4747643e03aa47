#!/usr/bin/env bash
# The checklist page and the API under a sign-in storm (issue 14): p99 latency of
# /solutions/{id} (signed in) and of GET /api/v1/solutions/{id} (token), each measured idle and
# then while 20 clients sign in with correct passwords in a loop (POST /api/v1/tokens, one
# argon2 verification each). Release build with the `bench` feature, demo data on SQLite, load
# on 127.0.0.1 only, wrk -t1 -c4 for BENCH_SECONDS (default 10) per measurement. Prints a table
# and appends it to bench/RESULTS.md (or $BENCH_RESULTS) with the date and machine.
#   bash bench/signin_storm.sh            COSELL_BIN=/path/to/cosell to measure another build
# .ci/run smoke-runs it on the debug build for a second per measurement into /dev/null.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/cache/cosell/target}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ -z "${COSELL_BIN:-}" ]; then
  cargo build --release --quiet --features bench
  COSELL_BIN="$CARGO_TARGET_DIR/release/cosell"
fi
seconds="${BENCH_SECONDS:-10}"
port=18194
base="http://127.0.0.1:$port"
work=$(mktemp -d)
pid=""; storm=""
cleanup() {
  [ -n "$storm" ] && kill "$storm" 2>/dev/null || true
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export DATABASE_URL="sqlite://$work/cosell.db" STORAGE_URL="file://$work/documents" BIND_ADDR="127.0.0.1:$port" RUST_LOG=warn
# Stopped, it stops at once (no load balancer to drain for).
export SHUTDOWN_DRAIN_SECONDS=0
"$COSELL_BIN" migrate >/dev/null
"$COSELL_BIN" demo >/dev/null
"$COSELL_BIN" serve >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
token=$("$COSELL_BIN" token create --email maker@contoso.example | tail -1)
cookie=$(python3 bench/signin.py "$base" maker@contoso.example)
solution=$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/solutions" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

# p99 (ms) and requests/s of one path, with one header.
p99() {
  wrk -t1 -c4 -d"${seconds}s" --latency -H "$2" "$base$1" | python3 -c '
import re, sys
out = sys.stdin.read()
m = re.search(r"\s99%\s+([\d.]+)(us|ms|s)\b", out)
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
if re.search(r"Non-2xx or 3xx responses: (\d+)", out): sys.exit("non-2xx answers")
scale = dict(us=0.001, ms=1, s=1000)[m.group(2)]
print(f"{float(m.group(1)) * scale:.1f} {rps:.0f}")'
}

measure() {
  read -r page_p99 page_rps < <(p99 "/solutions/$solution" "Cookie: $cookie")
  read -r api_p99 api_rps < <(p99 "/api/v1/solutions/$solution" "Authorization: Bearer $token")
  echo "$page_p99 $page_rps $api_p99 $api_rps"
}

wrk -t1 -c4 -d1s -H "Cookie: $cookie" "$base/solutions/$solution" >/dev/null
read -r idle_page idle_page_rps idle_api idle_api_rps < <(measure)
# The storm: 20 clients, each signing in again as soon as the last sign-in answered.
python3 - "$base" "$work/storm.count" <<'PY' &
import http.client, json, os, sys, threading, time
base, out = sys.argv[1], sys.argv[2]
host, port = base.split("//")[1].split(":")
body = json.dumps({"email": "maker@contoso.example", "password": "demo-password-1"})
done, refused, lock = [0], [0], threading.Lock()
def client():
    c = http.client.HTTPConnection(host, int(port), timeout=60)
    while True:
        c.request("POST", "/api/v1/tokens", body, {"Content-Type": "application/json"})
        r = c.getresponse(); r.read()
        with lock:
            done[0] += 1
            refused[0] += r.status != 201
            # Replaced whole, so the reader never sees a half-written count.
            open(out + ".new", "w").write(f"{done[0]} {refused[0]}\n")
            os.replace(out + ".new", out)
for _ in range(20):
    threading.Thread(target=client, daemon=True).start()
while True:
    time.sleep(1)
PY
storm=$!
sleep 2
start_count=$(cut -d' ' -f1 "$work/storm.count" 2>/dev/null || echo 0)
t0=$(date +%s.%N)
read -r storm_page storm_page_rps storm_api storm_api_rps < <(measure)
t1=$(date +%s.%N)
read -r end_count refused < "$work/storm.count"
kill "$storm"; storm=""
signins=$(python3 -c "print(f'{($end_count - $start_count) / ($t1 - $t0):.1f}')")

table=$(cat <<TABLE
| measured | idle p99 (ms) | storm p99 (ms) | storm / idle | idle req/s | storm req/s |
|---|---|---|---|---|---|
| checklist page \`/solutions/$solution\` | $idle_page | $storm_page | $(python3 -c "print(f'{$storm_page / $idle_page:.2f}')") | $idle_page_rps | $storm_page_rps |
| API \`GET /api/v1/solutions/$solution\` | $idle_api | $storm_api | $(python3 -c "print(f'{$storm_api / $idle_api:.2f}')") | $idle_api_rps | $storm_api_rps |

Sign-ins during the storm: $signins per second (20 clients), $refused refused in all.
TABLE
)
echo "$table"
{
  echo
  echo "## Sign-in storm, $(date -u +%Y-%m-%d)"
  echo
  echo "Command: \`bash bench/signin_storm.sh\` (${COSELL_BIN##*/} release build; wrk -t1 -c4, ${seconds} s per measurement;"
  echo "demo data on SQLite; 20 sign-in clients on POST /api/v1/tokens). Machine: $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB."
  echo
  echo "$table"
} >> "${BENCH_RESULTS:-bench/RESULTS.md}"
