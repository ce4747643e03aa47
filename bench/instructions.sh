#!/usr/bin/env bash
# User-space instructions the portal executes per request (valgrind's callgrind), for pages on
# fresh demo data (SQLite, or PostgreSQL with BENCH_DATABASE=postgres): N requests one after
# another on one keep-alive connection, after 20 to warm up, counted between a reset and a
# dump of callgrind's counters. Requests/s on a shared machine move by a third between rounds;
# an instruction count moves by a per cent or two, so it says whether a change to a page made
# it cheaper. It leaves out the kernel (sending the page), the client and the database server.
# Prints one line per page; appends nothing.
#   bash bench/instructions.sh BIN [PATH[|EMAIL]...]   (default: /bench/reference /solutions/1)
# BIN is a build with `--features bench` (for /bench/reference); the demo's maker signs in,
# or the demo user EMAIL for a path written PATH|EMAIL (/review/2|reviewer@demo.example).
# BENCH_REQUESTS=N sets N (default 200). Installs valgrind when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { sed -n '2,10p' "$0"; exit 2; }
bin=$(realpath "$1"); shift
[ $# -ge 1 ] || set -- /bench/reference /solutions/1
requests="${BENCH_REQUESTS:-200}"
port=18197
. bench/lib.sh
bench_scratch
command -v callgrind_control >/dev/null ||
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }
backend="${BENCH_DATABASE:-sqlite}"
[ "$backend" = postgres ] && pgdb="cosell_instructions_$$"
DATABASE_URL=$(bench_database "$backend" "${pgdb:-demo}")
export DATABASE_URL STORAGE_URL="file://$work/documents"
export BIND_ADDR="127.0.0.1:$port" RUST_LOG=warn
base="http://127.0.0.1:$port"
"$bin" migrate >/dev/null
"$bin" demo >/dev/null
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.%p" "$bin" serve >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done
curl -sf "$base/healthz" >/dev/null || { cat "$work/server.log" >&2; exit 1; }
declare -A cookies
signed_in() {
  [ -n "${cookies[$1]:-}" ] || cookies[$1]=$(python3 bench/signin.py "$base" "$1")
}
get() {
  python3 - "$port" "$cookie" "$1" "$2" <<'PY'
import http.client, sys
port, cookie, path, n = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
connection = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(n):
    connection.request("GET", path, headers={"Cookie": cookie})
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        sys.exit(f"{path} answered {response.status}")
PY
}
echo "page | instructions/request | page bytes"
for page in "$@"; do
  path=${page%%|*}
  who=maker@contoso.example
  [ "$path" != "$page" ] && who=${page#*|}
  signed_in "$who"
  cookie=${cookies[$who]}
  get "$path" 20
  callgrind_control -z "$pid" >/dev/null 2>&1
  get "$path" "$requests"
  callgrind_control -d "$pid" >/dev/null 2>&1
  dump=$(ls -t "$work"/callgrind.* | head -1)
  total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
  rm -f "$dump"
  bytes=$(curl -s -H "Cookie: $cookie" "$base$path" | wc -c)
  echo "$path | $((total / requests)) | $bytes"
done
