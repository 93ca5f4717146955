-- The benchmark's fixed part (test/bench/run.sh, README "Speed"), in its own
-- scratch database: the extension, the PostgREST roles and setup_api, the
-- accounts, and the programs, created through the engine so that they are what
-- the product writes:
--   * three "hot" programs of the vendor ACC-1000-0001 that the per-call
--     workloads act on: H5 and H20 (5 and 20 parameters of mixed types, one of
--     them unique) and C5 (H5's definitions; it gets :crowd open enrollments,
--     test/bench/crowd.sql);
--   * 100 "bulk" programs, five for each of 20 vendors, with two parameters (one
--     unique), which test/bench/grow.sql fills with enrollments for 100 clients'
--     10,000 buyers.
-- Helper objects live in the schema bench (never in enrollment or program).
SET client_min_messages = warning;
CREATE EXTENSION enrollment;
\i test/fixtures/postgrest_roles.sql
RESET client_min_messages;
\i test/fixtures/accounts.sql
CREATE SCHEMA bench;

-- Accounts: 20 vendors ACC-1100-00VV, 100 clients ACC-2100-0CCC with one user
-- each and 100 buyers each (BUY-<2100+C>-00NN: 10,000 certificants).  The hot
-- programs' buyers belong to the client ACC-2000-0001: BUY-9900-.... targets of
-- the per-call workloads, BUY-9800-.... created by the lifecycle workload,
-- BUY-9700-.... by the bulk create.
INSERT INTO enrollment.accounts (id, type, name, eligibility_client, eligibility_partner)
SELECT format('ACC-1100-%s', lpad(v::text, 4, '0'))::enrollment.mpt_id, 'Vendor', 'Vendor ' || v, false, false
  FROM generate_series(1, 20) v
UNION ALL
SELECT format('ACC-2100-%s', lpad(c::text, 4, '0'))::enrollment.mpt_id, 'Client', 'Client ' || c, true, c % 2 = 0
  FROM generate_series(1, 100) c;
INSERT INTO enrollment.users (id, account_id, name)
SELECT ('USR' || substr(id::text, 4))::enrollment.mpt_id, id, 'User of ' || name
  FROM enrollment.accounts WHERE id::text ~ '^ACC-[12]100-';
INSERT INTO enrollment.buyers (id, account_id, name)
SELECT format('BUY-%s-%s', 2100 + c, lpad(b::text, 4, '0'))::enrollment.mpt_id,
       format('ACC-2100-%s', lpad(c::text, 4, '0'))::enrollment.mpt_id, format('Buyer %s of client %s', b, c)
  FROM generate_series(1, 100) c, generate_series(1, 100) b;
INSERT INTO enrollment.buyers (id, account_id, name)
SELECT format('BUY-%s-%s', pool, lpad(n::text, 4, '0'))::enrollment.mpt_id, 'ACC-2000-0001', format('Bench buyer %s-%s', pool, n)
  FROM (VALUES (9900, 9999), (9800, 2000), (9700, 100)) AS p(pool, size), generate_series(1, size) n;

-- The parameter definitions (n = 1..20) and a valid value of each; the value of
-- the unique Subdomain (n = 6) is made distinct per enrollment by a tag.
CREATE TABLE bench.defs (n integer PRIMARY KEY, type text, constraints jsonb, options jsonb, value jsonb);
INSERT INTO bench.defs VALUES
    (1, 'SingleLineText', '{"required": true}', '{"pattern": "[A-Z]{2}[0-9]{4}", "maxChar": 10}', '"AB1234"'),
    (2, 'SingleLineText', '{}', '{"minChar": 2, "maxChar": 80}', '"Stark Industries"'),
    (3, 'MultiLineText', '{}', '{"maxChar": 2000}', '"Line one\nLine two"'),
    (4, 'Email', '{"required": true}', '{}', '"tony@stark.com"'),
    (5, 'Email', '{}', '{}', '"pepper@stark.com"'),
    (6, 'Subdomain', '{"unique": true}', '{"domainSuffix": "onmicrosoft.com"}', NULL),
    (7, 'Choice', '{}', '{"optionsList": [{"label": "Gold", "value": "gold"}, {"label": "Silver", "value": "silver"}, {"label": "Bronze", "value": "bronze"}]}', '"gold"'),
    (8, 'DropDown', '{}', '{"optionsList": [{"label": "EU", "value": "eu"}, {"label": "US", "value": "us"}, {"label": "APAC", "value": "apac"}]}', '"eu"'),
    (9, 'Checkbox', '{}', '{"optionsList": [{"label": "A", "value": "a"}, {"label": "B", "value": "b"}, {"label": "C", "value": "c"}]}', '["a", "c"]'),
    (10, 'Address', '{"required": true}', '{}', '{"addressLine1": "10880 Malibu Point", "city": "Malibu", "state": "CA", "postCode": "90265", "country": "US"}'),
    (11, 'Contact', '{}', '{"phoneMandatory": true}', '{"firstName": "Tony", "lastName": "Stark", "email": "tony@stark.com", "phone": {"prefix": "+1", "number": "555 0100"}}'),
    (12, 'Date', '{}', '{"minAvailableDate": "2020-01-01"}', '{"date": "2025-06-30"}'),
    (13, 'Date', '{}', '{"dateRange": true}', '{"start": "2025-01-01", "end": "2025-12-31"}'),
    (14, 'DataObject', '{}', '{}', '{"suit": {"mark": 42, "colors": ["red", "gold"]}}'),
    (15, 'DataObject', '{}', '{"objectType": "Xml"}', '"<suit mark=\"42\"><color>red</color></suit>"'),
    (16, 'Heading', '{}', '{}', NULL),
    (17, 'SingleLineText', '{"readonly": true}', '{"defaultValue": "standard"}', NULL),
    (18, 'SingleLineText', '{}', '{"pattern": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"}', '"69b73824-ce76-4866-ad47-b615ae9d8998"'),
    (19, 'MultiLineText', '{}', '{}', '"Notes"'),
    (20, 'Choice', '{"required": true}', '{"optionsList": [{"label": "Yes", "value": "yes"}, {"label": "No", "value": "no"}]}', '"yes"');

