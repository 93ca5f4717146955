-- A cancel (statement_timeout) while the definition cache is filled: the
-- regex engine gives up with REG_CANCEL, which must raise the cancel, not
-- record the definitions as broken (OPT0007 "operation cancelled") in the
-- backend's cache for the rest of the session.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
CREATE FUNCTION pg_temp.doc(prg text, pid text, val text) RETURNS text LANGUAGE sql AS $$
    SELECT jsonb_build_object('program', jsonb_build_object('id', prg),
               'parameters', jsonb_build_object('ordering', jsonb_build_array(
                   jsonb_build_object('id', pid, 'value', val))))::text $$;
-- the statements' plans are prepared before the timed call
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT validate_enrollment_json(pg_temp.doc(:'prg', enrollment.mpt_id_child(:'prg', 'PPM', 1)::text, 'Stark'))::jsonb -> 'error' AS warm;
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
-- a large program: loading its 1000 definitions compiles 2000 patterns
-- (about ten times longer than the timeout below)
INSERT INTO parameters (program_id, name, external_id, phase, type, display_order, options)
SELECT :'prg', 'P' || g, 'x' || g, 'Order', 'SingleLineText', 100 + g,
       jsonb_build_object('pattern', '([a-z0-9]{1,20}\.){0,5}[a-z]{2,' || (10 + g % 50) || '}')
  FROM generate_series(1, 1000) g;
SELECT max(id) AS last_pid FROM parameters WHERE program_id = :'prg' \gset
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;

SET statement_timeout = '25ms';
SELECT validate_enrollment_json(pg_temp.doc(:'prg', :'last_pid', 'abc.de')) IS NOT NULL;
RESET statement_timeout;

-- the same session then validates with the real definitions: only the
-- fixture's required companyName is missing, the pattern still applies
SELECT e -> 'error' ->> 'id' AS error, count(*)
  FROM jsonb_array_elements(validate_enrollment_json(pg_temp.doc(:'prg', :'last_pid', 'abc.de'))::jsonb -> 'parameters' -> 'ordering') e
 GROUP BY 1 ORDER BY 1;
SELECT validate_enrollment_json(pg_temp.doc(:'prg', :'last_pid', 'ABC'))::jsonb -> 'parameters' -> 'ordering' -> 0 -> 'error' AS mismatch;
