#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server (Debian's `postgresql`
# package): initdb in a temporary folder, Unix socket only (no TCP), trust
# authentication for that socket, stopped by process group when the command
# ends — also on failure or Ctrl-C. PostgreSQL refuses to run as root, so as
# root the server runs as the unprivileged `postgres` user (runuser).
# The command gets ICPDESK_TEST_PG, a DSN for the superuser `icpdesk`.
#   scripts/with-postgres.sh go test ./backend/pgstore/...
#   scripts/with-postgres.sh --durable go test -bench . ...   (fsync on, for benchmarks)
set -euo pipefail

durable=0
if [ "${1:-}" = --durable ]; then durable=1; shift; fi
[ $# -gt 0 ] || { echo "usage: $0 [--durable] command [args...]" >&2; exit 2; }

bin=${PG_BIN:-}
if [ -z "$bin" ]; then
  for v in 17 16 15; do
    if [ -x "/usr/lib/postgresql/$v/bin/postgres" ]; then bin=/usr/lib/postgresql/$v/bin; break; fi
  done
fi
if [ -z "$bin" ] && command -v pg_config >/dev/null 2>&1; then bin=$(pg_config --bindir); fi
[ -n "$bin" ] && [ -x "$bin/postgres" ] || {
  echo "PostgreSQL server binaries not found (Debian: apt-get install postgresql; or set PG_BIN)" >&2; exit 1; }

dir=$(mktemp -d /tmp/icpdesk-pg.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "no postgres user to run the server as" >&2; exit 1; }
  chown postgres: "$dir"
  as_owner=(runuser -u postgres --)
fi
chmod 700 "$dir"

pgid=
stop() {
  local rc=$?
  if [ -n "$pgid" ]; then
    # SIGINT is PostgreSQL's fast shutdown; the whole group gets it, then
    # SIGKILL for anything still there after a while.
    kill -INT -- "-$pgid" 2>/dev/null || true
    for _ in $(seq 1 300); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pgid" 2>/dev/null || true
  fi
  rm -rf "$dir"
  exit $rc
}
trap stop EXIT
trap 'exit 130' INT TERM

"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U icpdesk -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }

opts=(-c listen_addresses= -c "unix_socket_directories=$dir" -c max_connections=200 -c shared_buffers=64MB)
if [ $durable -eq 0 ]; then
  opts+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
fi
# Its own session and process group, so the trap can stop all of it. The
# group leader writes its id (= the group's) before it becomes the server;
# asking ps right after starting could still see this script's group.
setsid bash -c 'echo $$ >"$0/pgid.tmp" && mv "$0/pgid.tmp" "$0/pgid" && exec "$@"' "$dir" \
  "${as_owner[@]}" "$bin/postgres" -D "$dir/data" "${opts[@]}" >"$dir/server.log" 2>&1 &
for _ in $(seq 1 600); do [ -s "$dir/pgid" ] && break; sleep 0.05; done
pgid=$(cat "$dir/pgid" 2>/dev/null || true)
own=$(ps -o pgid= -p $$ | tr -d ' ')
[ -n "$pgid" ] && [ "$pgid" != "$own" ] || { echo "PostgreSQL did not start in its own process group" >&2; pgid=; exit 1; }

# Wait for the server to answer (the condition, not a fixed time).
for i in $(seq 1 600); do
  if "$bin/pg_isready" -q -h "$dir" -d postgres -U icpdesk; then break; fi
  if ! kill -0 -- "-$pgid" 2>/dev/null; then cat "$dir/server.log" >&2; echo "PostgreSQL did not start" >&2; exit 1; fi
  [ "$i" -lt 600 ] || { cat "$dir/server.log" >&2; echo "PostgreSQL did not answer within 60 s" >&2; exit 1; }
  sleep 0.1
done

export ICPDESK_TEST_PG="host=$dir user=icpdesk dbname=postgres"
export PG_BIN=$bin
"$@"
