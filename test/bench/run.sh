#!/usr/bin/env bash
# The benchmark suite (README "Speed"; not timed in CI).  One command:
#
#   bash test/bench/run.sh [--scale 10000,100000,1000000] [--runs 3] [--seconds 2]
#                          [--crowd 100000] [--read-timeout 20] [--out test/bench/RESULTS.md] [--tiny]
#
# against the server at $PGHOST/$PGPORT as $PGUSER (a superuser; the extension
# installed).  It creates the database enrollment_bench (dropped again at the
# end), builds the data (test/bench/setup.sql, hot.sql; the bulk enrollments
# grow through each --scale in turn, grow.sql: 100 programs of 20 vendors,
# 10,000 buyers of 100 clients), checks that the bulk rows are what the engine
# writes (check.sql), and at every scale runs each workload of
# test/bench/workloads.sh with pgbench -M prepared -c 2 for --seconds, --runs
# times (the median is reported): baselines (SELECT 1, the raw one-statement
# completion, a plain PL/pgSQL validator), validation, completion, the
# lifecycle, re-enrollment, bulk create, list / count / get by id through the
# view for a vendor, a client and operations, rendering; plus the expiry job
# and EXPLAIN (ANALYZE, BUFFERS) of the reads.  A read (list, count, get,
# render) that takes longer than --read-timeout seconds is cancelled and
# reported as timed out (its remaining runs skipped): the run stays bounded
# however slow row security is.  The expiry job runs once, at the last scale,
# over up to 100,000 Active certificates.  Then --crowd open enrollments
# go into one program (crowd.sql) and validate / submit / process run against
# it and against an empty program of the same definitions.  Finally
# test/bench/report.sh writes --out (tables, ratios, the targets met or
# missed, EXPLAIN output) and SVG plots under test/bench/plots/, from the raw
# results it leaves in test/bench/results/ (TSV of every run, EXPLAIN text).
#
# --tiny (CI): 200 enrollments, a crowd of 200, every workload once (2
# transactions per client), 1 run; fails when any workload fails; writes no
# results page unless --out is given.  No timing is asserted.
set -euo pipefail
cd "$(dirname "$0")/../.."
SCALES=10000,100000,1000000 RUNS=3 SECS=2 CROWD=100000 READ_TIMEOUT=20 OUT=test/bench/RESULTS.md TINY=false OUT_GIVEN=false KEEP=false
while [ $# -gt 0 ]; do
    case $1 in
        --scale) SCALES=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --seconds) SECS=$2; shift 2 ;;
        --crowd) CROWD=$2; shift 2 ;;
        --read-timeout) READ_TIMEOUT=$2; shift 2 ;;
        --out) OUT=$2; OUT_GIVEN=true; shift 2 ;;
        --tiny) TINY=true; shift ;;
        --keep) KEEP=true; shift ;;   # development: keep the database afterwards
        *) echo "usage: $0 [--scale N[,N...]] [--runs N] [--seconds S] [--crowd N] [--read-timeout S] [--out FILE] [--tiny]" >&2; exit 2 ;;
    esac
done
if $TINY; then
    SCALES=200 RUNS=1 CROWD=200 READ_TIMEOUT=0   # no timeout: every read must complete
    $OUT_GIVEN || OUT=
