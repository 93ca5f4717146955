-- The mpt_id type: marketplace identifiers (PRG-1234-5678, ENR-3965-5056-7966, ...).

CREATE TYPE enrollment.mpt_id;

CREATE FUNCTION enrollment.mpt_id_in(cstring) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION enrollment.mpt_id_out(enrollment.mpt_id) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION enrollment.mpt_id_recv(internal) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION enrollment.mpt_id_send(enrollment.mpt_id) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE enrollment.mpt_id (
    INPUT = enrollment.mpt_id_in,
    OUTPUT = enrollment.mpt_id_out,
    RECEIVE = enrollment.mpt_id_recv,
    SEND = enrollment.mpt_id_send,
    INTERNALLENGTH = 16,
    ALIGNMENT = double,
    STORAGE = plain,
    CATEGORY = 'S'
);
COMMENT ON TYPE enrollment.mpt_id IS 'Marketplace identifier: three upper-case letters and two to four groups of four digits, e.g. PRG-1234-5678; 16 bytes, ordered as its text';

COMMENT ON FUNCTION enrollment.mpt_id_in(cstring) IS 'I/O';
COMMENT ON FUNCTION enrollment.mpt_id_out(enrollment.mpt_id) IS 'I/O';
COMMENT ON FUNCTION enrollment.mpt_id_recv(internal) IS 'binary I/O';
COMMENT ON FUNCTION enrollment.mpt_id_send(enrollment.mpt_id) IS 'binary I/O';

