-- The API schema as ordinary objects, not extension members.
--
-- Schema program (views, action functions, computed relationships: the parts
-- src/sql/api/NN_*.sql) is not created by CREATE EXTENSION.  The build embeds
-- those parts in enrollment.api_script() and enrollment.create_api() runs them
-- (enrollment.setup_api() calls it first), because objects an extension
-- script creates become extension members, and members are what API servers
-- that introspect the catalog leave out (PostGraphile publishes nothing of
-- them), what pg_dump saves without their grants, and what Citus does not
-- propagate.  Made by a function, the views and functions are like any
-- schema's: pg_dump saves and restores them with their grants and comments.
-- README "API": how the API is installed.
--
-- Versioned: the schema's comment ends with the extension version and the
-- script's md5; create_api leaves a current schema alone (so rerunning it, or
-- a restore that brings the schema back, changes nothing) and replaces an
-- older one, refusing (2BP01) when objects outside the schema use it.

CREATE FUNCTION enrollment.api_script_marker() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    AS $$ SELECT ' [enrollment ' OPERATOR(pg_catalog.||) e.extversion OPERATOR(pg_catalog.||) ', api '
                 OPERATOR(pg_catalog.||) pg_catalog.md5(enrollment.api_script()) OPERATOR(pg_catalog.||) ']'
            FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'enrollment' $$;
COMMENT ON FUNCTION enrollment.api_script_marker() IS
'the suffix enrollment.create_api() gives the comment of schema program: extension version and md5 of enrollment.api_script(); a schema whose comment ends otherwise is from another version';

-- client_min_messages: the cascade's list of the replaced schema's 70 objects is no news
CREATE FUNCTION enrollment.create_api() RETURNS text
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp SET client_min_messages = warning AS $$
DECLARE
    marker text := enrollment.api_script_marker();
    comment text;
    users text;
BEGIN
    IF pg_catalog.to_regnamespace('program') IS NOT NULL THEN
        comment := pg_catalog.obj_description(pg_catalog.to_regnamespace('program'), 'pg_namespace');
        IF pg_catalog.right(comment, pg_catalog.length(marker)) OPERATOR(pg_catalog.=) marker THEN
            RETURN 'current';
        END IF;
        -- objects outside schema program that depend on objects inside it
        WITH api(classid, objid) AS (
            SELECT 'pg_catalog.pg_class'::regclass, c.oid FROM pg_catalog.pg_class c
             WHERE c.relnamespace OPERATOR(pg_catalog.=) 'program'::regnamespace
            UNION ALL SELECT 'pg_catalog.pg_proc'::regclass, p.oid FROM pg_catalog.pg_proc p
             WHERE p.pronamespace OPERATOR(pg_catalog.=) 'program'::regnamespace
            UNION ALL SELECT 'pg_catalog.pg_type'::regclass, t.oid FROM pg_catalog.pg_type t
             WHERE t.typnamespace OPERATOR(pg_catalog.=) 'program'::regnamespace
            UNION ALL SELECT 'pg_catalog.pg_rewrite'::regclass, r.oid FROM pg_catalog.pg_rewrite r
              JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) r.ev_class
             WHERE c.relnamespace OPERATOR(pg_catalog.=) 'program'::regnamespace)
        SELECT pg_catalog.string_agg(DISTINCT pg_catalog.pg_describe_object(d.classid, d.objid, 0), ', ')
          INTO users
          FROM pg_catalog.pg_depend d
          JOIN api a ON a.classid OPERATOR(pg_catalog.=) d.refclassid AND a.objid OPERATOR(pg_catalog.=) d.refobjid
         WHERE d.deptype OPERATOR(pg_catalog.=) ANY ('{n,a}'::"char"[])
           AND NOT EXISTS (SELECT FROM api b WHERE b.classid OPERATOR(pg_catalog.=) d.classid
                                               AND b.objid OPERATOR(pg_catalog.=) d.objid);
        IF users IS NOT NULL THEN
            RAISE EXCEPTION 'cannot replace schema program: other objects depend on it'
                USING ERRCODE = enrollment.errcode('in_use'),
                      DETAIL = pg_catalog.format('Schema program is from another version of the extension; %s use it.', users),
                      HINT = 'Drop those objects, run enrollment.create_api() again, then create them again.';
        END IF;
        DROP SCHEMA program CASCADE;
    END IF;
    EXECUTE enrollment.api_script();
    comment := pg_catalog.obj_description('program'::regnamespace, 'pg_namespace');
    EXECUTE pg_catalog.format('COMMENT ON SCHEMA program IS %L', comment OPERATOR(pg_catalog.||) marker);
    RETURN 'created';
END $$;
COMMENT ON FUNCTION enrollment.create_api() IS
'creates schema program (the API views and functions) as ordinary objects from enrollment.api_script(): ''created'', or ''current'' when it is already this version''s; replaces another version''s schema unless objects outside it depend on it (2BP01); enrollment.setup_api() runs it first';
