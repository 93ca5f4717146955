-- The lifecycle on a Citus cluster (test/citus/run.sh has distributed the
-- tables): two programs from creation to certificates, through the engine's
-- C functions, as superuser with the caller's claims set for the session
-- (enrollment.act_as, set_config underneath) as the regression tests do.
-- Every step prints what it checks; an error shows up in the diff.
SET client_min_messages = warning;
SET search_path = enrollment, public;

-- the tables as distribute() left them, and distribute() again changes nothing
SELECT c.relname, p.partmethod, column_to_column_name(p.logicalrelid, p.partkey) AS distribution_column,
       p.colocationid = (SELECT colocationid FROM pg_dist_partition
                          WHERE logicalrelid = 'enrollment.programs'::regclass) AS with_programs
  FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
 WHERE c.relnamespace = 'enrollment'::regnamespace ORDER BY p.partmethod, c.relname;
SELECT distribute();
SELECT count(*) AS citus_tables FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
 WHERE c.relnamespace = 'enrollment'::regnamespace;
-- api_setup (the API roles' setup, 43_api_security.sql) stays a coordinator table
SELECT relname AS stays_local FROM pg_class c
 WHERE relnamespace = 'enrollment'::regnamespace AND relkind = 'r'
   AND NOT EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = c.oid);

-- reference data: vendor, clients, operations, users, buyers, licensees
\i test/fixtures/accounts.sql

-- 1. the vendor creates a Buyer program with parameters and settings, publishes it
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS acting_as_vendor;
SELECT program_create('Citus Buyer program', 'Buyer', true, true) AS prg \gset
SELECT parameter_create(:'prg', 'Company name', 'SingleLineText', 'Order', 10,
                        external_id => 'companyName', constraints => '{"required": true}') AS p_company \gset
SELECT parameter_create(:'prg', 'MPN ID', 'SingleLineText', 'Order', 20,
                        external_id => 'mpnId', options => '{"pattern": "[0-9]{6,8}"}') AS p_mpn \gset
SELECT parameter_create(:'prg', 'Tenant', 'SingleLineText', 'Fulfillment', 30,
                        external_id => 'tenant', constraints => '{"required": true}') AS p_tenant \gset
SELECT program_set_settings(:'prg', '{"terminateOnExpiration": {"enabled": true, "duration": 365}}') IS NOT NULL AS settings_saved;
SELECT program_publish(:'prg') IS NOT NULL AS published;
SELECT id = :'prg' AS same, status, published_by, revision FROM programs WHERE id = :'prg';
SELECT id, type, phase, required FROM parameters WHERE program_id = :'prg' ORDER BY id;
SELECT id, type, is_default FROM templates WHERE program_id = :'prg' ORDER BY id;

-- 2. the client enrols its buyer, sets values and submits
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS acting_as_client;
SELECT enrollment_create(:'prg', buyer_id => 'BUY-2000-0001', name => 'Stark on Citus',
           ordering => jsonb_build_array(jsonb_build_object('id', :'p_company', 'value', 'Stark'))) AS enr \gset
SELECT enrollment_set_parameters(:'enr', ordering => jsonb_build_array(jsonb_build_object('id', :'p_mpn', 'value', 'abc'))) IS NOT NULL AS set_bad_value;
SELECT enrollment_submit(:'enr');
SELECT enrollment_set_parameters(:'enr', ordering => jsonb_build_array(jsonb_build_object('id', :'p_mpn', 'value', '1234567'))) IS NOT NULL AS fixed;
SELECT enrollment_submit(:'enr') IS NOT NULL AS submitted;
SELECT e.status, e.processing_by, c.status AS certificate_status, c.pending_by
  FROM enrollments e JOIN certificates c ON c.program_id = e.program_id AND c.id = e.certificate_id WHERE e.id = :'enr';

