#!/usr/bin/env bash
# Benchmark of parameter validation (not run in CI).  Against the server at
# $PGHOST/$PGPORT (user $PGUSER), in a scratch database enrollment_bench:
#   1. baseline: SELECT 1;
#   2. validate: enrollment.enrollment_validate on a stored Draft enrollment with
#      20 parameters of mixed types, definitions cached per backend;
#   3. cold: the same with enrollment.parameter_cache = off (definitions loaded
#      and parsed on every call);
#   4. check: enrollment.enrollment_check_parameters alone (what submit,
#      process and complete call: no caller lookup, no row locks), cached;
#   5. lifecycle: one enrollment created, submitted and completed per
#      transaction (test/bench/lifecycle.sql, in a second scratch database).
# pgbench -M prepared, 2 clients, BENCH_SECONDS (default 10) each.  Prints the
# TPS of each run, the ratios, and the mean latency per validation.
#   usage: PGHOST=... PGPORT=... PGUSER=postgres bash test/bench/run.sh   (extension installed)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS=${BENCH_SECONDS:-10}
DB=${BENCH_DB:-enrollment_bench}
CLAIMS='{"account_id":"ACC-1000-0001","user_id":"USR-1000-0001"}'

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f test/bench/setup.sql

tps() {   # tps <label> <script> [PGOPTIONS]
    local out
    out=$(PGOPTIONS="${3:-}" pgbench -n -M prepared -c 2 -j 2 -T "$SECS" -f "test/bench/$2" "$DB" 2>&1) || { echo "$out" >&2; exit 1; }
    echo "$out" | sed -n 's/^tps = \([0-9.]*\) .*/\1/p'
}
base=$(tps baseline baseline.sql)
warm=$(tps validate validate.sql "-c request.jwt.claims=$CLAIMS")
cold=$(tps cold validate.sql "-c request.jwt.claims=$CLAIMS -c enrollment.parameter_cache=off")
check=$(tps check check.sql)
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS ${DB}_lifecycle" -c "CREATE DATABASE ${DB}_lifecycle" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d "${DB}_lifecycle" -f test/bench/lifecycle_setup.sql >/dev/null
DB=${DB}_lifecycle
life=$(tps lifecycle lifecycle.sql)
awk -v b="$base" -v w="$warm" -v c="$cold" -v k="$check" -v l="$life" 'BEGIN {
    printf "SELECT 1                     %10.0f tps\n", b
    printf "validate (cached)            %10.0f tps  (%.1f%% of SELECT 1, %.0f us per call per client)\n", w, 100 * w / b, 2e6 / w
    printf "validate (cache off)         %10.0f tps  (%.1f%% of SELECT 1, %.0f us per call per client)\n", c, 100 * c / b, 2e6 / c
    printf "check_parameters (cached)    %10.0f tps  (%.1f%% of SELECT 1, %.0f us per call per client)\n", k, 100 * k / b, 2e6 / k
    printf "cached / cold                %10.2fx\n", w / c
    printf "lifecycle (create+submit+complete) %4.0f tps  (%.1f%% of SELECT 1, %.0f us per enrollment per client)\n", l, 100 * l / b, 2e6 / l
}'
