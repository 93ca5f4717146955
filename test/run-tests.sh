#!/usr/bin/env bash
# Every test suite, from a fresh Debian 12 machine: installs packages, builds with
# -Werror, installs, starts a throwaway cluster, runs the pg_regress suite, the
# isolation specs, the JSON-Schema check of the validate endpoint, the unit
# tests of the two pure-C cores (parameter validator, RQL parser) and a bounded
# fuzz run of both, crash recovery under load, the lifecycle on a Citus
# cluster (test/citus), a bounded sqlsmith run (README "Robustness tests"),
# the seed scenario through PostGraphile 5 (test/postgraphile),
# every benchmark workload once (README "Speed"), and the walkthrough.  Prints
# diffs and the server log on failure, then a last line
# "N passed, N failed"; exits non-zero on any failure or when nothing ran.
set -uo pipefail
cd "$(dirname "$0")/.."
. test/lib/common.sh

set -e
ensure_packages
build_and_install
start_cluster
set +e

passed=0
failed=0
count_pg_regress() {    # count "... ok" / "... FAILED" lines of a pg_regress log
    local ok bad
    ok=$(grep -cE '\.\.\. ok' "$1")
    bad=$(grep -cE '\.\.\. (FAILED|failed)' "$1")
    passed=$((passed + ok)); failed=$((failed + bad))
}

log "pg_regress suite (sql/, expected/)"
make -s installcheck ISOLATION= 2>&1 | tee /tmp/enrollment-regress.log
rc=${PIPESTATUS[0]}
count_pg_regress /tmp/enrollment-regress.log
if [ "$rc" != 0 ]; then
    # a failure pg_regress did not count (build, install, CREATE EXTENSION) still fails the run
    [ "$(grep -cE '\.\.\. (FAILED|failed)' /tmp/enrollment-regress.log)" = 0 ] && failed=$((failed + 1))
    [ -f regression.diffs ] && cat regression.diffs
fi

log "isolation suite (test/specs, test/expected)"
if [ -n "$(ls test/specs/*.spec 2>/dev/null)" ]; then
    make -s installcheck REGRESS= 2>&1 | tee /tmp/enrollment-iso.log
    rc=${PIPESTATUS[0]}
    count_pg_regress /tmp/enrollment-iso.log
    if [ "$rc" != 0 ]; then
        [ "$(grep -cE '\.\.\. (FAILED|failed)' /tmp/enrollment-iso.log)" = 0 ] && failed=$((failed + 1))
        [ -f output_iso/regression.diffs ] && cat output_iso/regression.diffs
    fi
fi

log "schema check of POST /enrollments/validate against the seed's OpenAPI (test/schema)"
if bash test/schema/run.sh >/tmp/enrollment-schema.log 2>&1; then
    passed=$((passed + 1)); tail -n 3 /tmp/enrollment-schema.log
else
    failed=$((failed + 1)); cat /tmp/enrollment-schema.log
fi

if [ -f test/fuzz/Makefile ]; then
    log "pure-C cores (parameter validator, RQL): unit tests and bounded fuzz runs (sanitizers)"
    if make -s -C test/fuzz unit fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-30}"; then
        passed=$((passed + 2))
    else
        failed=$((failed + 1))
    fi
fi

step() {   # step <log> <command...>: one passed or failed step; its log is shown either way
    local out=$1; shift
    if "$@" >"$out" 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
    cat "$out"
}
log "crash recovery: kill -9 under a lifecycle load, then the invariants (test/crash, its own cluster)"
step /tmp/enrollment-crash.log bash test/crash/run.sh
log "Citus: the lifecycle on a coordinator and two workers (test/citus; builds Citus from ../shared/citus when missing)"
# as root (sudo) because a missing Citus is built into the system PostgreSQL; CI=true makes a skip a failure
step /tmp/enrollment-citus.log $SUDO env PATH="$PATH" CI="${CI:-}" PG_CONFIG="$PG_CONFIG" bash test/citus/run.sh
log "Citus benchmark, tiny: one node against the cluster, every step once, remote commands per action, no timing (test/bench/citus.sh --tiny)"
step /tmp/enrollment-citus-bench.log $SUDO env PATH="$PATH" CI="${CI:-}" PG_CONFIG="$PG_CONFIG" bash test/bench/citus.sh --tiny
log "sqlsmith: bounded random queries over the extension (test/sqlsmith)"
step /tmp/enrollment-sqlsmith.txt env SERVER_LOG="$CLUSTER_DIR/server.log" bash test/sqlsmith/run.sh
log "PostGraphile 5 from npm over the API: the seed scenario through GraphQL (test/postgraphile)"
step /tmp/enrollment-postgraphile.log bash test/postgraphile/run.sh
log "benchmark suite, tiny: every workload once against this cluster, fails on any error, no timing (test/bench/run.sh --tiny)"
step /tmp/enrollment-bench.log bash test/bench/run.sh --tiny

if [ -x test/demo.sh ]; then
    log "walkthrough (test/demo.sh against this cluster)"
    if DEMO_REUSE_CLUSTER=1 bash test/demo.sh >/tmp/enrollment-demo.log 2>&1; then
        passed=$((passed + 1)); tail -n 5 /tmp/enrollment-demo.log
    else
        failed=$((failed + 1)); cat /tmp/enrollment-demo.log
    fi
fi

if [ "$failed" != 0 ]; then
    log "server log (last 200 lines)"
    tail -n 200 "$CLUSTER_DIR/server.log"
fi
echo
echo "$passed passed, $failed failed"
if [ "$failed" != 0 ] || [ "$passed" = 0 ]; then
    exit 1
fi
