-- Which program an enrollment or certificate belongs to, by id alone: under
-- Citus this table is distributed by id (enrollment.distribute()), so that an
-- action that names only the object's id finds its program on one shard and
-- then reaches the program's shard alone (src/object_route.c says when it is
-- written and read; README "Growing past one machine").
CREATE TABLE enrollment.object_programs (
    id          enrollment.mpt_id PRIMARY KEY,
    program_id  enrollment.mpt_id NOT NULL,
    CONSTRAINT object_programs_kind CHECK (enrollment.mpt_id_prefix(id) IN ('ENR', 'CER'))
);
COMMENT ON TABLE enrollment.object_programs IS
'the program of each enrollment and certificate the engine created under Citus, by id (distributed by id there), so that an action by id reaches one shard';

CREATE FUNCTION enrollment.object_program(id enrollment.mpt_id) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'enr_object_program' LANGUAGE C STABLE STRICT;
COMMENT ON FUNCTION enrollment.object_program(enrollment.mpt_id) IS
'the program of an enrollment or certificate from enrollment.object_programs under Citus (the API''s lookups by id), NULL on a single server or without a route';
REVOKE ALL ON FUNCTION enrollment.object_program(enrollment.mpt_id) FROM PUBLIC;
