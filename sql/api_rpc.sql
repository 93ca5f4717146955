-- The actions through the API, replayed as PostgREST sends them (fixture
-- api_rpc.sql): whole lifecycles by the right callers, the seed examples
-- (Complete Enrollment), illegal transitions and business rules from the engine
-- with their HTTP statuses, and reads of the results through the views.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/postgrest_roles.sql
\i test/fixtures/api_pgrst.sql
-- The seed completes an enrollment whose partner number "12ab" carries the
-- vendor's error E001234.  Completion validates every value (README
-- "Lifecycle"), so here the number's pattern admits "12ab" and the error is the
-- vendor's own, which validation keeps (sql/complete_validation.sql refuses an
-- invalid one).
UPDATE enrollment.parameters SET options = '{"pattern": "^[0-9a-z]+$"}' WHERE id = 'PPM-1000-0001-0001';
UPDATE enrollment.enrollment_parameters SET error_by_vendor = true
 WHERE enrollment_id = 'ENR-1000-0001-0001' AND parameter_id = 'PPM-1000-0001-0001';
\c - enrollment_authenticator
\set ECHO none
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on

\echo '-- seed: POST /program/enrollments/ENR-1000-0001-0001/complete by the vendor'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn complete_enrollment
\set body '{"id": "ENR-1000-0001-0001", "template": {"id": "PTM-1000-0001-0003"}, "externalIds": {"vendor": "MS-4242"}}'
\i test/fixtures/api_rpc.sql
\echo '-- the certificate it activated, as the client reads it (GET /certificates?id=eq.)'
\set who client-stark
\i test/fixtures/api_as.sql
\set view certificates
\set id CER-1000-0001-0001
\i test/fixtures/api_get.sql
\set id ''
\echo '-- completing it again is an illegal transition (400, as the marketplace answers)'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql

\echo '-- a program from creation to publication, by its vendor'
\set fn create_program
\set body '{"name": "Azure Expert MSP", "applicableTo": "Buyer", "eligibility": {"client": true, "partner": false}, "website": "https://azure.microsoft.com", "shortDescription": "Managed service providers"}'
\i test/fixtures/api_rpc.sql
\set fn update_program_settings
\set body '{"id": "PRG-5601-1857", "programLink": true, "terminateOnExpiration": {"enabled": true, "duration": 365}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "PRG-5601-1857", "terminateOnExpiration": {"enabled": true, "duration": -1}}'
\i test/fixtures/api_rpc.sql
\set fn create_template
\set body '{"programId": "PRG-5601-1857", "name": "More data", "content": "Tell us more about {{ nothing }}.", "type": "EnrollmentQuerying"}'
\i test/fixtures/api_rpc.sql
\set body '{"programId": "PRG-5601-1857", "name": "Bad", "content": "x", "type": "Certificate"}'
\i test/fixtures/api_rpc.sql
\echo '-- clients cannot see it while it is a Draft'
\set who client-stark
\i test/fixtures/api_as.sql
\set fn create_enrollment
\set body '{"program": {"id": "PRG-5601-1857"}, "buyer": {"id": "BUY-2000-0001"}}'
\i test/fixtures/api_rpc.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn publish_program
\set body '{"id": "PRG-5601-1857"}'
\i test/fixtures/api_rpc.sql
\i test/fixtures/api_rpc.sql

