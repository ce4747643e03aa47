#!/usr/bin/env bash
# Interleaved A/B of bench/pages.sh: ROUNDS rounds, each running pages.sh once per build in
# turn (fresh demo data each time, SQLite and PostgreSQL unless BENCH_BACKENDS says otherwise),
# so a drift of this shared machine's speed falls on every build alike. Prints and appends to
# bench/RESULTS.md, per database and page, each build's mean requests/s and mean ratio to the
# reference page of its own run, and the last build's ratio over the first's; each run's
# lines are printed as they come (round, build, then pages.sh's line), to see the spread.
#   bash bench/ab_pages.sh ROUNDS /path/to/cosell-before /path/to/cosell-after
# Builds: cargo build --release --features bench (a git worktree for the older one).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=$1; shift
[ "$#" -ge 2 ] || { echo "usage: $0 ROUNDS BUILD_A BUILD_B..." >&2; exit 2; }
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
for round in $(seq 1 "$rounds"); do
  for n in $(seq 1 "$#"); do
    bin=${!n}
    COSELL_BIN="$bin" BENCH_APPEND=0 bash bench/pages.sh \
      | grep -E '^(sqlite|postgres) /.*req/s' | sed "s|^|$round $n |" | tee -a "$lines"
  done
done
table=$(python3 - "$lines" "$@" <<'PY'
import re, statistics, sys
path, builds = sys.argv[1], sys.argv[2:]
runs = {}  # (round, build, db) -> {page: rps}
for line in open(path):
    m = re.match(r"(\d+) (\d+) (\S+) (\S+): (\S+) req/s", line)
    if not m or m.group(5) == "-":
        continue
    rnd, build, db, page, rps = m.groups()
    runs.setdefault((rnd, int(build), db), {})[page] = float(rps)
pages = []
for run in runs.values():
    for p in run:
        if p not in pages:
            pages.append(p)
dbs = sorted({k[2] for k in runs})
names = [b.rsplit("/", 1)[-1] for b in builds]
head = "| database | page | " + " | ".join(f"{n} req/s | {n} x ref" for n in names) + f" | {names[-1]} / {names[0]} (req/s) | {names[-1]} / {names[0]} (x ref) |"
print(head)
print("|" + "---|" * (2 + 2 * len(names) + 2))
for db in dbs:
    for p in pages:
        cells, xs, means = [], [], []
        for b in range(1, len(builds) + 1):
            mine = [r for (rnd, bb, d), r in runs.items() if bb == b and d == db and p in r]
            rps = [r[p] for r in mine]
            x = [r[p] / r["/bench/reference"] for r in mine if "/bench/reference" in r]
            cells += [f"{statistics.mean(rps):.0f}" if rps else "-", f"{statistics.mean(x):.3f}" if x else "-"]
            xs.append(statistics.mean(x) if x else None)
            means.append(statistics.mean(rps) if rps else None)
        speed = f"{means[-1] / means[0]:.3f}" if means[0] and means[-1] else "-"
        ratio = f"{xs[-1] / xs[0]:.3f}" if xs[0] and xs[-1] else "-"
        print(f"| {db} | `{p}` | " + " | ".join(cells) + f" | {speed} | {ratio} |")
PY
)
echo "$table"
{
  echo
  echo "## Pages under load, interleaved A/B, $(date -u +%Y-%m-%d)"
  echo
  echo "Command: \`BENCH_BACKENDS=\"${BENCH_BACKENDS:-sqlite postgres}\" bash bench/ab_pages.sh $rounds $*\` ($rounds rounds, each build once per round in turn;"
  echo "bench/pages.sh per run: wrk -t2 -c32, ${BENCH_SECONDS:-10} s per page after 1 s of warm-up; demo data; local files)."
  echo "Means over the rounds; \"x ref\" is a page's requests/s over the reference page's in the same run."
  echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB; wrk runs on the same cores."
  echo
  echo "$table"
} >> bench/RESULTS.md
