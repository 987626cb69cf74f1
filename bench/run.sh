#!/usr/bin/env bash
# Storage benchmark: starts a throwaway PostgreSQL (durable settings), applies the schema with the
# migration service, runs bench/SignalHarvester.Benchmarks (Release) and prints its table.
# Usage: bench/run.sh [pages] [page size] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
eng/prerequisites.sh

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
state=$(mktemp -d /tmp/signalharvester-bench.XXXXXX)
chmod 755 "$state"
export POSTGRES_PASSWORD="bench$RANDOM$RANDOM"
bash SignalHarvester.AppHost/Infrastructure/local-postgres.sh "$state/postgres" "$port" false > "$state/postgres.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$state"' EXIT

url="postgresql://postgres:$POSTGRES_PASSWORD@127.0.0.1:$port/harvest"
for project in bench/SignalHarvester.Benchmarks SignalHarvester.MigrationService; do
  dotnet build -c Release "$project" -v q -nologo > "$state/build.log" || { cat "$state/build.log"; exit 1; }
done
dotnet SignalHarvester.MigrationService/bin/Release/net10.0/SignalHarvester.MigrationService.dll migrate --database-url "$url" --connect-timeout 30
dotnet bench/SignalHarvester.Benchmarks/bin/Release/net10.0/SignalHarvester.Benchmarks.dll \
  "Host=127.0.0.1;Port=$port;Username=postgres;Password=$POSTGRES_PASSWORD;Database=harvest" "$@"
