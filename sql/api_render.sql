-- The API's JSON renderers in C (src/render_*.c, README "API") against the SQL
-- they replaced: the parameters column against the aggregation of
-- api_parameter_instance the views held (hidden instances, errors, nulls
-- nested in values, JSON null values), audit events against api_ts for
-- timestamps at the edges, the caller lookup's claims handling, and
-- api_object_json against the view it reads.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/postgrest_roles.sql
\set ECHO all
\set SHOW_CONTEXT never

-- values the fixture lacks: a fulfillment value with an error holding a null,
-- nulls nested in a value, a JSON null value, an empty string
UPDATE enrollment.enrollment_parameters SET value = '{"a": null, "b": [null, 1, {"c": null}]}'
 WHERE enrollment_id = 'ENR-1000-0001-0001' AND parameter_id = 'PPM-1000-0001-0001';
UPDATE enrollment.enrollment_parameters SET value = 'null', error = '{"id": "E1", "message": "bad", "x": null}'
 WHERE enrollment_id = 'ENR-1000-0001-0002' AND parameter_id = 'PPM-1000-0001-0001';
UPDATE enrollment.certificate_parameters SET value = '""'
 WHERE certificate_id = 'CER-1000-0001-0002' AND parameter_id = 'PPM-1000-0001-0001';

-- a disabled vendor account: no caller, hidden instances not shown
INSERT INTO enrollment.accounts (id, type, name, status) VALUES ('ACC-1000-0009', 'Vendor', 'Gone Vendor', 'Disabled');
INSERT INTO enrollment.users (id, account_id, name) VALUES ('USR-1000-0009', 'ACC-1000-0009', 'Gone User');

-- the SQL of the views before the C renderers, as a reference
CREATE FUNCTION pg_temp.sql_parameters(kind text, prg enrollment.mpt_id, obj enrollment.mpt_id) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    WITH v AS (
        SELECT parameter_id, external_id, name, type, phase, hidden, readonly, required, value, error, display_order
          FROM enrollment.enrollment_parameters
         WHERE kind = 'enrollment' AND program_id = prg AND enrollment_id = obj
        UNION ALL
        SELECT parameter_id, external_id, name, type, phase, hidden, readonly, required, value, NULL, display_order
          FROM enrollment.certificate_parameters
         WHERE kind = 'certificate' AND program_id = prg AND certificate_id = obj)
    SELECT jsonb_build_object(
        'ordering', coalesce((SELECT jsonb_agg(enrollment.api_parameter_instance(
                        v.parameter_id, v.external_id, v.name, v.type, v.phase, v.hidden, v.readonly, v.required,
                        v.value, v.error) ORDER BY v.display_order, v.parameter_id)
                      FROM v WHERE v.phase = 'Order' AND (NOT v.hidden OR enrollment.api_shows_hidden())), '[]'),
        'fulfillment', coalesce((SELECT jsonb_agg(enrollment.api_parameter_instance(
                        v.parameter_id, v.external_id, v.name, v.type, v.phase, v.hidden, v.readonly, v.required,
                        v.value, v.error) ORDER BY v.display_order, v.parameter_id)
                      FROM v WHERE v.phase = 'Fulfillment' AND (NOT v.hidden OR enrollment.api_shows_hidden())), '[]'))
$$;
CREATE VIEW pg_temp.objects AS
    SELECT 'enrollment' AS kind, program_id, id FROM enrollment.enrollments
    UNION ALL SELECT 'certificate', program_id, id FROM enrollment.certificates;

-- every enrollment and certificate, for each kind of caller: the same JSON
CREATE FUNCTION pg_temp.compare_as(claims text, OUT objects bigint, OUT mismatches bigint, OUT shown bigint)
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('request.jwt.claims', claims, false);
    SELECT count(*),
           count(*) FILTER (WHERE enrollment.render_parameters(o.kind, o.program_id, o.id)
                                  IS DISTINCT FROM pg_temp.sql_parameters(o.kind, o.program_id, o.id)),
           sum(jsonb_array_length(enrollment.render_parameters(o.kind, o.program_id, o.id) -> 'ordering')
               + jsonb_array_length(enrollment.render_parameters(o.kind, o.program_id, o.id) -> 'fulfillment'))
      INTO objects, mismatches, shown
      FROM pg_temp.objects o;
END $$;
SELECT c.who, r.*
  FROM (VALUES ('vendor', '{"account_id": "ACC-1000-0001", "user_id": "USR-1000-0001"}'),
               ('client', '{"account_id": "ACC-2000-0001", "user_id": "USR-2000-0001"}'),
               ('operations', '{"account_id": "ACC-3000-0001", "user_id": "USR-3000-0001"}'),
               ('user of another account', '{"account_id": "ACC-1000-0001", "user_id": "USR-2000-0001"}'),
               ('no claims', ''),
               ('claims not an object', '["ACC-1000-0001"]'),
               ('half a claim', '{"account_id": "ACC-1000-0001"}'),
               ('disabled vendor', '{"account_id": "ACC-1000-0009", "user_id": "USR-1000-0009"}')) AS c(who, claims),
       LATERAL pg_temp.compare_as(c.claims) r
 ORDER BY c.who;
