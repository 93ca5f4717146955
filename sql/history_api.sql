-- History through the API (README "History"): a whole lifecycle through the
-- PostgREST replay (create with values, values set several times, submit,
-- query, process, complete, a re-enrollment that changes values and
-- completes), then the history of the enrollment and of the certificate for
-- every kind of caller (GET /rpc, READ ONLY, unknown-typed arguments), and the
-- objects as they stood between every two steps, compared with what the views
-- showed at that moment.  Hidden parameters never reach the client.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
-- a program of its own: two visible ordering parameters (one with a default),
-- a hidden read-only ordering one with a default, a hidden and a visible
-- fulfillment one; a second EnrollmentCompleted template
INSERT INTO enrollment.programs (id, name, status, applicable_to, vendor_id, eligibility_client, eligibility_partner,
                                 terminate_on_expiration_enabled, terminate_on_expiration_duration,
                                 created_by, published_at, published_by) VALUES
    ('PRG-4000-0001', 'History Program', 'Published', 'Buyer', 'ACC-1000-0001', true, false, true, 365,
     'USR-1000-0001', now(), 'USR-1000-0001');
INSERT INTO enrollment.templates (program_id, id, name, content, type, is_default, created_by) VALUES
    ('PRG-4000-0001', 'PTM-4000-0001-0001', 'Processing', 'We review.', 'EnrollmentProcessing', true, 'USR-1000-0001'),
    ('PRG-4000-0001', 'PTM-4000-0001-0002', 'Querying', 'Tell us more.', 'EnrollmentQuerying', true, 'USR-1000-0001'),
    ('PRG-4000-0001', 'PTM-4000-0001-0003', 'Completed', 'Welcome.', 'EnrollmentCompleted', true, 'USR-1000-0001'),
    ('PRG-4000-0001', 'PTM-4000-0001-0004', 'Gold', 'Welcome, gold partner.', 'EnrollmentCompleted', false, 'USR-1000-0001');
INSERT INTO enrollment.parameter_groups (program_id, id, name, label, is_default, created_by) VALUES
    ('PRG-4000-0001', 'PPG-4000-0001-0001', 'Parameters', 'Parameters', true, 'USR-1000-0001');
INSERT INTO enrollment.parameters (program_id, id, group_id, name, external_id, phase, type, display_order,
                                   hidden, readonly, required, options, created_by) VALUES
    ('PRG-4000-0001', 'PPM-4000-0001-0001', 'PPG-4000-0001-0001', 'Company name', 'company', 'Order', 'SingleLineText', 10,
     false, false, true, '{}', 'USR-1000-0001'),
    ('PRG-4000-0001', 'PPM-4000-0001-0002', 'PPG-4000-0001-0001', 'Region', 'region', 'Order', 'SingleLineText', 20,
     false, false, false, '{"defaultValue": "EU"}', 'USR-1000-0001'),
    ('PRG-4000-0001', 'PPM-4000-0001-0003', 'PPG-4000-0001-0001', 'Internal tier', 'tier', 'Order', 'SingleLineText', 30,
     true, true, false, '{"defaultValue": "bronze"}', 'USR-1000-0001'),
    ('PRG-4000-0001', 'PPM-4000-0001-0004', 'PPG-4000-0001-0001', 'Tenant id', 'tenant', 'Fulfillment', 'SingleLineText', 40,
     true, false, false, '{}', 'USR-1000-0001'),
    ('PRG-4000-0001', 'PPM-4000-0001-0005', 'PPG-4000-0001-0001', 'Account manager', 'manager', 'Fulfillment', 'SingleLineText', 50,
     false, false, false, '{}', 'USR-1000-0001');
