#!/usr/bin/env bash
# Command 1: sets up what is missing (Node.js 22, Yarn 4, dependencies), then starts Backstage
# (frontend on :3000, backend on :7007) on the embedded SQLite database in .data/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"

setup_toolchain
install_dependencies
mkdir -p "$REPO_ROOT/.data/sqlite"

log "starting Backstage: open http://localhost:3000 and sign in as guest (data is kept in .data/sqlite)"
cd "$REPO_ROOT"
exec yarn start "$@"
