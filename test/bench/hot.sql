-- The targets of the per-call workloads in the hot programs H5, H20 and C5
-- (test/bench/setup.sql), bulk-loaded (test/bench/load.sql) with ids that the
-- pgbench scripts can name from their client number, as a migration would keep
-- them: ENR-99PP-000W-00NN / CER-99PP-000W-00NN for program PP (05, 20, 95),
-- workload W and slot NN (the pgbench client, 1 or 2, or 1..50), of the buyer
-- BUY-9900-0WNN of the client ACC-2000-0001:
--   W = 1 Draft (validate), 2 Draft (submit), 3 Querying (process),
--       4 Processing (complete), 5 Completed (read by id, render: slots 1..50),
--       6 Completed (re-enrollment of its Active certificate).
INSERT INTO bench.spec (program_id, enr_id, cer_id, client_id, buyer_id, status, t, tag)
SELECT p.id, format('ENR-99%s-000%s-%s', lpad(p.no::text, 2, '0'), w, lpad(n::text, 4, '0'))::enrollment.mpt_id,
       format('CER-99%s-000%s-%s', lpad(p.no::text, 2, '0'), w, lpad(n::text, 4, '0'))::enrollment.mpt_id,
       'ACC-2000-0001', format('BUY-9900-%s', lpad((w * 100 + n)::text, 4, '0'))::enrollment.mpt_id,
       (ARRAY['Draft', 'Draft', 'Querying', 'Processing', 'Completed', 'Completed'])[w],
       now() - interval '1 day', format('h%s-%s-%s', p.no, w, n)
  FROM bench.programs p, generate_series(1, 6) w, generate_series(1, CASE WHEN w = 5 THEN 50 ELSE 2 END) n
 WHERE p.kind IN ('H5', 'H20', 'C5');
\i test/bench/load.sql
