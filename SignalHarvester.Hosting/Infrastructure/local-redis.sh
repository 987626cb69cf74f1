#!/usr/bin/env bash
# Runs redis-server as a plain process for the AppHost's local infrastructure mode.
# Usage: local-redis.sh DATA_DIR PORT EPHEMERAL(true|false); the password comes in REDIS_PASSWORD
# and reaches the server on standard input, so it never shows in the process list.
set -euo pipefail
data_dir=$1 port=$2 ephemeral=$3

command -v redis-server >/dev/null 2>&1 ||
  { echo "redis-server not found: install Redis 7+ (apt-get install redis-server)" >&2; exit 127; }
mkdir -p "$data_dir"
chmod 700 "$data_dir" # the append-only file holds every key: the owner only

persistence=(--appendonly yes --save "60 1")
if [ "$ephemeral" = true ]; then
  persistence=(--appendonly no --save "")
fi

exec redis-server - --port "$port" --bind 127.0.0.1 --dir "$data_dir" --daemonize no \
  "${persistence[@]}" <<<"requirepass $REDIS_PASSWORD"
