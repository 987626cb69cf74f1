#!/usr/bin/env bash
# The API benchmark: bench/run.sh api [signals] [artifacts] (defaults 100000 20000).
# Publishes the API in Release and runs it in Production against a throwaway PostgreSQL (durable
# settings) and Redis, with API keys and rate limiting on (the benchmark's key is a premium key whose
# limit is raised for the run). Beside it, a baseline host built from the same ServiceDefaults serves
# a bare endpoint and an in-memory 50-item JSON array. wrk drives everything at 64 connections on one
# thread; each measurement follows one of its baseline, so the two share whatever else loads the machine.
# Listing and search are measured first at 1,000 signals / 200 artifacts, then the data is
# topped up to the full volume and every endpoint is measured; ratios are to the same-run baselines.
# BENCH_DURATION (seconds per measurement, default 10), BENCH_WARMUP (seconds before each, default 5) and BENCH_ONLY (a regex of measurement names)
# shorten a run; BENCH_HOLD=1 keeps the stack up after the run, until interrupted, for dotnet-trace and
# dotnet-counters (the pids and ports are printed).
set -euo pipefail
cd "$(dirname "$0")/../.."
signals=${1:-100000} artifacts=${2:-20000}
small_signals=1000 small_artifacts=200
duration=${BENCH_DURATION:-10} warmup=${BENCH_WARMUP:-5} only=${BENCH_ONLY:-.}
connections=64

eng/prerequisites.sh
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_port=$(free_port) redis_port=$(free_port) api_port=$(free_port) baseline_port=$(free_port)
state=$(mktemp -d /tmp/signalharvester-api-bench.XXXXXX)
chmod 755 "$state"
# Secrets of this run only, passed through the environment (never on a command line).
export POSTGRES_PASSWORD="bench$RANDOM$RANDOM$RANDOM" REDIS_PASSWORD="bench$RANDOM$RANDOM$RANDOM"
export BENCH_API_KEY="bench-key-$RANDOM$RANDOM$RANDOM$RANDOM"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash SignalHarvester.Hosting/Infrastructure/local-postgres.sh "$state/postgres" "$pg_port" false > "$state/postgres.log" 2>&1 &
pids+=($!)
bash SignalHarvester.Hosting/Infrastructure/local-redis.sh "$state/redis" "$redis_port" true > "$state/redis.log" 2>&1 &
pids+=($!)

echo "building (Release)..." >&2
dotnet publish -c Release SignalHarvester.Api -o "$state/api" -v q -nologo > "$state/build.log" 2>&1 || { cat "$state/build.log"; exit 1; }
for project in bench/SignalHarvester.Benchmarks SignalHarvester.MigrationService; do
  dotnet build -c Release "$project" -v q -nologo > "$state/build.log" 2>&1 || { cat "$state/build.log"; exit 1; }
done
bench=bench/SignalHarvester.Benchmarks/bin/Release/net10.0/SignalHarvester.Benchmarks.dll
export ConnectionStrings__harvest="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$POSTGRES_PASSWORD;Database=harvest"
dotnet SignalHarvester.MigrationService/bin/Release/net10.0/SignalHarvester.MigrationService.dll migrate --connect-timeout 30 > "$state/migrate.log"
dotnet "$bench" seed-api "$small_signals" "$small_artifacts" >&2

export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
ASPNETCORE_URLS="http://127.0.0.1:$baseline_port" dotnet "$bench" baseline-host > "$state/baseline.log" 2>&1 &
pids+=($!)
baseline_pid=$!
(
  cd "$state/api"
  export ASPNETCORE_URLS="http://127.0.0.1:$api_port"
  export ConnectionStrings__cache="127.0.0.1:$redis_port,password=$REDIS_PASSWORD"
  export Api__Keys__0__Name=benchmark Api__Keys__0__Key="$BENCH_API_KEY" Api__Keys__0__Tier=premium
  export RateLimiting__PremiumPerMinute=1000000000 Harvest__Snapshots__Directory="$state/snapshots"
  exec dotnet SignalHarvester.Api.dll > "$state/api.log" 2>&1
) &
pids+=($!)
api_pid=$!

