#!/usr/bin/env bash
# Starts Azurite's blob service on 127.0.0.1:10000 (if it is not running) and creates the
# container named by $1. Used by .ci/run and by hand for the az:// storage tests:
#   bash tests/azurite/start.sh cosell-test
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
container="${1:-cosell-test}"
cd "$here"
[ -d node_modules/azurite ] || npm ci --no-audit --no-fund --loglevel=error
if ! (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null; then
  data="${AZURITE_DATA:-$(mktemp -d)}"
  nohup node_modules/.bin/azurite-blob --silent --skipApiVersionCheck --location "$data" \
    --blobHost 127.0.0.1 --blobPort 10000 >"$data/azurite.log" 2>&1 &
  for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/10000) 2>/dev/null && break; sleep 0.2; done
fi
node create-container.js "$container"
