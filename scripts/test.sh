#!/usr/bin/env bash
# Command 2: sets up what is missing, then runs every test of the repository: type check, lint,
# unit and integration tests (database tests on SQLite and on a real, throwaway PostgreSQL), and
# the browser end-to-end tests in Debian's Chromium against the running app, then the chaos stage
# (scripts/chaos: concurrent refreshes, a catalog outage, kill -9, an HTTP fuzz) and the adoption
# stage (scripts/adoption: the packed packages installed by the README's steps in a new Backstage
# app, checked in Chromium). Ends with one line "N passed, N failed" and exits non-zero on any
# failure.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"
source "$(dirname "${BASH_SOURCE[0]}")/chaos/stage.sh"
source "$(dirname "${BASH_SOURCE[0]}")/adoption/stage.sh"

setup_toolchain
install_dependencies
ensure_chromium

RESULTS_DIR="$(mktemp -d /tmp/orchestration-test.XXXXXX)"
APP_PIDS=()
cleanup() {
  local pid
  for pid in "${APP_PIDS[@]}"; do
    kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  stop_postgres
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_postgres

TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
record() { # name passed failed
  TOTAL_PASSED=$((TOTAL_PASSED + $2))
  TOTAL_FAILED=$((TOTAL_FAILED + $3))
  SUMMARY+=("$(printf '%-34s %5s passed %5s failed' "$1" "$2" "$3")")
}

# A check that is one command: it passes or fails as a whole.
run_check() { # name command...
  local name="$1"
  shift
  log "== $name"
  if (cd "$REPO_ROOT" && "$@"); then record "$name" 1 0; else record "$name" 0 1; fi
}

# Reads passed/failed counts from a Jest or Playwright JSON report; a missing report is one failure.
count_report() { # kind file
  node -e '
    const [kind, file] = process.argv.slice(1);
    let r;
    try { r = JSON.parse(require("fs").readFileSync(file, "utf8")); } catch { console.log("0 1"); process.exit(0); }
    if (kind === "jest") {
      const broken = (r.testResults || []).filter(t => t.status === "failed" && !(t.assertionResults || []).some(a => a.status === "failed")).length;
      console.log(`${r.numPassedTests} ${r.numFailedTests + broken}`);
    } else {
      const s = r.stats || {};
      console.log(`${(s.expected || 0) + (s.flaky || 0)} ${(s.unexpected || 0) + (r.errors || []).length}`);
    }' "$1" "$2"
}

# The type check emits the declarations (dist-types, git-ignored) that the API reports are made from,
# in a full build: an incremental one may print some inferred types (a translation ref's messages) in
# another order than the committed reports.
run_check "type check (tsc)" yarn tsc --incremental false
run_check "lint (eslint)" yarn backstage-cli repo lint
run_check "format (prettier)" yarn prettier --check --loglevel warn .
run_check "package metadata (repo fix)" yarn backstage-cli repo fix --check --publish
run_check "API reports" yarn build:api-reports:check

# The CLI declares Node >= 20: its tests run again on a Node 20 of the machine, the spawned CLI too.
node20="$(for n in $(type -ap node) /usr/bin/node; do
  [ -x "$n" ] && [[ "$("$n" --version 2>/dev/null)" == v20.* ]] && { echo "$n"; break; }
done)"
if [ -n "$node20" ]; then
  run_check "CLI tests on Node $("$node20" --version)" bash -c 'cd plugins/orchestration-advisor &&
    CI=true "$1" ../../node_modules/@backstage/cli/bin/backstage-cli package test --watchAll=false' _ "$node20"
else
  log "== CLI tests on Node 20: skipped, no Node 20 on this machine (type -ap node: $(type -ap node | xargs))"
fi

log "== unit and integration tests (Jest; databases: SQLite and $ORCHESTRATION_TEST_POSTGRES_ID)"
(cd "$REPO_ROOT" && BACKSTAGE_TEST_DISABLE_DOCKER=1 yarn backstage-cli repo test --watchAll=false \
  --json --outputFile="$RESULTS_DIR/jest.json")
read -r jest_passed jest_failed < <(count_report jest "$RESULTS_DIR/jest.json")
record "unit and integration tests (Jest)" "$jest_passed" "$jest_failed"

