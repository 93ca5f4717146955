-- Templates are rendered (README, "Templates"): the C displayValue against the
-- SQL one, the renderer's token grammar and bounds, the template each
-- enrollment and certificate shows (its own, the Default of its status,
-- nothing, a deleted one), who sees hidden values, and both render endpoints
-- replayed as PostgREST sends GET /rpc/<fn>?id=....
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/try.sql
\set ECHO all
\set SHOW_CONTEXT never
SELECT current_database() AS regression_db, current_user AS superuser \gset

-- displayValue: C (enrollment.display_value) and SQL (api_display_value) ------
-- one value of every parameter type, and the corner cases of the rules
SELECT t.type, t.v AS value, enrollment.display_value(t.v) AS c,
       enrollment.display_value(t.v) IS NOT DISTINCT FROM enrollment.api_display_value(t.v) AS same_as_sql
  FROM (VALUES ('SingleLineText', '"Stark Industries"'::jsonb),
               ('MultiLineText', '"line one\nline two"'),
               ('Address', '{"addressLine1": "23 Oakley wood", "addressLine2": "Unit 4", "city": "Cork", "state": "Cork", "postCode": "V23U58N", "country": "IE"}'),
               ('Contact', '{"firstName": "Tony", "lastName": "Stark", "email": "tony@stark.com", "phone": {"prefix": "+1", "number": "5550100"}}'),
               ('Checkbox', '["Reseller", "Distributor"]'),
               ('Choice', '"Gold"'),
               ('Subdomain', '"stark"'),
               ('Heading', 'null'),
               ('DropDown', '"EMEA"'),
               ('Email', '"ops@stark.com"'),
               ('DataObject Json', '{"tier": 3, "regions": ["EU"]}'),
               ('DataObject Xml', '"<tenant id=\"42\"/>"'),
               ('Date', '{"date": "2025-06-27"}'),
               ('Date range', '{"end": "2025-12-31", "start": "2025-01-01"}'),
               ('number', '1.50'), ('exponent', '1e3'), ('boolean', 'false'), ('empty string', '""'),
               ('array with nulls, empties, containers', '["a", "", null, ["b"], {"c": 1}, 2, true]'),
               ('array of containers only', '[[1], {"a": 1}, null]'),
               ('empty array', '[]'), ('empty object', '{}'),
               ('unknown keys after known ones, by key', '{"zeta": "z", "Alpha": "A", "city": "Cork", "_x": "u", "country": ""}'),
               ('phone with extra, empty and nested members', '{"phone": {"x": "X", "number": "5", "prefix": "", "deep": {"a": 1}}}'),
               ('phone with only an empty prefix', '{"phone": {"prefix": ""}}'),
               ('phone with two empty members', '{"phone": {"prefix": "", "number": ""}}'),
               ('deep value', '{"a": {"b": {"c": {"d": 1}}}, "e": [[["f"]]]}'),
               ('markup', '"<b>bold</b> & **strong**"')) AS t(type, v);
SELECT enrollment.display_value(NULL) IS NULL AS sql_null_is_null;
\i test/fixtures/display_value_corpus.sql
-- and every value the fixtures store
SELECT count(*) AS stored_values,
       count(*) FILTER (WHERE enrollment.display_value(value) IS DISTINCT FROM enrollment.api_display_value(value)) AS mismatches
  FROM (SELECT value FROM enrollment.enrollment_parameters UNION ALL SELECT value FROM enrollment.certificate_parameters) v;

-- the renderer on given values ------------------------------------------------
CREATE TEMP TABLE vals AS
SELECT jsonb_agg(jsonb_build_object('id', 'PPM-1000-0001-' || lpad(n::text, 4, '0'), 'value', v, 'hidden', n = 13)
                 ORDER BY n) AS vals
  FROM (VALUES (1, '"Stark Industries"'::jsonb), (2, '"line one\nline two"'),
               (3, '{"addressLine1": "23 Oakley wood", "city": "Cork", "postCode": "V23U58N", "country": "IE"}'),
               (4, '{"firstName": "Tony", "lastName": "Stark", "email": "tony@stark.com", "phone": {"prefix": "+1", "number": "5550100"}}'),
               (5, '["Reseller", "Distributor"]'), (6, '"Gold"'), (7, '"stark"'), (8, NULL), (9, '"EMEA"'),
               (10, '"ops@stark.com"'), (11, '{"tier": 3}'), (12, '{"start": "2025-01-01", "end": "2025-12-31"}'),
               (13, '"hidden tenant"'), (14, 'null'), (15, '"<b>raw</b> & *md*"')) AS t(n, v);
