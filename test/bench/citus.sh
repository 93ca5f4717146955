#!/usr/bin/env bash
# One node against the three-node Citus cluster (README "Growing past one
# machine"; not timed in CI): the lifecycle's throughput on both, and the
# remote commands each action sends on the cluster.  One command:
#
#   bash test/bench/citus.sh [--seconds 5] [--runs 3] [--out test/bench/CITUS.md] [--tiny]
#
# It starts the cluster of test/citus/run.sh (coordinator and two workers on
# loopback, fsync off, Citus built from ../shared/citus when missing; the
# enrollment extension must be installed into $PG_CONFIG's PostgreSQL) without
# its scenarios, and uses two databases of the coordinator: `postgres`, where
# run.sh created the extension and distributed the tables, and `single`, the
# same extension without Citus on the same server, so the two differ only in
# distribution.  Both get the accounts fixture, one published Buyer program
# with one required parameter and 9,999 buyers of one client.
#
# The workload: a client creates an enrollment with its value and submits it,
# the vendor completes it (a certificate is issued): three engine calls, each
# its own transaction as three requests would be, with the claims set per
# call; pgbench -c 2 for --seconds, --runs times, the median reported.  Then,
# on the cluster, each action once more with citus.log_remote_commands: the
# number of commands the coordinator sent to workers for it (what a by-id
# action costs when the id alone names no shard).
#
# --tiny (CI): one transaction per run, one run, no results page unless --out.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PG_CONFIG=${PG_CONFIG:-pg_config}
BINDIR=$("$PG_CONFIG" --bindir)
SECONDS_PER_RUN=5 RUNS=3 OUT= TINY=
while [ $# -gt 0 ]; do
    case $1 in
        --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --out) OUT=$2; shift 2 ;;
        --tiny) TINY=1; RUNS=1; shift ;;
        *) echo "usage: bash test/bench/citus.sh [--seconds N] [--runs N] [--out FILE] [--tiny]" >&2; exit 2 ;;
    esac
done
[ -z "$TINY" ] && [ -z "$OUT" ] && OUT=$HERE/CITUS.md
log() { echo "[$(date +%H:%M:%S)] $*"; }

# the cluster, kept running for the benchmark, stopped on exit
started=$(cd "$ROOT" && CITUS_SCENARIOS=none CITUS_KEEP=1 PG_CONFIG="$PG_CONFIG" bash test/citus/run.sh 2>&1) \
    || { echo "FAIL: test/citus/run.sh did not start the cluster: $started" >&2; exit 1; }
echo "$started" | grep -q "SKIP" && { echo "$started"; exit 0; }
CLUSTER=$(echo "$started" | grep -o '/tmp/enrollment-citus\.[A-Za-z0-9]*' | tail -1)
[ -n "$CLUSTER" ] || { echo "FAIL: no cluster from test/citus/run.sh: $started" >&2; exit 1; }
AS=() DBUSER=$(id -un)
if [ "$(id -u)" = 0 ]; then AS=(runuser -u postgres --); DBUSER=postgres; fi
stop() {
    local i
    for i in 0 1 2; do
        [ -f "$CLUSTER/n$i/postmaster.pid" ] && "${AS[@]}" "$BINDIR/pg_ctl" -D "$CLUSTER/n$i" -m fast -w stop >/dev/null 2>&1
    done
    rm -rf "$CLUSTER"
}
trap stop EXIT
PORT=${CITUS_COORDINATOR_PORT:-5530}
sql() {   # sql DB ARGS...
    local db=$1; shift
    "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$CLUSTER" -p "$PORT" -U "$DBUSER" -d "$db" "$@"
}

log "databases: postgres (distributed), single (one node)"
sql postgres -c "SET client_min_messages = warning" -c "CREATE DATABASE single" >/dev/null
sql single -c "CREATE EXTENSION enrollment" >/dev/null
for db in postgres single; do
    (cd "$ROOT" && sql "$db" -f test/fixtures/accounts.sql) >/dev/null
    sql "$db" >/dev/null <<'EOF'
INSERT INTO enrollment.buyers (id, account_id, name)
SELECT format('BUY-5000-%s', lpad(n::text, 4, '0'))::enrollment.mpt_id, 'ACC-2000-0001', format('Bench buyer %s', n)
  FROM generate_series(1, 9999) n;
CREATE SEQUENCE public.bench_buyer MAXVALUE 9999;
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NULL;
SELECT enrollment.program_create('Citus bench', 'Buyer', true, true) AS prg \gset
SELECT enrollment.parameter_create(:'prg', 'Company', 'SingleLineText', 'Order', 10, constraints => '{"required": true}') AS ppm \gset
SELECT enrollment.program_publish(:'prg') IS NULL;
CREATE TABLE public.bench (prg text, ppm text);
INSERT INTO public.bench VALUES (:'prg', :'ppm');
EOF
done
PRG=$(sql postgres -At -c "SELECT prg FROM public.bench") PPM=$(sql postgres -At -c "SELECT ppm FROM public.bench")
PRG1=$(sql single -At -c "SELECT prg FROM public.bench") PPM1=$(sql single -At -c "SELECT ppm FROM public.bench")

