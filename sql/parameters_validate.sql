-- Validation: the seed's draft enrollment byte for byte, stored Draft and
-- Querying enrollments, submit refused then accepted, bad documents, and the
-- definition cache seeing every change.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\set VERBOSITY default

\echo '-- the seed request body (test/fixtures/api_validate_seed.sql) as a client sends it: the output'
\echo '-- is the same document, key order kept, with the errors filled in (json text, compact)'
\i test/fixtures/api_validate_seed.sql
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT (:'body'::json -> 'enrollment')::text AS seed_in \gset
SELECT validate_enrollment_json(:'seed_in')::text AS seed_out;
-- nothing was written
SELECT count(*) AS enrollments FROM enrollments;
\echo '-- the same through the API function (the raw body in, json out, as PostgREST serves it): same bytes'
SELECT validate_enrollment_json(:'seed_in')::text AS seed_out \gset
SELECT program.validate_enrollment(:'seed_in'::json)::text = :'seed_out' AS api_gives_same_bytes;

\echo '-- the enrollment object example of the seed (its Enrollment object page), against a program with that id:'
\echo '-- refused: its href, "parameters.fulfillment" and "parameters.ordering" keys (and assignee "") are not'
\echo '-- in the Enrollment schema of the validate endpoint, which has additionalProperties: false (validate_schema.sql)'
INSERT INTO programs (id, name, status, applicable_to, vendor_id, published_at)
    VALUES ('PRG-1234-1234', 'Microsoft AI Cloud Partner', 'Published', 'Buyer', 'ACC-1000-0001', now());
INSERT INTO parameter_groups (program_id, id, name, is_default) VALUES ('PRG-1234-1234', 'PPG-1234-1234-0001', 'Parameters', true);
INSERT INTO parameters (program_id, id, group_id, name, external_id, phase, type, display_order, required, options) VALUES
    ('PRG-1234-1234', 'PPM-1234-1234-0001', 'PPG-1234-1234-0001', 'Microsoft Partner Number', 'partner_id', 'Order', 'SingleLineText', 10, true, '{}');
SELECT validate_enrollment_json($doc${
  "id": "ENR-1234-1234",
  "href": "/v1/products/PRD-1234-1234",
  "certificate": {
    "id": "CER-1234-1234",
    "href": "v1/catalog/certificates/CER-1234-1234"
  },
  "program": {
    "id": "PRG-1234-1234",
    "href": "v1/catalog/programs/PRG-1234-5678",
    "name": "Microsoft AI Cloud Partner",
    "icon": "/static/PRG-1234-1234/logo.png",
    "applicableTo": "Buyer"
  },
  "applicableTo": "Buyer",
  "buyer": {
    "id": "BUY-1234-1234",
    "href": "v1/accounts/buyers/BUY-1234-1234",
    "name": "MPN EU"
  },
  "eligibility": {
    "client": true,
    "partner": true
  },
  "status": "Processing",
  "notes": "draft enrollment for review",
  "assignee": "",
  "parameters.fulfillment": [
  {
      "id": "PRM-1234-1234-1234",
      "name": "Tennant Id",
      "externalId": "tenant_id",
      "constraints": {
          "readonly": false,
          "hidden": true,
          "required": true,
          "unique": false
      },
      "value": "69b73824-ce76-4866-ad47-b615ae9d8998",
      "error": {
          "id": "E001234",
          "message": "Incorrect parameter value"
      }
  }],
  "parameters.ordering": [],
  "error": {"id": "E001234", "message": "Enrollment has invalid parameters"}
}
$doc$)::text AS example_out;

\echo '-- the same document with a proper parameters bag and a valid value: no error at all'
SELECT validate_enrollment_json('{"program": {"id": "PRG-1234-1234"}, "parameters": {"ordering": [{"id": "PPM-1234-1234-0001", "value": "4242", "error": {"id": "E001234", "message": "Incorrect parameter value"}}], "fulfillment": []}, "error": {"id": "E001234", "message": "Enrollment has invalid parameters"}}')::text AS valid_out;

