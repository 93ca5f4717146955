-- Grows the bulk data from :from to :to enrollments over the 100 bulk programs
-- (test/bench/setup.sql), through test/bench/load.sql.  Enrollment k goes to
-- program 1 + (k - 1) % 100 and to the buyer numbered (((k - 1) / 100) * 7919) %
-- 10000 (a permutation, so up to 1,000,000 enrollments every program and buyer
-- pair occurs once and at most one enrollment per pair is open, as the unique
-- index wants; at small scales the buyers still spread over all 100 clients).
-- Statuses by a hash of k: 70 % Completed, 15 % Processing, 10 % Draft,
-- 5 % Querying; created within the last year.
INSERT INTO bench.spec (program_id, enr_id, cer_id, client_id, buyer_id, status, t, tag)
SELECT p.id,
       enrollment.mpt_id_generate('ENR', 3, nextval('enrollment.enrollment_id_seq')),
       enrollment.mpt_id_generate('CER', 3, nextval('enrollment.certificate_id_seq')),
       format('ACC-2100-%s', lpad((1 + bi / 100)::text, 4, '0'))::enrollment.mpt_id,
       format('BUY-%s-%s', 2101 + bi / 100, lpad((1 + bi % 100)::text, 4, '0'))::enrollment.mpt_id,
       CASE WHEN h < 70 THEN 'Completed' WHEN h < 85 THEN 'Processing' WHEN h < 95 THEN 'Draft' ELSE 'Querying' END,
       now() - make_interval(days => (k * 37) % 365, secs => k % 86400),
       'b' || k
  FROM generate_series(:from + 1, :to) k,
       LATERAL (SELECT (((k - 1) / 100) * 7919) % 10000 AS bi, (k * 2654435761) % 100 AS h) x,
       bench.programs p
 WHERE p.kind = 'Bulk' AND p.no = 1 + (k - 1) % 100;
\i test/bench/load.sql
