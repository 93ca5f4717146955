-- The SQLSTATEs of src/errcodes.h for the PL/pgSQL parts (README "Error codes"):
-- RAISE EXCEPTION ... USING ERRCODE = enrollment.errcode('not_found'), never a literal code.

CREATE FUNCTION enrollment.errcode(name text) RETURNS text
    AS 'MODULE_PATHNAME', 'enrollment_errcode' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.errcode(text) IS
'SQLSTATE of an error name of README "Error codes" (not_found gives PT404); 22023 for an unknown name';
