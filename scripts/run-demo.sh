#!/usr/bin/env bash
# Runs the service on a throw-away local PostgreSQL 16 with demo data: gRPC (h2c) on
# 127.0.0.1:5080, HTTP/JSON on 127.0.0.1:8000 (or wherever Endpoints__GrpcUrl and
# Endpoints__HttpUrl say). Prints dev tokens and ready-to-paste client lines for the addresses
# it really serves, then serves until Ctrl-C (which also stops the database).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

pg_dir="${DMIS_DEMO_PG_DIR:-/tmp/dmis-demo-pg}"
pg_port="${DMIS_DEMO_PG_PORT:-54329}"

scripts/pg-local.sh install >/dev/null
scripts/pg-local.sh stop "$pg_dir/data" >/dev/null 2>&1 || true
rm -rf "$pg_dir"
mkdir -p "$pg_dir"
chmod 755 "$pg_dir"
connection="$(scripts/pg-local.sh start "$pg_dir/data" "$pg_port" | tail -n 1)"
trap 'scripts/pg-local.sh stop "$pg_dir/data" >/dev/null 2>&1 || true' EXIT

export ASPNETCORE_ENVIRONMENT=Development
export Endpoints__GrpcUrl="${Endpoints__GrpcUrl:-http://127.0.0.1:5080}"
export Endpoints__HttpUrl="${Endpoints__HttpUrl:-http://127.0.0.1:8000}"

# What a client on this machine dials: the URL's host and port, a wildcard host as 127.0.0.1.
client_address() {
  local authority="${1#http://}"
  authority="${authority%%/*}"
  case "${authority%:*}" in 0.0.0.0 | '*' | + | '[::]') authority="127.0.0.1:${authority##*:}" ;; esac
  echo "$authority"
}
grpc="$(client_address "$Endpoints__GrpcUrl")"
http="http://$(client_address "$Endpoints__HttpUrl")"

dotnet build -c Release -v quiet -nologo src/Dmis.Replenishment.Server >/dev/null
server() { dotnet run --no-build -c Release --no-launch-profile --project src/Dmis.Replenishment.Server -- "$@"; }

# The cluster's superuser owns the schema: it migrates, loads the demo data and creates the service's
# login, a member of dmis_app_user. The service itself connects as that login, never as the owner.
ConnectionStrings__Dmis="$connection" server migrate --demo-data >/dev/null
ConnectionStrings__Dmis="$connection" server app-login --user dmis_service >/dev/null
export ConnectionStrings__Dmis="${connection/Username=postgres/Username=dmis_service}"
export Database__MigrateOnStartup=false

officer="$(server token --user tanya --role LOGISTICS_OFFICER --warehouse 1 --warehouse 2 --warehouse 3 --warehouse 4)"
manager="$(server token --user kemar --role LOGISTICS_MANAGER --warehouse 1 --warehouse 2 --warehouse 3 --warehouse 4)"
director="$(server token --user marcia --role SENIOR_DIRECTOR)"
admin="$(server token --user admin --role SYSTEM_ADMINISTRATOR)"

cat <<INFO

DMIS replenishment service (demo data: event 1 HURRICANE MELISSA in SURGE, warehouses 1-4, items 1-5)
  gRPC (h2c):  $grpc      HTTP/JSON: $http      database: $ConnectionStrings__Dmis

Dev tokens (12 h; officer and manager act for warehouses 1-4, the director nationally):
  export OFFICER=$officer
  export MANAGER=$manager
  export DIRECTOR=$director
  export ADMIN=$admin

HTTP/JSON (curl):
  curl $http/api/v1/health/
  curl -X POST $http/api/v1/replenishment/needs-list/preview -H "Content-Type: application/json" \\
       -H "Authorization: Bearer \$MANAGER" -d '{"event_id":1,"warehouse_id":1}'

gRPC with the Node client of this repo (grpcurl is not installable here):
  node scripts/grpc-call.js --addr $grpc dmis.replenishment.v1.EventPhaseService/ListEvents '{}' --token "\$OFFICER"
  node scripts/grpc-call.js --addr $grpc dmis.replenishment.v1.EventPhaseService/WatchPhaseChanges '{}' --token "\$OFFICER"

gRPC with buf curl (through reflection; npm @bufbuild/buf in scripts/, where grpcurl is not installable):
  scripts/node_modules/.bin/buf curl --protocol grpc --http2-prior-knowledge http://$grpc/grpc.health.v1.Health/Check
  scripts/node_modules/.bin/buf curl --protocol grpc --http2-prior-knowledge -H "authorization: Bearer \$MANAGER" \\
       -d '{"event_id":1,"warehouse_id":1}' http://$grpc/dmis.replenishment.v1.NeedsListService/PreviewNeedsList

INFO

server
