#!/bin/sh
# A streaming hot standby of $PRIMARY_HOST: on the first start, a base backup of the primary
# (pg_basebackup -R writes standby.signal and primary_conninfo); afterwards it just starts.
# Runs as the postgres user of the image; the password comes from PGPASSWORD.
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h "$PRIMARY_HOST" -U "$PRIMARY_USER" >/dev/null 2>&1; do sleep 1; done
  pg_basebackup -h "$PRIMARY_HOST" -U "$PRIMARY_USER" -D "$PGDATA" -R -X stream --checkpoint=fast
  chmod 700 "$PGDATA"
fi
# hot_standby_feedback: the primary keeps rows a long read on the standby still needs, rather than
# the standby cancelling that read when replay reaches their removal.
exec postgres -c hot_standby=on -c hot_standby_feedback=on -c max_connections=200
