-- validate a stored 20-parameter enrollment as the program's vendor (each
-- pgbench client its own enrollment, so the row locks do not serialise them)
\set n 1 + :client_id % 2
SELECT enrollment.enrollment_validate(id::enrollment.mpt_id) FROM public.bench_enrollments WHERE n = :n;
