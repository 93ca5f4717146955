-- Row security that indexes serve (README "API": row security and indexes).
-- Over a few thousand enrollments and certificates (test/fixtures/
-- rls_plans_data.sql), as the authenticated API role with each kind of caller's
-- claims: the listings an account type makes (the first 50 Processing rows,
-- and counts; and the tables hanging off a program) are index scans whose
-- conditions hold the policy helpers, which appear in no filter, so nothing is
-- called per row (but api_shows_hidden, for hidden parameters only, as the
-- policy says NOT hidden OR api_shows_hidden()); and every caller sees
-- exactly the rows the rule gives, computed here with plain SQL as the
-- superuser (no policy involved).  Plans are summarised (the index, where the
-- helpers are, any sequential scan) rather than printed whole, so that a choice
-- between an index scan, an index-only scan and a bitmap scan of the same index,
-- which turns on the visibility map, does not make the test flaky; no planner
-- setting is changed.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/postgrest_roles.sql
\set n 3000
\i test/fixtures/rls_plans_data.sql
\pset format unaligned
\pset footer off

-- The plan of a query as the caller: the scans of enrollments and certificates
-- (node kind folded to "index" or "seq", with the index), whether the policy
-- helpers are index conditions, and the api_ helpers left in a filter.
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    p json;
    scans text[] := '{}';
    in_index boolean := false;
    in_filter text[] := '{}';
    r record;
BEGIN
    EXECUTE 'EXPLAIN (COSTS OFF, FORMAT JSON) ' || q INTO p;
    FOR r IN WITH RECURSIVE n(node) AS (
                 SELECT p -> 0 -> 'Plan'
                 UNION ALL
                 SELECT c FROM n, json_array_elements(n.node -> 'Plans') c)
             SELECT node FROM n LOOP
        IF r.node ->> 'Node Type' = 'Seq Scan' AND r.node ->> 'Relation Name' IN
               ('enrollments', 'certificates', 'templates', 'parameter_groups', 'parameters', 'program_products') THEN
            scans := scans || ('seq ' || (r.node ->> 'Relation Name'));
        ELSIF r.node ->> 'Index Name' ~ '^(enrollments|certificates|templates|parameter_groups|parameters|program_products)_' THEN
            scans := scans || ('index ' || (r.node ->> 'Index Name'));
            in_index := in_index OR (r.node ->> 'Index Cond')
                ~ 'api_object_program_ids\(\).*api_object_client_floor\(\).*api_object_client_ceiling\(\)|api_visible_program_ids\(\)';
        END IF;
        in_filter := in_filter || ARRAY(SELECT m[1] FROM regexp_matches(coalesce(r.node ->> 'Filter', ''), '(api_[a-z_]+)', 'g') m);
    END LOOP;
    RETURN format('%s | helpers in the index condition: %s | helpers in a filter: %s',
                  array_to_string(ARRAY(SELECT DISTINCT s FROM unnest(scans) s ORDER BY 1), ', '),
                  CASE WHEN in_index THEN 'yes' ELSE 'no' END,
                  coalesce(nullif(array_to_string(ARRAY(SELECT DISTINCT f FROM unnest(in_filter) f ORDER BY 1), ', '), ''), 'none'));
END $$;

CREATE TEMP TABLE callers (caller text PRIMARY KEY, account text, usr text);
INSERT INTO callers VALUES
    ('operations', 'ACC-5900-0001', 'USR-5900-0001'),
    ('vendor-microsoft', 'ACC-5000-0001', 'USR-5000-0001'),
    ('vendor-adobe', 'ACC-5000-0002', 'USR-5000-0002'),
    ('vendor-autodesk', 'ACC-5000-0003', 'USR-5000-0003'),
    ('vendor-disabled', 'ACC-5000-0004', 'USR-5000-0004'),
    ('client-1', 'ACC-6000-0001', 'USR-6000-0001'),
    ('client-7', 'ACC-6000-0007', 'USR-6000-0007'),
    ('client-other-user', 'ACC-6000-0002', 'USR-6000-0003'),
    ('client-no-user', 'ACC-6000-0002', NULL),
    ('no-claims', NULL, NULL);
