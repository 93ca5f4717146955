-- Errors as a PostgREST caller gets them (README "Error codes"): the error hook
-- re-raises a mapped SQLSTATE as PGRST with the marketplace's HTTP status in
-- the DETAIL JSON and the ProblemDetails fields in the MESSAGE JSON.  Each case
-- is a replayed request (fixture api_rpc.sql): psql shows the exact MESSAGE and
-- DETAIL the hook produced, then <request> | <original SQLSTATE> | <HTTP>.
-- Then what must stay untouched: psql without request.method, the setting off,
-- 40001 (PostgREST retries it), warnings, and stale per-parameter entries.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/postgrest_roles.sql
\i test/fixtures/api_pgrst.sql
SET client_min_messages = warning;
-- Test-only functions in the exposed schema, so that a replayed request can
-- raise what the API itself cannot reach (23514, 23503, P0001, 40001, ...).
CREATE FUNCTION program.test_raise(state text, msg text, full_error boolean DEFAULT true)
    RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    IF full_error THEN
        RAISE EXCEPTION USING ERRCODE = state, MESSAGE = msg, DETAIL = 'The "detail" of it.',
                              HINT = 'A hint.', COLUMN = 'parameters.ordering';
    END IF;
    RAISE EXCEPTION USING ERRCODE = state, MESSAGE = msg;
END $$;
CREATE FUNCTION program.test_warn(msg text) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    RAISE WARNING '%', msg USING ERRCODE = '01000', DETAIL = 'Only a warning.';
    RETURN '{"ok": true}';
END $$;
-- submit, its refusal caught; then RAISE; (the same error again) or another error
CREATE FUNCTION program.test_swallow(id text, rethrow boolean, msg text)
    RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    BEGIN
        PERFORM program.submit_enrollment(id);
    EXCEPTION WHEN SQLSTATE 'PT400' THEN
        IF rethrow THEN
            RAISE;
        END IF;
    END;
    RAISE EXCEPTION USING ERRCODE = 'PT400', MESSAGE = msg, DETAIL = 'Raised after the refusal was caught.';
END $$;
GRANT EXECUTE ON FUNCTION program.test_raise(text, text, boolean), program.test_warn(text),
                          program.test_swallow(text, boolean, text) TO enrollment_web;
RESET client_min_messages;
\c - enrollment_authenticator
\set ECHO none
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on

\echo '-- illegal transition: PT409 is 400 (every transition endpoint declares 400)'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn complete_enrollment
\set body '{"id": "ENR-1000-0001-0002"}'
\i test/fixtures/api_rpc.sql
\echo '-- business rule: PT400 is 400'
\set who client-wayne
\i test/fixtures/api_as.sql
\set fn create_enrollment
\set body '{"program": {"id": "PRG-2000-0001"}, "licensee": {"id": "LCE-2000-0002-0001"}}'
\i test/fixtures/api_rpc.sql
\echo '-- a required body field: 22023 with the field as property (COLUMN of the RAISE)'
\set body '{"buyer": {"id": "BUY-2000-0002"}}'
\i test/fixtures/api_rpc.sql
\echo '-- a reference of the wrong shape: 22023, the field as property'
\set body '{"program": "PRG-1000-0001", "buyer": {"id": "BUY-2000-0002"}}'
\i test/fixtures/api_rpc.sql
\echo '-- a malformed id: 22P02'
\set fn submit_enrollment
\set body '{"id": "ENR-1"}'
\i test/fixtures/api_rpc.sql
\echo '-- a document with a duplicate key: 22032'
\set who client-stark
\i test/fixtures/api_as.sql
\set fn validate_enrollment
\set body '{"program": {"id": "PRG-1000-0001"}, "program": {"id": "PRG-1000-0001"}}'
\i test/fixtures/api_rpc_document.sql
\echo '-- a value over its cap: 22001'
\set fn create_enrollment_attachment
\set body '{"enrollmentId": "ENR-1000-0001-0001", "name": "x", "filename": "' `printf 'f%.0s' $(seq 501)` '", "content": "JVBERi0="}'
\i test/fixtures/api_rpc.sql
\echo '-- duplicate externalId: 23505 is 400, with the platform''s message'
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn create_parameter
\set body '{"programId": "PRG-1000-0001", "name": "Second partner number", "scope": "Enrollment", "phase": "Order", "type": "SingleLineText", "displayOrder": 40, "externalId": "partner_id"}'
\i test/fixtures/api_rpc.sql
\echo '-- 23514, 23503 and P0001 (a bare RAISE EXCEPTION: no detail, no column, details "[]")'
\set fn test_raise
\set body '{"state": "23514", "msg": "new row violates check constraint"}'
\i test/fixtures/api_rpc.sql
\set body '{"state": "23503", "msg": "insert violates foreign key constraint"}'
\i test/fixtures/api_rpc.sql
\set body '{"state": "P0001", "msg": "I refuse!", "full_error": false}'
\i test/fixtures/api_rpc.sql
\echo '-- not found: PT404 is 404'
\set fn submit_enrollment
\set body '{"id": "ENR-0000-0000-0000"}'
\i test/fixtures/api_rpc.sql
\echo '-- forbidden: 42501 with an account_id claim is 403'
\set body '{"id": "ENR-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\echo '-- unauthenticated: 42501 without an account_id claim is 401 (a token without account, the anonymous role)'
\set who no-account
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\set who anonymous
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql

