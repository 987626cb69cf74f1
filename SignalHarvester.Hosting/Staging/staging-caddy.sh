#!/usr/bin/env bash
# Runs Caddy for the staging rehearsal, in its working directory (Caddyfile and Caddy's data).
# Usage: staging-caddy.sh CADDY HASH_VARIABLE...; the basic-auth password comes in
# STAGING_BASIC_AUTH_PASSWORD. It is hashed here as the bundle's .env expects (bcrypt from
# `caddy hash-password`, base64-encoded) and handed to the Caddyfile's {$…_BASIC_AUTH_HASH}
# placeholders: neither the password nor its hash is written to disk or shown in the process list.
set -euo pipefail
caddy=$1
shift

hash=$(printf '%s\n' "$STAGING_BASIC_AUTH_PASSWORD" | "$caddy" hash-password | tr -d '\n' | base64 | tr -d '\n')
for variable in "$@"; do
  export "$variable=$hash"
done
unset STAGING_BASIC_AUTH_PASSWORD

exec "$caddy" run --config Caddyfile --adapter caddyfile
