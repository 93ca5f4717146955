/*
 * lifecycle_spi.c
 *		Small SPI helpers for the lifecycle engine.
 *
 * All SQL text is a compile-time constant and every value is a parameter, so
 * nothing a caller sends is ever spliced into SQL.  Callers pass C strings;
 * a parameter the statement always casts to one type (ID(n) =
 * $n::enrollment.mpt_id, $2::date, $3::jsonb, ...: param_casts) is bound as
 * that type, parsed here by its input function with the cast's own error, so
 * that the plan compares a column with a parameter of its own type (an index
 * condition, a distribution column Citus can route on) and holds no cast
 * that Citus refuses inside CASE.  Any other parameter is text.
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
#include "catalog/namespace.h"
#include "catalog/pg_type_d.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

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
	Oid			mpt_id_oid;		/* the type's oid when prepared */
	Oid			types[LC_MAX_ARGS]; /* parameter types (param_type) */
	FmgrInfo	input[LC_MAX_ARGS];	/* input function of each type but text and mpt_id */
	Oid			ioparam[LC_MAX_ARGS];
	SPIPlanPtr	plan;
} LcPlan;

/*
 * The oid of enrollment.mpt_id, looked up on every use (two syscache hits):
 * a DROP and CREATE EXTENSION in the same session gives it a new oid, and a
 * plan prepared with the old one is prepared again.
 */
Oid
lc_mpt_id_oid(void)
{
	Oid			nsp = get_namespace_oid("enrollment", false);

	return GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
						   CStringGetDatum("mpt_id"), ObjectIdGetDatum(nsp));
}

/* The casts a statement's text may apply to a parameter, and the type each names. */
static const struct
{
	const char *cast;
	Oid			type;			/* InvalidOid: enrollment.mpt_id */
}			param_casts[] =
{
	{"::enrollment.mpt_id", InvalidOid},
	{"::date", DATEOID},
	{"::jsonb", JSONBOID},
	{"::integer", INT4OID},
	{"::bigint", INT8OID},
	{"::boolean", BOOLOID},
	{"::timestamptz", TIMESTAMPTZOID},
};

/*
 * The type parameter n is bound as: the type of its cast when every "$n" of
 * the text carries the same one of param_casts (not an array cast nor a
 * longer type name), else text.  Bound with its own type, the parameter is
 * what the plan compares and stores, with no cast in between.
 */
static Oid
param_type(const char *sql, int n, Oid mpt)
{
	char		ref[16];
	size_t		reflen;
	int			found = -1;

	snprintf(ref, sizeof(ref), "$%d", n);
	reflen = strlen(ref);
	for (const char *p = strstr(sql, ref); p != NULL; p = strstr(p + reflen, ref))
	{
		const char *after = p + reflen;
		int			k;

		if (*after >= '0' && *after <= '9')
			continue;			/* $1 of $12 */
		for (k = 0; k < lengthof(param_casts); k++)
		{
			size_t		len = strlen(param_casts[k].cast);
			char		next = after[len];

			if (strncmp(after, param_casts[k].cast, len) == 0 &&
				next != '[' && next != '(' && next != '_' && next != '.' &&
				!(next >= 'a' && next <= 'z') && !(next >= '0' && next <= '9'))
				break;
		}
		if (k == lengthof(param_casts) || (found >= 0 && found != k))
			return TEXTOID;
		found = k;
	}
	if (found < 0)
		return TEXTOID;
	return OidIsValid(param_casts[found].type) ? param_casts[found].type : mpt;
}

static HTAB *lc_plans = NULL;

static LcPlan *lc_plan_entry(const char *sql, int nargs, const Oid *argtypes);

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
	return lc_plan_entry(sql, nargs, argtypes)->plan;
}

/*
 * The kept plan's entry: argtypes as given, or (NULL) text except for the
 * parameters used as ids, which are mpt_id.
 */
static LcPlan *
lc_plan_entry(const char *sql, int nargs, const Oid *argtypes)
{
	LcPlan	   *entry;
	Oid			types[LC_MAX_ARGS];
	Oid			mpt = lc_mpt_id_oid();
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
	if (entry != NULL && entry->nargs == nargs && entry->mpt_id_oid == mpt &&
		strcmp(entry->sql, sql) == 0)
		return entry;

	/* prepare before touching the hash, so an error leaves no half entry */
	Assert(nargs <= LC_MAX_ARGS);
	for (int i = 0; i < nargs; i++)
		types[i] = argtypes ? argtypes[i] :
			OidIsValid(mpt) ? param_type(sql, i + 1, mpt) : TEXTOID;
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
	entry->mpt_id_oid = mpt;
	memcpy(entry->types, types, sizeof(Oid) * nargs);
	for (int i = 0; i < nargs; i++)
		if (types[i] != TEXTOID && types[i] != mpt)
		{
			Oid			typinput;

			getTypeInputInfo(types[i], &typinput, &entry->ioparam[i]);
			fmgr_info_cxt(typinput, &entry->input[i], TopMemoryContext);
		}
	entry->plan = plan;
	return entry;
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

	LcPlan	   *entry;

	Assert(nargs <= LC_MAX_ARGS);
	entry = lc_plan_entry(sql, nargs, NULL);
	plan = entry->plan;
	for (int i = 0; i < nargs; i++)
	{
		if (args[i] == NULL)
			values[i] = (Datum) 0;
		else if (entry->types[i] == TEXTOID)
			values[i] = CStringGetTextDatum(args[i]);
		else if (entry->types[i] == entry->mpt_id_oid)
			values[i] = MptIdPGetDatum(mpt_id_parse(args[i], strlen(args[i])));
		else					/* the type's input function: the cast's parse and error */
			values[i] = InputFunctionCall(&entry->input[i], (char *) args[i], entry->ioparam[i], -1);
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