\echo '-- a submit refused for invalid parameters: one entry per offending parameter'
\set who client-wayne
\i test/fixtures/api_as.sql
\set fn create_enrollment
\set body '{"program": {"id": "PRG-1000-0001"}, "buyer": {"id": "BUY-2000-0002"}, "parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "value": "12ab"}]}}'
\set show id,status
\i test/fixtures/api_rpc.sql
\unset show
SELECT :'rpc_body'::jsonb->>'id' AS draft \gset
\set fn submit_enrollment
\set body '{"id": "' :draft '"}'
\i test/fixtures/api_rpc.sql
\echo '-- the same refusal caught and re-raised (RAISE;) keeps its entries'
\set fn test_swallow
\set body '{"id": "' :draft '", "rethrow": true, "msg": "unused"}'
\i test/fixtures/api_rpc.sql
\echo '-- stale entries: the refusal caught, then another error (even with the same message) gets none'
\set body '{"id": "' :draft '", "rethrow": false, "msg": "enrollment ' :draft ' has invalid parameters"}'
\i test/fixtures/api_rpc.sql
\echo '-- and two requests in a row: the refusal, then an unrelated PT400 with the same message'
\set fn submit_enrollment
\set body '{"id": "' :draft '"}'
\i test/fixtures/api_rpc.sql
\set fn test_raise
\set body '{"state": "PT400", "msg": "enrollment ' :draft ' has invalid parameters", "full_error": false}'
\i test/fixtures/api_rpc.sql

\echo '-- untouched: 40001 (PostgREST retries it), an unmapped code (55000), a warning'
\set fn test_raise
\set body '{"state": "40001", "msg": "could not serialize access"}'
\i test/fixtures/api_rpc.sql
\set body '{"state": "55000", "msg": "object not in prerequisite state"}'
\i test/fixtures/api_rpc.sql
\set fn test_warn
\set body '{"msg": "careful"}'
\i test/fixtures/api_rpc.sql
\echo '-- untouched: the preamble''s role errors, which PostgREST maps itself (401; 403 or 401)'
BEGIN;
SELECT set_config('request.method', 'POST', true), set_config('role', 'no_such_role', true);
ROLLBACK;
BEGIN;
SELECT set_config('request.method', 'POST', true), set_config('role', 'postgres', true);
ROLLBACK;

\echo '-- untouched with enrollment.api_problem_errors off (PostgREST''s own table: PT409 is 409)'
SET enrollment.api_problem_errors = off;
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn complete_enrollment
\set body '{"id": "ENR-1000-0001-0002"}'
\i test/fixtures/api_rpc.sql
RESET enrollment.api_problem_errors;

\echo '-- psql and SQL applications (no request.method): the plain errors, stable SQLSTATEs'
\c - postgres
\set ECHO none
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') \g /dev/null
SELECT program.complete_enrollment('ENR-1000-0001-0002');
\echo :LAST_ERROR_SQLSTATE
SELECT program.create_parameter('PRG-1000-0001', name => 'Second partner number', scope => 'Enrollment',
                                phase => 'Order', type => 'SingleLineText', "displayOrder" => 40, "externalId" => 'partner_id');
\echo :LAST_ERROR_SQLSTATE
SELECT enrollment.act_as('ACC-2000-0002', 'USR-2000-0002') \g /dev/null
SELECT program.submit_enrollment(:'draft');
\echo :LAST_ERROR_SQLSTATE
SELECT program.create_enrollment(buyer => '{"id": "BUY-2000-0002"}');
\echo :LAST_ERROR_SQLSTATE
\echo '-- the setting is on by default'
SHOW enrollment.api_problem_errors;