-- bench.programs: every program of the benchmark, its kind and its definitions.
CREATE TABLE bench.programs (id enrollment.mpt_id PRIMARY KEY, kind text, no integer, vendor_id enrollment.mpt_id, defs integer[]);
CREATE FUNCTION bench.make_program(kind text, no integer, vendor text, defs integer[]) RETURNS enrollment.mpt_id
LANGUAGE plpgsql AS $$
DECLARE
    prg enrollment.mpt_id;
BEGIN
    PERFORM enrollment.act_as(vendor::enrollment.mpt_id, ('USR' || substr(vendor, 4))::enrollment.mpt_id, true);
    prg := enrollment.program_create(format('%s program %s', kind, no), 'Buyer', true, true);
    PERFORM enrollment.parameter_create(prg, 'p' || d.n, d.type, 'Order', d.n, constraints => d.constraints, options => d.options)
       FROM bench.defs d WHERE d.n = ANY (defs) ORDER BY d.n;
    PERFORM enrollment.program_set_settings(prg, '{"terminateOnExpiration": {"enabled": true, "duration": 365}}');
    PERFORM enrollment.program_publish(prg);
    INSERT INTO bench.programs VALUES (prg, kind, no, vendor::enrollment.mpt_id, defs);
    RETURN prg;
END $$;
SELECT bench.make_program('H5', 5, 'ACC-1000-0001', '{1,4,6,7,10}'),
       bench.make_program('H20', 20, 'ACC-1000-0001', (SELECT array_agg(n ORDER BY n) FROM bench.defs)),
       bench.make_program('C5', 95, 'ACC-1000-0001', '{1,4,6,7,10}') \g /dev/null
SELECT count(bench.make_program('Bulk', p, format('ACC-1100-%s', lpad((1 + (p - 1) / 5)::text, 4, '0')), '{1,6}')) AS bulk_programs
  FROM generate_series(1, 100) p;

-- The ordering values of an enrollment of program prg, as the API takes them:
-- [{"id": "PPM-...", "value": ...}] (no Heading, no readonly), unique value per tag.
CREATE FUNCTION bench.ordering(prg enrollment.mpt_id, tag text) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT jsonb_agg(jsonb_build_object('id', pa.id::text, 'value', coalesce(d.value, to_jsonb('s' || tag))) ORDER BY d.n)
      FROM enrollment.parameters pa JOIN bench.defs d ON pa.name = 'p' || d.n
     WHERE pa.program_id OPERATOR(enrollment.=) prg AND d.n NOT IN (16, 17)
$$;

-- bench.spec: the enrollments to bulk-load next (test/bench/load.sql reads it).
CREATE UNLOGGED TABLE bench.spec (
    program_id enrollment.mpt_id, enr_id enrollment.mpt_id, cer_id enrollment.mpt_id,
    client_id enrollment.mpt_id, buyer_id enrollment.mpt_id, status text, t timestamptz, tag text);

