-- Parameter values: every type with accepted and rejected values through the
-- SQL surface (validate_enrollment_json), the constraints (required, hidden,
-- readonly, unique, instance overrides) and who may write which values when
-- (enrollment_set_parameters).
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
\i test/fixtures/try.sql
\set VERBOSITY default

-- One Order parameter per type (the vendor defines them through the API function).
CREATE TEMP TABLE defs (key text PRIMARY KEY, id text, prg text);
INSERT INTO defs
SELECT key, enrollment.parameter_create(:'prg', key, type, 'Order', 100 + n, options => options::jsonb)::text, :'prg'
  FROM (VALUES
    (1, 'single', 'SingleLineText', '{"pattern": "[A-Z]{2}[0-9]+", "minChar": 3, "maxChar": 8}'),
    (2, 'multi', 'MultiLineText', '{"minChar": 2, "maxChar": 10}'),
    (3, 'email', 'Email', '{}'),
    (4, 'subdomain', 'Subdomain', '{"domainSuffix": "onmicrosoft.com"}'),
    (5, 'choice', 'Choice', '{"optionsList": [{"label": "Gold", "value": "gold"}, {"label": "Silver", "value": "silver"}]}'),
    (6, 'dropdown', 'DropDown', '{"optionsList": [{"label": "Gold", "value": "gold"}, {"label": "Silver", "value": "silver"}]}'),
    (7, 'checkbox', 'Checkbox', '{"optionsList": [{"label": "Gold", "value": "gold"}, {"label": "Silver", "value": "silver"}]}'),
    (8, 'address', 'Address', '{}'),
    (9, 'contact', 'Contact', '{"phoneMandatory": true}'),
    (10, 'date', 'Date', '{"minAvailableDate": "2025-01-01", "maxAvailableDate": "2026-12-31"}'),
    (11, 'range', 'Date', '{"dateRange": true}'),
    (12, 'json', 'DataObject', '{}'),
    (13, 'xml', 'DataObject', '{"objectType": "Xml"}'),
    (14, 'heading', 'Heading', '{}')) AS t(n, key, type, options);

