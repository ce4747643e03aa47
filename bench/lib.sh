# Shared by the upload scripts here (sourced, not run): a server on 127.0.0.1 with its own
# SQLite database, and a partner with solutions to upload to, made through the API.
#   bench_serve PORT STORAGE_URL      starts "$bin" serve in "$work"; sets $pid
#   bench_partner COUNT               sets $maker (a bearer token) and $solutions (ids)
# and, for the page scripts:
#   bench_scratch                         makes $work, empties $pid and $pgdb; on exit the server
#                                         stops, $pgdb (when set) is dropped and $work removed
#   bench_need_wrk                        installs wrk when it is missing
#   bench_database sqlite|postgres NAME   prints the URL of an empty database NAME
#   bench_drop_database NAME              drops PostgreSQL database NAME if it is there
#   bench_demo_serve BIN KIND NAME PORT   the demo data in a fresh database (as bench_database)
#                                         served by BIN on PORT; sets $pid and $base

# No load balancer asks these servers /readyz: stopped, they stop at once (the drain after
# SIGTERM would keep the port taken for the next run).
export SHUTDOWN_DRAIN_SECONDS=0

bench_serve() {
  local port=$1
  export DATABASE_URL="sqlite://$work/bench.db" STORAGE_URL="$2" RUST_LOG=warn
  export BIND_ADDR="127.0.0.1:$port"
  base="http://127.0.0.1:$port"
  echo 'bench-password-1' | "$bin" user add --email admin@bench.example --role program_admin --password-stdin >/dev/null
  admin=$("$bin" token create --email admin@bench.example | tail -1)
  "$bin" serve >"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && return 0; sleep 0.1; done
  cat "$work/server.log" >&2
  return 1
}

bench_api() { curl -sf -H "Authorization: Bearer $1" -H 'content-type: application/json' "${@:2}"; }
bench_id() { python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])'; }

bench_partner() {
  local org offer
  org=$(bench_api "$admin" -X POST "$base/api/v1/organizations" -d '{"name":"Bench","mpn_id":"123456","seller_account_active":true}' | bench_id)
  bench_api "$admin" -X POST "$base/api/v1/organizations/$org/users" -d '{"email":"maker@bench.example","password":"bench-password-1","roles":["developer","cosell_admin"]}' >/dev/null
  maker=$("$bin" token create --email maker@bench.example | tail -1)
  solutions=()
  for i in $(seq 1 "$1"); do
    offer=$(bench_api "$maker" -X POST "$base/api/v1/offers" -d "{\"organization_id\":$org,\"name\":\"Bench $i\",\"offer_type\":\"saas\",\"stores\":[\"appsource\"]}" | bench_id)
    solutions+=("$(bench_api "$maker" -X POST "$base/api/v1/solutions" -d "{\"offer_id\":$offer}" | bench_id)")
  done
}

bench_machine() { echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"; }

bench_database() {
  case $1 in
    sqlite) echo "sqlite://$work/$2.sqlite" ;;
    postgres)
      bench_drop_database "$2"
      psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $2" >/dev/null
      echo "postgres://postgres@127.0.0.1:5432/$2" ;;
    *) echo "unknown database $1 (sqlite or postgres)" >&2; return 2 ;;
  esac
}

bench_drop_database() {
  psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $1" >/dev/null 2>&1 || true
}

bench_scratch() {
  work=$(mktemp -d)
  pid=""
  pgdb=""
  trap bench_cleanup EXIT
}

bench_cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  if [ -n "$pgdb" ]; then bench_drop_database "$pgdb"; fi
  rm -rf "$work"
}

bench_need_wrk() {
  command -v wrk >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
}

bench_demo_serve() {
  local bin=$1 kind=$2 url
  url=$(bench_database "$kind" "$3") || return 2
  export DATABASE_URL="$url" STORAGE_URL="file://$work/documents-$kind" BIND_ADDR="127.0.0.1:$4" RUST_LOG=warn
  base="http://127.0.0.1:$4"
  "$bin" migrate >/dev/null
  "$bin" demo >/dev/null
  "$bin" serve >"$work/server-$kind.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && return 0; sleep 0.1; done
  cat "$work/server-$kind.log" >&2
  return 1
}
