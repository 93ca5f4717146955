-- Every action from every status of the three state machines, each run by an
-- actor allowed to run it, so that only the status decides: "ok: <new
-- status>" for the arrows of enrollment.transitions, PT409 for the rest.
\i test/fixtures/reset.sql
\i test/fixtures/accounts.sql
\i test/fixtures/try.sql
INSERT INTO enrollment.buyers (id, account_id, name)
SELECT 'BUY-2000-' || pg_catalog.lpad(n::text, 4, '0'), 'ACC-2000-0001', 'Stark unit ' || n
  FROM generate_series(3, 12) n;
\i test/fixtures/program.sql
SET search_path = enrollment, public;

-- the transition table itself
SELECT object_type, action, from_status, to_status, event, actors FROM transitions;

-- one enrollment in each status, built with the action functions
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e_draft \gset
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0003') AS e_proc \gset
SELECT enrollment_submit(:'e_proc') IS NOT NULL AS submitted;
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0004') AS e_query \gset
SELECT enrollment_submit(:'e_query') IS NOT NULL AS submitted;
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0005') AS e_done \gset
SELECT enrollment_submit(:'e_done') IS NOT NULL AS submitted;
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0006') AS e_fail \gset
SELECT enrollment_submit(:'e_fail') IS NOT NULL AS submitted;
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0007') AS e_del \gset
SELECT enrollment_delete(:'e_del') IS NOT NULL AS deleted;
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0008') AS e_exp \gset
SELECT enrollment_submit(:'e_exp') IS NOT NULL AS submitted;
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0009') AS e_upd \gset
SELECT enrollment_submit(:'e_upd') IS NOT NULL AS submitted;
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_query(:'e_query', mpt_id_child(:'prg', 'PTM', 2)) IS NOT NULL AS queried;
SELECT enrollment_complete(:'e_done') IS NOT NULL AS completed;
SELECT enrollment_fail(:'e_fail', jsonb_build_object('message', 'Not a partner')) IS NOT NULL AS failed;
SELECT enrollment_complete(:'e_exp') IS NOT NULL AS completed;
SELECT enrollment_complete(:'e_upd') IS NOT NULL AS completed;
SELECT certificate_id AS c_exp FROM enrollments WHERE id = :'e_exp' \gset
SELECT certificate_id AS c_upd FROM enrollments WHERE id = :'e_upd' \gset
SELECT certificate_expire(:'c_exp') IS NOT NULL AS expired;
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_create(certificate_id => :'c_upd') AS e_chg \gset
SELECT enrollment_submit(:'e_chg') IS NOT NULL AS submitted;

SELECT e.status, e.type, c.status AS certificate_status
  FROM enrollments e JOIN certificates c ON c.id = e.certificate_id
 ORDER BY e.created_at, e.id;

-- enrollments: 6 statuses x 6 actions
CREATE TEMP TABLE enr_rows (status text, id text, ord int);
INSERT INTO enr_rows VALUES ('Draft', :'e_draft', 1), ('Processing', :'e_proc', 2),
    ('Querying', :'e_query', 3), ('Completed', :'e_done', 4), ('Failed', :'e_fail', 5),
    ('Deleted', :'e_del', 6);
