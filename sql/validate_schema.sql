-- POST /enrollments/validate enforces the seed's Enrollment schema at every
-- level (src/enrollment_schema.c): unknown keys, JSON types, nulls, enums,
-- lengths and required keys are refused with 22023, the JSON path in the
-- detail and in the error's column field; what it returns carries no key the
-- schema lacks (constraints.unique).  test/schema/ checks the same against the
-- seed's OpenAPI document itself.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
\set VERBOSITY default
\set SHOW_CONTEXT never

-- the refusal of a document: SQLSTATE, message, detail and the column field (the path)
CREATE FUNCTION pg_temp.refusal(doc text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    st text; msg text; det text; col text;
BEGIN
    PERFORM enrollment.validate_enrollment_json(doc);
    RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
                            col = COLUMN_NAME;
    RETURN format('%s %s | %s | column %s', st, msg, det, col);
END $$;
-- a document of program PRG-1000-0001 with these extra top-level members
CREATE FUNCTION pg_temp.doc(members text) RETURNS text LANGUAGE sql AS $$
    SELECT '{"program": {"id": "PRG-1000-0001"}, ' || members || '}'
$$;
CREATE TABLE pg_temp.cases (n serial, what text, members text);

\echo '-- unknown keys, at the top level and at every nesting level'
INSERT INTO pg_temp.cases (what, members) VALUES
 ('top level', '"foo": 1'),
 ('audit', '"audit": {"foo": 1}'),
 ('audit.created', '"audit": {"created": {"foo": 1}}'),
 ('audit.created.by', '"audit": {"created": {"at": "2025-06-27T08:46:55.341Z", "by": {"id": "USR-2000-0001", "foo": 1}}}'),
 ('audit.created.by.audit.updated', '"audit": {"created": {"by": {"audit": {"updated": {"foo": 1}}}}}'),
 ('$meta', '"$meta": {"omitted": [], "foo": 1}'),
 ('certificate', '"certificate": {"id": "CER-1000-0001-0001", "href": "/certificates/CER-1000-0001-0001"}'),
 ('buyer', '"buyer": {"id": "BUY-2000-0001", "href": "/buyers/BUY-2000-0001"}'),
 ('licensee', '"licensee": {"id": "LCE-2000-0001-0001", "foo": 1}'),
 ('eligibility', '"eligibility": {"client": true, "foo": 1}'),
 ('statusNotes', '"statusNotes": {"message": "m", "foo": 1}'),
 ('assignee', '"assignee": {"id": "USR-1000-0001", "href": "/users/USR-1000-0001"}'),
 ('parameters', '"parameters": {"ordering": [], "foo": 1}'),
 ('parameters.ordering[0]', '"parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "value": "1", "foo": 1}]}'),
 ('its error', '"parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "error": {"message": "m", "foo": 1}}]}'),
 ('its constraints: the platform''s unique', '"parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "constraints": {"required": true, "unique": false}}]}'),
 ('the third entry''s constraints', '"parameters": {"ordering": [{"id": "PPM-1000-0001-0001"}, {"id": "PPM-1000-0001-0003"}, {"id": "PPM-1000-0001-0009", "constraints": {"unique": true}}]}'),
 ('parameters.fulfillment[0]', '"parameters": {"fulfillment": [{"id": "PPM-1000-0001-0002", "href": "x"}]}'),
 ('error', '"error": {"id": "ENR0001", "message": "m", "foo": 1}'),
 ('template', '"template": {"id": "PTM-1000-0001-0001", "foo": 1}'),
 ('a dotted key as the object page writes it', '"parameters.ordering": []'),
 ('a key with a quote and a line break, shown escaped', '"a\"b\nc": 1'),
 ('a long key, cut at 40 characters', '"' || repeat('k', 100) || '": 1');
SELECT n, what, pg_temp.refusal(pg_temp.doc(members)) FROM pg_temp.cases ORDER BY n;
TRUNCATE pg_temp.cases RESTART IDENTITY;
\echo '-- the program and its products: every schema below ProgramRef, and its integers'
SELECT n, what, pg_temp.refusal(members) FROM (VALUES
 (1, 'program', '{"program": {"id": "PRG-1000-0001", "icon": "/icon"}}'),
 (2, 'program.products[0]', '{"program": {"id": "PRG-1000-0001", "products": [{"id": "PRD-1111-1111", "foo": 1}]}}'),
 (3, 'products[0].audit.published', '{"program": {"id": "PRG-1000-0001", "products": [{"audit": {"published": {"foo": 1}}}]}}'),
 (4, 'products[0].externalIds', '{"program": {"id": "PRG-1000-0001", "products": [{"externalIds": {"vendor": "x"}}]}}'),
 (5, 'products[0].vendor', '{"program": {"id": "PRG-1000-0001", "products": [{"vendor": {"name": "Microsoft", "status": "Active", "type": "Vendor", "foo": 1}}]}}'),
 (6, 'products[0].settings', '{"program": {"id": "PRG-1000-0001", "products": [{"settings": {"foo": 1}}]}}'),
 (7, 'products[0].settings.productRequests', '{"program": {"id": "PRG-1000-0001", "products": [{"settings": {"productRequests": {"foo": 1}}}]}}'),
 (8, 'products[0].settings.preValidation', '{"program": {"id": "PRG-1000-0001", "products": [{"settings": {"preValidation": {"enrollmentDraft": true}}}]}}'),
 (9, 'products[0].settings.splitBilling', '{"program": {"id": "PRG-1000-0001", "products": [{"settings": {"splitBilling": {"foo": 1}}}]}}'),
 (10, 'products[0].settings.subscriptionCessation', '{"program": {"id": "PRG-1000-0001", "products": [{"settings": {"subscriptionCessation": {"foo": 1}}}]}}'),
 (11, 'products[0].statistics', '{"program": {"id": "PRG-1000-0001", "products": [{"statistics": {"foo": 1}}]}}'),
 (12, 'products[0].$meta', '{"program": {"id": "PRG-1000-0001", "products": [{"$meta": {"foo": 1}}]}}'),
 (13, 'integer: a fraction', '{"program": {"id": "PRG-1000-0001", "products": [{"statistics": {"itemCount": 1.5}}]}}'),
 (14, 'integer: 1.0 is a fraction too', '{"program": {"id": "PRG-1000-0001", "products": [{"statistics": {"itemCount": 1.0}}]}}'),
 (15, 'integer: a string', '{"program": {"id": "PRG-1000-0001", "products": [{"statistics": {"requestCount": "3"}}]}}'),
 (16, 'products: null entry', '{"program": {"id": "PRG-1000-0001", "products": [null]}}')
) AS c(n, what, members) ORDER BY n;

\echo '-- wrong JSON types, one of each kind of field'
INSERT INTO pg_temp.cases (what, members) VALUES
 ('string', '"id": 1'),
 ('nullable string', '"notes": 1'),
 ('boolean', '"eligibility": {"client": "yes"}'),
 ('nullable boolean', '"parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "constraints": {"hidden": 0}}]}'),
 ('object', '"audit": []'),
 ('object inside an object', '"audit": {"created": "2025-06-27"}'),
 ('nullable array', '"parameters": {"ordering": "PPM-1000-0001-0001"}'),
 ('array', '"$meta": {"omitted": {}}'),
 ('array items: strings', '"$meta": {"omitted": ["audit", 1]}'),
 ('array items: objects', '"parameters": {"ordering": [{"id": "PPM-1000-0001-0001"}, ["PPM-1000-0001-0003"]]}'),
 ('an enum field', '"status": 1'),
 ('a message', '"error": "Enrollment has invalid parameters"'),
 ('a message''s text', '"statusNotes": {"message": 42}'),
 ('displayValue', '"parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "displayValue": 42}]}');
SELECT n, what, pg_temp.refusal(pg_temp.doc(members)) FROM pg_temp.cases ORDER BY n;
TRUNCATE pg_temp.cases RESTART IDENTITY;

\echo '-- enum values outside their enums, for each enum field'
INSERT INTO pg_temp.cases (what, members) VALUES
 ('type', '"type": "new"'),
 ('status: a draft document is not an EnrollmentStatus', '"status": "Draft"'),
 ('applicableTo', '"applicableTo": "Client"'),
 ('parameters.ordering[0].type', '"parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "type": "Text"}]}'),
 ('parameters.fulfillment[0].phase', '"parameters": {"fulfillment": [{"id": "PPM-1000-0001-0002", "phase": "Ordering"}]}'),
 ('template.type', '"template": {"id": "PTM-1000-0001-0001", "type": "EnrollmentFailed"}'),
 ('a long value, cut at 40 characters', '"status": "' || repeat('v', 100) || '"');
SELECT n, what, pg_temp.refusal(pg_temp.doc(members)) FROM pg_temp.cases ORDER BY n;
TRUNCATE pg_temp.cases RESTART IDENTITY;
SELECT n, what, pg_temp.refusal(members) FROM (VALUES
 (1, 'program.status', '{"program": {"id": "PRG-1000-0001", "status": "Active"}}'),
 (2, 'program.applicableTo', '{"program": {"id": "PRG-1000-0001", "applicableTo": "Licensees"}}'),
 (3, 'products[0].vendor.type', '{"program": {"id": "PRG-1000-0001", "products": [{"vendor": {"name": "Microsoft", "status": "Active", "type": "Partner"}}]}}'),
 (4, 'products[0].vendor.status', '{"program": {"id": "PRG-1000-0001", "products": [{"vendor": {"name": "Microsoft", "status": "Blocked", "type": "Vendor"}}]}}'),
 (5, 'products[0].settings.subscriptionCessation.mode', '{"program": {"id": "PRG-1000-0001", "products": [{"settings": {"subscriptionCessation": {"mode": "Renewal"}}}]}}')
) AS c(n, what, members) ORDER BY n;

\echo '-- null where the schema does not allow it'
INSERT INTO pg_temp.cases (what, members) VALUES
 ('type', '"type": null'),
 ('status', '"status": null'),
 ('parameters', '"parameters": null'),
 ('audit', '"audit": null'),
 ('eligibility.client', '"eligibility": {"client": null}'),
 ('an entry of parameters.ordering', '"parameters": {"ordering": [null]}'),
 ('an entry''s id', '"parameters": {"ordering": [{"id": null}]}'),
 ('an entry''s name', '"parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "name": null}]}'),
 ('a message''s text', '"error": {"message": null}'),
 ('template', '"template": null'),
 ('assignee.name', '"assignee": {"name": null}');
SELECT n, what, pg_temp.refusal(pg_temp.doc(members)) FROM pg_temp.cases ORDER BY n;
TRUNCATE pg_temp.cases RESTART IDENTITY;
SELECT pg_temp.refusal('{"program": null}') AS program_null;

\echo '-- required keys and lengths (ParametrisedMessage.message 1..4000, AccountRef name/status/type, name 1..500)'
INSERT INTO pg_temp.cases (what, members) VALUES
 ('error without message', '"error": {"id": "ENR0001"}'),
 ('statusNotes empty', '"statusNotes": {}'),
 ('a parameter error without message', '"parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "error": {"id": "E1", "parameters": null}}]}'),
 ('empty message', '"error": {"message": ""}'),
 ('4001 characters', '"error": {"message": "' || repeat('é', 4001) || '"}'),
 ('4000 characters (code points, not bytes)', '"error": {"message": "' || repeat('é', 4000) || '"}');
SELECT n, what, pg_temp.refusal(pg_temp.doc(members)) FROM pg_temp.cases ORDER BY n;
TRUNCATE pg_temp.cases RESTART IDENTITY;
SELECT n, what, pg_temp.refusal(members) FROM (VALUES
 (1, 'vendor without name', '{"program": {"id": "PRG-1000-0001", "products": [{"vendor": {"status": "Active", "type": "Vendor"}}]}}'),
 (2, 'vendor without status', '{"program": {"id": "PRG-1000-0001", "products": [{"vendor": {"name": "Microsoft", "type": "Vendor"}}]}}'),
 (3, 'vendor without type', '{"program": {"id": "PRG-1000-0001", "products": [{"vendor": {"name": "Microsoft", "status": "Active"}}]}}'),
 (4, 'vendor name empty', '{"program": {"id": "PRG-1000-0001", "products": [{"vendor": {"name": "", "status": "Active", "type": "Vendor"}}]}}'),
 (5, 'vendor name 501 characters', '{"program": {"id": "PRG-1000-0001", "products": [{"vendor": {"name": "' || repeat('n', 501) || '", "status": "Active", "type": "Vendor"}}]}}')
) AS c(n, what, members) ORDER BY n;

\echo '-- the first violation in document order wins'
SELECT pg_temp.refusal(pg_temp.doc('"foo": 1, "status": "Draft"')) AS foo_first;
SELECT pg_temp.refusal(pg_temp.doc('"status": "Draft", "foo": 1')) AS status_first;
SELECT pg_temp.refusal('{"parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "value": 1, "foo": 1}]}, "program": {"id": "PRG-1000-0001", "bar": 2}}') AS depth_first;

\echo '-- malformed JSON and the size cap keep their own errors (checked before the schema)'
SELECT pg_temp.refusal('{"foo": 1, "foo": 2}') AS duplicate_key;
SELECT pg_temp.refusal('{"foo": ' || repeat('[', 60) || repeat(']', 60) || '}') AS too_deep;
SELECT pg_temp.refusal('{"foo": "' || repeat('x', 1024 * 1024) || '"}') AS too_large;
\echo '-- the schema comes before the program: an unknown key of an unknown program is the key'
SELECT pg_temp.refusal('{"program": {"id": "PRG-9999-9999"}, "foo": 1}') AS unknown_program;
SELECT pg_temp.refusal('{"program": {"id": "PRG-9999-9999"}}') AS unknown_program_alone;

\echo '-- accepted: null wherever the schema says nullable, and anything as value and message parameters'
SELECT validate_enrollment_json(pg_temp.doc($$
  "notes": null,
  "buyer": {"id": "BUY-2000-0001", "icon": null, "name": null},
  "licensee": {"externalId": null},
  "audit": {"created": {"at": null, "by": {"id": "USR-2000-0001", "icon": null}}},
  "assignee": {"icon": null},
  "statusNotes": {"id": null, "message": "m", "parameters": {"any": ["thing", 1, null]}},
  "error": {"id": null, "message": "stale", "parameters": null},
  "parameters": {"ordering": [
      {"id": "PPM-1000-0001-0001", "externalId": null, "constraints": {"hidden": null, "readonly": null, "required": null},
       "value": "1234", "displayValue": "1234", "error": {"message": "old", "parameters": 7}},
      {"id": "PPM-1000-0001-0003", "value": null}],
    "fulfillment": null}$$))::text AS nullable_accepted;
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001", "products": null}, "parameters": {"ordering": null}}')::text AS null_lists;
SELECT validate_enrollment_json('{"program": {"id": "PRG-1000-0001", "status": "Published", "products": [{"id": "PRD-1111-1111", "statistics": {"itemCount": 3}, "settings": {"subscriptionCessation": {"enabled": false, "mode": null}}, "vendor": {"name": "Microsoft", "status": "Active", "type": "Vendor"}}]}, "parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "value": "1234"}, {"id": "PPM-1000-0001-0003", "value": {"foo": 1}}]}}')::text AS value_is_any_json;

\echo '-- what validate returns: appended parameters carry the seed''s three constraints, never unique'
SELECT e -> 'constraints' AS constraints
  FROM json_array_elements(validate_enrollment_json('{"program": {"id": "PRG-1000-0001"}}') -> 'parameters' -> 'ordering') e;

\echo '-- through the API function: the same refusal'
SELECT program.validate_enrollment('{"program": {"id": "PRG-1000-0001"}, "status": "Draft"}');
SELECT program.validate_enrollment('{"program": {"id": "PRG-1000-0001"}, "parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "constraints": {"unique": true}}]}}');

\echo '-- a parameter entry without id passes the schema (it declares no required keys there) but not the validator'
SELECT pg_temp.refusal(pg_temp.doc('"parameters": {"ordering": [{"value": "1234"}]}')) AS no_id;