fi
DB=enrollment_bench
WORK=$(mktemp -d /tmp/enrollment-bench.XXXXXX)
export PGDATABASE=$DB
cleanup() { $KEEP || psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
say() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
sql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
val() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

say "database $DB: setup"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
sql -f test/bench/setup.sql >/dev/null
sql -f test/bench/hot.sql >/dev/null
. test/bench/workloads.sh
write_workloads "$WORK"

claims() { printf '{"role":"enrollment_web","account_id":"%s","user_id":"USR%s"}' "$1" "${1#ACC}"; }
VENDOR_HOT=$(claims ACC-1000-0001) CLIENT_HOT=$(claims ACC-2000-0001)
declare -A READER=([vendor]=$(claims ACC-1100-0001) [client]=$(claims ACC-2100-0001) [operations]=$(claims ACC-3000-0001))
ENGINE_VENDOR="-c request.jwt.claims={\"account_id\":\"ACC-1000-0001\",\"user_id\":\"USR-1000-0001\"}"
ENGINE_CLIENT="-c request.jwt.claims={\"account_id\":\"ACC-2000-0001\",\"user_id\":\"USR-2000-0001\"}"
# per program: -D variables of the scripts (program, number, templates, values with a __TAG__ for the unique one)
declare -A PD
for k in H5 H20 C5; do
    p=$(val "SELECT id FROM bench.programs WHERE kind = '$k'")
    PD[$k]="prg=$p|pp=$(val "SELECT lpad(no::text, 2, '0') FROM bench.programs WHERE kind = '$k'")"
    PD[$k]+="|qtpl=$(val "SELECT id FROM enrollment.templates WHERE program_id::text = '$p' AND is_default AND type = 'EnrollmentQuerying'")"
    PD[$k]+="|ctpl=$(val "SELECT id FROM enrollment.templates WHERE program_id::text = '$p' AND is_default AND type = 'EnrollmentCompleted'")"
    PD[$k]+="|ordering=$(val "SELECT bench.ordering('$p', '__TAG__')")"
    PD[$k]+="|dordering=$(val "SELECT bench.ordering('$p', 'draft')")"
    PD[$k]+="|doc=$(val "SELECT jsonb_build_object('program', jsonb_build_object('id', '$p'), 'buyer', jsonb_build_object('id', 'BUY-9900-0999'), 'parameters', jsonb_build_object('ordering', bench.ordering('$p', 'draft'), 'fulfillment', '[]'::jsonb))")"
done
IDS20=$(val "SELECT '{' || string_agg(format('ENR-9920-0005-%s', lpad(n::text, 4, '0')), ',') || '}' FROM generate_series(1, 50) n")

RESULTS=$WORK/results.tsv EXPIRY=$WORK/expiry.tsv
: > "$RESULTS"; : > "$EXPIRY"
# bench <scale> <workload> <params> <script> <user> <PGOPTIONS> [-D name=value | P:<program key>]...
bench() {
    local scale=$1 name=$2 params=$3 script=$4 user=$5 opts=$6 r out tps lat
    shift 6
    local -a defs=()
    for a in "$@"; do
        if [[ $a == P:* ]]; then
            IFS='|' read -ra kv <<< "${PD[${a#P:}]}"
            for x in "${kv[@]}"; do defs+=(-D "$x"); done
        else
            defs+=(-D "$a")
        fi
    done
    local -a dur=(-T "$SECS")
    $TINY && dur=(-t 2)
    for r in $(seq 1 "$RUNS"); do
        rc=0
        out=$(PGOPTIONS="$opts" pgbench -n -M prepared -c 2 -j 2 "${dur[@]}" -U "$user" -f "$WORK/$script" "${defs[@]}" "$DB" 2>&1) || rc=$?
        if [[ $opts == *statement_timeout* ]] && grep -q 'canceling statement due to statement timeout' <<< "$out"; then
            printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$scale" "$name" "$params" "$r" 0 -1 >> "$RESULTS"
            say "  $name p$params: timed out (> $READ_TIMEOUT s)"
            return 0
        fi
        if [ "$rc" != 0 ] || grep -q 'aborted\|error' <<< "$out"; then
            echo "$out" >&2
            say "workload $name (params $params, scale $scale) FAILED"
            exit 1
        fi
        tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<< "$out")
        lat=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' <<< "$out")
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$scale" "$name" "$params" "$r" "$tps" "$lat" >> "$RESULTS"
    done
    say "  $name p$params: $(awk -F'\t' -v s="$scale" -v n="$name" -v p="$params" '$1 == s && $2 == n && $3 == p { printf "%.0f ", $5 }' "$RESULTS")tps"
}
A=enrollment_authenticator S=$PGUSER RT="-c statement_timeout=${READ_TIMEOUT}s"
status_triggers() { sql -c "ALTER TABLE enrollment.enrollments $1 TRIGGER enrollments_status_change" \
                        -c "ALTER TABLE enrollment.certificates $1 TRIGGER certificates_status_change" >/dev/null; }

