-- The row security matrix (README "API"): every kind of caller (test/fixtures/
-- rls_matrix_callers.sql) against every view of schema program, the
-- reference tables, every computed relationship (embedding) and every RPC
-- function (test/fixtures/rls_matrix_actions.sql), as the API roles.  The
-- expected visibility is written once, below, as rules over the raw tables
-- read as the superuser (no policy involved); the test prints only what
-- differs from them, what the matrix does not cover, and a count per caller
-- so that an empty comparison cannot pass unnoticed.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/rls_matrix_data.sql
\i test/fixtures/postgrest_roles.sql
\i test/fixtures/rls_matrix_callers.sql
\i test/fixtures/rls_matrix_actions.sql
\pset format unaligned
\pset tuples_only on
\pset footer off

-- Expected reads ------------------------------------------------------------------
-- One rule per relation: a query of (caller, id) over pg_temp.callers c (the
-- identified ones: c.type, c.account) and the raw tables; a rule may use the
-- rules before it through pg_temp.expected.  Callers without identity
-- expect nothing anywhere, except in a relation marked everyone (the value
-- lists of program.enums: no secret, GraphQL's introspection shows them to
-- anyone).  key is what identifies a row of the relation (id unless said).
-- (vendor, buyer or licensee) pairs: the certificant a not deleted enrollment or
-- certificate of the vendor's program names
CREATE TEMP VIEW named_certificants AS
SELECT p.vendor_id::text AS vendor, x.id::text AS id
  FROM (SELECT program_id, buyer_id, licensee_id, status FROM enrollment.enrollments
        UNION ALL SELECT program_id, buyer_id, licensee_id, status FROM enrollment.certificates) o
  JOIN enrollment.programs p ON p.id = o.program_id,
       LATERAL (VALUES (o.buyer_id), (o.licensee_id)) x(id)
 WHERE o.status <> 'Deleted' AND x.id IS NOT NULL;
CREATE TEMP TABLE read_rules (n serial, relation text PRIMARY KEY, rule text NOT NULL,
                               key text NOT NULL DEFAULT 'id', everyone boolean NOT NULL DEFAULT false);