\echo '-- an enrollment from creation to completion: client, vendor, client, vendor'
\set who client-stark
\i test/fixtures/api_as.sql
\set fn create_enrollment
\set body '{"program": {"id": "PRG-5601-1857"}, "buyer": {"id": "BUY-2000-0001"}, "name": "Stark MSP", "notes": "Needed for Azure resale"}'
\i test/fixtures/api_rpc.sql
\echo '-- a second open one for the same buyer is refused'
\i test/fixtures/api_rpc.sql
\echo '-- the partner-only client is not eligible'
\set who client-wayne
\i test/fixtures/api_as.sql
\set body '{"program": {"id": "PRG-5601-1857"}, "buyer": {"id": "BUY-2000-0002"}}'
\i test/fixtures/api_rpc.sql
\echo '-- and may not name another client''s buyer'
\set body '{"program": {"id": "PRG-1000-0001"}, "buyer": {"id": "BUY-2000-0001"}}'
\i test/fixtures/api_rpc.sql
\set who client-stark
\i test/fixtures/api_as.sql
\set fn submit_enrollment
\set body '{"id": "ENR-3199-3618-7826"}'
\i test/fixtures/api_rpc.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn query_enrollment
\echo '-- a template of the wrong type is a bad value (400)'
\set body '{"id": "ENR-3199-3618-7826", "template": {"id": "PTM-5601-1857-0001"}}'
\i test/fixtures/api_rpc.sql
\echo '-- the querying template the vendor just created'
\set body '{"id": "ENR-3199-3618-7826", "template": {"id": "PTM-5601-1857-0004"}}'
\i test/fixtures/api_rpc.sql
\echo '-- complete is not an arrow out of Querying'
\set fn complete_enrollment
\set body '{"id": "ENR-3199-3618-7826"}'
\i test/fixtures/api_rpc.sql
\set who client-stark
\i test/fixtures/api_as.sql
\set fn process_enrollment
\set body '{"id": "ENR-3199-3618-7826"}'
\i test/fixtures/api_rpc.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn complete_enrollment
\set body '{"id": "ENR-3199-3618-7826", "externalIds": {"vendor": "AZ-1"}}'
\i test/fixtures/api_rpc.sql
\set fn terminate_certificate
\set body '{"id": "CER-2778-7437-9236", "statusNotes": {"id": "T01", "message": "Partner agreement ended"}}'
\i test/fixtures/api_rpc.sql
\i test/fixtures/api_rpc.sql

\echo '-- re-enrollment of an Active certificate (type Change), then failed by the vendor'
\set who client-wayne
\i test/fixtures/api_as.sql
\set fn create_enrollment
\set body '{"certificate": {"id": "CER-1000-0001-0002"}}'
\i test/fixtures/api_rpc.sql
\set fn submit_enrollment
\set body '{"id": "ENR-1836-1927-5832"}'
\i test/fixtures/api_rpc.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn fail_enrollment
\set body '{"id": "ENR-1836-1927-5832", "statusNotes": {"id": "E001234", "message": "Educational certification failed"}}'
\i test/fixtures/api_rpc.sql
\set who client-wayne
\i test/fixtures/api_as.sql
\set view certificates
\set id CER-1000-0001-0002
\i test/fixtures/api_get.sql
\set id ''

\echo '-- a Draft enrollment deleted by its client (204), then not found'
\set who client-stark
\i test/fixtures/api_as.sql
\set fn create_enrollment
\set body '{"program": {"id": "PRG-5601-1857"}, "buyer": {"id": "BUY-2000-0001"}}'
\i test/fixtures/api_rpc.sql
\set fn delete_enrollment
\set body '{"id": "ENR-8573-6399-0074"}'
\i test/fixtures/api_rpc.sql
\i test/fixtures/api_rpc.sql
\set view enrollments
\set id ENR-8573-6399-0074
\i test/fixtures/api_get.sql
\set id ''

\echo '-- certificates expired by their vendor or by operations'
\set who vendor-adobe
\i test/fixtures/api_as.sql
\set fn expire_certificate
\set body '{"id": "CER-2000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\i test/fixtures/api_rpc.sql
\set who operations
\i test/fixtures/api_as.sql
\set body '{"id": "CER-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql

\echo '-- programs: unpublish, and delete of a Draft (204) and of a published one (400)'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn unpublish_program
\set body '{"id": "PRG-5601-1857"}'
\i test/fixtures/api_rpc.sql
\set fn delete_program
\set body '{"id": "PRG-1000-0002"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "PRG-1000-0001"}'
\i test/fixtures/api_rpc.sql
\set view programs
\i test/fixtures/api_get.sql
\echo '-- the unpublished program stays visible to the client that holds a certificate of it'
\set who client-stark
\i test/fixtures/api_as.sql
\i test/fixtures/api_get.sql
\set who client-wayne
\i test/fixtures/api_as.sql
\i test/fixtures/api_get.sql
