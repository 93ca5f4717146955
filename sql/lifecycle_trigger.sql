-- The status trigger: a direct UPDATE of a status column that is not an arrow
-- of the state machine is PT409; a legal one is audited like the action
-- functions (but has no side effects on other rows); INSERT is unrestricted;
-- the trigger function refuses to be misused (39P01).
\i test/fixtures/reset.sql
\i test/fixtures/accounts.sql
\i test/fixtures/try.sql
\i test/fixtures/program.sql
SET search_path = enrollment, public;
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e1 \gset
SELECT certificate_id AS c1 FROM enrollments WHERE id = :'e1' \gset

-- illegal arrows, whoever runs them
UPDATE enrollments SET status = 'Completed' WHERE id = :'e1';
UPDATE enrollments SET status = 'Querying' WHERE id = :'e1';
UPDATE certificates SET status = 'Active' WHERE id = :'c1';
UPDATE programs SET status = 'Draft' WHERE id = :'prg';
UPDATE programs SET status = 'Deleted' WHERE id = :'prg';
-- a final status names no way out (the legal Draft -> Deleted stamps deleted_at, which the CHECK needs)
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT program_create('Scratch', 'Buyer') AS p2 \gset
UPDATE programs SET status = 'Deleted' WHERE id = :'p2';
SELECT status, deleted_by, revision FROM programs WHERE id = :'p2';
UPDATE programs SET status = 'Draft' WHERE id = :'p2';
\set VERBOSITY sqlstate
UPDATE enrollments SET status = 'Failed', status_notes = '{"message": "x"}' WHERE id = :'e1';
\set VERBOSITY default

-- SET status = status is no change: nothing stamped, nothing recorded
SELECT count(*) AS history_before FROM history \gset
UPDATE enrollments SET status = status, notes = 'touched' WHERE id = :'e1';
SELECT revision, updated_at IS NULL AS not_stamped, (SELECT count(*) FROM history) - :history_before AS new_history
  FROM enrollments WHERE id = :'e1';

-- a legal direct UPDATE (an operator's repair) is audited with the caller from the claims
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS ops;
UPDATE enrollments SET status = 'Processing' WHERE id = :'e1';
SELECT status, processing_by, updated_by, revision, processing_at IS NOT NULL AS stamped FROM enrollments WHERE id = :'e1';
-- ... but couples nothing: the certificate stays Draft (side effects belong to the functions)
SELECT status FROM certificates WHERE id = :'c1';
SELECT event, from_status, to_status, by_user_id, by_account_id, notes FROM history
 WHERE object_id = :'e1' ORDER BY id;
-- without claims the change is attributed to nobody
RESET request.jwt.claims;
UPDATE certificates SET status = 'Pending' WHERE id = :'c1';
SELECT status, pending_by IS NULL AS anonymous, revision FROM certificates WHERE id = :'c1';
SELECT event, by_user_id IS NULL AS anonymous FROM history WHERE object_id = :'c1' ORDER BY id;
-- the CHECK constraints still hold the row together
\set VERBOSITY terse
UPDATE enrollments SET status = 'Failed' WHERE id = :'e1';
\set VERBOSITY default

-- INSERT is not checked against the transitions: a migrated Active certificate
INSERT INTO certificates (program_id, id, name, client_id, applicable_to, buyer_id,
    eligibility_client, eligibility_partner, status, activated_at)
VALUES (:'prg', 'CER-1111-2222-3333', 'Migrated', 'ACC-2000-0001', 'Buyer', 'BUY-2000-0002', true, false,
    'Active', now());
SELECT id, status, revision FROM certificates WHERE id = 'CER-1111-2222-3333';

-- misuse of the trigger function
SELECT status_change_trigger();
CREATE TABLE public.not_lifecycle (id int, status text);
CREATE TRIGGER t AFTER UPDATE ON public.not_lifecycle
    FOR EACH ROW EXECUTE FUNCTION enrollment.status_change_trigger('enrollment');
INSERT INTO public.not_lifecycle VALUES (1, 'Draft');
UPDATE public.not_lifecycle SET status = 'Processing';
DROP TRIGGER t ON public.not_lifecycle;
CREATE TRIGGER t BEFORE UPDATE ON public.not_lifecycle
    FOR EACH ROW EXECUTE FUNCTION enrollment.status_change_trigger();
UPDATE public.not_lifecycle SET status = 'Processing';
DROP TRIGGER t ON public.not_lifecycle;
CREATE TRIGGER t BEFORE UPDATE ON public.not_lifecycle
    FOR EACH ROW EXECUTE FUNCTION enrollment.status_change_trigger('order');
UPDATE public.not_lifecycle SET status = 'Processing';
DROP TABLE public.not_lifecycle;

-- every lifecycle function is SECURITY DEFINER with a pinned search_path and no PUBLIC execute
SELECT p.proname, p.prosecdef, p.proconfig,
       has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
  FROM pg_proc p
 WHERE p.pronamespace = 'enrollment'::regnamespace
   AND (p.proname ~ '^(program|enrollment|certificate|template|parameter_group)_' OR p.proname IN ('expire_certificates', 'status_change_trigger'))
 ORDER BY p.proname;