INSERT INTO pg_temp.read_rules (relation, rule) VALUES
    -- operations all, a vendor its own, a client the Published ones and those it
    -- holds a (not deleted) enrollment or certificate of; never a Deleted one
    ('program.programs', $$
     SELECT c.caller, p.id FROM pg_temp.callers c JOIN enrollment.programs p ON p.status <> 'Deleted'
      WHERE c.type = 'Operations' OR (c.type = 'Vendor' AND p.vendor_id::text = c.account)
         OR (c.type = 'Client' AND (p.status = 'Published'
             OR EXISTS (SELECT FROM enrollment.enrollments e WHERE e.program_id = p.id AND e.client_id::text = c.account AND e.status <> 'Deleted')
             OR EXISTS (SELECT FROM enrollment.certificates e WHERE e.program_id = p.id AND e.client_id::text = c.account AND e.status <> 'Deleted')))$$),
    ('program.templates', $$
     SELECT x.caller, t.id FROM pg_temp.expected x JOIN enrollment.templates t ON t.program_id::text = x.id
      WHERE x.relation = 'program.programs' AND t.status <> 'Deleted'$$),
    ('program.parameter_groups', $$
     SELECT x.caller, g.id FROM pg_temp.expected x JOIN enrollment.parameter_groups g ON g.program_id::text = x.id
      WHERE x.relation = 'program.programs'$$),
    -- hidden parameters to vendors and operations only
    ('program.parameters', $$
     SELECT x.caller, m.id FROM pg_temp.expected x JOIN pg_temp.callers c USING (caller)
       JOIN enrollment.parameters m ON m.program_id::text = x.id
      WHERE x.relation = 'program.programs' AND m.status <> 'Deleted' AND (NOT m.hidden OR c.type <> 'Client')$$),
    -- operations all, a client its own, a vendor those of its programs; never a Deleted one
    ('program.enrollments', $$
     SELECT c.caller, e.id FROM pg_temp.callers c JOIN enrollment.enrollments e ON e.status <> 'Deleted'
       JOIN enrollment.programs p ON p.id = e.program_id
      WHERE c.type = 'Operations' OR (c.type = 'Client' AND e.client_id::text = c.account)
         OR (c.type = 'Vendor' AND p.vendor_id::text = c.account)$$),
    ('program.certificates', $$
     SELECT c.caller, e.id FROM pg_temp.callers c JOIN enrollment.certificates e ON e.status <> 'Deleted'
       JOIN enrollment.programs p ON p.id = e.program_id
      WHERE c.type = 'Operations' OR (c.type = 'Client' AND e.client_id::text = c.account)
         OR (c.type = 'Vendor' AND p.vendor_id::text = c.account)$$),
    ('program.enrollment_attachments', $$
     SELECT x.caller, a.id FROM pg_temp.expected x JOIN enrollment.enrollment_attachments a ON a.enrollment_id::text = x.id
      WHERE x.relation = 'program.enrollments'$$),
    -- reference data (README "API", Visibility).  Accounts: its own, every vendor
    -- and operations account, and for a vendor the client accounts with an
    -- enrollment or certificate (in any status) of its programs
    ('enrollment.accounts', $$
     SELECT c.caller, a.id FROM pg_temp.callers c JOIN enrollment.accounts a ON true
      WHERE c.type = 'Operations' OR a.id::text = c.account OR a.type <> 'Client'
         OR (c.type = 'Vendor' AND a.id IN (
             SELECT e.client_id FROM enrollment.enrollments e JOIN enrollment.programs p ON p.id = e.program_id WHERE p.vendor_id::text = c.account
             UNION SELECT e.client_id FROM enrollment.certificates e JOIN enrollment.programs p ON p.id = e.program_id WHERE p.vendor_id::text = c.account))$$),
    -- users: operations all, everyone else those of its own account
    ('enrollment.users', $$
     SELECT c.caller, u.id FROM pg_temp.callers c JOIN enrollment.users u ON true
      WHERE c.type = 'Operations' OR u.account_id::text = c.account$$),
    -- buyers and licensees: operations all, a client its own account's, a vendor
    -- those a (not deleted) enrollment or certificate of its programs names
    ('enrollment.buyers', $$
     SELECT c.caller, b.id FROM pg_temp.callers c JOIN enrollment.buyers b ON true
      WHERE c.type = 'Operations' OR (c.type = 'Client' AND b.account_id::text = c.account)
         OR (c.type = 'Vendor' AND (c.account, b.id::text) IN (SELECT vendor, id FROM pg_temp.named_certificants))$$),
    ('enrollment.licensees', $$
     SELECT c.caller, l.id FROM pg_temp.callers c JOIN enrollment.licensees l ON true
      WHERE c.type = 'Operations' OR (c.type = 'Client' AND l.account_id::text = c.account)
         OR (c.type = 'Vendor' AND (c.account, l.id::text) IN (SELECT vendor, id FROM pg_temp.named_certificants))$$),
    -- the catalog: every identified caller
    ('enrollment.products', $$
     SELECT c.caller, d.id FROM pg_temp.callers c JOIN enrollment.products d ON true$$);
-- the value lists: every caller, the anonymous ones included, all of them
INSERT INTO pg_temp.read_rules (relation, rule, key, everyone) VALUES
    ('program.enums', $$
     SELECT c.caller, e.name || ' ' || e.value FROM pg_temp.callers c JOIN program.enums e ON true$$,
     $$name || ' ' || value$$, true);

CREATE TEMP TABLE expected (relation text, caller text, id text, PRIMARY KEY (relation, caller, id));
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT * FROM pg_temp.read_rules ORDER BY n LOOP
        EXECUTE format('INSERT INTO pg_temp.expected SELECT %L, q.caller, q.id::text FROM (%s) q(caller, id)'
                       ' JOIN pg_temp.callers c USING (caller) WHERE c.type IS NOT NULL OR %L', r.relation, r.rule, r.everyone);
    END LOOP;
END $$;

