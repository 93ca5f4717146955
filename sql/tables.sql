-- Native tables: every constraint accepts the good row and refuses the bad one
-- with its own error; child ids; the one-open-enrollment rule; append-only history.
\i test/fixtures/reset.sql
\i test/fixtures/accounts.sql
SET search_path = enrollment, public;
-- Terse errors: the constraint name says which rule fired; failing-row details
-- would print generated ids and timestamps.
\set VERBOSITY terse

-- reference tables: id formats and enums
INSERT INTO accounts (id, type, name) VALUES ('ACC-1234', 'Client', 'x');
INSERT INTO accounts (id, type, name) VALUES ('USR-1234-5678', 'Client', 'x');
INSERT INTO accounts (id, type, name) VALUES ('ACC-9999-0001', 'Reseller', 'x');
INSERT INTO accounts (id, type, name) VALUES ('ACC-9999-0001', 'Client', '');
INSERT INTO accounts (id, type, name) VALUES ('ACC-9999-0001', 'Client', NULL);
INSERT INTO accounts (id, type, name) VALUES ('ACC-1000-0001', 'Client', 'duplicate');
INSERT INTO users (id, account_id, name) VALUES ('USR-9999-0001', 'ACC-0000-0000', 'nobody');
INSERT INTO buyers (id, account_id, name) VALUES ('BUY-9999-0001-0001', 'ACC-2000-0001', 'three groups');
INSERT INTO licensees (id, account_id, name) VALUES ('LCE-9999-0001', 'ACC-2000-0001', 'two groups');

-- programs: generated id, defaults, settings constraints
INSERT INTO programs (name, applicable_to, vendor_id) VALUES ('Microsoft AI Cloud Partner', 'Buyer', 'ACC-1000-0001')
    RETURNING id, status, eligibility_client, eligibility_partner, revision;
INSERT INTO programs (id, name, applicable_to, vendor_id) VALUES ('PRG-9643-3741', 'Fixed id', 'Licensee', 'ACC-1000-0001');
INSERT INTO programs (id, name, applicable_to, vendor_id) VALUES ('PRG-9643-3741', 'Same id', 'Buyer', 'ACC-1000-0001');
INSERT INTO programs (id, name, applicable_to, vendor_id) VALUES ('PRM-9643-3741', 'Wrong prefix', 'Buyer', 'ACC-1000-0001');
INSERT INTO programs (name, applicable_to, vendor_id) VALUES ('x', 'Client', 'ACC-1000-0001');
INSERT INTO programs (name, applicable_to, vendor_id, status) VALUES ('x', 'Buyer', 'ACC-1000-0001', 'None');
INSERT INTO programs (name, applicable_to, vendor_id, status) VALUES ('x', 'Buyer', 'ACC-1000-0001', 'Published');
INSERT INTO programs (name, applicable_to, vendor_id, terminate_on_expiration_enabled) VALUES ('x', 'Buyer', 'ACC-1000-0001', true);
INSERT INTO programs (name, applicable_to, vendor_id, terminate_on_expiration_duration) VALUES ('x', 'Buyer', 'ACC-1000-0001', 0);
INSERT INTO programs (name, applicable_to, vendor_id, eligibility_client, eligibility_partner) VALUES ('x', 'Buyer', 'ACC-1000-0001', false, false);
INSERT INTO programs (name, applicable_to, vendor_id) VALUES (repeat('n', 501), 'Buyer', 'ACC-1000-0001');
INSERT INTO programs (name, applicable_to, vendor_id) VALUES ('x', 'Buyer', 'ACC-0000-0000');
INSERT INTO programs (name, applicable_to, vendor_id, pre_validation_hook) VALUES ('x', 'Buyer', 'ACC-1000-0001', 'no_such_function(jsonb)');

-- children get PPM/PPG/PTM-<program digits>-NNNN from the program's counters
INSERT INTO parameter_groups (program_id, name, is_default) VALUES ('PRG-9643-3741', 'Parameters', true) RETURNING id;
INSERT INTO parameter_groups (program_id, name, is_default) VALUES ('PRG-9643-3741', 'Second default', true);
INSERT INTO parameters (program_id, name, phase, type, display_order, external_id)
    VALUES ('PRG-9643-3741', 'Partner Id', 'Order', 'SingleLineText', 10, 'partner_id'),
           ('PRG-9643-3741', 'Tenant Id', 'Fulfillment', 'SingleLineText', 20, 'tenant_id') RETURNING id;
INSERT INTO parameters (program_id, name, phase, type, display_order, external_id)
    VALUES ('PRG-9643-3741', 'Duplicate', 'Order', 'Email', 30, 'partner_id');
