# Sourced by scripts/test.sh and scripts/adoption/run.sh: the adoption test. It packs every published
# package under plugins/ as npm would publish it, makes a Backstage app that has never seen them
# (scripts/adoption/make-host.mjs), serves the tarballs from a registry on the loopback interface,
# runs the install steps of the README's "Add Orchestration to your Backstage" word for word
# (scripts/adoption/readme.mjs), builds and starts that app, and checks it in Chromium
# (scripts/adoption/host.spec.ts). Each check is counted with the caller's `record`.
# shellcheck shell=bash

ADOPTION_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

run_adoption_stage() { # results-dir
  local dir="$1" name passed failed rc
  log "== adoption (packed packages installed by the README's steps in a new Backstage app)"
  mkdir -p "$dir"
  : >"$dir/checks.tsv"
  (adoption_main "$dir")
  rc=$?
  while IFS=$'\t' read -r name passed failed; do
    record "adoption: $name" "$passed" "$failed"
  done <"$dir/checks.tsv"
  # A run that stopped early without a failed check of its own still fails the stage.
  if [ "$rc" -ne 0 ] && ! cut -f3 "$dir/checks.tsv" | grep -qx 1; then
    record "adoption (stopped with status $rc)" 0 1
  fi
}

# Runs in a subshell: its EXIT trap stops what it started and removes the host app and tarballs,
# however it ends. Logs stay in the results folder.
adoption_main() { # results-dir
  local dir="$1"
  ADOPTION_WORK="$(mktemp -d /tmp/orchestration-adoption.XXXXXX)"
  ADOPTION_HOST="$ADOPTION_WORK/host"
  ADOPTION_PACKS="$ADOPTION_WORK/packs"
  ADOPTION_RESULTS="$dir"
  ADOPTION_PIDS=()
  ADOPTION_TIMINGS=()
  trap adoption_cleanup EXIT
  trap 'exit 130' INT TERM
  # The host app is not this repository: Yarn may write its lock file even under CI.
  export YARN_ENABLE_IMMUTABLE_INSTALLS=false
  local started=$SECONDS step_started

  adoption_check "tools of the adoption test (node --test)" tools node --test "$ADOPTION_DIR"/*.test.mjs || return 1

  # 1. Pack: declarations, then each package built and packed as `yarn npm publish` would.
  step_started=$SECONDS
  adoption_check "declarations (yarn tsc)" tsc adoption_declarations || return 1
  mkdir -p "$ADOPTION_PACKS"
  local manifest package_dir package_name
  for manifest in "$REPO_ROOT"/plugins/*/package.json; do
    package_dir="$(dirname "$manifest")"
    package_name="$(node -p 'const p = require(process.argv[1]); p.private ? "" : p.name' "$manifest")"
    [ -n "$package_name" ] || continue
    adoption_check "pack $package_name" "pack-$(basename "$package_dir")" \
      adoption_pack "$package_dir" || return 1
  done
  adoption_timing pack "$step_started"

  # 2. A Backstage app that has never seen them, installed from Yarn's global cache.
  step_started=$SECONDS
  adoption_check "host app without Orchestration (grep finds none)" make-host \
    node "$ADOPTION_DIR/make-host.mjs" --out "$ADOPTION_HOST" || return 1
  adoption_check "host app installs (yarn install)" host-install \
    adoption_in_host yarn install || return 1
  adoption_timing "host install" "$step_started"

  # 3. The README's steps, with the packages from the registry of the tarballs.
  step_started=$SECONDS
  adoption_forget_packages
  adoption_list_cached_packages >"$ADOPTION_WORK/cached-before.txt"
  adoption_check "registry of the packed packages" registry adoption_start_registry || return 1
  (cd "$REPO_ROOT" && node "$ADOPTION_DIR/readme.mjs" apply --host "$ADOPTION_HOST" \
    --results "$ADOPTION_RESULTS") || return 1
  adoption_check "installed packages are the packed ones" installed adoption_compare_installed || return 1
  adoption_timing "README steps" "$step_started"
  (cd "$REPO_ROOT" && node "$ADOPTION_DIR/readme.mjs" compare --results "$ADOPTION_RESULTS")

  # 4. Build the host's frontend, start its backend serving it, check both in Chromium.
  step_started=$SECONDS
  adoption_check "host frontend builds" host-build adoption_in_host yarn workspace app build || return 1
  adoption_timing build "$step_started"
  step_started=$SECONDS
  adoption_check "host backend starts with Orchestration" host-start adoption_start_host || return 1
  adoption_timing start "$step_started"
  step_started=$SECONDS
  adoption_browser_check
  adoption_timing "browser check" "$step_started"
  adoption_timing total "$started"
  log "adoption timings: $(IFS=,; printf '%s' "${ADOPTION_TIMINGS[*]}" | sed 's/,/, /g')"
  ! cut -f3 "$ADOPTION_RESULTS/checks.tsv" | grep -qx 1
}