\echo '-- bad documents: each a clear error'
\set VERBOSITY default
SELECT validate_enrollment_json(NULL);
SELECT validate_enrollment_json(E'{\n  "program": {"id": "PRG-1000-0001"},\n  "parameters": {"ordering": [\n    {"id": "PPM-1000-0001-0001" "value": 1}]}\n}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}, "program": {"id": "PRG-1000-0001"}}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}, "notes": "\udc00"}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}, "notes": "a\u0000b"}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}, "x": ' || repeat('[', 60) || repeat(']', 60) || '}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}, "notes": "' || repeat('x', 1024 * 1024) || '"}');
-- invalid UTF-8 never reaches the function: text input is verified by the server
SELECT validate_enrollment_json(convert_from('\x7b226e6f746573223a2022ff227d'::bytea, 'SQL_ASCII'));
SELECT validate_enrollment_json('[{"program": {"id": "PRG-1000-0001"}}]');
SELECT validate_enrollment_json('{"notes": "no program"}');
SELECT validate_enrollment_json('{"program": "PRG-1000-0001"}');
SELECT validate_enrollment_json('{"program": {"id": 1000}}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000"}}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-9999-9999"}}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0002"}}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}, "type": "Renewal"}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}, "parameters": []}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}, "parameters": {"ordering": {}}}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}, "parameters": {"ordering": ["PPM-1000-0001-0001"]}}');
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}, "parameters": {"ordering": [{"id": 7}]}}');
\echo '-- data problems are per-parameter errors: unknown, hidden (for a client), repeated, wrong list, fulfillment value'
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}, "parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "value": "42"}, {"id": "PPM-1000-0001-0009"}, {"id": "PPM-1000-0001-0002", "value": "t"}, {"id": "PPM-1000-0001-0001", "value": "43"}], "fulfillment": [{"id": "PPM-1000-0001-0003", "value": null}]}}')::text AS per_parameter;
SELECT enrollment.act_as('ACC-3000-0001', 'USR-3000-0001') IS NOT NULL AS operations;
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0002"}, "parameters": {"fulfillment": [{"id": "PPM-1000-0001-0002", "value": "t"}]}}')::text AS ops_sees_drafts;
RESET request.jwt.claims;
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}}');

\echo '-- stored enrollments (test/fixtures/program.sql program): validate, submit refused, fix, submit'
\i test/fixtures/program.sql
\i test/fixtures/try.sql
SELECT parameter_create(:'prg', 'Partner number', 'SingleLineText', 'Order', 50, external_id => 'mpn',
       constraints => '{"required": true}', options => '{"pattern": "[0-9]{4}"}') AS p_mpn \gset
SELECT parameter_create(:'prg', 'Region', 'Choice', 'Fulfillment', 60, constraints => '{"required": true}',
       options => '{"optionsList": [{"label": "Europe", "value": "EU"}]}') AS p_region \gset
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e \gset
SELECT enrollment_validate(:'e');
SELECT parameter_id, value, error FROM enrollment_parameters WHERE enrollment_id = :'e' ORDER BY parameter_id;
SELECT status, error FROM enrollments WHERE id = :'e';
SELECT enrollment_set_parameters(:'e', format('[{"id": "%s", "value": "12ab"}]', :'p_mpn')::jsonb) IS NOT NULL AS set;
SELECT enrollment_submit(:'e');
SELECT enrollment_set_parameters(:'e', format('[{"id": "%s", "value": "1234"}]', :'p_mpn')::jsonb) IS NOT NULL AS set;
SELECT enrollment_validate(:'e');
SELECT enrollment_submit(:'e') IS NOT NULL AS submitted;
SELECT status, error, (SELECT count(*) FROM enrollment_parameters WHERE enrollment_id = :'e' AND error IS NOT NULL) AS errors
  FROM enrollments WHERE id = :'e';
