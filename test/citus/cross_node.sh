#!/usr/bin/env bash
# The rules that are transactional on one node, raced by two sessions on
# different nodes of the Citus cluster that test/citus/run.sh started (it
# calls this with BINDIR, CLUSTER (the socket directory), DBUSER and the three
# PORTS: coordinator, worker 1, worker 2).  Each race runs at READ COMMITTED
# and at REPEATABLE READ (the second session's snapshot taken on every node
# before the first commits, as in test/specs/*_rr.spec):
#
#  unique      the coordinator and a worker submit two enrollments of one
#              program holding the same value of a `unique` parameter: the
#              second waits for the first, then is refused (PRM0027); never
#              two open enrollments with one unique value.  Twice: from the
#              worker that holds the program's shard and from the other one;
#  one open    worker 1 and worker 2 create an enrollment of one buyer in one
#              program: the second waits, then is refused; one open enrollment
#              (at REPEATABLE READ the refusal can come from the unique index
#              enrollments_one_open_per_certificant instead of the engine's own
#              check: the worker's snapshot predates the first create);
#  complete    worker 2 and the coordinator complete the same enrollment: the
#              second waits, then is refused (its status is Completed, or 40001 at
#              REPEATABLE READ); exactly one certificate.
#
# A race passes only if the second session really waited (a lock wait seen on
# some node while the first had not committed) and the outcome holds.  Prints
# "ok: ..." per check; exits non-zero on the first failure.
set -euo pipefail

: "${BINDIR:?}" "${CLUSTER:?}" "${DBUSER:?}" "${PORTS:?}"
read -r -a PORT <<< "$PORTS"
NODE_NAME=(coordinator "worker 1" "worker 2")
T=$(mktemp -d /tmp/enrollment-cross-node.XXXXXX)
chmod 777 "$T"
declare -A FD=() PID=()
CLOSED=0

