-- The field rules of the update functions are one C table (src/update_rules.c),
-- read here through enrollment.update_rules: the rules themselves, that the
-- statuses named are statuses of the object, and that README "Updates: who may
-- edit what" names every field.  Runs from the repository root, as sql/errcodes.sql.
\i test/fixtures/reset.sql
\pset null '(null)'
SELECT object_type, field, actors, statuses, clearable FROM enrollment.update_rules;

\echo '-- every status a rule names is a status of its object (from the transition table)'
SELECT r.object_type, r.field, s AS unknown_status
  FROM enrollment.update_rules r, unnest(r.statuses) s
 WHERE s NOT IN (SELECT to_status FROM enrollment.transitions t WHERE t.object_type = r.object_type);

\echo '-- every actor is an account type'
SELECT r.object_type, r.field, a FROM enrollment.update_rules r, unnest(r.actors) a
 WHERE a NOT IN ('Client', 'Vendor', 'Operations');

\echo '-- README names every field of the enrollment and certificate rules in its Updates section'
\! awk '/^### Updates: who may edit what/ { p = 1; next } /^### / { p = 0 } p' README.md > results/update_rules_readme.txt
CREATE TEMP TABLE readme (line text);
\copy readme FROM 'results/update_rules_readme.txt'
SELECT r.object_type, r.field AS missing_from_readme
  FROM enrollment.update_rules r
 WHERE r.object_type <> 'program'
   AND NOT EXISTS (SELECT 1 FROM readme WHERE line LIKE '%`' || r.field || '`%');