-- Where the comparison operators live (README "Ids in queries").  The six
-- operators for (mpt_id, mpt_id) that the default btree and hash operator
-- classes use are created in pg_catalog, the one schema that is searched
-- whatever search_path is (default "$user", public; empty; PostgREST's
-- "program", "public").  Kept only in schema enrollment they were invisible
-- there, and because mpt_id casts to text implicitly `id = 'ENR-...'` (and
-- PostgREST's `"id" = $1` with an unknown parameter) silently became
-- text = text: a sequential scan, and a lower-case or malformed id matched
-- nothing instead of failing.  With `=`(mpt_id, mpt_id) always visible, the
-- parser's exact match gives the unknown side type mpt_id, so the literal or
-- parameter goes through mpt_id_in (22P02 for a bad one) and the btree index
-- answers, also for IN (...) and = ANY ($1).  Alternatives rejected: demoting
-- the implicit cast to text leaves "operator does not exist" off the path and
-- breaks text use of ids (length(id), format); citext and pgvector keep their
-- operators in their own schema and have exactly this problem.  These are new
-- operator signatures, never a replacement of a built-in one, and pg_dump
-- leaves them to CREATE EXTENSION like every other member.
--
-- The operators enrollment.= etc. stay, as compatibility aliases for
-- statements that name them, OPERATOR(enrollment.=): same functions, a support
-- function (mpt_id_support) that turns them into index conditions of the
-- pg_catalog operators, and a hash operator family for hash joins.  They are
-- not MERGES and not in a btree family, so the planner keeps them as plain
-- clauses (the support function applies to join clauses too, giving
-- parameterized index scans).  A support function does not apply to
-- `OPERATOR(enrollment.=) ANY (...)`: use OPERATOR(pg_catalog.=) there.

CREATE FUNCTION enrollment.mpt_id_support(internal) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.mpt_id_support(internal) IS 'planner support: index conditions for the compatibility operators enrollment.= etc.';

CREATE FUNCTION enrollment.mpt_id_eq(enrollment.mpt_id, enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
    SUPPORT enrollment.mpt_id_support;
CREATE FUNCTION enrollment.mpt_id_ne(enrollment.mpt_id, enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION enrollment.mpt_id_lt(enrollment.mpt_id, enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
    SUPPORT enrollment.mpt_id_support;
CREATE FUNCTION enrollment.mpt_id_le(enrollment.mpt_id, enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
    SUPPORT enrollment.mpt_id_support;
CREATE FUNCTION enrollment.mpt_id_gt(enrollment.mpt_id, enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
    SUPPORT enrollment.mpt_id_support;
CREATE FUNCTION enrollment.mpt_id_ge(enrollment.mpt_id, enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
    SUPPORT enrollment.mpt_id_support;
CREATE FUNCTION enrollment.mpt_id_cmp(enrollment.mpt_id, enrollment.mpt_id) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION enrollment.mpt_id_sortsupport(internal) RETURNS void
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION enrollment.mpt_id_hash(enrollment.mpt_id) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION enrollment.mpt_id_hash_extended(enrollment.mpt_id, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION enrollment.mpt_id_eq(enrollment.mpt_id, enrollment.mpt_id) IS 'implementation of = operator';
COMMENT ON FUNCTION enrollment.mpt_id_ne(enrollment.mpt_id, enrollment.mpt_id) IS 'implementation of <> operator';
COMMENT ON FUNCTION enrollment.mpt_id_lt(enrollment.mpt_id, enrollment.mpt_id) IS 'implementation of < operator';
COMMENT ON FUNCTION enrollment.mpt_id_le(enrollment.mpt_id, enrollment.mpt_id) IS 'implementation of <= operator';
COMMENT ON FUNCTION enrollment.mpt_id_gt(enrollment.mpt_id, enrollment.mpt_id) IS 'implementation of > operator';
COMMENT ON FUNCTION enrollment.mpt_id_ge(enrollment.mpt_id, enrollment.mpt_id) IS 'implementation of >= operator';
COMMENT ON FUNCTION enrollment.mpt_id_cmp(enrollment.mpt_id, enrollment.mpt_id) IS 'btree comparison function';
COMMENT ON FUNCTION enrollment.mpt_id_sortsupport(internal) IS 'btree sort support';
COMMENT ON FUNCTION enrollment.mpt_id_hash(enrollment.mpt_id) IS 'hash function (stable: depends only on the value''s bytes)';
COMMENT ON FUNCTION enrollment.mpt_id_hash_extended(enrollment.mpt_id, bigint) IS 'seeded 64-bit hash function';


-- The indexed operators, visible on every search_path (see above).
CREATE OPERATOR pg_catalog.= (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_eq,
    COMMUTATOR = OPERATOR(pg_catalog.=), NEGATOR = OPERATOR(pg_catalog.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR pg_catalog.<> (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_ne,
    COMMUTATOR = OPERATOR(pg_catalog.<>), NEGATOR = OPERATOR(pg_catalog.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR pg_catalog.< (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_lt,
    COMMUTATOR = OPERATOR(pg_catalog.>), NEGATOR = OPERATOR(pg_catalog.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR pg_catalog.<= (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_le,
    COMMUTATOR = OPERATOR(pg_catalog.>=), NEGATOR = OPERATOR(pg_catalog.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR pg_catalog.> (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_gt,
    COMMUTATOR = OPERATOR(pg_catalog.<), NEGATOR = OPERATOR(pg_catalog.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR pg_catalog.>= (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_ge,
    COMMUTATOR = OPERATOR(pg_catalog.<=), NEGATOR = OPERATOR(pg_catalog.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);

COMMENT ON OPERATOR pg_catalog.= (enrollment.mpt_id, enrollment.mpt_id) IS 'equal';
COMMENT ON OPERATOR pg_catalog.<> (enrollment.mpt_id, enrollment.mpt_id) IS 'not equal';
COMMENT ON OPERATOR pg_catalog.< (enrollment.mpt_id, enrollment.mpt_id) IS 'less than (text order)';
COMMENT ON OPERATOR pg_catalog.<= (enrollment.mpt_id, enrollment.mpt_id) IS 'less than or equal (text order)';
COMMENT ON OPERATOR pg_catalog.> (enrollment.mpt_id, enrollment.mpt_id) IS 'greater than (text order)';
COMMENT ON OPERATOR pg_catalog.>= (enrollment.mpt_id, enrollment.mpt_id) IS 'greater than or equal (text order)';

CREATE OPERATOR CLASS enrollment.mpt_id_ops DEFAULT FOR TYPE enrollment.mpt_id USING btree AS
    OPERATOR 1 pg_catalog.< , OPERATOR 2 pg_catalog.<= , OPERATOR 3 pg_catalog.= ,
    OPERATOR 4 pg_catalog.>= , OPERATOR 5 pg_catalog.> ,
    FUNCTION 1 enrollment.mpt_id_cmp(enrollment.mpt_id, enrollment.mpt_id),
    FUNCTION 2 enrollment.mpt_id_sortsupport(internal);
CREATE OPERATOR CLASS enrollment.mpt_id_hash_ops DEFAULT FOR TYPE enrollment.mpt_id USING hash AS
    OPERATOR 1 pg_catalog.= ,
    FUNCTION 1 enrollment.mpt_id_hash(enrollment.mpt_id),
    FUNCTION 2 enrollment.mpt_id_hash_extended(enrollment.mpt_id, bigint);
COMMENT ON OPERATOR CLASS enrollment.mpt_id_ops USING btree IS 'default btree operator class for mpt_id';
COMMENT ON OPERATOR CLASS enrollment.mpt_id_hash_ops USING hash IS 'default hash operator class for mpt_id';

-- The compatibility aliases (see above): no MERGES, no btree family.
CREATE OPERATOR enrollment.= (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_eq,
    COMMUTATOR = OPERATOR(enrollment.=), NEGATOR = OPERATOR(enrollment.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES);
CREATE OPERATOR enrollment.<> (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_ne,
    COMMUTATOR = OPERATOR(enrollment.<>), NEGATOR = OPERATOR(enrollment.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR enrollment.< (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_lt,
    COMMUTATOR = OPERATOR(enrollment.>), NEGATOR = OPERATOR(enrollment.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR enrollment.<= (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_le,
    COMMUTATOR = OPERATOR(enrollment.>=), NEGATOR = OPERATOR(enrollment.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR enrollment.> (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_gt,
    COMMUTATOR = OPERATOR(enrollment.<), NEGATOR = OPERATOR(enrollment.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR enrollment.>= (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_ge,
    COMMUTATOR = OPERATOR(enrollment.<=), NEGATOR = OPERATOR(enrollment.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);

COMMENT ON OPERATOR enrollment.= (enrollment.mpt_id, enrollment.mpt_id) IS 'equal (compatibility alias of pg_catalog.=)';
COMMENT ON OPERATOR enrollment.<> (enrollment.mpt_id, enrollment.mpt_id) IS 'not equal (compatibility alias of pg_catalog.<>)';
COMMENT ON OPERATOR enrollment.< (enrollment.mpt_id, enrollment.mpt_id) IS 'less than (compatibility alias of pg_catalog.<)';
COMMENT ON OPERATOR enrollment.<= (enrollment.mpt_id, enrollment.mpt_id) IS 'less than or equal (compatibility alias of pg_catalog.<=)';
COMMENT ON OPERATOR enrollment.> (enrollment.mpt_id, enrollment.mpt_id) IS 'greater than (compatibility alias of pg_catalog.>)';
COMMENT ON OPERATOR enrollment.>= (enrollment.mpt_id, enrollment.mpt_id) IS 'greater than or equal (compatibility alias of pg_catalog.>=)';

-- HASHES needs a hash family holding the operator: hash joins on enrollment.=.
CREATE OPERATOR CLASS enrollment.mpt_id_alias_hash_ops FOR TYPE enrollment.mpt_id USING hash AS
    OPERATOR 1 enrollment.= ,
    FUNCTION 1 enrollment.mpt_id_hash(enrollment.mpt_id),
    FUNCTION 2 enrollment.mpt_id_hash_extended(enrollment.mpt_id, bigint);
COMMENT ON OPERATOR CLASS enrollment.mpt_id_alias_hash_ops USING hash IS 'hash operator class of the compatibility operator enrollment.= (hash joins); never needed for an index';

-- The read policies' client account range (README "API": row security and
-- indexes) compares with operators of their own, in a btree family of their
-- own, which only the indexes built for the policies use (the client_id column
-- of enrollments_id_idx, enrollments_program_client_status_idx and the
-- certificates' two).  With the ordinary operators the planner also matched
-- the range with the (client_id, program_id) indexes and, estimating a client's
-- range [own, own] at one row, chose that index for a lookup by id at 1 M rows
-- (2.8 ms, every row of the client read) as readily as the id index.  The
-- same comparisons (the same C functions) in the same order: only which index
-- may serve the condition changes.
-- Functions of their own, without mpt_id_support: that support function turns
-- a call of mpt_id_ge etc. into an index condition with the ordinary operator
-- for any index, the (client_id, program_id) ones included.
CREATE FUNCTION enrollment.mpt_id_scope_lt(enrollment.mpt_id, enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'mpt_id_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION enrollment.mpt_id_scope_le(enrollment.mpt_id, enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'mpt_id_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION enrollment.mpt_id_scope_eq(enrollment.mpt_id, enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'mpt_id_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION enrollment.mpt_id_scope_ge(enrollment.mpt_id, enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'mpt_id_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION enrollment.mpt_id_scope_gt(enrollment.mpt_id, enrollment.mpt_id) RETURNS boolean
    AS 'MODULE_PATHNAME', 'mpt_id_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION enrollment.mpt_id_scope_lt(enrollment.mpt_id, enrollment.mpt_id) IS 'implementation of #< (mpt_id_lt without planner support)';
COMMENT ON FUNCTION enrollment.mpt_id_scope_le(enrollment.mpt_id, enrollment.mpt_id) IS 'implementation of #<= (mpt_id_le without planner support)';
COMMENT ON FUNCTION enrollment.mpt_id_scope_eq(enrollment.mpt_id, enrollment.mpt_id) IS 'implementation of #= (mpt_id_eq without planner support)';
COMMENT ON FUNCTION enrollment.mpt_id_scope_ge(enrollment.mpt_id, enrollment.mpt_id) IS 'implementation of #>= (mpt_id_ge without planner support)';
COMMENT ON FUNCTION enrollment.mpt_id_scope_gt(enrollment.mpt_id, enrollment.mpt_id) IS 'implementation of #> (mpt_id_gt without planner support)';
CREATE OPERATOR enrollment.#< (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_scope_lt,
    COMMUTATOR = OPERATOR(enrollment.#>), NEGATOR = OPERATOR(enrollment.#>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR enrollment.#<= (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_scope_le,
    COMMUTATOR = OPERATOR(enrollment.#>=), NEGATOR = OPERATOR(enrollment.#>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR enrollment.#= (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_scope_eq,
    COMMUTATOR = OPERATOR(enrollment.#=), RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR enrollment.#>= (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_scope_ge,
    COMMUTATOR = OPERATOR(enrollment.#<=), NEGATOR = OPERATOR(enrollment.#<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
CREATE OPERATOR enrollment.#> (
    LEFTARG = enrollment.mpt_id, RIGHTARG = enrollment.mpt_id, FUNCTION = enrollment.mpt_id_scope_gt,
    COMMUTATOR = OPERATOR(enrollment.#<), NEGATOR = OPERATOR(enrollment.#<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR enrollment.#< (enrollment.mpt_id, enrollment.mpt_id) IS 'less than, for the read policies'' client range (mpt_id_scope_ops)';
COMMENT ON OPERATOR enrollment.#<= (enrollment.mpt_id, enrollment.mpt_id) IS 'less than or equal, for the read policies'' client range (mpt_id_scope_ops)';
COMMENT ON OPERATOR enrollment.#= (enrollment.mpt_id, enrollment.mpt_id) IS 'equal, for the read policies'' client range (mpt_id_scope_ops)';
COMMENT ON OPERATOR enrollment.#>= (enrollment.mpt_id, enrollment.mpt_id) IS 'greater than or equal, for the read policies'' client range (mpt_id_scope_ops)';
COMMENT ON OPERATOR enrollment.#> (enrollment.mpt_id, enrollment.mpt_id) IS 'greater than, for the read policies'' client range (mpt_id_scope_ops)';
CREATE OPERATOR CLASS enrollment.mpt_id_scope_ops FOR TYPE enrollment.mpt_id USING btree AS
    OPERATOR 1 enrollment.#< , OPERATOR 2 enrollment.#<= , OPERATOR 3 enrollment.#= ,
    OPERATOR 4 enrollment.#>= , OPERATOR 5 enrollment.#> ,
    FUNCTION 1 enrollment.mpt_id_cmp(enrollment.mpt_id, enrollment.mpt_id),
    FUNCTION 2 enrollment.mpt_id_sortsupport(internal);
COMMENT ON OPERATOR CLASS enrollment.mpt_id_scope_ops USING btree IS 'btree operator class of the read policies'' client range: only the policies'' indexes use it';

-- Text in both directions: to text implicitly (so text functions and PostgREST
-- rendering just work), from text on assignment (so INSERT ... VALUES ('PRG-...')
-- and jsonb ->> values store directly, through the same strict input function).
CREATE CAST (enrollment.mpt_id AS text) WITH INOUT AS IMPLICIT;
CREATE CAST (text AS enrollment.mpt_id) WITH INOUT AS ASSIGNMENT;
CREATE CAST (enrollment.mpt_id AS varchar) WITH INOUT AS IMPLICIT;
CREATE CAST (varchar AS enrollment.mpt_id) WITH INOUT AS ASSIGNMENT;
COMMENT ON CAST (enrollment.mpt_id AS text) IS 'the id''s text form';
COMMENT ON CAST (text AS enrollment.mpt_id) IS 'parse and validate an id';
COMMENT ON CAST (enrollment.mpt_id AS varchar) IS 'the id''s text form';
COMMENT ON CAST (varchar AS enrollment.mpt_id) IS 'parse and validate an id';

-- To JSON as a string.  Without these casts an explicit id::json falls back to
-- an I/O conversion, which hands 'PRG-...' to the JSON parser and fails (22P02).
-- C, not SQL: to_json, to_jsonb, row_to_json and json_agg call the cast to json
-- for every id they render (PostgREST's response body), and they call it
-- through the function manager, where a SQL function is set up anew each time.
CREATE FUNCTION enrollment.mpt_id_to_json(enrollment.mpt_id) RETURNS json
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION enrollment.mpt_id_to_jsonb(enrollment.mpt_id) RETURNS jsonb
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.mpt_id_to_json(enrollment.mpt_id) IS 'the id as a JSON string';
COMMENT ON FUNCTION enrollment.mpt_id_to_jsonb(enrollment.mpt_id) IS 'the id as a JSON string (jsonb)';
CREATE CAST (enrollment.mpt_id AS json) WITH FUNCTION enrollment.mpt_id_to_json(enrollment.mpt_id);
CREATE CAST (enrollment.mpt_id AS jsonb) WITH FUNCTION enrollment.mpt_id_to_jsonb(enrollment.mpt_id);
COMMENT ON CAST (enrollment.mpt_id AS json) IS 'the id as a JSON string';
COMMENT ON CAST (enrollment.mpt_id AS jsonb) IS 'the id as a JSON string';

CREATE FUNCTION enrollment.mpt_id_prefix(enrollment.mpt_id) RETURNS text
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.mpt_id_prefix(enrollment.mpt_id) IS 'the three-letter prefix of an id, e.g. PRG';
CREATE FUNCTION enrollment.mpt_id_groups(enrollment.mpt_id) RETURNS integer
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.mpt_id_groups(enrollment.mpt_id) IS 'the number of four-digit groups of an id (2 to 4)';
CREATE FUNCTION enrollment.mpt_id_child(parent enrollment.mpt_id, prefix text, seq integer) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.mpt_id_child(enrollment.mpt_id, text, integer) IS 'id of the seq-th child of parent with the given prefix: (PRG-9643-3741, PPM, 1) gives PPM-9643-3741-0001';
CREATE FUNCTION enrollment.mpt_id_generate(prefix text, ngroups integer, seq bigint) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.mpt_id_generate(text, integer, bigint) IS 'random-looking root id for a sequence value: a fixed permutation of the id space, so distinct values never collide';

-- True when id has the given prefix and number of groups; used by the tables' CHECK constraints.
CREATE FUNCTION enrollment.mpt_id_is(id enrollment.mpt_id, prefix text, ngroups integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN enrollment.mpt_id_prefix(id) OPERATOR(pg_catalog.=) prefix
       AND enrollment.mpt_id_groups(id) OPERATOR(pg_catalog.=) ngroups;
COMMENT ON FUNCTION enrollment.mpt_id_is(enrollment.mpt_id, text, integer) IS 'true when the id has this prefix and this many groups of digits';
