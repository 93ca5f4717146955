-- The update (PUT) side of enrollments and certificates in the engine:
-- every field x every actor x every status, the audit (updated, revision,
-- history), unchanged values, clearing, and bad input.
\i test/fixtures/reset.sql
\i test/fixtures/accounts.sql
\i test/fixtures/try.sql
INSERT INTO enrollment.users (id, account_id, name) VALUES ('USR-1000-0003', 'ACC-1000-0001', 'Victor Vendor');
INSERT INTO enrollment.buyers (id, account_id, name)
SELECT 'BUY-2000-' || pg_catalog.lpad(n::text, 4, '0'), 'ACC-2000-0001', 'Stark unit ' || n
  FROM generate_series(3, 9) n;
\i test/fixtures/program.sql
SET search_path = enrollment, public;
SELECT mpt_id_child(:'prg', 'PTM', 1) AS ptm_proc, mpt_id_child(:'prg', 'PTM', 2) AS ptm_query,
       mpt_id_child(:'prg', 'PTM', 3) AS ptm_done \gset
-- spare templates, one per type, and a program of another vendor with its own
SELECT template_create(:'prg', 'Alt processing', 'Still looking.', 'EnrollmentProcessing') AS ptm_proc2,
       template_create(:'prg', 'Alt querying', 'Send us more.', 'EnrollmentQuerying') AS ptm_query2,
       template_create(:'prg', 'Alt completed', 'Done, again.', 'EnrollmentCompleted') AS ptm_done2 \gset
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT program_create('Adobe partners', 'Buyer', true, true) AS p_adobe \gset

-- one enrollment (and its certificate) in every status
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e_draft,
       pg_temp.enroll(:'prg', 'BUY-2000-0003') AS e_proc,
       pg_temp.enroll(:'prg', 'BUY-2000-0004') AS e_query,
       pg_temp.enroll(:'prg', 'BUY-2000-0005') AS e_done,
       pg_temp.enroll(:'prg', 'BUY-2000-0006') AS e_fail,
       pg_temp.enroll(:'prg', 'BUY-2000-0007') AS e_upd,
       pg_temp.enroll(:'prg', 'BUY-2000-0008') AS e_exp,
       pg_temp.enroll(:'prg', 'BUY-2000-0009') AS e_term \gset
SELECT enrollment_submit(e) IS NOT NULL AS submitted
  FROM unnest(ARRAY[:'e_proc', :'e_query', :'e_done', :'e_fail', :'e_upd', :'e_exp', :'e_term']::mpt_id[]) e;
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_query(:'e_query', :'ptm_query') IS NOT NULL AS queried,
       enrollment_fail(:'e_fail', '{"message": "Not eligible"}') IS NOT NULL AS failed;
SELECT enrollment_complete(e) IS NOT NULL AS completed
  FROM unnest(ARRAY[:'e_done', :'e_upd', :'e_exp', :'e_term']::mpt_id[]) e;
SELECT certificate_id AS c_draft FROM enrollments WHERE id = :'e_draft' \gset
SELECT certificate_id AS c_pending FROM enrollments WHERE id = :'e_proc' \gset
SELECT certificate_id AS c_active FROM enrollments WHERE id = :'e_done' \gset
SELECT certificate_id AS c_upd FROM enrollments WHERE id = :'e_upd' \gset
SELECT certificate_id AS c_exp FROM enrollments WHERE id = :'e_exp' \gset
SELECT certificate_id AS c_term FROM enrollments WHERE id = :'e_term' \gset
SELECT certificate_terminate(:'c_term', '{"message": "Agreement ended"}') IS NOT NULL AS terminated,
       certificate_expire(:'c_exp') IS NOT NULL AS expired;
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_create(certificate_id => :'c_upd') AS e_change \gset
SELECT enrollment_submit(:'e_change') IS NOT NULL AS re_enrolled;
SELECT c.status, count(*) FROM certificates c GROUP BY 1 ORDER BY 1;

-- enrollments: field x actor x status.  ok, or the SQLSTATE (each cell rolled back)
CREATE TEMP TABLE actors (actor text, acc text, usr text, ord int);
INSERT INTO actors VALUES ('client', 'ACC-2000-0001', 'USR-2000-0001', 1), ('vendor', 'ACC-1000-0001', 'USR-1000-0001', 2),
    ('operations', 'ACC-3000-0001', 'USR-3000-0001', 3), ('other client', 'ACC-2000-0002', 'USR-2000-0002', 4),
    ('other vendor', 'ACC-1000-0002', 'USR-1000-0002', 5);
