#!/usr/bin/env bash
# A bounded sqlsmith run against the extension (README "Robustness tests"):
# QUERIES random queries (default 3000, fixed seed) over its views, tables and
# functions, in a scratch database (test/sqlsmith/setup.sql), as a non-superuser
# role, each with a short statement_timeout.  Fails when the server log shows a
# backend that died of a signal (a crash or a failed assertion), when sqlsmith
# lost its connection, when too few queries touched the extension, or when the
# run exceeds its time limit.
#   usage, against a running cluster (PGHOST, PGPORT, PGUSER: a superuser):
#   SERVER_LOG=<its log> bash test/sqlsmith/run.sh [queries]
#   SQLSMITH_SEED (default 4711), SQLSMITH_TIMEOUT (seconds, default 120)
set -uo pipefail
cd "$(dirname "$0")/../.."
QUERIES=${1:-${SQLSMITH_QUERIES:-3000}}
SEED=${SQLSMITH_SEED:-4711}
LIMIT=${SQLSMITH_TIMEOUT:-120}
DB=enrollment_sqlsmith
OUT=${SQLSMITH_OUT:-/tmp/enrollment-sqlsmith}
: "${SERVER_LOG:?SERVER_LOG must name the server log file}"
fail() { echo "sqlsmith: FAILED: $*"; exit 1; }

command -v sqlsmith >/dev/null || fail "sqlsmith is not installed (Debian package sqlsmith)"
[ -r "$SERVER_LOG" ] || fail "cannot read the server log $SERVER_LOG"
psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" || fail "create database"
psql -X -q -d $DB -f test/sqlsmith/setup.sql >"$OUT.setup" 2>&1 || { cat "$OUT.setup"; fail "setup"; }

before=$(wc -l <"$SERVER_LOG")
conn="host=$PGHOST port=$PGPORT user=enrollment_sqlsmith dbname=$DB options='-c statement_timeout=1000'"
start=$(date +%s)
# queries on stdout (--dump-all-queries), progress and the error report on stderr
timeout "$LIMIT" sqlsmith --target="$conn" --seed="$SEED" --max-queries="$QUERIES" \
    --exclude-catalog --verbose --dump-all-queries >"$OUT.queries" 2>"$OUT.log"
rc=$?
elapsed=$(( $(date +%s) - start ))
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "DROP ROLE IF EXISTS enrollment_sqlsmith"

# what ran: progress characters are . ok, e error, t timeout, S syntax error, C connection lost
progress=$(grep -E '^[.etSC]+$' "$OUT.log" | tr -d '\n')
ok=$(tr -cd . <<<"$progress" | wc -c)
timeouts=$(tr -cd t <<<"$progress" | wc -c)
lost=$(tr -cd C <<<"$progress" | wc -c)
# a query is one statement of the dump, ended by ";" at a line end; sqlsmith
# writes a relation as "schema.name as alias", a call as "schema.name("
count_queries() { awk -v RS=';\n' -v re="$1" '$0 ~ re { n++ } END { print n + 0 }' "$OUT.queries"; }
reading=$(count_queries '(program|enrollment)\\.[a-z_]+ as ')
calling=$(count_queries '(program|enrollment)\\.[a-z_0-9]+\\(')
functions=$(grep -oE '(program|enrollment)\.[a-z_0-9]+\(' "$OUT.queries" | sort -u | wc -l)
crashes=$(tail -n +"$((before + 1))" "$SERVER_LOG" | grep -cE 'terminated by signal|was terminated by exception|TRAP:')
echo "sqlsmith: $QUERIES queries (seed $SEED) in ${elapsed}s, exit $rc: $ok ok, $timeouts timed out," \
     "$reading read program./enrollment. relations, $calling call $functions distinct extension functions;" \
     "lost connections $lost, backend crashes in the server log $crashes"
if [ "$crashes" != 0 ]; then
    tail -n +"$((before + 1))" "$SERVER_LOG" | grep -B 10 -A 3 -E 'terminated by signal|was terminated by exception|TRAP:' | head -n 80
    fail "$crashes backend crashes"
fi
[ "$rc" = 124 ] && fail "sqlsmith did not finish $QUERIES queries within ${LIMIT}s (SQLSMITH_TIMEOUT)"
[ "$rc" = 0 ] || { tail -n 20 "$OUT.log"; fail "sqlsmith ended abnormally (exit $rc)"; }
[ "$lost" = 0 ] || { grep -iE 'connection|terminat' "$OUT.log" | head; fail "sqlsmith lost its connection $lost times"; }
# with --exclude-catalog nearly every query reads the extension's relations and
# some call its functions; far fewer means sqlsmith saw the wrong objects (a role
# without privileges, another database)
[ "$reading" -ge $((QUERIES * 9 / 10)) ] || fail "only $reading of $QUERIES queries read the extension's relations"
[ "$calling" -ge $((QUERIES / 20)) ] || fail "only $calling of $QUERIES queries call the extension's functions"
exit 0
