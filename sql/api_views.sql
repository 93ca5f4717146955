-- The API schema's read side, as the superuser: the JSON shape of every view, the
-- per-caller suppression inside it (hidden parameters, statistics), and the
-- catalogue rules (comments, security_invoker, pinned search_path, no PUBLIC
-- grants, the RPC signatures PostgREST matches body keys against).
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/postgrest_roles.sql
\set ECHO all
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on

-- a vendor reads one row of every view (nulls omitted as the RPC functions do)
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT jsonb_pretty(jsonb_strip_nulls(to_jsonb(v))) FROM program.programs v WHERE id = 'PRG-1000-0001';
SELECT jsonb_pretty(jsonb_strip_nulls(to_jsonb(v))) FROM program.templates v WHERE id = 'PTM-1000-0001-0003';
SELECT jsonb_pretty(jsonb_strip_nulls(to_jsonb(v))) FROM program.parameter_groups v WHERE id = 'PPG-1000-0001-0001';
SELECT jsonb_pretty(jsonb_strip_nulls(to_jsonb(v))) FROM program.parameters v WHERE id = 'PPM-1000-0001-0002';
SELECT jsonb_pretty(jsonb_strip_nulls(to_jsonb(v))) FROM program.enrollments v WHERE id = 'ENR-1000-0001-0001';
SELECT jsonb_pretty(jsonb_strip_nulls(to_jsonb(v))) FROM program.certificates v WHERE id = 'CER-1000-0001-0002';
SELECT jsonb_pretty(jsonb_strip_nulls(to_jsonb(v))) FROM program.enrollment_attachments v;
-- a licensee certificant and a program without optional fields
SELECT jsonb_pretty(jsonb_strip_nulls(to_jsonb(v))) FROM program.enrollments v WHERE id = 'ENR-2000-0001-0001';
SELECT jsonb_pretty(jsonb_strip_nulls(to_jsonb(v))) FROM program.programs v WHERE id = 'PRG-1000-0002';

-- the same rows for a client: no hidden parameter, no statistics
SELECT enrollment.act_as('ACC-2000-0002', 'USR-2000-0002') IS NOT NULL AS client;
SELECT v.parameters FROM program.enrollments v WHERE id = 'ENR-1000-0001-0002';
SELECT v.parameters FROM program.certificates v WHERE id = 'CER-1000-0001-0002';
SELECT v.statistics IS NULL AS no_statistics FROM program.programs v WHERE id = 'PRG-1000-0001';
SELECT count(*) AS parameters_shown, bool_or(id = 'PPM-1000-0001-0002') AS hidden_shown
  FROM program.parameters WHERE program->>'id' = 'PRG-1000-0001';
SELECT "parameterCount" FROM program.parameter_groups WHERE id = 'PPG-1000-0001-0001';
-- the parameters rendered last are kept for the same caller only: here the
-- claims change to the vendor's between two renderings of one row in one statement
SELECT jsonb_path_query_array(a, '$.*[*].id') AS client_sees, s IS NOT NULL AS switched,
       jsonb_path_query_array(b, '$.*[*].id') AS vendor_sees
  FROM (SELECT v.parameters AS a,
               set_config('request.jwt.claims', '{"account_id": "ACC-1000-0001", "user_id": "USR-1000-0001"}', true) AS s,
               v.parameters AS b
          FROM program.enrollments v WHERE id = 'ENR-1000-0001-0002') x;
RESET request.jwt.claims;

-- displayValue of every kind of value
SELECT enrollment.api_display_value(v) FROM (VALUES ('"text"'::jsonb), ('42'), ('true'), ('null'), ('["a","b"]'),
    ('{"firstName":"Jack","lastName":"Doe","email":"j@d.io","phone":{"prefix":"+1","number":"555"}}'),
    ('{"start":"2025-01-01","end":"2025-12-31"}'), ('{"date":"2025-01-01"}')) AS t(v);

-- embedding through computed relationships (what select=*,certificates(*) calls)
SELECT enrollment.act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS operations;
SELECT e.id, c.id AS certificate, p.id AS program
  FROM program.enrollments e, program.certificates(e) c, program.programs(e) p ORDER BY e.id;
SELECT p.id, (SELECT string_agg(x.id::text, ',' ORDER BY x.id) FROM program.enrollments(p) x) AS enrollments,
       (SELECT string_agg(x.id::text, ',' ORDER BY x.id) FROM program.templates(p) x) AS templates,
       (SELECT string_agg(x.id::text, ',' ORDER BY x.id) FROM program.parameters(p) x) AS parameters
  FROM program.programs p ORDER BY p.id;
RESET request.jwt.claims;
\pset tuples_only off
\pset format aligned

