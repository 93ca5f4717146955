-- The engine is the only gate (README "Who may act"): the API takes the account
-- types that may run an action from enrollment.api_actors, which reads the
-- engine's transition table (enrollment.lifecycle_transitions()) and, for the
-- actions that are not transitions, the one list enrollment.api_action_rules().
-- This file keeps the three from drifting: the tables' status CHECKs against
-- the transitions, every action the wrappers ask for defined exactly once, no
-- account-type array left in a function of the API, and a few answers.
\i test/fixtures/reset.sql
\pset null '(null)'

\echo '-- (a) the status CHECK of each lifecycle table allows exactly the statuses of its transitions'
WITH checked AS (
    SELECT c.conrelid::regclass AS tbl, m[1] AS status
      FROM pg_constraint c,
           regexp_matches(pg_get_constraintdef(c.oid), '''([A-Za-z]+)''::text', 'g') AS m
     WHERE c.contype = 'c'
       AND c.conname IN ('programs_status_check', 'enrollments_status_check', 'certificates_status_check'))
SELECT tbl, string_agg(status, ', ' ORDER BY status) AS statuses, count(*) AS n
  FROM checked GROUP BY tbl ORDER BY tbl::text COLLATE "C";
WITH checked AS (
    SELECT c.conrelid::regclass AS tbl, m[1] AS status
      FROM pg_constraint c,
           regexp_matches(pg_get_constraintdef(c.oid), '''([A-Za-z]+)''::text', 'g') AS m
     WHERE c.contype = 'c'
       AND c.conname IN ('programs_status_check', 'enrollments_status_check', 'certificates_status_check')),
engine AS (
    SELECT DISTINCT ('enrollment.' || t.object_type || 's')::regclass AS tbl, s.status
      FROM enrollment.lifecycle_transitions() t,
           LATERAL (VALUES (t.from_status), (t.to_status)) AS s(status)
     WHERE s.status IS NOT NULL)
SELECT coalesce(c.tbl, e.tbl) AS tbl, coalesce(c.status, e.status) AS status,
       CASE WHEN c.status IS NULL THEN 'in the transitions only' ELSE 'in the CHECK only' END AS drift
  FROM checked c FULL JOIN engine e ON e.tbl = c.tbl AND e.status = c.status
 WHERE c.status IS NULL OR e.status IS NULL;

\echo '-- (b) the actors of the engine and of the rules are account types (the accounts type CHECK), or the engine''s system'
SELECT DISTINCT a.actor
  FROM (SELECT unnest(actors) FROM enrollment.lifecycle_transitions()
        UNION ALL SELECT unnest(actors) FROM enrollment.api_action_rules()) AS a(actor)
 WHERE a.actor <> 'system'
   AND a.actor NOT IN (SELECT m[1] FROM pg_constraint c,
                              regexp_matches(pg_get_constraintdef(c.oid), '''([A-Za-z]+)''::text', 'g') AS m
                        WHERE c.conname = 'accounts_type_check');
SELECT count(*) AS account_types
  FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([A-Za-z]+)''::text', 'g') AS m
 WHERE c.conname = 'accounts_type_check';

\echo '-- (c) every api_actors call in a function body names its action with two literals (so (d) sees them all)'
SELECT p.oid::regprocedure AS fn,
       (SELECT count(*) FROM regexp_matches(p.prosrc, 'api_actors\s*\(', 'g')) AS calls,
       (SELECT count(*) FROM regexp_matches(p.prosrc, 'enrollment\.api_actors\(''[^'']+'', ''[^'']+''\)', 'g')) AS literal_calls
  FROM pg_proc p
 WHERE p.pronamespace IN ('program'::regnamespace, 'enrollment'::regnamespace)
   AND (SELECT count(*) FROM regexp_matches(p.prosrc, 'api_actors\s*\(', 'g'))
       <> (SELECT count(*) FROM regexp_matches(p.prosrc, 'enrollment\.api_actors\(''[^'']+'', ''[^'']+''\)', 'g'));

\echo '-- (d) every (object, action) the API asks for: where it is defined (exactly once), who may, and who asks'
CREATE TEMP VIEW asked AS
    SELECT m[1] AS object_type, m[2] AS action, p.proname AS fn
      FROM pg_proc p,
           regexp_matches(p.prosrc, 'enrollment\.api_actors\(''([^'']+)'', ''([^'']+)''\)', 'g') AS m
     WHERE p.pronamespace IN ('program'::regnamespace, 'enrollment'::regnamespace);
CREATE TEMP VIEW defined AS
    SELECT DISTINCT object_type, action, 'engine' AS source FROM enrollment.lifecycle_transitions()
    UNION ALL
    SELECT object_type, action, 'rules' FROM enrollment.api_action_rules();
SELECT a.object_type, a.action,
       (SELECT string_agg(d.source, ', ') FROM defined d
         WHERE d.object_type = a.object_type AND d.action = a.action) AS source,
       (SELECT count(*) FROM defined d
         WHERE d.object_type = a.object_type AND d.action = a.action) AS definitions,
       a.actors, a.asked_by
  FROM (SELECT object_type, action, enrollment.api_actors(object_type, action) AS actors,
               string_agg(DISTINCT fn, ', ') AS asked_by
          FROM asked GROUP BY object_type, action) a
 ORDER BY a.object_type COLLATE "C", a.action COLLATE "C";
\echo '-- a key of the rules that is also a transition, or listed twice (expect none)'
SELECT object_type, action, string_agg(source, ', ') AS sources
  FROM defined
 GROUP BY object_type, action
HAVING count(*) > 1;
\echo '-- a rule no function asks for (expect none)'
SELECT r.object_type, r.action FROM enrollment.api_action_rules() r
 WHERE NOT EXISTS (SELECT 1 FROM asked a WHERE a.object_type = r.object_type AND a.action = r.action);
\echo '-- the number of api_actors calls in the API (one per wrapper that checks the account type)'
SELECT count(*) AS calls, count(DISTINCT (object_type, action)) AS actions FROM asked;

\echo '-- (e) account-type arrays (''{Vendor}'', ARRAY[''Client'', ...]) in the bodies of program.* and enrollment.*:'
\echo '--     only the rules list that defines them (who sees hidden values is C, LC_ACTOR_SEES_HIDDEN: see (g))'
SELECT DISTINCT p.oid::regprocedure::text COLLATE "C" AS fn, m[1] COLLATE "C" AS literal
  FROM pg_proc p,
       regexp_matches(p.prosrc || coalesce(' ' || pg_get_function_sqlbody(p.oid), ''),
                      '(''\{[^'']*\m(?:Client|Vendor|Operations)\M[^'']*\}''|ARRAY\s*\[[^]]*''(?:Client|Vendor|Operations)''[^]]*\])',
                      'g') AS m
 WHERE p.pronamespace IN ('program'::regnamespace, 'enrollment'::regnamespace)
 ORDER BY 1, 2;

\echo '-- (f) spot checks'
SELECT o, a, enrollment.api_actors(o, a) AS actors
  FROM (VALUES ('program', 'publish'),         -- the engine: vendor
               ('enrollment', 'process'),      -- client or vendor
               ('enrollment', 'submit'),       -- client or operations
               ('certificate', 'activate'),    -- the union over its two arrows
               ('certificate', 'expire'),      -- without the engine's system actor
               ('certificate', 'migrate'),     -- a rule: operations only
               ('enrollment', 'validate draft'),
               ('attachment', 'update')) AS k(o, a);
\echo '-- the engine and the API agree on every transition (expect none)'
SELECT k.object_type, k.action
  FROM (SELECT DISTINCT object_type, action FROM enrollment.lifecycle_transitions()) k
 WHERE ARRAY(SELECT unnest(enrollment.api_actors(k.object_type, k.action)) ORDER BY 1)
       IS DISTINCT FROM
       ARRAY(SELECT DISTINCT x FROM enrollment.lifecycle_transitions() u, unnest(u.actors) AS x
              WHERE u.object_type = k.object_type AND u.action = k.action AND x <> 'system' ORDER BY 1);
\echo '-- STRICT: NULL in, NULL out'
SELECT enrollment.api_actors(NULL, 'publish') AS null_object, enrollment.api_actors('program', NULL) AS null_action;
\echo '-- an action nobody defined is an error, not an empty list (names are case sensitive)'
\set SHOW_CONTEXT never
SELECT enrollment.api_actors('enrollment', 'approve');
\echo :LAST_ERROR_SQLSTATE
SELECT enrollment.api_actors('Program', 'publish');
\echo :LAST_ERROR_SQLSTATE
\echo '-- api_require_type: the rule lets operations migrate, not a vendor; a NULL list (a STRICT call on NULL) lets nobody through'
\set ECHO none
\i test/fixtures/accounts.sql
\set ECHO all
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-3000-0001", "user_id": "USR-3000-0001"}', false) IS NOT NULL AS operations;
SELECT enrollment.api_require_type(enrollment.api_actors('certificate', 'migrate'), 'create certificates');
SELECT enrollment.api_require_type(NULL, 'do anything');
\echo :LAST_ERROR_SQLSTATE
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-1000-0001", "user_id": "USR-1000-0001"}', false) IS NOT NULL AS vendor;
SELECT enrollment.api_require_type(enrollment.api_actors('certificate', 'migrate'), 'create certificates');
\echo :LAST_ERROR_SQLSTATE

\echo '-- (g) who the caller is and who sees hidden parameters: C functions, and no SQL body compares'
\echo '--     api_caller_type() with a list of its own (= ANY, IN) to restate the rule (expect none)'
SELECT p.oid::regprocedure AS fn, l.lanname
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.oid IN ('enrollment.api_caller_type()'::regprocedure, 'enrollment.api_shows_hidden()'::regprocedure)
 ORDER BY 1::text COLLATE "C";
SELECT p.oid::regprocedure AS fn, m[1] AS comparison
  FROM pg_proc p,
       regexp_matches(p.prosrc || coalesce(' ' || pg_get_function_sqlbody(p.oid), ''),
                      '(api_caller_type\(\)\s*(?:=|OPERATOR\s*\(\s*pg_catalog\.=\s*\))?\s*(?:ANY|IN)\s*\()',
                      'gi') AS m
 WHERE p.pronamespace IN ('program'::regnamespace, 'enrollment'::regnamespace);
\echo '-- their answers: the rule (vendors and operations) and the lookup (enabled account, its own user)'
CREATE FUNCTION pg_temp.caller_as(claims text, OUT caller_type text, OUT shows_hidden boolean)
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('request.jwt.claims', claims, false);
    caller_type := enrollment.api_caller_type();
    shows_hidden := enrollment.api_shows_hidden();
END $$;
SELECT c.who, r.*
  FROM (VALUES ('client', '{"account_id": "ACC-2000-0001", "user_id": "USR-2000-0001"}'),
               ('vendor', '{"account_id": "ACC-1000-0001", "user_id": "USR-1000-0001"}'),
               ('operations', '{"account_id": "ACC-3000-0001", "user_id": "USR-3000-0001"}'),
               ('user of another account', '{"account_id": "ACC-1000-0001", "user_id": "USR-2000-0001"}'),
               ('no claims', '')) AS c(who, claims),
       LATERAL pg_temp.caller_as(c.claims) r
 ORDER BY c.who COLLATE "C";
RESET request.jwt.claims;

\echo '-- (h) the API''s enums (program.enums: GraphQL enum types, GET /enums) come from the tables'' CHECKs;'
\echo '--     the lists as they stand (Deleted left out: no view shows it)'
SELECT name, string_agg(value, ', ' ORDER BY position) AS "values", count(*) AS n
  FROM program.enums GROUP BY name ORDER BY name COLLATE "C";
\echo '-- each enum has its column in program.enums, declared an enum by a smart tag, holding exactly its values'
CREATE TEMP VIEW enum_columns AS
SELECT m[1] AS col, m[2] AS enum
  FROM regexp_matches(obj_description('program.enums'::regclass, 'pg_class'),
                      '@unique (\w+)\|@enum\|@enumName (\w+)', 'g') AS m;
SELECT e.name, c.col, c.enum,
       (SELECT count(*) FROM program.enums x WHERE x.name = e.name) AS rows,
       (SELECT count(*) FROM pg_attribute a
         WHERE a.attrelid = 'program.enums'::regclass AND a.attname = c.col) AS has_column
  FROM (SELECT DISTINCT name FROM program.enums) e
  FULL JOIN pg_temp.enum_columns c ON c.enum = e.name
 WHERE c.col IS NULL OR e.name IS NULL
    OR NOT EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = 'program.enums'::regclass AND a.attname = c.col);
SELECT c.enum, count(*) FILTER (WHERE x.name = c.enum) AS own_rows,
       count(*) FILTER (WHERE x.name <> c.enum) AS other_rows
  FROM pg_temp.enum_columns c
  JOIN program.enums x ON to_jsonb(x) ->> c.col IS NOT NULL
 GROUP BY c.enum
HAVING count(*) FILTER (WHERE x.name <> c.enum) > 0
    OR count(*) <> (SELECT count(*) FROM program.enums y WHERE y.name = c.enum);
\echo '-- the view columns that are enums (their @foreignKey smart tags) and whether a column of the same'
\echo '-- (snake_case) name of a table the view reads has a CHECK allowing exactly the enum''s values'
CREATE TEMP VIEW enum_fks AS
SELECT v.oid::regclass AS view, m[1] AS col, m[2] AS enum_col
  FROM pg_class v,
       regexp_matches(obj_description(v.oid, 'pg_class'), '@foreignKey \("?(\w+)"?\) references program\.enums \("(\w+)"\)', 'g') AS m
 WHERE v.relnamespace = 'program'::regnamespace AND v.relkind = 'v';
-- a table column's CHECK list (the same parse as program.enums), without Deleted
CREATE FUNCTION pg_temp.check_values(tbl regclass, col name) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT string_agg(m[1], ', ' ORDER BY n)
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attname = col,
           regexp_matches(pg_get_constraintdef(c.oid), '''([^'']+)''::text', 'g') WITH ORDINALITY AS r(m, n)
     WHERE c.conrelid = tbl AND c.contype = 'c' AND c.conkey = ARRAY[a.attnum]
       AND pg_get_constraintdef(c.oid) ~ ('^CHECK \(\(' || quote_ident(col) || ' = (ANY \(ARRAY\[.*\]\)|''[^'']*''::text)\)\)$')
       AND m[1] <> 'Deleted' $$;
-- the table columns a view reads (its rewrite rule's dependencies)
CREATE TEMP VIEW view_sources AS
SELECT DISTINCT r.ev_class::regclass AS view, d.refobjid::regclass AS tbl, a.attname AS col
  FROM pg_rewrite r JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
  JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
 WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class AND d.refobjsubid > 0;
SELECT f.view, f.col, c.enum,
       (SELECT string_agg(s.tbl::text, ', ' ORDER BY s.tbl::text COLLATE "C") FROM pg_temp.view_sources s
         WHERE s.view = f.view AND s.col = lower(regexp_replace(f.col, '([A-Z])', '_\1', 'g'))
           AND pg_temp.check_values(s.tbl, s.col) = (SELECT string_agg(value, ', ' ORDER BY position)
                                                      FROM program.enums WHERE name = c.enum)) AS same_check_in
  FROM pg_temp.enum_fks f LEFT JOIN pg_temp.enum_columns c ON c.col = f.enum_col
 ORDER BY f.view::text COLLATE "C", f.col COLLATE "C";
\echo '-- a text column of a view read from a table column with a CHECK list but not declared an enum (expect none)'
SELECT a.attrelid::regclass AS view, a.attname AS col, s.tbl
  FROM pg_attribute a JOIN pg_class v ON v.oid = a.attrelid
  JOIN pg_temp.view_sources s ON s.view = a.attrelid AND s.col = lower(regexp_replace(a.attname, '([A-Z])', '_\1', 'g'))
 WHERE v.relnamespace = 'program'::regnamespace AND v.relkind = 'v' AND a.attrelid <> 'program.enums'::regclass
   AND a.attnum > 0 AND a.atttypid = 'text'::regtype
   AND pg_temp.check_values(s.tbl, s.col) IS NOT NULL
   AND NOT EXISTS (SELECT FROM pg_temp.enum_fks f WHERE f.view = a.attrelid AND f.col = a.attname)
 ORDER BY a.attrelid::regclass::text COLLATE "C", a.attname::text COLLATE "C";
