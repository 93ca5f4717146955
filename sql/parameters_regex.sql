-- Back-references and lookaround constraints in a definition's pattern:
-- refused when the definition is written (OPT0021, OPT0022), and a definition
-- stored with one before that rule never runs it (its parameters get the id
-- instead of minutes of matching while the enrollment's row locks are held).
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
\set VERBOSITY default
-- the reviewer's pattern: minutes on 800 characters without the rule
SELECT parameter_create(:'prg', 'Evil', 'SingleLineText', 'Order', 60,
       options => '{"pattern": "(.*)(.*)(.*)\\3\\2\\1b"}');
-- every form ARE reads as a back-reference; an escaped backslash before a
-- digit, an octal escape and a digit in a bracket are not back-references
CREATE FUNCTION pg_temp.detail(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    d text;
BEGIN
    EXECUTE stmt;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
    RETURN SQLSTATE || ': ' || coalesce(nullif(d, ''), SQLERRM);
END $$;
SELECT pattern, pg_temp.detail(format(
           'SELECT enrollment.parameter_create(%L, %L, %L, %L, 1, options => %L)',
           :'prg', 'p ' || pattern, 'SingleLineText', 'Order',
           jsonb_build_object('pattern', pattern))) AS result
  FROM (VALUES ('(a)\1'), ('(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10'), ('(?:(a)|b)\1'),
               ('(a)\1{2,3}'), ('\k<x>'), ('a\\1'), ('\0101'), ('[\d1]'), ('(a)1')) AS c(pattern);
SELECT parameter_create(:'prg', 'Plain', 'SingleLineText', 'Order', 60,
       options => '{"pattern": "(.*)(.*)b"}') AS pid \gset
SELECT parameter_update(:'pid', options => '{"pattern": "(.*)(.*)(.*)\\3\\2\\1b"}');

-- a definition written behind the API's back: the parameter gets OPT0021,
-- at once (the timeout only keeps a regression from hanging the suite)
UPDATE parameters SET options = '{"pattern": "(.*)(.*)(.*)\\3\\2\\1b"}' WHERE id = :'pid';
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SET statement_timeout = '5s';
SELECT e -> 'error' AS error
  FROM jsonb_array_elements(validate_enrollment_json(jsonb_build_object(
           'program', jsonb_build_object('id', :'prg'),
           'parameters', jsonb_build_object('ordering', jsonb_build_array(
               jsonb_build_object('id', :'pid', 'value', repeat('a', 800) || 'xb'))))::text)::jsonb
           -> 'parameters' -> 'ordering') e
 WHERE e ->> 'id' = :'pid';
-- a stored enrollment holding a value for it: the same per-parameter error
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS eid \gset
SELECT enrollment_set_parameters(:'eid', jsonb_build_array(jsonb_build_object('id', :'pid', 'value', repeat('a', 800) || 'xb'))) IS NOT NULL AS set;
SELECT enrollment_validate(:'eid');
SELECT enrollment_submit(:'eid');
RESET statement_timeout;

-- Lookahead and lookbehind constraints: refused too (OPT0022).  The outside
-- reviewer's nested lookaheads took 6.4 s on 2,000 characters without the rule.
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT pattern, pg_temp.detail(format(
           'SELECT enrollment.parameter_create(%L, %L, %L, %L, 1, options => %L)',
           :'prg', 'q ' || pattern, 'SingleLineText', 'Order',
           jsonb_build_object('pattern', pattern))) AS result
  FROM (VALUES ('(?:(?=(?:(?=.*z).)*y).)*'), ('a(?=b)b'), ('(?!x)y'), ('(?<=a)b'), ('(?<!a)b'),
               ('(?:ab)+'), ('[(?=]x')) AS c(pattern);
-- stored behind the API's back: the parameter gets OPT0022 at once, the value never meets the pattern
UPDATE parameters SET options = '{"pattern": "(?:(?=(?:(?=.*z).)*y).)*"}' WHERE id = :'pid';
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SET statement_timeout = '5s';
SELECT e -> 'error' AS error
  FROM jsonb_array_elements(validate_enrollment_json(jsonb_build_object(
           'program', jsonb_build_object('id', :'prg'),
           'parameters', jsonb_build_object('ordering', jsonb_build_array(
               jsonb_build_object('id', :'pid', 'value', repeat('y', 2000)))))::text)::jsonb
           -> 'parameters' -> 'ordering') e
 WHERE e ->> 'id' = :'pid';
RESET statement_timeout;
