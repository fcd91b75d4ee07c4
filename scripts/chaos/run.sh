#!/usr/bin/env bash
# Runs the chaos stage of the test command alone, with its own throwaway PostgreSQL. Arguments go
# to scripts/chaos/run.mjs, e.g. --only race,outage or --seed 1234. Ends with "N passed, N failed".
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/services.sh"
source "$(dirname "${BASH_SOURCE[0]}")/stage.sh"

setup_toolchain
install_dependencies

RESULTS_DIR="$(mktemp -d /tmp/orchestration-chaos.XXXXXX)"
trap stop_postgres EXIT
trap 'exit 130' INT TERM
start_postgres

TOTAL_PASSED=0
TOTAL_FAILED=0
record() { # name passed failed
  TOTAL_PASSED=$((TOTAL_PASSED + $2))
  TOTAL_FAILED=$((TOTAL_FAILED + $3))
}

run_chaos_stage "$RESULTS_DIR/chaos" "$@"
printf '\n%s passed, %s failed\n' "$TOTAL_PASSED" "$TOTAL_FAILED"
[ "$TOTAL_FAILED" -eq 0 ]