-- a token of every parameter type (8 is a Heading: no value)
SELECT enrollment.render_template(
    E'SingleLineText: {{ PPM-1000-0001-0001 }}\nMultiLineText: {{ PPM-1000-0001-0002 }}\nAddress: {{ PPM-1000-0001-0003 }}\n'
    || E'Contact: {{ PPM-1000-0001-0004 }}\nCheckbox: {{ PPM-1000-0001-0005 }}\nChoice: {{ PPM-1000-0001-0006 }}\n'
    || E'Subdomain: {{ PPM-1000-0001-0007 }}\nHeading: [{{ PPM-1000-0001-0008 }}]\nDropDown: {{ PPM-1000-0001-0009 }}\n'
    || E'Email: {{ PPM-1000-0001-0010 }}\nDataObject: {{ PPM-1000-0001-0011 }}\nDate: {{ PPM-1000-0001-0012 }}', vals)
  FROM vals;
-- blanks inside the braces are optional (spaces and tabs, any number); tokens may touch
SELECT enrollment.render_template(E'[{{PPM-1000-0001-0006}}] [{{ PPM-1000-0001-0006}}] [{{PPM-1000-0001-0006   }}] [{{\tPPM-1000-0001-0006\t}}] [{{ PPM-1000-0001-0006 }}{{ PPM-1000-0001-0009 }}{{PPM-1000-0001-0007}}]', vals)
  FROM vals;
