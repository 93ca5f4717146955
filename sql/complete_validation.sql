-- Completion never issues an invalid certificate (README "Lifecycle"): complete,
-- the completion of a re-enrollment and submit under newCertificateAutoapprove
-- validate every parameter of both phases (required Order and Fulfillment
-- values, hidden ones included, every type and option rule, unique) with the
-- validator submit uses, refuse with PT400 naming the offenders, and change
-- nothing when they refuse: no status, certificate, value, error or history.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
\set VERBOSITY default

-- The sample program (companyName required, mpnId, contact, resellerId) plus the
-- vendor's own parameters: a required tenant id, a hidden required internal code,
-- an Email and a unique domain, all filled in by the vendor.
SELECT parameter_create(:'prg', 'Tenant Id', 'SingleLineText', 'Fulfillment', 50, external_id => 'tenantId',
       constraints => '{"required": true}') AS p_tenant \gset
SELECT parameter_create(:'prg', 'Internal code', 'SingleLineText', 'Order', 60, external_id => 'code',
       constraints => '{"hidden": true, "required": true}') AS p_code \gset
SELECT parameter_create(:'prg', 'Notification email', 'Email', 'Fulfillment', 70, external_id => 'notifyEmail') AS p_email \gset
SELECT parameter_create(:'prg', 'Domain', 'SingleLineText', 'Fulfillment', 80, external_id => 'domain',
       constraints => '{"unique": true}') AS p_domain \gset
SELECT id AS p_company FROM parameters WHERE external_id = 'companyName' \gset
SELECT id AS p_contact FROM parameters WHERE external_id = 'contact' \gset

-- pg_temp.state(enrollment): everything a refused completion must leave alone
CREATE FUNCTION pg_temp.state(enr text) RETURNS TABLE (enrollment text, certificate text, history bigint,
                                                       errors text, cert_values text, values_digest text)
    LANGUAGE sql AS $$
    SELECT e.status || ' rev ' || e.revision || coalesce(' error=' || e.error::text, ''),
           c.status || ' rev ' || c.revision,
           (SELECT count(*) FROM enrollment.history h WHERE h.object_id IN (e.id, c.id)),
           (SELECT coalesce(string_agg(p.parameter_id::text || ' ' || p.error::text, ', ' ORDER BY p.parameter_id), 'none')
              FROM enrollment.enrollment_parameters p WHERE p.enrollment_id = e.id AND p.error IS NOT NULL),
           (SELECT coalesce(string_agg(coalesce(cp.external_id, cp.parameter_id::text) || '=' || coalesce(cp.value::text, 'null'),
                                       ', ' ORDER BY cp.display_order), 'none')
              FROM enrollment.certificate_parameters cp WHERE cp.certificate_id = c.id),
           (SELECT left(md5(coalesce(string_agg(p.parameter_id::text || '=' || coalesce(p.value::text, 'null') || p.required || p."unique",
                                                ',' ORDER BY p.parameter_id), '')), 8)
              FROM enrollment.enrollment_parameters p WHERE p.enrollment_id = e.id)
      FROM enrollment.enrollments e JOIN enrollment.certificates c ON c.id = e.certificate_id
     WHERE e.id = enr::enrollment.mpt_id
$$;
-- pg_temp.refused(enrollment, statement): run statement in a subtransaction and
-- say how it was refused (SQLSTATE, message, detail) and whether the
-- enrollment's state is what it was before
CREATE FUNCTION pg_temp.refused(enr text, stmt text)
    RETURNS TABLE (code text, message text, detail text, unchanged boolean)
    LANGUAGE plpgsql AS $$
DECLARE
    before text;
BEGIN
    SELECT s::text INTO before FROM pg_temp.state(enr) s;
    BEGIN
        EXECUTE stmt;
        code := 'ok';
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE, message = MESSAGE_TEXT, detail = PG_EXCEPTION_DETAIL;
    END;
    SELECT s::text = before INTO unchanged FROM pg_temp.state(enr) s;
    RETURN NEXT;
END $$;

\echo '-- submit checks the client''s part only: the fulfillment and hidden values are still missing'
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e1 \gset
SELECT enrollment_submit(:'e1') IS NOT NULL AS submitted;
SELECT * FROM pg_temp.state(:'e1');

\echo '-- lock and status checks come first: a Querying enrollment is PT409, not PT400'
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_query(:'e1', (SELECT id FROM templates WHERE program_id = :'prg' AND type = 'EnrollmentQuerying')) IS NOT NULL AS queried;
SELECT enrollment_complete(:'e1');
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT enrollment_process(:'e1') IS NOT NULL AS processed;
SELECT s::text AS before FROM pg_temp.state(:'e1') s \gset

