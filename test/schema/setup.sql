-- Data for test/schema/check_validate.py, loaded into its own database: the
-- API fixtures (program PRG-1000-0001 of the seed request), one Order
-- parameter of every type plus unique, readonly, hidden and Fulfillment ones on
-- that program, and a second program whose pre-validation hook answers errors
-- (with message parameters) and changed values.  call_validate() runs one
-- request the way POST /enrollments/validate does and answers the body or the
-- error's fields, so one psql session can run the whole corpus.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
CREATE EXTENSION enrollment;
SELECT enrollment.create_api() \g /dev/null
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
-- the fixture wrote PPM-1000-0001-0001..0003 directly: new ids follow them
UPDATE enrollment.programs SET last_parameter_no = 3, last_group_no = 1 WHERE id = 'PRG-1000-0001';

SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor \gset
SELECT count(enrollment.parameter_create('PRG-1000-0001', key, type, phase, 100 + n, external_id => key,
                                         constraints => constraints::jsonb, options => options::jsonb)) AS created
  FROM (VALUES
    (1, 'single', 'SingleLineText', 'Order', '{"required": true}', '{"pattern": "[A-Z]{2}[0-9]+", "maxChar": 8}'),
    (2, 'multi', 'MultiLineText', 'Order', NULL, '{"minChar": 2, "maxChar": 10}'),
    (3, 'email', 'Email', 'Order', '{"unique": true}', '{}'),
    (4, 'subdomain', 'Subdomain', 'Order', NULL, '{"domainSuffix": "onmicrosoft.com"}'),
    (5, 'choice', 'Choice', 'Order', NULL, '{"optionsList": [{"label": "Gold", "value": "gold"}, {"label": "Silver", "value": "silver"}]}'),
    (6, 'dropdown', 'DropDown', 'Order', NULL, '{"optionsList": [{"label": "Gold", "value": "gold"}]}'),
    (7, 'checkbox', 'Checkbox', 'Order', NULL, '{"optionsList": [{"label": "Gold", "value": "gold"}, {"label": "Silver", "value": "silver"}]}'),
    (8, 'contact', 'Contact', 'Order', NULL, '{"phoneMandatory": true}'),
    (9, 'date', 'Date', 'Order', NULL, '{"minAvailableDate": "2025-01-01", "maxAvailableDate": "2026-12-31"}'),
    (10, 'range', 'Date', 'Order', NULL, '{"dateRange": true}'),
    (11, 'json', 'DataObject', 'Order', NULL, '{}'),
    (12, 'xml', 'DataObject', 'Order', NULL, '{"objectType": "Xml"}'),
    (13, 'heading', 'Heading', 'Order', NULL, '{}'),
    (14, 'fixed', 'SingleLineText', 'Order', '{"readonly": true}', '{"defaultValue": "fixed"}'),
    (15, 'secret', 'SingleLineText', 'Order', '{"hidden": true}', '{}'),
    (16, 'region', 'Choice', 'Fulfillment', NULL, '{"optionsList": [{"label": "Europe", "value": "EU"}]}')
  ) AS t(n, key, type, phase, constraints, options) \gset

-- the hooked program: its hook refuses the enrollment with message parameters and upper-cases the code
SELECT enrollment.program_create('Hooked program', 'Buyer', true, true, 'https://example.com', 'Hooked') AS hooked \gset
SELECT enrollment.parameter_create(:'hooked', 'Code', 'SingleLineText', 'Order', 10, external_id => 'code') AS hooked_code \gset
SELECT enrollment.program_publish(:'hooked') IS NOT NULL AS published \gset
CREATE FUNCTION public.schema_hook(doc jsonb) RETURNS jsonb LANGUAGE sql AS $$
    SELECT jsonb_build_object(
        'error', jsonb_build_object('id', 'VND1', 'message', 'Vendor refuses', 'parameters', jsonb_build_object('why', jsonb_build_array(1, 'two'))),
        'parameters', jsonb_build_object('ordering', coalesce(jsonb_agg(jsonb_build_object(
            'id', e ->> 'id', 'value', upper(e ->> 'value'),
            'error', jsonb_build_object('id', null, 'message', 'Checked by the vendor', 'parameters', null))), '[]')))
      FROM jsonb_array_elements(doc -> 'parameters' -> 'ordering') e
$$;
RESET ROLE;
SELECT enrollment.program_set_pre_validation_hook(:'hooked', 'public.schema_hook(jsonb)') IS NOT NULL AS hook \gset
UPDATE enrollment.programs SET pre_validation_enrollment_draft = true, pre_validation_re_enrollment = true
 WHERE id = :'hooked';

CREATE FUNCTION public.call_validate(doc text, account text, usr text) RETURNS json
    LANGUAGE plpgsql AS $$
DECLARE
    st text; msg text; det text; col text;
BEGIN
    PERFORM enrollment.act_as(account::enrollment.mpt_id, usr::enrollment.mpt_id);
    RETURN json_build_object('body', program.validate_enrollment(doc::json));
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
                            col = COLUMN_NAME;
    RETURN json_build_object('sqlstate', st, 'message', msg, 'detail', det, 'column', col);
END $$;
