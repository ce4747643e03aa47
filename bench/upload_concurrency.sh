#!/usr/bin/env bash
# Ten pitch decks of 50 MiB uploaded at once (PDF, then PPTX), on local files, on local files
# in memory (tmpfs, the disk taken out) and on Azure Blob storage (Azurite): the server's peak
# RSS over its RSS after a 1 MiB warm-up upload, and the upload throughput over the same server
# receiving the same bodies and discarding them (`PUT /api/v1/bench/discard`, compiled in only
# with the `bench` feature). Each upload round is followed by its discard round, so the ratio is
# taken on a machine in the same state, and then by the store on its own taking the same files
# without the portal (ten `dd conv=fsync` beside the store, or the blobs put straight into
# Azurite): the best the portal could reach there.
# Prints the tables and appends them to bench/RESULTS.md.
#   bash bench/upload_concurrency.sh
# Settings: COSELL_BIN (a build with --features bench), BENCH_STORAGES ("local memory azurite"),
# BENCH_UPLOADS (10), BENCH_MIB (50), BENCH_ROUNDS (2), BENCH_RESULTS (bench/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/cache/cosell/target}"
[ -n "${COSELL_BIN:-}" ] || cargo build --release --features bench --quiet
bin="${COSELL_BIN:-$CARGO_TARGET_DIR/release/cosell}"
uploads=${BENCH_UPLOADS:-10}
mib=${BENCH_MIB:-50}
rounds=${BENCH_ROUNDS:-2}
storages=${BENCH_STORAGES:-local memory azurite}
results=${BENCH_RESULTS:-bench/RESULTS.md}
top=$(mktemp -d)
memory=""
pid=
trap 'kill $pid 2>/dev/null || true; rm -rf "$top" $memory' EXIT
. bench/lib.sh
python3 bench/decks.py "$top" 1 "$mib"

kib() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$pid/status"; }

# One round: $uploads requests at once to the URL made by $1 (an index -> URL function),
# each sending $2. Prints "seconds peak_kib codes".
at_once() {
  echo 5 >"/proc/$pid/clear_refs" 2>/dev/null || true # resets VmHWM to the current RSS
  local start end curls=() i
  start=$(date +%s%N)
  for i in $(seq 0 $((uploads - 1))); do
    curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $maker" -X PUT \
      -F "file=@$2" "$($1 "$i")" >"$work/code.$i" &
    curls+=($!)
  done
  wait "${curls[@]}"
  end=$(date +%s%N)
  echo "$(((end - start) / 1000000)) $(kib VmHWM) $(sort "$work"/code.* | uniq -c | awk '{printf "%s%sx%s", sep, $1, $2; sep=","}')"
}
to_solution() { echo "$base/api/v1/solutions/${solutions[$1]}/documents/pitch_deck"; }
to_discard() { echo "$base/api/v1/bench/discard"; }

# $uploads copies of $1 written at once into folder $2, each flushed to disk before it ends
# (what the portal must do to lose nothing), then removed. Prints the milliseconds.
durable_copies() {
  local start end i dds=()
  mkdir -p "$2"
  start=$(date +%s%N)
  for i in $(seq 1 "$uploads"); do
    dd if="$1" of="$2/$i" bs=1M conv=fsync status=none &
    dds+=($!)
  done
  wait "${dds[@]}"
  end=$(date +%s%N)
  rm -rf "$2"
  echo $(((end - start) / 1000000))
}

