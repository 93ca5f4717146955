# Shared by test/run-tests.sh and test/demo.sh: install what a fresh Debian 12
# machine lacks, build and install the extension, run a throwaway cluster.
# Sourced, not executed.

PG_MAJOR=15
PG_BIN=/usr/lib/postgresql/$PG_MAJOR/bin
export PG_CONFIG=$PG_BIN/pg_config
export PATH=$PG_BIN:$PATH

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi

log() { printf '\n== %s\n' "$*"; }

# Debian packages: the server, PGXS headers, jansson, a compiler, clang for the
# fuzzer, sqlsmith for the random-query run, what the Citus build asks for
# (curl, lz4, zstd, gssapi headers; test/citus), gnuplot for the benchmark page.
ensure_packages() {
    local pkgs="postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR libjansson-dev make gcc clang-14 llvm-14 libclang-rt-14-dev python3-jsonschema sqlsmith libcurl4-openssl-dev liblz4-dev libzstd-dev libkrb5-dev gnuplot-nox"
    local missing=""
    for p in $pkgs; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
    done
    if [ -n "$missing" ]; then
        log "installing:$missing"
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
}

# Build with warnings as errors and live assertions, then install into the server.
build_and_install() {
    log "build (warnings are errors) and install"
    make -s clean >/dev/null 2>&1 || true
    make -s COPT="-Werror -DUSE_ASSERT_CHECKING"
    $SUDO env PATH="$PATH" make -s install PG_CONFIG="$PG_CONFIG" >/dev/null
}

# A throwaway cluster in a temp dir, owned by a non-root user (postgres refuses
# root), on a unix socket only.  Exports PGHOST/PGPORT/PGUSER for psql and
# pg_regress; stop_cluster (registered on EXIT) removes it again.
start_cluster() {
    CLUSTER_DIR=$(mktemp -d /tmp/enrollment-cluster.XXXXXX)
    chmod 755 "$CLUSTER_DIR"
    export PGPORT=${PGPORT_OVERRIDE:-54329}
    export PGHOST=$CLUSTER_DIR
    export PGUSER=postgres
    local as=""
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$CLUSTER_DIR"
        as="runuser -u postgres --"
    else
        PGUSER=$(id -un)
    fi
    RUN_AS=$as
    $as "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U "$PGUSER" --auth=trust --no-sync -E UTF8 --locale=C >/dev/null
    $as "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w start \
        -o "-p $PGPORT -k $CLUSTER_DIR -c listen_addresses='' -c fsync=off -c max_prepared_transactions=10" >/dev/null
    trap stop_cluster EXIT
}

stop_cluster() {
    if [ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR/data" ]; then
        $RUN_AS "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$CLUSTER_DIR"
    fi
}
