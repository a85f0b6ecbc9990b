#!/usr/bin/env bash
# Runs the service on a throw-away local PostgreSQL 16 with demo data: gRPC (h2c) on
# 127.0.0.1:5080, HTTP/JSON on 127.0.0.1:8000. Prints dev tokens and ready-to-paste client
# lines, then serves until Ctrl-C (which also stops the database).
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

DMIS replenishment service (demo data: event 1 HURRICANE MELISSA in SURGE, warehouses 1-4, items 1-4)
  gRPC (h2c):  127.0.0.1:5080      HTTP/JSON: http://127.0.0.1:8000      database: $ConnectionStrings__Dmis

Dev tokens (12 h; officer and manager act for warehouses 1-4, the director nationally):
  export OFFICER=$officer
  export MANAGER=$manager
  export DIRECTOR=$director
  export ADMIN=$admin

HTTP/JSON (curl):
  curl http://127.0.0.1:8000/api/v1/health/
  curl -X POST http://127.0.0.1:8000/api/v1/replenishment/needs-list/preview -H "Content-Type: application/json" \\
       -H "Authorization: Bearer \$MANAGER" -d '{"event_id":1,"warehouse_id":1}'

gRPC with the Node client of this repo (grpcurl is not installable here):
  node scripts/grpc-call.js dmis.replenishment.v1.EventPhaseService/ListEvents '{}' --token "\$OFFICER"
  node scripts/grpc-call.js dmis.replenishment.v1.EventPhaseService/WatchPhaseChanges '{}' --token "\$OFFICER"

gRPC with grpcurl, where installed (reflection is on):
  grpcurl -plaintext 127.0.0.1:5080 grpc.health.v1.Health/Check
  grpcurl -plaintext -H "authorization: Bearer \$MANAGER" -d '{"event_id":1,"warehouse_id":1}' \\
       127.0.0.1:5080 dmis.replenishment.v1.NeedsListService/PreviewNeedsList

INFO

server
