-- The program API on the Citus cluster, called as PostgREST calls it (README
-- "Growing past one machine"): each request is its own transaction that
-- switches to the API role, sets the caller's claims with set_config(...,
-- true), runs PostgREST's db-pre-request enrollment.forward_claims() (Citus
-- forwards a setting to the workers only as SET LOCAL), then one RPC call or
-- one view read.  The vendor creates and publishes a program, a client enrols
-- and submits, the vendor completes, the client reads its certificate;
-- another client and another vendor see none of it.
\set VERBOSITY terse
SET client_min_messages = warning;
\i test/fixtures/postgrest_roles.sql
-- Citus opens its connections to the workers as the current user: the API
-- roles must be allowed to log in (pg_hba.conf restricts from where)
ALTER ROLE enrollment_web LOGIN;
ALTER ROLE enrollment_anon LOGIN;
RESET client_min_messages;
\set vendor '{"account_id": "ACC-1000-0001", "user_id": "USR-1000-0001"}'
\set client '{"account_id": "ACC-2000-0001", "user_id": "USR-2000-0001"}'
\set other_client '{"account_id": "ACC-2000-0002", "user_id": "USR-2000-0002"}'
\set other_vendor '{"account_id": "ACC-1000-0002", "user_id": "USR-1000-0002"}'

BEGIN; SET LOCAL ROLE enrollment_web;
SELECT set_config('request.jwt.claims', :'vendor', true) IS NULL \g /dev/null
SELECT enrollment.forward_claims() \g /dev/null
SELECT r.id AS prg, r.status AS status
  FROM program.create_program(name => 'API on Citus', "applicableTo" => 'Buyer',
                              eligibility => '{"client": true, "partner": true}') r \gset
COMMIT;
\echo created :status

BEGIN; SET LOCAL ROLE enrollment_web;
SELECT set_config('request.jwt.claims', :'vendor', true) IS NULL \g /dev/null
SELECT enrollment.forward_claims() \g /dev/null
SELECT r.id AS p1, r.type AS type
  FROM program.create_parameter(:'prg', name => 'Company', phase => 'Order', type => 'SingleLineText',
                                "displayOrder" => 10, constraints => '{"required": true}') r \gset
COMMIT;
\echo parameter :type

BEGIN; SET LOCAL ROLE enrollment_web;
SELECT set_config('request.jwt.claims', :'vendor', true) IS NULL \g /dev/null
SELECT enrollment.forward_claims() \g /dev/null
SELECT r.id AS tpl, r.type AS type
  FROM program.create_template(:'prg', name => 'Done', content => 'Welcome.', type => 'EnrollmentCompleted') r \gset
COMMIT;
\echo template :type

BEGIN; SET LOCAL ROLE enrollment_web;
SELECT set_config('request.jwt.claims', :'vendor', true) IS NULL \g /dev/null
SELECT enrollment.forward_claims() \g /dev/null
SELECT (program.publish_program(:'prg')).status AS published;
COMMIT;

BEGIN; SET LOCAL ROLE enrollment_web;
SELECT set_config('request.jwt.claims', :'client', true) IS NULL \g /dev/null
SELECT enrollment.forward_claims() \g /dev/null
SELECT r.id AS enr, r.status AS status
  FROM program.create_enrollment(program => jsonb_build_object('id', :'prg'), buyer => '{"id": "BUY-2000-0001"}',
           parameters => jsonb_build_object('ordering', jsonb_build_array(jsonb_build_object('id', :'p1', 'value', 'Stark')))) r \gset
COMMIT;
\echo enrolled :status

BEGIN; SET LOCAL ROLE enrollment_web;
SELECT set_config('request.jwt.claims', :'client', true) IS NULL \g /dev/null
SELECT enrollment.forward_claims() \g /dev/null
SELECT (program.submit_enrollment(:'enr')).status AS submitted;
COMMIT;

BEGIN; SET LOCAL ROLE enrollment_web;
SELECT set_config('request.jwt.claims', :'vendor', true) IS NULL \g /dev/null
SELECT enrollment.forward_claims() \g /dev/null
SELECT id = :'enr' AS listed, status FROM program.enrollments WHERE status = 'Processing';
COMMIT;

BEGIN; SET LOCAL ROLE enrollment_web;
SELECT set_config('request.jwt.claims', :'vendor', true) IS NULL \g /dev/null
SELECT enrollment.forward_claims() \g /dev/null
SELECT r.status AS completed, r.certificate ->> 'id' IS NOT NULL AS has_certificate
  FROM program.complete_enrollment(:'enr', template => jsonb_build_object('id', :'tpl'),
                                   "externalIds" => '{"vendor": "MS-CITUS-1"}') r;
COMMIT;

BEGIN; SET LOCAL ROLE enrollment_web;
SELECT set_config('request.jwt.claims', :'client', true) IS NULL \g /dev/null
SELECT enrollment.forward_claims() \g /dev/null
SELECT status, "externalIds" ->> 'vendor' AS vendor_id, parameters -> 'ordering' -> 0 ->> 'value' AS company
  FROM program.certificates WHERE program ->> 'id' = :'prg';
COMMIT;

BEGIN; SET LOCAL ROLE enrollment_web;
SELECT set_config('request.jwt.claims', :'other_client', true) IS NULL \g /dev/null
SELECT enrollment.forward_claims() \g /dev/null
SELECT count(*) AS other_client_sees FROM program.enrollments WHERE id = :'enr';
COMMIT;

BEGIN; SET LOCAL ROLE enrollment_web;
SELECT set_config('request.jwt.claims', :'other_client', true) IS NULL \g /dev/null
SELECT enrollment.forward_claims() \g /dev/null
SELECT program.fail_enrollment(:'enr', '{"message": "not mine"}');
ROLLBACK;

BEGIN; SET LOCAL ROLE enrollment_web;
SELECT set_config('request.jwt.claims', :'other_vendor', true) IS NULL \g /dev/null
SELECT enrollment.forward_claims() \g /dev/null
SELECT count(*) AS other_vendor_sees FROM program.programs WHERE id = :'prg';
COMMIT;
