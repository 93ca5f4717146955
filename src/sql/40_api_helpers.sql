-- The API: schema "program" (mirrors /public/v1/program/...), views and RPC
-- functions only.  This part holds what the views, the policies and the RPC
-- functions share: who the caller is, what the caller may see, and the JSON
-- building blocks.  Everything here lives in the private schema "enrollment";
-- enrollment.setup_api() (43_api_security.sql) grants it to the API roles.
--
-- Visibility rules (README "API": visibility and reference data):
--   Operations  sees everything;
--   Vendor      sees its own programs and everything hanging off them
--               (parameters, groups, templates, enrollments, certificates), the
--               client accounts of those enrollments and certificates, and the
--               buyers and licensees they name (no other certificant of those
--               accounts);
--   Client      sees Published programs (and programs it holds an enrollment or a
--               certificate of) with their templates, groups and parameters minus
--               hidden ones, its own enrollments and certificates, and its own
--               account's buyers and licensees;
--   every caller sees the vendor and operations accounts, and the users of its
--               own account only: a user of another account appears only where an
--               object the caller sees names it (audit "by", assignee), rendered
--               by api_user_ref;
--   nobody else (no account_id claim, unknown or Disabled account) sees anything.
-- These functions read with their owner's rights (SECURITY DEFINER, or C
-- through render_exec_as_owner) because the rows they consult are themselves
-- behind row level security; they answer only yes/no about the caller, never
-- another tenant's data.  Policies call them instead of holding
-- subqueries (Citus refuses subqueries in policies; README "Object model",
-- scale-out ready).

-- Who is calling --------------------------------------------------------------