-- Computed relationships (PostgREST embedding): one row per function, the
-- pairs (source id, target id) it relates, from the raw tables.  An embedded
-- row shows when the caller sees both ends; the source and target views are
-- the function's argument and result types.
CREATE TEMP TABLE embeds (fn regprocedure PRIMARY KEY, pairs text NOT NULL);
INSERT INTO pg_temp.embeds VALUES
    ('program.programs(program.enrollments)', 'SELECT id, program_id FROM enrollment.enrollments'),
    ('program.certificates(program.enrollments)', 'SELECT id, certificate_id FROM enrollment.enrollments'),
    ('program.enrollment_attachments(program.enrollments)', 'SELECT enrollment_id, id FROM enrollment.enrollment_attachments'),
    ('program.programs(program.certificates)', 'SELECT id, program_id FROM enrollment.certificates'),
    ('program.enrollments(program.certificates)', 'SELECT certificate_id, id FROM enrollment.enrollments'),
    ('program.enrollments(program.programs)', 'SELECT program_id, id FROM enrollment.enrollments'),
    ('program.certificates(program.programs)', 'SELECT program_id, id FROM enrollment.certificates'),
    ('program.templates(program.programs)', 'SELECT program_id, id FROM enrollment.templates'),
    ('program.parameters(program.programs)', 'SELECT program_id, id FROM enrollment.parameters'),
    ('program.parameter_groups(program.programs)', 'SELECT program_id, id FROM enrollment.parameter_groups'),
    ('program.programs(program.templates)', 'SELECT id, program_id FROM enrollment.templates'),
    ('program.programs(program.parameters)', 'SELECT id, program_id FROM enrollment.parameters'),
    ('program.parameter_groups(program.parameters)', 'SELECT id, group_id FROM enrollment.parameters'),
    ('program.programs(program.parameter_groups)', 'SELECT id, program_id FROM enrollment.parameter_groups');

CREATE TEMP VIEW embed_io AS
SELECT e.fn, e.pairs, p.proname, format('%s.%s', sn.nspname, s.relname) AS source, format('%s.%s', tn.nspname, t.relname) AS target
  FROM pg_temp.embeds e JOIN pg_proc p ON p.oid = e.fn
  JOIN pg_class s ON s.reltype = p.proargtypes[0] JOIN pg_namespace sn ON sn.oid = s.relnamespace
  JOIN pg_class t ON t.reltype = p.prorettype JOIN pg_namespace tn ON tn.oid = t.relnamespace;

CREATE TEMP TABLE expected_embeds (fn regprocedure, caller text, pair text, PRIMARY KEY (fn, caller, pair));
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT * FROM pg_temp.embed_io LOOP
        EXECUTE format('INSERT INTO pg_temp.expected_embeds SELECT %L, s.caller, s.id || '' '' || t.id'
                       '  FROM (%s) q(s, t)'
                       '  JOIN pg_temp.expected s ON s.relation = %L AND s.id = q.s::text'
                       '  JOIN pg_temp.expected t ON t.relation = %L AND t.id = q.t::text AND t.caller = s.caller',
                       r.fn, r.pairs, r.source, r.target);
    END LOOP;
END $$;

-- Expected outcome of an action (rules: test/fixtures/rls_matrix_actions.sql)
CREATE FUNCTION pg_temp.expected_outcome(a pg_temp.actions, target text, who text) RETURNS text
    LANGUAGE sql STABLE AS $$
    SELECT coalesce(a.outcome ->> (target || ' ' || who), a.outcome ->> who,
                    CASE WHEN c.type IS NULL THEN a.outcome ->> 'unidentified' END, CASE
        WHEN c.role <> 'enrollment_web' OR c.type IS NULL THEN '42501'
        WHEN a.type_first AND NOT c.type = ANY (a.allowed) THEN '42501'
        WHEN target IS NOT NULL AND NOT EXISTS (
             SELECT FROM pg_temp.targets t JOIN pg_temp.expected x ON x.relation = t.relation AND x.id = t.id
              WHERE t.kind = a.kind AND t.id = target AND x.caller = who) THEN 'PT404'
        WHEN NOT c.type = ANY (a.allowed) THEN '42501'
        ELSE coalesce(a.outcome ->> (target || ' ' || c.type), a.outcome ->> target, a.outcome ->> c.type,
                      a.outcome ->> '*', 'ok') END)
      FROM pg_temp.callers c WHERE c.caller = who
$$;

-- what a read returned: its ids, or the error as one row that matches nothing
CREATE FUNCTION pg_temp.rows_or_error(r record) RETURNS text[] LANGUAGE plpgsql AS $$
BEGIN
    RETURN CASE WHEN r.outcome = 'ok' THEN r.ids ELSE ARRAY['(' || r.outcome || ': ' || r.message || ')'] END;
END $$;

