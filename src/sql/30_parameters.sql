-- Parameters: definitions (vendor), values (client and vendor), the C
-- validator and the pre-validation hook (src/param_*.c).  Writers are
-- SECURITY DEFINER with a pinned search_path; EXECUTE is revoked from PUBLIC
-- (the API schema wraps them, or the deployer grants them).

-- Definitions --------------------------------------------------------------------

CREATE FUNCTION enrollment.parameter_create(program_id enrollment.mpt_id, name text, type text,
    phase text, display_order integer, description text DEFAULT '', external_id text DEFAULT NULL,
    constraints jsonb DEFAULT NULL, options jsonb DEFAULT NULL, group_id enrollment.mpt_id DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'parameter_create'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.parameter_create(enrollment.mpt_id, text, text, text, integer, text, text, jsonb, jsonb, enrollment.mpt_id) IS
'vendor: define a parameter (PPM-<program digits>-NNNN) of one of the twelve types, phase Order or Fulfillment, constraints {hidden, readonly, required, unique}, per-type options validated (22023 with an OPTnnnn id); a taken externalId is 23505; group_id NULL puts it in the Default group';

CREATE FUNCTION enrollment.parameter_update(id enrollment.mpt_id, name text DEFAULT NULL,
    description text DEFAULT NULL, external_id text DEFAULT NULL, display_order integer DEFAULT NULL,
    constraints jsonb DEFAULT NULL, options jsonb DEFAULT NULL, group_id enrollment.mpt_id DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'parameter_update'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.parameter_update(enrollment.mpt_id, text, text, text, integer, jsonb, jsonb, enrollment.mpt_id) IS
'vendor: change a parameter definition; NULL keeps a field, constraints merge key by key, options replace the options (validated against the type), '''' clears externalId; type, phase and scope are immutable; existing enrollments keep their instances';

CREATE FUNCTION enrollment.parameter_delete(id enrollment.mpt_id) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'parameter_delete'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.parameter_delete(enrollment.mpt_id) IS
'vendor: status Deleted; new enrollments no longer get the parameter, existing instances stay';

CREATE FUNCTION enrollment.parameters_immutable() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'type, phase and scope of parameter % cannot be changed', OLD.id
        USING ERRCODE = enrollment.errcode('bad_value'),
              DETAIL = pg_catalog.format('The parameter was created with type %s, phase %s and scope %s.',
                                         OLD.type, OLD.phase, OLD.scope),
              HINT = 'Create a new parameter and delete this one.';
END $$;
COMMENT ON FUNCTION enrollment.parameters_immutable() IS 'trigger: refuses a change of a parameter''s type, phase or scope (22023)';
CREATE TRIGGER parameters_immutable BEFORE UPDATE OF type, phase, scope ON enrollment.parameters
    FOR EACH ROW
    WHEN (OLD.type IS DISTINCT FROM NEW.type OR OLD.phase IS DISTINCT FROM NEW.phase
          OR OLD.scope IS DISTINCT FROM NEW.scope)
    EXECUTE FUNCTION enrollment.parameters_immutable();
COMMENT ON TRIGGER parameters_immutable ON enrollment.parameters IS 'type, phase and scope are fixed at creation';

CREATE FUNCTION enrollment.parameters_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'parameters_changed'
    LANGUAGE C;
COMMENT ON FUNCTION enrollment.parameters_changed() IS 'trigger: after any change of enrollment.parameters, every backend drops its cache of parsed definitions (relcache invalidation)';
CREATE TRIGGER parameters_changed AFTER INSERT OR UPDATE OR DELETE ON enrollment.parameters
    FOR EACH STATEMENT EXECUTE FUNCTION enrollment.parameters_changed();
CREATE TRIGGER parameters_truncated AFTER TRUNCATE ON enrollment.parameters
    FOR EACH STATEMENT EXECUTE FUNCTION enrollment.parameters_changed();
COMMENT ON TRIGGER parameters_changed ON enrollment.parameters IS 'invalidates the per-backend definition cache';
COMMENT ON TRIGGER parameters_truncated ON enrollment.parameters IS 'invalidates the per-backend definition cache';

-- Values -------------------------------------------------------------------------

-- The unique check looks a value up by (program, parameter, value) in both
-- tables; the primary keys lead with the enrollment / certificate instead.  The
-- value enters the key as its jsonb hash (consistent with jsonb equality, and
-- a bigint whatever the value's size, so no value is too large for the index):
-- the probe finds the few rows with that hash instead of every value of the
-- parameter, so its cost does not grow with the program's enrollments and
-- certificates (README "Speed").
CREATE INDEX enrollment_parameters_by_parameter ON enrollment.enrollment_parameters
    (program_id, parameter_id, pg_catalog.jsonb_hash_extended(value, 0));
CREATE INDEX certificate_parameters_by_parameter ON enrollment.certificate_parameters
    (program_id, parameter_id, pg_catalog.jsonb_hash_extended(value, 0));
COMMENT ON INDEX enrollment.enrollment_parameters_by_parameter IS 'unique-value checks of the parameter validator: (program, parameter, hash of the value)';
COMMENT ON INDEX enrollment.certificate_parameters_by_parameter IS 'unique-value checks of the parameter validator: (program, parameter, hash of the value)';

CREATE FUNCTION enrollment.enrollment_set_parameters(id enrollment.mpt_id, ordering jsonb DEFAULT NULL,
    fulfillment jsonb DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'enrollment_set_parameters'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.enrollment_set_parameters(enrollment.mpt_id, jsonb, jsonb) IS
'client: ordering values [{id, value}] while Draft or Querying (not readonly, not hidden); vendor: ordering and fulfillment [{id, value?, constraints?, error?}] while Processing or Querying; unknown or repeated ids and wrong lists are 22023';

-- Validation ---------------------------------------------------------------------

CREATE FUNCTION enrollment.enrollment_check_parameters(program_id enrollment.mpt_id, enrollment_id enrollment.mpt_id,
    through_phase text DEFAULT 'Order')
    RETURNS jsonb
    AS 'MODULE_PATHNAME', 'enrollment_check_parameters'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.enrollment_check_parameters(enrollment.mpt_id, enrollment.mpt_id, text) IS
'internal (submit, process, complete): validates every parameter of a stored enrollment (type, options, required, readonly, unique, pre-validation hook of a Draft or Querying enrollment), records each error and the enrollment error; returns {"id": "ENR0001", "message": "Enrollment has invalid parameters"} (or the hook''s error), NULL when valid; through_phase Order (submit, process) requires the visible Order values, Fulfillment (complete, auto-approved submit) every required value of both phases, hidden ones included';

CREATE FUNCTION enrollment.unique_values_taken(program_id enrollment.mpt_id, enrollment_id text,
    certificate_id text, "values" jsonb)
    RETURNS text[]
    AS 'MODULE_PATHNAME', 'unique_values_taken'
    LANGUAGE C VOLATILE SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.unique_values_taken(enrollment.mpt_id, text, text, jsonb) IS
'internal (the unique check of submit, process and complete, run on the node of the program''s rows): locks each (program, parameter, value) of values [{id, value}] for the transaction, then returns the parameter ids whose value another Processing or Querying enrollment or Active, Updating or Expired certificate of the program holds, read from what is committed now';

CREATE FUNCTION enrollment.enrollment_validate(id enrollment.mpt_id) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'enrollment_validate'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.enrollment_validate(enrollment.mpt_id) IS
'client, vendor or operations: validates a stored Draft or Querying enrollment like submit does, records the errors (status unchanged) and returns {id, error?, parameters: {ordering: [{id, error}], fulfillment: [...]}} for the parameters in error';

CREATE FUNCTION enrollment.validate_enrollment_json(enrollment text) RETURNS json
    AS 'MODULE_PATHNAME', 'validate_enrollment_json'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.validate_enrollment_json(text) IS
'Validate draft enrollment: takes an Enrollment document (at most 1 MiB, not stored; the seed''s Enrollment schema at every level, else 22023 naming the JSON path) and returns it, key order kept, with parameters.ordering[].error, parameters.fulfillment[].error and error filled or removed; left-out Order parameters are appended; writes nothing';

-- Pre-validation hook ----------------------------------------------------------------

CREATE FUNCTION enrollment.program_set_pre_validation_hook(program_id enrollment.mpt_id, hook regprocedure)
    RETURNS enrollment.mpt_id
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    p pg_catalog.pg_proc%ROWTYPE;
BEGIN
    IF hook IS NOT NULL THEN
        SELECT * INTO p FROM pg_catalog.pg_proc WHERE oid OPERATOR(pg_catalog.=) hook;
        IF p.pronargs OPERATOR(pg_catalog.<>) 1
           OR p.proargtypes[0] OPERATOR(pg_catalog.<>) 'jsonb'::regtype
           OR p.prorettype OPERATOR(pg_catalog.<>) 'jsonb'::regtype
           OR p.proretset OR p.prokind OPERATOR(pg_catalog.<>) 'f' THEN
            RAISE EXCEPTION 'invalid pre-validation hook %', hook
                USING ERRCODE = enrollment.errcode('bad_value'),
                      DETAIL = 'A pre-validation hook is a function taking one jsonb argument and returning jsonb.';
        END IF;
    END IF;
    UPDATE enrollment.programs SET pre_validation_hook = hook
     WHERE id OPERATOR(pg_catalog.=) program_set_pre_validation_hook.program_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'program % not found', program_id USING ERRCODE = enrollment.errcode('not_found');
    END IF;
    RETURN program_id;
END $$;
COMMENT ON FUNCTION enrollment.program_set_pre_validation_hook(enrollment.mpt_id, regprocedure) IS
'administrators only: register (or with NULL remove) the function(jsonb) RETURNS jsonb called with the enrollment JSON when a preValidation setting is on; it runs with the rights of the SECURITY DEFINER validators, so it is never open to vendors';

REVOKE ALL ON FUNCTION enrollment.parameter_create(enrollment.mpt_id, text, text, text, integer, text, text, jsonb, jsonb, enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.parameter_update(enrollment.mpt_id, text, text, text, integer, jsonb, jsonb, enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.parameter_delete(enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.parameters_immutable() FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.parameters_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.enrollment_set_parameters(enrollment.mpt_id, jsonb, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.enrollment_check_parameters(enrollment.mpt_id, enrollment.mpt_id, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.enrollment_validate(enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.unique_values_taken(enrollment.mpt_id, text, text, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.validate_enrollment_json(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.program_set_pre_validation_hook(enrollment.mpt_id, regprocedure) FROM PUBLIC;
