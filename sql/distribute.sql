-- enrollment.distribute() and enrollment.forward_claims() on a single server
-- (README "Object model"): without the citus extension distribute() refuses
-- with 0A000 and changes nothing, and forward_claims() changes no setting.
-- test/citus/run.sh runs both on a Citus cluster.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;

\set VERBOSITY verbose
SELECT distribute();
\set VERBOSITY default

-- only a superuser (or whom the deployer grants it) may run either
SELECT p.proname, has_function_privilege('public', p.oid, 'EXECUTE') AS public_may_execute,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
  FROM pg_proc p WHERE p.pronamespace = 'enrollment'::regnamespace
   AND p.proname IN ('distribute', 'forward_claims') ORDER BY 1;

-- no Citus: the claims stay as they were, set for the session, not the transaction
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS acting;
BEGIN;
SELECT forward_claims();
SELECT current_setting('request.jwt.claims') AS in_transaction;
COMMIT;
SELECT current_setting('request.jwt.claims') AS after_commit,
       current_setting('citus.propagate_set_commands', true) IS NULL AS no_citus_setting;
RESET request.jwt.claims;
SELECT forward_claims();
SELECT nullif(current_setting('request.jwt.claims', true), '') IS NULL AS still_no_claims;
