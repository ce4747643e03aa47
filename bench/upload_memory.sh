#!/usr/bin/env bash
# Measures the server's memory while it receives, inspects and stores pitch decks of
# 1 MiB, 10 MiB and 50 MiB (PPTX and PDF), on the release build with SQLite and local files.
# Prints the figures and appends them to bench/RESULTS.md.
#   bash bench/upload_memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/cache/cosell/target}"
cargo build --release --quiet
bin="$CARGO_TARGET_DIR/release/cosell"
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
export DATABASE_URL="sqlite://$work/bench.db" STORAGE_URL="file://$work/documents" RUST_LOG=warn
port=18190
export BIND_ADDR="127.0.0.1:$port"
echo 'bench-password-1' | "$bin" user add --email admin@bench.example --role program_admin --password-stdin >/dev/null
admin=$("$bin" token create --email admin@bench.example | tail -1)
"$bin" serve >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
api() { curl -sf -H "Authorization: Bearer $1" -H 'content-type: application/json' "${@:2}"; }
org=$(api "$admin" -X POST "http://127.0.0.1:$port/api/v1/organizations" -d '{"name":"Bench","mpn_id":"123456","seller_account_active":true}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
api "$admin" -X POST "http://127.0.0.1:$port/api/v1/organizations/$org/users" -d '{"email":"maker@bench.example","password":"bench-password-1","roles":["developer","cosell_admin"]}' >/dev/null
maker=$("$bin" token create --email maker@bench.example | tail -1)
offer=$(api "$maker" -X POST "http://127.0.0.1:$port/api/v1/offers" -d "{\"organization_id\":$org,\"name\":\"Bench\",\"offer_type\":\"saas\",\"stores\":[\"appsource\"]}" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
sol=$(api "$maker" -X POST "http://127.0.0.1:$port/api/v1/solutions" -d "{\"offer_id\":$offer}" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')

python3 - "$work" <<'PY'
import os, sys, zipfile
work = sys.argv[1]
def pptx(path, mib):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>')
        z.writestr("ppt/presentation.xml", "<p/>")
        for i in range(1, 13):
            z.writestr(f"ppt/slides/slide{i}.xml", "<s/>")
        z.writestr("ppt/media/video.bin", os.urandom(mib * 1024 * 1024 - 4096))
def pdf(path, mib):
    blob = os.urandom(mib * 1024 * 1024 - 4096)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(blob) + blob + b"\nendstream"]
    out, offs = bytearray(b"%PDF-1.5\n"), []
    for i, o in enumerate(objs, 1):
        offs.append(len(out)); out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offs)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % x
    open(path, "wb").write(out)
for mib in (1, 10, 50):
    pptx(f"{work}/deck-{mib}.pptx", mib)
    pdf(f"{work}/deck-{mib}.pdf", mib)
PY

rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
hwm() { awk '/^VmHWM/ {print $2}' "/proc/$pid/status"; }
upload() { curl -sf -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $maker" -X PUT -F "file=@$1" "http://127.0.0.1:$port/api/v1/solutions/$sol/documents/pitch_deck"; }

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
} >> bench/RESULTS.md
