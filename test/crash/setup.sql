-- Crash test data: a program (test/crash/program.sql: two Order parameters,
-- certificates expire after 365 days) and 1000 buyers, plus crash_test.walk(),
-- one whole lifecycle walk per call, so that each walk is one autocommit
-- statement: when psql returns its result, the walk is committed (README
-- "Robustness tests").
\set ON_ERROR_STOP 1
\i test/crash/program.sql
CREATE SCHEMA crash_test;
-- walk(worker, n): kind by n % 10:
--   0-4 New, completed        5-6 New, failed
--   7-8 Change (re-enrollment of an Active certificate), completed
--   9   Change, failed        (7-9 fall back to New when no certificate is Active)
-- Each worker uses its own buyers (worker 1: 1-500, worker 2: 501-1000), so two
-- workers never race for one certificant and a walk never meets an open enrollment.
-- Returns '<enrollment id> <status it ends in>'.
CREATE FUNCTION crash_test.walk(worker int, n int) RETURNS text
    LANGUAGE plpgsql AS $$
DECLARE
    prg enrollment.mpt_id := (SELECT id FROM enrollment.programs WHERE name = 'Lifecycle bench');
    lo int := 1 + (worker - 1) * 500;
    kind int := n % 10;
    cer enrollment.mpt_id;
    enr enrollment.mpt_id;
    ordering jsonb := (SELECT jsonb_agg(jsonb_build_object('id', p.id::text, 'value',
                          CASE p.type WHEN 'Email' THEN 'w' || worker || '.' || n || '@b.example'
                                      ELSE (1000 + n % 9000)::text END))
                         FROM enrollment.parameters p WHERE p.program_id = prg);
BEGIN
    PERFORM enrollment.act_as('ACC-2000-0001', 'USR-2000-0001', true);
    IF kind >= 7 THEN
        SELECT c.id INTO cer FROM enrollment.certificates c
         WHERE c.program_id = prg AND c.status = 'Active'
           AND right(c.buyer_id::text, 4)::int BETWEEN lo AND lo + 499
         ORDER BY random() LIMIT 1;
    END IF;
    IF cer IS NULL THEN
        enr := enrollment.enrollment_create(program_id => prg,
                   buyer_id => ('BUY-3000-' || lpad((lo + (random() * 499)::int)::text, 4, '0'))::enrollment.mpt_id,
                   ordering => ordering);
    ELSE
        enr := enrollment.enrollment_create(program_id => prg, certificate_id => cer, ordering => ordering);
    END IF;
    PERFORM enrollment.enrollment_submit(enr);
    PERFORM enrollment.act_as('ACC-1000-0001', 'USR-1000-0001', true);
    IF kind IN (5, 6, 9) THEN
        PERFORM enrollment.enrollment_fail(enr, '{"message": "crash test: refused by the vendor"}');
        RETURN enr::text || ' Failed';
    END IF;
    PERFORM enrollment.enrollment_complete(enr);
    RETURN enr::text || ' Completed';
END $$;
COMMENT ON FUNCTION crash_test.walk(int, int) IS 'crash test: one enrollment from create to Completed or Failed in one statement';
