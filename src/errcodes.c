/*
 * errcodes.c
 *		enrollment.errcode(name): the SQLSTATE of errcodes.h for the install
 *		script's PL/pgSQL (README "Error codes").
 *
 * The PL/pgSQL parts raise with
 *		RAISE EXCEPTION '...' USING ERRCODE = enrollment.errcode('not_found'), ...
 * instead of a literal code, so that errcodes.h stays the only place that
 * says which SQLSTATE means what.  The RAISE itself stays PL/pgSQL's: the
 * error a caller sees (SQLSTATE, message, detail, hint, COLUMN, and the
 * CONTEXT and LOCATION lines) is the same as with a literal, which a C
 * function raising the error could not give (it would add its own CONTEXT
 * and LOCATION).  RAISE reads a five-character value of ERRCODE as a
 * SQLSTATE.
 *
 * A name is the macro's suffix in lower case: ENR_ERRCODE_NOT_FOUND is
 * 'not_found'.  Every macro of errcodes.h has its entry (sql/errcodes.sql
 * checks that, and that README's table lists the same codes).
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "errcodes.h"

typedef struct ErrcodeName
{
	const char *name;
	int			sqlerrcode;
} ErrcodeName;

static const ErrcodeName errcode_names[] = {
	{"not_found", ENR_ERRCODE_NOT_FOUND},
	{"illegal_transition", ENR_ERRCODE_ILLEGAL_TRANSITION},
	{"business_rule", ENR_ERRCODE_BUSINESS_RULE},
	{"append_only", ENR_ERRCODE_APPEND_ONLY},
	{"forbidden", ENR_ERRCODE_FORBIDDEN},
	{"bad_id", ENR_ERRCODE_BAD_ID},
	{"bad_binary", ENR_ERRCODE_BAD_BINARY},
	{"bad_value", ENR_ERRCODE_BAD_VALUE},
	{"bad_json", ENR_ERRCODE_BAD_JSON},
	{"too_large", ENR_ERRCODE_TOO_LARGE},
	{"data_exception", ENR_ERRCODE_DATA_EXCEPTION},
	{"duplicate", ENR_ERRCODE_DUPLICATE},
	{"check_failed", ENR_ERRCODE_CHECK_FAILED},
	{"missing_reference", ENR_ERRCODE_MISSING_REFERENCE},
	{"plain_raise", ENR_ERRCODE_PLAIN_RAISE},
	{"not_supported", ENR_ERRCODE_NOT_SUPPORTED},
	{"out_of_memory", ENR_ERRCODE_OUT_OF_MEMORY},
	{"canceled", ENR_ERRCODE_CANCELED},
	{"serialization_failure", ENR_ERRCODE_SERIALIZATION_FAILURE},
	{"in_use", ENR_ERRCODE_IN_USE},
	{"trigger_misuse", ENR_ERRCODE_TRIGGER_MISUSE},
	{"pgrst", ENR_ERRCODE_PGRST},
};

PG_FUNCTION_INFO_V1(enrollment_errcode);

Datum
enrollment_errcode(PG_FUNCTION_ARGS)
{
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(0));

	for (int i = 0; i < lengthof(errcode_names); i++)
	{
		if (strcmp(errcode_names[i].name, name) == 0)
			PG_RETURN_TEXT_P(cstring_to_text(unpack_sql_state(errcode_names[i].sqlerrcode)));
	}
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BAD_VALUE),
			 errmsg("unknown error code name \"%s\"", name),
			 errhint("README \"Error codes\" lists the names.")));
	PG_RETURN_NULL();			/* not reached */
}