-- what every caller reads: each relation, each computed relationship as the
-- pairs "source target" it embeds
CREATE TEMP TABLE got AS
SELECT 'read' AS part, r.relation AS item, c.caller, unnest(pg_temp.rows_or_error(run)) AS value
  FROM pg_temp.read_rules r CROSS JOIN pg_temp.callers c,
       LATERAL pg_temp.run_as(c.caller, format('SELECT %s FROM %s', r.key, r.relation)) run
UNION ALL
SELECT 'embed', i.fn::text, c.caller, unnest(pg_temp.rows_or_error(run))
  FROM pg_temp.embed_io i CROSS JOIN pg_temp.callers c,
       LATERAL pg_temp.run_as(c.caller, format('SELECT s.id::text || '' '' || t.id::text FROM %s s, LATERAL program.%I(s) t',
                                               i.source, i.proname)) run;
CREATE TEMP VIEW wanted AS
SELECT 'read' AS part, relation AS item, caller, id AS value FROM pg_temp.expected
UNION ALL
SELECT 'embed', fn::text, caller, pair FROM pg_temp.expected_embeds;

\echo '-- reads and embedding: caller x relation or computed relationship, rows missing or extra against the rules'
SELECT coalesce(w.part, g.part), coalesce(w.item, g.item), coalesce(w.caller, g.caller), coalesce(w.value, g.value),
       CASE WHEN g.value IS NULL THEN 'missing' ELSE 'extra' END
  FROM pg_temp.wanted w FULL JOIN pg_temp.got g
    ON g.part = w.part AND g.item = w.item AND g.caller = w.caller AND g.value = w.value
 WHERE w.value IS NULL OR g.value IS NULL
 ORDER BY 1, 2, 3, 4;

\echo '-- reads: rows each identified caller must see (so that the comparison is not empty)'
SELECT r.relation, string_agg(c.caller || '=' || (SELECT count(*) FROM pg_temp.expected e
                                                  WHERE e.relation = r.relation AND e.caller = c.caller), ' ' ORDER BY c.caller)
  FROM pg_temp.read_rules r CROSS JOIN pg_temp.callers c
 WHERE c.type IS NOT NULL
 GROUP BY r.n, r.relation ORDER BY r.n;

-- Users inside objects (audit "by", assignee) are rendered whole whoever the
-- caller is, also when the users policy hides them from it: every user
-- reference of every view as "object user has-name"
CREATE TEMP TABLE user_refs AS
SELECT c.caller, split_part(r, ' ', 1) AS object, split_part(r, ' ', 2) AS usr, split_part(r, ' ', 3)::boolean AS named
  FROM pg_temp.callers c,
       LATERAL pg_temp.run_as(c.caller, (
           SELECT string_agg(format('SELECT v.id || '' '' || (e.v -> ''by'' ->> ''id'') || '' '' || (e.v -> ''by'' ? ''name'')'
                                    ' FROM %s v, jsonb_each(v.audit) e(k, v) WHERE e.v ? ''by''', a.attrelid::regclass), ' UNION ALL ')
             FROM pg_attribute a JOIN pg_class v ON v.oid = a.attrelid
            WHERE v.relnamespace = 'program'::regnamespace AND v.relkind = 'v' AND a.attname = 'audit')
           || $$ UNION ALL SELECT id || ' ' || (assignee ->> 'id') || ' ' || (assignee ? 'name')
                  FROM program.enrollments WHERE assignee IS NOT NULL$$) run,
       unnest(pg_temp.rows_or_error(run)) r;

\echo '-- users rendered inside objects: references without a name; per caller, those of users it cannot read'
SELECT caller, object, usr FROM pg_temp.user_refs WHERE named IS NOT TRUE ORDER BY 1, 2, 3;
SELECT c.caller, count(u.usr) FILTER (WHERE NOT EXISTS (SELECT FROM pg_temp.expected x
                                                        WHERE x.relation = 'enrollment.users' AND x.caller = c.caller AND x.id = u.usr))
  FROM pg_temp.callers c LEFT JOIN pg_temp.user_refs u USING (caller)
 WHERE c.type IS NOT NULL
 GROUP BY c.caller ORDER BY 1;

