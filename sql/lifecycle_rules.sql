-- Lifecycle rules beyond the status matrix: caller identity, actors and
-- visibility, unknown ids, arguments (reasons, templates, settings, ordering),
-- creation rules, certificate issuance, re-enrollment, autoapprove, expiry,
-- audit and history.
\i test/fixtures/reset.sql
\i test/fixtures/accounts.sql
\i test/fixtures/try.sql
INSERT INTO enrollment.buyers (id, account_id, name)
SELECT 'BUY-2000-' || pg_catalog.lpad(n::text, 4, '0'), 'ACC-2000-0001', 'Stark unit ' || n
  FROM generate_series(3, 9) n;
\i test/fixtures/program.sql
SET search_path = enrollment, public;
SELECT mpt_id_child(:'prg', 'PTM', 1) AS ptm_proc, mpt_id_child(:'prg', 'PTM', 2) AS ptm_query,
       mpt_id_child(:'prg', 'PTM', 3) AS ptm_done, mpt_id_child(:'prg', 'PPM', 1) AS ppm_company,
       mpt_id_child(:'prg', 'PPM', 4) AS ppm_reseller \gset

-- the program fixture: Draft -> Published by its vendor, defaults in place
SELECT id, status, vendor_id, published_by, revision FROM programs;
SELECT id, type, name, is_default FROM templates ORDER BY id;
SELECT id, name, label, display_order, is_default FROM parameter_groups;

-- caller identity
RESET request.jwt.claims;
SELECT program_publish(:'prg');
SELECT set_config('request.jwt.claims', '', false) IS NOT NULL AS cleared;
SELECT enrollment_submit('ENR-0000-0000-0000');
SELECT set_config('request.jwt.claims', '{"user_id": "USR-1000-0001"}', false) IS NOT NULL AS partial;
SELECT program_publish(:'prg');
SELECT act_as('ACC-9999-9999', 'USR-1000-0001') IS NOT NULL AS unknown_account;
SELECT program_publish(:'prg');
SELECT act_as('ACC-1000-0001', 'USR-2000-0001') IS NOT NULL AS foreign_user;
SELECT program_publish(:'prg');

-- unknown ids are PT404, a missing id is 22023
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT program_publish('PRG-0000-0000');
SELECT program_set_settings('PRG-0000-0000', '{}');
SELECT template_create('PRG-0000-0000', 'x', 'y', 'EnrollmentQuerying');
SELECT enrollment_query('ENR-0000-0000-0000', :'ptm_query');
SELECT enrollment_complete('ENR-0000-0000-0000');
SELECT certificate_terminate('CER-0000-0000-0000', '{"message": "x"}');
SELECT certificate_expire('CER-0000-0000-0000');
SELECT enrollment_complete(NULL);
SELECT program_publish(NULL);

-- program creation: vendors only, arguments checked
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT program_create('Client program', 'Buyer');
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS ops;
SELECT program_create('Ops program', 'Buyer');
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT program_create(NULL, 'Buyer');
SELECT program_create('  ', 'Buyer');
SELECT program_create(repeat('x', 501), 'Buyer');
SELECT program_create('Adobe program', NULL);
SELECT program_create('Adobe program', 'Seller');
SELECT program_create('Adobe program', 'Buyer', false, false);
SELECT program_create('Adobe partners', 'Buyer', false, true) AS p_adobe \gset

-- program visibility: a foreign Draft program does not exist, a Published one is forbidden
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT program_publish(:'p_adobe');
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT program_unpublish(:'prg');
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT program_unpublish(:'prg');
SELECT program_delete(:'p_adobe');
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS ops;
SELECT program_publish(:'p_adobe');

-- settings: partial, typed, unknown keys named
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT program_set_settings(:'prg', NULL);
SELECT program_set_settings(:'prg', '[]');
SELECT program_set_settings(:'prg', '{"autoApprove": true}');
SELECT program_set_settings(:'prg', '{"programLink": "yes"}');
SELECT program_set_settings(:'prg', '{"preValidation": true}');
SELECT program_set_settings(:'prg', '{"preValidation": {"orderDraft": true}}');
SELECT program_set_settings(:'prg', '{"terminateOnExpiration": {"duration": 1.5}}');
SELECT program_set_settings(:'prg', '{"terminateOnExpiration": {"duration": 0}}');
SELECT program_set_settings(:'prg', '{"terminateOnExpiration": {"duration": "30"}}');
SELECT program_set_settings(:'prg', '{"terminateOnExpiration": {"enabled": true}}');
SELECT program_set_settings(:'prg', '{"programLink": true, "preValidation": {"reEnrollment": true}, "programEnrollment": null}');
SELECT program_link, program_enrollment, pre_validation_re_enrollment, pre_validation_enrollment_draft,
       terminate_on_expiration_enabled, revision FROM programs WHERE id = :'prg';
