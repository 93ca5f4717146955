-- The direct reads (src/direct_read.c) against the statements they replace:
-- every enrollment and certificate of the fixture rendered by each kind of
-- caller, as the API role under row level security, with enrollment.direct_reads
-- on and off, must be the same JSON; and the direct reads meet the caller's
-- grants, policies and row_security as the statements do, with their errors.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/postgrest_roles.sql
\set ECHO all
\set SHOW_CONTEXT never

-- every object, visible to the caller or not (an invisible one renders empty arrays)
CREATE TEMP TABLE objects AS
SELECT 'enrollment' AS kind, program_id, id FROM enrollment.enrollments
UNION ALL SELECT 'certificate', program_id, id FROM enrollment.certificates;
CREATE TEMP TABLE rendered (road text, caller text, kind text, id text, parameters jsonb);
GRANT SELECT ON objects TO enrollment_web;
GRANT INSERT ON rendered TO enrollment_web;
CREATE FUNCTION pg_temp.render_all(road text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE c record;
BEGIN
    FOR c IN SELECT * FROM (VALUES ('vendor', 'ACC-1000-0001', 'USR-1000-0001'),
                                   ('client', 'ACC-2000-0002', 'USR-2000-0002'),
                                   ('other client', 'ACC-2000-0001', 'USR-2000-0001'),
                                   ('operations', 'ACC-3000-0001', 'USR-3000-0001')) v(caller, acc, usr) LOOP
        PERFORM set_config('request.jwt.claims', format('{"account_id": "%s", "user_id": "%s"}', c.acc, c.usr), false);
        INSERT INTO rendered
        SELECT road, c.caller, o.kind, o.id, enrollment.render_parameters(o.kind, o.program_id, o.id)
          FROM objects o;
        -- and the whole rows of the views: their references (users, accounts, programs,
        -- templates) and visibility read by key too
        INSERT INTO rendered SELECT road, c.caller, 'enrollments row', v.id, to_jsonb(v) FROM program.enrollments v;
        INSERT INTO rendered SELECT road, c.caller, 'certificates row', v.id, to_jsonb(v) FROM program.certificates v;
        INSERT INTO rendered SELECT road, c.caller, 'programs row', v.id, to_jsonb(v) FROM program.programs v;
        INSERT INTO rendered SELECT road, c.caller, 'templates row', v.id, to_jsonb(v) FROM program.templates v;
    END LOOP;
END $$;
SET ROLE enrollment_web;
SET enrollment.direct_reads = on;
SELECT pg_temp.render_all('direct');
SET enrollment.direct_reads = off;
SELECT pg_temp.render_all('sql');
RESET enrollment.direct_reads;
RESET ROLE;
RESET request.jwt.claims;

-- the same JSON by both roads, for every caller and object
SELECT count(*) AS renderings, count(*) FILTER (WHERE d.parameters IS DISTINCT FROM s.parameters) AS differing
  FROM (SELECT * FROM rendered WHERE road = 'direct') d
  FULL JOIN (SELECT * FROM rendered WHERE road = 'sql') s USING (caller, kind, id);
-- and it is the callers' own: what each sees (objects with instances, hidden ones shown)
SELECT caller, kind, count(*) AS rows FROM rendered WHERE road = 'direct' AND kind LIKE '% row'
 GROUP BY caller, kind ORDER BY caller, kind;
SELECT caller, kind,
       count(*) FILTER (WHERE jsonb_array_length(parameters->'ordering') + jsonb_array_length(parameters->'fulfillment') > 0) AS with_instances,
       count(*) FILTER (WHERE jsonb_path_exists(parameters, '$.*[*] ? (@.constraints.hidden == true)')) AS with_hidden
  FROM rendered WHERE road = 'direct' AND kind NOT LIKE '% row' GROUP BY caller, kind ORDER BY caller, kind;
-- the instances in display order, then by parameter id, as the statement's ORDER BY
SELECT jsonb_path_query_array(parameters, '$.ordering[*].id') AS ordering
  FROM rendered WHERE road = 'direct' AND caller = 'operations' AND kind = 'enrollment'
 ORDER BY id LIMIT 2;

-- row_security = off refuses the read whichever road takes it
SET ROLE enrollment_web;
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-3000-0001", "user_id": "USR-3000-0001"}', false) IS NOT NULL AS operations;
SET row_security = off;
SELECT enrollment.render_parameters(kind, program_id, id) FROM objects WHERE kind = 'enrollment' LIMIT 1;
SET enrollment.direct_reads = off;
SELECT enrollment.render_parameters(kind, program_id, id) FROM objects WHERE kind = 'enrollment' LIMIT 1;
RESET enrollment.direct_reads;
RESET row_security;
RESET ROLE;

-- a role without SELECT on the value tables: the statement's own error, both roads
DROP ROLE IF EXISTS enrollment_direct_reader;
CREATE ROLE enrollment_direct_reader NOLOGIN;
GRANT USAGE ON SCHEMA enrollment TO enrollment_direct_reader;
GRANT EXECUTE ON FUNCTION enrollment.render_parameters(text, enrollment.mpt_id, enrollment.mpt_id) TO enrollment_direct_reader;
GRANT SELECT ON objects TO enrollment_direct_reader;
SET ROLE enrollment_direct_reader;
SELECT enrollment.render_parameters(kind, program_id, id) FROM objects WHERE kind = 'enrollment' LIMIT 1;
RESET ROLE;
-- a column-level grant alone is left to the statement, which needs more columns than granted
GRANT SELECT (program_id, enrollment_id, parameter_id) ON enrollment.enrollment_parameters TO enrollment_direct_reader;
SET ROLE enrollment_direct_reader;
SELECT enrollment.render_parameters(kind, program_id, id) FROM objects WHERE kind = 'enrollment' LIMIT 1;
RESET ROLE;
-- the table's policies as they are now, not as they were: a restrictive one added
-- for the API role hides the hidden instances from operations too
CREATE POLICY no_hidden ON enrollment.enrollment_parameters AS RESTRICTIVE FOR SELECT TO enrollment_web USING (NOT hidden);
SET ROLE enrollment_web;
SELECT jsonb_path_query_array(enrollment.render_parameters(kind, program_id, id), '$.*[*].id') AS direct
  FROM objects WHERE kind = 'enrollment' ORDER BY id LIMIT 1;
SET enrollment.direct_reads = off;
SELECT jsonb_path_query_array(enrollment.render_parameters(kind, program_id, id), '$.*[*].id') AS by_sql
  FROM objects WHERE kind = 'enrollment' ORDER BY id LIMIT 1;
RESET enrollment.direct_reads;
RESET ROLE;
DROP POLICY no_hidden ON enrollment.enrollment_parameters;
-- a policy with a subquery is left to the statement (the same answer, no error)
CREATE POLICY by_subquery ON enrollment.enrollment_parameters AS RESTRICTIVE FOR SELECT TO enrollment_web
    USING (EXISTS (SELECT 1 WHERE parameter_id::text <> 'PPM-1000-0001-0003'));
SET ROLE enrollment_web;
SELECT jsonb_path_query_array(enrollment.render_parameters(kind, program_id, id), '$.*[*].id') AS direct
  FROM objects WHERE kind = 'enrollment' ORDER BY id LIMIT 1;
SET enrollment.direct_reads = off;
SELECT jsonb_path_query_array(enrollment.render_parameters(kind, program_id, id), '$.*[*].id') AS by_sql
  FROM objects WHERE kind = 'enrollment' ORDER BY id LIMIT 1;
RESET enrollment.direct_reads;
RESET ROLE;
DROP POLICY by_subquery ON enrollment.enrollment_parameters;
-- no row level security on the table: another client reads the instances of an
-- enrollment it does not see, by either road, as a statement would
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-2000-0001", "user_id": "USR-2000-0001"}', false) IS NOT NULL AS other_client;
SELECT caller, id FROM rendered WHERE road = 'direct' AND caller = 'other client' AND kind = 'enrollment'
   AND jsonb_array_length(parameters->'ordering') = 0 ORDER BY id LIMIT 1;
GRANT SELECT ON enrollment.enrollment_parameters TO enrollment_direct_reader;
ALTER TABLE enrollment.enrollment_parameters DISABLE ROW LEVEL SECURITY;
SET ROLE enrollment_direct_reader;
SELECT jsonb_path_query_array(enrollment.render_parameters(kind, program_id, id), '$.*[*].id') AS direct
  FROM objects WHERE id = 'ENR-1000-0001-0002';
SET enrollment.direct_reads = off;
SELECT jsonb_path_query_array(enrollment.render_parameters(kind, program_id, id), '$.*[*].id') AS by_sql
  FROM objects WHERE id = 'ENR-1000-0001-0002';
RESET enrollment.direct_reads;
RESET ROLE;
ALTER TABLE enrollment.enrollment_parameters ENABLE ROW LEVEL SECURITY;
RESET request.jwt.claims;
DROP OWNED BY enrollment_direct_reader;
DROP ROLE enrollment_direct_reader;

-- the program-id arrays of the policies (render_visibility.c): a client's programs by
-- the skip scan, the programs it sees by the programs' primary key, both roads; one
-- program Unpublished that a client holds an enrollment of, one it does not
UPDATE enrollment.programs SET status = 'Unpublished' WHERE id = 'PRG-2000-0001';
CREATE FUNCTION pg_temp.program_arrays(by text) RETURNS TABLE (road text, caller text, object_programs text, visible_programs text)
LANGUAGE plpgsql AS $$
DECLARE c record;
BEGIN
    FOR c IN SELECT * FROM (VALUES ('vendor', 'ACC-1000-0001', 'USR-1000-0001'),
                                   ('client', 'ACC-2000-0002', 'USR-2000-0002'),
                                   ('other client', 'ACC-2000-0001', 'USR-2000-0001'),
                                   ('operations', 'ACC-3000-0001', 'USR-3000-0001')) v(who, acc, usr) LOOP
        PERFORM set_config('request.jwt.claims', format('{"account_id": "%s", "user_id": "%s"}', c.acc, c.usr), true);
        road := by; caller := c.who;
        object_programs := enrollment.api_object_program_ids()::text;
        visible_programs := enrollment.api_visible_program_ids()::text;
        RETURN NEXT;
    END LOOP;
END $$;
SET ROLE enrollment_web;
SELECT * FROM pg_temp.program_arrays('direct');
SET enrollment.direct_reads = off;
SELECT * FROM pg_temp.program_arrays('sql');
RESET enrollment.direct_reads;
RESET ROLE;
RESET request.jwt.claims;
UPDATE enrollment.programs SET status = 'Published' WHERE id = 'PRG-2000-0001';

-- the caller's account and user (actor_read_account), for the engine and the API,
-- by both roads: each identity's answer or error (the engine's functions are
-- SECURITY DEFINER: the same as whoever calls them)
UPDATE enrollment.accounts SET status = 'Disabled' WHERE id = 'ACC-2000-0001';
CREATE FUNCTION pg_temp.identities(by text) RETURNS TABLE (road text, identity text, caller_type text, validate text)
LANGUAGE plpgsql AS $$
DECLARE c record;
BEGIN
    FOR c IN SELECT * FROM (VALUES ('vendor', 'ACC-1000-0001', 'USR-1000-0001'),
                                   ('client', 'ACC-2000-0002', 'USR-2000-0002'),
                                   ('disabled', 'ACC-2000-0001', 'USR-2000-0001'),
                                   ('user of another account', 'ACC-1000-0001', 'USR-2000-0002'),
                                   ('unknown user', 'ACC-1000-0001', 'USR-1000-9999'),
                                   ('unknown account', 'ACC-1000-9999', 'USR-1000-0001')) v(who, acc, usr) LOOP
        PERFORM set_config('request.jwt.claims', format('{"account_id": "%s", "user_id": "%s"}', c.acc, c.usr), true);
        road := by; identity := c.who;
        caller_type := coalesce(enrollment.api_caller_type(), '(none)');
        BEGIN
            validate := enrollment.enrollment_validate('ENR-1000-0001-0002') ->> 'id';
        EXCEPTION WHEN OTHERS THEN
            validate := SQLSTATE || ' ' || SQLERRM;
        END;
        RETURN NEXT;
    END LOOP;