INSERT INTO parameters (program_id, name, phase, type, display_order) VALUES ('PRG-9643-3741', 'x', 'Configuration', 'Email', 1);
INSERT INTO parameters (program_id, name, phase, type, display_order) VALUES ('PRG-9643-3741', 'x', 'Order', 'Number', 1);
INSERT INTO parameters (program_id, name, phase, type, display_order, scope) VALUES ('PRG-9643-3741', 'x', 'Order', 'Email', 1, 'Agreement');
INSERT INTO parameters (program_id, name, phase, type, display_order, options) VALUES ('PRG-9643-3741', 'x', 'Order', 'Email', 1, '[]');
INSERT INTO parameters (program_id, name, phase, type, display_order) VALUES ('PRG-0000-0000', 'x', 'Order', 'Email', 1);
INSERT INTO parameters (program_id, name, phase, type, display_order, group_id) VALUES ('PRG-9643-3741', 'x', 'Order', 'Email', 1, 'PPG-9643-3741-0099');
INSERT INTO templates (program_id, name, content, type, is_default) VALUES
    ('PRG-9643-3741', 'Processing', 'We are processing your enrollment.', 'EnrollmentProcessing', true),
    ('PRG-9643-3741', 'Querying', 'We need more information.', 'EnrollmentQuerying', true),
    ('PRG-9643-3741', 'Completed', 'Welcome to the program.', 'EnrollmentCompleted', true) RETURNING id, type;
INSERT INTO templates (program_id, name, content, type, is_default) VALUES ('PRG-9643-3741', 'Second', 'x', 'EnrollmentQuerying', true);
INSERT INTO templates (program_id, name, content, type) VALUES ('PRG-9643-3741', 'x', 'x', 'CertificateActivated');
INSERT INTO templates (program_id, name, content, type) VALUES ('PRG-9643-3741', 'x', repeat('x', 4001), 'EnrollmentQuerying');
INSERT INTO templates (program_id, name, content, type, is_default, status) VALUES ('PRG-9643-3741', 'x', 'x', 'EnrollmentQuerying', true, 'Deleted');
SELECT id, last_parameter_no, last_group_no, last_template_no FROM programs WHERE id = 'PRG-9643-3741';

-- certificates and enrollments: one certificant matching applicableTo, status ties
INSERT INTO certificates (program_id, name, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner)
    VALUES ('PRG-9643-3741', 'Stark certificate', 'ACC-2000-0001', 'Licensee', 'LCE-2000-0001-0001', true, false)
    RETURNING id, status;
INSERT INTO certificates (program_id, name, client_id, applicable_to, buyer_id, eligibility_client, eligibility_partner)
    VALUES ('PRG-9643-3741', 'x', 'ACC-2000-0001', 'Licensee', 'BUY-2000-0001', true, false);
INSERT INTO certificates (program_id, name, client_id, applicable_to, buyer_id, licensee_id, eligibility_client, eligibility_partner)
    VALUES ('PRG-9643-3741', 'x', 'ACC-2000-0001', 'Buyer', 'BUY-2000-0001', 'LCE-2000-0001-0001', true, false);
INSERT INTO certificates (program_id, name, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner, status)
    VALUES ('PRG-9643-3741', 'x', 'ACC-2000-0001', 'Licensee', 'LCE-2000-0001-0001', true, false, 'Active');
INSERT INTO certificates (program_id, name, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner, status, activated_at)
    VALUES ('PRG-9643-3741', 'x', 'ACC-2000-0001', 'Licensee', 'LCE-2000-0001-0001', true, false, 'Expired', now());
INSERT INTO certificates (program_id, name, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner, status, terminated_at)
    VALUES ('PRG-9643-3741', 'x', 'ACC-2000-0001', 'Licensee', 'LCE-2000-0001-0001', true, false, 'Terminated', now());
INSERT INTO certificates (program_id, name, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner, status)
    VALUES ('PRG-9643-3741', 'x', 'ACC-2000-0001', 'Licensee', 'LCE-2000-0001-0001', true, false, 'Revoked');
-- an Active certificate restored from a dump or migrated by operations is accepted as is
INSERT INTO certificates (program_id, id, name, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner,
                          status, activated_at, expiration_date)
    VALUES ('PRG-9643-3741', 'CER-9646-2171-8417', 'Migrated', 'ACC-2000-0002', 'Licensee', 'LCE-2000-0002-0001', false, true,
            'Active', '2026-01-01', '2027-01-01');

INSERT INTO enrollments (program_id, certificate_id, type, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner)
    SELECT program_id, id, 'New', client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner
      FROM certificates WHERE name = 'Stark certificate' RETURNING status, type, revision;
