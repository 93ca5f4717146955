-- Row security that indexes can serve (README "API": row security and indexes).
--
-- The read policies of enrollments and certificates (enrollment.setup_api) are
-- three conditions joined by AND, each a column compared with a helper that
-- takes no argument:
--
--     program_id =  ANY (api_object_program_ids())
-- AND client_id  >= api_object_client_floor()
-- AND client_id  <= api_object_client_ceiling()
--
--                   programs                          client accounts
--     operations    every program                     lowest to highest id
--     vendor        its own, in any status            lowest to highest id
--     client        those it holds a row of           its own, and only it
--     anybody else  none                              NULL (no row)
--
-- A STABLE function without arguments is a constant for the statement, so all
-- three are conditions of the (program_id, client_id, status) index, evaluated
-- once when the scan starts, and the caller's own conditions (status =
-- 'Processing') narrow the scan inside the same index.  A per-row helper with
-- row arguments (api_sees_client_object) is called for every row of the table,
-- and each call costs the planning of the queries inside it.
--
-- The comparisons are the pg_catalog operators (README "Ids in queries"): the
-- compatibility alias OPERATOR(pg_catalog.=) ANY (...) is no index condition.
--
-- Why not an OR of one arm per account type (a BitmapOr): PostgreSQL drops a
-- recheck of the OR only when the index conditions are exactly its arms; the
-- moment the caller's status is folded into the arms (it always is, with an
-- index that has status) the whole OR, helpers and all, is evaluated again for
-- every row the bitmap returns, which for a vendor counting its Processing
-- enrollments was slower than the per-row helper it replaced.  Conditions
-- joined by AND are dropped one by one as each becomes an index condition.
--
-- The answers are exactly those of api_sees_client_object (40_api_helpers.sql),
-- which the RPC functions still call for one row at a time: operations every
-- row, a client the rows whose client_id is its account, a vendor the rows of
-- programs of its account in any status.  The program list of a client and of
-- operations only has to contain the program of every row the client range
-- admits (every row's program exists: foreign key), and it reveals no program
-- the caller cannot read already.  Deleted rows are left to the views, as
-- before.  The caller is identified by api_caller_type (claims naming an
-- enabled account and a user of it), so a half or stale claim sees nothing.

-- C (src/render_visibility.c), as the per-row helpers of 40_api_helpers.sql:
-- each call is one fully qualified kept plan with the caller's account bound,
-- read with the rights of the function's owner (the tables read here are
-- behind row level security themselves, and the answer is ids the caller may
-- already read), over render_caller's one lookup of the caller.  As SQL
-- functions with a pinned search_path each call planned its query again,
-- 0.5 ms and more, and a rendered enrollment scans enrollments, certificates,
-- templates, parameters and products several times (api_object_json: three
-- quarters of its time).
--
-- COST 100000: what a call cost when it was made for each row (a millisecond
-- or more as SQL), against the default 100 that makes a per-row filter look
-- cheap.  With it the planner keeps the helpers in index conditions,
-- evaluated once per scan, rather than in a filter: an id-ordered scan that
-- filters row by row is chosen only when it stops after a few rows (ORDER BY
-- id LIMIT for a caller who sees most rows), where a few calls are cheaper
-- than a sort.  Kept as it was in C, so the plans (sql/rls_plans.sql) stay.
CREATE FUNCTION enrollment.api_object_program_ids() RETURNS enrollment.mpt_id[]
    AS 'MODULE_PATHNAME', 'render_api_object_program_ids'
    LANGUAGE C STABLE PARALLEL SAFE COST 100000;
COMMENT ON FUNCTION enrollment.api_object_program_ids() IS
'policy helper: the programs whose enrollments and certificates the caller may read, as far as the program decides: operations every program, a vendor its own (any status), a client those it holds an enrollment or certificate of (any status); empty for everyone else';

CREATE FUNCTION enrollment.api_object_client_floor() RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'render_api_object_client_floor'
    LANGUAGE C STABLE PARALLEL SAFE COST 100000;
COMMENT ON FUNCTION enrollment.api_object_client_floor() IS
'policy helper: the lowest client account whose enrollments and certificates the caller may read: a client its own account, vendors and operations the lowest possible id (AAA-0000-0000); NULL for everyone else';

CREATE FUNCTION enrollment.api_object_client_ceiling() RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'render_api_object_client_ceiling'
    LANGUAGE C STABLE PARALLEL SAFE COST 100000;
COMMENT ON FUNCTION enrollment.api_object_client_ceiling() IS
'policy helper: the highest client account whose enrollments and certificates the caller may read: a client its own account, vendors and operations the highest possible id (ZZZ-9999-9999-9999); NULL for everyone else';

-- The same for the tables hanging off a program (templates, parameter groups,
-- parameters, program products): their policies are
--
--     program_id = ANY (api_visible_program_ids())
--
-- a condition of each table's primary key (program_id, id), evaluated once per
-- scan (once per program when a view renders a row's program, templates or
-- products), where api_sees_program(program_id) ran for every row.  The programs
-- are those api_sees_program admits (40_api_helpers.sql): never a Deleted one;
-- operations all others, a vendor its own, a client the Published ones and
-- those it holds a (not deleted) enrollment or certificate of.  They are the
-- programs the caller reads in program.programs, so the list reveals nothing.
CREATE FUNCTION enrollment.api_visible_program_ids() RETURNS enrollment.mpt_id[]
    AS 'MODULE_PATHNAME', 'render_api_visible_program_ids'
    LANGUAGE C STABLE PARALLEL SAFE COST 100000;
COMMENT ON FUNCTION enrollment.api_visible_program_ids() IS
'policy helper: the programs the caller may see (and so their templates, groups, parameters and products), as api_sees_program decides: never a Deleted one; operations all, a vendor its own, a client the Published ones and those it holds a (not deleted) enrollment or certificate of; empty for everyone else';
