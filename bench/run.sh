#!/usr/bin/env bash
# Benchmarks of bench/SignalHarvester.Benchmarks (Release), each against its baseline in the same run.
# Usage: bench/run.sh [storage] [pages] [page size] [rounds]
#        bench/run.sh semantic-links [artifacts] [rounds]
#        bench/run.sh discovery-scale [artifacts]   (the discovery stages at 100,000 artifacts by default)
#        bench/run.sh api [signals] [artifacts]   (the HTTP API under wrk: bench/api/run.sh)
#        bench/run.sh soak [minutes] [seed]       (R1: chaos harvest with worker kills, an hour by default: bench/soak/run.sh)
# storage (the default) and discovery-scale start a throwaway PostgreSQL (durable settings) and apply
# the schema with the migration service first; semantic-links needs nothing but the build.
set -euo pipefail
cd "$(dirname "$0")/.."
benchmark=storage
case ${1:-} in storage | semantic-links | discovery-scale | api | soak) benchmark=$1; shift ;; esac

if [ "$benchmark" = api ]; then
  exec bench/api/run.sh "$@"
fi

if [ "$benchmark" = soak ]; then
  exec bench/soak/run.sh "$@"
fi

if [ "$benchmark" = semantic-links ]; then
  dotnet build -c Release bench/SignalHarvester.Benchmarks -v q -nologo > /dev/null
  exec dotnet bench/SignalHarvester.Benchmarks/bin/Release/net10.0/SignalHarvester.Benchmarks.dll semantic-links "$@"
fi

eng/prerequisites.sh

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
state=$(mktemp -d /tmp/signalharvester-bench.XXXXXX)
chmod 755 "$state"
export POSTGRES_PASSWORD="bench$RANDOM$RANDOM"
bash SignalHarvester.Hosting/Infrastructure/local-postgres.sh "$state/postgres" "$port" false > "$state/postgres.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$state"' EXIT

url="postgresql://postgres:$POSTGRES_PASSWORD@127.0.0.1:$port/harvest"
for project in bench/SignalHarvester.Benchmarks SignalHarvester.MigrationService; do
  dotnet build -c Release "$project" -v q -nologo > "$state/build.log" || { cat "$state/build.log"; exit 1; }
done
dotnet SignalHarvester.MigrationService/bin/Release/net10.0/SignalHarvester.MigrationService.dll migrate --database-url "$url" --connect-timeout 30
dotnet bench/SignalHarvester.Benchmarks/bin/Release/net10.0/SignalHarvester.Benchmarks.dll "$benchmark" \
  "Host=127.0.0.1;Port=$port;Username=postgres;Password=$POSTGRES_PASSWORD;Database=harvest" "$@"
