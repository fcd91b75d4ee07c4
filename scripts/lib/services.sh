# Sourced by scripts/test.sh: the system programs the tests need (Debian's chromium and PostgreSQL),
# installed with apt-get where absent, and a throwaway PostgreSQL cluster on a free loopback port.
# shellcheck shell=bash

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  command -v apt-get >/dev/null || die "$* missing and no apt-get here: install it with your package manager"
  log "installing $* with apt-get"
  as_root apt-get update -qq >/dev/null || die "apt-get update failed"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || die "apt-get install $* failed"
}

ensure_chromium() {
  CHROMIUM_PATH="${ORCHESTRATION_CHROMIUM_PATH:-$(command -v chromium || true)}"
  if [ -z "$CHROMIUM_PATH" ]; then
    apt_install chromium
    CHROMIUM_PATH="$(command -v chromium)" || die "chromium is not on PATH after installing it"
  fi
  export ORCHESTRATION_CHROMIUM_PATH="$CHROMIUM_PATH"
}

find_postgres_bin() {
  local initdb_path
  initdb_path="$(command -v initdb || true)"
  if [ -z "$initdb_path" ]; then
    initdb_path="$(ls -1 /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)"
  fi
  [ -n "$initdb_path" ] && dirname "$(readlink -f "$initdb_path")"
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Starts a throwaway cluster and exports the connection string Backstage's TestDatabases read
# (BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING) plus ORCHESTRATION_TEST_POSTGRES_ID.
start_postgres() {
  local pg_bin major run_as=()
  pg_bin="$(find_postgres_bin)"
  if [ -z "$pg_bin" ]; then
    apt_install postgresql
    pg_bin="$(find_postgres_bin)" || die "PostgreSQL binaries not found after installing postgresql"
  fi
  major="$("$pg_bin/pg_ctl" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')"
  PG_WORK_DIR="$(mktemp -d /tmp/orchestration-pg.XXXXXX)"
  chmod 755 "$PG_WORK_DIR"
  if [ "$(id -u)" = "0" ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres system user.
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_WORK_DIR"
    run_as=(runuser -u postgres --)
  fi
  PG_RUN_AS=("${run_as[@]}")
  PG_BIN_DIR="$pg_bin"
  PG_PORT="$(free_port)"
  "${run_as[@]}" "$pg_bin/initdb" -D "$PG_WORK_DIR/data" -U postgres --auth=trust -E UTF8 >"$PG_WORK_DIR/initdb.log" 2>&1 ||
    die "initdb failed: see $PG_WORK_DIR/initdb.log"
  "${run_as[@]}" "$pg_bin/pg_ctl" -D "$PG_WORK_DIR/data" -l "$PG_WORK_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_WORK_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null ||
    die "PostgreSQL did not start: see $PG_WORK_DIR/server.log"
  export "BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING=postgresql://postgres@127.0.0.1:$PG_PORT"
  export ORCHESTRATION_TEST_POSTGRES_ID="POSTGRES_${major}"
  export ORCHESTRATION_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$PG_PORT"
  log "PostgreSQL $major running on 127.0.0.1:$PG_PORT (throwaway cluster in $PG_WORK_DIR)"
}

stop_postgres() {
  if [ -n "${PG_WORK_DIR:-}" ] && [ -d "$PG_WORK_DIR/data" ]; then
    "${PG_RUN_AS[@]}" "$PG_BIN_DIR/pg_ctl" -D "$PG_WORK_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_WORK_DIR"
  fi
}
