-- The update (PUT) endpoints through the API, replayed as PostgREST sends them
-- (fixture api_rpc.sql): each endpoint with its body for the right and the
-- wrong callers, JSON null clearing a field, a field sent back unchanged, bad
-- bodies, and the SQLSTATE with the HTTP status it maps to.  Only the
-- top-level keys named in :show are printed of a successful body.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
UPDATE enrollment.programs SET last_group_no = 1 WHERE id IN ('PRG-1000-0001', 'PRG-1000-0002', 'PRG-2000-0001');
\i test/fixtures/postgrest_roles.sql
\i test/fixtures/api_pgrst.sql
\c - enrollment_authenticator
\set ECHO none
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on

\echo '-- PUT /enrollments/{id}: the vendor assigns, sets statusNotes and the template; null clears'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn update_enrollment
\set show id,status,assignee,statusNotes,error,template,revision
\set body '{"id": "ENR-1000-0001-0001", "assignee": null, "error": null, "statusNotes": {"id": "S1", "message": "Checking your MPN"}, "template": {"id": "PTM-1000-0001-0001"}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "assignee": {"id": "USR-1000-0001"}}'
\i test/fixtures/api_rpc.sql
\echo '-- a client user is no assignee; a bare id is no reference; the template must fit Processing'
\set body '{"id": "ENR-1000-0001-0001", "assignee": {"id": "USR-2000-0001"}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "assignee": "USR-1000-0001"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "template": {"id": "PTM-1000-0001-0003"}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "statusNotes": {"text": "x"}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "error": {"message": ""}}'
\i test/fixtures/api_rpc.sql
\echo '-- notes belong to the client (403 for the vendor)'
\set body '{"id": "ENR-1000-0001-0001", "notes": "vendor notes"}'
\i test/fixtures/api_rpc.sql

\echo '-- the client writes and clears its notes; the name only while Draft (400)'
\set who client-stark
\i test/fixtures/api_as.sql
\set show id,status,notes,revision
\set body '{"id": "ENR-1000-0001-0001", "notes": "Please hurry"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "notes": null}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "notes": 42}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "name": "Stark renamed"}'
\i test/fixtures/api_rpc.sql
\echo '-- what the client read may go back unchanged: assignee and template are not changes'
\set body '{"id": "ENR-1000-0001-0001", "notes": "Back again", "assignee": {"id": "USR-1000-0001"}, "template": {"id": "PTM-1000-0001-0001"}}'
\i test/fixtures/api_rpc.sql
\echo '-- but a changed assignee is the vendor''s (403); status is no body field (no SQL sent)'
\set body '{"id": "ENR-1000-0001-0001", "assignee": null}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "ENR-1000-0001-0001", "status": "Completed"}'
\i test/fixtures/api_rpc.sql
\echo '-- another client does not see it (404); anonymous callers may not call (401)'
\set who client-wayne
\i test/fixtures/api_as.sql
\set body '{"id": "ENR-1000-0001-0001", "notes": "x"}'
\i test/fixtures/api_rpc.sql
\set who anonymous
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\echo '-- operations annotate a Completed enrollment'
\set who operations
\i test/fixtures/api_as.sql
\set body '{"id": "ENR-1000-0001-0002", "notes": "Checked by operations"}'
\i test/fixtures/api_rpc.sql
\echo '-- and the enrollment as its client then reads it (GET /enrollments?id=eq.)'
\set who client-stark
\i test/fixtures/api_as.sql
\set view enrollments
\set id ENR-1000-0001-0001
\i test/fixtures/api_get.sql
\set id ''

\echo '-- PUT /certificates/{id}: the client renames, the vendor sets expiry, vendor id and template'
\set fn update_certificate
\set show id,name,status,expirationDate,externalIds,template,revision
\set body '{"id": "CER-1000-0001-0001", "name": "Stark AI certificate"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "CER-1000-0001-0002", "name": "x"}'
\i test/fixtures/api_rpc.sql
\set who client-wayne
\i test/fixtures/api_as.sql
\set body '{"id": "CER-1000-0001-0002", "externalIds": {"vendor": "MS-43"}}'
\i test/fixtures/api_rpc.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set body '{"id": "CER-1000-0001-0002", "expirationDate": "2999-06-30", "externalIds": {"vendor": "MS-43"}, "template": {"id": "PTM-1000-0001-0003"}}'
\i test/fixtures/api_rpc.sql
\echo '-- expiry only while Active or Updating (400); bad dates and shapes (400)'
\set body '{"id": "CER-1000-0001-0001", "expirationDate": "2999-06-30"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "CER-1000-0001-0002", "expirationDate": "2999-02-30"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "CER-1000-0001-0002", "expirationDate": "2001-01-01"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "CER-1000-0001-0002", "externalIds": {"partner": "x"}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "CER-1000-0001-0002", "template": {"id": "PTM-1000-0001-0001"}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "CER-1000-0001-0002", "name": "Vendor name"}'
\i test/fixtures/api_rpc.sql
\set who vendor-adobe
\i test/fixtures/api_as.sql
\set body '{"id": "CER-1000-0001-0002", "externalIds": {"vendor": "x"}}'
\i test/fixtures/api_rpc.sql