-- a second open enrollment for the same program and certificant is refused
INSERT INTO enrollments (program_id, certificate_id, type, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner)
    SELECT program_id, id, 'Change', client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner
      FROM certificates WHERE name = 'Stark certificate';
-- closed enrollments do not count
INSERT INTO enrollments (program_id, certificate_id, type, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner,
                         status, processing_at, failed_at, status_notes)
    SELECT program_id, id, 'New', client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner,
           'Failed', now(), now(), '{"message": "Educational certification failed"}'
      FROM certificates WHERE name = 'Stark certificate' RETURNING status;
INSERT INTO enrollments (program_id, certificate_id, type, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner,
                         status, failed_at)
    SELECT program_id, id, 'New', client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner, 'Failed', now()
      FROM certificates WHERE name = 'Stark certificate';
INSERT INTO enrollments (program_id, certificate_id, type, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner,
                         status, failed_at, status_notes)
    SELECT program_id, id, 'New', client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner, 'Failed', now(), '{"id": "E1"}'
      FROM certificates WHERE name = 'Stark certificate';
INSERT INTO enrollments (program_id, certificate_id, type, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner,
                         status, querying_at)
    SELECT program_id, id, 'New', client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner, 'Querying', now()
      FROM certificates WHERE name = 'Stark certificate';
INSERT INTO enrollments (program_id, certificate_id, type, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner)
    VALUES ('PRG-9643-3741', 'CER-0000-0000-0000', 'New', 'ACC-2000-0001', 'Licensee', 'LCE-2000-0001-0001', true, false);
INSERT INTO enrollments (program_id, certificate_id, type, client_id, applicable_to, licensee_id, eligibility_client, eligibility_partner, notes)
    VALUES ('PRG-9643-3741', 'CER-9646-2171-8417', 'Change', 'ACC-2000-0002', 'Licensee', 'LCE-2000-0002-0001', false, true, repeat('n', 4001));

-- attachments get ENA-<enrollment digits>-NNNN
INSERT INTO enrollment_attachments (program_id, enrollment_id, name)
    SELECT program_id, id, 'Partner agreement' FROM enrollments WHERE status = 'Draft'
    RETURNING mpt_id_child(enrollment_id, 'ENA', 1) = id AS numbered_from_enrollment;
INSERT INTO enrollment_attachments (program_id, enrollment_id, name) VALUES ('PRG-9643-3741', 'ENR-0000-0000-0000', 'x');

-- parameter values: one per enrollment and definition
INSERT INTO enrollment_parameters (program_id, enrollment_id, parameter_id, phase, type, name, display_order,
                                   hidden, readonly, required, "unique", value)
    SELECT e.program_id, e.id, p.id, p.phase, p.type, p.name, p.display_order, p.hidden, p.readonly, p.required, p."unique", '"x"'
      FROM enrollments e JOIN parameters p USING (program_id) WHERE e.status = 'Draft';
INSERT INTO enrollment_parameters (program_id, enrollment_id, parameter_id, phase, type, name, display_order,
                                   hidden, readonly, required, "unique")
    SELECT e.program_id, e.id, p.id, p.phase, p.type, p.name, p.display_order, p.hidden, p.readonly, p.required, p."unique"
      FROM enrollments e JOIN parameters p USING (program_id) WHERE e.status = 'Draft';

-- history is append-only
INSERT INTO history (program_id, object_type, object_id, event, to_status)
    VALUES ('PRG-9643-3741', 'Program', 'PRG-9643-3741', 'platform.program.program.created', 'Draft');
UPDATE history SET event = 'rewritten';
DELETE FROM history;
TRUNCATE history;
SELECT count(*) FROM history;

-- every data table and sequence is registered for pg_dump
SELECT c.relname, c.relkind
  FROM pg_extension e, unnest(e.extconfig) AS cfg(oid) JOIN pg_class c ON c.oid = cfg.oid
 WHERE e.extname = 'enrollment' ORDER BY c.relkind, c.relname;
SELECT c.relname AS table_not_dumped FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'enrollment' AND c.relkind IN ('r', 'S')
   AND c.oid <> ALL ((SELECT extconfig FROM pg_extension WHERE extname = 'enrollment')::oid[]);
-- and row level security is on for every table
SELECT c.relname AS table_without_rls FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'enrollment' AND c.relkind = 'r' AND NOT c.relrowsecurity;
-- nothing in the private schema is granted to PUBLIC
SELECT has_schema_privilege('public', 'enrollment', 'USAGE') AS public_has_usage;
