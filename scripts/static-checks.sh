#!/usr/bin/env bash
# The checks .ci/run makes before the tests, in the order a failure is cheapest to find.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/proto-check.sh lint
scripts/proto-check.sh breaking
scripts/k8s-check.sh
dotnet format Dmis.Grpc.sln --verify-no-changes \
  || { echo "static-checks: run 'dotnet format Dmis.Grpc.sln' and commit the result" >&2; exit 1; }