adoption_cleanup() {
  local pid
  for pid in "${ADOPTION_PIDS[@]}"; do
    kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  adoption_forget_packages
  # The host's node_modules are some 100,000 files: they are removed in the background, so the
  # test command does not wait minutes for it.
  (setsid rm -rf "$ADOPTION_WORK" </dev/null >/dev/null 2>&1 &)
}

# Every build packs different tarballs under the same version: the copies Yarn's global cache and
# npx keep of them are removed (Yarn's would pile up; npx would run its copy again next time). Yarn
# names its cache files after the locator (here with the registry's port), so the files to remove
# are those that were not there before the README's steps.
adoption_list_cached_packages() {
  local cache
  cache="$(cd "$ADOPTION_HOST" && yarn config get cacheFolder 2>/dev/null)" || return 0
  [ -d "$cache" ] && find "$cache" -maxdepth 1 -name '@orchestration-*' | sort
  return 0
}

adoption_forget_packages() {
  local npx_dir
  if [ -f "$ADOPTION_WORK/cached-before.txt" ]; then
    adoption_list_cached_packages | comm -13 "$ADOPTION_WORK/cached-before.txt" - | xargs -r rm -f
  fi
  for npx_dir in "$(npm config get cache 2>/dev/null)"/_npx/*/node_modules/@orchestration; do
    [ -d "$npx_dir" ] && rm -rf "$(dirname "$(dirname "$npx_dir")")"
  done
  return 0
}

adoption_timing() { # what started-at
  ADOPTION_TIMINGS+=("$1 $((SECONDS - $2)) s")
}

# One check: the command's output goes to <results>/<log>.log; a failure shows its last lines.
adoption_check() { # name log command...
  local name="$1" logfile="$ADOPTION_RESULTS/$2.log" started=$SECONDS
  shift 2
  if "$@" >"$logfile" 2>&1; then
    printf '%s\t1\t0\n' "$name" >>"$ADOPTION_RESULTS/checks.tsv"
    log "ok ($((SECONDS - started)) s) $name"
  else
    printf '%s\t0\t1\n' "$name" >>"$ADOPTION_RESULTS/checks.tsv"
    log "FAILED ($((SECONDS - started)) s) $name; last lines of $logfile:"
    tail -n 40 "$logfile" >&2
    return 1
  fi
}

adoption_in_host() {
  (cd "$ADOPTION_HOST" && "$@")
}

# The packages' builds read their declarations from dist-types. Type errors are the type check's
# to count: tsc emits the declarations all the same, and they are what this step needs.
adoption_declarations() {
  local manifest dir missing=0
  (cd "$REPO_ROOT" && yarn tsc) || echo "yarn tsc reported type errors (the type check counts them)"
  for manifest in "$REPO_ROOT"/plugins/*/package.json; do
    dir="$(basename "$(dirname "$manifest")")"
    if [ ! -f "$REPO_ROOT/dist-types/plugins/$dir/src/index.d.ts" ]; then
      echo "no declarations in dist-types/plugins/$dir/src/index.d.ts"
      missing=1
    fi
  done
  [ "$missing" -eq 0 ]
}

adoption_pack() { # package-dir
  (cd "$1" && yarn build && yarn pack --out "$ADOPTION_PACKS/$(basename "$1").tgz")
}