-- pg_temp.check(key, value): the error id the validator gives that parameter's
-- value in a draft document (the caller is the program's vendor), or "ok".
CREATE FUNCTION pg_temp.check(k text, val text) RETURNS text LANGUAGE sql AS $$
    SELECT coalesce(e -> 'error' ->> 'id', 'ok')
      FROM defs d,
           json_array_elements(enrollment.validate_enrollment_json(
               format('{"program": {"id": "%s"}, "parameters": {"ordering": [{"id": "%s", "value": %s}]}}',
                      d.prg, d.id, val))
               -> 'parameters' -> 'ordering') e
     WHERE d.key = k AND e ->> 'id' = d.id
$$;

CREATE TEMP TABLE cases (n serial, key text, value text);
INSERT INTO cases (key, value) VALUES
    -- SingleLineText: pattern (full match), minChar/maxChar in characters, one line, a string
    ('single', '"AB123"'), ('single', '"ÄB123"'), ('single', '"AB12x"'), ('single', '"xAB123"'),
    ('single', '"AB"'), ('single', '"AB1234567"'), ('single', '"AB\n12"'), ('single', '123'),
    ('single', 'null'), ('single', '""'), ('single', '"AB\u000112"'),
    -- MultiLineText: lines allowed, length in code points
    ('multi', '"a\nb"'), ('multi', '"ü"'), ('multi', '"€€"'), ('multi', '"abcdefghijk"'), ('multi', '["ab"]'),
    -- Email
    ('email', '"jane.doe@contoso.com"'), ('email', '"Jane@Contoso.co.uk"'), ('email', '"jane@contoso"'),
    ('email', '"jane@@contoso.com"'), ('email', '"jane doe@contoso.com"'), ('email', '"@contoso.com"'),
    ('email', '{"email": "jane@contoso.com"}'),
    -- Subdomain: one DNS label
    ('subdomain', '"contoso"'), ('subdomain', '"con-toso1"'), ('subdomain', '"contoso.eu"'),
    ('subdomain', '"Contoso"'), ('subdomain', '"-contoso"'), ('subdomain', to_json(repeat('a', 64))::text),
    -- Choice / DropDown: one option value (not the label)
    ('choice', '"gold"'), ('choice', '"Gold"'), ('choice', '"bronze"'), ('choice', '["gold"]'),
    ('dropdown', '"silver"'), ('dropdown', '"platinum"'),
    -- Checkbox: array of option values, no repeats
    ('checkbox', '["gold"]'), ('checkbox', '["gold", "silver"]'), ('checkbox', '["gold", "gold"]'),
    ('checkbox', '["bronze"]'), ('checkbox', '"gold"'), ('checkbox', '[]'),
    -- Address: required fields, known keys only, country code
    ('address', '{"addressLine1": "23 Oakley wood", "city": "Cork", "state": "Cork", "postCode": "V23U58N", "country": "IE"}'),
    ('address', '{"addressLine1": "1 Main St", "addressLine2": null, "city": "Cork", "state": "Cork", "postCode": "X", "country": "IE"}'),
    ('address', '{"addressLine1": "23 Oakley wood", "city": "Cork", "state": "Cork", "postalCode": "V23U58N", "country": "IE"}'),
    ('address', '{"addressLine1": "23 Oakley wood", "state": "Cork", "postCode": "V23U58N", "country": "IE"}'),
    ('address', '{"addressLine1": "23 Oakley wood", "city": "Cork", "state": "Cork", "postCode": "V23U58N", "country": "Ireland"}'),
    ('address', '{"addressLine1": 23, "city": "Cork", "state": "Cork", "postCode": "V23U58N", "country": "IE"}'),
    ('address', '"23 Oakley wood, Cork"'),
    -- Contact: names, email, phone mandatory here
    ('contact', '{"firstName": "Jane", "lastName": "Doe", "email": "jane@contoso.com", "phone": {"prefix": "+353", "number": "87 123 4567"}}'),
    ('contact', '{"firstName": "Jane", "lastName": "Doe", "email": "jane@contoso.com"}'),
    ('contact', '{"firstName": "Jane", "lastName": "Doe", "email": "jane", "phone": {"prefix": "+353", "number": "871234567"}}'),
    ('contact', '{"firstName": "Jane", "lastName": "Doe", "email": "jane@contoso.com", "phone": {"prefix": "353", "number": "871234567"}}'),
    ('contact', '{"firstName": "Jane", "lastName": "Doe", "email": "jane@contoso.com", "phone": {"prefix": "+353", "number": "12"}}'),
    ('contact', '{"firstName": "", "lastName": "Doe", "email": "jane@contoso.com", "phone": {"prefix": "+353", "number": "871234567"}}'),
    -- Date: {"date"} within the available window; range {"start", "end"}
    ('date', '{"date": "2025-06-30"}'), ('date', '{"date": "2024-12-31"}'), ('date', '{"date": "2027-01-01"}'),
    ('date', '{"date": "2025-02-29"}'), ('date', '{"date": "30/06/2025"}'), ('date', '"2025-06-30"'),
    ('date', '{"start": "2025-01-01", "end": "2025-02-01"}'),
    ('range', '{"start": "2024-02-29", "end": "2024-03-01"}'), ('range', '{"start": "2025-03-01", "end": "2025-02-01"}'),
    ('range', '{"date": "2025-03-01"}'),
    -- DataObject Json: object or array, or a string holding one; Xml: well-formed text
    ('json', '{"a": [1, 2, {"b": null}]}'), ('json', '[1, 2]'), ('json', '"{\"a\": 1}"'), ('json', '"{\"a\": "'),
    ('json', '42'), ('json', '"[1, 2"'),
    ('xml', '"<a><b x=\"1\">t</b></a>"'), ('xml', '"<a><b></a>"'), ('xml', '"<!DOCTYPE a><a/>"'), ('xml', '{"a": 1}'),
    -- a repeated attribute is not well-formed (XML 1.0 "Unique Att Spec", as xml_is_well_formed_document says)
    ('xml', '"<a x=\"1\" x=\"2\"/>"'), ('xml', '"<a x=\"1\"><b x=\"1\" xy=\"2\"/></a>"'),
    -- Heading takes no value
    ('heading', 'null'), ('heading', '"text"');
SELECT n, key, value, pg_temp.check(key, value) AS result FROM cases ORDER BY n;

-- a value deeper than the value limit, and a value over the size limit (64 KiB)
SELECT pg_temp.check('json', repeat('[', 33) || repeat(']', 33)) AS deep,
       pg_temp.check('json', '[' || repeat('"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",', 600) || '"x"]') AS large,
       pg_temp.check('multi', to_json(repeat('a', 4001))::text) AS too_long;
-- at most 128 attributes on one XML element (the repeat check compares them pairwise)
SELECT pg_temp.check('xml', to_json('<a ' || string_agg(format('a%s="1"', n), ' ') FILTER (WHERE n <= 128) || '/>')::text) AS "128",
       pg_temp.check('xml', to_json('<a ' || string_agg(format('a%s="1"', n), ' ') || '/>')::text) AS "129"
  FROM generate_series(1, 129) n;

-- the messages (error objects as the document carries them)
SELECT DISTINCT ON (r.id) r.id, r.message
  FROM cases c, LATERAL (SELECT e -> 'error' ->> 'id' AS id, e -> 'error' ->> 'message' AS message
                           FROM defs d,
                                json_array_elements(enrollment.validate_enrollment_json(
                                    format('{"program": {"id": "%s"}, "parameters": {"ordering": [{"id": "%s", "value": %s}]}}',
                                           d.prg, d.id, c.value)) -> 'parameters' -> 'ordering') e
                          WHERE d.key = c.key AND e ->> 'id' = d.id) r
 WHERE r.id IS NOT NULL ORDER BY r.id, c.n;

-- Constraints -------------------------------------------------------------------
SELECT parameter_create(:'prg', 'Internal code', 'SingleLineText', 'Order', 200, external_id => 'code',
       constraints => '{"hidden": true, "required": true}') AS p_hidden \gset
SELECT parameter_create(:'prg', 'Tier', 'SingleLineText', 'Order', 210, external_id => 'tier',
       constraints => '{"readonly": true}', options => '{"defaultValue": "standard"}') AS p_ro \gset
SELECT parameter_create(:'prg', 'Tenant', 'SingleLineText', 'Order', 220, external_id => 'tenant',
       constraints => '{"unique": true}') AS p_uniq \gset
SELECT parameter_create(:'prg', 'Region', 'SingleLineText', 'Fulfillment', 230, external_id => 'region',
       constraints => '{"required": true}') AS p_region \gset
SELECT id AS p_company FROM parameters WHERE external_id = 'companyName' \gset
SELECT id AS p_reseller FROM parameters WHERE external_id = 'resellerId' \gset

-- pg_temp.draft(ordering entries): the errors a client gets for a draft document
CREATE FUNCTION pg_temp.draft(entries text, fulfillment text DEFAULT '[]') RETURNS TABLE (id text, external_id text, error text)
    LANGUAGE sql AS $$
    SELECT e ->> 'id', coalesce(e ->> 'externalId', '(sent)'), coalesce(e -> 'error' ->> 'id', 'ok')
      FROM (SELECT enrollment.validate_enrollment_json(
                format('{"program": {"id": "%s"}, "type": "New", "parameters": {"ordering": [%s], "fulfillment": %s}}',
                       (SELECT prg FROM defs LIMIT 1), entries, fulfillment)) AS doc) d,
           LATERAL (SELECT json_array_elements(d.doc -> 'parameters' -> 'ordering')
                    UNION ALL SELECT json_array_elements(d.doc -> 'parameters' -> 'fulfillment')) AS x(e)
     WHERE e ->> 'id' NOT IN (SELECT defs.id FROM defs)
$$;

\echo '-- a client: required Order parameters (companyName) must have a value; hidden ones are not shown,'
\echo '-- not required and cannot be sent; the readonly one keeps its default; fulfillment is the vendor''s'
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT * FROM pg_temp.draft('');
SELECT * FROM pg_temp.draft(format('{"id": "%s", "value": "Stark"}, {"id": "%s", "value": "standard"}', :'p_company', :'p_ro'));
SELECT * FROM pg_temp.draft(format('{"id": "%s", "value": "Stark"}, {"id": "%s", "value": "premium"}, {"id": "%s", "value": "x"}',
                                   :'p_company', :'p_ro', :'p_hidden'));
SELECT * FROM pg_temp.draft(format('{"id": "%s", "value": "Stark"}', :'p_company'),
                            format('[{"id": "%s", "value": "EU"}, {"id": "%s"}]', :'p_region', :'p_reseller'));
\echo '-- a vendor sees the hidden parameter (still not required: it is the vendor''s own) and may override constraints'
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT * FROM pg_temp.draft(format('{"id": "%s", "value": "Stark"}, {"id": "%s", "value": "AB", "constraints": {"required": true}}, {"id": "%s", "constraints": {"required": true}}',
                                   :'p_company', :'p_hidden', :'p_uniq'));
SELECT * FROM pg_temp.draft(format('{"id": "%s", "value": "Stark"}, {"id": "%s", "constraints": {"required": "yes"}}', :'p_company', :'p_uniq'));

\echo '-- unique: a value held by another submitted enrollment or an active certificate of the program'
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e_stark \gset
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_set_parameters(:'e_stark', jsonb_build_array(jsonb_build_object('id', :'p_uniq', 'value', 'contoso'))) IS NOT NULL AS set;
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0002', 'ACC-2000-0002', 'USR-2000-0002') AS e_wayne \gset
SELECT enrollment_set_parameters(:'e_wayne', jsonb_build_array(jsonb_build_object('id', :'p_uniq', 'value', 'contoso'))) IS NOT NULL AS set;
-- both Draft: drafts hold no values
SELECT enrollment_validate(:'e_wayne');
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_submit(:'e_stark') IS NOT NULL AS submitted;
SELECT enrollment.act_as('ACC-2000-0002', 'USR-2000-0002') IS NOT NULL AS wayne;
SELECT enrollment_validate(:'e_wayne');
SELECT enrollment_submit(:'e_wayne');
SELECT * FROM pg_temp.draft(format('{"id": "%s", "value": "Wayne"}, {"id": "%s", "value": "contoso"}', :'p_company', :'p_uniq'));
SELECT enrollment_set_parameters(:'e_wayne', jsonb_build_array(jsonb_build_object('id', :'p_uniq', 'value', 'wayne'))) IS NOT NULL AS set;
SELECT enrollment_validate(:'e_wayne');
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
-- completion requires the hidden and the fulfillment values: the vendor gives them
SELECT enrollment_set_parameters(:'e_stark', format('[{"id": "%s", "value": "C-1"}]', :'p_hidden')::jsonb,
                                 format('[{"id": "%s", "value": "EU"}]', :'p_region')::jsonb) IS NOT NULL AS set;
SELECT enrollment_complete(:'e_stark') IS NOT NULL AS completed;
SELECT enrollment.act_as('ACC-2000-0002', 'USR-2000-0002') IS NOT NULL AS wayne;
SELECT * FROM pg_temp.draft(format('{"id": "%s", "value": "Wayne"}, {"id": "%s", "value": "contoso"}', :'p_company', :'p_uniq'));
-- a re-enrollment keeps its own certificate's value
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT certificate_id AS c_stark FROM enrollments WHERE id = :'e_stark' \gset
SELECT enrollment_create(certificate_id => :'c_stark') AS e_renew \gset
SELECT value FROM enrollment_parameters WHERE enrollment_id = :'e_renew' AND parameter_id = :'p_uniq';
SELECT enrollment_validate(:'e_renew');

\echo '-- readonly in a stored Draft: the client cannot write it, so validate does not compare it with'
\echo '-- anything (a value written behind the API is not PRM0026; draft documents are checked)'
SELECT enrollment_set_parameters(:'e_renew', jsonb_build_array(jsonb_build_object('id', :'p_ro', 'value', 'premium')));
UPDATE enrollment_parameters SET value = '"premium"' WHERE enrollment_id = :'e_renew' AND parameter_id = :'p_ro';
SELECT enrollment_validate(:'e_renew');
UPDATE enrollment_parameters SET value = '"standard"' WHERE enrollment_id = :'e_renew' AND parameter_id = :'p_ro';
SELECT enrollment_validate(:'e_renew');

-- Who writes which values when ----------------------------------------------------
SELECT enrollment_delete(:'e_renew') IS NOT NULL AS deleted;
SELECT pg_temp.enroll(:'prg', 'BUY-2000-0001') AS e \gset
\set ord 'SELECT enrollment.enrollment_set_parameters(%L, %L)'
\set ful 'SELECT enrollment.enrollment_set_parameters(%L, NULL, %L)'
\set val 'SELECT string_agg(parameter_id::text || ''='' || coalesce(value::text, ''null'') || coalesce('' ! '' || (error->>''id''), ''''), '', '' ORDER BY parameter_id) FROM enrollment.enrollment_parameters WHERE enrollment_id = %L AND value IS NOT NULL'
SELECT who, left(body, 90) AS body, pg_temp.try(acc, usr, format(stmt, :'e', body), format(:'val', :'e')) AS result
  FROM (VALUES
    ('client', :'ord', format('[{"id": "%s", "value": "Stark Industries"}]', :'p_company')),
    ('client', :'ord', format('[{"id": "%s", "value": "AB12"}, {"id": "%s", "value": null}]', (SELECT id FROM defs WHERE key = 'single'), :'p_company')),
    ('client', :'ord', format('[{"id": "%s", "value": "premium"}]', :'p_ro')),
    ('client', :'ord', format('[{"id": "%s", "value": "x"}]', :'p_hidden')),
    ('client', :'ord', format('[{"id": "%s", "value": "x"}]', :'p_region')),
    ('client', :'ord', '[{"id": "PPM-0000-0000-0001", "value": "x"}]'),
    ('client', :'ord', format('[{"id": "%s", "value": "a"}, {"id": "%s", "value": "b"}]', :'p_company', :'p_company')),
    ('client', :'ord', format('[{"id": "%s", "value": "a", "constraints": {"required": false}}]', :'p_company')),
    ('client', :'ord', format('[{"value": "a"}]')),
    ('client', :'ord', '{"id": "x"}'),
    ('client', :'ful', format('[{"id": "%s", "value": "EU"}]', :'p_region')),
    ('client', :'ful', '[]'),
    ('client', :'ord', format('[{"id": "%s", "value": %s}]', :'p_company', to_json(repeat('x', 4000) || repeat('y', 66000)))),
    ('vendor', :'ful', format('[{"id": "%s", "value": "EU"}]', :'p_region')),
    ('operations', :'ord', format('[{"id": "%s", "value": "a"}]', :'p_company')),
    ('other client', :'ord', format('[{"id": "%s", "value": "a"}]', :'p_company'))
  ) AS c(who, stmt, body),
  LATERAL (SELECT CASE who WHEN 'client' THEN 'ACC-2000-0001' WHEN 'vendor' THEN 'ACC-1000-0001'
                           WHEN 'operations' THEN 'ACC-3000-0001' ELSE 'ACC-2000-0002' END AS acc,
                  CASE who WHEN 'client' THEN 'USR-2000-0001' WHEN 'vendor' THEN 'USR-1000-0001'
                           WHEN 'operations' THEN 'USR-3000-0001' ELSE 'USR-2000-0002' END AS usr) a;

\echo '-- after submit the client is done; the vendor writes fulfillment values, overrides constraints, sets errors'
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client;
SELECT enrollment_set_parameters(:'e', format('[{"id": "%s", "value": "Stark Industries"}]', :'p_company')::jsonb) IS NOT NULL AS set;
SELECT enrollment_submit(:'e') IS NOT NULL AS submitted;
SELECT who, body, pg_temp.try(acc, usr, format(stmt, :'e', body),
           format('SELECT string_agg(parameter_id::text || '' '' || coalesce(value::text, ''null'') || '' '' || required || coalesce('' '' || error::text, ''''), '', '' ORDER BY parameter_id) FROM enrollment.enrollment_parameters WHERE enrollment_id = %L AND parameter_id IN (%L, %L)', :'e', :'p_region', :'p_company')) AS result
  FROM (VALUES
    ('client', :'ord', format('[{"id": "%s", "value": "Stark"}]', :'p_company')),
    ('vendor', :'ful', format('[{"id": "%s", "value": "EU", "externalId": "region"}]', :'p_region')),
    ('vendor', :'ord', format('[{"id": "%s", "constraints": {"required": false}, "error": {"id": "V1", "message": "Check the legal name."}}]', :'p_company')),
    ('vendor', :'ord', format('[{"id": "%s", "error": {"message": ""}}]', :'p_company')),
    ('vendor', :'ord', format('[{"id": "%s", "constraints": {"mandatory": true}}]', :'p_company')),
    ('vendor', :'ord', format('[{"id": "%s", "displayValue": "x"}]', :'p_company')),
    ('vendor', :'ful', format('[{"id": "%s", "value": "EU"}]', :'p_company'))
  ) AS c(who, stmt, body),
  LATERAL (SELECT CASE who WHEN 'client' THEN 'ACC-2000-0001' ELSE 'ACC-1000-0001' END AS acc,
                  CASE who WHEN 'client' THEN 'USR-2000-0001' ELSE 'USR-1000-0001' END AS usr) a;
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment_set_parameters(:'e', NULL, format('[{"id": "%s", "value": "EU"}]', :'p_region')::jsonb) IS NOT NULL AS set;
SELECT revision, updated_by FROM enrollments WHERE id = :'e';
SELECT event, notes FROM history WHERE object_id = :'e' AND event LIKE '%updated' ORDER BY id;
