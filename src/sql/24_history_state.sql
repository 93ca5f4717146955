-- History snapshots (README "History").  Every history row of an enrollment or
-- a certificate carries in its state column the object exactly as that change
-- left it: the table row as to_jsonb renders it (jsonb_populate_record gives
-- the row back) plus its parameter instances.  The history writer
-- (lc_history_append, src/status_trigger.c) calls these functions for every
-- Enrollment and Certificate row it appends, the status trigger with the NEW
-- row it is about to store, everyone else after their write.
--
-- A snapshot rather than a diff of the changed fields: one renderer of the
-- whole object, called by the one history writer, so no write path can forget
-- a field or record it differently, and "the object at time T" is the state
-- of the last row at or before T, not a replay that every path must get
-- right.  The price is storage (a whole object per change), which is bounded
-- by the value caps (64 KiB per value) and the number of changes.
--
-- PL/pgSQL, not SQL: Citus sends the query of a RETURN body to the worker as
-- "RETURN ...", which is no statement there (syntax error at or near
-- "RETURN"), and plans no query of a SQL function body that filters on a
-- parameter ("could not create distributed plan"); PL/pgSQL binds the values.

CREATE FUNCTION enrollment.history_enrollment_state(e enrollment.enrollments) RETURNS jsonb
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN pg_catalog.to_jsonb(e) OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('parameters',
        coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(v) OPERATOR(pg_catalog.-) '{program_id,enrollment_id}'::text[]
                                              ORDER BY v.display_order, v.parameter_id)
                    FROM enrollment.enrollment_parameters v
                   WHERE v.program_id OPERATOR(pg_catalog.=) e.program_id
                     AND v.enrollment_id OPERATOR(pg_catalog.=) e.id), '[]'::jsonb));
END $$;
COMMENT ON FUNCTION enrollment.history_enrollment_state(enrollment.enrollments) IS
'history snapshot of an enrollment: the row as to_jsonb plus "parameters", its instances (values, effective constraints) in display order';

CREATE FUNCTION enrollment.history_certificate_state(c enrollment.certificates) RETURNS jsonb
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN pg_catalog.to_jsonb(c) OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('parameters',
        coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.to_jsonb(v) OPERATOR(pg_catalog.-) '{program_id,certificate_id}'::text[]
                                              ORDER BY v.display_order, v.parameter_id)
                    FROM enrollment.certificate_parameters v
                   WHERE v.program_id OPERATOR(pg_catalog.=) c.program_id
                     AND v.certificate_id OPERATOR(pg_catalog.=) c.id), '[]'::jsonb));
END $$;
COMMENT ON FUNCTION enrollment.history_certificate_state(enrollment.certificates) IS
'history snapshot of a certificate: the row as to_jsonb plus "parameters", its instances (values, constraints) in display order';

REVOKE ALL ON FUNCTION enrollment.history_enrollment_state(enrollment.enrollments) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.history_certificate_state(enrollment.certificates) FROM PUBLIC;
