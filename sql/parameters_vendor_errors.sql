-- A validation by the platform clears or replaces only the errors it wrote
-- itself (its PRMnnnn / OPTnnnn, the hook's, ENR0001).  Errors the vendor
-- wrote (enrollment_set_parameters, enrollment_update: error_by_vendor)
-- stay when the platform finds nothing, whatever their id; a platform
-- finding on the same parameter replaces the vendor's parameter error, never
-- the vendor's enrollment error.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
SELECT enrollment.parameter_create(:'prg', 'Code', 'SingleLineText', 'Order', 50,
       options => '{"pattern": "[A-Z]+"}') AS p_code \gset
SELECT enrollment.mpt_id_child(:'prg', 'PPM', 1) AS p_company, enrollment.mpt_id_child(:'prg', 'PPM', 2) AS p_mpn \gset
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS eid \gset
SELECT enrollment.enrollment_set_parameters(:'eid', jsonb_build_array(jsonb_build_object('id', :'p_code', 'value', 'ABC'))) IS NOT NULL AS code_set;
SELECT enrollment.enrollment_submit(:'eid') IS NOT NULL AS submitted;

\echo '-- the vendor marks three parameters (one error without id, two with its own ids) and the enrollment, then queries'
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT id AS tq FROM templates WHERE program_id = :'prg' AND type = 'EnrollmentQuerying' LIMIT 1 \gset
SELECT enrollment.enrollment_set_parameters(:'eid', jsonb_build_array(
           jsonb_build_object('id', :'p_company', 'error', jsonb_build_object('message', 'Company name must match your legal entity.')),
           jsonb_build_object('id', :'p_mpn', 'error', jsonb_build_object('id', 'E001234', 'message', 'MPN ID is not registered.')),
           jsonb_build_object('id', :'p_code', 'error', jsonb_build_object('id', 'E001235', 'message', 'Code is retired.'))))
       IS NOT NULL AS vendor_marked;
SELECT enrollment.enrollment_update(:'eid', error => '{"message": "Please fix the company name"}') IS NOT NULL AS vendor_error;
SELECT enrollment.enrollment_query(:'eid', :'tq') IS NOT NULL AS querying;

\echo '-- the client validates without changing anything: the platform finds nothing, the vendor errors stay'
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT jsonb_pretty(enrollment.enrollment_validate(:'eid')) AS validated;
SELECT error FROM enrollments WHERE id = :'eid';
SELECT parameter_id, error FROM enrollment_parameters WHERE enrollment_id = :'eid' AND error IS NOT NULL ORDER BY 1;

\echo '-- the platform finds a problem on a parameter the vendor marked (the vendor tightened the pattern,'
\echo '-- written behind the API): its error replaces the vendor''s on that parameter; the enrollment keeps'
\echo '-- the vendor''s message, while validate reports ENR0001 to submit and process'
UPDATE parameters SET options = '{"pattern": "[A-Z]+[0-9]"}' WHERE id = :'p_code';
SELECT jsonb_pretty(enrollment.enrollment_validate(:'eid')) AS validated;
SELECT error FROM enrollments WHERE id = :'eid';
SELECT parameter_id, error FROM enrollment_parameters WHERE enrollment_id = :'eid' AND error IS NOT NULL ORDER BY 1;
SELECT enrollment.enrollment_process(:'eid');

\echo '-- the client fixes the value: the platform clears its own error, the vendor''s stay'
SELECT enrollment.enrollment_set_parameters(:'eid', jsonb_build_array(jsonb_build_object('id', :'p_code', 'value', 'ABC1'))) IS NOT NULL AS fixed;
SELECT jsonb_pretty(enrollment.enrollment_validate(:'eid')) AS validated;
SELECT parameter_id, error FROM enrollment_parameters WHERE enrollment_id = :'eid' AND error IS NOT NULL ORDER BY 1;
\echo '-- process goes on (the vendor''s errors are the vendor''s to clear); the transition clears the enrollment error'
SELECT enrollment.enrollment_process(:'eid') IS NOT NULL AS processed;
SELECT status, error FROM enrollments WHERE id = :'eid';
SELECT parameter_id, error FROM enrollment_parameters WHERE enrollment_id = :'eid' AND error IS NOT NULL ORDER BY 1;
