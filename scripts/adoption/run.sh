#!/usr/bin/env bash
# Runs the adoption stage of the test command alone (scripts/adoption/stage.sh): every published
# package packed, installed in a new Backstage app by the README's own steps, that app built,
# started and checked in Chromium. Ends with "N passed, N failed"; logs are removed on success and
# kept (their folder named) on failure.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/services.sh"
source "$(dirname "${BASH_SOURCE[0]}")/stage.sh"

setup_toolchain
install_dependencies
ensure_chromium

RESULTS_DIR="$(mktemp -d /tmp/orchestration-adoption-results.XXXXXX)"
trap 'exit 130' INT TERM

TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
record() { # name passed failed
  TOTAL_PASSED=$((TOTAL_PASSED + $2))
  TOTAL_FAILED=$((TOTAL_FAILED + $3))
  SUMMARY+=("$(printf '%-78s %3s passed %3s failed' "$1" "$2" "$3")")
}

run_adoption_stage "$RESULTS_DIR"
printf '\n'
printf '%s\n' "${SUMMARY[@]}"
if [ "$TOTAL_FAILED" -eq 0 ]; then
  rm -rf "$RESULTS_DIR"
else
  log "logs kept in $RESULTS_DIR"
fi
printf '\n%s passed, %s failed\n' "$TOTAL_PASSED" "$TOTAL_FAILED"
[ "$TOTAL_FAILED" -eq 0 ]
