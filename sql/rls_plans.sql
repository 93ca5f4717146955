-- Row security that indexes serve (README "API": row security and indexes).
-- Over a few thousand enrollments and certificates (test/fixtures/
-- rls_plans_data.sql), as the authenticated API role with each kind of caller's
-- claims: the listings an account type makes (the first 50 Processing rows,
-- and counts) are index scans whose conditions hold the policy helpers, which
-- appear in no filter, so nothing is called per row; and every caller sees
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
-- helpers are index conditions, and whether any api_ helper is left in a filter.
CREATE FUNCTION pg_temp.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    p json;
    scans text[] := '{}';
    in_index boolean := false;
    in_filter boolean := false;
    r record;
BEGIN
    EXECUTE 'EXPLAIN (COSTS OFF, FORMAT JSON) ' || q INTO p;
    FOR r IN WITH RECURSIVE n(node) AS (
                 SELECT p -> 0 -> 'Plan'
                 UNION ALL
                 SELECT c FROM n, json_array_elements(n.node -> 'Plans') c)
             SELECT node FROM n LOOP
        IF r.node ->> 'Node Type' = 'Seq Scan' AND r.node ->> 'Relation Name' IN ('enrollments', 'certificates') THEN
            scans := scans || ('seq ' || (r.node ->> 'Relation Name'));
        ELSIF r.node ->> 'Index Name' ~ '^(enrollments|certificates)_' THEN
            scans := scans || ('index ' || (r.node ->> 'Index Name'));
            in_index := in_index OR (r.node ->> 'Index Cond') ~ 'api_object_program_ids\(\).*api_object_client_floor\(\).*api_object_client_ceiling\(\)';
        END IF;
        in_filter := in_filter OR (r.node ->> 'Filter') ~ 'api_';
    END LOOP;
    RETURN format('%s | helpers in the index condition: %s | a helper in a filter: %s',
                  array_to_string(ARRAY(SELECT DISTINCT s FROM unnest(scans) s ORDER BY 1), ', '),
                  CASE WHEN in_index THEN 'yes' ELSE 'no' END, CASE WHEN in_filter THEN 'yes' ELSE 'no' END);
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
    (6, $$SELECT count(*) FROM enrollment.certificates$$);

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
-- and what the per-row helper the RPC functions still call (api_sees_client_object)
-- answers for the first 160 enrollments and certificates (every program and client)
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
         WHERE id::text < 'CER-7000-0161' AND enrollment.api_sees_client_object(program_id, client_id);
        SET ROLE enrollment_web;
        INSERT INTO pg_temp.seen SELECT c.caller, 'enrollment', id::text FROM enrollment.enrollments;
        INSERT INTO pg_temp.seen SELECT c.caller, 'certificate', id::text FROM enrollment.certificates;
        IF c.caller IN ('operations', 'vendor-microsoft', 'client-1') THEN
            FOR q IN SELECT * FROM pg_temp.queries LOOP
                INSERT INTO pg_temp.plans VALUES (c.caller, q.n, pg_temp.plan_of(q.q));
            END LOOP;
        END IF;
        RESET ROLE;
    END LOOP;
    PERFORM set_config('request.jwt.claims', '', false);
END $$;

\echo '-- plans: a vendor, a client and operations; every scan an index scan with the helpers in its condition, none in a filter'
SELECT p.caller, q.q AS query, p.plan FROM plans p JOIN queries q USING (n) ORDER BY p.caller, p.n;

\echo '-- what each caller sees: rows read through the policy against the rule (enrollments, certificates: read, expected, same rows)'
SELECT c.caller,
       (SELECT count(*) FROM seen s WHERE s.caller = c.caller AND s.kind = 'enrollment') AS enrollments,
       (SELECT count(*) FROM expected x WHERE x.caller = c.caller AND x.kind = 'enrollment') AS expected,
       (SELECT count(*) FROM seen s WHERE s.caller = c.caller AND s.kind = 'certificate') AS certificates,
       (SELECT count(*) FROM expected x WHERE x.caller = c.caller AND x.kind = 'certificate') AS expected,
       NOT EXISTS ((SELECT kind, id FROM seen s WHERE s.caller = c.caller
                    EXCEPT ALL SELECT kind, id FROM expected x WHERE x.caller = c.caller)
                   UNION ALL
                   (SELECT kind, id FROM expected x WHERE x.caller = c.caller
                    EXCEPT ALL SELECT kind, id FROM seen s WHERE s.caller = c.caller)) AS same
  FROM callers c ORDER BY c.caller;

\echo '-- the per-row helper agrees on the sample: caller, rows it admits, same rows as read through the policy'
SELECT c.caller, (SELECT count(*) FROM old_rule o WHERE o.caller = c.caller) AS admitted,
       NOT EXISTS ((SELECT kind, id FROM old_rule o WHERE o.caller = c.caller
                    EXCEPT SELECT kind, id FROM seen s
                            WHERE s.caller = c.caller AND s.id < CASE s.kind WHEN 'enrollment' THEN 'ENR-7000-0161' ELSE 'CER-7000-0161' END)
                   UNION ALL
                   (SELECT kind, id FROM seen s
                     WHERE s.caller = c.caller AND s.id < CASE s.kind WHEN 'enrollment' THEN 'ENR-7000-0161' ELSE 'CER-7000-0161' END
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
