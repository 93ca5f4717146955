-- Enrollment attachments through the API, replayed as PostgREST sends them
-- (fixture api_rpc.sql): POST, PUT and DELETE of
-- /enrollments/{enrollmentId}/attachments[/{id}] for the client, the vendor
-- and operations (201 create, 200 update, 204 delete), a foreign client or
-- vendor (404), an anonymous caller (401), and bad bodies (400; base64
-- content instead of multipart).
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
-- the fixture writes ENA-1000-0001-0001-0001 with its id: move the counter past it
UPDATE enrollment.enrollments SET last_attachment_no = 1 WHERE id = 'ENR-1000-0001-0001';
\i test/fixtures/postgrest_roles.sql
\i test/fixtures/api_pgrst.sql
SELECT current_user AS superuser \gset
\c - enrollment_authenticator
\set ECHO none
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on

\echo '-- POST: the client uploads a file (content in base64), the vendor a license key, operations a bare note'
\set fn create_enrollment_attachment
\set who client-stark
\i test/fixtures/api_as.sql
\set body '{"enrollmentId": "ENR-1000-0001-0001", "name": "Tax form", "description": "W-9 for 2025", "filename": "w9.txt", "contentType": "text/plain", "content": "aGVsbG8gd29ybGQ="}'
\i test/fixtures/api_rpc.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set body '{"enrollmentId": "ENR-1000-0001-0001", "name": "Activation key", "type": "LicenseKey"}'
\i test/fixtures/api_rpc.sql
\set who operations
\i test/fixtures/api_as.sql
\set body '{"enrollmentId": "ENR-1000-0001-0002", "name": "Ops note", "content": "T0sK\\nT0sK"}'
\i test/fixtures/api_rpc.sql
\echo '-- a foreign client or vendor does not see the enrollment (404); anonymous callers may not call (401)'
\set body '{"enrollmentId": "ENR-1000-0001-0001", "name": "Intruder"}'
\set who client-wayne
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\set who vendor-adobe
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\set who anonymous
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\echo '-- bad bodies (400): no enrollment, malformed id, no name, bad type, bad base64, too long; an unknown key finds no function'
\set who client-stark
\i test/fixtures/api_as.sql
\set body '{"name": "x"}'
\i test/fixtures/api_rpc.sql
\set body '{"enrollmentId": "ENR-1000", "name": "x"}'
\i test/fixtures/api_rpc.sql
\set body '{"enrollmentId": "ENR-1000-0001-0001", "description": "no name"}'
\i test/fixtures/api_rpc.sql
\set body '{"enrollmentId": "ENR-1000-0001-0001", "name": "x", "type": "Zip"}'
\i test/fixtures/api_rpc.sql
\set body '{"enrollmentId": "ENR-1000-0001-0001", "name": "x", "content": "not base64!"}'
\i test/fixtures/api_rpc.sql
SELECT format('{"enrollmentId": "ENR-1000-0001-0001", "name": "x", "filename": "%s"}', repeat('f', 501)) AS body \gset
\i test/fixtures/api_rpc.sql
\set body '{"enrollmentId": "ENR-1000-0001-0001", "name": "x", "file": "aGk="}'
\i test/fixtures/api_rpc.sql

\echo '-- PUT: the client renames, the vendor describes, operations rename again'
\set fn update_enrollment_attachment
\set show id,name,description,audit
\set body '{"id": "ENA-1000-0001-0001-0001", "enrollmentId": "ENR-1000-0001-0001", "name": "Partner letter (signed)"}'
\i test/fixtures/api_rpc.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set body '{"id": "ENA-1000-0001-0001-0001", "enrollmentId": "ENR-1000-0001-0001", "description": "Checked"}'
\i test/fixtures/api_rpc.sql
\set who operations
\i test/fixtures/api_as.sql
\set body '{"id": "ENA-1000-0001-0001-0002", "enrollmentId": "ENR-1000-0001-0001", "name": "Tax form 2025"}'
\i test/fixtures/api_rpc.sql
\echo '-- the attachment of another enrollment, a foreign caller (404); anonymous (401); a blank name (400)'
\set body '{"id": "ENA-1000-0001-0001-0001", "enrollmentId": "ENR-1000-0001-0002", "name": "x"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENA-1000-0001-0001-0001", "enrollmentId": "ENR-1000-0001-0001", "name": "x"}'
\set who client-wayne
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\set who vendor-adobe
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\set who anonymous
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\set who client-stark
\i test/fixtures/api_as.sql
\set body '{"id": "ENA-1000-0001-0001-0001", "name": ""}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "PRG-1000-0001", "name": "x"}'
\i test/fixtures/api_rpc.sql
\set body '{"enrollmentId": "ENR-1000-0001-0001", "name": "x"}'
\i test/fixtures/api_rpc.sql
\unset show

\echo '-- DELETE: foreign callers (404), anonymous (401), then the vendor (204) and again (404)'
\set fn delete_enrollment_attachment
\set body '{"id": "ENA-1000-0001-0001-0003", "enrollmentId": "ENR-1000-0001-0001"}'
\set who client-wayne
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\set who anonymous
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\i test/fixtures/api_rpc.sql
\echo '-- the client deletes its own upload without naming the enrollment (204)'
\set who client-stark
\i test/fixtures/api_as.sql
\set body '{"id": "ENA-1000-0001-0001-0002"}'
\i test/fixtures/api_rpc.sql

\echo '-- what is left, as each caller lists it (GET /enrollments/{eid}/attachments)'
\set view enrollment_attachments
\set id ''
\i test/fixtures/api_get.sql
\set who client-wayne
\i test/fixtures/api_as.sql
\i test/fixtures/api_get.sql
\set who operations
\i test/fixtures/api_as.sql
\i test/fixtures/api_get.sql

\echo '-- the history rows the API calls wrote'
\c - :superuser
\pset format aligned
\pset tuples_only off
SELECT h.object_id, h.event, h.by_user_id, h.notes
  FROM enrollment.history h WHERE h.event LIKE '%attachment%' ORDER BY h.id;
