-- JSON that PostgreSQL accepts but jansson cannot hold (an integer beyond
-- 64 bits) is reported as such, not as a value of the wrong shape.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
\set VERBOSITY default
SELECT enrollment.mpt_id_child(:'prg', 'PPM', 2) AS p_mpn \gset
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS eid \gset
-- a client's write (before: "parameters.ordering must be a JSON array")
SELECT enrollment_set_parameters(:'eid', ('[{"id": "' || :'p_mpn' || '", "value": 123456789012345678901234567890}]')::jsonb);
-- a hook's answer (before: "The hook returned a JSON value that is not an object.")
CREATE FUNCTION public.big_hook(doc jsonb) RETURNS jsonb LANGUAGE sql AS $$
    SELECT ('{"parameters": {"ordering": [{"id": "' || (SELECT id FROM enrollment.parameters WHERE external_id = 'mpnId')
            || '", "value": 123456789012345678901234567890}]}}')::jsonb $$;
SELECT program_set_pre_validation_hook(:'prg', 'public.big_hook(jsonb)') IS NOT NULL AS registered;
UPDATE programs SET pre_validation_enrollment_draft = true WHERE id = :'prg';
SELECT enrollment_validate(:'eid');
-- a draft document: the document parser names it too
SELECT validate_enrollment_json('{"program": {"id": "' || :'prg' || '"}, "parameters": {"ordering": [{"id": "' || :'p_mpn' || '", "value": 123456789012345678901234567890}]}}');
