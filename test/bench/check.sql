-- the validator alone (what submit, process and complete call): no caller lookup, no locks
\set n 1 + :client_id % 2
SELECT enrollment.enrollment_check_parameters(e.program_id, e.id)
  FROM enrollment.enrollments e JOIN public.bench_enrollments b ON b.id::enrollment.mpt_id OPERATOR(pg_catalog.=) e.id
 WHERE b.n = :n;
