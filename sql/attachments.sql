-- Enrollment attachments in the engine (attachment_create/update/delete):
-- each actor, each refusal with its message and SQLSTATE, the ENA numbering
-- from the enrollment's counter, the 10 MiB cap, and the history rows.
\i test/fixtures/reset.sql
\i test/fixtures/accounts.sql
\i test/fixtures/try.sql
INSERT INTO enrollment.buyers (id, account_id, name) VALUES ('BUY-2000-0003', 'ACC-2000-0001', 'Stark spare unit');
\i test/fixtures/program.sql
SET search_path = enrollment, public;

-- a Draft enrollment of Stark, one of Wayne, and a Deleted one of Stark
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e_stark,
       pg_temp.enroll(:'prg', 'BUY-2000-0002', 'ACC-2000-0002', 'USR-2000-0002') AS e_wayne,
       pg_temp.enroll(:'prg', 'BUY-2000-0003') AS e_gone \gset
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT attachment_create(:'e_gone', 'Early letter') = mpt_id_child(:'e_gone', 'ENA', 1) AS first_of_its_own;
SELECT enrollment_delete(:'e_gone') IS NOT NULL AS deleted;

-- create: the client, the vendor and operations; ids from the enrollment's counter
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT attachment_create(:'e_stark', 'Partner letter', 'Signed by the CEO', 'File', 'letter.pdf',
                         'application/pdf', '\x255044462d'::bytea) = mpt_id_child(:'e_stark', 'ENA', 1) AS ena_0001;
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT attachment_create(:'e_stark', 'Vendor checklist', filename => 'check.txt', content_type => 'text/plain',
                         content => convert_to('ok', 'UTF8')) = mpt_id_child(:'e_stark', 'ENA', 2) AS ena_0002;
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS operations;
SELECT attachment_create(:'e_stark', 'License key', type => 'LicenseKey') = mpt_id_child(:'e_stark', 'ENA', 3) AS ena_0003;
-- exactly 10 MiB is accepted (rolled back: only the outcome is kept)
SELECT pg_temp.try('ACC-2000-0001', 'USR-2000-0001',
       format('SELECT attachment_create(%L, %L, content => convert_to(repeat(''a'', 10485760), ''UTF8''))', :'e_stark', 'Big'),
       format('SELECT octet_length(content) FROM enrollment_attachments WHERE name = %L', 'Big')) AS ten_mib;
SELECT id, name, description, type, filename, content_type, octet_length(content) AS size,
       created_by, updated_at IS NULL AS never_updated
  FROM enrollment_attachments ORDER BY id;
SELECT id, last_attachment_no, revision, updated_at IS NULL AS enrollment_untouched
  FROM enrollments ORDER BY id;

-- any status but Deleted: the vendor attaches to a Processing enrollment (rolled back)
SELECT act_as('ACC-2000-0002', 'USR-2000-0002') IS NOT NULL AS wayne;
SELECT enrollment_submit(:'e_wayne') IS NOT NULL AS submitted;
SELECT pg_temp.try('ACC-1000-0001', 'USR-1000-0001', format('SELECT attachment_create(%L, ''Review notes'')', :'e_wayne'),
       format('SELECT string_agg(id || '' '' || name, '', '') FROM enrollment_attachments WHERE enrollment_id = %L', :'e_wayne')) AS processing;

