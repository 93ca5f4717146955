-- The walkthrough printed by test/demo.sh: a vendor program from creation to a
-- certificate, a re-enrollment, and expiry.  Each step acts as the account that
-- would make the REST call (SELECT enrollment.act_as(account, user)).
\set ECHO none
SET client_min_messages = warning;
CREATE EXTENSION enrollment;
SELECT enrollment.create_api() \g /dev/null
SET search_path = enrollment, public;
\pset footer off

\echo '== 0. reference data: a vendor (Microsoft), a client (Stark Industries) with a licensee'
INSERT INTO accounts (id, type, name, eligibility_client, eligibility_partner) VALUES
    ('ACC-1000-0001', 'Vendor', 'Microsoft', false, false),
    ('ACC-2000-0001', 'Client', 'Stark Industries', true, false);
INSERT INTO users (id, account_id, name) VALUES
    ('USR-1000-0001', 'ACC-1000-0001', 'Vera Vendor'),
    ('USR-2000-0001', 'ACC-2000-0001', 'Tony Stark');
INSERT INTO licensees (id, account_id, name, external_id) VALUES
    ('LCE-2000-0001-0001', 'ACC-2000-0001', 'Stark Industries Limited', 'WW-CON-12345678');
SELECT id, type, name FROM accounts ORDER BY id;

\echo
\echo '== 1. vendor creates the program (Draft) with its default templates and group'
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS acting_as_vendor \gset
SELECT program_create('Microsoft AI Cloud Partner', 'Licensee', eligibility_client => true,
                      website => 'https://www.microsoft.com') AS prg \gset
SELECT id, name, status, applicable_to, vendor_id FROM programs WHERE id = :'prg';
SELECT id, type, is_default FROM templates WHERE program_id = :'prg' ORDER BY id;

\echo
\echo '== 2. vendor defines parameters and settings (certificates expire after 365 days)'
SELECT parameter_create(:'prg', 'Microsoft Partner Number', 'SingleLineText', 'Order', 10,
                        external_id => 'partner_id', constraints => '{"required": true}',
                        options => '{"pattern": "[0-9]{6,8}", "hintText": "Your MPN ID"}') AS p_mpn \gset
SELECT parameter_create(:'prg', 'Contact email', 'Email', 'Order', 20,
                        external_id => 'contact_email', constraints => '{"required": true}') AS p_email \gset
SELECT parameter_create(:'prg', 'Tenant Id', 'SingleLineText', 'Fulfillment', 30,
                        external_id => 'tenant_id') AS p_tenant \gset
SELECT id, external_id, type, phase, required FROM parameters WHERE program_id = :'prg' ORDER BY id;
SELECT program_set_settings(:'prg', '{"terminateOnExpiration": {"enabled": true, "duration": 365}}') IS NOT NULL AS settings_saved;

\echo
\echo '== 3. vendor publishes the program'
SELECT program_publish(:'prg') IS NOT NULL AS published;
SELECT id, status, published_at IS NOT NULL AS has_published_audit FROM programs WHERE id = :'prg';

\echo
\echo '== 4. client enrols its licensee (Draft enrollment + Draft certificate) with a wrong MPN'
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS acting_as_client \gset
SELECT enrollment_create(:'prg', licensee_id => 'LCE-2000-0001-0001', name => 'Stark AI Cloud Partner',
           ordering => jsonb_build_array(jsonb_build_object('id', :'p_mpn', 'value', 'abc'),
                                         jsonb_build_object('id', :'p_email', 'value', 'tony@stark.example'))) AS enr \gset
SELECT e.id, e.type, e.status, e.certificate_id, c.status AS certificate_status
  FROM enrollments e JOIN certificates c ON c.id = e.certificate_id WHERE e.id = :'enr';

