-- Checks that the bulk loader (test/bench/load.sql) writes what the engine
-- writes: one enrollment of H20 is created, submitted and completed through
-- the engine and compared with the bulk-loaded Completed target
-- ENR-9920-0005-0001 (enrollment, certificate and parameter rows, ignoring
-- ids, times and the unique value); then the engine validates bulk-loaded
-- rows of H5 and H20 and must find them clean.  Prints the number of
-- differences; run.sh stops when it is not 0.
SELECT id AS prg FROM bench.programs WHERE kind = 'H20' \gset
BEGIN;
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001', true) IS NOT NULL AS x \gset
SELECT enrollment.enrollment_create(program_id => :'prg', buyer_id => 'BUY-9900-0999', ordering => bench.ordering(:'prg', 'engine' || txid_current())) AS e \gset
SELECT enrollment.enrollment_submit(:'e') AS x \gset
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001', true) IS NOT NULL AS x \gset
SELECT enrollment.enrollment_complete(:'e') AS x \gset
CREATE TEMP VIEW pairs AS
SELECT 'enrollment' AS what, to_jsonb(a) AS engine, to_jsonb(b) AS bulk
  FROM enrollment.enrollments a, enrollment.enrollments b
 WHERE a.id::text = :'e' AND b.id::text = 'ENR-9920-0005-0001'
UNION ALL
SELECT 'certificate', to_jsonb(a), to_jsonb(b)
  FROM enrollment.enrollments ea JOIN enrollment.certificates a ON a.id::text = ea.certificate_id::text,
       enrollment.certificates b
 WHERE ea.id::text = :'e' AND b.id::text = 'CER-9920-0005-0001'
UNION ALL
SELECT 'enrollment parameter ' || a.parameter_id, to_jsonb(a) - 'enrollment_id', to_jsonb(b) - 'enrollment_id'
  FROM enrollment.enrollment_parameters a JOIN enrollment.enrollment_parameters b USING (parameter_id)
 WHERE a.enrollment_id::text = :'e' AND b.enrollment_id::text = 'ENR-9920-0005-0001'
UNION ALL
SELECT 'certificate parameter ' || a.parameter_id, to_jsonb(a) - 'certificate_id', to_jsonb(b) - 'certificate_id'
  FROM enrollment.enrollments ea JOIN enrollment.certificate_parameters a ON a.certificate_id::text = ea.certificate_id::text
       JOIN enrollment.certificate_parameters b USING (parameter_id)
 WHERE ea.id::text = :'e' AND b.certificate_id::text = 'CER-9920-0005-0001';
-- a key differs when its values differ other than as two strings (ids, times) or two values of the unique parameter
CREATE TEMP VIEW diffs AS
SELECT what, k, x.v AS engine, y.v AS bulk
  FROM pairs, jsonb_each(engine) x(k, v) FULL JOIN jsonb_each(bulk) y(k, v) USING (k)
 WHERE x.v IS DISTINCT FROM y.v
   AND NOT (jsonb_typeof(x.v) = 'string' AND jsonb_typeof(y.v) = 'string')
UNION ALL
SELECT 'rows', 'count', to_jsonb(count(*) FILTER (WHERE engine IS NOT NULL)), to_jsonb(42) FROM pairs HAVING count(*) <> 42;
SELECT * FROM diffs;
SELECT count(*) AS differences FROM diffs \gset
ROLLBACK;
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS x \gset
SELECT :differences + count(*) FILTER (WHERE r -> 'parameters' <> '{"ordering": [], "fulfillment": []}' OR r ? 'error') AS differences
  FROM (SELECT enrollment.enrollment_validate(e.id) AS r FROM enrollment.enrollments e JOIN bench.programs p ON p.id::text = e.program_id::text
         WHERE p.kind IN ('H5', 'H20', 'C5') AND e.id::text ~ '^ENR-99(05|20|95)-000[12]-') v \gset
RESET request.jwt.claims;
\echo bulk rows differing from engine rows: :differences
