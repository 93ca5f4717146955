-- Certificate migration (enrollment.certificate_migrate, README "Certificate
-- migration"): operations bring an existing certificate into the platform
-- without an enrollment.  Success with values and expiry, every refusal with
-- its SQLSTATE and message, the audit and history, and the migrated
-- certificate in the lifecycle afterwards (re-enrollment, termination).
\i test/fixtures/reset.sql
\i test/fixtures/accounts.sql
\i test/fixtures/try.sql
\i test/fixtures/program.sql
SET search_path = enrollment, public;
SELECT mpt_id_child(:'prg', 'PPM', 1) AS ppm_company, mpt_id_child(:'prg', 'PPM', 2) AS ppm_mpn,
       mpt_id_child(:'prg', 'PPM', 3) AS ppm_contact, mpt_id_child(:'prg', 'PPM', 4) AS ppm_reseller \gset
-- more programs of the vendor: licensee-based, partners only, Draft
SELECT program_create('Licensee program', 'Licensee', true, true) AS p_lic \gset
SELECT program_publish(:'p_lic') IS NOT NULL AS published;
SELECT program_create('Partners only', 'Buyer', false, true) AS p_partner \gset
SELECT program_publish(:'p_partner') IS NOT NULL AS published;
SELECT program_create('Draft program', 'Buyer') AS p_draft \gset
SELECT program_set_settings(:'prg', '{"terminateOnExpiration": {"enabled": true, "duration": 365}}') IS NOT NULL AS settings;

-- operations only
SELECT pg_temp.try('ACC-2000-0001', 'USR-2000-0001', format('SELECT certificate_migrate(%L, %L, %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001'));
SELECT pg_temp.try('ACC-1000-0001', 'USR-1000-0001', format('SELECT certificate_migrate(%L, %L, %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001'));
RESET request.jwt.claims;
SELECT certificate_migrate(:'prg', 'ACC-2000-0001', 'BUY-2000-0001');

-- the program: exists (PT404), Published (PT400)
\set ops '''ACC-3000-0001'', ''USR-3000-0001'''
SELECT pg_temp.try(:ops, 'SELECT certificate_migrate(''PRG-0000-0000'', ''ACC-2000-0001'', ''BUY-2000-0001'')');
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L)', :'p_draft', 'ACC-2000-0001', 'BUY-2000-0001'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(NULL, %L, %L)', 'ACC-2000-0001', 'BUY-2000-0001'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, NULL, %L)', :'prg', 'BUY-2000-0001'));

