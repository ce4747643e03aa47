#!/usr/bin/env bash
# What counting the metrics costs the pages: bench/ab_pages.sh with the same release build run
# with metrics off (`cosell`) and on (`cosell-metrics`: METRICS_ADDR set, every request's
# duration counted), in ROUNDS interleaved rounds; the table goes to bench/RESULTS.md.
#   bash bench/metrics_cost.sh ROUNDS [BIN]     (BIN: a `--features bench` build; made if absent)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:?rounds}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/cache/cosell/target}"
if [ -n "${2:-}" ]; then
  bin=$(realpath "$2")
else
  cargo build --release --quiet --features bench
  bin="$CARGO_TARGET_DIR/release/cosell"
fi
wrappers=$(mktemp -d)
trap 'rm -rf "$wrappers"' EXIT
# Same binary, same process (exec): only the setting differs.
printf '#!/bin/sh\nexec %q "$@"\n' "$bin" >"$wrappers/cosell"
printf '#!/bin/sh\nMETRICS_ADDR=127.0.0.1:0 exec %q "$@"\n' "$bin" >"$wrappers/cosell-metrics"
chmod +x "$wrappers"/*
AB_COMMAND="bash bench/metrics_cost.sh $rounds${2:+ $2}" \
  bash bench/ab_pages.sh "$rounds" "$wrappers/cosell" "$wrappers/cosell-metrics"