SELECT program_set_settings(:'prg', '{"terminateOnExpiration": {"enabled": true, "duration": 365}}');
SELECT terminate_on_expiration_enabled, terminate_on_expiration_duration, revision FROM programs WHERE id = :'prg';
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT program_set_settings(:'prg', '{"programLink": false}');

-- templates: vendor of the program, typed, one Default per type
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT template_create(:'prg', 'Missing MPN', 'Please provide your MPN ID.', 'Querying');
SELECT template_create(:'prg', 'Missing MPN', repeat('x', 4001), 'EnrollmentQuerying');
SELECT template_create(:'prg', NULL, 'x', 'EnrollmentQuerying');
SELECT template_create(:'prg', 'Missing MPN', 'Please provide your MPN ID.', 'EnrollmentQuerying') AS ptm_mpn \gset
SELECT template_create(:'prg', 'Welcome', 'Welcome aboard.', 'EnrollmentCompleted', true) AS ptm_welcome \gset
SELECT id, type, is_default FROM templates WHERE program_id = :'prg' ORDER BY id;
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT template_create(:'prg', 'x', 'y', 'EnrollmentQuerying');

-- enrollment creation: who, which program, which certificant
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001');
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001', client_id => 'ACC-2000-0002');
SELECT enrollment_create(buyer_id => 'BUY-2000-0001');
SELECT enrollment_create(program_id => 'PRG-0000-0000', buyer_id => 'BUY-2000-0001');
SELECT enrollment_create(program_id => :'p_adobe', buyer_id => 'BUY-2000-0001');
SELECT enrollment_create(program_id => :'prg');
SELECT enrollment_create(program_id => :'prg', licensee_id => 'LCE-2000-0001-0001');
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001', licensee_id => 'LCE-2000-0001-0001');
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0002');
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-9999-9999');
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001', name => '');
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS ops;
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001');
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001', client_id => 'ACC-1000-0001');
-- Draft and Unpublished programs take no enrollment; eligibility must intersect
SELECT program_publish(:'p_adobe');
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT program_publish(:'p_adobe') IS NOT NULL AS published;
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_create(program_id => :'p_adobe', buyer_id => 'BUY-2000-0001');
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT program_unpublish(:'p_adobe') IS NOT NULL AS unpublished;
SELECT act_as('ACC-2000-0002', 'USR-2000-0002') IS NOT NULL AS partner;
SELECT enrollment_create(program_id => :'p_adobe', buyer_id => 'BUY-2000-0002');
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS ops;
SELECT enrollment_create(program_id => :'p_adobe', buyer_id => 'BUY-2000-0002', client_id => 'ACC-2000-0002');

-- ordering values: Order-phase parameters of the program only
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001', ordering => '{}');
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001', ordering => '[1]');
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001', ordering => '[{"value": 1}]');
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001', ordering => '[{"id": 1}]');
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001', ordering => '[{"id": "PPM-1"}]');
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001', ordering => '[{"id": "PPM-0000-0000-0001", "value": "x"}]');
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001',
       ordering => jsonb_build_array(jsonb_build_object('id', :'ppm_reseller', 'value', 'x')));
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001',
       ordering => jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', 'x', 'error', 'y')));
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001',
       ordering => jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', 'x'),
                                     jsonb_build_object('id', :'ppm_company', 'value', 'y')));
-- nothing of the refused attempts was left behind
SELECT count(*) AS enrollments, (SELECT count(*) FROM certificates) AS certificates FROM enrollments;

-- a New enrollment: Draft, with a Draft certificate named after the program
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001', notes => 'first try',
       ordering => jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', 'Stark Industries'))) AS e1 \gset
SELECT id, status, type, client_id, buyer_id, revision, created_by FROM enrollments WHERE id = :'e1';
SELECT certificate_id AS c1 FROM enrollments WHERE id = :'e1' \gset
SELECT id, name, status, client_id, buyer_id, eligibility_client, eligibility_partner FROM certificates WHERE id = :'c1';
SELECT parameter_id, phase, external_id, required, value FROM enrollment_parameters WHERE enrollment_id = :'e1' ORDER BY display_order;
-- one open enrollment per program and certificant
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001');