END $$;
SELECT * FROM pg_temp.identities('direct');
SET enrollment.direct_reads = off;
SELECT * FROM pg_temp.identities('sql');
RESET enrollment.direct_reads;
RESET request.jwt.claims;

-- a stored validation's reads (param_stored_read.c: the enrollment with its
-- program's settings, the instances in their order) by both roads: every
-- enrollment of the fixture validated by its vendor, a client and
-- operations, each call rolled back (the writes it records and the row
-- locks), the answers or errors the same
CREATE FUNCTION pg_temp.validate_all(by text) RETURNS TABLE (road text, caller text, id text, answer text)
LANGUAGE plpgsql AS $$
DECLARE c record; e record;
BEGIN
    FOR c IN SELECT * FROM (VALUES ('vendor', 'ACC-1000-0001', 'USR-1000-0001'),
                                   ('client', 'ACC-2000-0002', 'USR-2000-0002'),
                                   ('operations', 'ACC-3000-0001', 'USR-3000-0001')) v(who, acc, usr) LOOP
        PERFORM set_config('request.jwt.claims', format('{"account_id": "%s", "user_id": "%s"}', c.acc, c.usr), false);
        FOR e IN SELECT x.id FROM enrollment.enrollments x ORDER BY x.id LOOP
            road := by; caller := c.who; id := e.id;
            BEGIN
                answer := enrollment.enrollment_validate(e.id)::text;
                RAISE SQLSTATE 'XX999';     -- undo what it recorded
            EXCEPTION WHEN SQLSTATE 'XX999' THEN NULL;
                      WHEN OTHERS THEN answer := SQLSTATE || ' ' || SQLERRM;
            END;
            RETURN NEXT;
        END LOOP;
    END LOOP;