-- the client account and the certificant, as for a New enrollment
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L)', :'prg', 'ACC-1000-0001', 'BUY-2000-0001'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L)', :'prg', 'ACC-2000-0001'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001', 'LCE-2000-0001-0001'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0002'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, licensee_id => %L)', :'p_lic', 'ACC-2000-0001', 'LCE-2000-0002-0001'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L)', :'p_partner', 'ACC-2000-0001', 'BUY-2000-0001'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, licensee_id => %L)', :'p_lic', 'ACC-2000-0002', 'LCE-2000-0002-0001'),
           'SELECT status || '' '' || licensee_id FROM enrollment.certificates WHERE program_id = ''' || :'p_lic' || '''');

-- name, external id, expiration date
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, name => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001', ''));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, external_vendor_id => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001', ''));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, expiration_date => CURRENT_DATE - 1)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, expiration_date => ''infinity'')', :'prg', 'ACC-2000-0001', 'BUY-2000-0001'));

-- parameters: shape, unknown, duplicate and wrong-phase ids, invalid values
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001', '[]'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001', '{"order": []}'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001', '{"ordering": {}}'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001', '{"ordering": [1]}'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001', '{"ordering": [{"value": "x"}]}'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001', '{"ordering": [{"id": "PPM-1", "value": "x"}]}'));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001',
           jsonb_build_object('ordering', jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', 'x', 'error', 'y')))));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001',
           jsonb_build_object('ordering', jsonb_build_array(jsonb_build_object('id', 'PPM-9999-9999-9999', 'value', 'x')))));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001',
           jsonb_build_object('ordering', jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', 'x')),
                              'fulfillment', jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', 'y')))));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001',
           jsonb_build_object('ordering', jsonb_build_array(jsonb_build_object('id', :'ppm_reseller', 'value', 'x')))));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001',
           jsonb_build_object('fulfillment', jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', 'x')))));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001',
           jsonb_build_object('ordering', jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', 42)))));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001',
           jsonb_build_object('ordering', jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', E'two\nlines')))));
SELECT pg_temp.try(:ops, format('SELECT certificate_migrate(%L, %L, %L, parameters => %L)', :'prg', 'ACC-2000-0001', 'BUY-2000-0001',
           jsonb_build_object('ordering', jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', '')))));
-- nothing of the refusals was left behind
SELECT count(*) AS certificates FROM certificates;

-- success: values of both phases, an explicit expiry, the vendor's external id
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS ops;
SELECT certificate_migrate(:'prg', 'ACC-2000-0001', 'BUY-2000-0001', name => 'Stark migrated',
       parameters => jsonb_build_object(
           'ordering', jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', 'Stark Industries'),
                                         jsonb_build_object('id', :'ppm_contact', 'value', null)),
           'fulfillment', jsonb_build_array(jsonb_build_object('id', :'ppm_reseller', 'value', 'RES-1'))),
       external_vendor_id => 'MS-0042', expiration_date => CURRENT_DATE + 30) AS c1 \gset
SELECT status, name, client_id, applicable_to, buyer_id, licensee_id, eligibility_client, eligibility_partner,
       external_id_vendor, expiration_date - CURRENT_DATE AS days_left, template_id, revision,
       created_by, created_at IS NOT NULL AS created, activated_by, activated_at = created_at AS activated_with_creation,
       updated_at
  FROM certificates WHERE id = :'c1';
SELECT parameter_id = :'ppm_company' AS company, phase, type, external_id, required, value
  FROM certificate_parameters WHERE certificate_id = :'c1' ORDER BY display_order;
SELECT object_type, event, from_status, to_status, by_user_id, by_account_id, notes - 'expirationDate' AS notes,
       (notes ->> 'expirationDate')::date - CURRENT_DATE AS days_left
  FROM history WHERE object_id = :'c1' ORDER BY id;
SELECT count(*) AS enrollments FROM enrollments;

-- no expiration date: today + terminateOnExpiration.duration, or none when off
SELECT certificate_migrate(:'prg', 'ACC-2000-0002', 'BUY-2000-0002') AS c2 \gset
SELECT status, name, expiration_date - CURRENT_DATE AS days_left FROM certificates WHERE id = :'c2';
SELECT certificate_migrate(:'p_lic', 'ACC-2000-0001', licensee_id => 'LCE-2000-0001-0001', expiration_date => CURRENT_DATE) AS c3 \gset
SELECT certificate_migrate(:'p_lic', 'ACC-2000-0002', licensee_id => 'LCE-2000-0002-0001') AS c4 \gset
SELECT id = :'c3' AS c3, status, applicable_to, buyer_id, licensee_id, expiration_date - CURRENT_DATE AS days_left
  FROM certificates WHERE id IN (:'c3', :'c4') ORDER BY id;
-- a program without parameters gives a certificate without instances
SELECT count(*) AS instances FROM certificate_parameters WHERE certificate_id = :'c3';

-- a second certificate for the same certificant: no enrollment, no open-enrollment rule
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e1 \gset
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS ops;
SELECT certificate_migrate(:'prg', 'ACC-2000-0001', 'BUY-2000-0001') IS NOT NULL AS migrated_beside_open_enrollment;
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_delete(:'e1') IS NOT NULL AS deleted;

-- the migrated certificate re-enrolls (Change) with its values, and is completed by the vendor
SELECT enrollment_create(certificate_id => :'c1') AS e2 \gset
SELECT type, status, certificate_id = :'c1' AS same_certificate FROM enrollments WHERE id = :'e2';
SELECT parameter_id = :'ppm_company' AS company, phase, value FROM enrollment_parameters WHERE enrollment_id = :'e2' ORDER BY display_order;
SELECT enrollment_submit(:'e2') IS NOT NULL AS submitted;
SELECT status FROM certificates WHERE id = :'c1';
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_complete(:'e2') IS NOT NULL AS completed;
SELECT status, expiration_date - CURRENT_DATE AS days_left, external_id_vendor, revision FROM certificates WHERE id = :'c1';

-- and the vendor terminates one (another vendor does not see it)
SELECT pg_temp.try('ACC-1000-0002', 'USR-1000-0002', format('SELECT certificate_terminate(%L, %L)', :'c2', '{"message": "x"}'));
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT certificate_terminate(:'c2', '{"message": "Contract ended"}') IS NOT NULL AS terminated;
SELECT status, status_notes, terminated_by, revision FROM certificates WHERE id = :'c2';
SELECT event, from_status, to_status, by_user_id FROM history WHERE object_id = :'c2' ORDER BY id;
-- a Terminated certificate is never re-enrolled
SELECT pg_temp.try('ACC-2000-0002', 'USR-2000-0002', format('SELECT enrollment_create(certificate_id => %L)', :'c2'));
-- the expiry job expires a migrated certificate like any other
SELECT expire_certificates(CURRENT_DATE + 1) AS expired;
SELECT status FROM certificates WHERE id = :'c3';

-- a definition created after this backend cached the program's definitions (the
-- invalidation suppressed here with session_replication_role, as a stale snapshot
-- would): the migration loads them again and still checks the value
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS operations;
SELECT certificate_migrate(:'prg', 'ACC-2000-0001', 'BUY-2000-0001',
       parameters => jsonb_build_object('ordering', jsonb_build_array())) IS NOT NULL AS caches_the_definitions;
SET session_replication_role = replica;
INSERT INTO parameters (program_id, id, name, phase, type, display_order, options)
    VALUES (:'prg', mpt_id_child(:'prg', 'PPM', 50), 'Late email', 'Order', 'Email', 90, '{}');
RESET session_replication_role;
SELECT certificate_migrate(:'prg', 'ACC-2000-0001', 'BUY-2000-0001',
       parameters => jsonb_build_object('ordering', jsonb_build_array(
           jsonb_build_object('id', mpt_id_child(:'prg', 'PPM', 50)::text, 'value', 'not an email'))));
SELECT certificate_migrate(:'prg', 'ACC-2000-0001', 'BUY-2000-0001',
       parameters => jsonb_build_object('ordering', jsonb_build_array(
           jsonb_build_object('id', mpt_id_child(:'prg', 'PPM', 50)::text, 'value', 'late@stark.example'))))
       IS NOT NULL AS migrated_with_the_late_value;