CREATE TEMP TABLE e_fields (field text, call text, ord int);
INSERT INTO e_fields VALUES
    ('notes', 'notes => ''new notes''', 1),
    ('name', 'name => ''Renamed''', 2),
    ('assignee', 'assignee_id => ''USR-1000-0003''', 3),
    ('template', 'template_id => %L', 4),
    ('statusNotes', 'status_notes => ''{"message": "Waiting for documents"}''', 5),
    ('error', 'error => ''{"id": "E1", "message": "Enrollment has invalid parameters"}''', 6),
    ('clear notes', 'clear => ''{notes}''', 7),
    ('clear assignee', 'clear => ''{assignee}''', 8),
    ('clear statusNotes', 'clear => ''{statusNotes}''', 9),
    ('clear error', 'clear => ''{error}''', 10);
-- give every enrollment something to clear (direct writes: setup only)
UPDATE enrollments SET notes = 'old notes', assignee_id = 'USR-1000-0001',
       status_notes = coalesce(status_notes, '{"message": "old"}'), error = '{"message": "old error"}';
CREATE TEMP TABLE e_status (status text, id text, ord int);
INSERT INTO e_status VALUES ('Draft', :'e_draft', 1), ('Processing', :'e_proc', 2), ('Querying', :'e_query', 3),
    ('Completed', :'e_done', 4), ('Failed', :'e_fail', 5);
SELECT f.field, a.actor,
       string_agg(s.status || ' ' || (SELECT CASE WHEN r LIKE 'ok%' THEN 'ok' ELSE split_part(r, ':', 1) END
                    FROM pg_temp.try(a.acc, a.usr,
                         format('SELECT enrollment.enrollment_update(%L, ' || f.call || ')', s.id,
                                CASE s.status WHEN 'Querying' THEN :'ptm_query2' ELSE :'ptm_proc2' END)) r),
                  ', ' ORDER BY s.ord) AS result
  FROM e_fields f, actors a, e_status s
 GROUP BY f.field, f.ord, a.actor, a.ord ORDER BY f.ord, a.ord;

-- the errors behind the codes
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_update(:'e_proc', notes => 'vendor notes');
SELECT enrollment_update(:'e_done', assignee_id => 'USR-1000-0003');
SELECT enrollment_update(:'e_draft', template_id => :'ptm_proc2');
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_update(:'e_proc', name => 'Renamed');
SELECT enrollment_update(:'e_proc', error => '{"message": "x"}');
SELECT enrollment_update(:'e_proc', clear => '{assignee}');
SELECT act_as('ACC-2000-0002', 'USR-2000-0002') IS NOT NULL AS other_client;
SELECT enrollment_update(:'e_proc', notes => 'x');
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT enrollment_update(:'e_proc', assignee_id => 'USR-1000-0002');

-- audit: one change, one revision, one history row with the new values
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT revision AS rev FROM enrollments WHERE id = :'e_proc' \gset
SELECT enrollment_update(:'e_proc', assignee_id => 'USR-1000-0003', template_id => :'ptm_proc2',
       status_notes => '{"id": "S1", "message": "Reviewing {{doc}}", "parameters": {"doc": "MPN letter"}}') = :'e_proc' AS updated;
SELECT revision - :rev AS revisions, updated_by, updated_at > created_at AS stamped, assignee_id, template_id, status_notes, status
  FROM enrollments WHERE id = :'e_proc';
SELECT event, from_status, to_status, by_user_id, by_account_id, notes FROM history
 WHERE object_id = :'e_proc' ORDER BY id DESC LIMIT 1;
-- the same values again change nothing: no revision, no history
SELECT count(*) AS history_rows FROM history WHERE object_id = :'e_proc' \gset
SELECT enrollment_update(:'e_proc', assignee_id => 'USR-1000-0003', template_id => :'ptm_proc2') = :'e_proc' AS same;
SELECT revision - :rev AS revisions, (SELECT count(*) FROM history WHERE object_id = :'e_proc') - :history_rows AS new_history
  FROM enrollments WHERE id = :'e_proc';
