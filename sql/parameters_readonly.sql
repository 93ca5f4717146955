-- Readonly values of a stored enrollment are the platform's: the client
-- cannot write them, so validation does not compare them with the
-- definition's current defaultValue (draft documents still are).
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
\echo '-- the vendor changes a readonly parameter''s defaultValue: existing Drafts keep the value they got'
\echo '-- and still validate and submit (before: PRM0026 for ever, the client unable to write the value)'
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment.parameter_create(:'prg', 'Tier', 'SingleLineText', 'Order', 70,
       constraints => '{"readonly": true}', options => '{"defaultValue": "Silver"}') AS p_tier \gset
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e_tier \gset
SELECT value FROM enrollment_parameters WHERE enrollment_id = :'e_tier' AND parameter_id = :'p_tier';
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment.parameter_update(:'p_tier', options => '{"defaultValue": "Gold"}') IS NOT NULL AS default_changed;
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_validate(:'e_tier');
SELECT enrollment_set_parameters(:'e_tier', jsonb_build_array(jsonb_build_object('id', :'p_tier', 'value', 'Gold')));
SELECT enrollment_submit(:'e_tier') IS NOT NULL AS submitted;
-- a draft document is still held to the current default
SELECT e -> 'error' AS document_error
  FROM json_array_elements(validate_enrollment_json(jsonb_build_object('program', jsonb_build_object('id', :'prg'),
           'parameters', jsonb_build_object('ordering', jsonb_build_array(
               jsonb_build_object('id', :'p_tier', 'value', 'Silver'))))::text) -> 'parameters' -> 'ordering') e
 WHERE e ->> 'id' = :'p_tier';
