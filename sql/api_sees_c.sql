-- The policy helpers in C (src/render_visibility.c): api_sees_program_row,
-- api_sees_program, api_sees_client_object, api_sees_enrollment,
-- api_sees_certificate, api_sees_account, api_sees_user, api_sees_certificant,
-- api_client_holds and api_vendor_names_certificant (40_api_helpers.sql), and
-- api_object_program_ids, api_object_client_floor, api_object_client_ceiling,
-- api_visible_program_ids (40_api_visibility.sql).  Each answers exactly as
-- the SQL function it replaced: those bodies are kept below as pg_temp.ref_*
-- (run as the superuser, who reads every row as their SECURITY DEFINER did),
-- and every helper is called with every id of the fixtures (and NULL, and an
-- unknown id) for callers of each kind, half and malformed claims, comparing
-- answers, NULLs and errors.  Then: they read with their owner's rights (a
-- client's own policies hide what they consult), and the caller they ask
-- render_caller for is never an answer of another statement's state: claims
-- changed inside one statement, an account disabled by the transaction, a
-- savepoint rolled back (test/specs/api_caller_cache.spec: another session's
-- commit).
\set ECHO none
\i test/fixtures/reset.sql
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/rls_matrix_data.sql
\i test/fixtures/postgrest_roles.sql
UPDATE enrollment.accounts SET status = 'Disabled' WHERE id = 'ACC-2000-0002';
\set ECHO all

-- C, STABLE, PARALLEL SAFE, not STRICT, COST as the SQL functions (100; 100000
-- for those of 40_api_visibility.sql: the plans of sql/rls_plans.sql), no
-- search_path to pin, each commented
SELECT p.oid::regprocedure AS fn, l.lanname, p.provolatile, p.proparallel, p.proisstrict, p.procost,
       p.proconfig, obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
  FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
 WHERE p.pronamespace = 'enrollment'::regnamespace
   AND p.proname ~ '^api_(sees_|client_holds|vendor_names_certificant|object_program_ids|object_client_|visible_program_ids)'
 ORDER BY p.oid::regprocedure::text COLLATE "C";

\set ECHO none
-- the SQL bodies they replaced (40_api_helpers.sql before render_visibility.c)
CREATE FUNCTION pg_temp.ref_client_holds(program_id enrollment.mpt_id, client_id enrollment.mpt_id) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN EXISTS (SELECT 1 FROM enrollment.certificates c
                    WHERE c.program_id OPERATOR(pg_catalog.=) ref_client_holds.program_id
                      AND c.client_id OPERATOR(pg_catalog.=) ref_client_holds.client_id
                      AND c.status OPERATOR(pg_catalog.<>) 'Deleted')
        OR EXISTS (SELECT 1 FROM enrollment.enrollments e
                    WHERE e.program_id OPERATOR(pg_catalog.=) ref_client_holds.program_id
                      AND e.client_id OPERATOR(pg_catalog.=) ref_client_holds.client_id
                      AND e.status OPERATOR(pg_catalog.<>) 'Deleted');