-- Processing: nothing to validate; the vendor queries, the client validates and processes
SELECT enrollment_validate(:'e');
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_validate(:'e');
SELECT enrollment_set_parameters(:'e', format('[{"id": "%s", "constraints": {"required": false}}]', :'p_mpn')::jsonb,
                                      format('[{"id": "%s", "value": "US"}]', :'p_region')::jsonb) IS NOT NULL AS set;
SELECT enrollment_query(:'e', (SELECT id FROM templates WHERE program_id = :'prg' AND type = 'EnrollmentQuerying')) IS NOT NULL AS queried;
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_validate(:'e');
SELECT enrollment_process(:'e');
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_validate(:'e');
SELECT enrollment_set_parameters(:'e', NULL, format('[{"id": "%s", "value": "EU"}]', :'p_region')::jsonb) IS NOT NULL AS set;
SELECT enrollment_process(:'e') IS NOT NULL AS processed;
SELECT pg_temp.try('ACC-2000-0002', 'USR-2000-0002', format('SELECT enrollment.enrollment_validate(%L)', :'e'));
SELECT pg_temp.try('ACC-3000-0001', 'USR-3000-0001', format('SELECT enrollment.enrollment_validate(%L)', :'e'));
\echo '-- through the API: POST /enrollments/{id}/validate returns the Enrollment as the view shows it'
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0002', 'ACC-2000-0002', 'USR-2000-0002') AS e2 \gset
SELECT jsonb_pretty(jsonb_path_query_array((program.validate_enrollment_by_id(:'e2')).parameters, '$.ordering[*] ? (exists(@.error))')) AS api_by_id;
SELECT (program.validate_enrollment_by_id(:'e2')).error AS api_error;

\echo '-- the definition cache: a change is seen by the next validation in the same session'
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
CREATE FUNCTION pg_temp.mpn_error(v text) RETURNS text LANGUAGE sql AS $$
    SELECT coalesce(e -> 'error' ->> 'message', 'ok')
      FROM json_array_elements(enrollment.validate_enrollment_json(
               format('{"program": {"id": "%s"}, "parameters": {"ordering": [{"id": "%s", "value": "%s"}]}}',
                      (SELECT program_id FROM enrollment.parameters WHERE external_id = 'mpn'),
                      (SELECT id FROM enrollment.parameters WHERE external_id = 'mpn'), v)) -> 'parameters' -> 'ordering') e
     WHERE e ->> 'id' = (SELECT id::text FROM enrollment.parameters WHERE external_id = 'mpn')
$$;
SELECT pg_temp.mpn_error('12345') AS before;
SELECT parameter_update(:'p_mpn', options => '{"pattern": "[0-9]{5}"}') IS NOT NULL AS changed;
SELECT pg_temp.mpn_error('12345') AS after_update;
BEGIN;
SELECT parameter_update(:'p_mpn', options => '{"maxChar": 3}') IS NOT NULL AS changed;
SELECT pg_temp.mpn_error('12345') AS inside_transaction;
ROLLBACK;
SELECT pg_temp.mpn_error('12345') AS after_rollback;
-- a direct write is seen too (statement trigger), and a definition the API would refuse is reported, not raised
UPDATE parameters SET options = '{"pattern": "(", "maxChar": 3}' WHERE id = :'p_mpn';
SELECT pg_temp.mpn_error('12345') AS broken_definition;
UPDATE parameters SET options = '{}' WHERE id = :'p_mpn';
SELECT pg_temp.mpn_error('12345') AS repaired;
UPDATE parameters SET options = '{"maxChar": 3}' WHERE id = :'p_mpn';
SET enrollment.parameter_cache = off;
SELECT pg_temp.mpn_error('12345') AS uncached, pg_temp.mpn_error('123') AS uncached_ok;
RESET enrollment.parameter_cache;