# The end-to-end tests run against the built app, served by the backend as in production, on free
# ports with throwaway SQLite folders, so a developer's running instance and data are left alone. Two
# backends share the one build: on the first, guest sign-in is a platform-team member; on the second,
# a member of a product team, to see what a user without review rights sees.
start_backend() { # name port guest-user-ref
  local name="$1" port="$2" guest="$3"
  cat >"$RESULTS_DIR/app-config.$name.yaml" <<YAML
app:
  baseUrl: http://localhost:$port
backend:
  baseUrl: http://localhost:$port
  listen:
    port: $port
  cors:
    origin: http://localhost:$port
  database:
    client: better-sqlite3
    connection:
      directory: $RESULTS_DIR/sqlite-$name
auth:
  providers:
    guest:
      userEntityRef: $guest
YAML
  (cd "$REPO_ROOT/packages/backend" && exec setsid yarn start --config "$REPO_ROOT/app-config.yaml" \
    --config "$RESULTS_DIR/app-config.$name.yaml") >"$RESULTS_DIR/backend-$name.log" 2>&1 &
  APP_PIDS+=($!)
}
backend_ready() { # port
  curl -fsS -o /dev/null "http://localhost:$1/.backstage/health/v1/readiness" 2>/dev/null &&
    curl -fsS "http://localhost:$1/" 2>/dev/null | grep -q '<div id="root">'
}

log "== building the app for the end-to-end tests"
if (cd "$REPO_ROOT" && yarn workspace app build >"$RESULTS_DIR/app-build.log" 2>&1); then
  E2E_PLATFORM_PORT="$(free_port)"
  E2E_PRODUCT_PORT="$(free_port)"
  start_backend platform "$E2E_PLATFORM_PORT" user:default/guest
  start_backend product "$E2E_PRODUCT_PORT" user:default/lena-fischer
  for _ in $(seq 1 240); do
    backend_ready "$E2E_PLATFORM_PORT" && backend_ready "$E2E_PRODUCT_PORT" && break
    sleep 1
  done
else
  log "building the app failed; last lines of its log:"
  tail -n 40 "$RESULTS_DIR/app-build.log" >&2
fi
if [ -n "${E2E_PLATFORM_PORT:-}" ] && backend_ready "$E2E_PLATFORM_PORT" && backend_ready "$E2E_PRODUCT_PORT"; then
  log "== end-to-end tests (Playwright in $ORCHESTRATION_CHROMIUM_PATH)"
  (cd "$REPO_ROOT" && PLAYWRIGHT_URL="http://localhost:$E2E_PLATFORM_PORT" \
    ORCHESTRATION_E2E_PRODUCT_TEAM_URL="http://localhost:$E2E_PRODUCT_PORT" \
    PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS_DIR/playwright.json" \
    yarn playwright test --reporter=list,json)
  read -r e2e_passed e2e_failed < <(count_report playwright "$RESULTS_DIR/playwright.json")
  record "end-to-end tests (Playwright)" "$e2e_passed" "$e2e_failed"
elif [ -n "${E2E_PLATFORM_PORT:-}" ]; then
  log "the app did not start for the end-to-end tests; last lines of the backend logs:"
  tail -n 30 "$RESULTS_DIR"/backend-*.log >&2
  record "end-to-end tests (Playwright)" 0 1
else
  record "end-to-end tests (Playwright)" 0 1
fi

# The chaos stage starts backends of its own (on SQLite and on the PostgreSQL above): the end-to-end
# ones are stopped first, so its timings have the machine to themselves.
for pid in "${APP_PIDS[@]}"; do
  kill -- -"$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
APP_PIDS=()
run_chaos_stage "$RESULTS_DIR/chaos"
# Last: it builds and packs the published packages and installs them in an app of its own.
run_adoption_stage "$RESULTS_DIR/adoption"

printf '\n'
printf '%s\n' "${SUMMARY[@]}"
printf '\n%s passed, %s failed\n' "$TOTAL_PASSED" "$TOTAL_FAILED"
[ "$TOTAL_FAILED" -eq 0 ]