-- Both are C (src/render_caller.c), the one lookup of the API's caller, which
-- the renderers and the list endpoint call too, and the one statement of who
-- sees hidden parameters (LC_ACTOR_SEES_HIDDEN, src/actor.h, beside the
-- engine's account kinds).  They read the account and the user with the
-- rights of their owner, as the SECURITY DEFINER SQL functions they replace
-- did, through fully qualified kept plans (no search_path to pin), the ids
-- bound as parameters; the claims' errors are those of claim_account_id() and
-- claim_user_id(), account_id read first.  COST 100 is what they cost as SQL
-- functions: the planner keeps placing them in plans and policies as before.
CREATE FUNCTION enrollment.api_caller_type() RETURNS text
    AS 'MODULE_PATHNAME', 'render_api_caller_type'
    LANGUAGE C STABLE COST 100 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_caller_type() IS
'type (Client, Vendor, Operations) of the caller''s account from the account_id claim, when the user_id claim names a user of that account; NULL for no or half a claim, an unknown or a Disabled account, or a user of another account';

CREATE FUNCTION enrollment.api_shows_hidden() RETURNS boolean
    AS 'MODULE_PATHNAME', 'render_api_shows_hidden'
    LANGUAGE C STABLE COST 100 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_shows_hidden() IS
'true when the caller may see hidden parameters and program statistics (vendors and operations, not clients)';

CREATE FUNCTION enrollment.api_require_caller() RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t text := enrollment.api_caller_type();
BEGIN
    IF t IS NULL THEN
        RAISE EXCEPTION 'authentication required'
            USING ERRCODE = enrollment.errcode('forbidden'),
                  DETAIL = 'The request carries no account_id claim of an enabled account, or no user_id claim of a user of that account.',
                  HINT = 'Send a token whose claims name the caller''s account_id and user_id.';
    END IF;
    RETURN t;
END $$;
COMMENT ON FUNCTION enrollment.api_require_caller() IS
'the caller''s account type; raises 42501 (HTTP 401/403) when the claims name no enabled account';

-- What the caller may see -----------------------------------------------------

-- All C (src/render_visibility.c): the policies of programs, accounts, users,
-- buyers, licensees and of the child tables of enrollments and certificates
-- call them once per row, and as SQL functions with a pinned search_path (not
-- inlinable) every call planned and ran its queries again (0.5 to 2.5 ms for
-- each parameter of a rendered enrollment).  Each rule is stated in the C, as
-- the comments below describe it, with the SQL functions' NULL answers; each
-- call runs at most one fully qualified kept plan with the ids bound, with
-- the rights of the function's owner, as SECURITY DEFINER functions read
-- (the rows consulted are behind row level security themselves; the answer
-- is yes or no about the caller), over render_caller's one lookup of the
-- caller (api_caller_type, remembered for the rest of a statement that calls
-- it per row: render_caller.c).  COST 100 is what they cost as SQL functions:
-- the plans of the policies stay as they were.

CREATE FUNCTION enrollment.api_client_holds(program_id enrollment.mpt_id, client_id enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'render_api_client_holds'
    LANGUAGE C STABLE COST 100 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_client_holds(enrollment.mpt_id, enrollment.mpt_id) IS
'true when the client account holds a (not deleted) certificate or enrollment of the program';

CREATE FUNCTION enrollment.api_sees_program_row(id enrollment.mpt_id, vendor_id enrollment.mpt_id, status text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'render_api_sees_program_row'
    LANGUAGE C STABLE COST 100 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_sees_program_row(enrollment.mpt_id, enrollment.mpt_id, text) IS
'policy helper: may the caller see a program with this id, vendor and status';

CREATE FUNCTION enrollment.api_sees_program(program_id enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'render_api_sees_program'
    LANGUAGE C STABLE COST 100 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_sees_program(enrollment.mpt_id) IS
'policy helper: may the caller see this program (and so its templates, groups and parameters)';

CREATE FUNCTION enrollment.api_sees_client_object(program_id enrollment.mpt_id, client_id enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'render_api_sees_client_object'
    LANGUAGE C STABLE COST 100 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_sees_client_object(enrollment.mpt_id, enrollment.mpt_id) IS
'policy helper: may the caller see an enrollment or certificate of this program owned by this client account';

CREATE FUNCTION enrollment.api_sees_enrollment(program_id enrollment.mpt_id, enrollment_id enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'render_api_sees_enrollment'
    LANGUAGE C STABLE COST 100 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_sees_enrollment(enrollment.mpt_id, enrollment.mpt_id) IS
'policy helper: may the caller see this enrollment (and so its parameter values and attachments); never a Deleted one';

CREATE FUNCTION enrollment.api_sees_certificate(program_id enrollment.mpt_id, certificate_id enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'render_api_sees_certificate'
    LANGUAGE C STABLE COST 100 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_sees_certificate(enrollment.mpt_id, enrollment.mpt_id) IS
'policy helper: may the caller see this certificate (and so its parameter values)';

CREATE FUNCTION enrollment.api_sees_account(account_id enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'render_api_sees_account'
    LANGUAGE C STABLE COST 100 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_sees_account(enrollment.mpt_id) IS
'policy helper: may the caller see this account: its own, any vendor or operations account, and for a vendor the client accounts enrolled in its programs (their buyers, licensees and users: api_sees_certificant, api_sees_user)';

CREATE FUNCTION enrollment.api_sees_user(account_id enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'render_api_sees_user'
    LANGUAGE C STABLE COST 100 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_sees_user(enrollment.mpt_id) IS
'policy helper: may the caller read the users of this account: operations all, everyone else only its own account''s (others appear only inside objects the caller sees, through api_user_ref)';

-- A certificant is named by one of buyer_id, licensee_id (CHECK ..._one_certificant),
-- so coalesce(buyer_id, licensee_id) is it; the indexes on that expression
-- (12_enrollment_tables.sql) make each probe an index scan.  Deleted enrollments
-- and certificates do not count: the vendor no longer sees them.
CREATE FUNCTION enrollment.api_vendor_names_certificant(certificant_id enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'render_api_vendor_names_certificant'
    LANGUAGE C STABLE COST 100 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_vendor_names_certificant(enrollment.mpt_id) IS
'true when a (not deleted) enrollment or certificate of a program of the caller''s account names this buyer or licensee';

CREATE FUNCTION enrollment.api_sees_certificant(account_id enrollment.mpt_id, certificant_id enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'render_api_sees_certificant'
    LANGUAGE C STABLE COST 100 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_sees_certificant(enrollment.mpt_id, enrollment.mpt_id) IS
'policy helper: may the caller see this buyer or licensee (of client account account_id): operations all, a client its own account''s, a vendor those an enrollment or certificate of its programs names';

-- Audit "by" and an enrollment's assignee name a user the caller may not read
-- (a vendor's user on a client's enrollment, a client's on the vendor's view):
-- the object is visible, so its reference is shown whole.  The C function
-- (src/render_refs.c) reads that one user with its owner's rights, as a
-- SECURITY DEFINER function would, so that the rendering does not depend on
-- the users policy; it answers one user's {id, name, icon} and nothing else.
-- The C renderers below run statements of their own, so they are declared
-- COST 1000: the planner then computes them above a Sort and a LIMIT, for the
-- rows a listing returns, not for every row it sorts (a vendor's first 50 of
-- thousands of Processing enrollments).
CREATE FUNCTION enrollment.api_user_ref(id enrollment.mpt_id) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'render_api_user_ref'
    LANGUAGE C STABLE COST 1000 STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_user_ref(enrollment.mpt_id) IS
'UserRef {id, name, icon} of a user named by an object the caller sees (audit by, assignee), whatever the users policy lets the caller read; NULL for an unknown user';

-- JSON building blocks ------------------------------------------------------------

CREATE FUNCTION enrollment.api_ts(at timestamptz) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN pg_catalog.to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
COMMENT ON FUNCTION enrollment.api_ts(timestamptz) IS
'a timestamp in the API''s form, UTC with milliseconds: 2025-06-27T08:46:55.341Z';

-- The JSON of the views is rendered in C (src/render_*.c, README "API"): SQL
-- helpers with a pinned search_path cannot be inlined, and each call of one
-- planned its nested helpers again.  The C functions keep the SQL names and
-- JSON and read as the caller, except for the user references above.
CREATE FUNCTION enrollment.api_event(at timestamptz, by_user enrollment.mpt_id) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'render_api_event'
    LANGUAGE C STABLE COST 1000 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_event(timestamptz, enrollment.mpt_id) IS
'one audit event {at, by:{id, name, icon}}; NULL when it never happened (so the audit key is omitted); by is {id} alone when the user does not exist';

-- The audit of an enrollment and of a certificate, from the row: shared by the
-- views and by the as-of renderer (49_api_history.sql), which renders a row
-- taken from a history snapshot, so that both show the same keys.  The row is
-- a record read by column name, not enrollment.enrollments: on a Citus worker
-- the view's row is of the shard's own type (enrollments_102207).
CREATE FUNCTION enrollment.api_enrollment_audit(e record) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'render_enrollment_audit'
    LANGUAGE C STABLE COST 1000 STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_enrollment_audit(record) IS
'audit {created, updated, processing, querying, completed, failed} of an enrollment row (a record with its <event>_at, <event>_by columns), each event present once it happened';

CREATE FUNCTION enrollment.api_certificate_audit(c record) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'render_certificate_audit'
    LANGUAGE C STABLE COST 1000 STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_certificate_audit(record) IS
'audit {created, updated, pending, activated, updating, expired, terminated} of a certificate row (a record with its <event>_at, <event>_by columns), each event present once it happened';

CREATE FUNCTION enrollment.api_account_ref(id enrollment.mpt_id) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'render_api_account_ref'
    LANGUAGE C STABLE COST 1000 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_account_ref(enrollment.mpt_id) IS
'AccountRef {id, icon, type, status, name} of an account the caller may see, else NULL';

-- Deliberately not recursive: a value is at most an object of scalars with one
-- nested object (phone {prefix, number}), and a stored value of any depth must
-- render without risking the stack (PostgREST maps 54001 to HTTP 500).
CREATE FUNCTION enrollment.api_display_scalar(value jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN CASE WHEN pg_catalog.jsonb_typeof(value) IN ('string', 'number', 'boolean')
                THEN value OPERATOR(pg_catalog.#>>) '{}' END;
COMMENT ON FUNCTION enrollment.api_display_scalar(jsonb) IS
'text of a JSON string, number or boolean; NULL for anything else';

CREATE FUNCTION enrollment.api_display_value(value jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE pg_catalog.jsonb_typeof(value)
        WHEN 'array' THEN (SELECT pg_catalog.string_agg(enrollment.api_display_scalar(x), ', ' ORDER BY n)
                             FROM pg_catalog.jsonb_array_elements(value) WITH ORDINALITY AS t(x, n))
        WHEN 'object' THEN (SELECT pg_catalog.string_agg(d, ', '
                                       ORDER BY pg_catalog.array_position(
                                           '{addressLine1,addressLine2,city,state,postCode,country,firstName,lastName,email,phone,date,start,end}'::text[], k),
                                       k)
                              FROM pg_catalog.jsonb_each(value) AS t(k, v),
                                   LATERAL (SELECT CASE WHEN pg_catalog.jsonb_typeof(v) OPERATOR(pg_catalog.=) 'object'
                                                   THEN (SELECT pg_catalog.string_agg(enrollment.api_display_scalar(iv), ' '
                                                                    ORDER BY pg_catalog.array_position('{prefix,number}'::text[], ik), ik)
                                                           FROM pg_catalog.jsonb_each(v) AS it(ik, iv))
                                                   ELSE enrollment.api_display_scalar(v) END AS d) dv
                             WHERE d OPERATOR(pg_catalog.<>) '')
        ELSE enrollment.api_display_scalar(value)
        END
$$;
COMMENT ON FUNCTION enrollment.api_display_value(jsonb) IS
'read-only displayValue of a parameter value: strings as they are, arrays and objects (address, contact, date range) joined with ", " in reading order';

CREATE FUNCTION enrollment.api_parameter_instance(id enrollment.mpt_id, external_id text, name text, type text, phase text,
                                                  hidden boolean, readonly boolean, required boolean,
                                                  value jsonb, error jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
        'id', id, 'externalId', external_id, 'name', name, 'type', type, 'phase', phase,
        'error', error,
        'constraints', pg_catalog.jsonb_build_object('hidden', hidden, 'readonly', readonly, 'required', required),
        'displayValue', enrollment.api_display_value(value),
        'value', value));
COMMENT ON FUNCTION enrollment.api_parameter_instance(enrollment.mpt_id, text, text, text, text, boolean, boolean, boolean, jsonb, jsonb) IS
'one ProgramParameter instance {id, externalId, name, type, phase, error, constraints, displayValue, value}, nulls omitted';

CREATE FUNCTION enrollment.api_program_products(program_id enrollment.mpt_id) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'render_api_program_products'
    LANGUAGE C STABLE COST 1000 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_program_products(enrollment.mpt_id) IS
'products [{id, name, icon, status}] listed by a program, NULL when none';

CREATE FUNCTION enrollment.api_program_ref(id enrollment.mpt_id) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'render_api_program_ref'
    LANGUAGE C STABLE COST 1000 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_program_ref(enrollment.mpt_id) IS
'ProgramRef {id, name, status, applicableTo, products} of a program the caller may see, else NULL';

CREATE FUNCTION enrollment.api_template_ref(program_id enrollment.mpt_id, id enrollment.mpt_id) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'render_api_template_ref'
    LANGUAGE C STABLE COST 1000 PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.api_template_ref(enrollment.mpt_id, enrollment.mpt_id) IS
'ProgramTemplateRef {id, name, type}, NULL when there is none or it is not visible';

CREATE FUNCTION enrollment.render_parameters(kind text, program_id enrollment.mpt_id, object_id enrollment.mpt_id)
    RETURNS jsonb
    AS 'MODULE_PATHNAME', 'render_parameters'
    LANGUAGE C STABLE COST 1000 STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.render_parameters(text, enrollment.mpt_id, enrollment.mpt_id) IS
'parameters of an enrollment or a certificate (kind) as the API shows them to the caller: {ordering: [...], fulfillment: [...]}, each instance as api_parameter_instance builds it, in display order; hidden ones only for vendors and operations (api_shows_hidden)';
-- not api_%, so not in the revoke loop of 43_api_security.sql: setup_api grants it
REVOKE ALL ON FUNCTION enrollment.render_parameters(text, enrollment.mpt_id, enrollment.mpt_id) FROM PUBLIC;

-- Body fields that are references: {"id": "XXX-..."} ---------------------------

CREATE FUNCTION enrollment.api_ref_id(field text, ref jsonb) RETURNS enrollment.mpt_id
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF ref IS NULL OR pg_catalog.jsonb_typeof(ref) OPERATOR(pg_catalog.=) 'null' THEN
        RETURN NULL;
    END IF;
    IF pg_catalog.jsonb_typeof(ref) OPERATOR(pg_catalog.<>) 'object'
       OR pg_catalog.jsonb_typeof(ref OPERATOR(pg_catalog.->) 'id') IS DISTINCT FROM 'string' THEN
        RAISE EXCEPTION 'invalid % reference', field
            USING ERRCODE = enrollment.errcode('bad_value'), COLUMN = field,
                  DETAIL = pg_catalog.format('The field %s must be an object with a string id, e.g. {"id": "XXX-0000-0000"}.', field);
    END IF;
    RETURN (ref OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id;
END $$;
COMMENT ON FUNCTION enrollment.api_ref_id(text, jsonb) IS
'the id of a body reference {"id": "..."}; NULL for an absent reference; 22023 for any other shape, 22P02 for a malformed id';

-- Who may act (README "Who may act") -------------------------------------------
-- The RPC wrappers restate no account type: each asks enrollment.api_actors for
-- the types that may run its action and hands them to api_require_type or
-- api_target.  A lifecycle action's actors are the engine's own
-- (enrollment.lifecycle_transitions(), the table the C action functions and the
-- status trigger enforce), so the API's 42501 cannot drift from the engine's.
-- The actions that are not transitions (edits of program parts, validation,
-- migration, attachments, rendering, history) are listed here, once; a key of
-- this list must not also be a transition (sql/rules_drift.sql checks both).
-- Plain LANGUAGE sql without SET or STRICT, so that the planner inlines the
-- VALUES list into api_actors' query; every name in it is qualified.
CREATE FUNCTION enrollment.api_action_rules(OUT object_type text, OUT action text, OUT actors text[])
    RETURNS SETOF record
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    VALUES ('program', 'update', '{Vendor}'::pg_catalog.text[]),
           ('program', 'update settings', '{Vendor}'),
           ('template', 'create', '{Vendor}'),
           ('template', 'update', '{Vendor}'),
           ('template', 'delete', '{Vendor}'),
           ('parameter', 'create', '{Vendor}'),
           ('parameter', 'update', '{Vendor}'),
           ('parameter', 'delete', '{Vendor}'),
           ('parameter group', 'create', '{Vendor}'),
           ('parameter group', 'update', '{Vendor}'),
           ('parameter group', 'delete', '{Vendor}'),
           ('enrollment', 'validate draft', '{Client,Operations}'),
           ('enrollment', 'validate', '{Client,Vendor,Operations}'),
           ('enrollment', 'render', '{Client,Vendor,Operations}'),
           ('enrollment', 'read history', '{Client,Vendor,Operations}'),
           ('certificate', 'migrate', '{Operations}'),
           ('certificate', 'render', '{Client,Vendor,Operations}'),
           ('certificate', 'read history', '{Client,Vendor,Operations}'),
           ('attachment', 'create', '{Client,Vendor,Operations}'),
           ('attachment', 'update', '{Client,Vendor,Operations}'),
           ('attachment', 'delete', '{Client,Vendor,Operations}')
$$;
COMMENT ON FUNCTION enrollment.api_action_rules() IS
'the account types that may run each API action that is not a lifecycle transition (object_type, action, actors); enrollment.api_actors reads it beside enrollment.lifecycle_transitions()';

-- plpgsql keeps the query's plan for the session: a call is a scan of the
-- engine's static table (24 arrows) and of the list above, once per request.
CREATE FUNCTION enrollment.api_actors(object_type text, action text) RETURNS text[]
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    arrows bigint;
    actors text[];
BEGIN
    WITH k AS (
        SELECT t.actors FROM enrollment.lifecycle_transitions() t
         WHERE t.object_type OPERATOR(pg_catalog.=) api_actors.object_type
           AND t.action OPERATOR(pg_catalog.=) api_actors.action
        UNION ALL
        SELECT r.actors FROM enrollment.api_action_rules() r
         WHERE r.object_type OPERATOR(pg_catalog.=) api_actors.object_type
           AND r.action OPERATOR(pg_catalog.=) api_actors.action)
    SELECT (SELECT pg_catalog.count(*) FROM k),
           -- the union over the action's arrows, without the engine's own
           -- 'system' actor (the expiry job), in README's order of account types
           (SELECT pg_catalog.array_agg(a.type ORDER BY a.rank)
              FROM (SELECT DISTINCT u.type,
                           CASE u.type WHEN 'Client' THEN 1 WHEN 'Vendor' THEN 2 WHEN 'Operations' THEN 3 END AS rank
                      FROM k, pg_catalog.unnest(k.actors) AS u(type)
                     WHERE u.type OPERATOR(pg_catalog.<>) 'system') a)
      INTO arrows, actors;
    IF arrows OPERATOR(pg_catalog.=) 0 THEN
        RAISE EXCEPTION 'unknown action "%" of %', action, object_type
            USING ERRCODE = enrollment.errcode('bad_value'),
                  DETAIL = 'The actions are the lifecycle transitions (enrollment.lifecycle_transitions()) and the API actions of enrollment.api_action_rules().';
    END IF;
    RETURN coalesce(actors, '{}');
END $$;
COMMENT ON FUNCTION enrollment.api_actors(text, text) IS
'account types (Client, Vendor, Operations, in that order) that may run an API action: a lifecycle transition''s actors from the engine (enrollment.lifecycle_transitions(), without system), any other action''s from enrollment.api_action_rules(); 22023 for an unknown action';
