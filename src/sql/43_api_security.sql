-- Roles and row level security for the API.
--
-- Role names are cluster-wide and chosen by the deployer, and CREATE POLICY in
-- an extension script breaks dump/restore (the policies would be dumped and then
-- created twice), so nothing here names a role.  After CREATE EXTENSION the
-- deployer runs, as the extension's owner:
--
--     SELECT enrollment.setup_api('web_user', 'web_anon');
--
-- which grants the two PostgREST roles what they need and creates the read
-- policies; it can be rerun at any time (after an upgrade, say) with the same
-- result.  Policies and grants made by it are ordinary objects that pg_dump
-- saves and restores.
--
-- What each role gets:
--   authenticated: USAGE on schemas program and enrollment; SELECT on the views
--     and, because the views are security_invoker, on the tables beneath them
--     (row level security decides which rows); EXECUTE on the RPC functions and
--     on the read-side helpers the views and policies call.  No INSERT, UPDATE or
--     DELETE anywhere: every write goes through a SECURITY DEFINER RPC function.
--   anonymous: the same SELECT grants but no policy, so every view reads empty,
--     and no RPC function, so every action answers 42501 (HTTP 401).

-- The roles setup_api was run for, kept as data so that a restore brings the
-- API back: pg_dump dumps an extension's config tables but (PostgreSQL 15)
-- not the policies on its member tables, so the row a restore copies in here
-- fires api_setup_restored(), which runs setup_api again.
CREATE TABLE enrollment.api_setup (
    authenticated   name PRIMARY KEY,
    anonymous       name,
    set_up_at       timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE enrollment.api_setup IS
'roles enrollment.setup_api() granted the API to; a restore of this table re-runs setup_api for each row (policies are not in pg_dump''s output)';
SELECT pg_catalog.pg_extension_config_dump('enrollment.api_setup', '');
ALTER TABLE enrollment.api_setup ENABLE ROW LEVEL SECURITY;

-- A grant on the engine's functions, made here and, on a Citus coordinator,
-- on every worker: Citus propagates the grants on schemas, on distributed
-- tables and on the API's ordinary objects, not those on extension member
-- functions (the enrollment.* helpers the views and policies call on the
-- workers); a worker refuses a grant on a schema.  The statement is
-- one setup_api builds from fixed text and quoted role names.
CREATE FUNCTION enrollment.api_grant_everywhere(stmt text) RETURNS void
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    w record;
BEGIN
    EXECUTE stmt;
    IF pg_catalog.to_regproc('pg_catalog.run_command_on_workers') IS NULL THEN
        RETURN;
    END IF;
    FOR w IN EXECUTE 'SELECT r.nodename, r.nodeport, r.result FROM pg_catalog.run_command_on_workers($1) r WHERE NOT r.success'
             USING stmt
    LOOP
        RAISE EXCEPTION 'could not grant on worker %:%', w.nodename, w.nodeport
            USING ERRCODE = enrollment.errcode('not_supported'), DETAIL = w.result;
    END LOOP;
END $$;
COMMENT ON FUNCTION enrollment.api_grant_everywhere(text) IS
'setup_api''s grants on extension members: run here and, under Citus, on every worker (Citus does not propagate them)';

CREATE FUNCTION enrollment.setup_api(authenticated regrole, anonymous regrole DEFAULT NULL) RETURNS void
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    readers text;
    pol record;
    f record;
BEGIN
    IF authenticated IS NULL THEN
        RAISE EXCEPTION 'authenticated role is required'
            USING ERRCODE = enrollment.errcode('bad_value'), DETAIL = 'Name the role PostgREST switches to for requests with a valid token.';
    END IF;
    IF anonymous OPERATOR(pg_catalog.=) authenticated THEN
        RAISE EXCEPTION 'anonymous and authenticated roles must differ'
            USING ERRCODE = enrollment.errcode('bad_value'), DETAIL = 'The anonymous role gets no policy and no action, so it cannot be the authenticated role.';
    END IF;
    readers := pg_catalog.concat_ws(', ', authenticated::text, anonymous::text);
    PERFORM enrollment.create_api();

    EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA program, enrollment TO %s', readers);
    EXECUTE pg_catalog.format('GRANT SELECT ON program.programs, program.templates, program.parameter_groups, '
                              'program.parameters, program.enrollments, program.certificates, '
                              'program.enrollment_attachments, program.enums TO %s', readers);
    EXECUTE pg_catalog.format('GRANT SELECT ON enrollment.accounts, enrollment.users, enrollment.buyers, '
                              'enrollment.licensees, enrollment.products, enrollment.programs, '
                              'enrollment.program_products, enrollment.parameter_groups, enrollment.parameters, '
                              'enrollment.templates, enrollment.certificates, enrollment.enrollments, '
                              'enrollment.enrollment_parameters, enrollment.certificate_parameters TO %s', readers);
    -- attachments: the metadata only; the content is never read through the API
    EXECUTE pg_catalog.format('REVOKE SELECT ON enrollment.enrollment_attachments FROM %s', readers);
    EXECUTE pg_catalog.format('GRANT SELECT (program_id, enrollment_id, id, name, description, type, filename, '
                              'content_type, size, created_at, created_by, updated_at, updated_by) '
                              'ON enrollment.enrollment_attachments TO %s', readers);

    -- read-side helpers (views and policies call them as the caller)
    FOR f IN SELECT p.oid::regprocedure AS sig FROM pg_catalog.pg_proc p
              WHERE p.pronamespace OPERATOR(pg_catalog.=) 'enrollment'::regnamespace
                AND p.proname OPERATOR(pg_catalog.=) ANY ('{api_caller_type,api_shows_hidden,api_sees_program_row,
                    api_sees_program,api_sees_client_object,api_sees_enrollment,api_sees_certificate,api_sees_account,
                    api_sees_user,api_sees_certificant,api_user_ref,
                    api_object_program_ids,api_object_client_floor,api_object_client_ceiling,api_visible_program_ids,
                    api_ts,api_event,api_enrollment_audit,api_certificate_audit,
                    api_account_ref,api_display_scalar,api_display_value,api_parameter_instance,api_program_products,
                    api_program_ref,api_template_ref,render_parameters}'::text[])
    LOOP
        PERFORM enrollment.api_grant_everywhere(pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO %s', f.sig, readers));
    END LOOP;
    -- the list endpoints (src/sql/48_api_lists.sql) run as the caller, so that
    -- row level security applies: they need these helpers themselves
    PERFORM enrollment.api_grant_everywhere(pg_catalog.format(
        'GRANT EXECUTE ON FUNCTION enrollment.api_require_caller(), '
        'enrollment.api_find(text, text, text), '
        'enrollment.api_list(text, text, text, text, integer, integer, text, text, text), '
        'enrollment.rql_list(text, text, text, text, integer, integer, text, text) TO %s',
        authenticated::text));
    -- PostgREST's db-pre-request on Citus (README "Growing past one machine"):
    -- the claims of every request reach the workers
    PERFORM enrollment.api_grant_everywhere(pg_catalog.format('GRANT EXECUTE ON FUNCTION enrollment.forward_claims() TO %s', readers));
    -- computed relationships (SETOF a view) to both; RPC functions to authenticated only
    FOR f IN SELECT p.oid::regprocedure AS sig, p.proretset FROM pg_catalog.pg_proc p
              WHERE p.pronamespace OPERATOR(pg_catalog.=) 'program'::regnamespace
    LOOP
        EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %s TO %s', f.sig,
                                  CASE WHEN f.proretset THEN readers ELSE authenticated::text END);
    END LOOP;

    -- read policies: no subqueries (Citus), only calls of the STABLE helpers
    FOR pol IN SELECT * FROM (VALUES
        ('accounts', 'enrollment.api_sees_account(id)'),
        ('users', 'enrollment.api_sees_user(account_id)'),
        ('buyers', 'enrollment.api_sees_certificant(account_id, id)'),
        ('licensees', 'enrollment.api_sees_certificant(account_id, id)'),
        -- an operator, not IS NOT NULL: Citus cannot propagate a policy holding a NullTest
        ('products', 'enrollment.api_caller_type() OPERATOR(pg_catalog.<>) '''''),
        ('programs', 'enrollment.api_sees_program_row(id, vendor_id, status)'),
        -- index conditions too (40_api_visibility.sql)
        ('program_products', 'program_id OPERATOR(pg_catalog.=) ANY (enrollment.api_visible_program_ids())'),
        ('parameter_groups', 'program_id OPERATOR(pg_catalog.=) ANY (enrollment.api_visible_program_ids())'),
        ('templates', 'program_id OPERATOR(pg_catalog.=) ANY (enrollment.api_visible_program_ids())'),
        ('parameters', 'program_id OPERATOR(pg_catalog.=) ANY (enrollment.api_visible_program_ids()) '
                       'AND (NOT hidden OR enrollment.api_shows_hidden())'),
        -- index conditions, each a constant for the statement (40_api_visibility.sql,
        -- README "API": row security and indexes)
        ('certificates', 'program_id OPERATOR(pg_catalog.=) ANY (enrollment.api_object_program_ids()) '
                         'AND client_id OPERATOR(enrollment.#>=) enrollment.api_object_client_floor() '
                         'AND client_id OPERATOR(enrollment.#<=) enrollment.api_object_client_ceiling()'),
        ('enrollments', 'program_id OPERATOR(pg_catalog.=) ANY (enrollment.api_object_program_ids()) '
                        'AND client_id OPERATOR(enrollment.#>=) enrollment.api_object_client_floor() '
                        'AND client_id OPERATOR(enrollment.#<=) enrollment.api_object_client_ceiling()'),
        ('enrollment_parameters', 'enrollment.api_sees_enrollment(program_id, enrollment_id) AND (NOT hidden OR enrollment.api_shows_hidden())'),
        ('certificate_parameters', 'enrollment.api_sees_certificate(program_id, certificate_id) AND (NOT hidden OR enrollment.api_shows_hidden())'),
        ('enrollment_attachments', 'enrollment.api_sees_enrollment(program_id, enrollment_id)')) AS v(tbl, expr)
    LOOP
        EXECUTE pg_catalog.format('DROP POLICY IF EXISTS api_read ON enrollment.%I', pol.tbl);
        EXECUTE pg_catalog.format('CREATE POLICY api_read ON enrollment.%I AS PERMISSIVE FOR SELECT TO %s USING (%s)',
                                  pol.tbl, authenticated::text, pol.expr);
        EXECUTE pg_catalog.format('COMMENT ON POLICY api_read ON enrollment.%I IS %L', pol.tbl,
                                  'API read access (enrollment.setup_api): ' OPERATOR(pg_catalog.||) pol.expr);
    END LOOP;

    -- remembered for a restore; the flag tells the insert trigger the work is done
    PERFORM pg_catalog.set_config('enrollment.setup_api_running', 'on', true);
    INSERT INTO enrollment.api_setup AS s (authenticated, anonymous)
        VALUES (authenticated::text, anonymous::text)
        ON CONFLICT ON CONSTRAINT api_setup_pkey DO UPDATE
           SET anonymous = EXCLUDED.anonymous, set_up_at = pg_catalog.now();
    PERFORM pg_catalog.set_config('enrollment.setup_api_running', '', true);
END $$;
COMMENT ON FUNCTION enrollment.setup_api(regrole, regrole) IS
'run after CREATE EXTENSION by the extension owner: grants the API to the PostgREST roles (authenticated: views and actions; anonymous: views that read empty) and creates the read policies; idempotent';

CREATE FUNCTION enrollment.api_setup_restored() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF pg_catalog.current_setting('enrollment.setup_api_running', true) IS DISTINCT FROM 'on' THEN
        PERFORM enrollment.setup_api(NEW.authenticated::text::regrole, NEW.anonymous::text::regrole);
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION enrollment.api_setup_restored() IS
'trigger: a row of enrollment.api_setup that arrives as data (pg_restore, psql of a dump) re-runs enrollment.setup_api for its roles, which must exist';
CREATE TRIGGER api_setup_restored AFTER INSERT ON enrollment.api_setup
    FOR EACH ROW EXECUTE FUNCTION enrollment.api_setup_restored();

-- Nothing of the API is granted to PUBLIC: setup_api grants it to the chosen roles.
DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
              WHERE p.pronamespace OPERATOR(pg_catalog.=) 'enrollment'::regnamespace
                AND (p.proname OPERATOR(pg_catalog.~~) 'api\_%' OR p.proname OPERATOR(pg_catalog.=) ANY ('{setup_api,create_api}'::text[]))
    LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    END LOOP;
END $$;
