-- The crash test's program: Published (certificates expire after 365 days),
-- with two Order parameters, and 1000 buyers of one client, so that each walk
-- takes a fresh enrollment from create to Completed (once the lifecycle
-- benchmark's setup; the benchmark suite has its own data now).
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS enrollment CASCADE;
CREATE EXTENSION enrollment;
RESET client_min_messages;
\i test/fixtures/accounts.sql
INSERT INTO enrollment.buyers (id, account_id, name)
    SELECT ('BUY-3000-' || lpad(n::text, 4, '0'))::enrollment.mpt_id, 'ACC-2000-0001', 'Bench buyer ' || n
      FROM generate_series(1, 1000) n;
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor \gset
SELECT enrollment.program_create('Lifecycle bench', 'Buyer', true, true) AS prg \gset
SELECT enrollment.parameter_create(:'prg', 'Partner number', 'SingleLineText', 'Order', 10,
           constraints => '{"required": true}', options => '{"pattern": "[0-9]{4,8}"}') IS NOT NULL AS p1,
       enrollment.parameter_create(:'prg', 'Contact email', 'Email', 'Order', 20) IS NOT NULL AS p2;
SELECT enrollment.program_set_settings(:'prg', '{"terminateOnExpiration": {"enabled": true, "duration": 365}}') IS NOT NULL AS settings;
SELECT enrollment.program_publish(:'prg') IS NOT NULL AS published;
