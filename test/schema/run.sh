#!/usr/bin/env bash
# The JSON-Schema check of POST /enrollments/validate (test/schema/check_validate.py)
# against the server at $PGHOST/$PGPORT (as $PGUSER), where the extension is
# installed: a scratch database (SCHEMA_CHECK_DB, default enrollment_schema_check)
# is created, filled by test/schema/setup.sql, checked and dropped again.
# Prints "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
export SCHEMA_CHECK_DB=${SCHEMA_CHECK_DB:-enrollment_schema_check}
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

# Debian's python3 with Debian's python3-jsonschema (test/lib/common.sh), not
# whatever python3 comes first in PATH
PYTHON=/usr/bin/python3
if ! "$PYTHON" -c 'import jsonschema' 2>/dev/null; then
    echo "python3-jsonschema is not installed (apt-get install python3-jsonschema)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi

dropdb --if-exists "$SCHEMA_CHECK_DB"
createdb "$SCHEMA_CHECK_DB"
trap 'dropdb --if-exists "$SCHEMA_CHECK_DB"' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$SCHEMA_CHECK_DB" -f test/schema/setup.sql >/dev/null
"$PYTHON" test/schema/check_validate.py
