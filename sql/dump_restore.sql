-- pg_dump | psql of a populated database gives identical rows in every extension
-- table and sequence, and id generation carries on without collisions.
\i test/fixtures/reset.sql
\i test/fixtures/accounts.sql
SET search_path = enrollment, public;

-- a populated database: programs in several statuses with children, certificates,
-- enrollments in several statuses, values, attachments, history
INSERT INTO programs (id, name, applicable_to, vendor_id, status, published_at, terminate_on_expiration_enabled,
                      terminate_on_expiration_duration)
    VALUES ('PRG-9643-3741', 'Microsoft AI Cloud Partner', 'Licensee', 'ACC-1000-0001', 'Published', now(), true, 365);
INSERT INTO programs (name, applicable_to, vendor_id) VALUES ('Draft program', 'Buyer', 'ACC-1000-0001');
INSERT INTO program_products VALUES ('PRG-9643-3741', 'PRD-1111-1111');
INSERT INTO parameter_groups (program_id, name, is_default) VALUES ('PRG-9643-3741', 'Parameters', true);
INSERT INTO parameters (program_id, name, phase, type, display_order, external_id, required, options)
    VALUES ('PRG-9643-3741', 'Partner Id', 'Order', 'SingleLineText', 10, 'partner_id', true, '{"pattern": "[0-9]+"}'),
           ('PRG-9643-3741', 'Tenant Id', 'Fulfillment', 'SingleLineText', 20, 'tenant_id', false, '{}');
INSERT INTO templates (program_id, name, content, type, is_default) VALUES
    ('PRG-9643-3741', 'Processing', 'Processing.', 'EnrollmentProcessing', true),
    ('PRG-9643-3741', 'Querying', 'Querying.', 'EnrollmentQuerying', true),
    ('PRG-9643-3741', 'Completed', 'Completed.', 'EnrollmentCompleted', true);
INSERT INTO certificates (program_id, name, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner,
                          status, pending_at, activated_at, expiration_date, external_id_vendor, template_id)
    VALUES ('PRG-9643-3741', 'Stark certificate', 'ACC-2000-0001', 'Licensee', 'LCE-2000-0001-0001', true, false,
            'Active', now(), now(), '2027-11-24', 'MS-123', 'PTM-9643-3741-0003');
INSERT INTO certificates (program_id, name, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner)
    VALUES ('PRG-9643-3741', 'Wayne certificate', 'ACC-2000-0002', 'Licensee', 'LCE-2000-0002-0001', false, true);
INSERT INTO enrollments (program_id, certificate_id, type, client_id, applicable_to, licensee_id, eligibility_client,
                         eligibility_partner, status, processing_at, completed_at, template_id, notes)
    SELECT program_id, id, 'New', client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner,
           'Completed', now(), now(), 'PTM-9643-3741-0003', 'Enroll for a program needed to purchase product XYZ'
      FROM certificates WHERE name = 'Stark certificate';
INSERT INTO enrollments (program_id, certificate_id, type, client_id, applicable_to, licensee_id, eligibility_client,
                         eligibility_partner, error)
    SELECT program_id, id, 'New', client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner,
           '{"id": "ENR0001", "message": "Enrollment has invalid parameters"}'
      FROM certificates WHERE name = 'Wayne certificate';
INSERT INTO enrollment_parameters (program_id, enrollment_id, parameter_id, phase, type, name, external_id, display_order,
                                   hidden, readonly, required, "unique", value)
    SELECT e.program_id, e.id, p.id, p.phase, p.type, p.name, p.external_id, p.display_order, p.hidden, p.readonly,
           p.required, p."unique", '"12345"'
      FROM enrollments e JOIN parameters p USING (program_id);
INSERT INTO certificate_parameters (program_id, certificate_id, parameter_id, phase, type, name, external_id, display_order,
                                    hidden, readonly, required, "unique", value)
    SELECT c.program_id, c.id, p.id, p.phase, p.type, p.name, p.external_id, p.display_order, p.hidden, p.readonly,
           p.required, p."unique", '{"nested": ["json", 1, true, null]}'
      FROM certificates c JOIN parameters p USING (program_id) WHERE c.status = 'Active';
INSERT INTO enrollment_attachments (program_id, enrollment_id, name, filename, content_type, content)
    SELECT program_id, id, 'Agreement', 'agreement.pdf', 'application/pdf', '\x255044462d312e34'::bytea FROM enrollments;
INSERT INTO history (program_id, object_type, object_id, event, from_status, to_status, by_user_id, by_account_id, notes)
    VALUES ('PRG-9643-3741', 'Enrollment', 'ENR-3199-3618-7826', 'platform.program.enrollment.completed',
            'Processing', 'Completed', 'USR-1000-0001', 'ACC-1000-0001', '{"message": "done"}');
SELECT count(*) AS programs FROM programs;

-- dump this database, restore it into a new one, compare every table and sequence
SELECT current_database() AS source_db \gset
\setenv SOURCE_DB :source_db
DROP DATABASE IF EXISTS enrollment_restore_check;
CREATE DATABASE enrollment_restore_check;
\! pg_dump --no-owner -d "$SOURCE_DB" -f results/dump_restore.sql && echo dumped
\! psql -X -q -v ON_ERROR_STOP=1 -d enrollment_restore_check -f results/dump_restore.sql >results/dump_restore.log 2>&1 && echo restored || cat results/dump_restore.log
\! psql -X -At -d "$SOURCE_DB" -f test/fixtures/table_digest.sql > results/digest_source.txt
\! psql -X -At -d enrollment_restore_check -f test/fixtures/table_digest.sql > results/digest_restored.txt
\! wc -l < results/digest_source.txt
\! cmp -s results/digest_source.txt results/digest_restored.txt && echo identical || diff results/digest_source.txt results/digest_restored.txt
-- after the restore, new ids continue from the restored sequences: no collision
\! psql -X -At -d enrollment_restore_check -c "INSERT INTO enrollment.programs (name, applicable_to, vendor_id) VALUES ('After restore', 'Buyer', 'ACC-1000-0001') RETURNING id"
\! psql -X -At -d enrollment_restore_check -c "INSERT INTO enrollment.parameters (program_id, name, phase, type, display_order) VALUES ('PRG-9643-3741', 'After restore', 'Order', 'Email', 30) RETURNING id"
INSERT INTO programs (name, applicable_to, vendor_id) VALUES ('Same in source', 'Buyer', 'ACC-1000-0001') RETURNING id;
DROP DATABASE enrollment_restore_check;
