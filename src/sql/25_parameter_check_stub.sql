-- STUB parameter validator, replaced by issue 4's C validator (which deletes
-- this file and defines the same function).  Submit and process call it by
-- name.  Rule kept here: a required Order-phase parameter needs a value.
CREATE FUNCTION enrollment.enrollment_check_parameters(program_id enrollment.mpt_id, enrollment_id enrollment.mpt_id)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    bad integer;
BEGIN
    UPDATE enrollment.enrollment_parameters p
       SET error = CASE WHEN p.phase = 'Order' AND p.required AND p.type <> 'Heading'
                         AND (p.value IS NULL OR p.value = 'null'::jsonb OR p.value = '""'::jsonb
                              OR p.value = '[]'::jsonb OR p.value = '{}'::jsonb)
                        THEN pg_catalog.jsonb_build_object('id', 'PAR0001', 'message', 'A value is required.')
                   END
     WHERE p.program_id OPERATOR(enrollment.=) enrollment_check_parameters.program_id
       AND p.enrollment_id OPERATOR(enrollment.=) enrollment_check_parameters.enrollment_id;
    SELECT pg_catalog.count(*) INTO bad
      FROM enrollment.enrollment_parameters p
     WHERE p.program_id OPERATOR(enrollment.=) enrollment_check_parameters.program_id
       AND p.enrollment_id OPERATOR(enrollment.=) enrollment_check_parameters.enrollment_id
       AND p.error IS NOT NULL;
    IF bad = 0 THEN
        RETURN NULL;
    END IF;
    RETURN pg_catalog.jsonb_build_object('id', 'ENR0001', 'message', 'Enrollment has invalid parameters');
END $$;
COMMENT ON FUNCTION enrollment.enrollment_check_parameters(enrollment.mpt_id, enrollment.mpt_id) IS 'stub validator: marks required Order-phase parameters without a value and returns the enrollment-level error, or NULL when valid';
REVOKE ALL ON FUNCTION enrollment.enrollment_check_parameters(enrollment.mpt_id, enrollment.mpt_id) FROM PUBLIC;
