-- Every SQLSTATE is named in src/errcodes.h and nowhere else (README "Error codes"):
-- no literal code in the install-script parts or the C files, every name the parts use
-- exists, and README's table lists exactly the header's codes with the same names.
-- Runs from the repository root (pg_regress's working directory), as sql/dump_restore.sql.
\i test/fixtures/reset.sql
\! test -f src/errcodes.h && test -f README.md && ls src/sql/[0-9]*.sql src/sql/api/[0-9]*.sql >/dev/null && echo 'at the repository root'

\echo '-- (a) the install-script parts: no quoted five-character code outside comments, every ERRCODE through enrollment.errcode'
\! grep -nE "'[0-9A-Z]{5}'" src/sql/[0-9]*.sql src/sql/api/[0-9]*.sql | grep -vE '^[^:]+:[0-9]+:[[:space:]]*--' || echo 'no literal SQLSTATE'
\! grep -inE 'errcode[[:space:]]*=' src/sql/[0-9]*.sql src/sql/api/[0-9]*.sql | grep -vF "ERRCODE = enrollment.errcode('" || echo 'every ERRCODE = enrollment.errcode(...)'
\echo '-- (a) the C files: no PostgreSQL ERRCODE_ name, MAKE_SQLSTATE or quoted code outside src/errcodes.h'
\! grep -noE '[A-Z_]*ERRCODE_[A-Z0-9_]+' src/*.c src/*.h | grep -v '^src/errcodes\.h:' | grep -vE ':(ENR_ERRCODE_[A-Z0-9_]+|ERRCODE_TO_CATEGORY)$' || echo 'only ENR_ERRCODE_ names'
\! grep -nE 'MAKE_SQLSTATE|"[0-9A-Z]{5}"' src/*.c src/*.h | grep -v '^src/errcodes\.h:' || echo 'no literal SQLSTATE'

\echo '-- (b) the header macros, README table rows and names the parts use'
\! sed -n 's/^#define ENR_ERRCODE_\([A-Z0-9_]*\).*/\1/p' src/errcodes.h | tr A-Z a-z > results/errcodes_header.txt
\! awk -F'|' '/^## Error codes/ { p = 1; next } /^## / { p = 0 } p && /^\| `/ { gsub(/[ `]/, "", $2); gsub(/[ `]/, "", $3); print $2 "\t" $3 }' README.md > results/errcodes_readme.txt
\! cat src/sql/[0-9]*.sql src/sql/api/[0-9]*.sql | grep -vE '^[[:space:]]*--' | grep -oE "enrollment\.errcode\('[a-z0-9_]*'\)" | sed -E "s/.*\('(.*)'\)/\1/" | sort -u > results/errcodes_used.txt
CREATE TEMP TABLE header (name text);
CREATE TEMP TABLE readme (code text, name text);
CREATE TEMP TABLE used (name text);
\copy header FROM 'results/errcodes_header.txt'
\copy readme FROM 'results/errcodes_readme.txt'
\copy used FROM 'results/errcodes_used.txt'

\echo '-- every macro of the header has its name in enrollment.errcode (an unknown one raises)'
SELECT name, enrollment.errcode(name) AS code FROM header ORDER BY code;
\echo '-- README table against the header: no difference (each side has the same rows)'
SELECT (SELECT count(*) FROM header) AS header, (SELECT count(*) FROM readme) AS readme;
SELECT h.name AS header_name, enrollment.errcode(h.name) AS header_code, r.name AS readme_name, r.code AS readme_code
  FROM header h FULL JOIN readme r ON r.name = h.name AND r.code = enrollment.errcode(h.name)
 WHERE h.name IS NULL OR r.name IS NULL;
SELECT code, count(*) FROM readme GROUP BY code HAVING count(*) > 1;
\echo '-- the names the install-script parts raise with (an unknown one raises)'
SELECT name, enrollment.errcode(name) AS code FROM used ORDER BY name;

\echo '-- enrollment.errcode: an unknown name is 22023, NULL gives NULL (STRICT)'
SELECT enrollment.errcode('no_such_error');
\echo :LAST_ERROR_SQLSTATE
SELECT enrollment.errcode('NOT_FOUND');
SELECT enrollment.errcode(NULL) IS NULL AS is_null;
\echo '-- a RAISE through enrollment.errcode carries the header code: PT403, which only the history trigger raises'
\set SHOW_CONTEXT never
TRUNCATE enrollment.history;
\echo :LAST_ERROR_SQLSTATE