SELECT current_user AS superuser \gset
\i test/fixtures/postgrest_roles.sql
\i test/fixtures/api_pgrst.sql
\c - enrollment_authenticator
\set ECHO none
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on
CREATE TEMP TABLE snaps (step int, at timestamptz, who text, kind text, id text, body jsonb);
GRANT SELECT, INSERT ON pg_temp.snaps TO enrollment_web;
\set vendor_claims '{"role": "enrollment_web", "account_id": "ACC-1000-0001", "user_id": "USR-1000-0001"}'
\set client_claims '{"role": "enrollment_web", "account_id": "ACC-2000-0001", "user_id": "USR-2000-0001"}'
\set eid ''
\set cid ''
-- each step's answer: status and revision only (the views are tested elsewhere)
\set show status,revision,type
SELECT clock_timestamp() AS t0 \gset

\echo '-- 1. the client creates an enrollment with a value'
\set who client-stark
\i test/fixtures/api_as.sql
\set fn create_enrollment
\set body '{"program": {"id": "PRG-4000-0001"}, "buyer": {"id": "BUY-2000-0001"}, "name": "Stark History", "notes": "first", "parameters": {"ordering": [{"id": "PPM-4000-0001-0001", "value": "Stark"}]}}'
\i test/fixtures/api_rpc.sql
SELECT :'rpc_body'::json ->> 'id' AS eid, :'rpc_body'::json -> 'certificate' ->> 'id' AS cid \gset
\set step 1
\i test/fixtures/history_snap.sql

\echo '-- 2. it sets the value again'
\set fn update_enrollment
SELECT json_build_object('id', :'eid', 'parameters', json_build_object('ordering', json_build_array(
           json_build_object('id', 'PPM-4000-0001-0001', 'value', 'Stark Industries'))))::text AS body \gset
\i test/fixtures/api_rpc.sql
\set step 2
\i test/fixtures/history_snap.sql

\echo '-- 3. changes the region (the default) and the notes in one request'
SELECT json_build_object('id', :'eid', 'notes', 'second', 'parameters', json_build_object('ordering', json_build_array(
           json_build_object('id', 'PPM-4000-0001-0002', 'value', 'US'))))::text AS body \gset
\i test/fixtures/api_rpc.sql
\set step 3
\i test/fixtures/history_snap.sql

\echo '-- (an attachment: an event of the enrollment that changes none of its fields)'
\set fn create_enrollment_attachment
SELECT json_build_object('enrollmentId', :'eid', 'name', 'Letter', 'filename', 'letter.txt', 'content', 'aGVsbG8=')::text AS body \gset
\set show id,name,size
\i test/fixtures/api_rpc.sql
\set show status,revision,type

\echo '-- 4. submits'
\set fn submit_enrollment
SELECT json_build_object('id', :'eid')::text AS body \gset
\i test/fixtures/api_rpc.sql
\set step 4
\i test/fixtures/history_snap.sql

\echo '-- 5. the vendor queries'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn query_enrollment
SELECT json_build_object('id', :'eid', 'template', json_build_object('id', 'PTM-4000-0001-0002'))::text AS body \gset
\i test/fixtures/api_rpc.sql
\set step 5
\i test/fixtures/history_snap.sql

\echo '-- 6. the client answers with a new value and processes'
\set who client-stark
\i test/fixtures/api_as.sql
\set fn update_enrollment
SELECT json_build_object('id', :'eid', 'parameters', json_build_object('ordering', json_build_array(
           json_build_object('id', 'PPM-4000-0001-0001', 'value', 'Stark Industries Inc'))))::text AS body \gset
\i test/fixtures/api_rpc.sql
\set step 6
\i test/fixtures/history_snap.sql
\set fn process_enrollment
SELECT json_build_object('id', :'eid')::text AS body \gset
\i test/fixtures/api_rpc.sql
\set step 7
\i test/fixtures/history_snap.sql

\echo '-- 8. the vendor fills the fulfillment values (one hidden) and assigns itself'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn update_enrollment
SELECT json_build_object('id', :'eid', 'assignee', json_build_object('id', 'USR-1000-0001'),
                         'parameters', json_build_object('fulfillment', json_build_array(
           json_build_object('id', 'PPM-4000-0001-0004', 'value', 'tenant-42'),
           json_build_object('id', 'PPM-4000-0001-0005', 'value', 'Vera'))))::text AS body \gset