# explain <scale> <label> <script> <claims>: EXPLAIN (ANALYZE, BUFFERS) of the script's main statement, as the API role
explain() {
    local stmt
    stmt=$(sed -n '/^WITH pgrst_source/,/;$/p' "$WORK/$3" |
           sed "s/:st\b/'Processing'/g; s/:lim\b/50/g; s/:off\b/0/g; s/:zero\b/0/g; s/:pp\b/'20'/g; s/:w\b/5/g; s/:c\b/1/g")
    { echo "BEGIN READ ONLY;"; pre GET /enrollments | sed "s/:claims/'$4'/"
      echo "EXPLAIN (ANALYZE, BUFFERS) $stmt"; echo "ROLLBACK;"; } > "$WORK/explain.sql"
    PGOPTIONS="$RT" psql -X -q -At -U "$A" -v ON_ERROR_STOP=1 -f "$WORK/explain.sql" > "$WORK/explain.out" 2>&1 ||
        grep -q 'statement timeout' "$WORK/explain.out" || { cat "$WORK/explain.out" >&2; exit 1; }
    grep -v '^$' "$WORK/explain.out" | grep -v '^"program"' | sed 's/^psql:.*ERROR: *canceling statement due to statement timeout/(cancelled: longer than the read timeout)/' > "$WORK/explain_${1}_$2.txt" || true
}

