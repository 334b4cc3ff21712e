#!/usr/bin/env bash
# A private PostgreSQL server for the test suite, installed and started by the project itself.
#   scripts/postgres.sh start   install if needed, start, print the DATABASE_URL
#   scripts/postgres.sh stop
set -euo pipefail
PORT=${OVERGANG_PG_PORT:-55432}
DATA=${OVERGANG_PG_DATA:-/tmp/overgang-pg-$PORT}
URL="postgres://overgang:overgang@127.0.0.1:$PORT/overgang"
here=$(cd "$(dirname "$0")" && pwd)

bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  if [ -z "$(bindir)" ]; then
    "$here/system-deps.sh" postgresql:/usr/lib/postgresql/15/bin/initdb
  fi
  local bin
  bin=$(bindir) || { echo "PostgreSQL could not be installed" >&2; exit 1; }
  if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA"
    as_owner "$bin/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_owner "$bin/pg_ctl" -D "$DATA" -w -l "$DATA/server.log" \
      -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
  fi
  local psql=("$bin/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qtA)
  if [ "$("${psql[@]}" -c "select 1 from pg_roles where rolname='overgang'")" != 1 ]; then
    "${psql[@]}" -c "create role overgang login createdb password 'overgang'" >/dev/null
  fi
  # DROP DATABASE ... WITH (FORCE) in the tests must be able to end an autovacuum worker
  # that happens to be in the database (a process of no role: only pg_signal_backend may).
  "${psql[@]}" -c "grant pg_signal_backend to overgang" >/dev/null
  if [ "$("${psql[@]}" -c "select 1 from pg_database where datname='overgang'")" != 1 ]; then
    "${psql[@]}" -c "create database overgang owner overgang" >/dev/null
  fi
  echo "$URL"
}

stop() {
  local bin
  bin=$(bindir) || exit 0
  [ -f "$DATA/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
