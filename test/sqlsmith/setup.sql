-- sqlsmith's scratch database (test/sqlsmith/run.sh, README "Robustness tests"):
-- the extension with the API test data, and a login role that is neither
-- superuser nor owner.  sqlsmith generates queries only over the relations
-- information_schema.tables shows it, i.e. those its role has a privilege on:
-- with --exclude-catalog and no privileges it finds none and retries generation
-- forever without sending a query.  So the role gets the API's grants
-- (enrollment_web) and, in this database only, every table and function of
-- schema enrollment, so that the C engine is reached with arbitrary arguments.
-- sqlsmith rolls every statement back, so the data stays as loaded.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE EXTENSION enrollment;
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/postgrest_roles.sql
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'enrollment_sqlsmith') THEN
        CREATE ROLE enrollment_sqlsmith LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
    END IF;
END $$;
GRANT enrollment_web TO enrollment_sqlsmith;
GRANT USAGE ON SCHEMA enrollment, program TO enrollment_sqlsmith;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA enrollment TO enrollment_sqlsmith;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA enrollment, program TO enrollment_sqlsmith;
-- a role may end its own backends: a generated pg_terminate_backend(pg_backend_pid())
-- would look like a lost connection
REVOKE EXECUTE ON FUNCTION pg_catalog.pg_terminate_backend(integer, bigint), pg_catalog.pg_cancel_backend(integer) FROM PUBLIC;
-- thousands of refused queries: their ERROR lines stay in the server log (the
-- error hook of README "Error codes" runs for logged errors only), their text not
SELECT format('ALTER ROLE enrollment_sqlsmith IN DATABASE %I SET log_min_error_statement = panic',
              current_database()) \gexec
-- the caller the policies and actions answer to: the vendor of the API data
SELECT format('ALTER DATABASE %I SET request.jwt.claims = %L', current_database(),
              '{"account_id": "ACC-1000-0001", "user_id": "USR-1000-0001"}') \gexec
