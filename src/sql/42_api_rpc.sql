-- Write side of the API: one function per action endpoint, named
-- <action>_<object>, whose NAMED parameters are the REST body's fields (plus the
-- path ids: id, "programId"), returning the object as the matching view shows
-- it: the view's row type (program.enrollments, ...), so that a client selects
-- fields of the answer (PostgREST ?select=id,status; a GraphQL payload typed
-- Enrollment) and the answer of an action is the same document as a GET of the
-- object, null fields included.  PostgREST publishes them as POST /rpc/<name>;
-- VOLATILE ones run READ WRITE, STABLE ones READ ONLY.
--
-- Every body field has a DEFAULT, so that a missing required field is answered
-- by the function with 22023 (HTTP 400) instead of PostgREST's PGRST202 (404)
-- "function not found"; only the path id of an existing object is mandatory.
--
-- Order of checks, the same in every function:
--   1. a caller is identified (42501: HTTP 401 anonymous, 403 otherwise);
--   2. the object exists and is visible to the caller (PT404), so that a
--      foreign object is indistinguishable from a missing one;
--   3. the caller's account type may do the action (42501, HTTP 403), as
--      enrollment.api_actors answers from the engine's transitions (README
--      "Who may act");
--   4. the body's shape (22023/22P02, HTTP 400);
--   5. the engine (enrollment.enrollment_complete(), ...) checks the state
--      machine (PT409) and the business rules (PT400).
-- The functions are SECURITY DEFINER (the tables are behind row level security
-- and have no write grants), with a pinned search_path and every name qualified.

CREATE FUNCTION enrollment.api_require_type(allowed text[], action text) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t text := enrollment.api_require_caller();
BEGIN
    -- coalesce: a NULL allowed (enrollment.api_actors is STRICT) lets nobody through
    IF NOT coalesce(t OPERATOR(pg_catalog.=) ANY (allowed), false) THEN
        RAISE EXCEPTION 'permission denied to %', action
            USING ERRCODE = enrollment.errcode('forbidden'),
                  DETAIL = pg_catalog.format('Only %s accounts may do this; the caller''s account type is %s.',
                                             pg_catalog.array_to_string(allowed, ' or '), t);
    END IF;
    RETURN t;
END $$;
COMMENT ON FUNCTION enrollment.api_require_type(text[], text) IS
'raises 42501 (HTTP 401/403) unless the caller''s account type is one of allowed; returns the type';

CREATE FUNCTION enrollment.api_find(kind text, id text, program_id text DEFAULT NULL) RETURNS enrollment.mpt_id
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
    p enrollment.mpt_id;
    r enrollment.mpt_id;
    found boolean := false;
    prefix text := CASE kind WHEN 'program' THEN 'PRG' WHEN 'enrollment' THEN 'ENR' WHEN 'certificate' THEN 'CER'
                             WHEN 'parameter' THEN 'PPM' WHEN 'template' THEN 'PTM'
                             WHEN 'parameter group' THEN 'PPG' END;
