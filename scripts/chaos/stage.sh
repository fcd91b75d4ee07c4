# Sourced by scripts/test.sh and scripts/chaos/run.sh: the chaos stage (scripts/chaos/run.mjs) on
# SQLite and on the throwaway PostgreSQL, each of its checks counted with the caller's `record`.
# shellcheck shell=bash

run_chaos_stage() { # results-dir [extra arguments for run.mjs...]
  local dir="$1" name passed failed rc
  shift
  log "== chaos (refresh race on two backends, catalog outage, kill -9 during reviews, HTTP fuzz)"
  mkdir -p "$dir"
  (cd "$REPO_ROOT" && node scripts/chaos/run.mjs --results "$dir" \
    --postgres "${ORCHESTRATION_TEST_POSTGRES_URL:-}" "$@")
  rc=$?
  sweep_chaos_backends "$dir"
  touch "$dir/checks.tsv"
  while IFS=$'\t' read -r name passed failed; do
    record "chaos: $name" "$passed" "$failed"
  done <"$dir/checks.tsv"
  # A run that stopped early without a failed check of its own still fails the stage.
  if [ "$rc" -ne 0 ] && ! cut -f3 "$dir/checks.tsv" | grep -qx 1; then
    record "chaos (stopped with status $rc)" 0 1
  fi
}

# Kills the process groups of backends the run left behind (only if it could not clean up itself):
# each pid listed in backend.pids whose command line still names this results folder.
sweep_chaos_backends() { # results-dir
  local dir="$1" pid
  [ -f "$dir/backend.pids" ] || return 0
  while read -r pid; do
    if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$dir/"; then
      kill -9 -- -"$pid" 2>/dev/null || true
    fi
  done <"$dir/backend.pids"
}