-- create refused: who (PT404 for invisible, 42501 without identity), status (PT409), values (22023, 22001)
CREATE TEMP TABLE cases (label text, acc text, usr text, stmt text, ord serial);
INSERT INTO cases (label, acc, usr, stmt) VALUES
    ('other client', 'ACC-2000-0002', 'USR-2000-0002', format('SELECT attachment_create(%L, ''x'')', :'e_stark')),
    ('other vendor', 'ACC-1000-0002', 'USR-1000-0002', format('SELECT attachment_create(%L, ''x'')', :'e_stark')),
    ('unknown enrollment', 'ACC-3000-0001', 'USR-3000-0001', 'SELECT attachment_create(''ENR-0000-0000-0000'', ''x'')'),
    ('Deleted enrollment', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_create(%L, ''x'')', :'e_gone')),
    ('no enrollment', 'ACC-2000-0001', 'USR-2000-0001', 'SELECT attachment_create(NULL, ''x'')'),
    ('no name', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_create(%L, NULL)', :'e_stark')),
    ('blank name', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_create(%L, '' '')', :'e_stark')),
    ('long name', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_create(%L, repeat(''n'', 501))', :'e_stark')),
    ('long description', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_create(%L, ''x'', repeat(''d'', 4001))', :'e_stark')),
    ('bad type', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_create(%L, ''x'', type => ''Zip'')', :'e_stark')),
    ('long filename', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_create(%L, ''x'', filename => repeat(''f'', 501))', :'e_stark')),
    ('long content type', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_create(%L, ''x'', content_type => repeat(''c'', 256))', :'e_stark')),
    ('10 MiB + 1', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_create(%L, ''x'', content => convert_to(repeat(''a'', 10485761), ''UTF8''))', :'e_stark'));
SELECT label, pg_temp.try(acc, usr, stmt) AS result FROM cases ORDER BY ord;
SELECT set_config('request.jwt.claims', '', false) IS NOT NULL AS anonymous;
SELECT attachment_create(:'e_stark', 'x');
-- the SQLSTATEs echoed, not VERBOSITY verbose: its LOCATION line names a source line
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT attachment_create(:'e_gone', 'x');
\echo :LAST_ERROR_SQLSTATE
SELECT attachment_create(:'e_stark', 'x', content => convert_to(repeat('a', 10485761), 'UTF8'));
\echo :LAST_ERROR_SQLSTATE

-- update: name and description; unchanged values write nothing
SELECT mpt_id_child(:'e_stark', 'ENA', 1) AS a1, mpt_id_child(:'e_stark', 'ENA', 2) AS a2,
       mpt_id_child(:'e_stark', 'ENA', 3) AS a3, mpt_id_child(:'e_gone', 'ENA', 1) AS a_gone \gset
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT attachment_update(:'a1', name => 'Partner letter (signed)') = :'a1' AS renamed;
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT attachment_update(:'a1', description => 'Checked by the vendor') = :'a1' AS described;
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS operations;
SELECT attachment_update(:'a2', name => 'Vendor checklist', description => NULL) = :'a2' AS unchanged;
SELECT id, name, description, updated_by, updated_at IS NOT NULL AS updated FROM enrollment_attachments ORDER BY id;

TRUNCATE cases;
INSERT INTO cases (label, acc, usr, stmt) VALUES
    ('other client', 'ACC-2000-0002', 'USR-2000-0002', format('SELECT attachment_update(%L, ''x'')', :'a1')),
    ('other vendor', 'ACC-1000-0002', 'USR-1000-0002', format('SELECT attachment_update(%L, ''x'')', :'a1')),
    ('unknown attachment', 'ACC-3000-0001', 'USR-3000-0001', format('SELECT attachment_update(%L, ''x'')', mpt_id_child(:'e_stark', 'ENA', 99))),
    ('not an attachment id', 'ACC-3000-0001', 'USR-3000-0001', format('SELECT attachment_update(%L, ''x'')', :'e_stark')),
    ('Deleted enrollment', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_update(%L, ''x'')', :'a_gone')),
    ('no id', 'ACC-2000-0001', 'USR-2000-0001', 'SELECT attachment_update(NULL, ''x'')'),
    ('blank name', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_update(%L, '''')', :'a1')),
    ('long name', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_update(%L, repeat(''n'', 501))', :'a1')),
    ('long description', 'ACC-2000-0001', 'USR-2000-0001', format('SELECT attachment_update(%L, description => repeat(''d'', 4001))', :'a1'));
SELECT label, pg_temp.try(acc, usr, stmt) AS result FROM cases ORDER BY ord;

-- delete: history first, then the row; the number is never reused
TRUNCATE cases;
INSERT INTO cases (label, acc, usr, stmt) VALUES
    ('other client', 'ACC-2000-0002', 'USR-2000-0002', format('SELECT attachment_delete(%L)', :'a3')),
    ('other vendor', 'ACC-1000-0002', 'USR-1000-0002', format('SELECT attachment_delete(%L)', :'a3')),
    ('Deleted enrollment', 'ACC-3000-0001', 'USR-3000-0001', format('SELECT attachment_delete(%L)', :'a_gone')),
    ('no id', 'ACC-3000-0001', 'USR-3000-0001', 'SELECT attachment_delete(NULL)');
SELECT label, pg_temp.try(acc, usr, stmt) AS result FROM cases ORDER BY ord;
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS operations;
SELECT attachment_delete(:'a3') = :'a3' AS deleted;
SELECT pg_temp.try('ACC-3000-0001', 'USR-3000-0001', format('SELECT attachment_delete(%L)', :'a3')) AS again;
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT attachment_delete(:'a2') = :'a2' AS deleted;
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT attachment_create(:'e_stark', 'After the deletes') = mpt_id_child(:'e_stark', 'ENA', 4) AS ena_0004;
SELECT id, name FROM enrollment_attachments ORDER BY id;

-- the history: one row per write, on the enrollment, the attachment in the notes
SELECT h.object_type, h.object_id = :'e_stark' AS on_enrollment, h.event, h.from_status, h.to_status,
       h.by_user_id, h.by_account_id, h.notes
  FROM history h WHERE h.event LIKE '%attachment%' ORDER BY h.id;
