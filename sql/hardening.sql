-- Defects found in review, each pinned: hidden and read-only parameters are not
-- client-writable on create, a client is not told about hidden offenders, a disabled
-- account cannot act, and a deeply nested stored value still renders.
\i test/fixtures/reset.sql
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
SET search_path = enrollment, public;
-- a hidden required parameter and a read-only one with a default, added by the vendor
INSERT INTO parameters (program_id, name, external_id, phase, type, display_order, required, hidden, options) VALUES
    (:'prg', 'Vendor secret', 'vendorSecret', 'Order', 'SingleLineText', 50, true, true, '{}');
INSERT INTO parameters (program_id, name, external_id, phase, type, display_order, readonly, options) VALUES
    (:'prg', 'Fixed', 'fixed', 'Order', 'SingleLineText', 60, true, '{"defaultValue": "fixed"}');
SELECT mpt_id_child(:'prg', 'PPM', 5) AS ppm_hidden, mpt_id_child(:'prg', 'PPM', 6) AS ppm_readonly \gset

-- a client cannot set a hidden or a read-only value when creating an enrollment
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client \gset
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001',
       ordering => jsonb_build_array(jsonb_build_object('id', :'ppm_readonly', 'value', 'client-overwrote')));
SELECT enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001',
       ordering => jsonb_build_array(jsonb_build_object('id', :'ppm_hidden', 'value', 'client-set')));
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS enr \gset
SELECT parameter_id, value FROM enrollment_parameters WHERE enrollment_id = :'enr' ORDER BY display_order;

-- a hidden value that breaks its rule (put there behind the client's back) and a
-- visible one: submit lists only the visible offender to the client
UPDATE parameters SET options = '{"maxChar": 3}' WHERE id = :'ppm_hidden';
UPDATE enrollment_parameters SET value = '"too long"' WHERE enrollment_id = :'enr' AND parameter_id = :'ppm_hidden';
UPDATE enrollment_parameters SET value = NULL WHERE enrollment_id = :'enr' AND parameter_id = mpt_id_child(:'prg', 'PPM', 1);
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client \gset
SELECT enrollment_submit(:'enr');
-- operations (like the vendor) are told about both
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS operations \gset
SELECT enrollment_submit(:'enr');

-- a disabled account can no longer act
UPDATE accounts SET status = 'Disabled' WHERE id = 'ACC-2000-0001';
SELECT enrollment_delete(:'enr');
UPDATE accounts SET status = 'Active' WHERE id = 'ACC-2000-0001';

-- a stored value nested far deeper than any parameter type renders without
-- exhausting the stack (the display value reads at most two levels)
UPDATE enrollment_parameters SET value = (repeat('[', 3000) || repeat(']', 3000))::jsonb
 WHERE enrollment_id = :'enr' AND parameter_id = mpt_id_child(:'prg', 'PPM', 2);
SELECT api_display_value(value) IS NULL AS deep_value_has_no_display
  FROM enrollment_parameters WHERE enrollment_id = :'enr' AND parameter_id = mpt_id_child(:'prg', 'PPM', 2);
SELECT api_display_value('{"firstName": "Jack", "phone": {"prefix": "+1", "number": "555"}, "x": {"y": {"z": 1}}}');
SELECT api_display_value('["a", ["b"], {"c": 1}, 2]');