fail() {
    echo "FAIL: cross-node: $*" >&2
    local f
    for f in "$T"/*.out; do
        [ -f "$f" ] || continue
        echo "--- $(basename "$f")" >&2
        cat "$f" >&2
    done
    exit 1
}

sql() {     # sql NODE SQL: one statement, unaligned output, as the test superuser
    "$BINDIR/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$CLUSTER" -p "${PORT[$1]}" -U "$DBUSER" -d postgres -c "$2"
}

# A session: psql reading its commands from a FIFO, so that a step can be sent
# while another session's step is still waiting.
open_session() {    # open_session NAME NODE
    local fd
    mkfifo "$T/$1.in"
    (   # the other sessions' FIFOs stay open only in this shell, or they would never see their end
        for fd in "${FD[@]}"; do exec {fd}>&-; done
        exec "$BINDIR/psql" -X -q -v ON_ERROR_STOP=0 -v VERBOSITY=default -h "$CLUSTER" -p "${PORT[$2]}" \
            -U "$DBUSER" -d postgres -f "$T/$1.in" > "$T/$1.out" 2>&1
    ) &
    PID[$1]=$!
    exec {fd}> "$T/$1.in"
    FD[$1]=$fd
}
close_session() {
    local fd=${FD[$1]}
    exec {fd}>&-
    wait "${PID[$1]}" || true
    unset "FD[$1]" "PID[$1]"
    rm -f "$T/$1.in"
    mv "$T/$1.out" "$T/$1.$((++CLOSED)).out"
}
send() {            # send NAME TAG SQL: the statement, then a marker once it has finished
    printf '%s\n\\echo @@ %s\n' "$3" "$2" >&"${FD[$1]}"
}
finished() { grep -q "^@@ $2\$" "$T/$1.out"; }
await() {           # await NAME TAG: wait (at most 30 s) for the step to finish
    local i
    for i in $(seq 1 600); do
        finished "$1" "$2" && return 0
        sleep 0.05
    done
    fail "session $1 did not finish step $2"
}
output_of() {       # output_of NAME TAG: what the step printed
    awk -v tag="@@ $2" '$0 == tag { print buf; exit } /^@@ / { buf = ""; next } { buf = buf $0 "\n" }' "$T/$1.out"
}
lock_waits() {      # backends waiting for a lock, on all nodes
    local n=0 i
    for i in 0 1 2; do
        n=$((n + $(sql "$i" "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")))
    done
    echo "$n"
}
await_lock_wait() { # await_lock_wait NAME TAG: the step is waiting for a lock, not finished
    local i
    for i in $(seq 1 200); do
        finished "$1" "$2" && fail "$1's $2 did not wait for the other session: $(output_of "$1" "$2")"
        [ "$(lock_waits)" -gt 0 ] && return 0
        sleep 0.05
    done
    fail "$1's $2 neither finished nor waited for a lock"
}
expect_output() {   # expect_output NAME TAG REGEX WHAT
    local out
    out=$(output_of "$1" "$2")
    grep -Eq "$3" <<< "$out" || fail "$4: $1's $2 printed: $out"
}
expect_value() {    # expect_value NODE SQL EXPECTED WHAT
    local got
    got=$(sql "$1" "$2")
    [ "$got" = "$3" ] || fail "$4: expected '$3', got '$got' ($2)"
    echo "ok: $4"
}

begin_session() {   # begin_session NAME NODE ACCOUNT USER LEVEL
    open_session "$1" "$2"
    send "$1" begin "SET search_path = enrollment, public;
SELECT act_as('$3', '$4') IS NOT NULL AS acting;
BEGIN ISOLATION LEVEL $5;
SELECT count(*) >= 0 AS snapshot FROM enrollments;"
    await "$1" begin
}

# race A B ACCOUNT USER TAG SQL_A SQL_B REFUSAL WHAT: sessions on nodes A and B,
# as ACCOUNT/USER at $LEVEL; A's SQL_A goes through, B's SQL_B must wait for
# A's commit, then fail with REFUSAL (a regex of the error); B rolls back.
race() {
    local a=$1 b=$2 account=$3 user=$4 tag=$5 sql_a=$6 sql_b=$7 refusal=$8 what=$9
    begin_session a "$a" "$account" "$user" "$LEVEL"
    begin_session b "$b" "$account" "$user" "$LEVEL"
    send a "$tag" "$sql_a"
    await a "$tag"
    expect_output a "$tag" "^ t" "$LEVEL: the first $tag goes through"
    send b "$tag" "$sql_b"
    await_lock_wait b "$tag"
    echo "ok: $LEVEL: $what"
    send a commit "COMMIT;"
    await a commit
    await b "$tag"
    expect_output b "$tag" "ERROR:  ($refusal)" "$LEVEL: the second $tag is refused"
    send b rollback "ROLLBACK;"
    await b rollback
    close_session a
    close_session b
}

# the reference data when the SQL scenarios have not loaded it, and two more buyers of the client
if [ "$(sql 0 "SELECT count(*) FROM enrollment.accounts")" = 0 ]; then
    (cd "$(dirname "$0")/../.." && "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$CLUSTER" -p "${PORT[0]}" \
        -U "$DBUSER" -d postgres -f test/fixtures/accounts.sql) > /dev/null
fi
sql 0 "INSERT INTO enrollment.buyers (id, account_id, name) VALUES
         ('BUY-2000-0011', 'ACC-2000-0001', 'Stark Race Buyer 1'),
         ('BUY-2000-0012', 'ACC-2000-0001', 'Stark Race Buyer 2'),
         ('BUY-2000-0013', 'ACC-2000-0001', 'Stark Race Buyer 3')
       ON CONFLICT (id) DO NOTHING" > /dev/null

# unique_race LEVEL PLACE: a new program, two Drafts holding one unique value;
# the coordinator submits one, then the worker that holds the program's shard
# (PLACE local: Citus runs the shard queries in that session's own backend)
# or the other worker (PLACE remote: through a connection of its own, with its
# own snapshot) submits the other.  Leaves PRG, PRM, E1 (Processing), E2.
unique_race() {
    local LEVEL=$1 PLACE=$2 shard_port B
    # a program with a unique parameter, created on worker 2 (the ids come
    # from that node's own sequences), and two Drafts holding one value
    PRG=$(sql 2 "SET search_path = enrollment, public;
        SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NULL;
        SELECT program_create('Cross-node race ($LEVEL, $PLACE)', 'Buyer')" | tail -n 1)
    PRM=$(sql 2 "SET search_path = enrollment, public;
        SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NULL;
        SELECT parameter_create('$PRG', 'Partner number', 'SingleLineText', 'Order', 10,
                   external_id => 'partnerNumber', constraints => '{\"required\": true, \"unique\": true}')" | tail -n 1)
    sql 2 "SET search_path = enrollment, public;
        SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NULL;
        SELECT program_publish('$PRG') IS NULL" > /dev/null
    enrol() {   # enrol NODE BUYER: a Draft holding partner number 4711
        sql "$1" "SET search_path = enrollment, public;
            SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NULL;
            SELECT enrollment_create('$PRG', buyer_id => '$2', name => '$2',
                       ordering => jsonb_build_array(jsonb_build_object('id', '$PRM', 'value', '4711')))" | tail -n 1
    }
    E1=$(enrol 0 BUY-2000-0011)
    E2=$(enrol 1 BUY-2000-0012)
    shard_port=$(sql 0 "SELECT n.nodeport FROM pg_dist_placement p JOIN pg_dist_node n ON n.groupid = p.groupid
                         WHERE p.shardid = get_shard_id_for_distribution_column('enrollment.programs', '$PRG')")
    case "$PLACE:$shard_port" in
        "local:${PORT[1]}" | "remote:${PORT[2]}") B=1 ;;
        "local:${PORT[2]}" | "remote:${PORT[1]}") B=2 ;;
        *) fail "the shard of program $PRG is on port '$shard_port', not on a worker" ;;
    esac
    [ -n "$PRG" ] && [ -n "$PRM" ] && [ -n "$E1" ] && [ -n "$E2" ] || fail "setup at $LEVEL: program '$PRG', parameter '$PRM', enrollments '$E1' '$E2'"
    expect_value 0 "SELECT count(DISTINCT id) FROM enrollment.enrollments WHERE program_id = '$PRG'" 2 \
        "$LEVEL: enrollments created on the coordinator and on a worker have distinct ids"

    # unique: the coordinator submits E1, a worker submits E2 with the same value
    race 0 "$B" ACC-2000-0001 USR-2000-0001 submit \
        "SELECT enrollment_submit('$E1') IS NOT NULL AS submitted;" \
        "SELECT enrollment_submit('$E2') IS NOT NULL AS submitted;" \
        "enrollment $E2 has invalid parameters|could not serialize access" \
        "a submit on ${NODE_NAME[$B]} (program's shard $PLACE) waits for the coordinator's submit of the same unique value"
    expect_value 0 "SELECT string_agg(e.status || ' ' || coalesce(ep.error->>'id', '-'), ', ' ORDER BY e.id = '$E1' DESC)
                      FROM enrollment.enrollments e JOIN enrollment.enrollment_parameters ep
                        ON ep.program_id = e.program_id AND ep.enrollment_id = e.id
                     WHERE e.program_id = '$PRG'" \
        "Processing -, Draft -" "$LEVEL ($PLACE): one open enrollment holds the unique value, the other is still a Draft"
}

for LEVEL in "READ COMMITTED" "REPEATABLE READ"; do
    unique_race "$LEVEL" local
    unique_race "$LEVEL" remote

    # one open enrollment: worker 1 and worker 2 enrol the same buyer
    race 1 2 ACC-2000-0001 USR-2000-0001 create "SELECT enrollment_create('$PRG', buyer_id => 'BUY-2000-0013') IS NOT NULL AS created;" "SELECT enrollment_create('$PRG', buyer_id => 'BUY-2000-0013') IS NOT NULL AS created;" \
        "buyer BUY-2000-0013 already has open enrollment|could not serialize access|duplicate key value violates unique constraint \"enrollments_one_open_per_certificant" \
        "a create on worker 2 waits for worker 1's create for the same buyer"
    expect_value 0 "SELECT count(*) FROM enrollment.enrollments WHERE program_id = '$PRG' AND buyer_id = 'BUY-2000-0013'" \
        1 "$LEVEL: the buyer has one enrollment in the program"

    # complete: worker 2 and the coordinator complete E1
    race 2 0 ACC-1000-0001 USR-1000-0001 completion "SELECT enrollment_complete('$E1') IS NOT NULL AS completed;" "SELECT enrollment_complete('$E1') IS NOT NULL AS completed;" \
        "cannot complete enrollment $E1: status is Completed|could not serialize access" \
        "a completion on the coordinator waits for worker 2's completion of the same enrollment"
    expect_value 0 "SELECT e.status || ' ' || c.status || ' ' || (SELECT count(*) FROM enrollment.certificates x
                                                          WHERE x.program_id = e.program_id AND x.buyer_id = e.buyer_id)
                      FROM enrollment.enrollments e JOIN enrollment.certificates c
                        ON c.program_id = e.program_id AND c.id = e.certificate_id WHERE e.id = '$E1'" \
        "Completed Active 1" "$LEVEL: the enrollment is Completed with exactly one Active certificate"
done
rm -rf "$T"
