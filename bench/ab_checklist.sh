#!/usr/bin/env bash
# Interleaved A/B of release builds (with `--features bench`): for each round and build, fresh
# demo data on SQLite, then wrk -t2 -c32 (1 s warm-up, 5 s measured) on /bench/reference and
# on the checklist page /solutions/1; prints the checklist's requests/s over the reference's.
# Interleaving is what makes two builds comparable on a shared machine whose speed drifts.
#   bash bench/ab_checklist.sh ROUNDS /path/to/cosell-a /path/to/cosell-b ...
# AB_DATABASE=postgres runs each round on a fresh PostgreSQL database instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=$1; shift
port=18192
base="http://127.0.0.1:$port"
. bench/lib.sh
bench_scratch
bench_need_wrk
[ "${AB_DATABASE:-sqlite}" = postgres ] && pgdb="cosell_ab_$$"
rps() { wrk -t2 -c32 -d5s -H "Cookie: $1" "$base$2" | awk '/Requests\/sec/ {print $2}'; }
for _ in $(seq 1 "$rounds"); do
  for bin in "$@"; do
    rm -rf "$work"/*
    bench_demo_serve "$bin" "${AB_DATABASE:-sqlite}" "${pgdb:-db}" "$port"
    cookie=$(python3 bench/signin.py "$base" maker@contoso.example)
    wrk -t2 -c32 -d1s -H "Cookie: $cookie" "$base/solutions/1" >/dev/null
    ref=$(rps "$cookie" /bench/reference); sol=$(rps "$cookie" /solutions/1)
    echo "$bin reference=$ref checklist=$sol ratio=$(python3 -c "print(round($sol/$ref, 2))")"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  done
done
