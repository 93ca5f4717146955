#!/usr/bin/env bash
# Crash recovery (README "Robustness tests"), about 10-15 s.  On a throwaway cluster
# of its own (fsync and synchronous_commit on, unix socket only): two workers run
# lifecycle walks (test/crash/setup.sql: create, submit, complete or fail, some
# re-enrollments), each walk one autocommit statement, and append
# "<enrollment> <status>" to their ack file only after the statement returned,
# i.e. committed.  In the middle of the load the postmaster and its backends get
# SIGKILL; the cluster is started again (crash recovery) and test/crash/check.sql
# checks the invariants: nothing acked lost, certificates match their
# enrollments, statuses match the history, one open enrollment per certificant,
# unique ids, CHECK constraints, amcheck.  Then a fresh lifecycle must work.
# Prints each invariant with its violation count and one summary line; exits
# non-zero on any violation.
#   usage: bash test/crash/run.sh   (extension installed for $PG_CONFIG, default pg_config on PATH)
#   CRASH_LOAD_SECONDS (default 5): load before the kill; CRASH_PORT (default 54339)
set -uo pipefail
cd "$(dirname "$0")/../.."
PG_BIN=$("${PG_CONFIG:-pg_config}" --bindir) || { echo "crash: no pg_config"; exit 1; }
LOAD=${CRASH_LOAD_SECONDS:-5}
export PGPORT=${CRASH_PORT:-54339} PGDATABASE=crash
fail() { echo "crash: FAILED: $*"; exit 1; }

DIR=$(mktemp -d /tmp/enrollment-crash.XXXXXX)
chmod 755 "$DIR"
export PGHOST=$DIR PGUSER=postgres
AS=""
if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$DIR"; AS="runuser -u postgres --"
else
    PGUSER=$(id -un)
fi
workers=""
cleanup() {
    [ -n "$workers" ] && kill $workers 2>/dev/null
    $AS "$PG_BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1
    rm -rf "$DIR"
}
trap cleanup EXIT
pgctl_start() {
    $AS "$PG_BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
        -o "-p $PGPORT -k $DIR -c listen_addresses='' -c fsync=on -c synchronous_commit=on -c full_page_writes=on" \
        >"$DIR/pg_ctl.log" 2>&1 || { cat "$DIR/pg_ctl.log"; return 1; }
}
psql() { "$PG_BIN/psql" -X -q "$@"; }

$AS "$PG_BIN/initdb" -D "$DIR/data" -U "$PGUSER" --auth=trust -E UTF8 --locale=C >/dev/null || fail "initdb"
pgctl_start || { cat "$DIR/server.log"; fail "first start"; }
psql -d postgres -c "CREATE DATABASE crash" || fail "create database"
psql -f test/crash/setup.sql >"$DIR/setup.log" 2>&1 || { cat "$DIR/setup.log"; fail "setup"; }

# worker W: walks until the stop file exists; a walk is acked only once psql
# returned its result (exit 0): autocommit, so it is committed
worker() {
    local w=$1 n=0 out
    while [ ! -e "$DIR/stop" ]; do
        n=$((n + 1))
        if out=$(psql -At -v ON_ERROR_STOP=1 -c "SELECT crash_test.walk($w, $n)" 2>>"$DIR/worker$w.err"); then
            echo "$out" >>"$DIR/ack$w"
        else
            sleep 0.1
        fi
    done
}
touch "$DIR/ack1" "$DIR/ack2" "$DIR/worker1.err" "$DIR/worker2.err"
worker 1 & workers="$!"
worker 2 & workers="$workers $!"
sleep 1
psql -c CHECKPOINT || fail "checkpoint during the load"   # recovery then replays from a redo point inside the load
sleep "$LOAD"
errors_before=$(cat "$DIR/worker1.err" "$DIR/worker2.err")
# SIGKILL to the postmaster and every backend at once, as a power cut would
# (minus the page cache).  They are found by their working directory, the data
# directory (backends call setsid, so there is no process group to signal);
# repeated until none is left, for a backend forked in between.
cluster_pids() {
    local p
    for p in /proc/[0-9]*; do
        [ "$(readlink "$p/cwd" 2>/dev/null)" = "$DIR/data" ] && echo "${p#/proc/}"
    done
}
pids=$(cluster_pids)
[ -n "$pids" ] || fail "no server process to kill"
for _ in $(seq 50); do
    [ -z "$pids" ] && break
    kill -9 $pids 2>/dev/null
    sleep 0.1
    pids=$(cluster_pids)
done
[ -z "$pids" ] || fail "server processes survived SIGKILL: $pids"
# until its parent reaps it, a dead postmaster's pid still answers kill -0, and
# the new postmaster would take it for a running one
pm=$(head -n 1 "$DIR/data/postmaster.pid")
for _ in $(seq 300); do kill -0 "$pm" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pm" 2>/dev/null && fail "killed postmaster $pm not reaped within 30 s"
touch "$DIR/stop"
wait $workers
workers=""
[ -z "$errors_before" ] || { echo "$errors_before"; fail "walks failed before the crash"; }
acked=$(cat "$DIR/ack1" "$DIR/ack2" | wc -l)
[ "$acked" -gt 0 ] || fail "no walk committed in ${LOAD}s before the crash"

pgctl_start || { tail -n 30 "$DIR/server.log"; fail "restart after the crash"; }
grep -q 'automatic recovery in progress' "$DIR/server.log" || fail "the restart did no crash recovery"
total=0 checked=0
results=$(cat "$DIR/ack1" "$DIR/ack2" | psql -At -F '|' -f test/crash/check.sql 2>&1) || { echo "$results"; fail "invariant check did not run"; }
while IFS='|' read -r name n; do
    case "$n" in
        ''|*[!0-9]*) echo "  $name${n:+|$n}"; continue ;;   # a WARNING naming the offender
    esac
    printf '  %-64s %s\n' "$name" "$n"
    total=$((total + n)) checked=$((checked + 1))
done <<<"$results"
[ "$checked" = "$(grep -c "^SELECT '" test/crash/check.sql)" ] || fail "check.sql printed $checked invariants"

# a fresh lifecycle of each kind on the recovered cluster
fresh=0
for n in 10 15 17 19; do
    out=$(psql -At -v ON_ERROR_STOP=1 -c "SELECT crash_test.walk(1, $n)" 2>&1)
    case "$n:$out" in
        10:*' Completed'|15:*' Failed'|17:*' Completed'|19:*' Failed') ;;
        *) echo "  fresh walk $n: $out"; fresh=$((fresh + 1)) ;;
    esac
done
printf '  %-64s %s\n' "fresh lifecycle walks after the restart that failed" "$fresh"
total=$((total + fresh))

# walks in flight at the kill may have committed without their ack: more rows than acks is fine
kinds=$(psql -At -c "SELECT string_agg(format('%s %s %s', type, status, n), ', ' ORDER BY type DESC, status DESC)
                       FROM (SELECT type, status, count(*) n FROM enrollment.enrollments GROUP BY 1, 2) k")
echo "crash: $acked walks acked before the kill; after recovery and the fresh walks: $kinds; $total violations"
[ "$total" = 0 ] || { tail -n 40 "$DIR/server.log"; fail "$total invariant violations after crash recovery"; }
