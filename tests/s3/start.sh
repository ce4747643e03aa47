#!/usr/bin/env bash
# Starts moto's S3-compatible server (from PyPI, in a virtual environment next to this file)
# on 127.0.0.1:5050 if it is not running, and creates the bucket named by $1. Used by .ci/run
# and by hand for the s3:// storage tests:
#   bash tests/s3/start.sh cosell-test
#   eval "$(bash tests/s3/start.sh cosell-test --env)"   # also prints the variables to export
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bucket="${1:-cosell-test}"
port=5050
venv="${MOTO_VENV:-$here/.venv}"
if [ ! -x "$venv/bin/moto_server" ]; then
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'moto[server]==5.*' >&2
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
  log="$(mktemp)"
  nohup "$venv/bin/moto_server" -H 127.0.0.1 -p "$port" >"$log" 2>&1 &
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.2; done
fi
# Creating a bucket that exists is fine for moto (it answers 200 or 409 alike; both will do).
curl -s -o /dev/null -X PUT "http://127.0.0.1:$port/$bucket" >&2 || true
if [ "${2:-}" = "--env" ]; then
  cat <<VARS
export TEST_STORAGE_URL=s3://$bucket AWS_ENDPOINT=http://127.0.0.1:$port AWS_ALLOW_HTTP=true
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
VARS
fi
