-- List endpoints with the marketplace's envelope and RQL, and single-object
-- reads with select= (README "Lists and RQL").
--
-- program.list_<resource>(rql, "select", "order", "limit", "offset") answers
--     {"$meta": {"pagination": {"offset", "limit", "total"}, "omitted": [...]}, "data": [...]}
-- It is SECURITY INVOKER: the views are security_invoker and the tables' row
-- level security policies decide what the caller sees, so data and total are
-- exactly the caller's rows; enrollment.rql_list (C, src/rql_query.c) parses
-- the parameters against a fixed whitelist and binds every value.  The
-- children of a program or an enrollment take its id first ("programId",
-- "enrollmentId") and answer PT404 when the caller cannot see it.
--
-- program.get_<object>(id, "select") answers the object as the RPC functions
-- do (SECURITY DEFINER, api_find: PT404 for an id the caller cannot see) with
-- the columns select= removes left out and listed in $meta.omitted; with
-- nothing omitted there is no $meta (null suppression).
--
-- PostgREST reserves select, order, limit and offset in a query string
-- (they shape its own result), so through PostgREST these functions take
-- their parameters in a POST body (STABLE: it runs READ ONLY); a GET can
-- carry rql (and the scope id) only.

CREATE FUNCTION enrollment.rql_list(resource text, filter text, "select" text, "order" text,
                                    "limit" integer, "offset" integer,
                                    scope_field text DEFAULT NULL, scope_id text DEFAULT NULL) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'rql_list' LANGUAGE C STABLE SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.rql_list(text, text, text, text, integer, integer, text, text) IS
'one page of a list endpoint as the caller sees it: {$meta: {pagination: {offset, limit, total}, omitted}, data}; filter is RQL, select +f/-f/-*, order +f/-f, limit capped at 100 (default 10); scope_field = scope_id restricts to one parent; 22023 for bad RQL (the query parameter in the error''s column field), 22P02 for a malformed id';

CREATE FUNCTION enrollment.rql_omitted(resource text, "select" text, list boolean, shows_hidden boolean) RETURNS text[]
    AS 'MODULE_PATHNAME', 'rql_omitted' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.rql_omitted(text, text, boolean, boolean) IS
'the top-level fields of a resource that a select= leaves out, starting from the list defaults (list) or from every field, without the fields suppressed for clients unless shows_hidden; 22023 for an unknown field';

CREATE FUNCTION enrollment.rql_columns(resource text) RETURNS text[]
    AS 'MODULE_PATHNAME', 'rql_columns' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.rql_columns(text) IS
'the top-level fields the RQL whitelist knows for a resource (must equal the view''s columns; sql/api_lists.sql checks it)';

-- The body every list endpoint shares: an identified caller (42501), the
-- parent visible when there is one (PT404), then the page.  SECURITY INVOKER
-- like the endpoints, so the views' row level security applies.
CREATE FUNCTION enrollment.api_list(resource text, rql text, "select" text, "order" text, "limit" integer,
                                    "offset" integer, parent_kind text DEFAULT NULL, parent_field text DEFAULT NULL,
                                    parent_id text DEFAULT NULL) RETURNS jsonb
    LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM enrollment.api_require_caller();
    IF parent_kind IS NOT NULL THEN
        PERFORM enrollment.api_find(parent_kind, parent_id);
    END IF;
    RETURN enrollment.rql_list(resource, rql, "select", "order", "limit", "offset", parent_field, parent_id);
END $$;
COMMENT ON FUNCTION enrollment.api_list(text, text, text, text, integer, integer, text, text, text) IS
'API helper of the list endpoints, run as the caller: caller identified (42501), parent of kind parent_kind visible (PT404), then enrollment.rql_list restricted to parent_field = parent_id';

-- The body every single-object read shares (SECURITY DEFINER like the RPC
-- functions: api_find checks visibility, the view renders for the caller).
CREATE FUNCTION enrollment.api_get(kind text, resource text, id text, "select" text) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
    omitted text[];
BEGIN
    PERFORM enrollment.api_require_caller();
    v := enrollment.api_find(kind, id);
    omitted := enrollment.rql_omitted(resource, "select", false, enrollment.api_shows_hidden());
    IF pg_catalog.cardinality(omitted) OPERATOR(pg_catalog.=) 0 THEN
        RETURN enrollment.api_object_json(kind, v);
    END IF;
    RETURN (enrollment.api_object_json(kind, v) OPERATOR(pg_catalog.-) omitted)
           OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('$meta',
               pg_catalog.jsonb_build_object('omitted', pg_catalog.to_jsonb(omitted)));
END $$;
COMMENT ON FUNCTION enrollment.api_get(text, text, text, text) IS
'API helper of the single-object reads: caller identified (42501), object visible (PT404; 22P02 for a malformed id), its JSON without the fields select removes, those listed in $meta.omitted';

-- nothing here for PUBLIC (the REVOKE loop of 43_api_security.sql ran before this part;
-- src/sql/api/99_privileges.sql does the same for schema program)
DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_catalog.pg_proc p
              WHERE p.pronamespace OPERATOR(pg_catalog.=) 'enrollment'::regnamespace
                AND p.proname OPERATOR(pg_catalog.=) ANY ('{rql_list,rql_omitted,rql_columns,api_list,api_get}'::text[])
    LOOP
        EXECUTE pg_catalog.format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    END LOOP;
END $$;