rows=""
ceiling=""
port=18191
for storage in $storages; do
  work="$top/$storage"
  mkdir -p "$work"
  case $storage in
  local) store="$work/documents" url="file://$store" ;;
  memory)
    memory=$(mktemp -d -p /dev/shm)
    store="$memory/documents" url="file://$store"
    ;;
  azurite)
    bash tests/azurite/start.sh "bench-$$" >/dev/null
    export AZURE_STORAGE_USE_EMULATOR=true
    url="az://bench-$$"
    ;;
  *) echo "unknown storage $storage (local, memory or azurite)" >&2 && exit 2 ;;
  esac
  bench_serve "$port" "$url"
  port=$((port + 1))
  bench_partner "$uploads"
  # Warm-up: a 1 MiB upload of each format and a discard, then the baseline.
  for f in deck-1.pdf deck-1.pptx; do
    curl -sf -o /dev/null -H "Authorization: Bearer $maker" -X PUT -F "file=@$top/$f" "$(to_solution 0)"
  done
  curl -sf -o /dev/null -H "Authorization: Bearer $maker" -X PUT -F "file=@$top/deck-1.pdf" "$(to_discard)"
  base_kib=$(kib VmRSS)
  for round in $(seq 1 "$rounds"); do
    for format in pdf pptx; do
      read -r up_ms up_peak up_codes < <(at_once to_solution "$top/deck-$mib.$format")
      read -r dis_ms dis_peak dis_codes < <(at_once to_discard "$top/deck-$mib.$format")
      # The store on its own: the same files, no portal.
      if [ "$storage" = azurite ]; then
        alone_ms=$(node tests/azurite/put-blobs.js "bench-$$" "$uploads" "$top/deck-$mib.$format")
      else
        alone_ms=$(durable_copies "$top/deck-$mib.$format" "$store.alone")
      fi
      ceiling+=$(awk -v s="$storage" -v r="$round" -v f="$format" -v um="$up_ms" \
        -v dm="$dis_ms" -v am="$alone_ms" 'BEGIN {
          if (am < 1) am = 1
          printf "| %s | %d | %s | %.2f | %.2f | %.2f | %.2f | %.2f |\n", s, r, f, am / 1000,
            um / 1000, dm / 1000, dm / am, am / um }')$'\n'
      rows+=$(awk -v s="$storage" -v r="$round" -v f="$format" -v n="$uploads" -v m="$mib" \
        -v um="$up_ms" -v dm="$dis_ms" -v up="$up_peak" -v dp="$dis_peak" -v b="$base_kib" \
        -v uc="$up_codes" -v dc="$dis_codes" 'BEGIN {
          total = n * m
          printf "| %s | %d | %s | %s | %.2f | %.0f | %.2f | %.0f | %.2f | %.1f | %.1f |\n",
            s, r, f, uc "; " dc, um / 1000, total / (um / 1000), dm / 1000, total / (dm / 1000),
            dm / um, (up - b) / 1024, (dp - b) / 1024 }')$'\n'
    done
  done
  kill "$pid" && wait "$pid" 2>/dev/null || true
  pid=
done

table="| storage | round | format | statuses (uploads; discards) | upload s | upload MiB/s | discard s | discard MiB/s | throughput x discard | upload peak RSS over warm-up (MiB) | discard peak RSS over warm-up (MiB) |
|---|---|---|---|---|---|---|---|---|---|---|
$rows"
echo "$table"
ceiling_table="Each store on its own, right after the discard round: the same $uploads files written at once
without the portal (local files and memory: \`dd conv=fsync\` beside the store, on its file system; Azurite:
\`tests/azurite/put-blobs.js\`, 512 KiB blocks, two in flight per blob, as the portal sends them).
\"Best possible x discard\" is the ratio the portal would reach if it added nothing to the store's own time.

| storage | round | format | store alone s | portal upload s | discard s | best possible x discard | store alone / portal upload |
|---|---|---|---|---|---|---|---|
$ceiling"
echo "$ceiling_table"
{
  echo
  echo "## Concurrent uploads, $(date -u +%Y-%m-%d)"
  echo
  echo "Command: \`bash bench/upload_concurrency.sh\` ($bin, SQLite; $(bench_machine)). Each round sends"
  echo "$uploads pitch decks of $mib MiB at once, one per solution, through \`PUT /api/v1/solutions/{id}/documents/pitch_deck\`,"
  echo "then the same $uploads bodies at once to \`PUT /api/v1/bench/discard\`. Peaks are the server's VmHWM, reset before each"
  echo "round, over its RSS after the warm-up (a 1 MiB PDF, a 1 MiB PPTX and a 1 MiB discard): $base_kib KiB on the last storage."
  echo
  echo "$table"
  echo
  echo "$ceiling_table"
} >>"$results"
