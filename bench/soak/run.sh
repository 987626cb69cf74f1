#!/usr/bin/env bash
# R1 soak (issue 13): the chaos harvest — the fake X failing ~30 % of searches, posts with NUL characters, the worker
# killed mid-run in about half of the rounds — against the real AppHost for [minutes] (default 60), with the fault
# sequence seeded by [seed] (default 1313, the CI test's). Prints each round's counts and the totals; exits non-zero
# at the first broken invariant (a post stored twice, a cursor past an unstored post, engagement lowered).
# Usage: bench/run.sh soak [minutes] [seed]
set -euo pipefail
cd "$(dirname "$0")/../.."
export SIGNALHARVESTER_SOAK_MINUTES=${1:-60}
export SIGNALHARVESTER_SOAK_SEED=${2:-1313}
eng/prerequisites.sh
dotnet build SignalHarvester.Tests -v q -nologo
# The test's lines (every round's counts, the totals) come with its result; a failing test fails the pipeline.
dotnet test SignalHarvester.Tests --no-build --filter "FullyQualifiedName~ChaosHarvestSoak" --logger "console;verbosity=detailed" \
  | grep -aE -A2 "^ (round [0-9]+:|[0-9]{2}:[0-9]{2}:[0-9]{2} seed|soak done)|^ +(Passed|Failed|Skipped) SignalHarvester|^ +Error Message:" \
  | grep -avE "^(--)?$"
