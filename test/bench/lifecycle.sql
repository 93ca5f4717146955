-- One enrollment walked through its whole lifecycle in one transaction: the client
-- creates it with its ordering values and submits it, the vendor completes it
-- (certificate Pending -> Active with expiry, values copied).  Buyers are picked at
-- random; a buyer whose previous enrollment is Completed may enrol again.
\set b random(1, 1000)
BEGIN;
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001', true);
SELECT enrollment.enrollment_create(program_id => 'PRG-5601-1857',
           buyer_id => ('BUY-3000-' || lpad(:b::text, 4, '0'))::enrollment.mpt_id,
           ordering => '[{"id": "PPM-5601-1857-0001", "value": "4711"}, {"id": "PPM-5601-1857-0002", "value": "a@b.example"}]')::text AS enr \gset
SELECT enrollment.enrollment_submit(:enr::enrollment.mpt_id);
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001', true);
SELECT enrollment.enrollment_complete(:enr::enrollment.mpt_id);
END;
