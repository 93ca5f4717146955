/*
 * lifecycle_spi.c
 *		Small SPI helpers for the lifecycle engine.
 *
 * All SQL text is a compile-time constant; every value is passed as a text
 * parameter and cast inside the statement ($1::enrollment.mpt_id, $2::jsonb),
 * so nothing a caller sends is ever spliced into SQL.  Text parameters keep
 * the helpers to one calling convention.
 *
 * Each statement is prepared once per backend and kept (SPI_keepplan), in a
 * hash keyed by the address of its SQL text; the text itself is compared on
 * every hit, so a different statement at a reused address is re-prepared, not
 * run with the wrong plan.  The plan cache revalidates kept plans after DDL
 * (DROP/CREATE EXTENSION included) and when the search_path differs.
 */
#include "postgres.h"

#include <stdarg.h>

#include "access/xact.h"
#include "catalog/pg_type_d.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "distributed.h"
#include "lifecycle_spi.h"

#define LC_MAX_ARGS 12

/*
 * lc_exec runs one statement with nargs text arguments (const char *, NULL =
 * SQL NULL).  Returns the number of rows processed; the rows stay in
 * SPI_tuptable.
 */
typedef struct LcPlan
{
	const char *key;			/* address of the SQL text: the hash key */
	char	   *sql;			/* copy of the text, checked on every hit */
	int			nargs;
	SPIPlanPtr	plan;
} LcPlan;

static HTAB *lc_plans = NULL;

/*
 * The kept plan of sql, prepared on first use (or when the text changed).
 * Also used by the API renderers (render_spi.c), which run their plans read
 * only.
 */
SPIPlanPtr
lc_plan(const char *sql, int nargs)
{
	return lc_plan_typed(sql, nargs, NULL);
}

/*
 * The same with parameter types (NULL: all text).  A statement's types are
 * part of its text's contract: one SQL text is always run with the same
 * types, so the hash stays keyed by the text alone.
 */
SPIPlanPtr
lc_plan_typed(const char *sql, int nargs, const Oid *argtypes)
{
	LcPlan	   *entry;
	Oid			types[LC_MAX_ARGS];
	SPIPlanPtr	plan;

	if (lc_plans == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(const char *);
		ctl.entrysize = sizeof(LcPlan);
		ctl.hcxt = TopMemoryContext;
		lc_plans = hash_create("enrollment lifecycle plans", 128, &ctl,
							   HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	entry = hash_search(lc_plans, &sql, HASH_FIND, NULL);
	if (entry != NULL && entry->nargs == nargs && strcmp(entry->sql, sql) == 0)
		return entry->plan;

	/* prepare before touching the hash, so an error leaves no half entry */
	for (int i = 0; i < nargs; i++)
		types[i] = argtypes ? argtypes[i] : TEXTOID;
	/* generic plans on a single server, custom ones under Citus (distributed.c) */
	plan = SPI_prepare_cursor(sql, nargs, types, enr_plan_options());
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");

	if (entry != NULL)
	{
		SPI_freeplan(entry->plan);
		pfree(entry->sql);
	}
	else
		entry = hash_search(lc_plans, &sql, HASH_ENTER, NULL);
	entry->sql = MemoryContextStrdup(TopMemoryContext, sql);
	entry->nargs = nargs;
	entry->plan = plan;
	return plan;
}

/*
 * Run sql with nargs text arguments.  With latest, under REPEATABLE READ or
 * SERIALIZABLE the statement reads what is committed now instead of the
 * transaction's snapshot, as a foreign-key check does (README "Lifecycle",
 * concurrency); under READ COMMITTED every statement reads that anyway.
 */
static uint64 exec_text_args(const char *sql, int nargs, const char *const *args,
							 bool latest, bool read_only);

uint64
lc_exec_argv(const char *sql, int nargs, const char *const *args, bool latest)
{
	return exec_text_args(sql, nargs, args, latest, false);
}

/*
 * lc_exec_argv run read only: the statement reads the snapshot of the query
 * that called the function, as a subquery there would (the API renderers,
 * render_spi.c).
 */
uint64
lc_exec_read_only(const char *sql, int nargs, const char *const *args)
{
	return exec_text_args(sql, nargs, args, false, true);
}

static uint64
exec_text_args(const char *sql, int nargs, const char *const *args, bool latest,
			   bool read_only)
{
	Datum		values[LC_MAX_ARGS];
	char		nulls[LC_MAX_ARGS];
	SPIPlanPtr	plan;
	int			rc;

	Assert(nargs <= LC_MAX_ARGS);
	plan = lc_plan(sql, nargs);
	for (int i = 0; i < nargs; i++)
	{
		values[i] = args[i] ? CStringGetTextDatum(args[i]) : (Datum) 0;
		nulls[i] = args[i] ? ' ' : 'n';
	}

	if (latest && IsolationUsesXactSnapshot())
	{
		/* our own earlier writes must be visible to the fresh snapshot too */
		CommandCounterIncrement();
		rc = SPI_execute_snapshot(plan, values, nulls, GetLatestSnapshot(),
								  InvalidSnapshot, false, false, 0);
	}
	else
		rc = SPI_execute_plan(plan, values, nulls, read_only, 0);
	if (rc < 0)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	return SPI_processed;
}

/*
 * A statement whose values are Datums of the given types rather than text
 * (content as bytea, which text would double): the same kept plans and the
 * same snapshot rule.  nulls as SPI takes them (' ' or 'n').
 */
uint64
lc_exec_datums(const char *sql, int nargs, const Oid *types, Datum *values,
			   const char *nulls)
{
	SPIPlanPtr	plan;
	int			rc;

	Assert(nargs <= LC_MAX_ARGS);
	plan = lc_plan_typed(sql, nargs, types);
	rc = SPI_execute_plan(plan, values, nulls, false, 0);
	if (rc < 0)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	return SPI_processed;
}

static uint64
lc_exec_va(const char *sql, int nargs, bool latest, va_list ap)
{
	const char *args[LC_MAX_ARGS];

	Assert(nargs <= LC_MAX_ARGS);
	for (int i = 0; i < nargs; i++)
		args[i] = va_arg(ap, const char *);
	return lc_exec_argv(sql, nargs, args, latest);
}

uint64
lc_exec(const char *sql, int nargs,...)
{
	va_list		ap;
	uint64		n;

	va_start(ap, nargs);
	n = lc_exec_va(sql, nargs, false, ap);
	va_end(ap);
	return n;
}

/* lc_exec reading the latest committed state (see lc_exec_argv) */
uint64
lc_exec_latest(const char *sql, int nargs,...)
{
	va_list		ap;
	uint64		n;

	va_start(ap, nargs);
	n = lc_exec_va(sql, nargs, true, ap);
	va_end(ap);
	return n;
}

/* Column col (1-based) of row row of the last result, as text; NULL for NULL. */
char *
lc_get_row(uint64 row, int col)
{
	/*
	 * Only attachments are ever physically deleted (and their re-read under
	 * lock checks for that), so a re-read under lock finds its row; still, a
	 * missing row must be a clean error, not a wild read.
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

/*
 * Today's date (the transaction's, as CURRENT_DATE gives it) as ISO text, to
 * pass as a parameter where a statement needs it inside CASE or COALESCE:
 * Citus refuses non-immutable functions there in modifying statements.
 */
char *
lc_today(void)
{
	return DatumGetCString(DirectFunctionCall1(date_out,
											   DateADTGetDatum(GetSQLCurrentDate())));
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
