-- The security matrix, replayed exactly as PostgREST sends requests: connected
-- as the LOGIN NOINHERIT authenticator, each request a transaction that switches
-- to the anonymous or the authenticated role and sets request.jwt.claims
-- (fixtures api_get.sql and api_rpc.sql).  Every caller reads every view; every
-- action is tried by callers that must be refused, before the engine is reached.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/postgrest_roles.sql
\i test/fixtures/api_pgrst.sql
\c - enrollment_authenticator
\set ECHO none
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on

\echo '-- reads: caller x view -> rows returned, their ids, hidden parameters seen ------'
\set who anonymous
\i test/fixtures/api_read_matrix.sql
\set who no-account
\i test/fixtures/api_read_matrix.sql
\set who unknown-account
\i test/fixtures/api_read_matrix.sql
\set who client-stark
\i test/fixtures/api_read_matrix.sql
\set who client-wayne
\i test/fixtures/api_read_matrix.sql
\set who vendor-microsoft
\i test/fixtures/api_read_matrix.sql
\set who vendor-adobe
\i test/fixtures/api_read_matrix.sql
\set who operations
\i test/fixtures/api_read_matrix.sql

\echo '-- a foreign object read by id is an empty result (PostgREST: 404 with'
\echo '-- Accept: application/vnd.pgrst.object+json), ones own is there'
\set who client-wayne
\i test/fixtures/api_as.sql
\set view enrollments
\set id ENR-1000-0001-0001
\i test/fixtures/api_get.sql
\set id ENR-1000-0001-0002
\i test/fixtures/api_get.sql
\set view programs
\set id PRG-1000-0002
\i test/fixtures/api_get.sql
\echo '-- a malformed id in a filter is a bad request (400): the mpt_id operators are in'
\echo '-- pg_catalog, so PostgREST search_path finds them (README "Ids in queries")'
\set id PRG-12
\i test/fixtures/api_get.sql
\echo '-- the same with enrollment on db-extra-search-path (which ids no longer need)'
\set pgrst_search_path '"program", "public", "enrollment"'
\i test/fixtures/api_get.sql
\set id PRG-1000-0001
\i test/fixtures/api_get.sql
\unset pgrst_search_path
\set id ''

\echo '-- the tables themselves (not exposed by PostgREST, but reachable from psql with'
\echo '-- the same role) apply the same row level security'
\set who client-stark
\i test/fixtures/api_as.sql
BEGIN READ ONLY;
SELECT set_config('role', :'role', true), set_config('request.jwt.claims', :'claims', true) \g /dev/null
SELECT 'enrollments', string_agg(id::text, ' ' ORDER BY id) FROM enrollment.enrollments;
SELECT 'certificates', string_agg(id::text, ' ' ORDER BY id) FROM enrollment.certificates;
SELECT 'programs', string_agg(id::text, ' ' ORDER BY id) FROM enrollment.programs;
SELECT 'accounts', string_agg(id::text, ' ' ORDER BY id) FROM enrollment.accounts;
SELECT 'users', string_agg(id::text, ' ' ORDER BY id) FROM enrollment.users;
SELECT 'buyers', string_agg(id::text, ' ' ORDER BY id) FROM enrollment.buyers;
SELECT 'licensees', string_agg(id::text, ' ' ORDER BY id) FROM enrollment.licensees;
SELECT 'hidden values', count(*) FROM enrollment.enrollment_parameters WHERE hidden;
SELECT 'history', count(*) FROM enrollment.history;
ROLLBACK;
\set who vendor-adobe
\i test/fixtures/api_as.sql
BEGIN READ ONLY;
SELECT set_config('role', :'role', true), set_config('request.jwt.claims', :'claims', true) \g /dev/null
SELECT 'enrollments', string_agg(id::text, ' ' ORDER BY id) FROM enrollment.enrollments;
SELECT 'accounts', string_agg(id::text, ' ' ORDER BY id) FROM enrollment.accounts;
SELECT 'users', string_agg(id::text, ' ' ORDER BY id) FROM enrollment.users;
SELECT 'buyers', string_agg(id::text, ' ' ORDER BY id) FROM enrollment.buyers;
SELECT 'licensees', string_agg(id::text, ' ' ORDER BY id) FROM enrollment.licensees;
ROLLBACK;
\echo '-- and no write reaches a table directly'
BEGIN;
SELECT set_config('role', :'role', true), set_config('request.jwt.claims', :'claims', true) \g /dev/null
UPDATE enrollment.enrollments SET notes = 'x';
ROLLBACK;
BEGIN;
SELECT set_config('role', 'enrollment_anon', true) \g /dev/null
SELECT count(*) FROM enrollment.programs;
ROLLBACK;
\echo '-- the authenticator itself (NOINHERIT) has no rights at all'
SELECT count(*) FROM program.programs;