CREATE TEMP TABLE queries (n int PRIMARY KEY, q text);
INSERT INTO queries VALUES
    (1, $$SELECT id FROM enrollment.enrollments WHERE status = 'Processing' LIMIT 50$$),
    (2, $$SELECT count(*) FROM enrollment.enrollments WHERE status = 'Processing'$$),
    (3, $$SELECT count(*) FROM enrollment.enrollments$$),
    (4, $$SELECT id FROM enrollment.certificates WHERE status = 'Pending' LIMIT 50$$),
    (5, $$SELECT count(*) FROM enrollment.certificates WHERE status = 'Pending'$$),
    (6, $$SELECT count(*) FROM enrollment.certificates$$),
    (7, $$SELECT count(*) FROM enrollment.templates$$),
    (8, $$SELECT count(*) FROM enrollment.parameter_groups$$),
    (9, $$SELECT count(*) FROM enrollment.parameters$$),
    (10, $$SELECT count(*) FROM enrollment.program_products$$);

-- The rule (README "API": visibility), as plain SQL over the raw tables: an
-- enabled account with a user of it in the claims; operations every row, a
-- vendor the rows of its programs (any status), a client its own rows.
CREATE TEMP VIEW expected AS
SELECT c.caller, o.kind, o.id::text AS id
  FROM callers c
  JOIN enrollment.accounts a ON a.id::text = c.account AND a.status <> 'Disabled'
  JOIN enrollment.users u ON u.id::text = c.usr AND u.account_id = a.id
  JOIN (SELECT 'enrollment' AS kind, id, program_id, client_id FROM enrollment.enrollments
        UNION ALL SELECT 'certificate', id, program_id, client_id FROM enrollment.certificates) o ON true
  JOIN enrollment.programs p ON p.id = o.program_id
 WHERE a.type = 'Operations' OR (a.type = 'Vendor' AND p.vendor_id = a.id)
    OR (a.type = 'Client' AND o.client_id = a.id);

-- What each caller reads and how: run as the API role with the caller's claims.
CREATE TEMP TABLE seen (caller text, kind text, id text);
-- and what the per-row helpers the RPC functions still call (api_sees_client_object,
-- api_sees_program) answer for the first 160 enrollments and certificates (every
-- program and client) and for every template, group, parameter and product
CREATE TEMP TABLE old_rule (caller text, kind text, id text);
CREATE TEMP TABLE plans (caller text, n int, plan text);
GRANT ALL ON seen, plans TO enrollment_web;
GRANT SELECT ON queries TO enrollment_web;
DO $$
DECLARE
    c record;
    q record;
BEGIN
    FOR c IN SELECT * FROM pg_temp.callers LOOP
        PERFORM set_config('request.jwt.claims',
                           CASE WHEN c.account IS NOT NULL
                                THEN jsonb_strip_nulls(jsonb_build_object('account_id', c.account, 'user_id', c.usr))::text END, false);
        INSERT INTO pg_temp.old_rule
        SELECT c.caller, 'enrollment', id::text FROM enrollment.enrollments
         WHERE id::text < 'ENR-7000-0161' AND enrollment.api_sees_client_object(program_id, client_id)
        UNION ALL
        SELECT c.caller, 'certificate', id::text FROM enrollment.certificates
         WHERE id::text < 'CER-7000-0161' AND enrollment.api_sees_client_object(program_id, client_id)
        UNION ALL
        SELECT c.caller, 'template', id::text FROM enrollment.templates WHERE enrollment.api_sees_program(program_id)
        UNION ALL
        SELECT c.caller, 'group', id::text FROM enrollment.parameter_groups WHERE enrollment.api_sees_program(program_id)
        UNION ALL
        SELECT c.caller, 'parameter', id::text FROM enrollment.parameters
         WHERE enrollment.api_sees_program(program_id) AND (NOT hidden OR enrollment.api_shows_hidden())
        UNION ALL
        SELECT c.caller, 'product', program_id::text FROM enrollment.program_products WHERE enrollment.api_sees_program(program_id);
        SET ROLE enrollment_web;
        INSERT INTO pg_temp.seen SELECT c.caller, 'enrollment', id::text FROM enrollment.enrollments;
        INSERT INTO pg_temp.seen SELECT c.caller, 'certificate', id::text FROM enrollment.certificates;
        INSERT INTO pg_temp.seen SELECT c.caller, 'template', id::text FROM enrollment.templates;
        INSERT INTO pg_temp.seen SELECT c.caller, 'group', id::text FROM enrollment.parameter_groups;
        INSERT INTO pg_temp.seen SELECT c.caller, 'parameter', id::text FROM enrollment.parameters;
        INSERT INTO pg_temp.seen SELECT c.caller, 'product', program_id::text FROM enrollment.program_products;
        IF c.caller IN ('operations', 'vendor-microsoft', 'client-1') THEN
            FOR q IN SELECT * FROM pg_temp.queries LOOP
                INSERT INTO pg_temp.plans VALUES (c.caller, q.n, pg_temp.plan_of(q.q));
            END LOOP;
        END IF;
        RESET ROLE;
    END LOOP;
    PERFORM set_config('request.jwt.claims', '', false);