-- a field sent with its current value needs no right: the client may send back what it read
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_update(:'e_proc', notes => 'client notes', assignee_id => 'USR-1000-0003',
       template_id => :'ptm_proc2', name => (SELECT name FROM enrollments WHERE id = :'e_proc')) = :'e_proc' AS put_back;
SELECT revision - :rev AS revisions, notes, updated_by FROM enrollments WHERE id = :'e_proc';
SELECT event, by_user_id, notes FROM history WHERE object_id = :'e_proc' ORDER BY id DESC LIMIT 1;
-- clearing: the client its notes, the vendor its fields
SELECT enrollment_update(:'e_proc', clear => '{notes}') = :'e_proc' AS cleared;
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_update(:'e_proc', clear => '{assignee,statusNotes,error}') = :'e_proc' AS cleared;
SELECT notes, assignee_id, status_notes, error, revision - :rev AS revisions FROM enrollments WHERE id = :'e_proc';
SELECT notes FROM history WHERE object_id = :'e_proc' AND event = 'platform.program.enrollment.updated' ORDER BY id;
-- name in Draft, by the client and by operations; notes by operations in a final status
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_update(:'e_draft', name => 'Stark renamed') = :'e_draft' AS renamed;
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS ops;
SELECT enrollment_update(:'e_draft', name => 'Stark by ops') = :'e_draft' AS renamed;
SELECT enrollment_update(:'e_fail', notes => 'Reviewed by operations') = :'e_fail' AS noted;
SELECT id, name, notes, updated_by FROM enrollments WHERE id IN (:'e_draft', :'e_fail') ORDER BY id;
-- status changes still audit through the trigger: update and status history interleave
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_update(:'e_query', assignee_id => 'USR-1000-0003') IS NOT NULL AS assigned,
       enrollment_process(:'e_query') IS NOT NULL AS processed;
SELECT event, from_status, to_status FROM history WHERE object_id = :'e_query' ORDER BY id;

-- bad input
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_update('ENR-0000-0000-0000', notes => 'x');
SELECT enrollment_update(NULL, notes => 'x');
SELECT enrollment_update('ENR-1', notes => 'x');
SELECT enrollment_update(:'e_proc', assignee_id => 'USR-2000-0001');
SELECT enrollment_update(:'e_proc', assignee_id => 'USR-1000-0002');
SELECT enrollment_update(:'e_proc', assignee_id => 'USR-9999-9999');
SELECT enrollment_update(:'e_proc', template_id => mpt_id_child(:'p_adobe', 'PTM', 1));
SELECT enrollment_update(:'e_proc', template_id => 'PTM-0000-0000-0001');
SELECT enrollment_update(:'e_proc', template_id => :'ptm_query2');
SELECT enrollment_update(:'e_proc', template_id => :'ptm_done');
SELECT enrollment_update(:'e_proc', status_notes => '[]');
SELECT enrollment_update(:'e_proc', status_notes => '"text"');
SELECT enrollment_update(:'e_proc', status_notes => '{}');
SELECT enrollment_update(:'e_proc', status_notes => '{"message": ""}');
SELECT enrollment_update(:'e_proc', status_notes => '{"message": 5}');
SELECT enrollment_update(:'e_proc', status_notes => '{"id": 5, "message": "x"}');
SELECT enrollment_update(:'e_proc', status_notes => '{"message": "x", "parameters": []}');
SELECT enrollment_update(:'e_proc', status_notes => '{"message": "x", "severity": "high"}');
SELECT enrollment_update(:'e_proc', error => jsonb_build_object('message', repeat('é', 4001)));
SELECT enrollment_update(:'e_proc', error => '{"id": "E1"}');
SELECT enrollment_update(:'e_proc', clear => '{status}');
SELECT enrollment_update(:'e_proc', clear => '{template}');
SELECT enrollment_update(:'e_proc', clear => ARRAY[NULL]::text[]);
SELECT enrollment_update(:'e_proc', assignee_id => 'USR-1000-0001', clear => '{assignee}');
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_update(:'e_proc', notes => repeat('n', 4001));
SELECT enrollment_update(:'e_draft', name => '  ');
SELECT enrollment_update(:'e_draft', name => repeat('x', 501));
SELECT enrollment_update(:'e_draft', clear => '{name}');
RESET request.jwt.claims;
SELECT enrollment_update(:'e_draft', notes => 'x');
-- nothing of the refused calls was written
SELECT count(*) FILTER (WHERE event = 'platform.program.enrollment.updated') AS enrollment_updates FROM history;