-- a well-formed id that the object has no value of renders empty
SELECT enrollment.render_template('[{{ PPM-0000-0000-0000 }}] [{{ PPM-9999-9999-9999 }}] [{{ PPM-1000-0001-0099 }}]', vals) FROM vals;
-- not tokens, left as they are: short ids, empty braces, a line break, lower case,
-- another prefix, two or four groups, a fifth digit, one closing brace, an
-- externalId, a lone {{ at the end; a third brace is text around a token
SELECT enrollment.render_template(E'{{PPM-1}} {{ }} {{}} {{\nPPM-1000-0001-0006 }} {{ ppm-1000-0001-0006 }} {{ PRG-1000-0001-0006 }} '
                                  || E'{{ PPM-1000-0001 }} {{ PPM-1000-0001-0006-0001 }} {{ PPM-1000-0001-00061 }} {{ PPM-1000-0001-0006 } '
                                  || E'{ { PPM-1000-0001-0006 } } {{ partner_id }} {{{ PPM-1000-0001-0006 }}} {{ {{ PPM-1000-0001-0006 }} }} {{', vals)
  FROM vals;
-- null values and a hidden one: empty unless hidden values are shown
SELECT enrollment.render_template('[{{ PPM-1000-0001-0008 }}] [{{ PPM-1000-0001-0014 }}] [{{ PPM-1000-0001-0013 }}]', vals) AS client,
       enrollment.render_template('[{{ PPM-1000-0001-0008 }}] [{{ PPM-1000-0001-0014 }}] [{{ PPM-1000-0001-0013 }}]', vals, true) AS vendor
  FROM vals;
-- Markdown and HTML are neither escaped nor interpreted, in the text or the values
SELECT enrollment.render_template(E'# Welcome, {{ PPM-1000-0001-0001 }}\n\n**Note:** <script>alert(1)</script> [link](https://x.io?a=1&b=2) | {{ PPM-1000-0001-0015 }} |\n', vals)
  FROM vals;
-- no values: every token empty; NULL content is NULL
SELECT enrollment.render_template('a{{ PPM-1000-0001-0001 }}b') AS no_values,
       enrollment.render_template(NULL, '[]') IS NULL AS null_content,
       enrollment.render_template('plain', '[]') AS no_tokens;
-- the token bound: 200 tokens are substituted, the 201st and later stay as they are
SELECT enrollment.render_template(repeat('{{ PPM-1000-0001-0006 }}', 202), vals)
       = repeat('Gold', 200) || repeat('{{ PPM-1000-0001-0006 }}', 2) AS only_200_substituted
  FROM vals;
-- the output bound: 1 MiB (18 values of 60000 characters are over it, 17 are not)
SELECT length(enrollment.render_template(repeat('{{ PPM-1000-0001-0001 }}', 17),
              jsonb_build_array(jsonb_build_object('id', 'PPM-1000-0001-0001', 'value', repeat('x', 60000))))) AS length_17;
SELECT enrollment.render_template(repeat('{{ PPM-1000-0001-0001 }}', 18),
       jsonb_build_array(jsonb_build_object('id', 'PPM-1000-0001-0001', 'value', repeat('x', 60000))));
SELECT enrollment.render_template(repeat('a', 1048577));
-- malformed values
SELECT enrollment.render_template('x', '{"id": "PPM-1000-0001-0001"}');
SELECT enrollment.render_template('x', '"PPM-1000-0001-0001"');
SELECT enrollment.render_template('x', '["PPM-1000-0001-0001"]');
SELECT enrollment.render_template('x', '[{"value": "v"}]');
SELECT enrollment.render_template('x', '[{"id": 1}]');
SELECT enrollment.render_template('x', '[{"id": "PPM-1000-0001"}]');
SELECT enrollment.render_template('x', '[{"id": "ppm-1000-0001-0001"}]');
SELECT enrollment.render_template('x', '[{"id": "PPM-1000-0001-0001", "hidden": "yes"}]');
SELECT enrollment.render_template('x', '[{"id": "PPM-1000-0001-0001", "valeu": 1}]');
SELECT enrollment.render_template('x', '[{"id": "PPM-1000-0001-0001"}, {"id": "PPM-1000-0001-0001", "value": 2}]');

-- the token bound at create and update -----------------------------------------
-- the 4000-character cap admits at most 181 tokens ({{PPM-dddd-dddd-dddd}} is
-- 22 characters), so the length check refuses before the 200-token check can
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment.template_create('PRG-1000-0001', 'Every value', repeat('{{PPM-1000-0001-0001}}', 181), 'EnrollmentProcessing') AS tpl \gset
SELECT id, length(content), type, is_default FROM enrollment.templates WHERE id = :'tpl';
SELECT enrollment.template_create('PRG-1000-0001', 'Too many', repeat('{{PPM-1000-0001-0001}}', 201), 'EnrollmentProcessing');
SELECT enrollment.template_update(:'tpl', content => repeat('{{PPM-1000-0001-0001}}', 182));

-- the template an object shows ---------------------------------------------------
-- the fixture's programme PRG-1000-0001: PPM-...-0001 partner number (Order),
-- -0002 tenant (Fulfillment, hidden), -0003 address (Order); give its templates tokens
UPDATE enrollment.templates SET content = CASE id
    WHEN 'PTM-1000-0001-0001' THEN 'Default processing: partner {{ PPM-1000-0001-0001 }}, tenant [{{ PPM-1000-0001-0002 }}], office {{PPM-1000-0001-0003}}.'
    WHEN 'PTM-1000-0001-0002' THEN 'Default querying: please complete {{ PPM-1000-0001-0001 }} (tenant [{{ PPM-1000-0001-0002 }}]).'
    WHEN 'PTM-1000-0001-0003' THEN 'Default completed: welcome, partner {{ PPM-1000-0001-0001 }} (tenant [{{ PPM-1000-0001-0002 }}]).' END
 WHERE program_id = 'PRG-1000-0001' AND id IN ('PTM-1000-0001-0001', 'PTM-1000-0001-0002', 'PTM-1000-0001-0003');
UPDATE enrollment.enrollment_parameters SET value = '"tenant-secret"'
 WHERE enrollment_id = 'ENR-1000-0001-0001' AND parameter_id = 'PPM-1000-0001-0002';
SELECT enrollment.template_create('PRG-1000-0001', 'Own processing', 'Own processing: {{ PPM-1000-0001-0001 }} / [{{ PPM-1000-0001-0002 }}]', 'EnrollmentProcessing') AS own_processing,
       enrollment.template_create('PRG-1000-0001', 'Own completed', 'Own completed: {{ PPM-1000-0001-0001 }} / [{{ PPM-1000-0001-0002 }}]', 'EnrollmentCompleted') AS own_completed \gset
-- more objects of Wayne (client ACC-2000-0002): a Draft enrollment with its
-- Draft certificate, and a Failed one without a template whose certificate was
-- terminated before it was ever activated
INSERT INTO enrollment.certificates (program_id, id, name, client_id, applicable_to, buyer_id, eligibility_client, eligibility_partner,
                                     status, status_notes, pending_at, terminated_at) VALUES
    ('PRG-1000-0001', 'CER-1000-0001-0003', 'Wayne draft', 'ACC-2000-0002', 'Buyer', 'BUY-2000-0002', true, true, 'Draft', NULL, NULL, NULL),
    ('PRG-1000-0001', 'CER-1000-0001-0004', 'Wayne failed', 'ACC-2000-0002', 'Buyer', 'BUY-2000-0002', true, true, 'Terminated', 'Rejected', now(), now());
INSERT INTO enrollment.enrollments (program_id, id, certificate_id, type, client_id, applicable_to, buyer_id, eligibility_client, eligibility_partner,
                                    status, status_notes, processing_at, failed_at) VALUES
    ('PRG-1000-0001', 'ENR-1000-0001-0003', 'CER-1000-0001-0003', 'New', 'ACC-2000-0002', 'Buyer', 'BUY-2000-0002', true, true, 'Draft', NULL, NULL, NULL),
    ('PRG-1000-0001', 'ENR-1000-0001-0004', 'CER-1000-0001-0004', 'New', 'ACC-2000-0002', 'Buyer', 'BUY-2000-0002', true, true, 'Failed', '{"message": "Rejected"}', now(), now());

CREATE FUNCTION pg_temp.render(acc text, usr text, kind text, id text) RETURNS text LANGUAGE sql AS $$
    SELECT pg_temp.try(acc, usr, 'SELECT 1', format('SELECT enrollment.%s_render(%L)', kind, id))
$$;
CREATE VIEW pg_temp.callers(who, acc, usr) AS VALUES
    ('client-stark', 'ACC-2000-0001', 'USR-2000-0001'), ('client-wayne', 'ACC-2000-0002', 'USR-2000-0002'),
    ('vendor-microsoft', 'ACC-1000-0001', 'USR-1000-0001'), ('vendor-adobe', 'ACC-1000-0002', 'USR-1000-0002'),
    ('operations', 'ACC-3000-0001', 'USR-3000-0001');
-- every caller against every object: its own template; hidden values only for
-- vendor and operations; foreign objects are not found; Draft, Failed without a
-- template and never-activated certificates have nothing to render
SELECT o.kind, o.id, o.note, c.who, pg_temp.render(c.acc, c.usr, o.kind, o.id) AS rendered
  FROM (VALUES (1, 'enrollment', 'ENR-1000-0001-0001', 'Stark, Processing, Default processing template'),
               (2, 'enrollment', 'ENR-1000-0001-0002', 'Wayne, Completed, Default completed template'),
               (3, 'enrollment', 'ENR-1000-0001-0003', 'Wayne, Draft, no template'),
               (4, 'enrollment', 'ENR-1000-0001-0004', 'Wayne, Failed, no template'),
               (5, 'enrollment', 'ENR-2000-0001-0001', 'Stark, Adobe''s program'),
               (6, 'certificate', 'CER-1000-0001-0001', 'Stark, Pending, no template'),
               (7, 'certificate', 'CER-1000-0001-0002', 'Wayne, Active, Default completed template'),
               (8, 'certificate', 'CER-1000-0001-0003', 'Wayne, Draft'),
               (9, 'certificate', 'CER-1000-0001-0004', 'Wayne, Terminated before activation'),
               (10, 'certificate', 'CER-2000-0001-0001', 'Stark, Active without template, Adobe''s program')) AS o(n, kind, id, note),
       pg_temp.callers c
 ORDER BY o.n, c.who;
-- unknown and malformed ids, no caller
SELECT pg_temp.render('ACC-3000-0001', 'USR-3000-0001', 'enrollment', 'ENR-0000-0000-0000') AS unknown_enrollment,
       pg_temp.render('ACC-3000-0001', 'USR-3000-0001', 'certificate', 'CER-0000-0000-0000') AS unknown_certificate;
SELECT enrollment.enrollment_render('ENR-1');
SELECT enrollment.enrollment_render(NULL);
RESET request.jwt.claims;
SELECT enrollment.enrollment_render('ENR-1000-0001-0001');

-- its own template first, the Default of its status only when it has none
UPDATE enrollment.enrollments SET template_id = :'own_processing' WHERE id = 'ENR-1000-0001-0001';
UPDATE enrollment.enrollments SET template_id = :'own_completed' WHERE id = 'ENR-1000-0001-0002';
UPDATE enrollment.certificates SET template_id = :'own_completed' WHERE id = 'CER-1000-0001-0002';
SELECT pg_temp.render('ACC-1000-0001', 'USR-1000-0001', 'enrollment', 'ENR-1000-0001-0001') AS processing_own,
       pg_temp.render('ACC-1000-0001', 'USR-1000-0001', 'enrollment', 'ENR-1000-0001-0002') AS completed_own,
       pg_temp.render('ACC-1000-0001', 'USR-1000-0001', 'certificate', 'CER-1000-0001-0002') AS certificate_own;
UPDATE enrollment.enrollments SET template_id = NULL WHERE id IN ('ENR-1000-0001-0001', 'ENR-1000-0001-0002');
UPDATE enrollment.certificates SET template_id = NULL WHERE id = 'CER-1000-0001-0002';
SELECT pg_temp.render('ACC-1000-0001', 'USR-1000-0001', 'enrollment', 'ENR-1000-0001-0001') AS processing_default,
       pg_temp.render('ACC-1000-0001', 'USR-1000-0001', 'enrollment', 'ENR-1000-0001-0002') AS completed_default,
       pg_temp.render('ACC-1000-0001', 'USR-1000-0001', 'certificate', 'CER-1000-0001-0002') AS certificate_default;
-- with a Default EnrollmentCompleted template, Adobe's activated certificate renders it
INSERT INTO enrollment.templates (program_id, id, name, content, type, is_default) VALUES
    ('PRG-2000-0001', 'PTM-2000-0001-0002', 'Completed', 'Adobe welcomes {{ PPM-2000-0001-0001 }}.', 'EnrollmentCompleted', true);
INSERT INTO enrollment.certificate_parameters (program_id, certificate_id, parameter_id, phase, type, name, external_id,
                                               display_order, hidden, readonly, required, "unique", value) VALUES
    ('PRG-2000-0001', 'CER-2000-0001-0001', 'PPM-2000-0001-0001', 'Order', 'SingleLineText', 'School name', 'school', 10, false, false, true, false, '"Stark Academy"');
SELECT pg_temp.render('ACC-2000-0001', 'USR-2000-0001', 'certificate', 'CER-2000-0001-0001') AS adobe_certificate_default;
-- a Failed enrollment with a template (the last one it showed) renders it
UPDATE enrollment.enrollments SET template_id = :'own_processing' WHERE id = 'ENR-1000-0001-0004';
SELECT pg_temp.render('ACC-2000-0002', 'USR-2000-0002', 'enrollment', 'ENR-1000-0001-0004') AS failed_own;
UPDATE enrollment.enrollments SET template_id = NULL WHERE id = 'ENR-1000-0001-0004';
-- Querying: the enrollment always has its template (table CHECK), here the Default querying one
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment.enrollment_query('ENR-1000-0001-0001', 'PTM-1000-0001-0002') IS NOT NULL AS queried;
SELECT pg_temp.render('ACC-2000-0001', 'USR-2000-0001', 'enrollment', 'ENR-1000-0001-0001') AS querying;

-- a deleted template renders nothing (PT404 naming it), for the enrollment and the certificate
UPDATE enrollment.enrollments SET template_id = :'own_completed' WHERE id = 'ENR-1000-0001-0002';
UPDATE enrollment.certificates SET template_id = :'own_completed' WHERE id = 'CER-1000-0001-0002';
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT enrollment.template_delete(:'own_completed') IS NOT NULL AS deleted;
SELECT pg_temp.render('ACC-2000-0002', 'USR-2000-0002', 'enrollment', 'ENR-1000-0001-0002') AS enrollment_deleted_template,
       pg_temp.render('ACC-2000-0002', 'USR-2000-0002', 'certificate', 'CER-1000-0001-0002') AS certificate_deleted_template;
UPDATE enrollment.certificates SET template_id = NULL WHERE id = 'CER-1000-0001-0002';
-- a program without a Default of the type (only a direct write can do this)
BEGIN;
UPDATE enrollment.enrollments SET template_id = NULL WHERE id = 'ENR-1000-0001-0002';
UPDATE enrollment.templates SET is_default = false WHERE id = 'PTM-1000-0001-0003';
SELECT pg_temp.render('ACC-2000-0002', 'USR-2000-0002', 'enrollment', 'ENR-1000-0001-0002') AS no_default;
ROLLBACK;
-- a Deleted enrollment is not found
UPDATE enrollment.enrollments SET status = 'Deleted' WHERE id = 'ENR-1000-0001-0003';
SELECT pg_temp.render('ACC-3000-0001', 'USR-3000-0001', 'enrollment', 'ENR-1000-0001-0003') AS deleted_enrollment;
-- a rendering over 1 MiB is refused, not cut
BEGIN;
UPDATE enrollment.templates SET content = repeat('{{ PPM-1000-0001-0001 }}', 18) WHERE id = 'PTM-1000-0001-0002';
UPDATE enrollment.enrollment_parameters SET value = to_jsonb(repeat('x', 60000))
 WHERE enrollment_id = 'ENR-1000-0001-0001' AND parameter_id = 'PPM-1000-0001-0001';
SELECT pg_temp.render('ACC-2000-0001', 'USR-2000-0001', 'enrollment', 'ENR-1000-0001-0001') AS too_large;
ROLLBACK;
RESET request.jwt.claims;

-- the endpoints, replayed as PostgREST sends GET /rpc/<fn>?id=... -----------------
\set ECHO none
\i test/fixtures/postgrest_roles.sql
\i test/fixtures/api_pgrst.sql
\c - enrollment_authenticator
\set ECHO none
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on
\echo '-- GET /enrollments/ENR-1000-0001-0001/render: the client sees no hidden value, its vendor does'
\set fn render_enrollment
\set args '{"id": "ENR-1000-0001-0001"}'
\set who client-stark
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\echo '-- language (query parameter of the marketplace) is accepted and ignored'
\set args '{"id": "ENR-1000-0001-0001", "language": "de-DE"}'
\i test/fixtures/api_rpc_get.sql
\echo '-- another client, another vendor: 404; anonymous: 401; no account: 403'
\set args '{"id": "ENR-1000-0001-0001"}'
\set who client-wayne
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\set who vendor-adobe
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\set who anonymous
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\set who no-account
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\echo '-- operations; a malformed id (400), a certificate id (404), no id or an unknown argument (PGRST202)'
\set who operations
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql
\set args '{"id": "ENR-1000"}'
\i test/fixtures/api_rpc_get.sql
\set args '{"id": "CER-1000-0001-0002"}'
\i test/fixtures/api_rpc_get.sql
\set args '{}'
\i test/fixtures/api_rpc_get.sql
\set args '{"id": "ENR-1000-0001-0001", "lang": "en"}'
\i test/fixtures/api_rpc_get.sql
\echo '-- a Failed enrollment without a template: 400 (PT409); a deleted template: 404'
\set who client-wayne
\i test/fixtures/api_as.sql
\set args '{"id": "ENR-1000-0001-0004"}'
\i test/fixtures/api_rpc_get.sql
\set args '{"id": "ENR-1000-0001-0002"}'
\i test/fixtures/api_rpc_get.sql
\echo '-- GET /certificates/{id}/render'
\set fn render_certificate
\set args '{"id": "CER-1000-0001-0002"}'
\i test/fixtures/api_rpc_get.sql
\set who client-stark
\i test/fixtures/api_as.sql
\set args '{"id": "CER-2000-0001-0001"}'
\i test/fixtures/api_rpc_get.sql
\set args '{"id": "CER-1000-0001-0001"}'
\i test/fixtures/api_rpc_get.sql
\set args '{"id": "CER-1000-0001-0002"}'
\i test/fixtures/api_rpc_get.sql
\set who vendor-adobe
\i test/fixtures/api_as.sql
\set args '{"id": "CER-2000-0001-0001", "language": "en"}'
\i test/fixtures/api_rpc_get.sql
\set who anonymous
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc_get.sql

-- the C displayValue and the SQL one agree in a linguistic collation too (ICU
-- "en": punctuation first, case-insensitive first), not only in C
\c :regression_db :superuser
\pset format aligned
\pset tuples_only off
\set ECHO all
SET client_min_messages = warning;
DROP DATABASE IF EXISTS enrollment_render_icu;
CREATE DATABASE enrollment_render_icu TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.utf8' LOCALE_PROVIDER icu ICU_LOCALE 'en';
\c enrollment_render_icu
CREATE EXTENSION enrollment;
\i test/fixtures/display_value_corpus.sql
\c :regression_db
DROP DATABASE enrollment_render_icu;
