#!/usr/bin/env bash
# Drives a running server the way an operator would, with a real third-party gRPC client
# (grpc-js through server reflection, scripts/grpc-call.js) and curl on the transcoded paths:
# health, list events, preview (gRPC and the migration guide's curl), generate, and a phase
# change seen by a WatchPhaseChanges subscriber. Exits non-zero at the first failed step.
# It leaves the data as it found it: the list it generates is cancelled and the event goes back
# to its phase, also when a step fails (the audit trail, the phase history and the event's
# "phase changed at/by" remember the visit).
# It does not generate over an open DRAFT or RETURNED list of the event and warehouse, because
# generating would supersede that list for good.
#
#   DMIS_GRPC_ADDR   gRPC address             (default 127.0.0.1:5080)
#   DMIS_HTTP_URL    HTTP/JSON base URL       (default http://127.0.0.1:8000)
#   DMIS_SMOKE_TOKEN a LOGISTICS_MANAGER token (default: $MANAGER, as printed by run-demo.sh)
#   DMIS_SMOKE_EVENT, DMIS_SMOKE_WAREHOUSE    the event and warehouse to use (default 1 and 1)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

grpc_addr="${DMIS_GRPC_ADDR:-127.0.0.1:5080}"
http_url="${DMIS_HTTP_URL:-http://127.0.0.1:8000}"
token="${DMIS_SMOKE_TOKEN:-${MANAGER:-}}"
event_id="${DMIS_SMOKE_EVENT:-1}"
warehouse_id="${DMIS_SMOKE_WAREHOUSE:-1}"
[ -n "$token" ] || { echo "smoke: set DMIS_SMOKE_TOKEN (or MANAGER) to a LOGISTICS_MANAGER token" >&2; exit 2; }
[ -d scripts/node_modules/grpc-js-reflection-client ] || (cd scripts && npm ci --ignore-scripts --silent)

undo_steps=()
undo() {
  local status=$?
  for ((i = ${#undo_steps[@]} - 1; i >= 0; i--)); do
    eval "${undo_steps[i]}" >/dev/null || { echo "smoke: could not undo: ${undo_steps[i]}" >&2; status=1; }
  done
  exit "$status"
}
trap undo EXIT

step() { echo "smoke: $*"; }
fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
call() { node scripts/grpc-call.js --addr "$grpc_addr" --token "$token" "$@"; }
# Reads one value out of a JSON document on stdin: json 'doc.events[0].event_id'
json() { node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const doc=JSON.parse(s);const v=($1);console.log(typeof v==='object'?JSON.stringify(v):v)})"; }

step "grpc.health.v1 Check"
[ "$(node scripts/grpc-call.js --addr "$grpc_addr" grpc.health.v1.Health/Check '{}' | json 'doc.status')" = "SERVING" ] \
  || fail "gRPC health is not SERVING"

step "GET /api/v1/health/"
[ "$(curl -fsS "$http_url/api/v1/health/" | json 'doc.status')" = "SERVING" ] || fail "HTTP health is not SERVING"

step "reflection lists the three services"
services="$(node scripts/grpc-call.js --addr "$grpc_addr" list)"
for service in EventPhaseService NeedsListService ProcurementService; do
  grep -q "dmis.replenishment.v1.$service" <<<"$services" || fail "reflection does not list $service"
done

step "ListEvents"
[ "$(call dmis.replenishment.v1.EventPhaseService/ListEvents '{}' | json 'doc.events.length')" -ge 1 ] || fail "no events"

step "PreviewNeedsList (gRPC) for event $event_id, warehouse $warehouse_id"
preview="$(call dmis.replenishment.v1.NeedsListService/PreviewNeedsList "{\"event_id\":$event_id,\"warehouse_id\":$warehouse_id}")"
[ "$(json 'doc.lines.length' <<<"$preview")" -ge 1 ] || fail "the preview has no lines"

step "POST /api/v1/replenishment/needs-list/preview (the migration guide's curl)"
curl -fsS -X POST "$http_url/api/v1/replenishment/needs-list/preview" \
  -H "Content-Type: application/json" -H "Authorization: Bearer $token" \
  -d "{\"event_id\": $event_id, \"warehouse_id\": $warehouse_id, \"phase\": \"BASELINE\"}" \
  | json 'doc.phase' | grep -qx BASELINE || fail "the transcoded preview did not answer for phase BASELINE"

step "GenerateNeedsList"
open_lists="$(call dmis.replenishment.v1.NeedsListService/ListNeedsLists \
  "{\"event_id\":$event_id,\"warehouse_id\":$warehouse_id,\"statuses\":[\"NEEDS_LIST_STATUS_DRAFT\",\"NEEDS_LIST_STATUS_RETURNED\"]}" \
  | json 'doc.needs_lists.map(l => l.needs_list_no).join(" ")')"
if [ -n "$open_lists" ]; then
  echo "smoke:   skipped: generating would supersede the open list $open_lists"
else
  generated="$(call dmis.replenishment.v1.NeedsListService/GenerateNeedsList \
    "{\"event_id\":$event_id,\"warehouse_id\":$warehouse_id,\"request_id\":\"smoke-$(date +%s%N)\"}")"
  json 'doc.needs_list_no' <<<"$generated" | grep -q '^NL-' || fail "generate returned no NL- number"
  undo_steps+=("call dmis.replenishment.v1.NeedsListService/CancelNeedsList \
    '{\"needs_list_id\":$(json 'doc.needs_list_id' <<<"$generated"),\"reason\":\"smoke test: undone\",\"expected_version\":$(json 'doc.version' <<<"$generated")}'")
fi

step "WatchPhaseChanges sees a ChangePhase"
event="$(call dmis.replenishment.v1.EventPhaseService/GetEvent "{\"event_id\":$event_id}")"
version="$(json 'doc.version' <<<"$event")"
phase="$(json 'doc.current_phase' <<<"$event")"
next_phase="$( [ "$phase" = "SURGE" ] && echo STABILIZED || echo SURGE )"
watch_out="$(mktemp)"
undo_steps+=("rm -f '$watch_out'")
call dmis.replenishment.v1.EventPhaseService/WatchPhaseChanges "{\"event_ids\":[$event_id]}" --max 1 --timeout 20 >"$watch_out" &
watcher=$!
sleep 2
changed="$(call dmis.replenishment.v1.EventPhaseService/ChangePhase \
  "{\"event_id\":$event_id,\"phase\":\"$next_phase\",\"reason\":\"smoke test\",\"expected_version\":$version}")" \
  || fail "ChangePhase failed"
undo_steps+=("call dmis.replenishment.v1.EventPhaseService/ChangePhase \
  '{\"event_id\":$event_id,\"phase\":\"$phase\",\"reason\":\"smoke test: undone\",\"expected_version\":$(json 'doc.event.version' <<<"$changed")}'")
wait "$watcher" || fail "the subscriber did not receive the change"
[ "$(json 'doc.to_phase' <"$watch_out")" = "$next_phase" ] || fail "the subscriber received $(cat "$watch_out")"

echo "smoke: all steps passed"