-- actors on an enrollment: the vendor cannot submit, another client cannot see it
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_submit(:'e1');
SELECT enrollment_delete(:'e1');
SELECT act_as('ACC-2000-0002', 'USR-2000-0002') IS NOT NULL AS other_client;
SELECT enrollment_submit(:'e1');
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT enrollment_query(:'e1', :'ptm_query');

-- submit refuses invalid parameters, and leaves nothing half-done
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0003') AS e_bad \gset
UPDATE enrollment_parameters SET value = NULL WHERE enrollment_id = :'e_bad' AND parameter_id = :'ppm_company';
SELECT enrollment_submit(:'e_bad');
SELECT e.status, c.status AS certificate_status, (SELECT count(*) FROM enrollment_parameters p WHERE p.enrollment_id = e.id AND p.error IS NOT NULL) AS errors
  FROM enrollments e JOIN certificates c ON c.id = e.certificate_id WHERE e.id = :'e_bad';

-- submit (client) -> query (vendor, template required and checked) -> process (client) -> complete (vendor)
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_submit(:'e1') = :'e1' AS submitted;
SELECT e.status, e.template_id, e.processing_by, e.revision, c.status AS certificate_status, c.pending_by
  FROM enrollments e JOIN certificates c ON c.id = e.certificate_id WHERE e.id = :'e1';
SELECT enrollment_query(:'e1', :'ptm_query');
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_query(:'e1');
SELECT enrollment_query(:'e1', :'ptm_proc');
SELECT enrollment_query(:'e1', 'PTM-0000-0000-0001');
SELECT enrollment_query(:'e1', mpt_id_child(:'p_adobe', 'PTM', 2));
SELECT enrollment_query(:'e1', :'ptm_mpn') = :'e1' AS queried;
SELECT status, template_id, querying_by FROM enrollments WHERE id = :'e1';
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_process(:'e1', :'ptm_done');
SELECT enrollment_process(:'e1') = :'e1' AS processed;
SELECT status, template_id, processing_by FROM enrollments WHERE id = :'e1';
SELECT enrollment_complete(:'e1');
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_complete(:'e1', external_vendor_id => '');
SELECT enrollment_complete(:'e1', :'ptm_query');
SELECT enrollment_complete(:'e1', external_vendor_id => 'MPN-123456') = :'e1' AS completed;
SELECT status, template_id, completed_by, revision FROM enrollments WHERE id = :'e1';
SELECT status, external_id_vendor, expiration_date - CURRENT_DATE AS days_left, template_id, activated_by, revision
  FROM certificates WHERE id = :'c1';
SELECT parameter_id, phase, value FROM certificate_parameters WHERE certificate_id = :'c1' ORDER BY display_order;
-- complete twice: PT409, still one certificate
SELECT enrollment_complete(:'e1');
SELECT count(*) AS certificates_of_e1 FROM certificates WHERE buyer_id = 'BUY-2000-0001';