BEGIN
    IF id IS NULL THEN
        RAISE EXCEPTION '% id is required', kind
            USING ERRCODE = enrollment.errcode('bad_value'), DETAIL = pg_catalog.format('The request names no %s.', kind);
    END IF;
    v := id::enrollment.mpt_id;
    IF program_id IS NOT NULL THEN
        p := program_id::enrollment.mpt_id;
    END IF;
    -- One statement per kind, run alone: Citus plans every subquery of a CASE
    -- ahead of it, so one CASE over the kinds sent all of them to every shard
    -- (160 remote commands).  An enrollment or certificate is found by its
    -- program when it has a route (src/object_route.c): one shard.
    IF enrollment.mpt_id_prefix(v) OPERATOR(pg_catalog.=) prefix THEN
        IF kind OPERATOR(pg_catalog.=) 'program' THEN
            found := EXISTS (
                SELECT 1 FROM enrollment.programs x
                 WHERE x.id OPERATOR(pg_catalog.=) v AND x.status OPERATOR(pg_catalog.<>) 'Deleted'
                   AND enrollment.api_sees_program_row(x.id, x.vendor_id, x.status));
        ELSIF kind OPERATOR(pg_catalog.=) 'enrollment' THEN
            r := enrollment.object_program(v);
            IF r IS NOT NULL THEN
                found := EXISTS (
                    SELECT 1 FROM enrollment.enrollments x
                     WHERE x.program_id OPERATOR(pg_catalog.=) r AND x.id OPERATOR(pg_catalog.=) v
                       AND x.status OPERATOR(pg_catalog.<>) 'Deleted'
                       AND enrollment.api_sees_client_object(x.program_id, x.client_id));
            ELSE
                found := EXISTS (
                    SELECT 1 FROM enrollment.enrollments x
                     WHERE x.id OPERATOR(pg_catalog.=) v AND x.status OPERATOR(pg_catalog.<>) 'Deleted'
                       AND enrollment.api_sees_client_object(x.program_id, x.client_id));
            END IF;
        ELSIF kind OPERATOR(pg_catalog.=) 'certificate' THEN
            r := enrollment.object_program(v);
            IF r IS NOT NULL THEN
                found := EXISTS (
                    SELECT 1 FROM enrollment.certificates x
                     WHERE x.program_id OPERATOR(pg_catalog.=) r AND x.id OPERATOR(pg_catalog.=) v
                       AND x.status OPERATOR(pg_catalog.<>) 'Deleted'
                       AND enrollment.api_sees_client_object(x.program_id, x.client_id));
            ELSE
                found := EXISTS (
                    SELECT 1 FROM enrollment.certificates x
                     WHERE x.id OPERATOR(pg_catalog.=) v AND x.status OPERATOR(pg_catalog.<>) 'Deleted'
                       AND enrollment.api_sees_client_object(x.program_id, x.client_id));
            END IF;
        ELSIF kind OPERATOR(pg_catalog.=) 'parameter' THEN
            found := EXISTS (
                SELECT 1 FROM enrollment.parameters x
                 WHERE x.id OPERATOR(pg_catalog.=) v AND x.status OPERATOR(pg_catalog.<>) 'Deleted'
                   AND (p IS NULL OR x.program_id OPERATOR(pg_catalog.=) p)
                   AND enrollment.api_sees_program(x.program_id)
                   AND (NOT x.hidden OR enrollment.api_shows_hidden()));
        ELSIF kind OPERATOR(pg_catalog.=) 'template' THEN
            found := EXISTS (
                SELECT 1 FROM enrollment.templates x
                 WHERE x.id OPERATOR(pg_catalog.=) v AND x.status OPERATOR(pg_catalog.<>) 'Deleted'
                   AND (p IS NULL OR x.program_id OPERATOR(pg_catalog.=) p)
                   AND enrollment.api_sees_program(x.program_id));
        ELSIF kind OPERATOR(pg_catalog.=) 'parameter group' THEN
            found := EXISTS (
                SELECT 1 FROM enrollment.parameter_groups x
                 WHERE x.id OPERATOR(pg_catalog.=) v
                   AND (p IS NULL OR x.program_id OPERATOR(pg_catalog.=) p)
                   AND enrollment.api_sees_program(x.program_id));
        END IF;
    END IF;
    IF NOT found THEN
        RAISE EXCEPTION '% % not found', kind, id
            USING ERRCODE = enrollment.errcode('not_found'),
                  DETAIL = pg_catalog.format('No %s with this id exists or is visible to the caller.', kind);
    END IF;
    RETURN v;
END $$;
COMMENT ON FUNCTION enrollment.api_find(text, text, text) IS
'parses the id of a program, enrollment, certificate, parameter, template or parameter group and checks the caller may see it (and that it belongs to program_id when given); 22P02 for a malformed id, PT404 (HTTP 404) for a missing, deleted or foreign one';