\i test/fixtures/api_rpc.sql
\set step 8
\i test/fixtures/history_snap.sql

\echo '-- 9. and completes with its external id and the Gold template'
\set fn complete_enrollment
SELECT json_build_object('id', :'eid', 'template', json_build_object('id', 'PTM-4000-0001-0004'),
                         'externalIds', json_build_object('vendor', 'MS-1'))::text AS body \gset
\i test/fixtures/api_rpc.sql
\set step 9
\i test/fixtures/history_snap.sql
\set eid1 :eid

\echo '-- 10. the client re-enrolls the certificate, changing the region'
\set who client-stark
\i test/fixtures/api_as.sql
\set fn create_enrollment
SELECT json_build_object('certificate', json_build_object('id', :'cid'), 'notes', 'renewal',
                         'parameters', json_build_object('ordering', json_build_array(
           json_build_object('id', 'PPM-4000-0001-0002', 'value', 'APAC'))))::text AS body \gset
\i test/fixtures/api_rpc.sql
SELECT :'rpc_body'::json ->> 'id' AS eid \gset
\set step 10
\i test/fixtures/history_snap.sql

\echo '-- 11. submits it'
\set fn submit_enrollment
SELECT json_build_object('id', :'eid')::text AS body \gset
\i test/fixtures/api_rpc.sql
\set step 11
\i test/fixtures/history_snap.sql

\echo '-- 12. the vendor changes the hidden tenant and completes with the default template'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn update_enrollment
SELECT json_build_object('id', :'eid', 'parameters', json_build_object('fulfillment', json_build_array(
           json_build_object('id', 'PPM-4000-0001-0004', 'value', 'tenant-43'))))::text AS body \gset
\i test/fixtures/api_rpc.sql
\set step 12
\i test/fixtures/history_snap.sql
\set fn complete_enrollment
SELECT json_build_object('id', :'eid', 'externalIds', json_build_object('vendor', 'MS-2'))::text AS body \gset
\i test/fixtures/api_rpc.sql
\set step 13
\i test/fixtures/history_snap.sql
\set eid2 :eid
\unset show

\echo '-- the history of the first enrollment, as the client sees it: no hidden parameter anywhere'
\set fn enrollment_history
SELECT json_build_object('id', :'eid1')::text AS args \gset
\set who client-stark
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
SELECT count(*) AS hidden_for_client FROM jsonb_path_query(:'rpc_body'::jsonb, 'strict $.**.constraints ? (@.hidden == true)');
\echo '-- as the vendor sees it: the hidden tier (its default) and tenant are there'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
SELECT :'rpc_body' AS vendor_history \gset
\echo '-- operations see what the vendor sees'
\set who operations
\i test/fixtures/api_as.sql
\set quiet
\i test/fixtures/api_rpc_get.sql
\unset quiet
SELECT :'rpc_body'::jsonb = :'vendor_history'::jsonb AS operations_same_as_vendor;
\echo '-- another client, another vendor: not found; anonymous: 401'
\set who client-wayne
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\set who vendor-adobe
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\set who anonymous
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql

\echo '-- the re-enrollment''s history starts from the certificate''s values (client)'
\set who client-stark
\i test/fixtures/api_as.sql
SELECT json_build_object('id', :'eid2')::text AS args \gset
\i test/fixtures/api_rpc_get.sql

\echo '-- the certificate''s history: the client'
\set fn certificate_history
SELECT json_build_object('id', :'cid')::text AS args \gset
\i test/fixtures/api_rpc_get.sql
SELECT count(*) AS hidden_for_client FROM jsonb_path_query(:'rpc_body'::jsonb, 'strict $.**.constraints ? (@.hidden == true)');
\echo '-- the vendor'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\echo '-- operations, another client, another vendor, anonymous'
\set who operations
\i test/fixtures/api_as.sql
\set quiet
\i test/fixtures/api_rpc_get.sql
\unset quiet
SELECT jsonb_array_length(:'rpc_body'::jsonb) AS operations_events;
\set who client-wayne
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\set who vendor-adobe
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\set who anonymous
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql

\echo '-- as of each step: exactly what the views showed right after it, to the vendor and to the client'
\echo '-- (references are ids in an as-of, validation errors are not in it; everything else is compared)'
BEGIN;
SELECT set_config('role', 'enrollment_web', true) \g /dev/null
SELECT set_config('request.jwt.claims', :'vendor_claims', true) \g /dev/null
\set who vendor
\i test/fixtures/history_as_of_check.sql
SELECT set_config('request.jwt.claims', :'client_claims', true) \g /dev/null
\set who client
\i test/fixtures/history_as_of_check.sql
COMMIT;

\echo '-- through GET /rpc: the first enrollment while it was Querying, to the client (no hidden tier) and the vendor'
SELECT min(at) AS t5 FROM pg_temp.snaps WHERE step = 5 \gset
SELECT min(at) AS t8 FROM pg_temp.snaps WHERE step = 8 \gset
\set fn enrollment_as_of
SELECT json_build_object('id', :'eid1', 'at', :'t5')::text AS args \gset
\set who client-stark
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\echo '-- the certificate before the first completion (Pending, no values yet), to the vendor'
\set fn certificate_as_of
SELECT json_build_object('id', :'cid', 'at', :'t8')::text AS args \gset
\i test/fixtures/api_rpc_get.sql
\echo '-- before they existed: 404; the re-enrollment before it was created: 404'
SELECT json_build_object('id', :'cid', 'at', :'t0')::text AS args \gset
\i test/fixtures/api_rpc_get.sql
\set fn enrollment_as_of
SELECT json_build_object('id', :'eid1', 'at', :'t0')::text AS args \gset
\i test/fixtures/api_rpc_get.sql
SELECT json_build_object('id', :'eid2', 'at', :'t8')::text AS args \gset
\i test/fixtures/api_rpc_get.sql
\echo '-- another client, another vendor: 404 at any time; anonymous: 401'
SELECT json_build_object('id', :'eid1', 'at', :'t8')::text AS args \gset
\set who client-wayne
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\set who vendor-adobe
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\set who anonymous
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\echo '-- bad input: no time (400), a malformed time (400), a malformed id (400), an unknown id (404), no id or an unknown argument (PGRST202: no SQL sent)'
\set who client-stark
\i test/fixtures/api_as.sql
SELECT json_build_object('id', :'eid1')::text AS args \gset
\i test/fixtures/api_rpc_get.sql
SELECT json_build_object('id', :'eid1', 'at', 'last tuesday')::text AS args \gset
\i test/fixtures/api_rpc_get.sql
\set args '{"id": "ENR-12", "at": "2025-01-01T00:00:00Z"}'
\i test/fixtures/api_rpc_get.sql
\set args '{"id": "ENR-0000-0000-0000", "at": "2025-01-01T00:00:00Z"}'
\i test/fixtures/api_rpc_get.sql
\set args '{"at": "2025-01-01T00:00:00Z"}'
\i test/fixtures/api_rpc_get.sql
\set args '{"id": "ENR-0000-0000-0000", "asOf": "2025-01-01T00:00:00Z"}'
\i test/fixtures/api_rpc_get.sql
\set fn enrollment_history
\set args '{"id": "CER-0000-0000-0000"}'
\i test/fixtures/api_rpc_get.sql

\c - :superuser
\set ECHO none
\pset format aligned
\pset tuples_only off
\echo '-- the history rows themselves: every enrollment and certificate row has its state; notes of a'
\echo '-- parameter write hold the values written; history stays append-only'
SELECT object_type, event, state IS NOT NULL AS has_state,
       CASE WHEN event = 'platform.program.enrollment.updated' THEN notes END AS notes
  FROM enrollment.history WHERE program_id = 'PRG-4000-0001' ORDER BY id;
