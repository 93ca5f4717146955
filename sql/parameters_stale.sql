-- Stored validation never raises XX001 for an instance whose definition the
-- cache lacks: it loads the program's definitions again once (a cache filled
-- before the parameter existed), and a definition that is really gone is a
-- per-parameter error (PRM0028).  Triggers are switched off
-- (session_replication_role) to write what the API never does: a parameter
-- without the invalidation that drops the cache, an instance without its
-- definition.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS eid \gset
SELECT enrollment_validate(:'eid') -> 'parameters' AS cached;

-- a required parameter and its instance, the cache not told
SET session_replication_role = replica;
INSERT INTO parameters (program_id, id, name, phase, type, display_order, required)
    VALUES (:'prg', enrollment.mpt_id_child(:'prg', 'PPM', 5), 'Tier', 'Order', 'SingleLineText', 50, true);
INSERT INTO enrollment_parameters (program_id, enrollment_id, parameter_id, phase, type, name, display_order,
                                   hidden, readonly, required, "unique")
    VALUES (:'prg', :'eid', enrollment.mpt_id_child(:'prg', 'PPM', 5), 'Order', 'SingleLineText', 'Tier', 50,
            false, false, true, false);
RESET session_replication_role;
SELECT enrollment_validate(:'eid') -> 'parameters' AS reloaded;

-- an instance whose definition does not exist at all
SET session_replication_role = replica;
INSERT INTO enrollment_parameters (program_id, enrollment_id, parameter_id, phase, type, name, display_order,
                                   hidden, readonly, required, "unique", value)
    VALUES (:'prg', :'eid', enrollment.mpt_id_child(:'prg', 'PPM', 99), 'Order', 'SingleLineText', 'Gone', 60,
            false, false, false, false, '"x"');
RESET session_replication_role;
SELECT enrollment_validate(:'eid') -> 'parameters' AS vanished;
SELECT parameter_id, error FROM enrollment_parameters WHERE enrollment_id = :'eid' AND error IS NOT NULL ORDER BY 1;
SELECT enrollment_submit(:'eid');
