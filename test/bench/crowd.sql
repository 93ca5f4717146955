-- :crowd open enrollments (Draft and Processing, each of its own buyer, with
-- distinct unique values) in the program C5, which has H5's definitions: the
-- validate, submit and process workloads run against both (README "Speed":
-- within 20 % with 0 and 100,000 open enrollments).
INSERT INTO enrollment.buyers (id, account_id, name)
SELECT format('BUY-%s-%s', 5000 + i / 10000, lpad((i % 10000)::text, 4, '0'))::enrollment.mpt_id,
       format('ACC-2100-%s', lpad((1 + i % 100)::text, 4, '0'))::enrollment.mpt_id, 'Crowd buyer ' || i
  FROM generate_series(1, :crowd) i;
INSERT INTO bench.spec (program_id, enr_id, cer_id, client_id, buyer_id, status, t, tag)
SELECT p.id, enrollment.mpt_id_generate('ENR', 3, nextval('enrollment.enrollment_id_seq')),
       enrollment.mpt_id_generate('CER', 3, nextval('enrollment.certificate_id_seq')),
       format('ACC-2100-%s', lpad((1 + i % 100)::text, 4, '0'))::enrollment.mpt_id,
       format('BUY-%s-%s', 5000 + i / 10000, lpad((i % 10000)::text, 4, '0'))::enrollment.mpt_id,
       CASE WHEN i % 2 = 0 THEN 'Draft' ELSE 'Processing' END, now() - make_interval(secs => i), 'c' || i
  FROM bench.programs p, generate_series(1, :crowd) i
 WHERE p.kind = 'C5';
\i test/bench/load.sql