wait_ready() {
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.5
  done
  echo "$1 did not answer; logs in $state" >&2
  tail -n 30 "$state"/*.log >&2
  exit 1
}
wait_ready "http://127.0.0.1:$baseline_port/bare"
wait_ready "http://127.0.0.1:$api_port/health/ready"

results="$state/results.tsv"
: > "$results"
# run_wrk PATH MODE PORT SECONDS: one wrk run; prints "req/s p50 p99 non-2xx requests timeouts" (latencies in ms).
run_wrk() {
  BENCH_MODE=$2 wrk -t1 -c$connections -d"$4s" --timeout 10s --latency -s bench/api/request.lua "http://127.0.0.1:$3$1" |
    awk 'function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
      $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
      /requests in/ { total = $1 } /Non-2xx/ { errors = $NF } /Socket errors/ { timeouts = $NF }
      /^Requests\/sec:/ { rps = $2 }
      END { printf "%.0f\t%.2f\t%.2f\t%d\t%d\t%d\n", rps, p50, p99, errors, total, timeouts }'
}
# measure NAME BASELINE PATH [MODE]: a warm-up (JIT tiering settles), then the request under load, right after its baseline
# (bare or items) under the same load, so both see the same competition for the machine's cores.
measure() {
  local name=$1 baseline=$2 path=$3 mode=${4:-fixed}
  [[ $name =~ $only ]] || return 0
  run_wrk "$path" "$mode" "$api_port" "$warmup" > /dev/null
  local base=$'-\t-'  # the baseline's req/s and p99 (its tail: the floor the machine sets for the request's)
  case $baseline in
    bare) base=$(run_wrk /bare fixed "$baseline_port" "$duration" | cut -f1,3) ;;
    items) base=$(run_wrk /items fixed "$baseline_port" "$duration" | cut -f1,3) ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$baseline" "$base" "$path" "$(run_wrk "$path" "$mode" "$api_port" "$duration")" >> "$results"
  tail -n 1 "$results" | awk -F'\t' '{ printf "%-26s %8s req/s  p50 %8s ms  p99 %8s ms  non-2xx %s  timeouts %s  (%s %s req/s, p99 %s ms)\n", $1, $6, $7, $8, $9, $11, $2, $3, $4 }' >&2
}

search_signals="/api/v1/signals?search=user100420&pageSize=50"
search_entities="/api/v1/entities/search?q=smith&limit=20"
echo "measuring at $small_signals signals / $small_artifacts artifacts..." >&2
measure "list page 1 @small" items "/api/v1/signals?page=1&pageSize=50"
measure "list search @small" items "$search_signals"
measure "entities search @small" items "$search_entities"

dotnet "$bench" seed-api "$signals" "$artifacts" >&2
export BENCH_ID_FIRST=1 BENCH_ID_COUNT=$signals  # signal ids are 1900000000000000000 + 1..signals
echo "measuring at $signals signals / $artifacts artifacts..." >&2
measure "health/live" bare /health/live
measure "signals/top" items "/api/v1/signals/top?limit=50&hours=168"
measure "list page 1" items "/api/v1/signals?page=1&pageSize=50"
measure "list deep page" items "/api/v1/signals?page=$((signals / 100))&pageSize=50"
measure "list search" items "$search_signals"
measure "signal by id (hit)" items "/api/v1/signals/1900000000000" ids
measure "signal by id (miss)" items "/api/v1/signals/999"
measure "discoveries (cold)" items "/api/v1/discoveries?limit=50" cold
measure "discoveries (cached)" items "/api/v1/discoveries?limit=50"
measure "topics/trending (cold)" items "/api/v1/topics/trending" cold
measure "topics/trending (cached)" items "/api/v1/topics/trending"
measure "entities search" items "$search_entities"
measure "PATCH signal (mutation)" items "/api/v1/signals/1900000000000" patch

python3 bench/api/report.py "$results" "$signals" "$artifacts" "$small_signals" "$small_artifacts" "$connections" "$duration"

if [ "${BENCH_HOLD:-}" = 1 ]; then
  echo "holding: api pid $api_pid (port $api_port), baseline pid $baseline_pid (port $baseline_port); interrupt to end" >&2
  echo "BENCH_API_KEY=$BENCH_API_KEY" > "$state/key.env"
  echo "key for wrk: $state/key.env" >&2
  while :; do sleep 3600; done
fi
