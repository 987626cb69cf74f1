#!/usr/bin/env bash
# Installs what SignalHarvester needs beside the .NET SDK when it is missing: PostgreSQL and Redis
# server binaries for the AppHost's local mode (used when no container engine answers), and the
# tools the deployment tests validate the staging bundle with (promtool, amtool, caddy, docker-compose),
# the servers the staging rehearsal runs (prometheus, alertmanager, node-exporter, caddy), and the
# load generator of the API benchmark (wrk), the headless browser the console tests drive (chromium-headless-shell), and
# npm, which installs the credential scanner the tests run (secretlint, pinned in eng/secretlint).
# Idempotent and quiet when everything is there.
set -euo pipefail

have_postgres() { command -v postgres >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; }
have_redis() { command -v redis-server >/dev/null 2>&1; }
have() { command -v "$1" >/dev/null 2>&1; }

command -v dotnet >/dev/null 2>&1 || { echo "prerequisites: the .NET 10 SDK is missing: https://dot.net/download" >&2; exit 1; }

missing=()
have_postgres || missing+=(postgres)
have_redis || missing+=(redis)
have promtool || missing+=(promtool)
have amtool || missing+=(amtool)
have caddy || missing+=(caddy)
have prometheus || missing+=(prometheus)
have alertmanager || have prometheus-alertmanager || missing+=(alertmanager)
have node_exporter || have prometheus-node-exporter || missing+=(node-exporter)
have docker-compose || missing+=(docker-compose)
have wrk || missing+=(wrk)
have chromium-headless-shell || missing+=(chromium-headless-shell)
have npm || missing+=(npm)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "prerequisites: installing ${missing[*]}" >&2
if command -v apt-get >/dev/null 2>&1; then
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  packages=()
  for m in "${missing[@]}"; do
    case $m in
      postgres) packages+=(postgresql) ;;
      redis) packages+=(redis-server) ;;
      promtool) packages+=(prometheus) ;;
      amtool) packages+=(prometheus-alertmanager) ;;
      caddy) packages+=(caddy) ;;
      prometheus) packages+=(prometheus) ;;
      alertmanager) packages+=(prometheus-alertmanager) ;;
      node-exporter) packages+=(prometheus-node-exporter) ;;
      docker-compose) packages+=(docker-compose) ;;
      wrk) packages+=(wrk) ;;
      chromium-headless-shell) packages+=(chromium-headless-shell) ;;
      npm) packages+=(npm) ;;
    esac
  done
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
elif command -v brew >/dev/null 2>&1; then
  for m in "${missing[@]}"; do
    case $m in
      postgres) brew install postgresql@16 && brew link --force postgresql@16 ;;
      redis) brew install redis ;;
      # Deployment-test tools: named, not installed (apt only), so a Mac stays as its owner set it up.
      promtool) echo "prerequisites: for the deployment tests install promtool: brew install prometheus" >&2 ;;
      amtool) echo "prerequisites: for the deployment tests install amtool: brew install alertmanager" >&2 ;;
      caddy) echo "prerequisites: for the deployment tests install caddy: brew install caddy" >&2 ;;
      prometheus) echo "prerequisites: for the staging rehearsal install prometheus: brew install prometheus" >&2 ;;
      alertmanager) echo "prerequisites: for the staging rehearsal install alertmanager: brew install alertmanager" >&2 ;;
      node-exporter) echo "prerequisites: for the staging rehearsal install node_exporter: brew install node_exporter" >&2 ;;
      docker-compose) echo "prerequisites: for the deployment tests install docker-compose: brew install docker-compose" >&2 ;;
      wrk) echo "prerequisites: for the API benchmark install wrk: brew install wrk" >&2 ;;
      chromium-headless-shell) echo "prerequisites: for the console tests install Chromium's headless shell (or Chromium) and set CONSOLE_CHROMIUM to its executable" >&2 ;;
      npm) brew install node ;;
    esac
  done
else
  echo "prerequisites: install with your package manager: ${missing[*]} (PostgreSQL 15+, Redis 7+; prometheus, alertmanager, node-exporter, caddy, docker-compose for the deployment tests; wrk for the API benchmark; chromium-headless-shell for the console tests; npm for the credential scan)" >&2
  exit 1
fi
