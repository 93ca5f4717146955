-- An mpt_id comparison uses the id index wherever it is written (README "Ids in
-- queries"): a literal, an unknown-typed parameter as PostgREST sends it, IN (...)
-- and = ANY ($1), on the tables and through the program views, under every
-- search_path; and a malformed or lower-case id is a 22P02 error, never an
-- empty answer.  The tables are tiny, so sequential scans are priced out: an
-- index that can serve the condition shows up as an index scan.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/postgrest_roles.sql
\set ECHO all
SET enable_seqscan = off;
SET enable_bitmapscan = off;

-- the operators the default operator classes use are in pg_catalog; the
-- enrollment ones remain as compatibility aliases
SELECT o.oprnamespace::regnamespace AS schema, o.oprname, o.oprcanhash AS hashes, o.oprcanmerge AS merges,
       (SELECT string_agg(am.amname || ':' || f.opfname, ', ' ORDER BY am.amname, f.opfname)
          FROM pg_amop a JOIN pg_opfamily f ON f.oid = a.amopfamily JOIN pg_am am ON am.oid = f.opfmethod
         WHERE a.amopopr = o.oid) AS families
  FROM pg_operator o
 WHERE o.oprleft = 'enrollment.mpt_id'::regtype AND o.oprright = 'enrollment.mpt_id'::regtype
 ORDER BY 1, 2;

-- a literal, under the default, the empty, PostgREST's and the extension's search_path
SET search_path = "$user", public;
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE id = 'ENR-1000-0001-0001';
SELECT id FROM enrollment.enrollments WHERE id = 'ENR-1000-0001-0001';
SET search_path = '';
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE id = 'ENR-1000-0001-0001';
SELECT id FROM enrollment.enrollments WHERE id = 'ENR-1000-0001-0001';
SET search_path = program;
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE id = 'ENR-1000-0001-0001';
SET search_path = public;
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE id = 'ENR-1000-0001-0001';
SET search_path = '"program", "public"';
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE id = 'ENR-1000-0001-0001';
SET search_path = enrollment, public;
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE id = 'ENR-1000-0001-0001';
-- the literal on the left, the other comparisons, IN and = ANY
SET search_path = "$user", public;
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE 'ENR-1000-0001-0001' = id;
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE id >= 'ENR-1000-0001-0001' AND id < 'ENR-1000-0002';
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE id IN ('ENR-1000-0001-0001', 'ENR-1000-0001-0002');
SELECT id FROM enrollment.enrollments WHERE id IN ('ENR-1000-0001-0001', 'ENR-1000-0001-0002') ORDER BY id;
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE id = ANY ('{ENR-1000-0001-0001,ENR-1000-0001-0002}');
SELECT count(*) FROM enrollment.enrollments WHERE id <> 'ENR-1000-0001-0001' AND id = ANY ('{ENR-1000-0001-0001,ENR-1000-0001-0002}');

-- an unknown-typed parameter, as PostgREST binds filter values (generic plans show
-- the parameter's type): eq, in (= ANY with an array literal), and a join on ids
SET plan_cache_mode = force_generic_plan;
PREPARE eq AS SELECT id FROM enrollment.enrollments WHERE id = $1;
EXPLAIN (COSTS OFF) EXECUTE eq('ENR-1000-0001-0001');
EXECUTE eq('ENR-1000-0001-0001');
PREPARE any_of AS SELECT id FROM enrollment.enrollments WHERE id = ANY ($1);
EXPLAIN (COSTS OFF) EXECUTE any_of('{"ENR-1000-0001-0001","ENR-1000-0001-0002"}');
EXECUTE any_of('{"ENR-1000-0001-0001","ENR-1000-0001-0002"}');
SELECT parameter_types FROM pg_prepared_statements WHERE name IN ('eq', 'any_of') ORDER BY name;
EXPLAIN (COSTS OFF) SELECT e.id FROM enrollment.enrollments e JOIN enrollment.certificates c ON c.id = e.certificate_id
 WHERE e.id = 'ENR-1000-0001-0001';
RESET plan_cache_mode;

-- the compatibility operators still use the index (through the support function),
-- also under a search_path that hides them and with the column on the right
SET search_path = '';
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE id OPERATOR(enrollment.=) 'ENR-1000-0001-0001';
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE 'ENR-1000-0001-0001' OPERATOR(enrollment.<) id;
SELECT count(*) FROM enrollment.enrollments WHERE 'ENR-1000-0001-0001' OPERATOR(enrollment.<) id;
SELECT count(*) FROM enrollment.enrollments WHERE 'ENR-1000-0001-0001'::enrollment.mpt_id OPERATOR(pg_catalog.<) id;
RESET enable_seqscan;
SET enable_hashjoin = off; SET enable_nestloop = on; SET enable_mergejoin = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM enrollment.enrollments e JOIN enrollment.certificates c
    ON c.id OPERATOR(enrollment.=) e.certificate_id;
SET enable_hashjoin = on; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM enrollment.enrollments e JOIN enrollment.certificates c
    ON c.id OPERATOR(enrollment.=) e.certificate_id;
SELECT count(*) FROM enrollment.enrollments e JOIN enrollment.certificates c ON c.id OPERATOR(enrollment.=) e.certificate_id;
RESET enable_hashjoin; RESET enable_nestloop; RESET enable_mergejoin;
SET enable_seqscan = off;

-- a malformed or lower-case id is the input error of the type (22P02), in every form
SET search_path = "$user", public;
SELECT id FROM enrollment.enrollments WHERE id = 'enr-1000-0001-0001';
\echo :LAST_ERROR_SQLSTATE
SELECT id FROM enrollment.enrollments WHERE id = 'ENR-1000-0001-0001 ';
\echo :LAST_ERROR_SQLSTATE
SELECT id FROM enrollment.enrollments WHERE id IN ('ENR-1000-0001-0001', 'ENR-1000');
\echo :LAST_ERROR_SQLSTATE
SET search_path = '';
EXECUTE eq('enr-1000-0001-0001');
\echo :LAST_ERROR_SQLSTATE
EXECUTE any_of('{"ENR-1000-0001-0001","ENR-1000-0001-000X"}');
\echo :LAST_ERROR_SQLSTATE
-- an explicitly text-typed value still compares as text (the implicit cast to text
-- is what lets text functions take ids): the one form without an index condition
SET search_path = "$user", public;
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE id = 'ENR-1000-0001-0001'::text;

-- through the program views, as PostgREST sends it: the authenticator, the
-- preamble's search_path and role, the filter value as an unknown parameter
\set su :USER
\c - enrollment_authenticator
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SET plan_cache_mode = force_generic_plan;
\set who operations
\set ECHO none
\i test/fixtures/api_as.sql
\set ECHO all
BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;
SELECT set_config('search_path', '"program", "public"', true), set_config('role', :'role', true),
       set_config('request.jwt.claims', :'claims', true) IS NOT NULL AS preamble;
PREPARE r1 AS WITH pgrst_source AS ( SELECT "program"."enrollments"."id", "program"."enrollments"."status"
    FROM "program"."enrollments" WHERE "program"."enrollments"."id" = $1 )
SELECT pg_catalog.count(_postgrest_t) AS page_total, coalesce(json_agg(_postgrest_t), '[]') AS body
  FROM ( SELECT * FROM pgrst_source ) _postgrest_t;
EXECUTE r1('ENR-1000-0001-0001');
EXPLAIN (COSTS OFF) EXECUTE r1('ENR-1000-0001-0001');
EXPLAIN (COSTS OFF) SELECT "program"."enrollments"."id" FROM "program"."enrollments" WHERE "program"."enrollments"."id" = 'ENR-1000-0001-0001';
PREPARE r2 AS SELECT "program"."certificates"."id" FROM "program"."certificates" WHERE "program"."certificates"."id" = ANY ($1);
EXPLAIN (COSTS OFF) EXECUTE r2('{"CER-1000-0001-0001","CER-1000-0001-0002"}');
EXECUTE r2('{"CER-1000-0001-0001","CER-1000-0001-0002"}');
EXECUTE r1('enr-1000-0001-0001');
\echo :LAST_ERROR_SQLSTATE
ROLLBACK;
\c - :su

-- to JSON: a JSON string through the C casts (to_json, to_jsonb, json_agg and
-- PostgREST's body use the cast to json), any search_path
SET search_path = '';
SELECT pg_catalog.to_json(id), pg_catalog.to_jsonb(id), pg_catalog.jsonb_typeof(pg_catalog.to_jsonb(id)),
       id::json, id::jsonb, pg_catalog.json_agg(id) OVER ()
  FROM enrollment.enrollments WHERE id = 'ENR-1000-0001-0001';
SELECT pg_catalog.to_jsonb(r) FROM (SELECT id, certificate_id FROM enrollment.enrollments
                                     WHERE id = 'ENR-1000-0001-0001') r;
SELECT pg_catalog.to_json(NULL::enrollment.mpt_id) IS NULL AS null_stays_null,
       NULL::enrollment.mpt_id::jsonb IS NULL AS null_jsonb;
