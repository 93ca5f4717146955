-- The list endpoints (program.list_*) and single-object reads (program.get_*)
-- with RQL, select=, order=, limit/offset and $meta, replayed as PostgREST sends
-- them (test/fixtures/api_list.sql over api_rpc.sql: POST with the parameters
-- in the body, READ ONLY because the functions are STABLE; a GET can carry rql
-- only, see test/fixtures/api_list_get.sql).  Every operator, nesting,
-- shortcuts, quoting, ids, dates, like escapes, null() and empty(), projection,
-- order, paging, every kind of bad input with its exact error, injection
-- attempts, and what each caller may see.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/postgrest_roles.sql
\i test/fixtures/api_pgrst.sql
-- names and notes that exercise quoting and like escapes; '' versus NULL notes
UPDATE enrollment.enrollments SET name = 'Stark 100% Edu_1 (a,b) *star*' WHERE id = 'ENR-2000-0001-0001';
UPDATE enrollment.enrollments SET notes = '' WHERE id = 'ENR-1000-0001-0002';
\echo '-- the whitelist knows exactly the columns of each view'
SELECT r AS resource, enrollment.rql_columns(r) = (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
        WHERE a.attrelid = ('program.' || r)::regclass AND a.attnum > 0 AND NOT a.attisdropped) AS same
  FROM unnest('{enrollments,certificates,programs,templates,parameters,parameter_groups,enrollment_attachments}'::text[]) r;
\echo '-- error fields: the query parameter is the COLUMN NAME of the error'
SELECT enrollment.act_as('ACC-3000-0001', 'USR-3000-0001') \g /dev/null
DO $$
DECLARE
    st text; msg text; det text; col text;
    c record;
BEGIN
    FOR c IN SELECT * FROM (VALUES ('eq(x,1)', NULL, NULL, NULL, NULL), (NULL, '+x', NULL, NULL, NULL),
                                   (NULL, NULL, 'x', NULL, NULL), (NULL, NULL, NULL, -1, NULL),
                                   (NULL, NULL, NULL, NULL, -5), ('eq(program.id,PRG-1)', NULL, NULL, NULL, NULL),
                                   ('gt(audit.created.at,2025-13-01)', NULL, NULL, NULL, NULL)) AS v(r, s, o, l, f) LOOP
        BEGIN
            PERFORM program.list_enrollments(coalesce(c.r, ''), c.s, c.o, c.l, c.f);
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL, col = COLUMN_NAME;
            RAISE NOTICE '% | % | % | column %', st, msg, det, col;
        END;
    END LOOP;
END $$;
RESET request.jwt.claims;
\set su :USER
\c - enrollment_authenticator
\set ECHO none
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on

