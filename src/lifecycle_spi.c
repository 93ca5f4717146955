/*
 * lifecycle_spi.c
 *		Small SPI helpers for the lifecycle engine.
 *
 * All SQL text is a compile-time constant; every value is passed as a text
 * parameter of SPI_execute_with_args and cast inside the statement
 * ($1::enrollment.mpt_id, $2::jsonb), so nothing a caller sends is ever
 * spliced into SQL.  Text parameters keep the helpers to one calling
 * convention; the casts cost nothing next to the row locks.
 */
#include "postgres.h"

#include <stdarg.h>

#include "catalog/pg_type_d.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "lifecycle.h"

#define LC_MAX_ARGS 12

/*
 * Run one statement with nargs text arguments (const char *, NULL = SQL NULL).
 * Returns the number of rows processed; the rows stay in SPI_tuptable.
 */
uint64
lc_exec(const char *sql, int nargs,...)
{
	Oid			types[LC_MAX_ARGS];
	Datum		values[LC_MAX_ARGS];
	char		nulls[LC_MAX_ARGS];
	va_list		ap;
	int			rc;

	Assert(nargs <= LC_MAX_ARGS);
	va_start(ap, nargs);
	for (int i = 0; i < nargs; i++)
	{
		const char *v = va_arg(ap, const char *);

		types[i] = TEXTOID;
		values[i] = v ? CStringGetTextDatum(v) : (Datum) 0;
		nulls[i] = v ? ' ' : 'n';
	}
	va_end(ap);

	rc = SPI_execute_with_args(sql, nargs, types, values, nulls, false, 0);
	if (rc < 0)
		elog(ERROR, "SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
	return SPI_processed;
}

/* Column col (1-based) of row row of the last result, as text; NULL for NULL. */
char *
lc_get_row(uint64 row, int col)
{
	/*
	 * Rows are never physically deleted, so a re-read under lock always finds
	 * its row; still, a missing row must be a clean error, not a wild read.
	 */
	if (SPI_tuptable == NULL || row >= SPI_processed)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("object not found"),
				 errdetail("The row read under lock no longer exists.")));
	return SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col);
}

char *
lc_get(int col)
{
	return lc_get_row(0, col);
}

bool
lc_get_bool(int col)
{
	char	   *v = lc_get(col);

	return v != NULL && v[0] == 't';
}

/*
 * An mpt_id argument as text.  The functions are not STRICT (PostgREST sends
 * a missing key as NULL), so a NULL id is a request error, not a NULL result.
 */
char *
lc_id_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("%s is required", what)));
	return mpt_id_to_cstring(PG_GETARG_MPT_ID_P(argno));
}

/* A text argument as a C string, NULL for NULL. */
char *
lc_text_arg(FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		return NULL;
	return text_to_cstring(PG_GETARG_TEXT_PP(argno));
}

/* A jsonb argument in its text form, NULL for NULL. */
char *
lc_jsonb_arg(FunctionCallInfo fcinfo, int argno)
{
	Jsonb	   *jb;

	if (PG_ARGISNULL(argno))
		return NULL;
	jb = PG_GETARG_JSONB_P(argno);
	return JsonbToCString(NULL, &jb->root, VARSIZE(jb));
}

/*
 * The mpt_id Datum for an id computed inside SPI.  Call after SPI_finish with
 * a string copied to the caller's context: the parse allocates there.
 */
Datum
lc_return_id(const char *id)
{
	return MptIdPGetDatum(mpt_id_parse(id, strlen(id)));
}