prev=0
for scale in ${SCALES//,/ }; do
    say "scale $scale: growing the bulk data from $prev"
    sql -v from="$prev" -v to="$scale" -f test/bench/grow.sql >/dev/null
    # and a checkpoint: the growth's dirty buffers are not written during the first workloads
    sql -c "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null
    if [ "$prev" = 0 ]; then
        diffs=$(sql -f test/bench/check.sql | sed -n 's/^bulk rows differing from engine rows: //p')
        [ "$diffs" = 0 ] || { sql -f test/bench/check.sql >&2; say "bulk rows differ from the engine's"; exit 1; }
    fi
    prev=$scale
    say "scale $scale: $(val "SELECT count(*) FROM enrollment.enrollments") enrollments; workloads"
    bench "$scale" select1 0 select1.sql "$S" ""
    for k in H5 H20; do
        n=${k#H}
        bench "$scale" validate_stored "$n" validate_stored.sql "$S" "$ENGINE_VENDOR" "P:$k"
        bench "$scale" plain_stored "$n" plain_stored.sql "$S" "" "P:$k"
        bench "$scale" validate_draft "$n" validate_draft.sql "$A" "" "P:$k" "claims=$CLIENT_HOT"
        bench "$scale" plain_draft "$n" plain_draft.sql "$S" "" "P:$k"
        bench "$scale" complete_engine "$n" complete_engine.sql "$S" "$ENGINE_VENDOR" "P:$k"
        bench "$scale" lifecycle "$n" lifecycle.sql "$A" "" "P:$k" "cclaims=$CLIENT_HOT" "vclaims=$VENDOR_HOT"
    done
    bench "$scale" complete_api 20 complete_api.sql "$A" "" "P:H20" "vclaims=$VENDOR_HOT"
    status_triggers DISABLE
    bench "$scale" complete_raw 20 complete_raw.sql "$S" "" "P:H20"
    status_triggers ENABLE
    bench "$scale" reenroll 20 reenroll.sql "$A" "" "P:H20" "cclaims=$CLIENT_HOT" "vclaims=$VENDOR_HOT"
    bench "$scale" bulk_create 5 bulk_create.sql "$A" "" "P:H5" "cclaims=$CLIENT_HOT"
    for who in vendor client operations; do
        bench "$scale" "list_$who" 0 list.sql "$A" "$RT" "claims=${READER[$who]}" st=Processing lim=50 off=0
        bench "$scale" "count_$who" 0 count.sql "$A" "$RT" "claims=${READER[$who]}" st=Processing zero=0 off=0
        explain "$scale" "list_$who" list.sql "${READER[$who]}"
        explain "$scale" "count_$who" count.sql "${READER[$who]}"
    done
    bench "$scale" get_client 20 get.sql "$A" "$RT" "P:H20" "claims=$CLIENT_HOT"
    bench "$scale" get_vendor 20 get.sql "$A" "$RT" "P:H20" "claims=$VENDOR_HOT"
    bench "$scale" get_operations 20 get.sql "$A" "$RT" "P:H20" "claims=${READER[operations]}"
    explain "$scale" get_client get.sql "$CLIENT_HOT"
    bench "$scale" render 20 render.sql "$A" "$RT" "claims=${READER[operations]}" "ids=$IDS20"
done

# the expiry job, once at the last scale, over (up to) 100,000 Active certificates, rolled back
asof=$(val "SELECT expiration_date + 1 FROM enrollment.certificates WHERE status = 'Active'
             ORDER BY expiration_date OFFSET (SELECT least(100000, count(*)) - 1 FROM enrollment.certificates WHERE status = 'Active') LIMIT 1")
for r in 1; do
    printf '%s\t%s\n' "$scale" "$(psql -X -q -At -v ON_ERROR_STOP=1 <<EOF
BEGIN;
SELECT clock_timestamp() AS t0 \gset
SELECT enrollment.expire_certificates('$asof') AS n \gset
SELECT :n || E'\t' || round(extract(epoch FROM clock_timestamp() - :'t0') * 1000, 1);
ROLLBACK;
EOF
)" >> "$EXPIRY"
done
say "  expiry: $(tail -n 1 "$EXPIRY")"

say "crowd: $CROWD open enrollments in program C5"
sql -v crowd="$CROWD" -f test/bench/crowd.sql >/dev/null
sql -c "VACUUM ANALYZE" -c "CHECKPOINT" >/dev/null
declare -A OPEN
for k in H5 C5; do
    OPEN[$k]=$(val "SELECT count(*) FROM enrollment.enrollments e JOIN bench.programs p ON p.id::text = e.program_id::text
                     WHERE p.kind = '$k' AND e.status IN ('Draft', 'Processing', 'Querying')")
done
# the two programs take turns, run by run, so that drift (autovacuum, a checkpoint) falls on both
# alike: the first run of the day had the small program 30 % slower than the crowded one
runs=$RUNS RUNS=1
for r in $(seq 1 "$runs"); do
    for k in H5 C5; do
        bench "crowd" "validate_stored_$k" "${OPEN[$k]}" validate_stored.sql "$S" "$ENGINE_VENDOR" "P:$k"
        bench "crowd" "submit_$k" "${OPEN[$k]}" submit.sql "$S" "$ENGINE_CLIENT" "P:$k"
        bench "crowd" "process_$k" "${OPEN[$k]}" process.sql "$S" "$ENGINE_CLIENT" "P:$k"
    done
done
RUNS=$runs

# the writing workloads must have left their rows: lifecycles and re-enrollments Completed
done_ok=$(val "SELECT count(*) FILTER (WHERE buyer_id::text LIKE 'BUY-9800-%') > 0 AND count(*) FILTER (WHERE type = 'Change') > 0
                 FROM enrollment.enrollments WHERE status = 'Completed'")
[ "$done_ok" = t ] || { say "the lifecycle or re-enrollment workload completed no enrollment"; exit 1; }
META=$WORK/meta
{
    echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit=${BENCH_COMMIT:-$(git rev-parse --short HEAD 2>/dev/null || echo unknown)}"
    echo "server=$(val 'SHOW server_version')"
    echo "jit=$(val 'SHOW jit')"
    echo "shared_buffers=$(val 'SHOW shared_buffers')"
    echo "cpus=$(nproc)"
    echo "scales=$SCALES"; echo "runs=$RUNS"; echo "seconds=$SECS"; echo "crowd=$CROWD"; echo "tiny=$TINY"; echo "read_timeout=$READ_TIMEOUT"
} > "$META"
say "all workloads ran"
if [ -n "$OUT" ]; then
    # the raw results beside the page (report.sh can rewrite the page from them)
    mkdir -p "$(dirname "$OUT")/results"
    rm -f "$(dirname "$OUT")"/results/*
    cp "$RESULTS" "$EXPIRY" "$META" "$WORK"/explain_*.txt "$(dirname "$OUT")/results/"
    bash test/bench/report.sh "$(dirname "$OUT")/results" "$OUT"
    say "wrote $OUT"
fi
