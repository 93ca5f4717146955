/*
 * rql_query.c
 *		Server glue of the list endpoints (README "Lists and RQL"): runs the
 *		statement the pure core (rql.c, rql_fields.c) builds, binding every
 *		value as a typed parameter.
 *
 *	enrollment.rql_list(resource, filter, select, order, limit, offset,
 *	                    scope_field, scope_id) -> jsonb
 *		{"$meta": {"pagination": {offset, limit, total}, "omitted": [...]},
 *		 "data": [...]}: one statement (so total and data come from the same
 *		snapshot) over the resource's view, run as the CALLER: the views are
 *		security_invoker and the tables' row level security decides what the
 *		caller sees, so total counts only visible rows.
 *	enrollment.rql_omitted(resource, select, list, shows_hidden) -> text[]
 *		the columns a select= leaves out (for the single-object reads).
 *
 * Errors: parse errors are 22023 "invalid RQL" (or "invalid select", ...)
 * with the position in the detail and the query parameter's name in the
 * error's COLUMN field; a value that is no valid id is 22P02 from the
 * mpt_id input function, a bad date or number the type's own input error.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

#include "errcodes.h"
#include "lifecycle_spi.h"
#include "render.h"
#include "rql.h"

static void *
rql_palloc(void *ctx, size_t size)
{
	return palloc(size);
}

static void
raise_rql_error(const RqlError *err)
{
	const char *what = strcmp(err->param, "rql") == 0 ? "RQL" : err->param;

	ereport(ERROR,
			(errcode(ENR_ERRCODE_BAD_VALUE),
			 errmsg("invalid %s", what),
			 errdetail("At character %d of %s: %s", err->position, err->param, err->message),
			 err_generic_string(PG_DIAG_COLUMN_NAME, err->param)));
}

static const RqlResource *
get_resource(FunctionCallInfo fcinfo)
{
	const RqlResource *res;
	char	   *name;

	if (PG_ARGISNULL(0))
		ereport(ERROR, (errcode(ENR_ERRCODE_BAD_VALUE), errmsg("resource is required")));
	name = text_to_cstring(PG_GETARG_TEXT_PP(0));
	res = rql_resource(name);
	if (res == NULL)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("unknown list resource \"%s\"", name)));
	return res;
}

/* (s, len) of a nullable text argument; NULL -> (NULL, 0) */
static const char *
text_arg(FunctionCallInfo fcinfo, int n, size_t *len)
{
	text	   *t;

	*len = 0;
	if (PG_ARGISNULL(n))
		return NULL;
	t = PG_GETARG_TEXT_PP(n);
	*len = VARSIZE_ANY_EXHDR(t);
	return VARDATA_ANY(t);
}

/*
 * The columns not shown, for $meta.omitted.  A column the view suppresses for
 * clients (program statistics) is never listed to a client: what the caller
 * may not see is not announced as merely omitted (README "Lists and RQL").
 */
static ArrayType *
omitted_array(const RqlResource *res, const unsigned char *shown, bool shows_hidden)
{
	Datum		elems[RQL_MAX_COLUMNS];
	int			i,
				n = 0;

	for (i = 0; i < res->ncolumns; i++)
		if (!shown[i] && (shows_hidden || !res->columns[i].clients_never))
			elems[n++] = CStringGetTextDatum(res->columns[i].name);
	return construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT);
}

/* type and value of one bound parameter, through the type's input function */
static void
bind_value(RqlType t, const char *value, Oid *type, Datum *datum)
{
	Oid			typinput,
				typioparam;

	switch (t)
	{
		case RQL_T_TEXT:
			*type = TEXTOID;
			*datum = CStringGetTextDatum(value);
			return;
		case RQL_T_ID:
			*type = lc_mpt_id_oid();
			break;
		case RQL_T_TIMESTAMP:
			*type = TIMESTAMPTZOID;
			break;
		case RQL_T_DATE:
			*type = DATEOID;
			break;
		case RQL_T_BOOL:
			*type = BOOLOID;
			break;
		case RQL_T_INT:
			*type = INT4OID;
			break;
	}
	getTypeInputInfo(*type, &typinput, &typioparam);
	*datum = OidInputFunctionCall(typinput, (char *) value, typioparam, -1);
}

/*
 * A filter value through its type's input function: a malformed id stays
 * 22P02 (a bad date 22007, ...) with the type's own message, and gets the
 * query parameter's name in the COLUMN field like the parse errors.
 */
static void
bind_filter_value(const RqlParam *prm, Oid *type, Datum *datum)
{
	MemoryContext mcxt = CurrentMemoryContext;

	PG_TRY();
	{
		bind_value(prm->type, prm->value, type, datum);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(mcxt);
		edata = CopyErrorData();
		FlushErrorState();
		if (edata->column_name == NULL)
			edata->column_name = pstrdup("rql");
		ReThrowError(edata);
	}
	PG_END_TRY();
}

static int32
int_arg(FunctionCallInfo fcinfo, int n, const char *name, int32 dflt)
{
	int32		v;

	if (PG_ARGISNULL(n))
		return dflt;
	v = PG_GETARG_INT32(n);
	if (v < 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid %s", name),
				 errdetail("%s must be zero or more, not %d.", name, v),
				 err_generic_string(PG_DIAG_COLUMN_NAME, name)));
	return v;
}