# The registry stands in for npm: the host's .yarnrc.yml and .npmrc send the @orchestration scope
# to it (and allow its plain HTTP on the loopback address), every other package still comes from
# the registry the toolchain set up. Its packages are days younger than npmMinimalAgeGate asks.
adoption_start_registry() {
  local port_file="$ADOPTION_WORK/registry.port" url
  (exec setsid node "$ADOPTION_DIR/registry.mjs" --packs "$ADOPTION_PACKS" \
    --port-file "$port_file") >"$ADOPTION_RESULTS/registry-server.log" 2>&1 &
  ADOPTION_PIDS+=($!)
  for _ in $(seq 1 50); do
    [ -s "$port_file" ] && break
    sleep 0.2
  done
  [ -s "$port_file" ] || { cat "$ADOPTION_RESULTS/registry-server.log"; return 1; }
  url="http://127.0.0.1:$(cat "$port_file")"
  cat "$ADOPTION_RESULTS/registry-server.log"
  adoption_in_host yarn config set npmScopes.orchestration.npmRegistryServer "$url" &&
    adoption_in_host yarn config set unsafeHttpWhitelist --json '["127.0.0.1"]' &&
    adoption_in_host yarn config set npmPreapprovedPackages --json \
      "$(node -p 'JSON.stringify([...(JSON.parse(process.argv[1]) ?? []), "@orchestration/*"])' \
        "$(cd "$ADOPTION_HOST" && yarn config get npmPreapprovedPackages --json)")" &&
    printf '@orchestration:registry=%s/\n' "$url" >"$ADOPTION_HOST/.npmrc" &&
    curl -fsS "$url/@orchestration%2fplugin-orchestration-backend" >/dev/null
}

# Each @orchestration package in the host's node_modules has the files of its tarball.
adoption_compare_installed() {
  local tarball name unpacked
  unpacked="$ADOPTION_WORK/unpacked"
  for tarball in "$ADOPTION_PACKS"/*.tgz; do
    rm -rf "$unpacked" && mkdir -p "$unpacked"
    tar -xzf "$tarball" -C "$unpacked"
    name="$(node -p 'require(process.argv[1]).name' "$unpacked/package/package.json")"
    if [ -d "$ADOPTION_HOST/node_modules/$name" ]; then
      diff -r "$unpacked/package" "$ADOPTION_HOST/node_modules/$name" || return 1
      echo "$name: installed from its tarball"
    else
      echo "$name: not installed by the README's steps (no step names it or a package that needs it)"
    fi
  done
}

adoption_start_host() {
  ADOPTION_PORT="$(free_port)"
  cat >"$ADOPTION_WORK/app-config.test.yaml" <<YAML
app:
  baseUrl: http://localhost:$ADOPTION_PORT
backend:
  baseUrl: http://localhost:$ADOPTION_PORT
  listen:
    port: $ADOPTION_PORT
  cors:
    origin: http://localhost:$ADOPTION_PORT
  database:
    client: better-sqlite3
    connection:
      directory: $ADOPTION_WORK/sqlite
YAML
  (cd "$ADOPTION_HOST/packages/backend" && exec setsid yarn start --config ../../app-config.yaml \
    --config "$ADOPTION_WORK/app-config.test.yaml") >"$ADOPTION_RESULTS/host-backend.log" 2>&1 &
  ADOPTION_PIDS+=($!)
  local url="http://localhost:$ADOPTION_PORT"
  for _ in $(seq 1 240); do
    if curl -fsS -o /dev/null "$url/.backstage/health/v1/readiness" 2>/dev/null &&
      curl -fsS "$url/" 2>/dev/null | grep -q '<div id="root">'; then
      echo "the host app answers on $url"
      # The backend plugin is there: its health route is open without a token.
      curl -fsS "$url/api/orchestration/health" && echo && return 0
      break
    fi
    sleep 1
  done
  tail -n 40 "$ADOPTION_RESULTS/host-backend.log"
  return 1
}

adoption_browser_check() {
  local report="$ADOPTION_RESULTS/playwright.json" counts
  log "checking the host app in $ORCHESTRATION_CHROMIUM_PATH"
  (cd "$REPO_ROOT" && ADOPTION_URL="http://localhost:$ADOPTION_PORT" \
    ADOPTION_OUTPUT_DIR="$ADOPTION_RESULTS/playwright" PLAYWRIGHT_JSON_OUTPUT_NAME="$report" \
    yarn playwright test -c scripts/adoption/playwright.config.ts --reporter=list,json) \
    >"$ADOPTION_RESULTS/browser.log" 2>&1
  cat "$ADOPTION_RESULTS/browser.log" >&2
  counts="$(node -e '
    let r;
    try { r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch { console.log("0 1"); process.exit(0); }
    const s = r.stats || {};
    console.log(`${(s.expected || 0) + (s.flaky || 0)} ${(s.unexpected || 0) + (r.errors || []).length}`);
  ' "$report")"
  printf 'host app in Chromium (Playwright)\t%s\t%s\n' ${counts} >>"$ADOPTION_RESULTS/checks.tsv"
  if [ "${counts#* }" != "0" ]; then
    log "the browser check failed; last lines of the host backend's log (requests left out):"
    grep -v 'rootHttpRouter' "$ADOPTION_RESULTS/host-backend.log" | tail -n 30 >&2
  fi
}
