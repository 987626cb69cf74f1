#!/usr/bin/env bash
# Runs PostgreSQL as a plain process for the AppHost's local infrastructure mode.
# Usage: local-postgres.sh DATA_DIR PORT EPHEMERAL(true|false); the superuser password comes in
# POSTGRES_PASSWORD. The server is exec'd so the orchestrator tracks (and stops) the real process.
set -euo pipefail
data_dir=$1 port=$2 ephemeral=$3

bindir=""
if ! command -v postgres >/dev/null 2>&1; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bindir" ] || { echo "postgres not found: install PostgreSQL 15+ (apt-get install postgresql)" >&2; exit 127; }
  PATH="$bindir:$PATH"
fi

# PostgreSQL refuses to run as root: run it as the postgres OS user, in a directory it can reach.
as_server_user=()
if [ "$(id -u)" = 0 ]; then
  as_server_user=(setpriv --reuid=postgres --regid=postgres --init-groups)
  mkdir -p "$data_dir"
  chown postgres:postgres "$data_dir"
fi
mkdir -p "$data_dir"
chmod 700 "$data_dir"

if [ ! -s "$data_dir/PG_VERSION" ]; then
  pwfile=$(mktemp)
  trap 'rm -f "$pwfile"' EXIT
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
  "${as_server_user[@]}" initdb --no-sync --auth=scram-sha-256 --username=postgres \
    --pwfile="$pwfile" --encoding=UTF8 --locale=C.UTF-8 -D "$data_dir" >/dev/null
  rm -f "$pwfile"
  trap - EXIT
else
  # Keep the superuser password in step with the AppHost parameter, which may have been rotated.
  escaped=${POSTGRES_PASSWORD//\'/\'\'}
  printf "ALTER ROLE postgres PASSWORD '%s';\n" "$escaped" |
    "${as_server_user[@]}" postgres --single -D "$data_dir" -c unix_socket_directories='' postgres >/dev/null
fi

durability=()
if [ "$ephemeral" = true ]; then
  durability=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
fi

exec "${as_server_user[@]}" postgres -D "$data_dir" -p "$port" -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories='' -c max_connections=200 "${durability[@]}"
