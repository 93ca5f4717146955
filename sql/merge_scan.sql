-- The ordered merge of index streams (src/merge_scan.c): a listing "WHERE
-- status = ... ORDER BY id LIMIT n" under row security reads one index stream
-- per program the caller sees, merged in id order, instead of every matching
-- row and a sort.  Over the row security fixture (test/fixtures/
-- rls_plans_data.sql), as the API role with each kind of caller's claims:
-- every listing answers exactly what it answers with enrollment.merge_scan =
-- off (PostgreSQL's own plans), in both orders, with and without a status,
-- with OFFSET, through the tables and through the views; the plans name the
-- scan and the driver it used; a user's leaky condition sees only rows the
-- policy allows; a correlated subquery rescans it.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/postgrest_roles.sql
\set n 3000
\i test/fixtures/rls_plans_data.sql
\pset format unaligned
\pset footer off

CREATE TEMP TABLE callers (caller text PRIMARY KEY, account text, usr text);
INSERT INTO callers VALUES
    ('operations', 'ACC-5900-0001', 'USR-5900-0001'),
    ('vendor-microsoft', 'ACC-5000-0001', 'USR-5000-0001'),
    ('vendor-adobe', 'ACC-5000-0002', 'USR-5000-0002'),
    ('vendor-disabled', 'ACC-5000-0004', 'USR-5000-0004'),
    ('client-1', 'ACC-6000-0001', 'USR-6000-0001'),
    ('client-7', 'ACC-6000-0007', 'USR-6000-0007'),
    ('client-other-user', 'ACC-6000-0002', 'USR-6000-0003'),
    ('no-claims', NULL, NULL);
-- the listings: PostgREST's shape over the tables and the views
CREATE TEMP TABLE queries (n int PRIMARY KEY, q text);
INSERT INTO queries VALUES
    (1, $$SELECT id FROM enrollment.enrollments WHERE status = 'Processing' ORDER BY id LIMIT 50$$),
    (2, $$SELECT id FROM enrollment.enrollments WHERE status = 'Processing' ORDER BY id DESC LIMIT 50$$),
    (3, $$SELECT id FROM enrollment.enrollments WHERE status = 'Completed' ORDER BY id LIMIT 7 OFFSET 40$$),
    (4, $$SELECT id FROM enrollment.enrollments ORDER BY id LIMIT 50$$),
    (5, $$SELECT id FROM enrollment.enrollments WHERE status = 'Processing' ORDER BY id$$),
    (6, $$SELECT id FROM enrollment.enrollments WHERE status = 'Processing' AND program_id IN ('PRG-5000-0001', 'PRG-5000-0005', 'PRG-5000-0001') ORDER BY id LIMIT 20$$),
    (7, $$SELECT id FROM enrollment.enrollments WHERE status = 'Processing' AND program_id = ANY ('{}') ORDER BY id LIMIT 20$$),
    (8, $$SELECT id FROM enrollment.enrollments WHERE status = NULL ORDER BY id LIMIT 20$$),
    (9, $$SELECT id FROM enrollment.certificates WHERE status = 'Pending' ORDER BY id LIMIT 50$$),
    (10, $$SELECT id FROM enrollment.certificates WHERE status = 'Active' ORDER BY id DESC LIMIT 10 OFFSET 5$$),
    (11, $$SELECT id FROM program.enrollments WHERE status = 'Processing' ORDER BY id LIMIT 50$$),
    (12, $$SELECT id FROM program.certificates WHERE status = 'Pending' ORDER BY id DESC LIMIT 50$$),
    (13, $$SELECT json_agg(t) FROM (SELECT * FROM program.enrollments WHERE status = 'Processing' ORDER BY id LIMIT 5) t$$);

-- Whether a plan holds the merge scan, and the driver it used (EXPLAIN ANALYZE).
CREATE FUNCTION pg_temp.merge_driver(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    p json;
    r record;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, FORMAT JSON) ' || q INTO p;
    FOR r IN WITH RECURSIVE n(node) AS (
                 SELECT p -> 0 -> 'Plan'
                 UNION ALL
                 SELECT c FROM n, json_array_elements(n.node -> 'Plans') c)
             SELECT node FROM n LOOP
        IF r.node ->> 'Custom Plan Provider' = 'EnrollmentMergeScan' THEN
            -- not run: a plan whose gating condition is false never starts the scan
            RETURN coalesce((r.node ->> 'Driver Used') || ' (' || (r.node ->> 'Streams') || ' streams)', 'not run');
        END IF;
    END LOOP;
    RETURN 'none';
END $$;
-- The rows of a query, in its order.
CREATE FUNCTION pg_temp.rows_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    r text;
BEGIN
    EXECUTE 'SELECT string_agg(s::text, '','') FROM (' || q || ') s' INTO r;
    RETURN coalesce(r, '');
END $$;

CREATE TEMP TABLE answers (caller text, n int, merge text, rows_on text, rows_off text, driver text);
GRANT ALL ON answers TO enrollment_web;
GRANT SELECT ON queries TO enrollment_web;
DO $$
DECLARE
    c record;
    q record;
BEGIN
    FOR c IN SELECT * FROM pg_temp.callers LOOP
        PERFORM set_config('request.jwt.claims',
                           CASE WHEN c.account IS NOT NULL
                                THEN jsonb_build_object('account_id', c.account, 'user_id', c.usr)::text END, false);
        SET ROLE enrollment_web;
        FOR q IN SELECT * FROM pg_temp.queries LOOP
            -- the sort's cost is left out, so that the merge runs at this size whenever it can
            SET enable_sort = off;
            INSERT INTO pg_temp.answers VALUES (c.caller, q.n, 'on', pg_temp.rows_of(q.q), NULL, pg_temp.merge_driver(q.q));
            RESET enable_sort;
            SET enrollment.merge_scan = off;
            UPDATE pg_temp.answers SET rows_off = pg_temp.rows_of(q.q)
             WHERE caller = c.caller AND n = q.n;
            IF pg_temp.merge_driver(q.q) <> 'none' THEN
                RAISE EXCEPTION 'merge scan planned with enrollment.merge_scan = off: %', q.q;
            END IF;
            RESET enrollment.merge_scan;
        END LOOP;
        RESET ROLE;
    END LOOP;
    PERFORM set_config('request.jwt.claims', '', false);
END $$;

\echo '-- every listing: the same rows in the same order with and without the merge scan (caller, query, rows, same, the driver it used)'
SELECT a.caller, a.n, CASE WHEN a.rows_on = '' THEN 0 ELSE array_length(string_to_array(a.rows_on, ','), 1) END AS items,
       a.rows_on IS NOT DISTINCT FROM a.rows_off AS same, a.driver
  FROM answers a ORDER BY a.caller, a.n;

\echo '-- and not by chance: the listings of one caller differ from another''s, and 50 rows come in id order'
SELECT count(DISTINCT rows_on) AS distinct_answers_of_query_1 FROM answers WHERE n = 1 AND rows_on <> '';
SELECT rows_on = (SELECT string_agg(x, ',' ORDER BY x COLLATE "C") FROM unnest(string_to_array(rows_on, ',')) x) AS ascending
  FROM answers WHERE caller = 'operations' AND n = 1;
SELECT rows_on = (SELECT string_agg(x, ',' ORDER BY x COLLATE "C" DESC) FROM unnest(string_to_array(rows_on, ',')) x) AS descending
  FROM answers WHERE caller = 'operations' AND n = 2;

\echo '-- the plans, as a vendor and as a client: the drivers (most bound columns first) and what the scan checks'
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-5000-0001", "user_id": "USR-5000-0001"}', false) IS NOT NULL AS claims;
SET ROLE enrollment_web;
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE status = 'Processing' ORDER BY id LIMIT 50;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM enrollment.enrollments WHERE status = 'Processing' ORDER BY id LIMIT 50;
SET enrollment.merge_scan = off;
EXPLAIN (COSTS OFF) SELECT id FROM enrollment.enrollments WHERE status = 'Processing' ORDER BY id LIMIT 50;
RESET enrollment.merge_scan;
RESET ROLE;
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-6000-0001", "user_id": "USR-6000-0001"}', false) IS NOT NULL AS claims;
SET ROLE enrollment_web;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT id FROM enrollment.certificates WHERE status = 'Pending' ORDER BY id DESC LIMIT 50;
RESET ROLE;

\echo '-- a user''s leaky condition is checked after the policy: client-1 lists 10 rows, and the function saw only client-1''s rows'
CREATE TEMP TABLE leaked (id text);
GRANT ALL ON leaked TO enrollment_web;
CREATE FUNCTION pg_temp.leak(text) RETURNS boolean LANGUAGE plpgsql COST 0.0001 AS $$
BEGIN
    INSERT INTO pg_temp.leaked VALUES ($1);
    RETURN true;
END $$;
GRANT EXECUTE ON FUNCTION pg_temp.leak(text) TO enrollment_web;
SET ROLE enrollment_web;
SELECT pg_temp.merge_driver($$SELECT id FROM enrollment.enrollments WHERE pg_temp.leak(id::text) AND status = 'Processing' ORDER BY id LIMIT 10$$) AS driver;
TRUNCATE leaked;
SELECT count(*) AS listed FROM (SELECT id FROM enrollment.enrollments WHERE pg_temp.leak(id::text) AND status = 'Processing' ORDER BY id LIMIT 10) s;
RESET ROLE;
SELECT count(*) AS seen_by_the_function,
       count(*) FILTER (WHERE e.client_id::text <> 'ACC-6000-0001' OR e.status <> 'Processing') AS not_the_callers
  FROM leaked l JOIN enrollment.enrollments e ON e.id::text = l.id;

\echo '-- a correlated subquery: the merge scan rescanned for every program, the first 3 Processing enrollments of each with PRG-5000-0005''s, as with the sort'
CREATE TEMP TABLE firsts (merge text, program text, ids text);
GRANT ALL ON firsts TO enrollment_web;
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-6000-0001", "user_id": "USR-6000-0001"}', false) IS NOT NULL AS claims;
SET ROLE enrollment_web;
SET enable_sort = off;
INSERT INTO firsts SELECT 'on', p.id, (SELECT string_agg(id::text, ',') FROM
    (SELECT e.id FROM enrollment.enrollments e WHERE e.program_id = ANY (ARRAY[p.id, 'PRG-5000-0005']) AND e.status = 'Processing' ORDER BY e.id LIMIT 3) s)
  FROM enrollment.programs p;
RESET enable_sort;
SET enrollment.merge_scan = off;
INSERT INTO firsts SELECT 'off', p.id, (SELECT string_agg(id::text, ',') FROM
    (SELECT e.id FROM enrollment.enrollments e WHERE e.program_id = ANY (ARRAY[p.id, 'PRG-5000-0005']) AND e.status = 'Processing' ORDER BY e.id LIMIT 3) s)
  FROM enrollment.programs p;
RESET enrollment.merge_scan;
SELECT f.program, f.ids, f.ids IS NOT DISTINCT FROM g.ids AS same
  FROM firsts f JOIN firsts g ON g.program = f.program AND g.merge = 'off'
 WHERE f.merge = 'on' ORDER BY f.program;
SET enable_sort = off;
SELECT pg_temp.merge_driver($$SELECT p.id, (SELECT string_agg(id::text, ',') FROM
    (SELECT e.id FROM enrollment.enrollments e WHERE e.program_id = ANY (ARRAY[p.id, 'PRG-5000-0005']) AND e.status = 'Processing' ORDER BY e.id LIMIT 3) s)
  FROM enrollment.programs p$$) AS driver;
RESET enable_sort;
RESET ROLE;
RESET request.jwt.claims;
