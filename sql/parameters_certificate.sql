-- The certificate named by a draft document: for a re-enrollment (Change) it
-- picks the expected readonly values and is left out of the unique check, so
-- it must be a certificate of the program that the caller may see (PT404
-- otherwise); a New enrollment's certificate.id is ignored.  Before, another
-- client's certificate answered PRM0026 probes on its readonly values and
-- hid its unique values.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
\i test/fixtures/try.sql
SELECT parameter_create(:'prg', 'Tier', 'SingleLineText', 'Order', 50,
       constraints => '{"readonly": true}', options => '{"defaultValue": "standard"}') AS p_tier \gset
SELECT parameter_create(:'prg', 'Tenant', 'SingleLineText', 'Order', 60,
       constraints => '{"unique": true}') AS p_tenant \gset
SELECT enrollment.mpt_id_child(:'prg', 'PPM', 1) AS p_company \gset

-- Stark's certificate: the vendor set its tier to "platinum-7", its tenant is "stark-tenant"
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e_stark \gset
SELECT enrollment_set_parameters(:'e_stark', jsonb_build_array(jsonb_build_object('id', :'p_tenant', 'value', 'stark-tenant'))) IS NOT NULL AS set;
SELECT enrollment_submit(:'e_stark') IS NOT NULL AS submitted;
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_set_parameters(:'e_stark', jsonb_build_array(jsonb_build_object('id', :'p_tier', 'value', 'platinum-7'))) IS NOT NULL AS set;
SELECT enrollment_complete(:'e_stark') IS NOT NULL AS completed;
SELECT certificate_id AS c_stark FROM enrollments WHERE id = :'e_stark' \gset

-- doc(type, certificate, tier, tenant): the errors of a draft document, per parameter
-- (pg_temp.try runs it as the given caller: 'SELECT 1', then doc as the "after" query)
CREATE FUNCTION pg_temp.doc(type text, cert text, tier text, tenant text) RETURNS text LANGUAGE sql AS $$
    SELECT coalesce(string_agg((e ->> 'id') || ' ' || (e -> 'error' ->> 'id'), ', ' ORDER BY e ->> 'id')
                        FILTER (WHERE e ? 'error'), 'no errors')
      FROM jsonb_array_elements(enrollment.validate_enrollment_json(jsonb_build_object(
               'program', jsonb_build_object('id', (SELECT id FROM enrollment.programs LIMIT 1)),
               'type', type, 'certificate', jsonb_build_object('id', cert),
               'parameters', jsonb_build_object('ordering', jsonb_build_array(
                   jsonb_build_object('id', enrollment.mpt_id_child((SELECT id FROM enrollment.programs LIMIT 1), 'PPM', 1)::text, 'value', 'Someone'),
                   jsonb_build_object('id', (SELECT id FROM enrollment.parameters WHERE name = 'Tier')::text, 'value', tier),
                   jsonb_build_object('id', (SELECT id FROM enrollment.parameters WHERE name = 'Tenant')::text, 'value', tenant))))::text)::jsonb
               -> 'parameters' -> 'ordering') e
$$;

\echo '-- Stark re-enrolls with its own certificate: its values are expected, its tenant is its own'
SELECT pg_temp.try('ACC-2000-0001', 'USR-2000-0001',
           'SELECT 1',
           format('SELECT pg_temp.doc(%L, %L, %L, %L)', 'Change', :'c_stark', 'platinum-7', 'stark-tenant')) AS own;
SELECT pg_temp.try('ACC-2000-0001', 'USR-2000-0001',
           'SELECT 1',
           format('SELECT pg_temp.doc(%L, %L, %L, %L)', 'Change', :'c_stark', 'gold', 'stark-tenant')) AS own_wrong_tier;

\echo '-- Wayne names Stark''s certificate: not found, whatever it guesses'
SELECT pg_temp.try('ACC-2000-0002', 'USR-2000-0002', 'SELECT 1',
           format('SELECT pg_temp.doc(%L, %L, %L, %L)', 'Change', :'c_stark', 'platinum-7', 'x')) AS probe_right;
SELECT pg_temp.try('ACC-2000-0002', 'USR-2000-0002', 'SELECT 1',
           format('SELECT pg_temp.doc(%L, %L, %L, %L)', 'Change', :'c_stark', 'gold', 'x')) AS probe_wrong;
SELECT pg_temp.try('ACC-2000-0002', 'USR-2000-0002', 'SELECT 1',
           format('SELECT pg_temp.doc(%L, %L, %L, %L)', 'Change', 'CER-0000-0000-0000', 'gold', 'x')) AS unknown;
\echo '-- a New document''s certificate is ignored: Stark''s tenant is taken (PRM0027), the default tier expected'
SELECT pg_temp.try('ACC-2000-0002', 'USR-2000-0002',
           'SELECT 1',
           format('SELECT pg_temp.doc(%L, %L, %L, %L)', 'New', :'c_stark', 'standard', 'stark-tenant')) AS new_with_certificate;

\echo '-- the program''s vendor and operations may name it'
SELECT pg_temp.try('ACC-1000-0001', 'USR-1000-0001',
           'SELECT 1',
           format('SELECT pg_temp.doc(%L, %L, %L, %L)', 'Change', :'c_stark', 'platinum-7', 'stark-tenant')) AS vendor;
SELECT pg_temp.try('ACC-3000-0001', 'USR-3000-0001',
           'SELECT 1',
           format('SELECT pg_temp.doc(%L, %L, %L, %L)', 'Change', :'c_stark', 'platinum-7', 'stark-tenant')) AS operations;
