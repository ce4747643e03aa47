#!/usr/bin/env bash
# schemathesis (from PyPI, in a virtual environment) against the API of a built server, once
# per caller: a program admin, a reviewer, a partner's co-sell admin and a seller, each on fresh demo
# data in SQLite. Every check is on; tests/schemathesis/schemathesis.toml lists the refusals
# the schemas cannot express. Exits non-zero on any failure.
#   bash tests/schemathesis/run.sh [path/to/cosell] [seconds per caller, default 60]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(realpath "${1:-${CARGO_TARGET_DIR:-target}/debug/cosell}")"
seconds="${2:-${SCHEMATHESIS_SECONDS:-60}}"
venv="${SCHEMATHESIS_VENV:-$here/.venv}"
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'schemathesis==4.*'
fi
port=18193
base="http://127.0.0.1:$port"
status=0
for caller in admin@demo.example reviewer@demo.example cosell-admin@contoso.example seller@demo.example; do
  work="$(mktemp -d)"
  export DATABASE_URL="sqlite://$work/cosell.db" STORAGE_URL="file://$work/documents" \
    BIND_ADDR="127.0.0.1:$port" RUST_LOG=warn SHUTDOWN_DRAIN_SECONDS=0
  "$bin" migrate >/dev/null
  "$bin" demo >/dev/null
  "$bin" serve >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
  token="$("$bin" token create --email "$caller" | tail -1)"
  echo "== schemathesis as $caller (${seconds} s)"
  # One worker: Python 3.11's `ast` keeps its recursion depth per interpreter, and Hypothesis
  # parses lambdas from two worker threads at once ("AST constructor recursion depth mismatch").
  (cd "$here" && "$venv/bin/schemathesis" run "$base/api/v1/openapi.json" \
    -H "Authorization: Bearer $token" --checks all --max-time "$seconds" --workers 1 \
    --suppress-health-check=too_slow,filter_too_much) || {
    status=1
    echo "-- the server's log (last 40 lines):"
    tail -40 "$work/server.log"
  }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
done
exit "$status"
