#!/usr/bin/env bash
# Refreshes the README screenshots in docs/screenshots from the running app, in a 1280 × 800
# Chromium window: the Orchestration tab of content-api, the dashboard, the prod-kops cluster's
# tab and the engineering Group's tab. They are the browser tests tagged @screenshot, writing into docs/screenshots instead of
# Playwright's output folder.
#
#   scripts/screenshots.sh                               builds the app and serves it on a free port
#                                                        with a throwaway SQLite folder, as the tests do
#   PLAYWRIGHT_URL=http://localhost:3000 scripts/screenshots.sh
#                                                        uses an app already running there (`yarn start`)
#
# Review the pictures, then commit docs/screenshots.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
source "$(dirname "${BASH_SOURCE[0]}")/lib/services.sh"

setup_toolchain
install_dependencies
ensure_chromium

WORK_DIR="$(mktemp -d /tmp/orchestration-screenshots.XXXXXX)"
BACKEND_PID=""
cleanup() {
  if [ -n "$BACKEND_PID" ]; then
    kill -- -"$BACKEND_PID" 2>/dev/null || kill "$BACKEND_PID" 2>/dev/null || true
    wait "$BACKEND_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${PLAYWRIGHT_URL:-}" ]; then
  log "building the app"
  (cd "$REPO_ROOT" && yarn workspace app build >"$WORK_DIR/app-build.log" 2>&1) || {
    tail -n 40 "$WORK_DIR/app-build.log" >&2
    die "building the app failed"
  }
  PORT="$(free_port)"
  cat >"$WORK_DIR/app-config.screenshots.yaml" <<YAML
app:
  baseUrl: http://localhost:$PORT
backend:
  baseUrl: http://localhost:$PORT
  listen:
    port: $PORT
  cors:
    origin: http://localhost:$PORT
  database:
    client: better-sqlite3
    connection:
      directory: $WORK_DIR/sqlite
auth:
  providers:
    guest:
      userEntityRef: user:default/guest
YAML
  log "starting the backend on port $PORT"
  (cd "$REPO_ROOT/packages/backend" && exec setsid yarn start --config "$REPO_ROOT/app-config.yaml" \
    --config "$WORK_DIR/app-config.screenshots.yaml") >"$WORK_DIR/backend.log" 2>&1 &
  BACKEND_PID=$!
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "http://localhost:$PORT/.backstage/health/v1/readiness" 2>/dev/null &&
      curl -fsS "http://localhost:$PORT/" 2>/dev/null | grep -q '<div id="root">'; then
      break
    fi
    sleep 1
  done
  curl -fsS -o /dev/null "http://localhost:$PORT/.backstage/health/v1/readiness" || {
    tail -n 30 "$WORK_DIR/backend.log" >&2
    die "the app did not start"
  }
  export PLAYWRIGHT_URL="http://localhost:$PORT"
fi

log "taking the screenshots from $PLAYWRIGHT_URL"
cd "$REPO_ROOT"
ORCHESTRATION_SCREENSHOTS_DIR="$REPO_ROOT/docs/screenshots" \
  yarn playwright test --grep @screenshot --retries 0
log "written: $(ls "$REPO_ROOT"/docs/screenshots/*.png | tr '\n' ' ')"