-- certificates: field x actor x status
CREATE TEMP TABLE c_fields (field text, call text, ord int);
INSERT INTO c_fields VALUES
    ('name', 'name => ''Renamed''', 1),
    ('expirationDate', 'expiration_date => ''2999-12-31''', 2),
    ('externalIds.vendor', 'external_vendor_id => ''EXT-1''', 3),
    ('template', 'template_id => %L', 4);
CREATE TEMP TABLE c_status (status text, id text, ord int);
INSERT INTO c_status VALUES ('Draft', :'c_draft', 1), ('Pending', :'c_pending', 2), ('Active', :'c_active', 3),
    ('Updating', :'c_upd', 4), ('Expired', :'c_exp', 5), ('Terminated', :'c_term', 6);
SELECT f.field, a.actor,
       string_agg(s.status || ' ' || (SELECT CASE WHEN r LIKE 'ok%' THEN 'ok' ELSE split_part(r, ':', 1) END
                    FROM pg_temp.try(a.acc, a.usr,
                         format('SELECT enrollment.certificate_update(%L, ' || f.call || ')', s.id, :'ptm_done2')) r),
                  ', ' ORDER BY s.ord) AS result
  FROM c_fields f, actors a, c_status s
 GROUP BY f.field, f.ord, a.actor, a.ord ORDER BY f.ord, a.ord;

-- the errors behind the codes, and bad input
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT certificate_update(:'c_active', expiration_date => '2999-12-31');
SELECT certificate_update(:'c_active', name => '');
SELECT certificate_update(:'c_active', name => repeat('x', 501));
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT certificate_update(:'c_active', name => 'Vendor name');
SELECT certificate_update(:'c_term', expiration_date => '2999-12-31');
SELECT certificate_update(:'c_active', expiration_date => '2000-01-01');
SELECT certificate_update(:'c_active', external_vendor_id => '');
SELECT certificate_update(:'c_active', external_vendor_id => repeat('x', 256));
SELECT certificate_update(:'c_active', template_id => :'ptm_proc');
SELECT certificate_update(:'c_active', template_id => mpt_id_child(:'p_adobe', 'PTM', 3));
SELECT certificate_update(:'c_active', expiration_date => 'infinity');
SELECT certificate_update('CER-0000-0000-0000', name => 'x');
SELECT act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS other_vendor;
SELECT certificate_update(:'c_active', external_vendor_id => 'x');

-- audit of a certificate update; the vendor's date then rules the expiry job
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT revision AS rev FROM certificates WHERE id = :'c_active' \gset
SELECT certificate_update(:'c_active', expiration_date => '2999-12-31', external_vendor_id => 'MPN-777',
       template_id => :'ptm_done2') = :'c_active' AS updated;
SELECT revision - :rev AS revisions, expiration_date, external_id_vendor, template_id, updated_by, status
  FROM certificates WHERE id = :'c_active';
SELECT event, from_status, to_status, by_user_id, notes FROM history WHERE object_id = :'c_active' ORDER BY id DESC LIMIT 1;
SELECT certificate_update(:'c_active', expiration_date => '2999-12-31') = :'c_active' AS same;
SELECT revision - :rev AS revisions FROM certificates WHERE id = :'c_active';
SELECT expire_certificates('2999-12-31') AS expired_on_the_day, expire_certificates('3000-01-01') AS expired_after;
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT certificate_update(:'c_active', name => 'Stark MSP certificate', expiration_date => '2999-12-31') = :'c_active' AS renamed;
SELECT name, status, revision - :rev AS revisions, updated_by FROM certificates WHERE id = :'c_active';
SELECT notes FROM history WHERE object_id = :'c_active' AND event = 'platform.program.certificate.updated' ORDER BY id;

-- a Deleted enrollment (and its Deleted certificate) takes no change
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_delete(:'e_draft') IS NOT NULL AS deleted;
SELECT enrollment_update(:'e_draft', notes => 'x');
SELECT certificate_update(:'c_draft', name => 'x');