-- the shape, nulls stripped inside values and errors
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT jsonb_pretty(enrollment.render_parameters('enrollment', 'PRG-1000-0001', 'ENR-1000-0001-0002'));
-- claims that are no canonical id keep the errors of the id cast (claim_account_id(), claim_user_id())
SELECT set_config('request.jwt.claims', '{"account_id": 1000, "user_id": "USR-1000-0001"}', false) IS NOT NULL AS numeric_claim;
SELECT enrollment.render_parameters('enrollment', 'PRG-1000-0001', 'ENR-1000-0001-0001');
SELECT set_config('request.jwt.claims', '{"account_id": "acc-1000-0001", "user_id": "USR-1000-0001"}', false) IS NOT NULL AS lower_case;
SELECT enrollment.render_parameters('enrollment', 'PRG-1000-0001', 'ENR-1000-0001-0001');
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-1000", "user_id": "USR-1000-0001"}', false) IS NOT NULL AS short_id;
SELECT enrollment.render_parameters('enrollment', 'PRG-1000-0001', 'ENR-1000-0001-0001');
SELECT set_config('request.jwt.claims', '{"account_id": ', false) IS NOT NULL AS malformed;
SELECT enrollment.render_parameters('enrollment', 'PRG-1000-0001', 'ENR-1000-0001-0001');
SELECT enrollment.render_parameters('attachment', 'PRG-1000-0001', 'ENR-1000-0001-0001');
RESET request.jwt.claims;

-- audit events: the at of api_event is api_ts, at the edges too; by of an
-- unknown user is {id}; an event that never happened is NULL
SELECT enrollment.api_ts(t.at), enrollment.api_event(t.at, 'USR-1000-0001') -> 'at' IS NOT DISTINCT FROM to_jsonb(enrollment.api_ts(t.at)) AS same_as_api_ts
  FROM (VALUES ('2025-06-27 08:46:55.3419+02'::timestamptz), ('2025-12-31 23:59:59.999999+00'),
               ('0001-01-01 00:00:00+00'), ('0044-03-15 12:00:00+00 BC'), ('10000-01-01 00:00:00+00'),
               ('infinity'), ('-infinity')) AS t(at);
SELECT enrollment.api_event('2025-06-27 08:46:55.341+00', 'USR-9999-9999') AS unknown_user,
       enrollment.api_event('2025-06-27 08:46:55.341+00', NULL) AS nobody,
       enrollment.api_event(NULL, 'USR-1000-0001') AS never;

-- api_object_json is the view's row, nulls stripped, for every kind; NULL for
-- an unknown kind or id
SELECT enrollment.act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS operations;
SELECT count(*) AS objects,
       count(*) FILTER (WHERE enrollment.api_object_json(k.kind, k.id) IS DISTINCT FROM k.json) AS mismatches
  FROM (SELECT 'program' AS kind, v.id, jsonb_strip_nulls(to_jsonb(v)) AS json FROM program.programs v
        UNION ALL SELECT 'enrollment', v.id, jsonb_strip_nulls(to_jsonb(v)) FROM program.enrollments v
        UNION ALL SELECT 'certificate', v.id, jsonb_strip_nulls(to_jsonb(v)) FROM program.certificates v
        UNION ALL SELECT 'parameter', v.id, jsonb_strip_nulls(to_jsonb(v)) FROM program.parameters v
        UNION ALL SELECT 'template', v.id, jsonb_strip_nulls(to_jsonb(v)) FROM program.templates v
        UNION ALL SELECT 'parameter group', v.id, jsonb_strip_nulls(to_jsonb(v)) FROM program.parameter_groups v
        UNION ALL SELECT 'attachment', v.id, jsonb_strip_nulls(to_jsonb(v)) FROM program.enrollment_attachments v) k;
SELECT enrollment.api_object_json('widget', 'ENR-1000-0001-0001') IS NULL AS unknown_kind,
       enrollment.api_object_json('enrollment', 'ENR-9999-9999-9999') IS NULL AS unknown_id;
RESET request.jwt.claims;

-- no renderer is executable by PUBLIC (setup_api grants them to the API roles)
SELECT p.oid::regprocedure AS granted_to_public
  FROM pg_proc p
 WHERE p.pronamespace = 'enrollment'::regnamespace AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
   AND p.prosrc LIKE 'render\_%'
   AND EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE a.grantee = 0);
SELECT count(*) AS c_functions_checked FROM pg_proc p
 WHERE p.pronamespace = 'enrollment'::regnamespace AND p.prosrc LIKE 'render\_%' AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c');

-- as the API role, row level security still decides: a client renders the
-- parameters of its own enrollment only
\c - enrollment_authenticator
SET ROLE enrollment_web;
SELECT set_config('request.jwt.claims', '{"account_id": "ACC-2000-0001", "user_id": "USR-2000-0001"}', false) IS NOT NULL AS client;
SELECT e.id, jsonb_array_length(enrollment.render_parameters('enrollment', e.program_id, e.id) -> 'ordering') AS ordering
  FROM enrollment.enrollments e ORDER BY e.id;
SELECT enrollment.render_parameters('enrollment', 'PRG-1000-0001', 'ENR-1000-0001-0002') AS foreign_enrollment;