\echo '-- actions refused before the engine: caller x action -> SQLSTATE and HTTP ------'
\echo '-- anonymous: no action is granted (401)'
\set who anonymous
\i test/fixtures/api_as.sql
\set fn complete_enrollment
\set body '{"id": "ENR-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set fn create_enrollment
\set body '{"program": {"id": "PRG-1000-0001"}, "buyer": {"id": "BUY-2000-0001"}}'
\i test/fixtures/api_rpc.sql
\set fn validate_enrollment
\set body '{"program": {"id": "PRG-1000-0001"}}'
\i test/fixtures/api_rpc_document.sql
\echo '-- a token naming no account (401), or an unknown one (403)'
\set who no-account
\i test/fixtures/api_as.sql
\set fn submit_enrollment
\set body '{"id": "ENR-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set who unknown-account
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql

\echo '-- foreign objects are not found (404), whoever asks'
\set who client-wayne
\i test/fixtures/api_as.sql
\set fn submit_enrollment
\set body '{"id": "ENR-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set fn delete_enrollment
\i test/fixtures/api_rpc.sql
\set fn update_enrollment
\set body '{"id": "ENR-1000-0001-0001", "parameters": {"ordering": []}}'
\i test/fixtures/api_rpc.sql
\set fn create_enrollment
\set body '{"program": {"id": "PRG-1000-0002"}, "buyer": {"id": "BUY-2000-0002"}}'
\i test/fixtures/api_rpc.sql
\set fn create_enrollment
\set body '{"certificate": {"id": "CER-2000-0001-0001"}}'
\i test/fixtures/api_rpc.sql
\set fn validate_enrollment
\set body '{"program": {"id": "PRG-1000-0003"}}'
\i test/fixtures/api_rpc_document.sql
\set who vendor-adobe
\i test/fixtures/api_as.sql
\set fn complete_enrollment
\set body '{"id": "ENR-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set fn fail_enrollment
\set body '{"id": "ENR-1000-0001-0001", "statusNotes": {"message": "no"}}'
\i test/fixtures/api_rpc.sql
\set fn terminate_certificate
\set body '{"id": "CER-1000-0001-0002", "statusNotes": {"message": "no"}}'
\i test/fixtures/api_rpc.sql
\set fn publish_program
\set body '{"id": "PRG-1000-0002"}'
\i test/fixtures/api_rpc.sql
\set fn delete_program
\i test/fixtures/api_rpc.sql
\set fn create_template
\set body '{"programId": "PRG-1000-0001", "name": "x", "content": "y", "type": "EnrollmentQuerying"}'
\i test/fixtures/api_rpc.sql
\set fn update_parameter
\set body '{"id": "PPM-1000-0001-0001", "name": "x"}'
\i test/fixtures/api_rpc.sql
\echo '-- a client does not see a hidden parameter, so cannot even find it'
\set who client-stark
\i test/fixtures/api_as.sql
\set fn delete_parameter
\set body '{"id": "PPM-1000-0001-0002"}'
\i test/fixtures/api_rpc.sql
\echo '-- an id of the wrong kind, or all zeros, is not found either; a malformed one is a bad request'
\set fn submit_enrollment
\set body '{"id": "PRG-1000-0001"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-0000-0000-0000"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": null}'
\i test/fixtures/api_rpc.sql

\echo '-- visible objects, wrong account type: forbidden (403)'
\set who client-stark
\i test/fixtures/api_as.sql
\set fn complete_enrollment
\set body '{"id": "ENR-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set fn query_enrollment
\set body '{"id": "ENR-1000-0001-0001", "template": {"id": "PTM-1000-0001-0002"}}'
\i test/fixtures/api_rpc.sql
\set fn fail_enrollment
\set body '{"id": "ENR-1000-0001-0001", "statusNotes": {"message": "no"}}'
\i test/fixtures/api_rpc.sql
\set fn terminate_certificate
\set body '{"id": "CER-2000-0001-0001", "statusNotes": {"message": "no"}}'
\i test/fixtures/api_rpc.sql
\set fn expire_certificate
\set body '{"id": "CER-2000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set fn publish_program
\set body '{"id": "PRG-1000-0001"}'
\i test/fixtures/api_rpc.sql
\set fn unpublish_program
\i test/fixtures/api_rpc.sql
\set fn delete_program
\i test/fixtures/api_rpc.sql
\set fn update_program_settings
\set body '{"id": "PRG-1000-0001", "programLink": true}'
\i test/fixtures/api_rpc.sql
\set fn create_program
\set body '{"name": "Mine", "applicableTo": "Buyer"}'
\i test/fixtures/api_rpc.sql
\set fn create_template
\set body '{"programId": "PRG-1000-0001", "name": "x", "content": "y", "type": "EnrollmentQuerying"}'
\i test/fixtures/api_rpc.sql
\set fn create_parameter
\set body '{"programId": "PRG-1000-0001", "name": "x", "type": "Email", "phase": "Order", "displayOrder": 1}'
\i test/fixtures/api_rpc.sql
\set fn update_parameter
\set body '{"id": "PPM-1000-0001-0001", "name": "x"}'
\i test/fixtures/api_rpc.sql
\set fn delete_parameter
\set body '{"id": "PPM-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn create_enrollment
\set body '{"program": {"id": "PRG-1000-0001"}, "buyer": {"id": "BUY-2000-0001"}}'
\i test/fixtures/api_rpc.sql
\set fn submit_enrollment
\set body '{"id": "ENR-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set fn delete_enrollment
\i test/fixtures/api_rpc.sql
\set fn validate_enrollment
\set body '{"program": {"id": "PRG-1000-0001"}}'
\i test/fixtures/api_rpc_document.sql
\set who operations
\i test/fixtures/api_as.sql
\set fn complete_enrollment
\set body '{"id": "ENR-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set fn process_enrollment
\i test/fixtures/api_rpc.sql
\set fn publish_program
\set body '{"id": "PRG-1000-0002"}'
\i test/fixtures/api_rpc.sql
\set fn terminate_certificate
\set body '{"id": "CER-1000-0001-0002", "statusNotes": {"message": "no"}}'
\i test/fixtures/api_rpc.sql

