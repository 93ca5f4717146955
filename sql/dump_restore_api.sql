-- pg_dump -Fc | pg_restore of a database whose API is set up restores a working API: the
-- policies (which pg_dump leaves out for an extension's tables) come back
-- through enrollment.api_setup, so every kind of caller reads exactly what it
-- read before, and actions work in the restored database.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/postgrest_roles.sql
\set ECHO all
SELECT authenticated, anonymous FROM enrollment.api_setup;
SELECT count(*) AS policies FROM pg_policies WHERE schemaname = 'enrollment';

SELECT current_database() AS source_db \gset
\setenv SOURCE_DB :source_db
DROP DATABASE IF EXISTS enrollment_restore_api;
CREATE DATABASE enrollment_restore_api;
\! pg_dump -Fc --no-owner -d "$SOURCE_DB" -f results/dump_restore_api.dump && echo dumped
\! pg_restore -l results/dump_restore_api.dump | grep -c ' POLICY '
\! pg_restore --no-owner --exit-on-error -d enrollment_restore_api results/dump_restore_api.dump >results/dump_restore_api.log 2>&1 && echo restored || cat results/dump_restore_api.log
\! psql -X -At -d enrollment_restore_api -c "SELECT count(*) AS policies FROM pg_policies WHERE schemaname = 'enrollment'"
-- what each caller reads, in the source and in the restored database: the same
\! psql -X -q -At -d "$SOURCE_DB" -f test/fixtures/api_visibility.sql > results/visibility_source.txt
\! psql -X -q -At -d enrollment_restore_api -f test/fixtures/api_visibility.sql > results/visibility_restored.txt
\! cat results/visibility_restored.txt
\! cmp -s results/visibility_source.txt results/visibility_restored.txt && echo identical || diff results/visibility_source.txt results/visibility_restored.txt
-- an action through the API in the restored database, as the authenticator would run it
\! psql -X -q -At -d enrollment_restore_api -c "BEGIN; SET LOCAL ROLE enrollment_web; SELECT set_config('request.jwt.claims', '{\"account_id\": \"ACC-1000-0001\", \"user_id\": \"USR-1000-0001\"}', true) IS NOT NULL; SELECT (program.fail_enrollment('ENR-1000-0001-0001', '{\"message\": \"After restore\"}')).status; COMMIT;"
-- a second setup_api (after an upgrade, say) keeps one row and the same policies
SELECT enrollment.setup_api('enrollment_web', 'enrollment_anon');
SELECT authenticated, anonymous FROM enrollment.api_setup;
SELECT count(*) AS policies FROM pg_policies WHERE schemaname = 'enrollment';
DROP DATABASE enrollment_restore_api;