-- re-enrollment (Change): same certificate, Active -> Updating at submit -> Active with new values
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_create(certificate_id => :'c1', program_id => :'p_adobe');
SELECT enrollment_create(certificate_id => :'c1', buyer_id => 'BUY-2000-0003');
SELECT enrollment_create(certificate_id => :'c1', name => 'Renewal',
       ordering => jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', 'Stark Industries Ltd'))) AS e2 \gset
SELECT type, status, certificate_id = :'c1' AS same_certificate FROM enrollments WHERE id = :'e2';
SELECT status FROM certificates WHERE id = :'c1';
SELECT enrollment_submit(:'e2') = :'e2' AS submitted;
SELECT status, updating_by FROM certificates WHERE id = :'c1';
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_complete(:'e2') = :'e2' AS completed;
SELECT status, external_id_vendor, template_id, revision FROM certificates WHERE id = :'c1';
SELECT parameter_id, value FROM certificate_parameters WHERE certificate_id = :'c1' AND parameter_id = :'ppm_company';

-- a failed re-enrollment terminates the certificate; a Terminated certificate is never re-enrolled
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_create(certificate_id => :'c1') AS e3 \gset
SELECT enrollment_submit(:'e3') = :'e3' AS submitted;
SELECT enrollment_fail(:'e3', '{"message": "x"}');
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_fail(:'e3', NULL);
SELECT enrollment_fail(:'e3', '"Not eligible"');
SELECT enrollment_fail(:'e3', '{}');
SELECT enrollment_fail(:'e3', '{"message": ""}');
SELECT enrollment_fail(:'e3', '{"message": 42}');
SELECT enrollment_fail(:'e3', '{"message": "x", "reason": "y"}');
SELECT enrollment_fail(:'e3', '{"message": "x", "parameters": []}');
SELECT enrollment_fail(:'e3', jsonb_build_object('message', repeat('x', 4001)));
SELECT enrollment_fail(:'e3', '{"id": "MS001", "message": "MPN {{mpn}} is not valid", "parameters": {"mpn": "123"}}') = :'e3' AS failed;
SELECT e.status, e.status_notes, c.status AS certificate_status, c.status_notes AS certificate_notes
  FROM enrollments e JOIN certificates c ON c.id = e.certificate_id WHERE e.id = :'e3';
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_create(certificate_id => :'c1');

-- delete: Draft only, by the client or operations; the Draft certificate goes too
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0004') AS e4 \gset
SELECT enrollment_delete(:'e4') = :'e4' AS deleted;
SELECT e.status, e.deleted_by, c.status AS certificate_status FROM enrollments e JOIN certificates c ON c.id = e.certificate_id WHERE e.id = :'e4';

-- operations act for a client: create (client_id), submit, delete; cannot complete
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS ops;
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0005', client_id => 'ACC-2000-0001',
       ordering => jsonb_build_array(jsonb_build_object('id', :'ppm_company', 'value', 'Stark'))) AS e5 \gset
SELECT enrollment_submit(:'e5') = :'e5' AS submitted;
SELECT enrollment_complete(:'e5');
SELECT enrollment_query(:'e5', :'ptm_query');
SELECT client_id, created_by, processing_by FROM enrollments WHERE id = :'e5';

-- newCertificateAutoapprove: submit completes a New enrollment at once, attributed to the submitter
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT program_set_settings(:'prg', '{"newCertificateAutoapprove": true}') IS NOT NULL AS autoapprove;
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0006') AS e6 \gset
SELECT enrollment_submit(:'e6') = :'e6' AS submitted;
SELECT e.status, e.completed_by, e.template_id, c.status AS certificate_status, c.activated_by, c.expiration_date - CURRENT_DATE AS days_left
  FROM enrollments e JOIN certificates c ON c.id = e.certificate_id WHERE e.id = :'e6';
SELECT certificate_id AS c6 FROM enrollments WHERE id = :'e6' \gset
-- terminate: the vendor, with a reason, Active only
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT certificate_terminate(:'c1', '{"message": "x"}');
SELECT act_as('ACC-2000-0002', 'USR-2000-0002') IS NOT NULL AS other_client;
SELECT certificate_terminate(:'c1', '{"message": "x"}');
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT certificate_id AS c5 FROM enrollments WHERE id = :'e5' \gset
SELECT enrollment_complete(:'e5') = :'e5' AS completed;
SELECT certificate_terminate(:'c5', NULL);
SELECT certificate_terminate(:'c5', '{"message": "Contract ended"}') = :'c5' AS terminated;
SELECT status, status_notes, terminated_by FROM certificates WHERE id = :'c5';

-- expiry: the job (no caller identity) expires Active certificates past their date, once
RESET request.jwt.claims;
SELECT expire_certificates(NULL);
SELECT expire_certificates() AS expired_today;
SELECT expire_certificates(CURRENT_DATE + 366) AS expired_next_year;
SELECT expire_certificates(CURRENT_DATE + 366) AS expired_again;
SELECT id = :'c6' AS is_c6, status, expired_by, expiration_date - CURRENT_DATE AS days
  FROM certificates WHERE status = 'Expired';
-- an Expired certificate is re-enrolled (not autoapproved: only New requests are)
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_create(certificate_id => :'c6') AS e7 \gset
SELECT enrollment_submit(:'e7') = :'e7' AS submitted;
SELECT e.status, c.status AS certificate_status FROM enrollments e JOIN certificates c ON c.id = e.certificate_id WHERE e.id = :'e7';
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_complete(:'e7') = :'e7' AS completed;
SELECT status, expiration_date - CURRENT_DATE AS days_left FROM certificates WHERE id = :'c6';

-- the audit trail of the first certificate and its enrollments
SELECT object_type, event, from_status, to_status, by_user_id, by_account_id, notes - 'expirationDate' AS notes
  FROM history WHERE object_id IN (:'c1', :'e1', :'e2', :'e3') ORDER BY id;
