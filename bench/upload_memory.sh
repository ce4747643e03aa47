#!/usr/bin/env bash
# Measures the server's memory while it receives, inspects and stores pitch decks of
# 1 MiB, 10 MiB and 50 MiB (PPTX and PDF), on the release build with SQLite and local files.
# Prints the figures and appends them to bench/RESULTS.md (or $BENCH_RESULTS); COSELL_BIN
# measures another build.
#   bash bench/upload_memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/cache/cosell/target}"
[ -n "${COSELL_BIN:-}" ] || cargo build --release --quiet
bin="${COSELL_BIN:-$CARGO_TARGET_DIR/release/cosell}"
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
. bench/lib.sh
bench_serve 18190 "file://$work/documents"
bench_partner 1
sol=${solutions[0]}
python3 bench/decks.py "$work" 1 10 50

rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
hwm() { awk '/^VmHWM/ {print $2}' "/proc/$pid/status"; }
upload() { curl -sf -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $maker" -X PUT -F "file=@$1" "$base/api/v1/solutions/$sol/documents/pitch_deck"; }

# Warm up (first requests allocate pools and buffers), then measure peaks per size.
upload "$work/deck-1.pptx" >/dev/null
upload "$work/deck-1.pdf" >/dev/null
rows=""
for f in deck-1.pptx deck-10.pptx deck-50.pptx deck-1.pdf deck-10.pdf deck-50.pdf; do
  before=$(hwm)
  code=$(upload "$work/$f")
  after=$(hwm)
  size=$(stat -c %s "$work/$f")
  rows+="| $f | $size | $code | $before | $after | $(rss) |"$'\n'
done
date=$(date -u +%Y-%m-%d)
table="| file | bytes | status | peak RSS before (KiB) | peak RSS after (KiB) | RSS after (KiB) |
|---|---|---|---|---|---|
$rows"
echo "$table"
{
  echo
  echo "## Upload memory, $date"
  echo
  echo "Command: \`bash bench/upload_memory.sh\` (release build, SQLite, local files, one server process; $(nproc) cores)."
  echo "Each file is uploaded as a pitch deck through \`PUT /api/v1/solutions/{id}/documents/pitch_deck\`;"
  echo "the peak resident set size (VmHWM) of the server is read before and after each upload."
  echo
  echo "$table"
} >>"${BENCH_RESULTS:-bench/RESULTS.md}"
