#!/usr/bin/env bash
# CPU time per request of the portal and of every `postgres` process, for one or more pages,
# under wrk -t2 -c32 (1 s warm-up, BENCH_SECONDS measured, default 5), on fresh demo data. CPU
# per request moves less with the machine's drift than requests/s do, and it says which side
# (the portal or the database) a page's cost is on. Prints one line per page; appends nothing.
#   bash bench/cpu_per_request.sh BIN sqlite|postgres PATH [PATH...]
#   e.g. bash bench/cpu_per_request.sh /tmp/cosell postgres /bench/reference /solutions/1
# BIN is a release build with `--features bench` (for /bench/reference). The demo's maker signs in.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { sed -n '2,8p' "$0"; exit 2; }
bin=$1; db=$2; shift 2
seconds="${BENCH_SECONDS:-5}"
. bench/lib.sh
bench_scratch
bench_need_wrk
[ "$db" = postgres ] && pgdb="cosell_cpu_$$"
bench_demo_serve "$bin" "$db" "${pgdb:-db}" 18199
cookie=$(python3 bench/signin.py "$base" maker@contoso.example)
hz=$(getconf CLK_TCK)
# utime + stime, in clock ticks, of the given processes (those gone meanwhile count nothing).
ticks() {
  local total=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
database_pids() { [ "$db" = postgres ] && pgrep -u postgres | tr '\n' ' ' || true; }
echo "page | requests/s | page bytes | portal us/request | postgres us/request"
for path in "$@"; do
  wrk -t2 -c32 -d1s -H "Cookie: $cookie" "$base$path" >/dev/null
  portal_before=$(ticks "$pid"); db_before=$(ticks $(database_pids))
  out=$(wrk -t2 -c32 -d"${seconds}s" -H "Cookie: $cookie" "$base$path")
  portal_after=$(ticks "$pid"); db_after=$(ticks $(database_pids))
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  bytes=$(curl -s -H "Cookie: $cookie" "$base$path" | wc -c)
  python3 -c "
n, hz = $requests, $hz
portal = ($portal_after - $portal_before) / hz / n * 1e6
database = ($db_after - $db_before) / hz / n * 1e6
print(f'$path | {float($rps):.0f} | $bytes | {portal:.0f} | ' + (f'{database:.0f}' if '$db' == 'postgres' else '-'))"
done