\set who operations
\i test/fixtures/api_as.sql
\echo '-- operations: every enrollment, default projection (parameters and audit omitted), limit 10, order by id'
\set fn list_enrollments
\set body '{"rql": ""}'
\i test/fixtures/api_list.sql
\echo '-- eq'
\set fn list_enrollments
\set body '{"rql": "eq(status,Completed)"}'
\i test/fixtures/api_list.sql
\echo '-- shortcut field=value'
\set fn list_enrollments
\set body '{"rql": "status=Completed"}'
\i test/fixtures/api_list.sql
\echo '-- shortcuts and a call, AND-ed'
\set fn list_enrollments
\set body '{"rql": "status=Completed&type=New&eq(program.id,PRG-2000-0001)"}'
\i test/fixtures/api_list.sql
\echo '-- and(), quoted id'
\set fn list_enrollments
\set body '{"rql": "and(eq(status,Completed),eq(program.id,\\"PRG-1000-0001\\"))"}'
\i test/fixtures/api_list.sql
\echo '-- ne'
\set fn list_enrollments
\set body '{"rql": "ne(status,Completed)"}'
\i test/fixtures/api_list.sql
\echo '-- gt on ids (text order)'
\set fn list_enrollments
\set body '{"rql": "gt(id,ENR-1000-0001-0001)"}'
\i test/fixtures/api_list.sql
\echo '-- ge on a timestamp (a date is midnight UTC)'
\set fn list_enrollments
\set body '{"rql": "ge(audit.completed.at,2025-07-02)"}'
\i test/fixtures/api_list.sql
\echo '-- lt'
\set fn list_enrollments
\set body '{"rql": "lt(audit.completed.at,\\"2025-07-02T00:00:00.000Z\\")"}'
\i test/fixtures/api_list.sql
\echo '-- le, the exact instant'
\set fn list_enrollments
\set body '{"rql": "le(audit.completed.at,2025-07-01T10:05:00.000Z)"}'
\i test/fixtures/api_list.sql
\echo '-- in'
\set fn list_enrollments
\set body '{"rql": "in(status,(Processing,Completed))"}'
\i test/fixtures/api_list.sql
\echo '-- out'
\set fn list_enrollments
\set body '{"rql": "out(status,(Completed))"}'
\i test/fixtures/api_list.sql
\echo '-- in over ids'
\set fn list_enrollments
\set body '{"rql": "in(certificate.id,(CER-1000-0001-0001,\\"CER-2000-0001-0001\\"))"}'
\i test/fixtures/api_list.sql
\echo '-- or and not'
\set fn list_enrollments
\set body '{"rql": "or(eq(type,Change),not(eq(program.id,PRG-1000-0001)))"}'
\i test/fixtures/api_list.sql
\echo '-- nesting'
\set fn list_enrollments
\set body '{"rql": "not(or(eq(status,Processing),and(eq(status,Completed),eq(applicableTo,Buyer))))"}'
\i test/fixtures/api_list.sql
\echo '-- a single-quoted value with spaces, commas and parentheses'
\set fn list_enrollments
\set body '{"rql": "eq(name,\\u0027Stark 100% Edu_1 (a,b) *star*\\u0027)"}'
\i test/fixtures/api_list.sql
\echo '-- the same double-quoted'
\set fn list_enrollments
\set body '{"rql": "eq(name,\\"Stark 100% Edu_1 (a,b) *star*\\")"}'
\i test/fixtures/api_list.sql
\echo '-- like with * wildcards'
\set fn list_enrollments
\set body '{"rql": "like(name,*AI*)"}'
\i test/fixtures/api_list.sql
\echo '-- like is case-sensitive'
\set fn list_enrollments
\set body '{"rql": "like(name,*ai*)"}'
\i test/fixtures/api_list.sql
\echo '-- ilike'
\set fn list_enrollments
\set body '{"rql": "ilike(name,\\"*ai partner\\")"}'
\i test/fixtures/api_list.sql
\echo '-- % is a literal in like'
\set fn list_enrollments
\set body '{"rql": "like(name,\\"*100%*\\")"}'
\i test/fixtures/api_list.sql
\echo '-- % does not match anything (it would as a LIKE wildcard)'
\set fn list_enrollments
\set body '{"rql": "like(name,\\"*100%Edu*\\")"}'
\i test/fixtures/api_list.sql
\echo '-- _ is literal too: no match (a LIKE _ would match one character)'
\set fn list_enrollments
\set body '{"rql": "like(name,*Ed__1*)"}'
\i test/fixtures/api_list.sql
\echo '-- _ literal, matching'
\set fn list_enrollments
\set body '{"rql": "like(name,*Edu_1*)"}'
\i test/fixtures/api_list.sql
\echo '-- an escaped \* is a literal star'
\set fn list_enrollments
\set body '{"rql": "like(name,\\"*\\\\*star\\\\*\\")"}'
\i test/fixtures/api_list.sql
\echo '-- no name starts with a star'
\set fn list_enrollments
\set body '{"rql": "like(name,\\"\\\\*star*\\")"}'
\i test/fixtures/api_list.sql
\echo '-- null(): absent only (the empty notes are not null)'
\set fn list_enrollments
\set body '{"rql": "eq(notes,null())"}'
\i test/fixtures/api_list.sql
\echo '-- ne null()'
\set fn list_enrollments
\set body '{"rql": "ne(notes,null())"}'
\i test/fixtures/api_list.sql
\echo '-- empty(): absent or empty'
\set fn list_enrollments
\set body '{"rql": "eq(notes,empty())"}'
\i test/fixtures/api_list.sql
\echo '-- ne empty()'
\set fn list_enrollments
\set body '{"rql": "ne(notes,empty())"}'
\i test/fixtures/api_list.sql
\echo '-- null() in a shortcut; absent references'
\set fn list_enrollments
\set body '{"rql": "notes=null()&eq(assignee.id,null())"}'
\i test/fixtures/api_list.sql
\echo '-- not() of a comparison with an absent field is true, like ne()'
\set fn list_enrollments
\set body '{"rql": "not(eq(notes,Enroll))"}'
\i test/fixtures/api_list.sql
\echo '-- ne() includes absent fields'
\set fn list_enrollments
\set body '{"rql": "ne(notes,Enroll)"}'
\i test/fixtures/api_list.sql
\echo '-- booleans'
\set fn list_enrollments
\set body '{"rql": "eq(eligibility.partner,false)"}'
\i test/fixtures/api_list.sql
\echo '-- integers'
\set fn list_enrollments
\set body '{"rql": "ge(revision,1)&lt(revision,2)"}'
\i test/fixtures/api_list.sql
\echo '-- select'
\echo '-- select=+audit brings audit back; parameters still omitted'
\set fn list_enrollments
\set body '{"rql": "eq(id,ENR-1000-0001-0001)", "select": "+audit"}'
\i test/fixtures/api_list.sql
\echo '-- + and -'
\set fn list_enrollments
\set body '{"rql": "eq(id,ENR-1000-0001-0001)", "select": "+audit,+parameters,-name"}'
\i test/fixtures/api_list.sql
\echo '-- -* keeps only the listed fields'
\set fn list_enrollments
\set body '{"rql": "eq(id,ENR-1000-0001-0001)", "select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- -* alone: empty objects'
\set fn list_enrollments
\set body '{"select": "-*"}'
\i test/fixtures/api_list.sql
\echo '-- unknown select field (400)'
\set fn list_enrollments
\set body '{"select": "+nosuch"}'
\i test/fixtures/api_list.sql
\echo '-- nested select paths are not supported (400)'
\set fn list_enrollments
\set body '{"select": "+licensee.account.id"}'
\i test/fixtures/api_list.sql
\echo '-- empty select item (400)'
\set fn list_enrollments
\set body '{"select": "id,,status"}'
\i test/fixtures/api_list.sql
\echo '-- order'
\echo '-- order=-id'
\set fn list_enrollments
\set body '{"select": "-*,+id,+status", "order": "-id"}'
\i test/fixtures/api_list.sql
\echo '-- two fields'
\set fn list_enrollments
\set body '{"select": "-*,+id,+status", "order": "+status,-id"}'
\i test/fixtures/api_list.sql
\echo '-- descending timestamps, absent first (then by id)'
\set fn list_enrollments
\set body '{"select": "-*,+id,+status", "order": "-audit.completed.at"}'
\i test/fixtures/api_list.sql
\echo '-- by reference fields'
\set fn list_enrollments
\set body '{"select": "-*,+id,+status", "order": "program.name,name"}'
\i test/fixtures/api_list.sql
\echo '-- a field that cannot be ordered by (400)'
\set fn list_enrollments
\set body '{"order": "notes"}'
\i test/fixtures/api_list.sql
\echo '-- unknown order field (400)'
\set fn list_enrollments
\set body '{"order": "nosuch"}'
\i test/fixtures/api_list.sql
\echo '-- a field twice (400)'
\set fn list_enrollments
\set body '{"order": "name,-name"}'
\i test/fixtures/api_list.sql
\echo '-- PostgREST syntax is not RQL (400)'
\set fn list_enrollments
\set body '{"order": "name.desc"}'
\i test/fixtures/api_list.sql
\echo '-- limit and offset'
\echo '-- limit=0: only the count'
\set fn list_enrollments
\set body '{"limit": 0}'
\i test/fixtures/api_list.sql
\echo '-- one page'
\set fn list_enrollments
\set body '{"select": "-*,+id", "limit": 1, "offset": 1}'
\i test/fixtures/api_list.sql
\echo '-- a limit over 100 is capped at 100'
\set fn list_enrollments
\set body '{"select": "-*,+id", "limit": 500}'
\i test/fixtures/api_list.sql
\echo '-- an offset past the end: no rows, the total still counts'
\set fn list_enrollments
\set body '{"select": "-*,+id", "offset": 10}'
\i test/fixtures/api_list.sql
\echo '-- a negative limit (400)'
\set fn list_enrollments
\set body '{"limit": -1}'
\i test/fixtures/api_list.sql
\echo '-- a negative offset (400)'
\set fn list_enrollments
\set body '{"offset": -1}'
\i test/fixtures/api_list.sql
\echo '-- a limit that is no integer (400, from PostgreSQL)'
\set fn list_enrollments
\set body '{"limit": "ten"}'
\i test/fixtures/api_list.sql
\echo '-- an unknown parameter is PGRST202 (404) before any SQL'
\set fn list_enrollments
\set body '{"filter": "eq(status,Draft)"}'
\i test/fixtures/api_list.sql
\echo '-- bad filters: 22023 invalid RQL with the position'
\echo '-- unknown field'
\set fn list_enrollments
\set body '{"rql": "eq(nosuch,1)"}'
\i test/fixtures/api_list.sql
\echo '-- unknown nested field'
\set fn list_enrollments
\set body '{"rql": "eq(program.nosuch,1)"}'
\i test/fixtures/api_list.sql
\echo '-- unknown operator'
\set fn list_enrollments
\set body '{"rql": "regex(name,x)"}'
\i test/fixtures/api_list.sql
\echo '-- unbalanced: a missing )'
\set fn list_enrollments
\set body '{"rql": "eq(status,Completed"}'
\i test/fixtures/api_list.sql
\echo '-- unbalanced: one ) too many'
\set fn list_enrollments
\set body '{"rql": "eq(status,Completed))"}'
\i test/fixtures/api_list.sql
\echo '-- unbalanced and()'
\set fn list_enrollments
\set body '{"rql": "and(eq(status,A),eq(type,B)"}'
\i test/fixtures/api_list.sql
\echo '-- an unclosed quote'
\set fn list_enrollments
\set body '{"rql": "eq(name,\\"open"}'
\i test/fixtures/api_list.sql
\echo '-- a space in a bare value'
\set fn list_enrollments
\set body '{"rql": "eq(name,two words)"}'
\i test/fixtures/api_list.sql
\echo '-- null() with gt'
\set fn list_enrollments
\set body '{"rql": "gt(notes,null())"}'
\i test/fixtures/api_list.sql
\echo '-- like on a number'
\set fn list_enrollments
\set body '{"rql": "like(revision,1*)"}'
\i test/fixtures/api_list.sql
\echo '-- lt on a boolean'
\set fn list_enrollments
\set body '{"rql": "lt(eligibility.client,true)"}'
\i test/fixtures/api_list.sql
\echo '-- not() with two expressions'
\set fn list_enrollments
\set body '{"rql": "not(eq(name,a),eq(name,b))"}'
\i test/fixtures/api_list.sql
\echo '-- 33 levels deep'
\set fn list_enrollments
\set body '{"rql": "not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(eq(name,A)))))))))))))))))))))))))))))))))"}'
\i test/fixtures/api_list.sql
\echo '-- 32 levels is fine'
\set fn list_enrollments
\set body '{"rql": "not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(not(eq(name,A))))))))))))))))))))))))))))))))"}'
\i test/fixtures/api_list.sql
\echo '-- more than 100 terms'
\set fn list_enrollments
\set body '{"rql": "name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x&name=x"}'
\i test/fixtures/api_list.sql
\echo '-- a filter of 4097 bytes'
\set fn list_enrollments
\set body '{"rql": "eq(name,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx)"}'
\i test/fixtures/api_list.sql
\echo '-- bad values: ids (22P02), dates, booleans, numbers'
\echo '-- a malformed id is 22P02, never an empty list'
\set fn list_enrollments
\set body '{"rql": "eq(program.id,PRG-1)"}'
\i test/fixtures/api_list.sql
\echo '-- a lower-case id'
\set fn list_enrollments
\set body '{"rql": "eq(id,enr-1000-0001-0001)"}'
\i test/fixtures/api_list.sql
\echo '-- a well-formed unknown id: empty'
\set fn list_enrollments
\set body '{"rql": "eq(program.id,PRG-0000-0000)"}'
\i test/fixtures/api_list.sql
\echo '-- a bad timestamp'
\set fn list_enrollments
\set body '{"rql": "gt(audit.created.at,yesterday-ish)"}'
\i test/fixtures/api_list.sql
\echo '-- a bad boolean'
\set fn list_enrollments
\set body '{"rql": "eq(eligibility.client,maybe)"}'
\i test/fixtures/api_list.sql
\echo '-- a bad integer'
\set fn list_enrollments
\set body '{"rql": "eq(revision,1.5)"}'
\i test/fixtures/api_list.sql
\echo '-- SQL injection attempts are values or parse errors, never SQL'
\echo '-- a quote inside a quoted value'
\set fn list_enrollments
\set body '{"rql": "eq(name,\\"x\\u0027) OR true --\\")"}'
\i test/fixtures/api_list.sql
\echo '-- a statement inside a value'
\set fn list_enrollments
\set body '{"rql": "eq(name,\\u0027x\\" OR 1=1; DROP TABLE enrollment.enrollments; --\\u0027)"}'
\i test/fixtures/api_list.sql
\echo '-- a bare quote'
\set fn list_enrollments
\set body '{"rql": "name=x\\u0027;DROP TABLE enrollment.enrollments;--"}'
\i test/fixtures/api_list.sql
\echo '-- SQL in a field name'
\set fn list_enrollments
\set body '{"rql": "eq(name;DROP TABLE x,1)"}'
\i test/fixtures/api_list.sql
\echo '-- SQL in order'
\set fn list_enrollments
\set body '{"order": "id;DROP TABLE enrollment.enrollments"}'
\i test/fixtures/api_list.sql
\echo '-- SQL in select'
\set fn list_enrollments
\set body '{"select": "id) FROM pg_authid --"}'
\i test/fixtures/api_list.sql
\echo '-- a placeholder as a value'
\set fn list_enrollments
\set body '{"rql": "eq(name,$1)"}'
\i test/fixtures/api_list.sql
\echo '-- visibility: what each caller may see, totals included'
\set who anonymous
\i test/fixtures/api_as.sql
\echo '-- anonymous: enrollments'
\set fn list_enrollments
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- anonymous: certificates'
\set fn list_certificates
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- anonymous: programs (statistics for vendors and operations only)'
\set fn list_programs
\set body '{"select": "-*,+id,+status,+statistics"}'
\i test/fixtures/api_list.sql
\set who no-account
\i test/fixtures/api_as.sql
\echo '-- no-account: enrollments'
\set fn list_enrollments
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- no-account: certificates'
\set fn list_certificates
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- no-account: programs (statistics for vendors and operations only)'
\set fn list_programs
\set body '{"select": "-*,+id,+status,+statistics"}'
\i test/fixtures/api_list.sql
\set who client-stark
\i test/fixtures/api_as.sql
\echo '-- client-stark: enrollments'
\set fn list_enrollments
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- client-stark: certificates'
\set fn list_certificates
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- client-stark: programs (statistics for vendors and operations only)'
\set fn list_programs
\set body '{"select": "-*,+id,+status,+statistics"}'
\i test/fixtures/api_list.sql
\set who client-wayne
\i test/fixtures/api_as.sql
\echo '-- client-wayne: enrollments'
\set fn list_enrollments
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- client-wayne: certificates'
\set fn list_certificates
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- client-wayne: programs (statistics for vendors and operations only)'
\set fn list_programs
\set body '{"select": "-*,+id,+status,+statistics"}'
\i test/fixtures/api_list.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\echo '-- vendor-microsoft: enrollments'
\set fn list_enrollments
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- vendor-microsoft: certificates'
\set fn list_certificates
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- vendor-microsoft: programs (statistics for vendors and operations only)'
\set fn list_programs
\set body '{"select": "-*,+id,+status,+statistics"}'
\i test/fixtures/api_list.sql
\set who vendor-adobe
\i test/fixtures/api_as.sql
\echo '-- vendor-adobe: enrollments'
\set fn list_enrollments
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- vendor-adobe: certificates'
\set fn list_certificates
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- vendor-adobe: programs (statistics for vendors and operations only)'
\set fn list_programs
\set body '{"select": "-*,+id,+status,+statistics"}'
\i test/fixtures/api_list.sql
\set who operations
\i test/fixtures/api_as.sql
\echo '-- operations: enrollments'
\set fn list_enrollments
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- operations: certificates'
\set fn list_certificates
\set body '{"select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- operations: programs (statistics for vendors and operations only)'
\set fn list_programs
\set body '{"select": "-*,+id,+status,+statistics"}'
\i test/fixtures/api_list.sql
\echo '-- operations: -* lists statistics among the omitted'
\set fn list_programs
\set body '{"select": "-*,+id"}'
\i test/fixtures/api_list.sql
\set who client-stark
\i test/fixtures/api_as.sql
\echo '-- a client: statistics is suppressed, so it is not listed as omitted either'
\set fn list_programs
\set body '{"select": "-*,+id"}'
\i test/fixtures/api_list.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\echo '-- another vendor program: nothing, total 0'
\set fn list_enrollments
\set body '{"rql": "eq(program.id,PRG-2000-0001)"}'
\i test/fixtures/api_list.sql
\echo '-- counting cannot reveal other rows either'
\set fn list_enrollments
\set body '{"rql": "eq(vendor.id,ACC-1000-0002)", "limit": 0}'
\i test/fixtures/api_list.sql
\set who client-stark
\i test/fixtures/api_as.sql
\echo '-- a client filtering for another client buyer: 0'
\set fn list_enrollments
\set body '{"rql": "eq(buyer.id,BUY-2000-0002)", "limit": 0}'
\i test/fixtures/api_list.sql
\set show none
\echo '-- hidden parameters stay hidden for clients'
\set fn list_enrollments
\set body '{"rql": "eq(id,ENR-1000-0001-0001)", "select": "-*,+parameters"}'
\i test/fixtures/api_rpc.sql
\unset show
SELECT jsonb_pretty(:'rpc_body'::jsonb -> 'data');
\echo '-- certificates and programs: fields of their own'
\set who operations
\i test/fixtures/api_as.sql
\echo '-- a date'
\set fn list_certificates
\set body '{"rql": "le(expirationDate,2025-08-01)", "select": "-*,+id,+status,+expirationDate"}'
\i test/fixtures/api_list.sql
\echo '-- an impossible date'
\set fn list_certificates
\set body '{"rql": "eq(expirationDate,2025-02-30)"}'
\i test/fixtures/api_list.sql
\echo '-- nested text and ids'
\set fn list_certificates
\set body '{"rql": "eq(externalIds.vendor,MS-42)&eq(client.id,ACC-2000-0002)", "select": "-*,+id"}'
\i test/fixtures/api_list.sql
\echo '-- in and order'
\set fn list_certificates
\set body '{"rql": "in(status,(Active,Pending))", "order": "-status,-id", "select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- select on certificates'
\set fn list_certificates
\set body '{"rql": "eq(id,CER-1000-0001-0002)", "select": "+audit,-parameters"}'
\i test/fixtures/api_list.sql
\echo '-- booleans on programs'
\set fn list_programs
\set body '{"rql": "and(eq(eligibility.partner,true),eq(status,Published))", "select": "-*,+id,+name"}'
\i test/fixtures/api_list.sql
\echo '-- order by an audit timestamp'
\set fn list_programs
\set body '{"rql": "ne(status,Draft)", "order": "-audit.published.at", "select": "-*,+id,+status"}'
\i test/fixtures/api_list.sql
\echo '-- a field of another resource (400)'
\set fn list_programs
\set body '{"rql": "eq(client.id,ACC-2000-0001)"}'
\i test/fixtures/api_list.sql
\echo '-- the lists of a program or an enrollment'
\set who client-stark
\i test/fixtures/api_as.sql
\echo '-- templates of a published program'
\set fn list_templates
\set body '{"programId": "PRG-1000-0001", "select": "-*,+id,+type"}'
\i test/fixtures/api_list.sql
\echo '-- filtered'
\set fn list_templates
\set body '{"programId": "PRG-1000-0001", "rql": "eq(type,EnrollmentQuerying)", "select": "-*,+id,+type"}'
\i test/fixtures/api_list.sql
\echo '-- a Draft program the client cannot see (404)'
\set fn list_templates
\set body '{"programId": "PRG-1000-0002"}'
\i test/fixtures/api_list.sql
\echo '-- no programId (400)'
\set fn list_templates
\set body '{"rql": "eq(type,EnrollmentQuerying)"}'
\i test/fixtures/api_list.sql
\echo '-- parameters: no hidden one for a client'
\set fn list_parameters
\set body '{"programId": "PRG-1000-0001", "select": "-*,+id,+name"}'
\i test/fixtures/api_list.sql
\echo '-- parameter groups'
\set fn list_parameter_groups
\set body '{"programId": "PRG-1000-0001", "select": "-*,+id,+name"}'
\i test/fixtures/api_list.sql
\echo '-- attachments of the client enrollment'
\set fn list_enrollment_attachments
\set body '{"enrollmentId": "ENR-1000-0001-0001"}'
\i test/fixtures/api_list.sql
\set who client-wayne
\i test/fixtures/api_as.sql
\echo '-- another client enrollment (404)'
\set fn list_enrollment_attachments
\set body '{"enrollmentId": "ENR-1000-0001-0001"}'
\i test/fixtures/api_list.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\echo '-- the vendor sees its hidden parameter'
\set fn list_parameters
\set body '{"programId": "PRG-1000-0001", "rql": "eq(constraints.hidden,true)", "select": "-*,+id,+name"}'
\i test/fixtures/api_list.sql
\echo '-- another vendor program is not visible to a vendor, published or not (404)'
\set fn list_parameters
\set body '{"programId": "PRG-2000-0001", "select": "-*,+id"}'
\i test/fixtures/api_list.sql
\echo '-- single objects: everything by default, $meta.omitted only when select removed something'
\set who client-stark
\i test/fixtures/api_as.sql
\set show id,name,status,$meta
\echo '-- the client enrollment (no $meta)'
\set fn get_enrollment
\set body '{"id": "ENR-1000-0001-0001"}'
\i test/fixtures/api_rpc.sql
\echo '-- with a select'
\set fn get_enrollment
\set body '{"id": "ENR-1000-0001-0001", "select": "-*,+id,+status"}'
\i test/fixtures/api_rpc.sql
\unset show
\echo '-- the whole answer with a select'
\set fn get_enrollment
\set body '{"id": "ENR-1000-0001-0001", "select": "-parameters,-audit,-program,-vendor,-certificate,-buyer,-eligibility,-template,-assignee,-error,-statusNotes,-notes"}'
\i test/fixtures/api_rpc.sql
\echo '-- another client enrollment (404)'
\set fn get_enrollment
\set body '{"id": "ENR-1000-0001-0002"}'
\i test/fixtures/api_rpc.sql
\echo '-- a well-formed id of no enrollment (404)'
\set fn get_enrollment
\set body '{"id": "ENR-1000-0001"}'
\i test/fixtures/api_rpc.sql
\echo '-- a malformed id (400)'
\set fn get_enrollment
\set body '{"id": "ENR-1000"}'
\i test/fixtures/api_rpc.sql
\echo '-- an unknown select field (400)'
\set fn get_enrollment
\set body '{"id": "ENR-1000-0001-0001", "select": "+nosuch"}'
\i test/fixtures/api_rpc.sql
\echo '-- no id (400)'
\set fn get_enrollment
\set body '{"select": "-*"}'
\i test/fixtures/api_rpc.sql
\set show id,status,expirationDate,statistics,$meta
\echo '-- a certificate'
\set fn get_certificate
\set body '{"id": "CER-2000-0001-0001", "select": "-*,+id,+status,+expirationDate"}'
\i test/fixtures/api_rpc.sql
\echo '-- another client certificate (404)'
\set fn get_certificate
\set body '{"id": "CER-1000-0001-0002"}'
\i test/fixtures/api_rpc.sql
\echo '-- a program: no statistics for a client'
\set fn get_program
\set body '{"id": "PRG-1000-0001", "select": "-*,+id,+status,+statistics"}'
\i test/fixtures/api_rpc.sql
\echo '-- nor in a single read'
\set fn get_program
\set body '{"id": "PRG-1000-0001", "select": "-*,+id"}'
\i test/fixtures/api_rpc.sql
\echo '-- a Draft program (404 for a client)'
\set fn get_program
\set body '{"id": "PRG-1000-0002"}'
\i test/fixtures/api_rpc.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\echo '-- its own Draft program, with statistics'
\set fn get_program
\set body '{"id": "PRG-1000-0002", "select": "-*,+id,+status,+statistics"}'
\i test/fixtures/api_rpc.sql
\echo '-- for a vendor statistics is omitted like any field'
\set fn get_program
\set body '{"id": "PRG-1000-0002", "select": "-*,+id,+status"}'
\i test/fixtures/api_rpc.sql
\set who anonymous
\i test/fixtures/api_as.sql
\echo '-- anonymous (401)'
\set fn get_program
\set body '{"id": "PRG-1000-0001"}'
\i test/fixtures/api_rpc.sql
\unset show
\echo '-- GET /rpc: rql travels as an argument; select, order, limit, offset are PostgREST reserved names'
\set who client-stark
\i test/fixtures/api_as.sql
\set fn list_enrollments
\set args '{"rql": "eq(status,Completed)"}'
\i test/fixtures/api_list_get.sql
\set fn list_enrollments
\set args '{"rql": "eq(status,Completed"}'
\i test/fixtures/api_list_get.sql
\set fn list_enrollments
\set args '{"rql": "eq(status,Completed)", "limit": "1"}'
\i test/fixtures/api_list_get.sql
\set fn list_enrollments
\set args '{"rql": "eq(status,Completed)", "select": "-*,+id"}'
\i test/fixtures/api_list_get.sql
\set fn list_templates
\set args '{"programId": "PRG-1000-0001", "rql": "eq(type,EnrollmentCompleted)"}'
\i test/fixtures/api_list_get.sql
\set fn list_templates
\set args '{"programId": "PRG-1000-0001", "filter": "x"}'
\i test/fixtures/api_list_get.sql
\echo '-- nothing was dropped or changed by the injection attempts'
\c - :su
\pset tuples_only on
SELECT count(*) AS enrollments, (SELECT count(*) FROM enrollment.programs) AS programs FROM enrollment.enrollments;

