-- Parameter definitions: create, update, delete; options validated per type
-- (every OPTnnnn id), constraints, externalId uniqueness, immutability of
-- type/phase/scope, who may define parameters.
\i test/fixtures/reset.sql
SET search_path = enrollment, public;
\i test/fixtures/accounts.sql
\i test/fixtures/program.sql
\i test/fixtures/try.sql
\set VERBOSITY default
-- pg_temp.detail(statement): "ok", or "SQLSTATE: message / detail" of its error (rolled back)
CREATE FUNCTION pg_temp.detail(stmt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    d text;
BEGIN
    EXECUTE stmt;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
    RETURN SQLSTATE || ': ' || SQLERRM || coalesce(' / ' || nullif(d, ''), '');
END $$;

-- create: the vendor of the program (the fixture left it as the caller)
SELECT parameter_create(:'prg', 'Partner number', 'SingleLineText', 'Order', 50,
       description => 'Your MPN', external_id => 'mpn',
       constraints => '{"required": true, "unique": true}',
       options => '{"pattern": "[0-9]+", "minChar": 4, "maxChar": 8, "hintText": "digits"}') AS p_mpn \gset
SELECT id = :'p_mpn' AS same_id, group_id, name, description, external_id, scope, phase, type,
       display_order, hidden, readonly, required, "unique", options, status, created_by
  FROM parameters WHERE id = :'p_mpn';
SELECT object_type, object_id = :'p_mpn' AS same_id, event, from_status, to_status, by_user_id
  FROM history WHERE object_type = 'Parameter';

-- defaults: no constraints, no options, the Default group
SELECT parameter_create(:'prg', 'Notes for us', 'MultiLineText', 'Fulfillment', 60) AS p_notes \gset
SELECT hidden, readonly, required, "unique", options, group_id, description FROM parameters WHERE id = :'p_notes';

-- the platform's message for a taken externalId (also against a deleted parameter)
SELECT parameter_create(:'prg', 'Again', 'Email', 'Order', 70, external_id => 'mpn');
\set VERBOSITY sqlstate
SELECT parameter_create(:'prg', 'Again', 'Email', 'Order', 70, external_id => 'mpn');
\set VERBOSITY default

-- required arguments and plain field checks
SELECT parameter_create(:'prg', NULL, 'Email', 'Order', 1);
SELECT parameter_create(:'prg', 'x', NULL, 'Order', 1);
SELECT parameter_create(:'prg', 'x', 'Email', NULL, 1);
SELECT parameter_create(:'prg', 'x', 'Email', 'Order', NULL);
SELECT parameter_create(:'prg', 'x', 'Text', 'Order', 1);
SELECT parameter_create(:'prg', 'x', 'Email', 'Ordering', 1);
SELECT parameter_create(:'prg', '', 'Email', 'Order', 1);
SELECT parameter_create(:'prg', 'x', 'Email', 'Order', 1, external_id => repeat('x', 256));
SELECT parameter_create(:'prg', 'x', 'Email', 'Order', 1, group_id => 'PPG-0000-0000-0001');

-- constraints: booleans or null, four known keys (OPT0001, OPT0019)
SELECT parameter_create(:'prg', 'x', 'Email', 'Order', 1, constraints => '[true]');
SELECT parameter_create(:'prg', 'x', 'Email', 'Order', 1, constraints => '{"colour": true}');
SELECT parameter_create(:'prg', 'x', 'Email', 'Order', 1, constraints => '{"required": "yes"}');

-- options: one refusal per OPT id
CREATE TEMP TABLE opt_cases (n serial, type text, options jsonb);
INSERT INTO opt_cases (type, options) VALUES
    ('SingleLineText', '[]'),                                               -- OPT0001
    ('Email', '{"pattern": "x"}'),                                          -- OPT0002
    ('SingleLineText', '{"minChar": "4"}'),                                 -- OPT0003
    ('SingleLineText', '{"maxChar": 0}'),                                   -- OPT0004
    ('MultiLineText', '{"minChar": 9, "maxChar": 3}'),                      -- OPT0005
    ('SingleLineText', jsonb_build_object('pattern', repeat('a', 257))),    -- OPT0006
    ('SingleLineText', '{"pattern": "a)|(b"}'),                             -- OPT0007
    ('SingleLineText', '{"pattern": "[0-9"}'),                              -- OPT0007
    ('SingleLineText', '{"pattern": "(?i)abc"}'),                           -- OPT0007 (embedded options)
    ('Choice', '{"optionsList": []}'),                                      -- OPT0008
    ('DropDown', '{}'),                                                     -- OPT0008
    ('Choice', '{"optionsList": [{"label": "", "value": "a"}]}'),           -- OPT0009
    ('Checkbox', '{"optionsList": [{"label": "A", "value": "a"}, {"label": "B", "value": "a"}]}'), -- OPT0010
    ('Choice', jsonb_build_object('optionsList', (SELECT jsonb_agg(jsonb_build_object('label', 'L' || i, 'value', 'v' || i)) FROM generate_series(1, 501) i))), -- OPT0011
    ('Choice', '{"optionsList": [{"label": "A", "value": "a"}], "defaultValue": "b"}'), -- OPT0012
    ('SingleLineText', '{"pattern": "[0-9]+", "defaultValue": "abc"}'),     -- OPT0012
    ('Date', '{"minAvailableDate": "2025-02-30"}'),                         -- OPT0013
    ('Date', '{"minAvailableDate": "2026-01-01", "maxAvailableDate": "2025-01-01"}'), -- OPT0014
    ('Subdomain', '{"domainSuffix": ".Contoso.com"}'),                      -- OPT0015
    ('DataObject', '{"objectType": "Yaml"}'),                               -- OPT0016
    ('SingleLineText', jsonb_build_object('hintText', repeat('h', 4001))),  -- OPT0017
    ('Heading', '{"type": "Email"}'),                                       -- OPT0020
    ('Contact', '{"phoneMandatory": "yes"}'),                               -- OPT0003
    ('Address', '{"defaultValue": "Nobody"}'),                              -- OPT0012
    ('SingleLineText', '{"pattern": "(a)\\1"}');                             -- OPT0021 (back-reference)
SELECT n, type, pg_temp.detail(
           format('SELECT enrollment.parameter_create(%L, %L, %L, %L, 1, options => %L)',
                  :'prg', 'p' || n, type, 'Order', options)) AS result
  FROM opt_cases ORDER BY n;
-- errdetail carries the id and the sentence
SELECT parameter_create(:'prg', 'x', 'SingleLineText', 'Order', 1, options => '{"pattern": "[0-9"}');

-- options accepted per type (PostgreSQL regex dialect: classes, bounds, an escaped backslash)
SELECT type, pg_temp.try('ACC-1000-0001', 'USR-1000-0001',
           format('SELECT enrollment.parameter_create(%L, %L, %L, %L, 1, options => %L)',
                  :'prg', 'ok ' || type, type, 'Order', options)) AS result
  FROM (VALUES
    ('SingleLineText', '{"pattern": "[[:alpha:]]{2}-\\d{3}", "placeholderText": "AB-123", "defaultValue": "AB-123"}'::jsonb),
    ('SingleLineText', '{"pattern": "(a)\\\\1"}'),
    ('MultiLineText', '{"minChar": 0, "maxChar": 4000}'),
    ('Email', '{"defaultValue": "CurrentlySignedInUser"}'),
    ('Subdomain', '{"domainSuffix": "onmicrosoft.com"}'),
    ('Choice', '{"optionsList": [{"label": "Gold", "value": "gold", "description": "best"}], "defaultValue": "gold"}'),
    ('DropDown', '{"optionsList": [{"label": "Gold", "value": "gold"}], "description": "pick one"}'),
    ('Checkbox', '{"optionsList": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}], "defaultValue": ["a"]}'),
    ('Address', '{"defaultValue": "Buyer"}'),
    ('Contact', '{"phoneMandatory": true, "defaultValue": "Licensee"}'),
    ('Date', '{"dateRange": true, "minAvailableDate": "2025-01-01", "maxAvailableDate": "2025-12-31"}'),
    ('DataObject', '{"objectType": "Xml"}'),
    ('Heading', '{"name": "Section", "type": "Heading"}')) AS c(type, options);

-- update: NULL keeps, constraints merge, options replace (validated against the type), '' clears externalId
SELECT parameter_update(:'p_mpn', name => 'MPN', constraints => '{"unique": false, "hidden": true}',
                        options => '{"maxChar": 10}', display_order => 55) = :'p_mpn' AS updated;
SELECT name, description, external_id, display_order, hidden, readonly, required, "unique", options, updated_by
  FROM parameters WHERE id = :'p_mpn';
SELECT parameter_update(:'p_mpn', options => '{"optionsList": [{"label": "A", "value": "a"}]}');
SELECT parameter_update(:'p_mpn', options => '{"pattern": "("}');
SELECT parameter_update(:'p_mpn', constraints => '{"readonly": 1}');
SELECT parameter_update(:'p_mpn', external_id => 'companyName');
SELECT parameter_update(:'p_mpn', external_id => '') IS NOT NULL AS cleared;
SELECT external_id FROM parameters WHERE id = :'p_mpn';
SELECT parameter_update(:'p_mpn', external_id => 'mpn2', options => 'null') IS NOT NULL AS set;
SELECT external_id, options FROM parameters WHERE id = :'p_mpn';

-- type, phase and scope are immutable: no arguments for them, and a direct UPDATE is refused
UPDATE parameters SET type = 'Email' WHERE id = :'p_mpn';
UPDATE parameters SET phase = 'Fulfillment' WHERE id = :'p_mpn';
UPDATE parameters SET type = type, name = 'same type is fine' WHERE id = :'p_mpn';

-- who: another vendor does not see a Draft program's parameters; a client sees a Published one but may not write
SELECT pg_temp.try('ACC-1000-0002', 'USR-1000-0002', format('SELECT enrollment.parameter_update(%L, name => %L)', :'p_mpn', 'x'));
SELECT pg_temp.try('ACC-2000-0001', 'USR-2000-0001', format('SELECT enrollment.parameter_update(%L, name => %L)', :'p_mpn', 'x'));
SELECT pg_temp.try('ACC-2000-0001', 'USR-2000-0001', format('SELECT enrollment.parameter_create(%L, %L, %L, %L, 1)', :'prg', 'x', 'Email', 'Order'));
SELECT pg_temp.try('ACC-3000-0001', 'USR-3000-0001', format('SELECT enrollment.parameter_delete(%L)', :'p_mpn'));
SELECT enrollment.act_as('ACC-1000-0002', 'USR-1000-0002') IS NOT NULL AS adobe;
SELECT enrollment.program_create('Adobe Draft', 'Buyer') AS adobe_prg \gset
SELECT pg_temp.try('ACC-1000-0001', 'USR-1000-0001', format('SELECT enrollment.parameter_create(%L, %L, %L, %L, 1)', :'adobe_prg', 'x', 'Email', 'Order'));
SELECT pg_temp.try('ACC-1000-0001', 'USR-1000-0001', 'SELECT enrollment.parameter_create(''PRG-0000-0000'', ''x'', ''Email'', ''Order'', 1)');
RESET request.jwt.claims;
SELECT parameter_create(:'prg', 'x', 'Email', 'Order', 1);

-- delete: status Deleted, kept for existing enrollments; then it is gone for every writer
SELECT enrollment.act_as('ACC-1000-0001', 'USR-1000-0001') IS NOT NULL AS vendor;
SELECT parameter_delete(:'p_notes') = :'p_notes' AS deleted;
SELECT status, updated_by FROM parameters WHERE id = :'p_notes';
SELECT parameter_delete(:'p_notes');
SELECT parameter_update(:'p_notes', name => 'back');
SELECT event, from_status, to_status FROM history WHERE object_id = :'p_notes' ORDER BY id;

-- privileges and comments
SELECT p.proname, p.prosecdef, has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS commented
  FROM pg_proc p
 WHERE p.pronamespace = 'enrollment'::regnamespace
   AND p.proname IN ('parameter_create', 'parameter_update', 'parameter_delete', 'parameters_immutable',
                     'parameters_changed', 'enrollment_set_parameters', 'enrollment_check_parameters',
                     'enrollment_validate', 'validate_enrollment_json', 'program_set_pre_validation_hook')
 ORDER BY p.proname;
