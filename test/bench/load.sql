-- Bulk-loads the enrollments listed in bench.spec (one row each: program, ids,
-- client, buyer, status Draft / Processing / Querying / Completed, creation time,
-- tag of its unique value) as the engine would have left them, set-based and
-- with triggers off (session_replication_role = replica: no status trigger, so
-- no history rows; the rows carry their own audit columns and revisions):
--   certificate  Draft / Pending / Pending / Active (expiring 365 days after completion)
--   enrollment   with its audit stamps, revision and the status's default template
--   parameter instances of every Active definition with the value the workloads
--   use (bench.defs, the unique one 's' || tag), and for Completed the
--   certificate's copy.  Who: the client's user creates and submits, the
--   program's vendor user queries and completes.
SET session_replication_role = replica;
BEGIN;
CREATE TEMP TABLE s ON COMMIT DROP AS
SELECT sp.*, pr.name AS program_name, pr.vendor_id,
       ('USR' || substr(sp.client_id::text, 4))::enrollment.mpt_id AS cu,
       ('USR' || substr(pr.vendor_id::text, 4))::enrollment.mpt_id AS vu,
       sp.t + interval '1 hour' AS t_sub, sp.t + interval '2 hours' AS t_done,
       (SELECT tp.id FROM enrollment.templates tp WHERE tp.program_id OPERATOR(enrollment.=) sp.program_id AND tp.is_default
           AND tp.type = CASE sp.status WHEN 'Processing' THEN 'EnrollmentProcessing' WHEN 'Querying' THEN 'EnrollmentQuerying'
                                        ELSE 'EnrollmentCompleted' END) AS template_id
  FROM bench.spec sp JOIN enrollment.programs pr ON pr.id OPERATOR(enrollment.=) sp.program_id;
INSERT INTO enrollment.certificates (program_id, id, name, client_id, applicable_to, buyer_id,
        eligibility_client, eligibility_partner, status, expiration_date, template_id, revision,
        created_at, created_by, updated_at, updated_by, pending_at, pending_by, activated_at, activated_by)
SELECT program_id, cer_id, program_name, client_id, 'Buyer', buyer_id, true, true,
       CASE status WHEN 'Draft' THEN 'Draft' WHEN 'Completed' THEN 'Active' ELSE 'Pending' END,
       CASE WHEN status = 'Completed' THEN t_done::date + 365 END,
       CASE WHEN status = 'Completed' THEN template_id END,
       CASE status WHEN 'Draft' THEN 1 WHEN 'Completed' THEN 3 ELSE 2 END,
       t, cu,
       CASE status WHEN 'Draft' THEN NULL WHEN 'Completed' THEN t_done ELSE t_sub END,
       CASE status WHEN 'Draft' THEN NULL WHEN 'Completed' THEN vu ELSE cu END,
       CASE WHEN status <> 'Draft' THEN t_sub END, CASE WHEN status <> 'Draft' THEN cu END,
       CASE WHEN status = 'Completed' THEN t_done END, CASE WHEN status = 'Completed' THEN vu END
  FROM s;
INSERT INTO enrollment.enrollments (program_id, id, certificate_id, type, client_id, applicable_to, buyer_id,
        eligibility_client, eligibility_partner, status, template_id, revision,
        created_at, created_by, updated_at, updated_by, processing_at, processing_by,
        querying_at, querying_by, completed_at, completed_by)
SELECT program_id, enr_id, cer_id, 'New', client_id, 'Buyer', buyer_id, true, true, status,
       CASE WHEN status <> 'Draft' THEN template_id END,
       CASE status WHEN 'Draft' THEN 1 WHEN 'Processing' THEN 2 ELSE 3 END,
       t, cu,
       CASE status WHEN 'Draft' THEN NULL WHEN 'Processing' THEN t_sub ELSE t_done END,
       CASE status WHEN 'Draft' THEN NULL WHEN 'Processing' THEN cu ELSE vu END,
       CASE WHEN status <> 'Draft' THEN t_sub END, CASE WHEN status <> 'Draft' THEN cu END,
       CASE WHEN status = 'Querying' THEN t_done END, CASE WHEN status = 'Querying' THEN vu END,
       CASE WHEN status = 'Completed' THEN t_done END, CASE WHEN status = 'Completed' THEN vu END
  FROM s;
INSERT INTO enrollment.enrollment_parameters (program_id, enrollment_id, parameter_id, phase, type, name, external_id,
        display_order, hidden, readonly, required, "unique", value)
SELECT s.program_id, s.enr_id, pa.id, pa.phase, pa.type, pa.name, pa.external_id, pa.display_order,
       pa.hidden, pa.readonly, pa.required, pa."unique",
       CASE WHEN d.n = 6 THEN to_jsonb('s' || s.tag) ELSE coalesce(d.value, pa.options -> 'defaultValue') END
  FROM s JOIN enrollment.parameters pa ON pa.program_id OPERATOR(enrollment.=) s.program_id AND pa.status = 'Active'
       JOIN bench.defs d ON pa.name = 'p' || d.n;
INSERT INTO enrollment.certificate_parameters (program_id, certificate_id, parameter_id, phase, type, name, external_id,
        display_order, hidden, readonly, required, "unique", value)
SELECT s.program_id, s.cer_id, v.parameter_id, v.phase, v.type, v.name, v.external_id, v.display_order,
       v.hidden, v.readonly, v.required, v."unique", v.value
  FROM s JOIN enrollment.enrollment_parameters v ON v.program_id OPERATOR(enrollment.=) s.program_id
                                                 AND v.enrollment_id OPERATOR(enrollment.=) s.enr_id
 WHERE s.status = 'Completed';
COMMIT;
SET session_replication_role = origin;
TRUNCATE bench.spec;