\set VERBOSITY terse
UPDATE enrollment.history SET state = NULL WHERE program_id = 'PRG-4000-0001';
DELETE FROM enrollment.history WHERE program_id = 'PRG-4000-0001';
\set VERBOSITY default
\echo '-- values a pre-validation hook sets are history too: a re-enrollment validated by id'
CREATE FUNCTION public.history_hook(doc jsonb) RETURNS jsonb LANGUAGE sql
    RETURN '{"parameters": {"ordering": [{"id": "PPM-4000-0001-0002", "value": "LATAM"}]}}'::jsonb;
SELECT enrollment.program_set_pre_validation_hook('PRG-4000-0001', 'public.history_hook(jsonb)') \g /dev/null
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') \g /dev/null
SELECT enrollment.program_set_settings('PRG-4000-0001', '{"preValidation": {"reEnrollment": true}}') \g /dev/null
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') \g /dev/null
SELECT enrollment.enrollment_create(NULL, NULL, NULL, :'cid', NULL, 'hooked') AS eid3 \gset
SELECT clock_timestamp() AS before_validate \gset
SELECT enrollment.enrollment_validate(:'eid3') ->> 'error' AS validation_error;
SELECT event, notes FROM enrollment.history WHERE object_id = :'eid3' ORDER BY id;
SELECT enrollment.enrollment_as_of(:'eid3', now()) #> '{parameters,ordering,1,value}' AS region_now,
       enrollment.enrollment_as_of(:'eid3', :'before_validate') #> '{parameters,ordering,1,value}' AS region_before;
\echo '-- a direct UPDATE of a status (the repair tool) is snapshotted as the trigger stores the row'
UPDATE enrollment.certificates SET status = 'Expired' WHERE id = :'cid';
SELECT a ->> 'status' AS status, a #>> '{audit,expired,at}' = enrollment.api_ts(c.expired_at) AS expired_audit,
       (a ->> 'revision')::int = c.revision AS same_revision
  FROM enrollment.certificates c, enrollment.certificate_as_of(c.id, now()) a WHERE c.id = :'cid';
\echo '-- fail records its statusNotes, and the certificate it terminates its reason'
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') \g /dev/null
SELECT enrollment.enrollment_submit(:'eid3') \g /dev/null
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') \g /dev/null
SELECT enrollment.enrollment_fail(:'eid3', '{"message": "Region not served"}') \g /dev/null
SELECT e ->> 'event' AS event, e ->> 'from' AS "from", e ->> 'to' AS "to", e -> 'changes' AS changes
  FROM jsonb_array_elements(enrollment.history_events('Enrollment', :'eid3')) e
 WHERE e ->> 'event' <> 'platform.program.enrollment.created'
UNION ALL
SELECT e ->> 'event', e ->> 'from', e ->> 'to', e -> 'changes'
  FROM jsonb_array_elements(enrollment.history_events('Certificate', :'cid')) WITH ORDINALITY AS x(e, n)
 WHERE n > 5;
SELECT a ->> 'status' AS status, a ->> 'statusNotes' AS "statusNotes"
  FROM enrollment.certificate_as_of(:'cid', now()) a;
\echo '-- the engine functions: PT404 for an id with no history, and not executable by the API roles'
SELECT enrollment.enrollment_as_of('ENR-0000-0000-0000', now());
SELECT p.oid::regprocedure AS function, has_function_privilege('enrollment_web', p.oid, 'EXECUTE') AS web,
       has_function_privilege('public', p.oid, 'EXECUTE') AS public,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented, p.provolatile AS volatility, p.prosecdef AS definer
  FROM pg_proc p
 WHERE ((p.pronamespace = 'enrollment'::regnamespace AND (p.proname LIKE 'history\_%' OR p.proname LIKE '%\_as\_of'))
        OR (p.pronamespace = 'program'::regnamespace AND (p.proname LIKE '%\_history' OR p.proname LIKE '%\_as\_of')))
   AND p.prorettype <> 'trigger'::regtype
 ORDER BY p.oid::regprocedure::text;