\echo '-- PUT /programs/{id}: the vendor edits; applicableTo only while Draft; products of the vendor'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn update_program
\set show id,name,status,shortDescription,eligibility,applicableTo,products,revision
\set body '{"id": "PRG-1000-0002", "shortDescription": "Draft no more", "applicableTo": "Licensee", "eligibility": {"partner": true}, "products": [{"id": "PRD-1111-1111"}]}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "PRG-1000-0001", "applicableTo": "Licensee"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "PRG-1000-0001", "products": [{"id": "PRD-0000-0000"}]}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "PRG-1000-0001", "products": {"id": "PRD-1111-1111"}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "PRG-1000-0001", "products": [{"name": "Office"}]}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "PRG-1000-0001", "eligibility": {"client": false, "partner": false}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "PRG-1000-0001", "eligibility": {"client": "yes"}}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "PRG-1000-0001", "products": []}'
\i test/fixtures/api_rpc.sql
\set who vendor-adobe
\i test/fixtures/api_as.sql
\set body '{"id": "PRG-1000-0001", "name": "Mine now"}'
\i test/fixtures/api_rpc.sql
\set body '{"id": "PRG-1000-0002", "name": "Mine now"}'
\i test/fixtures/api_rpc.sql
\set who client-stark
\i test/fixtures/api_as.sql
\set body '{"id": "PRG-1000-0001", "name": "Mine now"}'
\i test/fixtures/api_rpc.sql

\echo '-- templates: PUT and DELETE /programs/{programId}/templates/{id}'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn update_template
\set show id,name,content,default,type,status
\set body '{"programId": "PRG-1000-0001", "id": "PTM-1000-0001-0002", "name": "Need more data", "content": "Please complete {{ PPM-1000-0001-0001 }} again."}'
\i test/fixtures/api_rpc.sql
\echo '-- a Default cannot be un-defaulted (400); the type is immutable (no SQL sent); another program''s path (404)'
\set body '{"programId": "PRG-1000-0001", "id": "PTM-1000-0001-0002", "default": false}'
\i test/fixtures/api_rpc.sql
\set body '{"programId": "PRG-1000-0001", "id": "PTM-1000-0001-0002", "type": "EnrollmentCompleted"}'
\i test/fixtures/api_rpc.sql
\set body '{"programId": "PRG-2000-0001", "id": "PTM-1000-0001-0002", "name": "x"}'
\i test/fixtures/api_rpc.sql
\set body '{"programId": "PRG-1000-0001", "id": "PTM-1000-0001-0002", "content": ""}'
\i test/fixtures/api_rpc.sql
\echo '-- a new querying template promoted to Default demotes the old one, which can then be deleted (204, then 404)'
\set fn create_template
\set body '{"programId": "PRG-1000-0001", "name": "MPN needed", "content": "We need your MPN ID.", "type": "EnrollmentQuerying"}'
\i test/fixtures/api_rpc.sql
\set fn update_template
\set body '{"programId": "PRG-1000-0001", "id": "PTM-1000-0001-0004", "default": true}'
\i test/fixtures/api_rpc.sql
\set fn delete_template
\set body '{"programId": "PRG-1000-0001", "id": "PTM-1000-0001-0004"}'
\i test/fixtures/api_rpc.sql
\set body '{"programId": "PRG-1000-0001", "id": "PTM-1000-0001-0002"}'
\i test/fixtures/api_rpc.sql
\i test/fixtures/api_rpc.sql
\set who client-stark
\i test/fixtures/api_as.sql
\set body '{"programId": "PRG-1000-0001", "id": "PTM-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set fn update_template
\set body '{"programId": "PRG-1000-0001", "id": "PTM-1000-0001-0001", "name": "x"}'
\i test/fixtures/api_rpc.sql
\set view templates
\i test/fixtures/api_get.sql

\echo '-- parameter groups: POST, PUT and DELETE /programs/{programId}/parameter-groups[/{id}]'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn create_parameter_group
\set show id,name,label,description,displayOrder,default,parameterCount,program
\set body '{"programId": "PRG-1000-0001", "name": "Company", "label": "Company details", "displayOrder": 10}'
\i test/fixtures/api_rpc.sql
\set body '{"programId": "PRG-1000-0001", "label": "No name"}'
\i test/fixtures/api_rpc.sql
\set body '{"programId": "PRG-1000-0001", "name": "Contacts", "default": true}'
\i test/fixtures/api_rpc.sql
\set fn update_parameter_group
\set body '{"programId": "PRG-1000-0001", "id": "PPG-1000-0001-0002", "description": "Who you are", "default": true}'
\i test/fixtures/api_rpc.sql
\set body '{"programId": "PRG-1000-0001", "id": "PPG-1000-0001-0002", "default": false}'
\i test/fixtures/api_rpc.sql
\set fn delete_parameter_group
\echo '-- the old Default still holds active parameters (400); the new Default cannot go (400); an empty one can (204)'
\set body '{"programId": "PRG-1000-0001", "id": "PPG-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\set body '{"programId": "PRG-1000-0001", "id": "PPG-1000-0001-0002"}'
\i test/fixtures/api_rpc.sql
\set body '{"programId": "PRG-1000-0001", "id": "PPG-1000-0001-0003"}'
\i test/fixtures/api_rpc.sql
\i test/fixtures/api_rpc.sql
\set who vendor-adobe
\i test/fixtures/api_as.sql
\set body '{"programId": "PRG-1000-0002", "id": "PPG-1000-0002-0001"}'
\i test/fixtures/api_rpc.sql
\set fn create_parameter_group
\set body '{"programId": "PRG-1000-0001", "name": "Adobe group"}'
\i test/fixtures/api_rpc.sql
\set who client-stark
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\set view parameter_groups
\i test/fixtures/api_get.sql
