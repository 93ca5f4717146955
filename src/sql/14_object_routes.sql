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
