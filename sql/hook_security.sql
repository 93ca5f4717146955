-- A pre-validation hook runs as its own owner, in a security-restricted
-- operation, never as the SECURITY DEFINER validator (the extension owner): a
-- role that owns a registered hook and later replaces its body gains nothing.
-- A hook dropped or re-declared after registration is a clean PT400.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS hook_owner_s CASCADE;
DROP ROLE IF EXISTS enrollment_hook_owner;
RESET client_min_messages;
CREATE ROLE enrollment_hook_owner NOLOGIN;
CREATE SCHEMA hook_owner_s AUTHORIZATION enrollment_hook_owner;
-- the hook's owner writes a harmless hook; an administrator registers it
SET ROLE enrollment_hook_owner;
CREATE FUNCTION hook_owner_s.hook(doc jsonb) RETURNS jsonb LANGUAGE sql AS 'SELECT NULL::jsonb';
RESET ROLE;
SELECT program_set_pre_validation_hook(:'prg', 'hook_owner_s.hook(jsonb)') = :'prg' AS registered;
UPDATE programs SET pre_validation_enrollment_draft = true WHERE id = :'prg';
CREATE FUNCTION pg_temp.draft() RETURNS text LANGUAGE sql AS $$
    SELECT enrollment.validate_enrollment_json(json_build_object(
        'program', json_build_object('id', (SELECT id FROM enrollment.programs)), 'type', 'New')::text)::text $$;
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client \gset

-- the owner then replaces the body: it reports who runs it, then tries to escalate
SET ROLE enrollment_hook_owner;
CREATE OR REPLACE FUNCTION hook_owner_s.hook(doc jsonb) RETURNS jsonb LANGUAGE sql
    AS $$ SELECT jsonb_build_object('error', jsonb_build_object('id', 'WHO', 'message', 'run as ' || current_user)) $$;
RESET ROLE;
SELECT pg_temp.draft()::jsonb -> 'error' AS hook_error;
SET ROLE enrollment_hook_owner;
CREATE OR REPLACE FUNCTION hook_owner_s.hook(doc jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE 'ALTER ROLE enrollment_hook_owner SUPERUSER';
    RETURN NULL;
END $$;
RESET ROLE;
SELECT pg_temp.draft();
SELECT rolsuper AS hook_owner_became_superuser FROM pg_roles WHERE rolname = 'enrollment_hook_owner';
-- nor can it switch role inside the restricted operation
SET ROLE enrollment_hook_owner;
CREATE OR REPLACE FUNCTION hook_owner_s.hook(doc jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN
    SET LOCAL ROLE postgres;
    RETURN NULL;
END $$;
RESET ROLE;
SELECT pg_temp.draft();

-- settings the hook changes do not outlive it: a search_path pointing at the owner's
-- own "=" operator, claims naming another account, a timeout; afterwards the session
-- and the code that runs after the hook see the settings they had
SET ROLE enrollment_hook_owner;
CREATE FUNCTION hook_owner_s.texteq(a text, b text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        EXECUTE 'ALTER ROLE enrollment_hook_owner SUPERUSER';
    END IF;
    RETURN a OPERATOR(pg_catalog.=) b;
END $$;
CREATE OPERATOR hook_owner_s.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hook_owner_s.texteq);
CREATE OR REPLACE FUNCTION hook_owner_s.hook(doc jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'hook_owner_s, pg_catalog', false);
    PERFORM pg_catalog.set_config('request.jwt.claims', '{"account_id": "ACC-3000-0001", "user_id": "USR-3000-0001"}', false);
    PERFORM pg_catalog.set_config('statement_timeout', '1ms', false);
    RETURN NULL;
END $$;
RESET ROLE;
SHOW search_path;
SELECT pg_temp.draft()::jsonb ? 'program' AS validated;
SHOW search_path;
SHOW statement_timeout;
SELECT claim_account_id() AS still_the_client;
SELECT 'x'::text = 'y'::text AS plain_comparison;
SELECT rolsuper AS hook_owner_became_superuser FROM pg_roles WHERE rolname = 'enrollment_hook_owner';

-- dropped: a clean PT400, not an internal error; a function created again under the
-- same name is not the registered hook (registration is by identity, not by name)
DROP FUNCTION hook_owner_s.hook(jsonb);
\set VERBOSITY sqlstate
SELECT pg_temp.draft();
\set VERBOSITY default
SELECT pg_temp.draft();
SET ROLE enrollment_hook_owner;
CREATE FUNCTION hook_owner_s.hook(doc jsonb) RETURNS jsonb LANGUAGE sql AS 'SELECT NULL::jsonb';
RESET ROLE;
SELECT program_set_pre_validation_hook(:'prg', 'hook_owner_s.hook(jsonb)') = :'prg' AS registered_again;
DROP FUNCTION hook_owner_s.hook(jsonb);
SET ROLE enrollment_hook_owner;
CREATE FUNCTION hook_owner_s.hook(doc jsonb) RETURNS text LANGUAGE sql AS 'SELECT NULL::text';
RESET ROLE;
SELECT pg_temp.draft();

UPDATE programs SET pre_validation_hook = NULL, pre_validation_enrollment_draft = false WHERE id = :'prg';
DROP SCHEMA hook_owner_s CASCADE;
DROP ROLE enrollment_hook_owner;
