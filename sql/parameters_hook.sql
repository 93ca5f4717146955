-- Pre-validation hooks: registration (administrators only, signature checked),
-- which preValidation flag calls the hook when, and what a hook may answer:
-- errors, adjusted values, an enrollment error, NULL; a hook that raises or
-- answers garbage is PT400, never a crash, and what it did is rolled back.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
\i test/fixtures/try.sql
\set VERBOSITY default
SELECT id AS p_company FROM parameters WHERE external_id = 'companyName' \gset
SELECT id AS p_mpn FROM parameters WHERE external_id = 'mpnId' \gset

CREATE TABLE public.hook_calls (n serial, doc jsonb);
-- the vendor's hook: records each call; refuses the company "Acme", upper-cases the MPN id,
-- and answers according to the notes of a draft document (for the garbage cases)
CREATE FUNCTION public.vendor_hook(doc jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    company text := (SELECT e ->> 'value' FROM jsonb_array_elements(doc -> 'parameters' -> 'ordering') e
                      WHERE e ->> 'id' = (SELECT id::text FROM enrollment.parameters WHERE external_id = 'companyName'));
    mpn text := (SELECT e ->> 'value' FROM jsonb_array_elements(doc -> 'parameters' -> 'ordering') e
                  WHERE e ->> 'id' = (SELECT id::text FROM enrollment.parameters WHERE external_id = 'mpnId'));
    mpn_id text := (SELECT id::text FROM enrollment.parameters WHERE external_id = 'mpnId');
    company_id text := (SELECT id::text FROM enrollment.parameters WHERE external_id = 'companyName');
BEGIN
    INSERT INTO public.hook_calls (doc) VALUES (doc);
    CASE doc ->> 'notes'
        WHEN 'raise' THEN RAISE EXCEPTION 'vendor backend unavailable';
        WHEN 'array' THEN RETURN '[1, 2]';
        WHEN 'null' THEN RETURN NULL;
        WHEN 'bad error' THEN RETURN jsonb_build_object('error', 'no');
        WHEN 'unknown id' THEN RETURN '{"parameters": {"ordering": [{"id": "PPM-0000-0000-0001", "value": 1}]}}';
        WHEN 'refuse' THEN RETURN '{"error": {"id": "VND1", "message": "We do not enroll this buyer."}}';
        ELSE NULL;
    END CASE;
    RETURN jsonb_build_object('parameters', jsonb_build_object('ordering',
        jsonb_build_array(jsonb_build_object('id', mpn_id, 'value', upper(mpn)))
        || CASE WHEN company = 'Acme' THEN jsonb_build_array(jsonb_build_object('id', company_id,
                'error', jsonb_build_object('id', 'VND2', 'message', 'Acme is not a partner.'))) ELSE '[]' END));
END $$;
CREATE FUNCTION public.wrong_hook(doc json) RETURNS jsonb LANGUAGE sql AS 'SELECT NULL::jsonb';
CREATE FUNCTION public.wrong_hook2(doc jsonb) RETURNS text LANGUAGE sql AS 'SELECT NULL::text';
CREATE FUNCTION public.wrong_hook3(doc jsonb) RETURNS SETOF jsonb LANGUAGE sql AS 'SELECT NULL::jsonb';

-- registration: administrators only (not granted to anyone), signature checked
SELECT has_function_privilege('public', 'enrollment.program_set_pre_validation_hook(enrollment.mpt_id, regprocedure)', 'EXECUTE') AS public_may_register;
SELECT program_set_pre_validation_hook(:'prg', 'public.wrong_hook(json)');
SELECT program_set_pre_validation_hook(:'prg', 'public.wrong_hook2(jsonb)');
SELECT program_set_pre_validation_hook(:'prg', 'public.wrong_hook3(jsonb)');
SELECT program_set_pre_validation_hook('PRG-0000-0000', 'public.vendor_hook(jsonb)');
SELECT program_set_pre_validation_hook(:'prg', 'public.vendor_hook(jsonb)') = :'prg' AS registered;
SELECT pre_validation_hook FROM programs WHERE id = :'prg';

-- pg_temp.draft(notes, company, mpn): what a client's draft validation returns
CREATE FUNCTION pg_temp.draft(notes text, company text, mpn text) RETURNS text LANGUAGE sql AS $$
    SELECT enrollment.validate_enrollment_json(json_build_object(
        'program', json_build_object('id', (SELECT program_id FROM enrollment.parameters WHERE external_id = 'mpnId')),
        'notes', notes,
        'parameters', json_build_object('ordering', json_build_array(
            json_build_object('id', (SELECT id FROM enrollment.parameters WHERE external_id = 'companyName'), 'value', company),
            json_build_object('id', (SELECT id FROM enrollment.parameters WHERE external_id = 'mpnId'), 'value', mpn))))::text)::text
$$;
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;

\echo '-- flag off: the hook is not called'
SELECT pg_temp.draft('', 'Stark', 'abc1') AS draft;
SELECT count(*) AS calls FROM hook_calls;

\echo '-- enrollmentDraft on: called for New drafts; it adjusts a value and reports an error'
UPDATE programs SET pre_validation_enrollment_draft = true WHERE id = :'prg';
SELECT pg_temp.draft('', 'Stark', 'abc1') AS draft;
SELECT pg_temp.draft('', 'Acme', 'abc1') AS draft;
SELECT n, doc -> 'program' AS program, jsonb_array_length(doc -> 'parameters' -> 'ordering') AS ordering FROM hook_calls ORDER BY n;
\echo '-- an enrollment-level refusal, NULL (no opinion), and answers that are no answer'
SELECT pg_temp.draft('refuse', 'Stark', 'abc1') AS draft;
SELECT pg_temp.draft('null', 'Stark', 'abc1') AS draft;
SELECT pg_temp.draft('array', 'Stark', 'abc1');
SELECT pg_temp.draft('bad error', 'Stark', 'abc1');
SELECT pg_temp.draft('unknown id', 'Stark', 'abc1');
\echo '-- a hook that raises: PT400 with its message, and what it wrote is rolled back'
SELECT count(*) AS calls_before FROM hook_calls;
SELECT pg_temp.draft('raise', 'Stark', 'abc1');
\set VERBOSITY sqlstate
SELECT pg_temp.draft('raise', 'Stark', 'abc1');
\set VERBOSITY default
SELECT count(*) AS calls_after FROM hook_calls;
-- the session goes on normally after a caught hook error, in a transaction too
BEGIN;
SELECT pg_temp.try('ACC-2000-0001', 'USR-2000-0001', $$SELECT pg_temp.draft('raise', 'Stark', 'x')$$);
SELECT pg_temp.draft('', 'Stark', 'abc1') IS NOT NULL AS still_works;
COMMIT;

\echo '-- stored enrollments: submit (Draft, New) calls the hook; its value sticks, its error refuses'
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e \gset
SELECT enrollment_set_parameters(:'e', format('[{"id": "%s", "value": "Acme"}, {"id": "%s", "value": "ab12"}]', :'p_company', :'p_mpn')::jsonb) IS NOT NULL AS set;
SELECT enrollment_submit(:'e');
SELECT enrollment_validate(:'e');
SELECT parameter_id, value, error FROM enrollment_parameters WHERE enrollment_id = :'e' AND value IS NOT NULL ORDER BY parameter_id;
SELECT enrollment_set_parameters(:'e', format('[{"id": "%s", "value": "Stark"}]', :'p_company')::jsonb) IS NOT NULL AS set;
SELECT enrollment_submit(:'e') IS NOT NULL AS submitted;
SELECT parameter_id, value, error FROM enrollment_parameters WHERE enrollment_id = :'e' AND value IS NOT NULL ORDER BY parameter_id;
SELECT doc ->> 'id' = :'e' AS same_enrollment, doc ->> 'status' AS status, doc ->> 'type' AS type
  FROM hook_calls ORDER BY n DESC LIMIT 1;

\echo '-- Querying: enrollmentQuerying decides (off here), and a raising hook blocks process with PT400'
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_query(:'e', (SELECT id FROM templates WHERE program_id = :'prg' AND type = 'EnrollmentQuerying')) IS NOT NULL AS queried;
SELECT count(*) AS calls_before FROM hook_calls;
SELECT enrollment_validate(:'e') -> 'error' AS error;
SELECT count(*) AS calls_after FROM hook_calls;
UPDATE programs SET pre_validation_enrollment_querying = true WHERE id = :'prg';
CREATE OR REPLACE FUNCTION public.vendor_hook(doc jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'querying hook down for %', doc ->> 'status';
END $$;
SELECT enrollment_process(:'e');
SELECT status FROM enrollments WHERE id = :'e';

\echo '-- Change (re-enrollment): reEnrollment decides'
CREATE OR REPLACE FUNCTION public.vendor_hook(doc jsonb) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_build_object('error', jsonb_build_object('message', 'Re-enrollment refused: ' || (doc ->> 'type')))
$$;
UPDATE programs SET pre_validation_enrollment_querying = false WHERE id = :'prg';
SELECT enrollment_process(:'e') IS NOT NULL AS processed;
SELECT enrollment_complete(:'e') IS NOT NULL AS completed;
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_create(certificate_id => (SELECT certificate_id FROM enrollments WHERE id = :'e')) AS e_renew \gset
SELECT enrollment_validate(:'e_renew') -> 'error' AS without_flag;
UPDATE programs SET pre_validation_re_enrollment = true WHERE id = :'prg';
SELECT enrollment_validate(:'e_renew') -> 'error' AS with_flag;
SELECT error FROM enrollments WHERE id = :'e_renew';
SELECT enrollment_submit(:'e_renew');

-- unregister
SELECT program_set_pre_validation_hook(:'prg', NULL) IS NOT NULL AS unregistered;
SELECT enrollment_validate(:'e_renew') -> 'error' AS unregistered_error;