END $$;

\echo '-- plans: a vendor, a client and operations; every scan an index scan with the helpers in its condition, none in a filter but api_shows_hidden'
SELECT p.caller, q.q AS query, p.plan FROM plans p JOIN queries q USING (n) ORDER BY p.caller, p.n;

\echo '-- what each caller sees: rows read through the policy against the rule (enrollments, certificates: read, expected, same rows)'
SELECT c.caller,
       (SELECT count(*) FROM seen s WHERE s.caller = c.caller AND s.kind = 'enrollment') AS enrollments,
       (SELECT count(*) FROM expected x WHERE x.caller = c.caller AND x.kind = 'enrollment') AS expected,
       (SELECT count(*) FROM seen s WHERE s.caller = c.caller AND s.kind = 'certificate') AS certificates,
       (SELECT count(*) FROM expected x WHERE x.caller = c.caller AND x.kind = 'certificate') AS expected,
       NOT EXISTS ((SELECT kind, id FROM seen s WHERE s.caller = c.caller AND s.kind IN ('enrollment', 'certificate')
                    EXCEPT ALL SELECT kind, id FROM expected x WHERE x.caller = c.caller)
                   UNION ALL
                   (SELECT kind, id FROM expected x WHERE x.caller = c.caller
                    EXCEPT ALL SELECT kind, id FROM seen s WHERE s.caller = c.caller AND s.kind IN ('enrollment', 'certificate'))) AS same
  FROM callers c ORDER BY c.caller;

\echo '-- the per-row helpers agree: caller, rows they admit (enrollments and certificates of the sample, templates, groups, parameters, products), same rows as read through the policies'
SELECT c.caller, (SELECT count(*) FROM old_rule o WHERE o.caller = c.caller AND o.kind IN ('enrollment', 'certificate')) AS admitted,
       (SELECT count(*) FROM old_rule o WHERE o.caller = c.caller AND o.kind = 'template') AS templates,
       (SELECT count(*) FROM old_rule o WHERE o.caller = c.caller AND o.kind = 'group') AS groups,
       (SELECT count(*) FROM old_rule o WHERE o.caller = c.caller AND o.kind = 'parameter') AS parameters,
       (SELECT count(*) FROM old_rule o WHERE o.caller = c.caller AND o.kind = 'product') AS products,
       NOT EXISTS ((SELECT kind, id FROM old_rule o WHERE o.caller = c.caller
                    EXCEPT SELECT kind, id FROM seen s
                            WHERE s.caller = c.caller AND s.id < CASE s.kind WHEN 'enrollment' THEN 'ENR-7000-0161'
                                                                            WHEN 'certificate' THEN 'CER-7000-0161' ELSE 'ZZZ' END)
                   UNION ALL
                   (SELECT kind, id FROM seen s
                     WHERE s.caller = c.caller AND s.id < CASE s.kind WHEN 'enrollment' THEN 'ENR-7000-0161'
                                                             WHEN 'certificate' THEN 'CER-7000-0161' ELSE 'ZZZ' END
                    EXCEPT SELECT kind, id FROM old_rule o WHERE o.caller = c.caller)) AS same
  FROM callers c ORDER BY c.caller;

\echo '-- the views hide Deleted rows on top of the policy: a vendor''s Processing enrollments and its visible ones'
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-5000-0001", "user_id": "USR-5000-0001"}', false) IS NOT NULL AS claims;
SET ROLE enrollment_web;
SELECT count(*) FILTER (WHERE status = 'Processing') AS processing, count(*) AS visible FROM program.enrollments;
RESET ROLE;
SELECT count(*) FILTER (WHERE e.status = 'Processing') AS processing, count(*) AS visible
  FROM enrollment.enrollments e JOIN enrollment.programs p ON p.id = e.program_id
 WHERE p.vendor_id = 'ACC-5000-0001' AND e.status <> 'Deleted';
RESET request.jwt.claims;

\echo '-- the client range is served by the policies'' indexes only (mpt_id_scope_ops): with them gone, a client''s lookup by id does not fall back to the (client_id, program_id) index, which the planner took at 1 M rows'
BEGIN;
DROP INDEX enrollment.enrollments_id_idx, enrollment.enrollments_program_client_status_idx;
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-6000-0001", "user_id": "USR-6000-0001"}', true) IS NOT NULL AS claims;
SET LOCAL ROLE enrollment_web;
SELECT pg_temp.plan_of($$SELECT id FROM enrollment.enrollments WHERE id = 'ENR-7000-0001'$$) AS client_by_id;
ROLLBACK;
