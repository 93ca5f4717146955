/*
 * render_spi.c
 *		SPI for the API renderers (render.h): kept plans run read only, so
 *		that a renderer called by a view reads the view's own snapshot, as the
 *		subquery it replaces did.
 *
 * The plans are lc_plan's (lifecycle_spi.c): prepared once per backend,
 * generic, revalidated by the plan cache after DDL; a plan that depends on
 * row level security is re-planned when another role runs it.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_proc.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "direct_read.h"
#include "lifecycle_spi.h"
#include "mpt_id.h"
#include "render.h"

#define RENDER_MAX_ARGS 4

uint64
render_exec(const char *sql, int nargs, const char *const *args)
{
	Assert(nargs <= RENDER_MAX_ARGS);
	return lc_exec_read_only(sql, nargs, args);
}

/* The owner of the function being called, whose rights render_exec_as_owner reads with. */
Oid
render_owner(FunctionCallInfo fcinfo)
{
	HeapTuple	tup;
	Oid			owner;

	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(fcinfo->flinfo->fn_oid));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for function %u", fcinfo->flinfo->fn_oid);
	owner = ((Form_pg_proc) GETSTRUCT(tup))->proowner;
	ReleaseSysCache(tup);
	return owner;
}

/*
 * fn(arg) with the rights of the owner of the function being called, for
 * render_exec_as_owner's statements and the direct reads (direct_read.c)
 * that replace them.  fn's answer.
 */
bool
render_as_owner(FunctionCallInfo fcinfo, bool (*fn) (void *arg), void *arg)
{
	Oid			save_userid;
	int			save_sec_context;
	volatile bool done = false;

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(render_owner(fcinfo), save_sec_context | SECURITY_LOCAL_USERID_CHANGE);
	PG_TRY();
	{
		done = fn(arg);
	}
	PG_FINALLY();
	{
		SetUserIdAndSecContext(save_userid, save_sec_context);
	}
	PG_END_TRY();
	return done;
}

typedef struct ExecArgs
{
	const char *sql;
	int			nargs;
	const char *const *args;
	uint64		n;
} ExecArgs;

static bool
exec_fn(void *arg)
{
	ExecArgs   *a = arg;

	a->n = render_exec(a->sql, a->nargs, a->args);
	return true;
}

/*
 * render_exec with the rights of the owner of the function being called, as
 * a SECURITY DEFINER SQL helper would read: for the few reads that the API
 * makes whatever the caller's own grants and policies (render.h).  There is
 * no pinned search_path here, so the SQL text must qualify every name,
 * types included (pg_catalog.text: pg_temp is searched first for types), or
 * the caller could point a re-plan at objects of its own.
 */
uint64
render_exec_as_owner(FunctionCallInfo fcinfo, const char *sql, int nargs,
					 const char *const *args)
{
	ExecArgs	a = {sql, nargs, args, 0};

	(void) render_as_owner(fcinfo, exec_fn, &a);
	return a.n;
}

typedef struct ReadArgs
{
	const char *table;
	const char *index;
	int			nkeys;
	const Datum *keys;
	DrRows	   *out;
	Datum	  **values;
	int		   *count;
} ReadArgs;

static bool
read_fn(void *arg)
{
	ReadArgs   *a = arg;

	return dr_read(a->table, a->index, a->nkeys, a->keys, DR_CALLING_QUERY, a->out);
}

static bool
distinct_fn(void *arg)
{
	ReadArgs   *a = arg;

	return dr_distinct(a->table, a->index, a->keys[0], DR_CALLING_QUERY, a->values, a->count);
}

/* dr_read with the owner's rights on the calling query's snapshot; false: run the statement */
bool
render_read_as_owner(FunctionCallInfo fcinfo, const char *table, const char *index,
					 int nkeys, const Datum *keys, DrRows *out)
{
	ReadArgs	a = {table, index, nkeys, keys, out, NULL, NULL};

	return render_as_owner(fcinfo, read_fn, &a);
}

/* dr_distinct the same way */
bool
render_distinct_as_owner(FunctionCallInfo fcinfo, const char *table, const char *index,
						 Datum key, Datum **values, int *count)
{
	ReadArgs	a = {table, index, 1, &key, NULL, values, count};

	return render_as_owner(fcinfo, distinct_fn, &a);
}

/*
 * The one row of enrollment.<table> whose index <index> columns equal the
 * ids, read as the caller (or, as_owner, with the owner's rights): by the
 * index where direct_read.c can, else by sql (the same row, its columns in
 * the order of columns).  values[i] is column columns[i] as its type's text,
 * NULL for NULL; false when there is no such row the reader may see.  Inside
 * SPI_connect.
 */
bool
render_row(FunctionCallInfo fcinfo, bool as_owner, const char *table, const char *index,
		   int nkeys, const char *const *ids, const char *const *columns, int ncols,
		   const char *sql, char **values)
{
	Datum		keys[RENDER_MAX_ARGS];
	DrRows		rows;
	bool		direct;

	Assert(nkeys <= RENDER_MAX_ARGS);
	for (int i = 0; i < nkeys; i++)
		keys[i] = MptIdPGetDatum(mpt_id_parse(ids[i], strlen(ids[i])));
	direct = as_owner ? render_read_as_owner(fcinfo, table, index, nkeys, keys, &rows) :
		dr_read(table, index, nkeys, keys, DR_CALLING_QUERY, &rows);
	if (direct)
	{
		if (rows.n == 0)
			return false;
		for (int c = 0; c < ncols; c++)
		{
			int			attnum = dr_attnum(&rows, columns[c]);
			bool		isnull;
			Datum		d = dr_get(&rows, 0, attnum, &isnull);
			Oid			out;
			bool		varlena;

			if (isnull)
			{
				values[c] = NULL;
				continue;
			}
			getTypeOutputInfo(TupleDescAttr(rows.tupdesc, attnum - 1)->atttypid, &out, &varlena);
			values[c] = OidOutputFunctionCall(out, d);
		}
		return true;
	}
	if ((as_owner ? render_exec_as_owner(fcinfo, sql, nkeys, ids) : render_exec(sql, nkeys, ids)) == 0)
		return false;
	for (int c = 0; c < ncols; c++)
		values[c] = render_get(0, c + 1);
	return true;
}

/* Column col (1-based) of row row of the last result as text; NULL for NULL. */
char *
render_get(uint64 row, int col)
{
	Assert(SPI_tuptable != NULL && row < SPI_processed);
	return SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col);
}

Datum
render_get_datum(uint64 row, int col, bool *isnull)
{
	Assert(SPI_tuptable != NULL && row < SPI_processed);
	return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col, isnull);
}