\echo '-- actions: caller x function x target, outcome other than expected'
CREATE TEMP TABLE outcomes AS
SELECT a.fn, t.id AS target, c.caller, pg_temp.expected_outcome(a, t.id, c.caller) AS expected, run.outcome, run.message, run.ids
  FROM pg_temp.actions a
  LEFT JOIN pg_temp.targets t ON t.kind = a.kind
  CROSS JOIN pg_temp.callers c,
  LATERAL pg_temp.run_as(c.caller, format(a.call, t.id)) run;
SELECT fn, coalesce(target, '-'), caller, 'expected ' || expected, 'got ' || outcome, message
  FROM pg_temp.outcomes WHERE expected IS DISTINCT FROM outcome
 ORDER BY 1, 2, 3;

\echo '-- actions that answer rows (reads set): ids missing or extra against the caller''s reads of that relation'
SELECT coalesce(w.fn, g.fn), coalesce(w.target, g.target, '-'), coalesce(w.caller, g.caller), coalesce(w.id, g.id),
       CASE WHEN g.id IS NULL THEN 'missing' ELSE 'extra' END
  FROM (SELECT o.fn, o.target, o.caller, x.id FROM pg_temp.outcomes o JOIN pg_temp.actions a USING (fn)
          JOIN pg_temp.expected x ON x.relation = a.reads AND x.caller = o.caller AND (o.target IS NULL OR x.id = o.target)
         WHERE o.outcome = 'ok') w
  FULL JOIN (SELECT o.fn, o.target, o.caller, unnest(o.ids) AS id FROM pg_temp.outcomes o JOIN pg_temp.actions a USING (fn)
              WHERE a.reads IS NOT NULL AND o.outcome = 'ok') g
    ON g.fn = w.fn AND g.target IS NOT DISTINCT FROM w.target AND g.caller = w.caller AND g.id = w.id
 WHERE w.id IS NULL OR g.id IS NULL
 ORDER BY 1, 2, 3, 4;

\echo '-- actions: each identified caller meets, per function, a target it sees and one it does not'
SELECT a.fn, c.caller,
       CASE WHEN bool_and(x.id IS NULL) THEN 'no visible target' ELSE 'no foreign target' END
  FROM pg_temp.actions a JOIN pg_temp.targets t ON t.kind = a.kind CROSS JOIN pg_temp.callers c
  LEFT JOIN pg_temp.expected x ON x.relation = t.relation AND x.id = t.id AND x.caller = c.caller
 WHERE c.type IS NOT NULL
 GROUP BY a.fn, c.caller
HAVING bool_and(x.id IS NULL) OR bool_and(x.id IS NOT NULL)
 ORDER BY 1, 2;

\echo '-- actions whose allowed callers never get past the visibility and type checks'
SELECT o.fn FROM pg_temp.outcomes o JOIN pg_temp.callers c USING (caller)
 WHERE c.type IS NOT NULL
 GROUP BY o.fn
HAVING bool_and(o.outcome IN ('PT404', '42501'))
 ORDER BY 1;

\echo '-- coverage: views and functions of schema program the matrix leaves out, rows naming none'
SELECT 'view not in the matrix: ' || c.oid::regclass
  FROM pg_class c
 WHERE c.relnamespace = 'program'::regnamespace AND c.relkind IN ('v', 'r', 'm', 'p', 'f')
   AND c.oid::regclass::text NOT IN (SELECT relation FROM pg_temp.read_rules)
UNION ALL
SELECT 'function not in the matrix: ' || p.oid::regprocedure
  FROM pg_proc p
 WHERE p.pronamespace = 'program'::regnamespace
   AND p.oid NOT IN (SELECT fn FROM pg_temp.embeds)
   AND p.proname NOT IN (SELECT fn FROM pg_temp.actions)
UNION ALL
SELECT 'action names no function of schema program: ' || a.fn
  FROM pg_temp.actions a
 WHERE NOT EXISTS (SELECT FROM pg_proc p WHERE p.pronamespace = 'program'::regnamespace AND p.proname = a.fn)
UNION ALL
SELECT 'read rule names no relation: ' || r.relation
  FROM pg_temp.read_rules r WHERE to_regclass(r.relation) IS NULL
UNION ALL
SELECT 'action reads a relation without read rule: ' || a.fn
  FROM pg_temp.actions a WHERE a.reads NOT IN (SELECT relation FROM pg_temp.read_rules)
ORDER BY 1;