-- The plain PL/pgSQL + jsonb validator of the baseline: the same checks of the
-- same definitions (required, pattern, lengths, e-mail, options, address,
-- contact, dates, data objects, uniqueness among the program's other values),
-- errors as {"PPM-...": "message"}.
CREATE FUNCTION bench.plain_validate(prg enrollment.mpt_id, enr enrollment.mpt_id, vals jsonb) RETURNS jsonb
LANGUAGE plpgsql STABLE AS $$
DECLARE
    d record;
    v jsonb;
    errs jsonb := '{}';
    err text;
BEGIN
    FOR d IN SELECT pa.id, pa.type, pa.required, pa."unique", pa.readonly, pa.options
               FROM enrollment.parameters pa
              WHERE pa.program_id OPERATOR(enrollment.=) prg AND pa.status = 'Active' AND pa.phase = 'Order'
              ORDER BY pa.display_order LOOP
        v := (SELECT x -> 'value' FROM jsonb_array_elements(vals) x WHERE x ->> 'id' = d.id::text LIMIT 1);
        err := NULL;
        IF v IS NULL OR v = 'null' THEN
            IF d.required THEN err := 'required'; END IF;
        ELSIF d.type IN ('SingleLineText', 'MultiLineText', 'Email', 'Subdomain') THEN
            IF jsonb_typeof(v) <> 'string' THEN err := 'not a string';
            ELSIF d.options ? 'pattern' AND v #>> '{}' !~ ('^(' || (d.options ->> 'pattern') || ')$') THEN err := 'pattern';
            ELSIF length(v #>> '{}') > coalesce((d.options ->> 'maxChar')::int, 4000) THEN err := 'too long';
            ELSIF length(v #>> '{}') < coalesce((d.options ->> 'minChar')::int, 0) THEN err := 'too short';
            ELSIF d.type = 'Email' AND v #>> '{}' !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' THEN err := 'email';
            ELSIF d.type = 'Subdomain' AND v #>> '{}' !~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$' THEN err := 'subdomain';
            END IF;
        ELSIF d.type IN ('Choice', 'DropDown') THEN
            IF NOT EXISTS (SELECT FROM jsonb_array_elements(d.options -> 'optionsList') o WHERE o -> 'value' = v) THEN err := 'option'; END IF;
        ELSIF d.type = 'Checkbox' THEN
            IF jsonb_typeof(v) <> 'array' OR EXISTS (SELECT FROM jsonb_array_elements(v) c
                 WHERE NOT EXISTS (SELECT FROM jsonb_array_elements(d.options -> 'optionsList') o WHERE o -> 'value' = c)) THEN err := 'option'; END IF;
        ELSIF d.type = 'Address' THEN
            IF jsonb_typeof(v) <> 'object' OR NOT v ?& '{addressLine1,city,postCode,country}' THEN err := 'address'; END IF;
        ELSIF d.type = 'Contact' THEN
            IF jsonb_typeof(v) <> 'object' OR NOT v ?& '{firstName,lastName,email}'
               OR (coalesce((d.options ->> 'phoneMandatory')::boolean, false) AND NOT v ? 'phone') THEN err := 'contact'; END IF;
        ELSIF d.type = 'Date' THEN
            IF coalesce((d.options ->> 'dateRange')::boolean, false) THEN
                IF (v ->> 'start')::date > (v ->> 'end')::date THEN err := 'range'; END IF;
            ELSIF (v ->> 'date')::date < coalesce((d.options ->> 'minAvailableDate')::date, '-infinity') THEN err := 'date';
            END IF;
        ELSIF d.type = 'DataObject' THEN
            IF d.options ->> 'objectType' = 'Xml' AND (jsonb_typeof(v) <> 'string' OR NOT xml_is_well_formed_document(v #>> '{}')) THEN err := 'xml'; END IF;
        END IF;
        IF err IS NULL AND d."unique" AND v IS NOT NULL AND EXISTS (
               SELECT FROM enrollment.enrollment_parameters o
                WHERE o.program_id OPERATOR(enrollment.=) prg AND o.parameter_id OPERATOR(enrollment.=) d.id
                  AND o.value = v AND (enr IS NULL OR o.enrollment_id OPERATOR(enrollment.<>) enr)) THEN
            err := 'not unique';
        END IF;
        IF err IS NOT NULL THEN errs := errs || jsonb_build_object(d.id::text, err); END IF;
    END LOOP;
    RETURN errs;
END $$;
CREATE FUNCTION bench.plain_validate_stored(enr enrollment.mpt_id) RETURNS jsonb
LANGUAGE sql STABLE AS $$
    SELECT bench.plain_validate(e.program_id, e.id,
               (SELECT coalesce(jsonb_agg(jsonb_build_object('id', v.parameter_id::text, 'value', v.value)), '[]')
                  FROM enrollment.enrollment_parameters v
                 WHERE v.program_id OPERATOR(enrollment.=) e.program_id AND v.enrollment_id OPERATOR(enrollment.=) e.id))
      FROM enrollment.enrollments e WHERE e.id OPERATOR(enrollment.=) enr
$$;
