-- Benchmark data: a Published program with 20 parameters of mixed types and
-- two stored Draft enrollments whose values are all valid (so validating
-- writes nothing).  Run by test/bench/run.sh in a scratch database.
SET client_min_messages = warning;
DROP EXTENSION IF EXISTS enrollment CASCADE;
CREATE EXTENSION enrollment;
RESET client_min_messages;
\i test/fixtures/accounts.sql
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor \gset
SELECT enrollment.program_create('Bench program', 'Buyer', true, true) AS prg \gset
SELECT count(enrollment.parameter_create(:'prg', 'p' || n, type, 'Order', n,
                                         constraints => constraints::jsonb, options => options::jsonb)) AS defined
  FROM (VALUES
    (1, 'SingleLineText', '{"required": true}', '{"pattern": "[A-Z]{2}[0-9]{4}", "maxChar": 10}'),
    (2, 'SingleLineText', '{}', '{"minChar": 2, "maxChar": 80}'),
    (3, 'MultiLineText', '{}', '{"maxChar": 2000}'),
    (4, 'Email', '{"required": true}', '{}'),
    (5, 'Email', '{}', '{}'),
    (6, 'Subdomain', '{"unique": true}', '{"domainSuffix": "onmicrosoft.com"}'),
    (7, 'Choice', '{}', '{"optionsList": [{"label": "Gold", "value": "gold"}, {"label": "Silver", "value": "silver"}, {"label": "Bronze", "value": "bronze"}]}'),
    (8, 'DropDown', '{}', '{"optionsList": [{"label": "EU", "value": "eu"}, {"label": "US", "value": "us"}, {"label": "APAC", "value": "apac"}]}'),
    (9, 'Checkbox', '{}', '{"optionsList": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}, {"label": "C", "value": "c"}]}'),
    (10, 'Address', '{"required": true}', '{}'),
    (11, 'Contact', '{}', '{"phoneMandatory": true}'),
    (12, 'Date', '{}', '{"minAvailableDate": "2020-01-01"}'),
    (13, 'Date', '{}', '{"dateRange": true}'),
    (14, 'DataObject', '{}', '{}'),
    (15, 'DataObject', '{}', '{"objectType": "Xml"}'),
    (16, 'Heading', '{}', '{}'),
    (17, 'SingleLineText', '{"readonly": true}', '{"defaultValue": "standard"}'),
    (18, 'SingleLineText', '{}', '{"pattern": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"}'),
    (19, 'MultiLineText', '{}', '{}'),
    (20, 'Choice', '{"required": true}', '{"optionsList": [{"label": "Yes", "value": "yes"}, {"label": "No", "value": "no"}]}')
  ) AS d(n, type, constraints, options);
SELECT enrollment.program_publish(:'prg') IS NOT NULL AS published;

CREATE FUNCTION pg_temp.values_for(prg text, tag text) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_agg(jsonb_build_object('id', enrollment.mpt_id_child(prg::enrollment.mpt_id, 'PPM', n)::text, 'value', v))
      FROM (VALUES
        (1, '"AB1234"'::jsonb), (2, '"Stark Industries"'), (3, '"Line one\nLine two"'), (4, '"tony@stark.com"'),
        (5, '"pepper@stark.com"'), (6, to_jsonb('stark' || tag)), (7, '"gold"'), (8, '"eu"'), (9, '["a", "c"]'),
        (10, '{"addressLine1": "10880 Malibu Point", "city": "Malibu", "state": "CA", "postCode": "90265", "country": "US"}'),
        (11, '{"firstName": "Tony", "lastName": "Stark", "email": "tony@stark.com", "phone": {"prefix": "+1", "number": "555 0100"}}'),
        (12, '{"date": "2025-06-30"}'), (13, '{"start": "2025-01-01", "end": "2025-12-31"}'),
        (14, '{"suit": {"mark": 42, "colors": ["red", "gold"]}}'), (15, '"<suit mark=\"42\"><color>red</color></suit>"'),
        (18, '"69b73824-ce76-4866-ad47-b615ae9d8998"'), (19, '"Notes"'), (20, '"yes"')) AS v(n, v)
$$;
SELECT enrollment.act_as('ACC-2000-0001', 'USR-2000-0001') IS NOT NULL AS client \gset
SELECT enrollment.enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0001',
                                    ordering => pg_temp.values_for(:'prg', '1')) AS e1 \gset
SELECT enrollment.act_as('ACC-2000-0002', 'USR-2000-0002') IS NOT NULL AS client \gset
SELECT enrollment.enrollment_create(program_id => :'prg', buyer_id => 'BUY-2000-0002',
                                    ordering => pg_temp.values_for(:'prg', '2')) AS e2 \gset
-- the two enrollments must be valid: nothing is written while benchmarking
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor \gset
SELECT id, enrollment.enrollment_validate(id) AS result FROM enrollment.enrollments ORDER BY id;
CREATE TABLE public.bench_enrollments (n integer PRIMARY KEY, id text);
INSERT INTO public.bench_enrollments VALUES (1, :'e1'), (2, :'e2');