-- The first three checks of every wrapper that acts on an existing object, in
-- their fixed order: an identified caller (42501), the object visible to it
-- (PT404: missing and foreign look the same), then the account type allowed to
-- do this (42501, "permission denied to <action>").
CREATE FUNCTION enrollment.api_target(kind text, id text, allowed text[], action text, program_id text DEFAULT NULL)
    RETURNS enrollment.mpt_id
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    PERFORM enrollment.api_require_caller();
    v := enrollment.api_find(kind, id, program_id);
    PERFORM enrollment.api_require_type(allowed, action);
    RETURN v;
END $$;
COMMENT ON FUNCTION enrollment.api_target(text, text, text[], text, text) IS
'API helper: caller identified, object visible, account type allowed, in that order; returns the object''s id';

-- In C (src/render_object.c): one kept plan per kind over its view, instead
-- of the seven view queries a SQL function planned again on every call.
CREATE FUNCTION enrollment.api_object_json(kind text, id enrollment.mpt_id) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'render_api_object_json'
    LANGUAGE C STABLE;
COMMENT ON FUNCTION enrollment.api_object_json(text, enrollment.mpt_id) IS
'the object''s JSON as its view shows it to the caller (hidden parameters and statistics suppressed for clients), null fields omitted';

CREATE FUNCTION enrollment.api_require(field text, present boolean) RETURNS void
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT coalesce(present, false) THEN
        RAISE EXCEPTION '% is required', field
            USING ERRCODE = enrollment.errcode('bad_value'), COLUMN = field, DETAIL = pg_catalog.format('The request body has no %s.', field);
    END IF;
END $$;
COMMENT ON FUNCTION enrollment.api_require(text, boolean) IS 'raises 22023 (HTTP 400) "<field> is required" unless present';

CREATE FUNCTION enrollment.api_message(field text, msg jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'enrollment_api_message' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_message(text, jsonb) IS
'a ParametrisedMessage body field {id?, message, parameters?} checked by the engine''s parser (src/message.c), errors naming the field (22023; 22001 for a message over 4000 characters); NULL for absent or JSON null';

CREATE FUNCTION enrollment.api_object_field(field text, value jsonb, keys text[]) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF value IS NULL OR pg_catalog.jsonb_typeof(value) OPERATOR(pg_catalog.=) 'null' THEN
        RETURN NULL;
    END IF;
    IF pg_catalog.jsonb_typeof(value) OPERATOR(pg_catalog.<>) 'object'
       OR EXISTS (SELECT 1 FROM pg_catalog.jsonb_object_keys(value) k WHERE NOT k OPERATOR(pg_catalog.=) ANY (keys)) THEN
        RAISE EXCEPTION 'invalid %', field
            USING ERRCODE = enrollment.errcode('bad_value'), COLUMN = field,
                  DETAIL = pg_catalog.format('The field %s must be an object with no keys but %s.', field,
                                             pg_catalog.array_to_string(keys, ', '));
    END IF;
    RETURN value;
END $$;
COMMENT ON FUNCTION enrollment.api_object_field(text, jsonb, text[]) IS
'checks that a body field is an object using only the given keys; 22023 (HTTP 400) otherwise';

CREATE FUNCTION enrollment.api_typed(field text, value jsonb, json_type text) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF value IS NULL OR pg_catalog.jsonb_typeof(value) OPERATOR(pg_catalog.=) 'null' THEN
        RETURN NULL;
    END IF;
    IF pg_catalog.jsonb_typeof(value) OPERATOR(pg_catalog.<>) json_type THEN
        RAISE EXCEPTION 'invalid %', field
            USING ERRCODE = enrollment.errcode('bad_value'), COLUMN = field, DETAIL = pg_catalog.format('The field %s must be a JSON %s.', field, json_type);
    END IF;
    RETURN value;
END $$;
COMMENT ON FUNCTION enrollment.api_typed(text, jsonb, text) IS
'checks the JSON type of a nested body field; 22023 (HTTP 400) otherwise';
