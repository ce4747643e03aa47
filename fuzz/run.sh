#!/usr/bin/env bash
# Runs every fuzz target (or those named after the seconds) for SECONDS seconds each, from
# the seeds in fuzz/seeds and the corpus it grows in fuzz/corpus. Installs cargo-fuzz if it is
# missing. No sanitizer, so the stable toolchain does (`-s none`). A crash stops with the
# input saved under fuzz/artifacts and a non-zero exit, as does a target that does not build.
#   bash fuzz/run.sh 15                  # every target, 15 s each (what .ci/run does)
#   bash fuzz/run.sh 600 pdf_inspect     # one target, 10 minutes
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-15}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pdf_inspect pdf_page_tree pdf_render_limits office_inspect image_check contacts_csv revenue_csv form_decode)
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked --quiet
target_dir="${FUZZ_TARGET_DIR:-${CARGO_TARGET_DIR:-target}/fuzz}"
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "-- $t: ${seconds} s"
  log="$(mktemp)"
  if ! cargo +stable fuzz run -s none --target-dir "$target_dir" "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$seconds" -rss_limit_mb=1024 -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz target $t failed (a crash leaves its input under fuzz/artifacts/$t)"
    exit 1
  fi
  grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
  rm -f "$log"
done
