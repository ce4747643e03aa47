#!/usr/bin/env bash
# Interleaved A/B of bench/pages.sh: ROUNDS rounds, each running pages.sh once per build in
# turn (fresh demo data each time, SQLite and PostgreSQL unless BENCH_BACKENDS says otherwise),
# so a drift of this shared machine's speed falls on every build alike. Every other round runs
# the builds in reverse order: the run after another finds the database server still busy with
# what the one before left (a dropped database, a checkpoint), and that must not fall on one
# build only. Prints and appends to bench/RESULTS.md, per database and page, each build's mean
# requests/s and mean server CPU time per request, the last build's ratios over the first's,
# and the lowest and highest ratio of CPU per request within one round; each run's lines are
# printed as they come (round, build, then pages.sh's line), to see the spread.
#   bash bench/ab_pages.sh ROUNDS /path/to/cosell-before /path/to/cosell-after
# (AB_COMMAND: the command to write in RESULTS.md instead, for a script that calls this one)
# Builds: cargo build --release --features bench (a git worktree for the older one).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=$1; shift
[ "$#" -ge 2 ] || { echo "usage: $0 ROUNDS BUILD_A BUILD_B..." >&2; exit 2; }
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) -eq 0 ]; then order=$(seq "$#" -1 1); else order=$(seq 1 "$#"); fi
  for n in $order; do
    bin=${!n}
    COSELL_BIN="$bin" BENCH_APPEND=0 bash bench/pages.sh \
      | grep -E '^(sqlite|postgres) /.*req/s' | sed "s|^|$round $n |" | tee -a "$lines"
  done
done
table=$(python3 - "$lines" "$@" <<'PY'
import re, statistics, sys
path, builds = sys.argv[1], sys.argv[2:]
runs = {}  # (round, build, db) -> {page: (rps, cpu us per request or None)}
for line in open(path):
    m = re.match(r"(\d+) (\d+) (\S+) (\S+): (\S+) req/s, p99 \S+ ms(?:, cpu (\S+) us/req)?", line)
    if not m or m.group(5) == "-":
        continue
    rnd, build, db, page, rps, cpu = m.groups()
    runs.setdefault((rnd, int(build), db), {})[page] = (float(rps), float(cpu) if cpu else None)
pages = []
for run in runs.values():
    for p in run:
        if p not in pages:
            pages.append(p)
dbs = sorted({k[2] for k in runs})
names = [b.rsplit("/", 1)[-1] for b in builds]
first, last = names[0], names[-1]
print("| database | page | " + " | ".join(f"{n} req/s | {n} CPU us/request" for n in names)
      + f" | {last} / {first} (req/s) | {last} / {first} (CPU per request) | same, per round (lowest-highest) |")
print("|" + "---|" * (2 + 2 * len(names) + 3))

def mean(xs):
    xs = [x for x in xs if x is not None]
    return statistics.mean(xs) if xs else None

def show(x, fmt):
    return format(x, fmt) if x is not None else "-"

for db in dbs:
    for p in pages:
        cells, rps, cpu = [], [], []
        for b in range(1, len(builds) + 1):
            mine = [r[p] for (rnd, bb, d), r in runs.items() if bb == b and d == db and p in r]
            rps.append(mean([m[0] for m in mine]))
            cpu.append(mean([m[1] for m in mine]))
            cells += [show(rps[-1], ".0f"), show(cpu[-1], ".0f")]
        ratio = lambda xs: show(xs[-1] / xs[0], ".3f") if xs[0] and xs[-1] else "-"
        # The two builds' CPU per request within one round: how far one round can be trusted.
        paired = sorted(
            runs[(rnd, len(builds), d)][p][1] / r[p][1]
            for (rnd, bb, d), r in runs.items()
            if bb == 1 and d == db and p in r and r[p][1]
            and (runs.get((rnd, len(builds), d), {}).get(p) or (0, None))[1]
        )
        spread = f"{paired[0]:.3f}-{paired[-1]:.3f}" if paired else "-"
        print(f"| {db} | `{p}` | " + " | ".join(cells) + f" | {ratio(rps)} | {ratio(cpu)} | {spread} |")
PY
)
echo "$table"
{
  echo
  echo "## Pages under load, interleaved A/B, $(date -u +%Y-%m-%d)"
  echo
  echo "Command: \`${AB_COMMAND:-BENCH_BACKENDS=\"${BENCH_BACKENDS:-sqlite postgres}\" bash bench/ab_pages.sh $rounds $*}\` ($rounds rounds, each build once per round in turn, the order reversed every other round;"
  echo "bench/pages.sh per run: wrk -t2 -c32, ${BENCH_SECONDS:-10} s per page after 1 s of warm-up; demo data; local files)."
  echo "Means over the rounds; \"CPU us/request\" is the server's CPU time (user and system) per request over a run,"
  echo "the figure that hardly moves with the load of the machine (requests/s here moves by up to 40 % between runs of one build)."
  echo "Machine: $(nproc) cores, $(free -g | awk '/^Mem/ {print $2}') GiB; wrk runs on the same cores."
  echo
  echo "$table"
} >> bench/RESULTS.md