-- catalogue rules -------------------------------------------------------------
-- every view is security_invoker, and every view, column and function of the
-- exposed schema has a comment (PostgREST's OpenAPI is built from them)
SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'program'::regnamespace AND c.relkind = 'v'
   AND NOT coalesce(c.reloptions @> '{security_invoker=true}', false);
SELECT c.relname, a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
 WHERE c.relnamespace = 'program'::regnamespace AND col_description(c.oid, a.attnum) IS NULL;
SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'program'::regnamespace AND obj_description(c.oid, 'pg_class') IS NULL;
SELECT p.oid::regprocedure FROM pg_proc p
 WHERE (p.pronamespace = 'program'::regnamespace OR p.proname LIKE 'api\_%' OR p.proname = 'setup_api')
   AND obj_description(p.oid, 'pg_proc') IS NULL;
SELECT obj_description('program'::regnamespace, 'pg_namespace') IS NOT NULL AS schema_commented;
-- SECURITY DEFINER only with the pinned search_path
SELECT p.oid::regprocedure FROM pg_proc p
 WHERE p.prosecdef AND p.pronamespace IN ('program'::regnamespace, 'enrollment'::regnamespace)
   AND NOT coalesce(p.proconfig @> '{"search_path=pg_catalog, pg_temp"}', false);
-- nothing of the API is granted to PUBLIC
SELECT p.oid::regprocedure FROM pg_proc p
 WHERE (p.pronamespace = 'program'::regnamespace OR p.proname LIKE 'api\_%' OR p.proname = 'setup_api')
   AND has_function_privilege('public', p.oid, 'EXECUTE');
SELECT c.oid::regclass FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault('r', c.relowner))) a
 WHERE c.relnamespace IN ('program'::regnamespace, 'enrollment'::regnamespace) AND a.grantee = 0;
SELECT has_schema_privilege('public', 'program', 'USAGE') AS public_program,
       has_schema_privilege('public', 'enrollment', 'USAGE') AS public_enrollment;
-- what each API role may do on the views and the tables (read only; no writes)
SELECT r.rolname, c.oid::regclass,
       has_table_privilege(r.oid, c.oid, 'SELECT') AS sel,
       has_table_privilege(r.oid, c.oid, 'INSERT,UPDATE,DELETE,TRUNCATE') AS write
  FROM pg_roles r, pg_class c
 WHERE r.rolname IN ('enrollment_web', 'enrollment_anon') AND c.relkind IN ('r', 'v')
   AND c.relnamespace IN ('program'::regnamespace, 'enrollment'::regnamespace)
 ORDER BY r.rolname, c.oid::regclass::text;
-- policies: one SELECT policy per table, for the authenticated role only, no subquery
SELECT tablename, policyname, cmd, roles, qual FROM pg_policies WHERE schemaname = 'enrollment' ORDER BY tablename;
SELECT count(*) AS policies_with_subqueries FROM pg_policies WHERE schemaname = 'enrollment' AND qual ~* 'select|exists';
-- setup_api is idempotent
SET client_min_messages = warning;
SELECT enrollment.setup_api('enrollment_web', 'enrollment_anon');
RESET client_min_messages;
SELECT count(*) AS policies FROM pg_policies WHERE schemaname = 'enrollment';
SELECT enrollment.setup_api(NULL);
SELECT enrollment.setup_api('enrollment_web', 'enrollment_web');

-- the RPC functions: the names PostgREST matches a body's keys against (a key
-- that is not listed here is "function not found", PGRST202, HTTP 404, before
-- any SQL runs), which keys are required, volatility (VOLATILE: READ WRITE;
-- STABLE: READ ONLY) and the result
SELECT p.proname AS function,
       array_to_string(p.proargnames[1:p.pronargs - p.pronargdefaults], ', ') AS required,
       array_to_string(p.proargnames[p.pronargs - p.pronargdefaults + 1:p.pronargs], ', ') AS optional,
       CASE p.provolatile WHEN 'v' THEN 'volatile' WHEN 's' THEN 'stable' ELSE 'immutable' END AS volatility,
       p.prorettype::regtype AS returns, p.prosecdef AS definer
  FROM pg_proc p WHERE p.pronamespace = 'program'::regnamespace AND NOT p.proretset
 ORDER BY 1;
-- no overloads among them
SELECT proname, count(*) FROM pg_proc WHERE pronamespace = 'program'::regnamespace AND NOT proretset
 GROUP BY 1 HAVING count(*) > 1;

-- PostgREST's OpenAPI output (GET /) describes a view column as type string with
-- format = its data_type, which PostgREST's schema cache query takes as
-- format_type(atttypid, atttypmod) for a type outside pg_catalog, under its own
-- search_path (db-schemas plus db-extra-search-path): every id column is an
-- enrollment.mpt_id, so clients see "format": "enrollment.mpt_id" (or "mpt_id"
-- when enrollment is on the extra search path)
SET search_path = "program", "public";
SELECT DISTINCT format_type(a.atttypid, a.atttypmod) AS openapi_format_of_ids
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relnamespace = 'program'::regnamespace AND c.relkind = 'v' AND a.attname = 'id';
SET search_path = "program", "public", "enrollment";
SELECT DISTINCT format_type(a.atttypid, a.atttypmod) AS openapi_format_of_ids
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
 WHERE c.relnamespace = 'program'::regnamespace AND c.relkind = 'v' AND a.attname = 'id';
RESET search_path;