PG_FUNCTION_INFO_V1(rql_list);
Datum
rql_list(PG_FUNCTION_ARGS)
{
	const RqlResource *res = get_resource(fcinfo);
	const char *s;
	size_t		len;
	unsigned char shown[RQL_MAX_COLUMNS];
	RqlError	err;
	RqlNode    *filter;
	RqlSql		where;
	char	   *order;
	int32		limit,
				offset;
	StringInfoData sql;
	StringInfoData cols;
	Oid			types[RQL_MAX_TERMS + 4];
	Datum		values[RQL_MAX_TERMS + 4];
	int			nargs,
				i;
	bool		isnull,
				shows_hidden;
	Datum		result;
	int			rc;

	Assert(res->ncolumns <= RQL_MAX_COLUMNS);
	/* limit and offset first: they are plain numbers */
	limit = int_arg(fcinfo, 4, "limit", RQL_DEFAULT_LIMIT);
	if (limit > RQL_MAX_LIMIT)
		limit = RQL_MAX_LIMIT;
	offset = int_arg(fcinfo, 5, "offset", 0);

	s = text_arg(fcinfo, 1, &len);
	if (rql_parse_filter(res, s ? s : "", len, rql_palloc, NULL, &filter, &err) < 0)
		raise_rql_error(&err);
	s = text_arg(fcinfo, 2, &len);
	if (rql_parse_select(res, s, len, 1, shown, &err) < 0)
		raise_rql_error(&err);
	s = text_arg(fcinfo, 3, &len);
	if (rql_parse_order(res, s, len, rql_palloc, NULL, &order, &err) < 0)
		raise_rql_error(&err);
	if (rql_filter_sql(filter, 4, rql_palloc, NULL, &where, &err) < 0)
		raise_rql_error(&err);

	types[0] = INT4OID;
	values[0] = Int32GetDatum(offset);
	types[1] = INT4OID;
	values[1] = Int32GetDatum(limit);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* api_shows_hidden's own C, with this function's owner's rights */
	shows_hidden = render_shows_hidden(fcinfo);

	types[2] = TEXTARRAYOID;
	values[2] = PointerGetDatum(omitted_array(res, shown, shows_hidden));
	nargs = 3;
	for (i = 0; i < where.nparams; i++, nargs++)
		bind_filter_value(&where.params[i], &types[nargs], &values[nargs]);

	/* a fixed scope (the program of /programs/{id}/templates, ...) */
	if (!PG_ARGISNULL(6) && !PG_ARGISNULL(7))
	{
		char	   *path = text_to_cstring(PG_GETARG_TEXT_PP(6));
		const RqlField *f = NULL;

		for (i = 0; i < res->nfields; i++)
			if (strcmp(res->fields[i].path, path) == 0)
				f = &res->fields[i];
		if (f == NULL)
			elog(ERROR, "scope field \"%s\" is not a field of %s", path, res->name);
		bind_value(f->type, text_to_cstring(PG_GETARG_TEXT_PP(7)), &types[nargs], &values[nargs]);
		nargs++;
		where.where = psprintf("(%s) AND ((%s OPERATOR(%s.=) $%d) IS TRUE)", where.where, f->sql,
							   f->type == RQL_T_ID ? "enrollment" : "pg_catalog", nargs);
	}

	/* only the shown columns are named, so the view never computes the others */
	initStringInfo(&cols);
	for (i = 0; i < res->ncolumns; i++)
		if (shown[i])
			appendStringInfo(&cols, "%s'%s', v.\"%s\"", cols.len > 0 ? ", " : "",
							 res->columns[i].name, res->columns[i].name);

	initStringInfo(&sql);
	appendStringInfo(&sql,
					 "SELECT pg_catalog.jsonb_build_object("
					 "'$meta', pg_catalog.jsonb_build_object('pagination', pg_catalog.jsonb_build_object("
					 "'offset', $1, 'limit', $2, 'total', (SELECT pg_catalog.count(*) FROM %s v WHERE %s)))"
					 " OPERATOR(pg_catalog.||) CASE WHEN pg_catalog.cardinality($3) OPERATOR(pg_catalog.>) 0"
					 " THEN pg_catalog.jsonb_build_object('omitted', pg_catalog.to_jsonb($3))"
					 " ELSE '{}'::pg_catalog.jsonb END,"
					 " 'data', COALESCE((SELECT pg_catalog.jsonb_agg(r.j ORDER BY r.n) FROM ("
					 "SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(%s)) AS j,"
					 " pg_catalog.row_number() OVER (ORDER BY %s) AS n"
					 " FROM %s v WHERE %s ORDER BY %s LIMIT $2 OFFSET $1) r), '[]'::pg_catalog.jsonb))",
					 res->view, where.where, cols.data, order, res->view, where.where, order);

	rc = SPI_execute_with_args(sql.data, nargs, types, values, NULL, true, 1);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "list query failed: %s", SPI_result_code_string(rc));
	result = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		elog(ERROR, "list query returned NULL");
	result = SPI_datumTransfer(result, false, -1);
	SPI_finish();
	PG_RETURN_DATUM(result);
}

PG_FUNCTION_INFO_V1(rql_omitted);
Datum
rql_omitted(PG_FUNCTION_ARGS)
{
	const RqlResource *res = get_resource(fcinfo);
	unsigned char shown[RQL_MAX_COLUMNS];
	RqlError	err;
	const char *s;
	size_t		len;

	s = text_arg(fcinfo, 1, &len);
	if (rql_parse_select(res, s, len, !PG_ARGISNULL(2) && PG_GETARG_BOOL(2), shown, &err) < 0)
		raise_rql_error(&err);
	PG_RETURN_ARRAYTYPE_P(omitted_array(res, shown, PG_ARGISNULL(3) || PG_GETARG_BOOL(3)));
}

PG_FUNCTION_INFO_V1(rql_columns);
Datum
rql_columns(PG_FUNCTION_ARGS)
{
	const RqlResource *res = get_resource(fcinfo);
	unsigned char shown[RQL_MAX_COLUMNS];

	memset(shown, 0, sizeof(shown));
	PG_RETURN_ARRAYTYPE_P(omitted_array(res, shown, true));
}
