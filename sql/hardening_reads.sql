-- Holes an outside test found in the read side and in small conversions, each
-- pinned: views honour only a user_id claim of the claimed account; a Deleted
-- enrollment's attachments are not listed; attachment content is not readable
-- through any grant; ids convert to JSON; the validate endpoint runs READ WRITE so a writing hook works.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/postgrest_roles.sql
\set ECHO all

-- what one caller reads through the views (programs | templates | parameters |
-- enrollments | certificates | attachments)
\i test/fixtures/api_sees.sql
BEGIN;
-- Stark's own user: its enrollments, certificates and attachment
SELECT pg_temp.sees('{"account_id": "ACC-2000-0001", "user_id": "USR-2000-0001"}');
-- the account without a user, with another account's user, or with an unknown one: nothing
SELECT pg_temp.sees('{"account_id": "ACC-2000-0001"}');
SELECT pg_temp.sees('{"account_id": "ACC-2000-0001", "user_id": "USR-2000-0002"}');
SELECT pg_temp.sees('{"account_id": "ACC-2000-0001", "user_id": "USR-9999-9999"}');
SELECT pg_temp.sees('{"user_id": "USR-2000-0001"}');
-- the vendor with a client's user: nothing either
SELECT pg_temp.sees('{"account_id": "ACC-1000-0001", "user_id": "USR-2000-0001"}');
SELECT pg_temp.sees('{"account_id": "ACC-1000-0001", "user_id": "USR-1000-0001"}');
ROLLBACK;

-- a Deleted enrollment's attachments are no longer listed, for anyone
BEGIN;
-- (a repair write with the status trigger off: Processing cannot be deleted
-- through the lifecycle, but the read rule must not depend on how it got there)
SET LOCAL session_replication_role = replica;
UPDATE enrollment.enrollments SET status = 'Deleted', deleted_at = now() WHERE id = 'ENR-1000-0001-0001';
RESET session_replication_role;
SELECT pg_temp.sees('{"account_id": "ACC-2000-0001", "user_id": "USR-2000-0001"}');
SELECT pg_temp.sees('{"account_id": "ACC-3000-0001", "user_id": "USR-3000-0001"}');
ROLLBACK;

-- the content of an attachment is not readable by the API roles, the metadata is
BEGIN;
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-2000-0001", "user_id": "USR-2000-0001"}', true) IS NOT NULL AS ok;
SET LOCAL ROLE enrollment_web;
SELECT id, name, size FROM enrollment.enrollment_attachments;
SELECT id, name, size, "contentType" FROM program.enrollment_attachments;
SELECT content FROM enrollment.enrollment_attachments;
ROLLBACK;
BEGIN;
SET LOCAL ROLE enrollment_web;
SELECT * FROM enrollment.enrollment_attachments;
ROLLBACK;
-- rerunning the setup keeps it so
SELECT enrollment.setup_api('enrollment_web', 'enrollment_anon');
SELECT has_column_privilege('enrollment_web', 'enrollment.enrollment_attachments', 'content', 'SELECT') AS content,
       has_column_privilege('enrollment_web', 'enrollment.enrollment_attachments', 'size', 'SELECT') AS size,
       has_column_privilege('enrollment_anon', 'enrollment.enrollment_attachments', 'content', 'SELECT') AS anon_content;

-- ids convert to JSON as strings
SELECT 'PRG-1234-5678'::enrollment.mpt_id::json AS json, 'ENR-1234-5678-9012'::enrollment.mpt_id::jsonb AS jsonb,
       to_json('PRG-1234-5678'::enrollment.mpt_id) AS to_json,
       jsonb_build_object('id', 'PRG-1234-5678'::enrollment.mpt_id) AS built,
       NULL::enrollment.mpt_id::json IS NULL AS null_stays_null;

-- the validate endpoint is VOLATILE, so PostgREST runs it READ WRITE and a
-- pre-validation hook may write
SELECT provolatile FROM pg_proc WHERE oid = 'program.validate_enrollment(json)'::regprocedure;

-- ... and it does: a vendor's hook that writes (a log table) runs under the
-- replayed POST /enrollments/validate, which a STABLE function would have run
-- READ ONLY ("cannot execute INSERT in a read-only transaction")
\set ECHO none
\i test/fixtures/api_pgrst.sql
SET client_min_messages = warning;
DROP TABLE IF EXISTS public.hardening_hook_log;
RESET client_min_messages;
\set ECHO all
CREATE TABLE public.hardening_hook_log (n serial, program text);
GRANT SELECT ON public.hardening_hook_log TO enrollment_authenticator;
CREATE OR REPLACE FUNCTION public.hardening_logging_hook(doc jsonb) RETURNS jsonb LANGUAGE sql
    AS $$ INSERT INTO public.hardening_hook_log (program) VALUES (doc -> 'program' ->> 'id') RETURNING NULL::jsonb $$;
SELECT enrollment.program_set_pre_validation_hook('PRG-1000-0001', 'public.hardening_logging_hook(jsonb)') IS NOT NULL AS hook;
UPDATE enrollment.programs SET pre_validation_enrollment_draft = true WHERE id = 'PRG-1000-0001';
\c - enrollment_authenticator
\set ECHO none
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on
\set who client-stark
\i test/fixtures/api_as.sql
\set fn validate_enrollment
\set body '{"program": {"id": "PRG-1000-0001"}, "buyer": {"id": "BUY-2000-0001"}}'
\set show id
\i test/fixtures/api_rpc_document.sql
\set ECHO all
SELECT n, program FROM public.hardening_hook_log;