-- 3. the vendor queries, the client processes, the vendor fills the tenant and completes
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS acting_as_vendor;
-- (the template id first: a SELECT that also reads a distributed table would
-- run the action on the worker, where the session's claims are not)
SELECT id AS querying_template FROM templates WHERE program_id = :'prg' AND type = 'EnrollmentQuerying' AND is_default \gset
SELECT enrollment_query(:'enr', :'querying_template') IS NOT NULL AS queried;
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS acting_as_client;
SELECT enrollment_process(:'enr') IS NOT NULL AS processed;
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS acting_as_vendor;
SELECT enrollment_complete(:'enr');
SELECT enrollment_set_parameters(:'enr', fulfillment => jsonb_build_array(jsonb_build_object('id', :'p_tenant', 'value', 'tenant-1'))) IS NOT NULL AS fulfilled;
SELECT enrollment_complete(:'enr', external_vendor_id => 'MS-4711') IS NOT NULL AS completed;
SELECT certificate_id AS cer FROM enrollments WHERE id = :'enr' \gset
SELECT e.status, e.completed_by, c.status AS certificate_status, c.activated_by, c.external_id_vendor,
       c.expiration_date = CURRENT_DATE + 365 AS expires_in_365_days
  FROM enrollments e JOIN certificates c ON c.program_id = e.program_id AND c.id = e.certificate_id WHERE e.id = :'enr';
SELECT parameter_id, value FROM certificate_parameters WHERE certificate_id = :'cer' ORDER BY parameter_id;

-- 3b. updates: the vendor renames the program, lists a product and sets the
-- certificate's vendor id, the client notes the enrollment and renames the
-- certificate (a new expiration date is a KNOWN-BLOCKER in test/citus/run.sh)
SELECT program_update(:'prg', name => 'Citus Buyer program (renamed)',
                      product_ids => '{PRD-1111-1111}') IS NOT NULL AS program_renamed;
SELECT p.name, array_agg(pp.product_id) AS products
  FROM programs p JOIN program_products pp ON pp.program_id = p.id WHERE p.id = :'prg' GROUP BY p.name;
SELECT certificate_update(:'cer', external_vendor_id => 'MS-4712') IS NOT NULL AS vendor_id_changed;
-- a date bound as a date (no text cast inside CASE, which Citus refuses in a modifying statement)
SELECT certificate_update(:'cer', expiration_date => '2031-01-31') IS NOT NULL AS expiry_moved;
SELECT expiration_date FROM certificates WHERE id = :'cer';
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS acting_as_client;
SELECT enrollment_update(:'enr', notes => 'checked on Citus') IS NOT NULL AS enrollment_noted;
SELECT certificate_update(:'cer', name => 'Stark certificate') IS NOT NULL AS certificate_renamed;
SELECT e.notes, e.updated_by, c.name AS certificate, c.external_id_vendor, c.updated_by AS certificate_updated_by
  FROM enrollments e JOIN certificates c ON c.program_id = e.program_id AND c.id = e.certificate_id
 WHERE e.id = :'enr';
SELECT object_id, notes FROM history
 WHERE object_id IN (:'prg', :'enr', :'cer') AND event LIKE '%.updated' AND notes ?| '{notes,name,externalIds.vendor}'
 ORDER BY object_id, notes::text;

-- 4. re-enrollment: a Change enrollment updates the same certificate
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS acting_as_client;
SELECT enrollment_create(certificate_id => :'cer',
           ordering => jsonb_build_array(jsonb_build_object('id', :'p_mpn', 'value', '7654321'))) AS enr2 \gset
SELECT type, status FROM enrollments WHERE id = :'enr2';
SELECT enrollment_submit(:'enr2') IS NOT NULL AS submitted;
SELECT status FROM certificates WHERE id = :'cer';
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS acting_as_vendor;
SELECT enrollment_complete(:'enr2') IS NOT NULL AS completed;
SELECT status, revision FROM certificates WHERE id = :'cer';
SELECT parameter_id, value FROM certificate_parameters WHERE certificate_id = :'cer' ORDER BY parameter_id;

-- 5. expiry: the vendor expires the certificate
SELECT certificate_expire(:'cer') IS NOT NULL AS expired;
SELECT status, expired_by, expiration_date = CURRENT_DATE AS expires_today FROM certificates WHERE id = :'cer';

-- 6. a Licensee program: a failed enrollment, a migrated certificate, the expiry job
SELECT program_create('Citus Licensee program', 'Licensee', true, true) AS prg2 \gset
SELECT program_set_settings(:'prg2', '{"terminateOnExpiration": {"enabled": true, "duration": 30}}') IS NOT NULL AS settings_saved;
SELECT program_publish(:'prg2') IS NOT NULL AS published;
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS acting_as_client;
SELECT enrollment_create(:'prg2', licensee_id => 'LCE-2000-0001-0001') AS enr3 \gset
SELECT enrollment_submit(:'enr3') IS NOT NULL AS submitted;
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS acting_as_vendor;
SELECT enrollment_fail(:'enr3', '{"message": "not a partner"}') IS NOT NULL AS failed;
SELECT e.status, e.failed_by, e.status_notes, c.status AS certificate_status, c.terminated_by
  FROM enrollments e JOIN certificates c ON c.program_id = e.program_id AND c.id = e.certificate_id WHERE e.id = :'enr3';
SELECT act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS acting_as_operations;
SELECT certificate_migrate(:'prg2', 'ACC-2000-0002', licensee_id => 'LCE-2000-0002-0001',
                           external_vendor_id => 'LEGACY-1') AS cer2 \gset
SELECT status, activated_by, external_id_vendor, expiration_date = CURRENT_DATE + 30 AS expires_in_30_days
  FROM certificates WHERE id = :'cer2';
RESET request.jwt.claims;
SELECT expire_certificates(CURRENT_DATE + 31) AS expired_by_job;
SELECT status, expired_by FROM certificates WHERE id = :'cer2';

-- 7. the history: every change once, attributed to its caller, with snapshots.
-- Listed by object and time, not by id: the coordinator (the actions) and the
-- workers (the status trigger) append from their own id ranges, so ids are
-- unique but do not follow the order of the changes (test/citus/run.sh,
-- KNOWN-BLOCKERS).
SELECT h.object_id, h.event, h.from_status, h.to_status, h.by_user_id,
       h.state IS NOT NULL AS has_state
  FROM history h WHERE h.program_id IN (:'prg', :'prg2')
 ORDER BY h.program_id, h.object_id, h.at, h.event, h.by_user_id;
SELECT count(*) AS rows, count(DISTINCT id) AS ids FROM history;

-- 8. placement: all rows of a program sit on one node, the node of its shard
SELECT count(*) AS tables, count(DISTINCT pl.groupid) AS nodes
  FROM pg_dist_partition p
  JOIN pg_class c ON c.oid = p.logicalrelid AND c.relnamespace = 'enrollment'::regnamespace
  JOIN pg_dist_placement pl ON pl.shardid = get_shard_id_for_distribution_column(p.logicalrelid, :'prg')
 WHERE p.partmethod = 'h'
   AND p.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'enrollment.programs'::regclass);

-- 9. routes (src/object_route.c): every enrollment and certificate the engine
-- made has its program in object_programs, distributed by id, so an action by
-- id finds it on one shard
SELECT (SELECT array_agg(x.id::text || ' ' || x.program_id::text ORDER BY x.id)
          FROM (SELECT id, program_id FROM enrollments UNION ALL SELECT id, program_id FROM certificates) x)
     = (SELECT array_agg(r.id::text || ' ' || r.program_id::text ORDER BY r.id) FROM object_programs r) AS every_object_routed;
SET client_min_messages = error;   -- Citus: a temporary function stays local
CREATE FUNCTION pg_temp.plan(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN RETURN QUERY EXECUTE 'EXPLAIN (COSTS OFF) ' || q; END $$;
SET client_min_messages = warning;
SELECT trim(p) AS route_lookup FROM pg_temp.plan($$SELECT program_id FROM object_programs WHERE id = 'ENR-0000-0000-0001'$$) p
 WHERE p ~ 'Task Count';
