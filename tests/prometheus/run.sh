#!/usr/bin/env bash
# The metrics read by a real Prometheus server (Debian's `prometheus`, installed when missing):
# a portal on demo data serves /metrics on METRICS_ADDR, Prometheus scrapes it every second,
# and its HTTP API is asked until it answers (at most a minute): the target is up, request
# durations exist for a page (/login) and an API route (/api/v1/me), and the mail outbox's
# backlog is there. Fails with what was missing.
#   bash tests/prometheus/run.sh /path/to/cosell
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=$(realpath "$1")
command -v prometheus >/dev/null ||
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus >/dev/null; }
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
app=$(free_port); metrics=$(free_port); prom=$(free_port)

export DATABASE_URL="sqlite://$work/demo.sqlite" STORAGE_URL="file://$work/documents" \
  BIND_ADDR="127.0.0.1:$app" METRICS_ADDR="127.0.0.1:$metrics" RUST_LOG=warn \
  COSELL_CONFIG="$work/none.toml" SHUTDOWN_DRAIN_SECONDS=0
"$bin" migrate >/dev/null
"$bin" demo >/dev/null
"$bin" serve >"$work/portal.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$app/healthz" >/dev/null && break; sleep 0.1; done
token=$("$bin" token create --email maker@contoso.example | tail -1)

cat >"$work/prometheus.yml" <<YML
global:
  scrape_interval: 1s
scrape_configs:
  - job_name: cosell
    static_configs:
      - targets: ["127.0.0.1:$metrics"]
YML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom" >"$work/prometheus.log" 2>&1 &
pids+=($!)

# A page and an API route answered, for the durations to exist.
curl -sf -o /dev/null "http://127.0.0.1:$app/login"
curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$app/api/v1/me"

# One PromQL query through the HTTP API; prints how many series answered (0 while Prometheus
# is not up yet).
series() {
  local answer
  answer=$(curl -sf --get "http://127.0.0.1:$prom/api/v1/query" --data-urlencode "query=$1") || { echo 0; return; }
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(len(r["data"]["result"]) if r["status"]=="success" else 0)' "$answer"
}
checks=(
  'up{job="cosell"} == 1'
  'http_server_request_duration_seconds_count{job="cosell",http_route="/login",http_request_method="GET",http_response_status_code="200"} > 0'
  'http_server_request_duration_seconds_count{job="cosell",http_route="/api/v1/me",http_request_method="GET",http_response_status_code="200"} > 0'
  'cosell_outbox_backlog{job="cosell",channel="mail"}'
  'cosell_outbox_oldest_age_seconds{job="cosell",channel="mail"}'
  'cosell_referrals{job="cosell",state="new"}'
  'cosell_referral_answers_overdue{job="cosell"}'
  'process_resident_memory_bytes{job="cosell"} > 0'
)
for _ in $(seq 1 60); do
  missing=()
  for q in "${checks[@]}"; do
    [ "$(series "$q")" -ge 1 ] || missing+=("$q")
  done
  [ ${#missing[@]} -eq 0 ] && break
  sleep 1
done
if [ ${#missing[@]} -ne 0 ]; then
  echo "Prometheus did not answer:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  tail -20 "$work/prometheus.log" >&2
  exit 1
fi
printf 'Prometheus %s scraped the portal: ' "$(prometheus --version 2>&1 | head -1 | awk '{print $3}')"
printf '%s; ' "${checks[@]}"
echo "all answered."