CREATE TEMP TABLE enr_actions (action text, acc text, usr text, stmt text, ord int);
INSERT INTO enr_actions VALUES
    ('submit',   'ACC-2000-0001', 'USR-2000-0001', 'SELECT enrollment.enrollment_submit(%L)', 1),
    ('query',    'ACC-1000-0001', 'USR-1000-0001',
        'SELECT enrollment.enrollment_query(%L, ''' || mpt_id_child(:'prg', 'PTM', 2) || ''')', 2),
    ('process',  'ACC-2000-0001', 'USR-2000-0001', 'SELECT enrollment.enrollment_process(%L)', 3),
    ('complete', 'ACC-1000-0001', 'USR-1000-0001', 'SELECT enrollment.enrollment_complete(%L)', 4),
    ('fail',     'ACC-1000-0001', 'USR-1000-0001',
        'SELECT enrollment.enrollment_fail(%L, jsonb_build_object(''message'', ''No''))', 5),
    ('delete',   'ACC-2000-0001', 'USR-2000-0001', 'SELECT enrollment.enrollment_delete(%L)', 6);
SELECT r.status, a.action,
       pg_temp.try(a.acc, a.usr, format(a.stmt, r.id),
           format('SELECT e.status || '' / certificate '' || c.status FROM enrollment.enrollments e'
                  ' JOIN enrollment.certificates c ON c.id = e.certificate_id WHERE e.id = %L::enrollment.mpt_id',
                  r.id)) AS outcome
  FROM enr_rows r CROSS JOIN enr_actions a
 ORDER BY r.ord, a.ord;

-- certificates: 7 statuses x 3 actions (re-enroll = a Change enrollment_create)
CREATE TEMP TABLE cer_rows (status text, id text, ord int);
INSERT INTO cer_rows
SELECT c.status, c.id::text, array_position(ARRAY['Draft','Pending','Active','Updating','Expired','Terminated','Deleted'], c.status)
  FROM certificates c
 WHERE c.id IN (SELECT certificate_id FROM enrollments WHERE id IN (:'e_draft', :'e_proc', :'e_done', :'e_fail', :'e_del', :'e_exp', :'e_upd'));
SELECT status FROM cer_rows ORDER BY ord;
CREATE TEMP TABLE cer_actions (action text, acc text, usr text, stmt text, ord int);
INSERT INTO cer_actions VALUES
    ('terminate', 'ACC-1000-0001', 'USR-1000-0001',
        'SELECT enrollment.certificate_terminate(%L, jsonb_build_object(''message'', ''Breach''))', 1),
    ('expire',    'ACC-1000-0001', 'USR-1000-0001', 'SELECT enrollment.certificate_expire(%L)', 2),
    ('re-enroll', 'ACC-2000-0001', 'USR-2000-0001', 'SELECT enrollment.enrollment_create(certificate_id => %L)', 3);
SELECT r.status, a.action,
       pg_temp.try(a.acc, a.usr, format(a.stmt, r.id),
           format('SELECT c.status || coalesce('' / open '' || (SELECT e.type || '' enrollment '' || e.status'
                  ' FROM enrollment.enrollments e WHERE e.certificate_id = c.id AND e.status = ''Draft''), '''')'
                  ' FROM enrollment.certificates c WHERE c.id = %L::enrollment.mpt_id', r.id)) AS outcome
  FROM cer_rows r CROSS JOIN cer_actions a
 ORDER BY r.ord, a.ord;

-- programs: 4 statuses x 3 actions
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT program_create('Draft program', 'Buyer') AS p_draft \gset
SELECT program_create('Unpublished program', 'Licensee') AS p_unpub \gset
SELECT program_publish(:'p_unpub') IS NOT NULL AND program_unpublish(:'p_unpub') IS NOT NULL AS unpublished;
SELECT program_create('Deleted program', 'Buyer') AS p_del \gset
SELECT program_delete(:'p_del') IS NOT NULL AS deleted;
CREATE TEMP TABLE prg_rows (status text, id text, ord int);
INSERT INTO prg_rows VALUES ('Draft', :'p_draft', 1), ('Published', :'prg', 2),
    ('Unpublished', :'p_unpub', 3), ('Deleted', :'p_del', 4);
SELECT r.status, a.action,
       pg_temp.try('ACC-1000-0001', 'USR-1000-0001', format('SELECT enrollment.program_%s(%L)', a.action, r.id),
           format('SELECT status FROM enrollment.programs WHERE id = %L::enrollment.mpt_id', r.id)) AS outcome
  FROM prg_rows r CROSS JOIN (VALUES ('publish', 1), ('unpublish', 2), ('delete', 3)) a(action, ord)
 ORDER BY r.ord, a.ord;

-- the PT409 error in full: message, detail listing the allowed statuses
\set VERBOSITY default
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_complete(:'e_query');
SELECT enrollment_fail(:'e_done', jsonb_build_object('message', 'late'));
SELECT certificate_terminate(:'c_exp', jsonb_build_object('message', 'late'));
SELECT program_unpublish(:'p_draft');