\echo '-- a missing required Fulfillment value, and a hidden required one (named to the vendor)'
SELECT enrollment_complete(:'e1', external_vendor_id => 'MS-1');
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT * FROM pg_temp.state(:'e1');
SELECT s::text = :'before' AS unchanged FROM pg_temp.state(:'e1') s;

\echo '-- an invalid Email fulfillment value'
SELECT enrollment_set_parameters(:'e1', format('[{"id": "%s", "value": "C-1"}]', :'p_code')::jsonb,
       format('[{"id": "%s", "value": "t-1"}, {"id": "%s", "value": "not-an-email"}]', :'p_tenant', :'p_email')::jsonb) IS NOT NULL AS set;
SELECT * FROM pg_temp.refused(:'e1', format('SELECT enrollment_complete(%L)', :'e1'));

\echo '-- an invalid Order value after submit: the vendor may write ordering values while Processing'
SELECT enrollment_set_parameters(:'e1', format('[{"id": "%s", "value": null}]', :'p_company')::jsonb,
       format('[{"id": "%s", "value": "it@stark.example"}]', :'p_email')::jsonb) IS NOT NULL AS set;
SELECT * FROM pg_temp.refused(:'e1', format('SELECT enrollment_complete(%L)', :'e1'));
SELECT enrollment_set_parameters(:'e1', format('[{"id": "%s", "value": "Stark Industries"}]', :'p_company')::jsonb) IS NOT NULL AS set;

\echo '-- corrupted data written behind the API (superuser): a Contact that is not an object'
UPDATE enrollment_parameters SET value = '"Tony"' WHERE enrollment_id = :'e1' AND parameter_id = :'p_contact';
SELECT * FROM pg_temp.refused(:'e1', format('SELECT enrollment_complete(%L)', :'e1'));
UPDATE enrollment_parameters SET value = NULL WHERE enrollment_id = :'e1' AND parameter_id = :'p_contact';
SELECT * FROM pg_temp.state(:'e1');

\echo '-- valid: completed, the certificate Active with every value, one history row each'
SELECT enrollment_set_parameters(:'e1', NULL, format('[{"id": "%s", "value": "stark.example"}]', :'p_domain')::jsonb) IS NOT NULL AS set;
SELECT enrollment_complete(:'e1', external_vendor_id => 'MS-1') IS NOT NULL AS completed;
SELECT * FROM pg_temp.state(:'e1');
SELECT certificate_id AS c1 FROM enrollments WHERE id = :'e1' \gset

\echo '-- unique (PRM0027): another enrollment cannot complete with the domain the certificate holds'
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0002', 'ACC-2000-0002', 'USR-2000-0002') AS e2 \gset
SELECT enrollment_submit(:'e2') IS NOT NULL AS submitted;
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_set_parameters(:'e2', format('[{"id": "%s", "value": "W-1"}]', :'p_code')::jsonb,
       format('[{"id": "%s", "value": "t-2"}, {"id": "%s", "value": "stark.example"}]', :'p_tenant', :'p_domain')::jsonb) IS NOT NULL AS set;
SELECT * FROM pg_temp.refused(:'e2', format('SELECT enrollment_complete(%L)', :'e2'));
-- another domain, but an invalid email: e2 stays Processing and invalid (see the API below)
SELECT enrollment_set_parameters(:'e2', NULL, format('[{"id": "%s", "value": "wayne.example"}, {"id": "%s", "value": "not-an-email"}]',
                                                     :'p_domain', :'p_email')::jsonb) IS NOT NULL AS set;

\echo '-- re-enrollment (Change, certificate Updating): refused with an invalid value, the certificate'
\echo '-- stays Updating with its old values; after the vendor''s fix it is Active with the new ones'
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_create(certificate_id => :'c1',
       ordering => format('[{"id": "%s", "value": "Stark Industries Ltd"}]', :'p_company')::jsonb) AS e3 \gset
SELECT enrollment_submit(:'e3') IS NOT NULL AS submitted;
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_set_parameters(:'e3', NULL, format('[{"id": "%s", "value": "it@@stark"}]', :'p_email')::jsonb) IS NOT NULL AS set;
SELECT * FROM pg_temp.state(:'e3');
SELECT * FROM pg_temp.refused(:'e3', format('SELECT enrollment_complete(%L)', :'e3'));
SELECT enrollment_set_parameters(:'e3', NULL, format('[{"id": "%s", "value": "ops@stark.example"}]', :'p_email')::jsonb) IS NOT NULL AS fixed;
-- its own certificate's domain is no collision
SELECT enrollment_complete(:'e3') IS NOT NULL AS completed;
SELECT * FROM pg_temp.state(:'e3');