\echo '-- bad bodies from the right caller: 400'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn query_enrollment
\set body '{"id": "ENR-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "template": "PTM-1000-0001-0002"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "template": {"id": 7}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "template": {"id": "PTM-1"}}'
\i test/fixtures/api_rpc.sql
\set fn fail_enrollment
\set body '{"id": "ENR-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "statusNotes": "no"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "statusNotes": {"message": ""}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "statusNotes": {"message": "no", "colour": "red"}}'
\i test/fixtures/api_rpc.sql
\set fn complete_enrollment
\set body '{"id": "ENR-1000-0001-0001", "externalIds": {"vendor": 42}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "externalIds": {"operations": "x"}}'
\i test/fixtures/api_rpc.sql
\set fn update_program_settings
\set body '{"id": "PRG-1000-0001", "terminateOnExpiration": {"enabled": true, "days": 3}}'
\i test/fixtures/api_rpc.sql
\set fn create_program
\set body '{"applicableTo": "Buyer"}'
\i test/fixtures/api_rpc.sql
\set body '{"name": "x", "applicableTo": "Buyer", "eligibility": {"client": "yes"}}'
\i test/fixtures/api_rpc.sql
\set fn create_parameter
\set body '{"programId": "PRG-1000-0001", "name": "x", "type": "Email", "phase": "Order", "displayOrder": 1, "scope": "Agreement"}'
\i test/fixtures/api_rpc.sql
\set body '{"programId": "PRG-1000-0001", "name": "x", "type": "Email", "phase": "Order"}'
\i test/fixtures/api_rpc.sql
\set body '{"programId": "PRG-1000-0001", "name": "x", "type": "Email", "phase": "Order", "displayOrder": "first"}'
\i test/fixtures/api_rpc.sql
\set who client-stark
\i test/fixtures/api_as.sql
\set fn create_enrollment
\set body '{"buyer": {"id": "BUY-2000-0001"}}'
\i test/fixtures/api_rpc.sql
\set body '{"program": "PRG-1000-0001"}'
\i test/fixtures/api_rpc.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "parameters": {"fulfillment": [{"id": "PPM-1000-0001-0002", "value": "x"}]}}'
\i test/fixtures/api_rpc.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "parameters": {"ordering": {"id": "PPM-1000-0001-0001"}}}'
\i test/fixtures/api_rpc.sql
\set fn validate_enrollment
\set body '[1, 2]'
\i test/fixtures/api_rpc_document.sql
\set body '{"notes": "no program"}'
\i test/fixtures/api_rpc_document.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "program": {"id": "PRG-1000-0001"}}'
\i test/fixtures/api_rpc_document.sql

\echo '-- the marketplace Enrollment body goes to validate_enrollment as it is (its only'
\echo '-- parameter is an unnamed json: PostgREST passes the whole body), and comes back'
\echo '-- with the keys in the order sent'
\set fn validate_enrollment
\set body '{"program": {"id": "PRG-1000-0001"}, "parameters": {"ordering": []}}'
\i test/fixtures/api_rpc_document.sql
\echo '-- body keys that are no parameter never reach SQL (PGRST202, 404)'
\set fn complete_enrollment
\set body '{"id": "ENR-1000-0001-0001", "externalId": "x"}'
\i test/fixtures/api_rpc.sql
\set body '{"template": {"id": "PTM-1000-0001-0003"}}'
\i test/fixtures/api_rpc.sql