CREATE FUNCTION pg_temp.ref_sees_program_row(id enrollment.mpt_id, vendor_id enrollment.mpt_id, status text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN CASE enrollment.api_caller_type()
        WHEN 'Operations' THEN true
        WHEN 'Vendor' THEN vendor_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
        WHEN 'Client' THEN status OPERATOR(pg_catalog.=) 'Published'
                        OR pg_temp.ref_client_holds(id, enrollment.claim_account_id())
        ELSE false END;

CREATE FUNCTION pg_temp.ref_sees_program(program_id enrollment.mpt_id) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN coalesce((SELECT pg_temp.ref_sees_program_row(p.id, p.vendor_id, p.status)
                       FROM enrollment.programs p
                      WHERE p.id OPERATOR(pg_catalog.=) ref_sees_program.program_id
                        AND p.status OPERATOR(pg_catalog.<>) 'Deleted'), false);

CREATE FUNCTION pg_temp.ref_sees_client_object(program_id enrollment.mpt_id, client_id enrollment.mpt_id) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN CASE enrollment.api_caller_type()
        WHEN 'Operations' THEN true
        WHEN 'Client' THEN client_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
        WHEN 'Vendor' THEN EXISTS (SELECT 1 FROM enrollment.programs p
                                    WHERE p.id OPERATOR(pg_catalog.=) ref_sees_client_object.program_id
                                      AND p.vendor_id OPERATOR(pg_catalog.=) enrollment.claim_account_id())
        ELSE false END;

CREATE FUNCTION pg_temp.ref_sees_enrollment(program_id enrollment.mpt_id, enrollment_id enrollment.mpt_id) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN coalesce((SELECT pg_temp.ref_sees_client_object(e.program_id, e.client_id)
                       FROM enrollment.enrollments e
                      WHERE e.program_id OPERATOR(pg_catalog.=) ref_sees_enrollment.program_id
                        AND e.id OPERATOR(pg_catalog.=) ref_sees_enrollment.enrollment_id
                        AND e.status OPERATOR(pg_catalog.<>) 'Deleted'), false);

CREATE FUNCTION pg_temp.ref_sees_certificate(program_id enrollment.mpt_id, certificate_id enrollment.mpt_id) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN coalesce((SELECT pg_temp.ref_sees_client_object(c.program_id, c.client_id)
                       FROM enrollment.certificates c
                      WHERE c.program_id OPERATOR(pg_catalog.=) ref_sees_certificate.program_id
                        AND c.id OPERATOR(pg_catalog.=) ref_sees_certificate.certificate_id), false);

CREATE FUNCTION pg_temp.ref_sees_account(account_id enrollment.mpt_id) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN CASE enrollment.api_caller_type()
        WHEN 'Operations' THEN true
        WHEN 'Vendor' THEN account_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
            OR EXISTS (SELECT 1 FROM enrollment.accounts a
                        WHERE a.id OPERATOR(pg_catalog.=) ref_sees_account.account_id
                          AND a.type OPERATOR(pg_catalog.<>) 'Client')
            OR EXISTS (SELECT 1 FROM enrollment.enrollments e JOIN enrollment.programs p
                                  ON p.id OPERATOR(pg_catalog.=) e.program_id
                        WHERE e.client_id OPERATOR(pg_catalog.=) ref_sees_account.account_id
                          AND p.vendor_id OPERATOR(pg_catalog.=) enrollment.claim_account_id())
            OR EXISTS (SELECT 1 FROM enrollment.certificates c JOIN enrollment.programs p
                                  ON p.id OPERATOR(pg_catalog.=) c.program_id
                        WHERE c.client_id OPERATOR(pg_catalog.=) ref_sees_account.account_id
                          AND p.vendor_id OPERATOR(pg_catalog.=) enrollment.claim_account_id())
        WHEN 'Client' THEN account_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
            OR EXISTS (SELECT 1 FROM enrollment.accounts a
                        WHERE a.id OPERATOR(pg_catalog.=) ref_sees_account.account_id
                          AND a.type OPERATOR(pg_catalog.<>) 'Client')
        ELSE false END;

CREATE FUNCTION pg_temp.ref_sees_user(account_id enrollment.mpt_id) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN CASE enrollment.api_caller_type()
        WHEN 'Operations' THEN true
        WHEN 'Vendor' THEN account_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
        WHEN 'Client' THEN account_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
        ELSE false END;

-- A certificant is named by one of buyer_id, licensee_id (CHECK ..._one_certificant),
-- so coalesce(buyer_id, licensee_id) is it; the indexes on that expression
-- (12_enrollment_tables.sql) make each probe an index scan.  Deleted enrollments
-- and certificates do not count: the vendor no longer sees them.
CREATE FUNCTION pg_temp.ref_vendor_names_certificant(certificant_id enrollment.mpt_id) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN EXISTS (SELECT 1 FROM enrollment.enrollments e JOIN enrollment.programs p
                          ON p.id OPERATOR(pg_catalog.=) e.program_id
                    WHERE coalesce(e.buyer_id, e.licensee_id) OPERATOR(pg_catalog.=) ref_vendor_names_certificant.certificant_id
                      AND e.status OPERATOR(pg_catalog.<>) 'Deleted'
                      AND p.vendor_id OPERATOR(pg_catalog.=) enrollment.claim_account_id())
        OR EXISTS (SELECT 1 FROM enrollment.certificates c JOIN enrollment.programs p
                          ON p.id OPERATOR(pg_catalog.=) c.program_id
                    WHERE coalesce(c.buyer_id, c.licensee_id) OPERATOR(pg_catalog.=) ref_vendor_names_certificant.certificant_id
                      AND c.status OPERATOR(pg_catalog.<>) 'Deleted'
                      AND p.vendor_id OPERATOR(pg_catalog.=) enrollment.claim_account_id());

CREATE FUNCTION pg_temp.ref_sees_certificant(account_id enrollment.mpt_id, certificant_id enrollment.mpt_id) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN CASE enrollment.api_caller_type()
        WHEN 'Operations' THEN true
        WHEN 'Client' THEN account_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
        WHEN 'Vendor' THEN pg_temp.ref_vendor_names_certificant(certificant_id)
        ELSE false END;

-- Audit "by" and an enrollment's assignee name a user the caller may not read
-- and those of 40_api_visibility.sql
CREATE FUNCTION pg_temp.ref_object_program_ids() RETURNS enrollment.mpt_id[]
    LANGUAGE sql STABLE PARALLEL SAFE COST 100000 SET search_path = pg_catalog, pg_temp
    RETURN CASE enrollment.api_caller_type()
        WHEN 'Operations' THEN ARRAY(SELECT p.id FROM enrollment.programs p ORDER BY p.id)
        WHEN 'Vendor' THEN ARRAY(SELECT p.id FROM enrollment.programs p
                                  WHERE p.vendor_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
                                  ORDER BY p.id)
        -- the distinct programs of the client's rows, one index probe each
        -- (client_id, program_id) rather than a read of all its rows
        WHEN 'Client' THEN ARRAY(
            WITH RECURSIVE e(id) AS (
                (SELECT x.program_id FROM enrollment.enrollments x
                  WHERE x.client_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
                  ORDER BY x.program_id LIMIT 1)
                UNION ALL
                SELECT (SELECT x.program_id FROM enrollment.enrollments x
                         WHERE x.client_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
                           AND x.program_id OPERATOR(pg_catalog.>) e.id
                         ORDER BY x.program_id LIMIT 1)
                  FROM e WHERE e.id IS NOT NULL),
            c(id) AS (
                (SELECT x.program_id FROM enrollment.certificates x
                  WHERE x.client_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
                  ORDER BY x.program_id LIMIT 1)
                UNION ALL
                SELECT (SELECT x.program_id FROM enrollment.certificates x
                         WHERE x.client_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
                           AND x.program_id OPERATOR(pg_catalog.>) c.id
                         ORDER BY x.program_id LIMIT 1)
                  FROM c WHERE c.id IS NOT NULL)
            SELECT e.id FROM e WHERE e.id IS NOT NULL
            UNION
            SELECT c.id FROM c WHERE c.id IS NOT NULL
            ORDER BY 1)
        ELSE '{}'::enrollment.mpt_id[] END;

CREATE FUNCTION pg_temp.ref_object_client_floor() RETURNS enrollment.mpt_id
    LANGUAGE sql STABLE PARALLEL SAFE COST 100000 SET search_path = pg_catalog, pg_temp
    RETURN CASE enrollment.api_caller_type()
        WHEN 'Client' THEN enrollment.claim_account_id()
        WHEN 'Vendor' THEN 'AAA-0000-0000'::enrollment.mpt_id
        WHEN 'Operations' THEN 'AAA-0000-0000'::enrollment.mpt_id END;

CREATE FUNCTION pg_temp.ref_object_client_ceiling() RETURNS enrollment.mpt_id
    LANGUAGE sql STABLE PARALLEL SAFE COST 100000 SET search_path = pg_catalog, pg_temp
    RETURN CASE enrollment.api_caller_type()
        WHEN 'Client' THEN enrollment.claim_account_id()
        WHEN 'Vendor' THEN 'ZZZ-9999-9999-9999'::enrollment.mpt_id
        WHEN 'Operations' THEN 'ZZZ-9999-9999-9999'::enrollment.mpt_id END;

CREATE FUNCTION pg_temp.ref_visible_program_ids() RETURNS enrollment.mpt_id[]
    LANGUAGE sql STABLE PARALLEL SAFE COST 100000 SET search_path = pg_catalog, pg_temp
    RETURN CASE enrollment.api_caller_type()
        WHEN 'Operations' THEN ARRAY(SELECT p.id FROM enrollment.programs p
                                      WHERE p.status OPERATOR(pg_catalog.<>) 'Deleted' ORDER BY p.id)
        WHEN 'Vendor' THEN ARRAY(SELECT p.id FROM enrollment.programs p
                                  WHERE p.vendor_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
                                    AND p.status OPERATOR(pg_catalog.<>) 'Deleted' ORDER BY p.id)
        WHEN 'Client' THEN ARRAY(SELECT p.id FROM enrollment.programs p
                                  WHERE p.status OPERATOR(pg_catalog.<>) 'Deleted'
                                    AND (p.status OPERATOR(pg_catalog.=) 'Published'
                                         OR EXISTS (SELECT FROM enrollment.certificates c
                                                     WHERE c.program_id OPERATOR(pg_catalog.=) p.id
                                                       AND c.client_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
                                                       AND c.status OPERATOR(pg_catalog.<>) 'Deleted')
                                         OR EXISTS (SELECT FROM enrollment.enrollments e
                                                     WHERE e.program_id OPERATOR(pg_catalog.=) p.id
                                                       AND e.client_id OPERATOR(pg_catalog.=) enrollment.claim_account_id()
                                                       AND e.status OPERATOR(pg_catalog.<>) 'Deleted'))
                                  ORDER BY p.id)
        ELSE '{}'::enrollment.mpt_id[] END;

CREATE TEMP TABLE ids(id text);
INSERT INTO ids SELECT DISTINCT x FROM (
  SELECT id::text x FROM enrollment.programs UNION SELECT id::text FROM enrollment.enrollments
  UNION SELECT id::text FROM enrollment.certificates UNION SELECT id::text FROM enrollment.accounts
  UNION SELECT id::text FROM enrollment.buyers UNION SELECT id::text FROM enrollment.licensees
  UNION SELECT 'ACC-9999-9999') s;
INSERT INTO ids VALUES (NULL);
CREATE TEMP TABLE claims(c text);
INSERT INTO claims VALUES (NULL), (''), ('{"account_id":"ACC-2000-0001","user_id":"USR-2000-0001"}'),
 ('{"account_id":"ACC-2000-0002","user_id":"USR-2000-0002"}'),
 ('{"account_id":"ACC-1000-0001","user_id":"USR-1000-0001"}'), ('{"account_id":"ACC-1000-0002","user_id":"USR-1000-0002"}'),
 ('{"account_id":"ACC-3000-0001","user_id":"USR-3000-0001"}'), ('{"account_id":"ACC-2000-0001","user_id":"USR-2000-0002"}'),
 ('{"account_id":"ACC-2000-0001"}'), ('{"user_id":"USR-2000-0001"}'), ('[1]'), ('"x"'),
 ('{"account_id":"garbage","user_id":"USR-2000-0001"}'), ('{"account_id":12,"user_id":"USR-2000-0001"}'),
 ('{"account_id":"ACC-2000-0001","user_id":"bad"}'), ('{"account_id":null,"user_id":"bad"}'), ('{bad json');
CREATE FUNCTION pg_temp.ev(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r boolean;
BEGIN
  EXECUTE q INTO r;
  RETURN coalesce(r::text, 'NULL');
EXCEPTION WHEN OTHERS THEN RETURN 'ERR ' || SQLSTATE || ' ' || SQLERRM;
END $$;
CREATE TEMP TABLE calls(f text, args text);
INSERT INTO calls
  SELECT 'sees_program_row', format('%L, %L, %L', a.id, b.id, s) FROM ids a, ids b, unnest(ARRAY['Published','Draft','Deleted',NULL]) s
   WHERE (a.id IS NULL OR a.id LIKE 'PRG%') AND (b.id IS NULL OR b.id LIKE 'ACC%')
  UNION ALL SELECT 'sees_program', format('%L', a.id) FROM ids a
  UNION ALL SELECT 'client_holds', format('%L, %L', a.id, b.id) FROM ids a, ids b WHERE (a.id IS NULL OR a.id LIKE 'PRG%') AND (b.id IS NULL OR b.id LIKE 'ACC%')
  UNION ALL SELECT 'sees_client_object', format('%L, %L', a.id, b.id) FROM ids a, ids b WHERE (a.id IS NULL OR a.id LIKE 'PRG%') AND (b.id IS NULL OR b.id LIKE 'ACC%')
  UNION ALL SELECT 'sees_enrollment', format('%L, %L', a.id, b.id) FROM ids a, ids b WHERE (a.id IS NULL OR a.id LIKE 'PRG%') AND (b.id IS NULL OR b.id LIKE 'ENR%')
  UNION ALL SELECT 'sees_certificate', format('%L, %L', a.id, b.id) FROM ids a, ids b WHERE (a.id IS NULL OR a.id LIKE 'PRG%') AND (b.id IS NULL OR b.id LIKE 'CER%')
  UNION ALL SELECT 'sees_account', format('%L', a.id) FROM ids a
  UNION ALL SELECT 'sees_user', format('%L', a.id) FROM ids a
  UNION ALL SELECT 'vendor_names_certificant', format('%L', a.id) FROM ids a
  UNION ALL SELECT 'sees_certificant', format('%L, %L', a.id, b.id) FROM ids a, ids b WHERE (a.id IS NULL OR a.id LIKE 'ACC%') AND (b.id IS NULL OR b.id LIKE 'BUY%' OR b.id LIKE 'LCE%');
CREATE TEMP TABLE res(c text, f text, args text, ref text, c_answer text);
CREATE FUNCTION pg_temp.ev_text(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE q INTO r;
  RETURN coalesce(r, 'NULL');
EXCEPTION WHEN OTHERS THEN RETURN 'ERR ' || SQLSTATE || ' ' || SQLERRM;
END $$;
DO $$
DECLARE cl record; k record;
BEGIN
  FOR cl IN SELECT c FROM pg_temp.claims LOOP
    PERFORM set_config('request.jwt.claims', coalesce(cl.c, ''), false);
    FOR k IN SELECT unnest('{object_program_ids,object_client_floor,object_client_ceiling,visible_program_ids}'::text[]) AS f LOOP
      INSERT INTO pg_temp.res VALUES (cl.c, k.f, '',
        pg_temp.ev_text(format('SELECT pg_temp.ref_%s()::text', k.f)),
        pg_temp.ev_text(format('SELECT enrollment.api_%s()::text', k.f)));
    END LOOP;
    FOR k IN SELECT * FROM pg_temp.calls LOOP
      INSERT INTO pg_temp.res VALUES (cl.c, k.f, k.args,
        pg_temp.ev(format('SELECT pg_temp.ref_%s(%s)', k.f, k.args)),
        pg_temp.ev(format('SELECT enrollment.api_%s(%s)', k.f, k.args)));
    END LOOP;
  END LOOP;
  PERFORM set_config('request.jwt.claims', '', false);
END $$;
\set ECHO all

-- answers per helper: true, false, NULL and each error, as the SQL gave them
SELECT f, regexp_replace(ref, '"[^"]*"', '"..."') AS answer, count(*) AS calls
  FROM res WHERE args <> '' GROUP BY 1, 2 ORDER BY 1, 2;
-- the arrays and bounds of 40_api_visibility.sql per caller
SELECT coalesce(c, '(unset)') AS claims, f, ref AS answer FROM res WHERE args = '' ORDER BY 1, 2;
-- where C and SQL differ (expect none)
SELECT c, f, args, ref, c_answer FROM res WHERE ref IS DISTINCT FROM c_answer ORDER BY 1, 2, 3;

-- as the API role: what the helpers consult is hidden from the caller by its
-- own policies (accounts' policy is api_sees_account itself), the owner reads it
SET ROLE enrollment_web;
SELECT set_config('request.jwt.claims', '{"account_id":"ACC-2000-0001","user_id":"USR-2000-0001"}', false) IS NOT NULL AS client;
SELECT enrollment.api_sees_account('ACC-1000-0001') AS vendor_account,
       enrollment.api_sees_account('ACC-2000-0003') AS other_client,
       enrollment.api_sees_enrollment('PRG-1000-0001', 'ENR-1000-0001-0001') AS own_enrollment,
       enrollment.api_sees_enrollment('PRG-1000-0001', 'ENR-1000-0001-0002') AS other_enrollment;
SELECT set_config('request.jwt.claims', '{"account_id":"ACC-1000-0001","user_id":"USR-1000-0001"}', false) IS NOT NULL AS vendor;
SELECT enrollment.api_sees_account('ACC-2000-0001') AS client_of_its_program,
       enrollment.api_sees_certificant('ACC-2000-0001', 'BUY-2000-0001') AS named_buyer,
       enrollment.api_sees_program('PRG-2000-0001') AS other_vendors_program;
RESET ROLE;

-- the caller is that of the claims now: set_config between two calls of one statement
SELECT set_config('request.jwt.claims', '{"account_id":"ACC-2000-0001","user_id":"USR-2000-0001"}', false) IS NOT NULL AS client;
SELECT enrollment.api_sees_user('ACC-2000-0001') AS as_client,
       set_config('request.jwt.claims', '{"account_id":"ACC-1000-0001","user_id":"USR-1000-0001"}', false) IS NOT NULL AS switched,
       enrollment.api_sees_user('ACC-2000-0001') AS as_vendor;
-- ... of the data now: the transaction's own write, then a savepoint rolled back
-- (the command id is the same before and after ROLLBACK TO: no write since)
SELECT set_config('request.jwt.claims', '{"account_id":"ACC-2000-0001","user_id":"USR-2000-0001"}', false) IS NOT NULL AS client;
BEGIN;
SELECT enrollment.api_sees_user('ACC-2000-0001') AS enabled;
SAVEPOINT s;
UPDATE enrollment.accounts SET status = 'Disabled' WHERE id = 'ACC-2000-0001';
SELECT enrollment.api_sees_user('ACC-2000-0001') AS disabled, enrollment.api_caller_type() AS caller_type;
ROLLBACK TO SAVEPOINT s;
SELECT enrollment.api_sees_user('ACC-2000-0001') AS enabled_again, enrollment.api_caller_type() AS caller_type;
ROLLBACK;
RESET request.jwt.claims;

-- the last object's answer (kept for the rows of one enrollment or certificate)
-- holds for the statement's snapshot only: the same call again after the
-- object moved to another client, later in the same transaction
SELECT set_config('request.jwt.claims', '{"account_id":"ACC-2000-0001","user_id":"USR-2000-0001"}', false) IS NOT NULL AS client;
BEGIN;
SELECT enrollment.api_sees_enrollment('PRG-1000-0001', 'ENR-1000-0001-0001') AS own,
       enrollment.api_sees_enrollment('PRG-1000-0001', 'ENR-1000-0001-0001') AS own_again;
UPDATE enrollment.enrollments SET client_id = 'ACC-2000-0003' WHERE id = 'ENR-1000-0001-0001';
SELECT enrollment.api_sees_enrollment('PRG-1000-0001', 'ENR-1000-0001-0001') AS moved_away;
ROLLBACK;
SELECT enrollment.api_sees_enrollment('PRG-1000-0001', 'ENR-1000-0001-0001') AS own_after_rollback;
RESET request.jwt.claims;

-- references kept for a statement (render_cache.c) follow the data: twice the
-- same in one statement, then a rename later in the transaction
SELECT set_config('request.jwt.claims', '{"account_id":"ACC-1000-0001","user_id":"USR-1000-0001"}', false) IS NOT NULL AS vendor;
BEGIN;
SET LOCAL ROLE enrollment_web;
SELECT enrollment.api_program_ref('PRG-1000-0001') ->> 'name' AS name,
       enrollment.api_program_ref('PRG-1000-0001') ->> 'name' AS name_again,
       enrollment.api_user_ref('USR-1000-0001') ->> 'id' AS user_ref;
RESET ROLE;
UPDATE enrollment.programs SET name = 'Renamed' WHERE id = 'PRG-1000-0001';
SET LOCAL ROLE enrollment_web;
SELECT enrollment.api_program_ref('PRG-1000-0001') ->> 'name' AS renamed;
ROLLBACK;
RESET request.jwt.claims;