CLIENT='{"account_id":"ACC-2000-0001","user_id":"USR-2000-0001"}'
VENDOR='{"account_id":"ACC-1000-0001","user_id":"USR-1000-0001"}'
WORK=$(mktemp -d /tmp/enrollment-citus-bench.XXXXXX)
chmod 755 "$WORK"
cat > "$WORK/lifecycle.sql" <<EOF
SELECT format('BUY-5000-%s', lpad(nextval('public.bench_buyer')::text, 4, '0')) AS buyer \\gset
SELECT set_config('request.jwt.claims', '$CLIENT', false) IS NULL;
SELECT enrollment.enrollment_create(:prg, buyer_id => :buyer,
         ordering => jsonb_build_array(jsonb_build_object('id', :ppm::text, 'value', 'Stark'))) AS enr \\gset
SELECT enrollment.enrollment_submit(:enr);
SELECT set_config('request.jwt.claims', '$VENDOR', false) IS NULL;
SELECT enrollment.enrollment_complete(:enr);
EOF

# lifecycle TPS: median of the runs
run_bench() {   # run_bench DB PRG PPM: prints the median TPS
    local db=$1 prg=$2 ppm=$3 r tps=()
    for r in $(seq 1 "$RUNS"); do
        local args=(-T "$SECONDS_PER_RUN")
        [ -n "$TINY" ] && args=(-t 1)
        tps+=("$("$BINDIR/pgbench" -n -M prepared -c 2 -j 2 "${args[@]}" -h "$CLUSTER" -p "$PORT" -U "$DBUSER" \
                  -D "prg=$prg" -D "ppm=$ppm" -f "$WORK/lifecycle.sql" "$db" 2>&1 \
              | awk '/^tps/ {print int($3)} /aborted|error/ {print "ERR: " $0 > "/dev/stderr"; bad=1} END {exit bad}')")
    done
    for r in "${tps[@]}"; do
        [[ $r =~ ^[0-9]+$ ]] || { echo "FAIL: the lifecycle on database $db did not run" >&2; exit 1; }
    done
    printf '%s\n' "${tps[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
log "lifecycle on one node"
T1=$(run_bench single "$PRG1" "$PPM1") || exit 1
log "lifecycle on the cluster"
T3=$(run_bench postgres "$PRG" "$PPM") || exit 1
for db in single postgres; do   # the lifecycle did issue certificates on both
    n=$(sql "$db" -At -c "SELECT count(*) FROM enrollment.certificates WHERE status = 'Active'")
    [ "$n" -gt 0 ] || { echo "FAIL: no certificate was issued in database $db" >&2; exit 1; }
done
log "TPS: one node $T1, cluster $T3"

# remote commands per action on the cluster: a fresh enrollment walked through
remote() {   # remote CLAIMS SQL: the number of commands sent to workers
    sql postgres -c "SET citus.log_remote_commands = on" -c "SET client_min_messages = log" \
        -c "SELECT set_config('request.jwt.claims', '$1', false) IS NULL" -c "$2" 2>&1 >/dev/null | grep -c "issuing" || true
}
B=$(sql postgres -At -c "SELECT format('BUY-5000-%s', lpad(nextval('public.bench_buyer')::text, 4, '0'))")
ENR=$(sql postgres -At -c "SELECT set_config('request.jwt.claims', '$CLIENT', false) IS NULL" \
        -c "SELECT enrollment.enrollment_create('$PRG', buyer_id => '$B', ordering => jsonb_build_array(jsonb_build_object('id', '$PPM', 'value', 'Stark')))" | tail -1)
declare -A RC
RC[validate]=$(remote "$CLIENT" "SELECT enrollment.enrollment_validate('$ENR')")
RC[submit]=$(remote "$CLIENT" "SELECT enrollment.enrollment_submit('$ENR')")
RC[complete]=$(remote "$VENDOR" "SELECT enrollment.enrollment_complete('$ENR')")
B=$(sql postgres -At -c "SELECT format('BUY-5000-%s', lpad(nextval('public.bench_buyer')::text, 4, '0'))")
RC[create]=$(remote "$CLIENT" "SELECT enrollment.enrollment_create('$PRG', buyer_id => '$B', ordering => jsonb_build_array(jsonb_build_object('id', '$PPM', 'value', 'Stark')))")
RC[byid]=$(remote "$CLIENT" "SELECT status FROM enrollment.enrollments WHERE id = '$ENR'")
# the same submit through the API, as PostgREST calls it (the API role, its db-pre-request)
(cd "$ROOT" && sql postgres -c "SET client_min_messages = warning" -f test/fixtures/postgrest_roles.sql \
    -c "ALTER ROLE enrollment_web LOGIN") >/dev/null
B=$(sql postgres -At -c "SELECT format('BUY-5000-%s', lpad(nextval('public.bench_buyer')::text, 4, '0'))")
ENR2=$(sql postgres -At -c "SELECT set_config('request.jwt.claims', '$CLIENT', false) IS NULL" \
        -c "SELECT enrollment.enrollment_create('$PRG', buyer_id => '$B', ordering => jsonb_build_array(jsonb_build_object('id', '$PPM', 'value', 'Stark')))" | tail -1)
RC[api_submit]=$(remote "$CLIENT" "SET ROLE enrollment_web; SELECT enrollment.forward_claims(); SELECT (program.submit_enrollment('$ENR2')).status")
[ "$(sql postgres -At -c "SELECT status FROM enrollment.enrollments WHERE id = '$ENR2'")" = Processing ] \
    || { echo "FAIL: the API's submit did not submit $ENR2" >&2; exit 1; }
RC[byprogram]=$(remote "$CLIENT" "SELECT status FROM enrollment.enrollments WHERE program_id = '$PRG' AND id = '$ENR'")
SHARDS=$(sql postgres -At -c "SELECT count(*) FROM pg_dist_shard WHERE logicalrelid = 'enrollment.enrollments'::regclass")
for k in create validate submit complete byid byprogram api_submit; do
    [ -n "${RC[$k]}" ] || { echo "FAIL: no remote command count for $k" >&2; exit 1; }
done
log "remote commands: create ${RC[create]}, validate ${RC[validate]}, submit ${RC[submit]}, complete ${RC[complete]}, read by id ${RC[byid]}, by program and id ${RC[byprogram]}, submit through the API ${RC[api_submit]} (${SHARDS} shards)"
[ -n "$TINY" ] && [ -z "$OUT" ] && { log "all ran"; exit 0; }

COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
RATIO=$(awk -v a="$T3" -v b="$T1" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
cat > "$OUT" <<EOF
# One node against the Citus cluster

Written by \`bash test/bench/citus.sh\` (README "Growing past one machine"); regenerate with the same command.
This run: **$(date -u '+%Y-%m-%d %H:%M') UTC**, commit \`$COMMIT\`, Citus 13.2.2 on PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}'),
a coordinator and two workers on loopback of one machine with 2 CPUs (fsync off on all three), against a database of
the same coordinator without Citus. Each figure is the median of $RUNS runs of $SECONDS_PER_RUN s, \`pgbench -M prepared -c 2\`.

The workload, one transaction per call as three requests would be: the client creates an enrollment with its one
required value and submits it, the vendor completes it (a certificate is issued). The cluster does more work for the
same result (every statement is planned and routed by the coordinator, and the workers run the shard queries over
loopback on the same two CPUs), so this shows the price of distribution on one machine, not the gain of adding
machines.

| | one node | cluster | cluster / one node |
|---|---|---|---|
| lifecycle (create, submit, complete), TPS | $T1 | $T3 | $RATIO |

## Remote commands per action on the cluster

Commands the coordinator sent to the workers for one call (\`citus.log_remote_commands\`), ${SHARDS} shards of
\`enrollments\`:

| action | remote commands |
|---|---|
| \`enrollment_create\` | ${RC[create]} |
| \`enrollment_validate\` | ${RC[validate]} |
| \`enrollment_submit\` | ${RC[submit]} |
| \`enrollment_complete\` | ${RC[complete]} |
| \`SELECT ... FROM enrollments WHERE id = ...\` | ${RC[byid]} |
| \`SELECT ... FROM enrollments WHERE program_id = ... AND id = ...\` | ${RC[byprogram]} |
| \`program.submit_enrollment\` (the API: its checks, the engine, the answer read back through the view) | ${RC[api_submit]} |

An action names only the enrollment's id, and the tables are distributed by program. The engine finds the program
in \`enrollment.object_programs\` (distributed by id: one shard; src/object_route.c), then sends the action's statements
to the program's shard alone; before that lookup existed, the first statement of every action went to all shards
(validate 39, submit 43, complete 45 commands). A create writes the route as well (two commands more). A plain
\`SELECT\` by id alone still reaches every shard, and so does the answer an API action reads back through its view by
id (32 of the API submit's commands); the API's own lookup (\`api_find\`) is routed like the engine's (the API submit
sent 216 commands before: Citus ran the subqueries of every branch of its former \`CASE\`).
EOF
log "wrote $OUT"