\echo
\echo '== 5. submit is refused while a parameter is invalid; the client fixes it and submits'
\set ON_ERROR_STOP off
SELECT enrollment_submit(:'enr');
\set ON_ERROR_STOP on
SELECT enrollment_set_parameters(:'enr', ordering => jsonb_build_array(jsonb_build_object('id', :'p_mpn', 'value', '1234567'))) IS NOT NULL AS fixed;
SELECT enrollment_submit(:'enr') IS NOT NULL AS submitted;
SELECT e.id, e.status, c.status AS certificate_status
  FROM enrollments e JOIN certificates c ON c.id = e.certificate_id WHERE e.id = :'enr';

\echo
\echo '== 6. vendor queries the client (default EnrollmentQuerying template), client processes it back'
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS acting_as_vendor \gset
SELECT enrollment_query(:'enr', (SELECT id FROM templates WHERE program_id = :'prg' AND type = 'EnrollmentQuerying' AND is_default)) IS NOT NULL AS queried;
SELECT id, status, template_id FROM enrollments WHERE id = :'enr';
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS acting_as_client \gset
SELECT enrollment_process(:'enr') IS NOT NULL AS processed;
SELECT id, status, template_id FROM enrollments WHERE id = :'enr';

\echo
\echo '== 7. vendor fills the tenant id and completes: the certificate becomes Active with an expiry'
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS acting_as_vendor \gset
SELECT enrollment_set_parameters(:'enr', fulfillment => jsonb_build_array(jsonb_build_object('id', :'p_tenant', 'value', '69b73824-ce76-4866-ad47-b615ae9d8998'))) IS NOT NULL AS fulfilled;
\echo 'POST /public/v1/program/enrollments/{id}/complete {"externalIds": {"vendor": "MS-PARTNER-4711"}} answers:'
\pset format unaligned
\pset tuples_only on
SELECT jsonb_pretty(jsonb_strip_nulls(to_jsonb(program.complete_enrollment(id => :'enr', "externalIds" => '{"vendor": "MS-PARTNER-4711"}')))) AS response;
\pset format aligned
\pset tuples_only off
SELECT e.id, e.status, e.template_id, c.id AS certificate, c.status AS certificate_status,
       c.external_id_vendor, c.expiration_date = (c.activated_at AT TIME ZONE 'UTC')::date + 365 AS expires_in_365_days
  FROM enrollments e JOIN certificates c ON c.id = e.certificate_id WHERE e.id = :'enr';
SELECT phase, name, value FROM certificate_parameters WHERE certificate_id = (SELECT certificate_id FROM enrollments WHERE id = :'enr') ORDER BY display_order;

\echo
\echo '== 8. re-enrollment: the client changes its MPN; completion updates the same certificate'
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS acting_as_client \gset
SELECT certificate_id AS cer FROM enrollments WHERE id = :'enr' \gset
SELECT enrollment_create(certificate_id => :'cer',
           ordering => jsonb_build_array(jsonb_build_object('id', :'p_mpn', 'value', '7654321'),
                                         jsonb_build_object('id', :'p_email', 'value', 'pepper@stark.example'))) AS enr2 \gset
SELECT enrollment_submit(:'enr2') IS NOT NULL AS submitted;
SELECT e.id, e.type, e.status, c.id AS certificate, c.status AS certificate_status
  FROM enrollments e JOIN certificates c ON c.id = e.certificate_id WHERE e.id = :'enr2';
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS acting_as_vendor \gset
SELECT enrollment_complete(:'enr2') IS NOT NULL AS completed;
SELECT c.id, c.status, c.revision FROM certificates c WHERE c.id = :'cer';
SELECT name, value FROM certificate_parameters WHERE certificate_id = :'cer' AND phase = 'Order' ORDER BY display_order;

\echo
\echo '== 9. the daily expiry job (run here as of 2099-01-01, with no caller: a system action) expires the certificate'
SET request.jwt.claims = '';
SELECT expire_certificates('2099-01-01') AS expired_now, expire_certificates('2099-01-01') AS expired_again;
SELECT id, status, expiration_date FROM certificates WHERE id = :'cer';

\echo
\echo '== 10. the history of everything that happened'
SELECT h.at::time(0) AS at, h.object_id, h.event, h.from_status, h.to_status, u.name AS by
  FROM history h LEFT JOIN users u ON u.id = h.by_user_id ORDER BY h.id;
