-- The API schema is made of ordinary objects (README "API": how the API is
-- installed): enrollment.create_api() runs enrollment.api_script(), so that
-- API servers that introspect the catalog (PostGraphile leaves extension
-- members out), pg_dump (grants) and Citus treat them like any schema's.
\i test/fixtures/reset.sql
\echo '-- nothing of schema program belongs to the extension, which owns the engine'
SELECT count(*) FILTER (WHERE n.nspname = 'program') AS members_in_program,
       count(*) FILTER (WHERE n.nspname = 'enrollment') > 100 AS engine_members
  FROM pg_depend d
  JOIN LATERAL (SELECT CASE d.classid WHEN 'pg_class'::regclass THEN (SELECT relnamespace FROM pg_class WHERE oid = d.objid)
                                      WHEN 'pg_proc'::regclass THEN (SELECT pronamespace FROM pg_proc WHERE oid = d.objid)
                                      WHEN 'pg_type'::regclass THEN (SELECT typnamespace FROM pg_type WHERE oid = d.objid)
                                      WHEN 'pg_namespace'::regclass THEN d.objid END AS nsp) o ON true
  JOIN pg_namespace n ON n.oid = o.nsp
 WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
   AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'enrollment');
SELECT count(*) FILTER (WHERE relkind = 'v') AS views FROM pg_class WHERE relnamespace = 'program'::regnamespace;
SELECT count(*) AS functions FROM pg_proc WHERE pronamespace = 'program'::regnamespace;
\echo '-- its comment ends with the version it was made from'
SELECT obj_description('program'::regnamespace, 'pg_namespace') LIKE '%[enrollment 0.1.0, api ' || md5(enrollment.api_script()) || ']' AS versioned;

\echo '-- rerun: the schema is current, nothing changes'
SELECT oid AS enrollments_view FROM pg_class WHERE oid = 'program.enrollments'::regclass \gset
SELECT enrollment.create_api();
SELECT 'program.enrollments'::regclass::oid = :enrollments_view AS same_view;

\echo '-- another version''s schema is replaced, objects it had that this version lacks included'
COMMENT ON SCHEMA program IS 'Program module API [enrollment 0.0.9, api 0]';
CREATE FUNCTION program.retired_endpoint() RETURNS integer LANGUAGE sql AS 'SELECT 1';
SELECT enrollment.create_api();
SELECT to_regprocedure('program.retired_endpoint()') IS NULL AS retired_gone,
       'program.enrollments'::regclass::oid <> :enrollments_view AS new_view;

\echo '-- ... unless objects outside the schema use it: 2BP01 and nothing dropped'
COMMENT ON SCHEMA program IS 'Program module API [enrollment 0.0.9, api 0]';
CREATE VIEW public.my_enrollments AS SELECT id, status FROM program.enrollments;
CREATE FUNCTION public.my_count() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM program.programs; END;
\set VERBOSITY verbose
\set SHOW_CONTEXT never
SELECT enrollment.create_api();
\set VERBOSITY default
SELECT count(*) AS still_readable FROM public.my_enrollments;
DROP VIEW public.my_enrollments;
DROP FUNCTION public.my_count();
SELECT enrollment.create_api();

\echo '-- setup_api creates the schema when it is missing'
SET client_min_messages = warning;
DROP SCHEMA program CASCADE;
RESET client_min_messages;
\set ECHO none
\i test/fixtures/postgrest_roles.sql
\set ECHO all
SELECT to_regclass('program.enrollments') IS NOT NULL AS created,
       has_table_privilege('enrollment_web', 'program.enrollments', 'SELECT') AS granted;

\echo '-- the script and the installer are the owner''s; no API function is PUBLIC''s'
SELECT has_function_privilege('enrollment_web', 'enrollment.api_script()', 'EXECUTE') AS web_runs_script,
       has_function_privilege('enrollment_web', 'enrollment.create_api()', 'EXECUTE') AS web_runs_create;
SELECT count(*) AS public_functions FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
 WHERE p.pronamespace = 'program'::regnamespace AND a.grantee = 0;

\echo '-- DROP EXTENSION refuses while the API uses the engine; the API schema goes first'
\set VERBOSITY terse
DROP EXTENSION enrollment;
\set VERBOSITY default
SET client_min_messages = warning;
DROP SCHEMA program CASCADE;
DROP EXTENSION enrollment;
RESET client_min_messages;
SELECT to_regnamespace('program') IS NULL AS no_api, NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'enrollment') AS no_engine;