END $$;
-- a Draft to validate: a value, and an address that is not one
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-2000-0002", "user_id": "USR-2000-0002"}', false) IS NOT NULL AS client;
SELECT enrollment.enrollment_create(program_id => 'PRG-1000-0001', buyer_id => 'BUY-2000-0002',
           ordering => '[{"id": "PPM-1000-0001-0001", "value": "X-1"}, {"id": "PPM-1000-0001-0003", "value": "a street"}]') IS NOT NULL AS created;
CREATE TEMP TABLE validated AS SELECT * FROM pg_temp.validate_all('direct');
SET enrollment.direct_reads = off;
INSERT INTO validated SELECT * FROM pg_temp.validate_all('sql');
RESET enrollment.direct_reads;
RESET request.jwt.claims;
SELECT d.caller, count(*) AS enrollments, count(*) FILTER (WHERE d.answer NOT LIKE '_____ %') AS validated,
       count(*) FILTER (WHERE d.answer IS DISTINCT FROM s.answer) AS differing
  FROM validated d JOIN validated s ON s.road = 'sql' AND s.caller = d.caller AND s.id = d.id
 WHERE d.road = 'direct' GROUP BY d.caller ORDER BY d.caller;
-- what the Draft's validation answered, by the direct road (its own id left out: it is random)
SELECT caller, answer::jsonb - 'id' AS answer FROM validated
 WHERE road = 'direct' AND answer NOT LIKE '_____ %' ORDER BY caller;