\echo '-- newCertificateAutoapprove: submit issues the certificate, so it validates both phases'
SELECT program_create('Auto partner', 'Buyer', true, true) AS prg2 \gset
SELECT parameter_create(:'prg2', 'Company name', 'SingleLineText', 'Order', 10, external_id => 'companyName',
       constraints => '{"required": true}') AS q_company \gset
SELECT parameter_create(:'prg2', 'Region', 'SingleLineText', 'Fulfillment', 20, external_id => 'region',
       constraints => '{"required": true}') AS q_region \gset
SELECT parameter_create(:'prg2', 'Secret', 'SingleLineText', 'Fulfillment', 30, external_id => 'secret',
       constraints => '{"hidden": true, "required": true}') AS q_secret \gset
SELECT program_set_settings(:'prg2', '{"newCertificateAutoapprove": true}') IS NOT NULL AS autoapprove;
SELECT program_publish(:'prg2') IS NOT NULL AS published;
\echo '-- required Fulfillment values without a default: refused at submit (the hidden one not named'
\echo '-- to the client), the enrollment and the certificate still Draft, no history row added'
SELECT pg_temp.enroll(:'prg2', 'BUY-2000-0001') AS a1 \gset
SELECT count(*) AS history_rows FROM history \gset
SELECT s::text AS before FROM pg_temp.state(:'a1') s \gset
SELECT enrollment_submit(:'a1');
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
SELECT * FROM pg_temp.state(:'a1');
SELECT s::text = :'before' AS unchanged, (SELECT count(*) FROM history) - :history_rows AS history_added FROM pg_temp.state(:'a1') s;
\echo '-- the vendor gives both a valid default: a new enrollment is auto-approved'
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT parameter_update(:'q_region', options => '{"defaultValue": "EU"}') IS NOT NULL AS updated,
       parameter_update(:'q_secret', options => '{"defaultValue": "s3"}') IS NOT NULL AS updated;
SELECT act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_delete(:'a1') IS NOT NULL AS deleted;
SELECT pg_temp.enroll(:'prg2', 'BUY-2000-0001') AS a2 \gset
SELECT enrollment_submit(:'a2') IS NOT NULL AS submitted;
SELECT * FROM pg_temp.state(:'a2');

\echo '-- the validator''s phase argument'
SELECT enrollment_check_parameters(:'prg', :'e2', 'Billing');
SELECT enrollment_check_parameters(:'prg', :'e2', NULL);

\echo '-- completion consults no pre-validation hook (its flags name the client''s steps): e2 is refused'
\echo '-- for its email, not by the hook'
CREATE FUNCTION public.complete_validation_hook(doc jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'hook called for %', doc ->> 'status';
END $$;
SELECT program_set_pre_validation_hook(:'prg', 'public.complete_validation_hook(jsonb)') IS NOT NULL AS hooked;
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT program_set_settings(:'prg', '{"preValidation": {"enrollmentDraft": true, "reEnrollment": true, "enrollmentQuerying": true}}') IS NOT NULL AS settings;
SELECT enrollment_complete(:'e2');
SELECT :'LAST_ERROR_SQLSTATE' AS sqlstate;
-- the hook is live: a Draft's validation calls it
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e4 \gset
SELECT enrollment_validate(:'e4');
SELECT enrollment_delete(:'e4') IS NOT NULL AS deleted;
SELECT act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT program_set_pre_validation_hook(:'prg', NULL) IS NOT NULL AS unhooked;
DROP FUNCTION public.complete_validation_hook(jsonb);

\echo '-- the API: POST /enrollments/{id}/complete answers 400 for an invalid enrollment, which stays Processing'
SELECT certificate_id AS c2 FROM enrollments WHERE id = :'e2' \gset
\set ECHO none
\i test/fixtures/postgrest_roles.sql
\i test/fixtures/api_pgrst.sql
\c - enrollment_authenticator
\set ECHO none
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\set fn complete_enrollment
SELECT format('{"id": "%s", "externalIds": {"vendor": "MS-2"}}', :'e2') AS body \gset
\i test/fixtures/api_rpc.sql
\set view enrollments
\set id :e2
\i test/fixtures/api_get.sql
\set view certificates
\set id :c2
\i test/fixtures/api_get.sql
