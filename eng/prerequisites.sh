#!/usr/bin/env bash
# Installs what SignalHarvester needs beside the .NET SDK when it is missing: PostgreSQL and Redis
# server binaries for the AppHost's local mode (used when no container engine answers).
# Idempotent and quiet when everything is there.
set -euo pipefail

have_postgres() { command -v postgres >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; }
have_redis() { command -v redis-server >/dev/null 2>&1; }

command -v dotnet >/dev/null 2>&1 || { echo "prerequisites: the .NET 10 SDK is missing: https://dot.net/download" >&2; exit 1; }

missing=()
have_postgres || missing+=(postgres)
have_redis || missing+=(redis)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "prerequisites: installing ${missing[*]}" >&2
if command -v apt-get >/dev/null 2>&1; then
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  packages=()
  for m in "${missing[@]}"; do
    case $m in postgres) packages+=(postgresql) ;; redis) packages+=(redis-server) ;; esac
  done
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
elif command -v brew >/dev/null 2>&1; then
  for m in "${missing[@]}"; do
    case $m in postgres) brew install postgresql@16 && brew link --force postgresql@16 ;; redis) brew install redis ;; esac
  done
else
  echo "prerequisites: install PostgreSQL 15+ and Redis 7+ server binaries with your package manager" >&2
  exit 1
fi
