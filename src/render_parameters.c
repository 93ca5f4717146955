/*
 * render_parameters.c
 *		enrollment.render_parameters(kind, program_id, object_id): the
 *		parameters column of program.enrollments and program.certificates,
 *		{ordering: [...], fulfillment: [...]}, in C (render.h).
 *
 * Each instance is what enrollment.api_parameter_instance builds, nulls
 * omitted: {id, externalId, name, type, phase, error, constraints{hidden,
 * readonly, required}, displayValue, value}; the displayValue is
 * display_value.c's, the same text as enrollment.api_display_value.  Within
 * a phase the instances are in display order, then by parameter id.  Hidden
 * instances are left out unless the caller may see them (api_shows_hidden),
 * which is only looked up when there is a hidden one.  The rows are read as
 * the caller, so the row level security of the value tables applies as it
 * did to the view's subqueries: on one server by an index scan of the value
 * table's primary key that applies the policies itself (direct_read.c; the
 * statement's ORDER BY is a sort here), else by the statement.
 *
 * The last object rendered is kept for the statement (render_last_get): a
 * PostgREST read by id evaluates the column twice for its one row.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "direct_read.h"
#include "display_value.h"
#include "lifecycle_spi.h"
#include "render.h"

#define PARAMETER_COLUMNS \
	"SELECT parameter_id, external_id, name, type, phase, hidden, readonly, required, value, "

static const char *const enrollment_values_sql =
	PARAMETER_COLUMNS "error"
	"  FROM enrollment.enrollment_parameters"
	" WHERE program_id" EQ ID(1) " AND enrollment_id" EQ ID(2)
	" ORDER BY display_order, parameter_id";

static const char *const certificate_values_sql =
	PARAMETER_COLUMNS "NULL::pg_catalog.jsonb"
	"  FROM enrollment.certificate_parameters"
	" WHERE program_id" EQ ID(1) " AND certificate_id" EQ ID(2)
	" ORDER BY display_order, parameter_id";

/*
 * The rows read, by either road: the columns each instance needs, found in
 * the tuples by attribute number (a statement's result or the table's own
 * rows), as binary values: no output function, no copy.
 */
enum
{
	C_ID, C_EXTERNAL_ID, C_NAME, C_TYPE, C_PHASE, C_HIDDEN, C_READONLY,
	C_REQUIRED, C_VALUE, C_ERROR, NCOLS
};

static const char *const column_names[NCOLS] = {
	"parameter_id", "external_id", "name", "type", "phase", "hidden", "readonly",
	"required", "value", "error"
};

typedef struct Rows
{
	int			n;
	HeapTuple  *tuples;
	TupleDesc	tupdesc;
	int			col[NCOLS];		/* attribute numbers; 0: always NULL */
} Rows;

static Datum
row_datum(const Rows *rows, int row, int col, bool *isnull)
{
	if (rows->col[col] == 0)
	{
		*isnull = true;
		return (Datum) 0;
	}
	return heap_getattr(rows->tuples[row], rows->col[col], rows->tupdesc, isnull);
}

/* A text column: *len set, NULL for SQL NULL. */
static const char *
row_text(const Rows *rows, int row, int col, int *len)
{
	bool		isnull;
	Datum		d = row_datum(rows, row, col, &isnull);
	text	   *t;

	if (isnull)
		return NULL;
	t = DatumGetTextPP(d);
	*len = VARSIZE_ANY_EXHDR(t);
	return VARDATA_ANY(t);
}

/* A text column as a member, left out when NULL. */
static void
push_text(JsonbParseState **ps, const char *key, const Rows *rows, int row, int col)
{
	int			len;
	const char *s = row_text(rows, row, col, &len);

	if (s != NULL)
		rj_string_len(ps, key, s, len);
}

static bool
row_bool(const Rows *rows, int row, int col)
{
	bool		isnull;
	Datum		d = row_datum(rows, row, col, &isnull);

	return !isnull && DatumGetBool(d);
}

static Jsonb *
row_jsonb(const Rows *rows, int row, int col)
{
	bool		isnull;
	Datum		d = row_datum(rows, row, col, &isnull);

	return isnull ? NULL : DatumGetJsonbP(d);
}

/* One instance, as an element of the array being built. */
static void
push_instance(JsonbParseState **ps, const Rows *rows, int row)
{
	Jsonb	   *value = row_jsonb(rows, row, C_VALUE);
	bool		isnull;
	Datum		id = row_datum(rows, row, C_ID, &isnull);

	pushJsonbValue(ps, WJB_BEGIN_OBJECT, NULL);
	rj_string(ps, "id", mpt_id_to_cstring(DatumGetMptIdP(id)));
	push_text(ps, "externalId", rows, row, C_EXTERNAL_ID);
	push_text(ps, "name", rows, row, C_NAME);
	push_text(ps, "type", rows, row, C_TYPE);
	push_text(ps, "phase", rows, row, C_PHASE);
	rj_jsonb(ps, "error", row_jsonb(rows, row, C_ERROR));
	rj_key(ps, "constraints");
	pushJsonbValue(ps, WJB_BEGIN_OBJECT, NULL);
	rj_bool(ps, "hidden", row_bool(rows, row, C_HIDDEN));
	rj_bool(ps, "readonly", row_bool(rows, row, C_READONLY));
	rj_bool(ps, "required", row_bool(rows, row, C_REQUIRED));
	pushJsonbValue(ps, WJB_END_OBJECT, NULL);
	if (value != NULL)
		rj_string(ps, "displayValue", display_value(value));
	rj_jsonb(ps, "value", value);
	pushJsonbValue(ps, WJB_END_OBJECT, NULL);
}

/* The array of the instances of one phase. */
static void
push_phase(JsonbParseState **ps, const char *key, const char *phase,
		   const Rows *rows, bool show_hidden)
{
	rj_key(ps, key);
	pushJsonbValue(ps, WJB_BEGIN_ARRAY, NULL);
	for (int r = 0; r < rows->n; r++)
	{
		int			len;
		const char *p = row_text(rows, r, C_PHASE, &len);

		if (p == NULL || len != strlen(phase) || memcmp(p, phase, len) != 0 ||
			(!show_hidden && row_bool(rows, r, C_HIDDEN)))
			continue;
		push_instance(ps, rows, r);
	}
	pushJsonbValue(ps, WJB_END_ARRAY, NULL);
}

/* A row read directly, with the keys of the statement's ORDER BY. */
typedef struct SortRow
{
	int32		display_order;
	const MptId *id;
	HeapTuple	tuple;
} SortRow;

static int
sort_row_cmp(const void *a, const void *b)
{
	const SortRow *x = a,
			   *y = b;

	if (x->display_order != y->display_order)
		return x->display_order < y->display_order ? -1 : 1;
	return mpt_id_compare(x->id, y->id);
}

/*
 * The instances read without a statement (direct_read.c), in the statement's
 * order: display_order (NOT NULL), then parameter id.  False when SQL must
 * read them.
 */
static bool
read_direct(bool certificate, Datum program_id, Datum object_id, Rows *rows)
{
	Datum		keys[2] = {program_id, object_id};
	DrRows		dr;
	int			order_col;
	SortRow    *sorted;

	if (!dr_read(certificate ? "certificate_parameters" : "enrollment_parameters",
				 certificate ? "certificate_parameters_pkey" : "enrollment_parameters_pkey",
				 2, keys, DR_CALLING_QUERY, &dr))
		return false;
	rows->n = dr.n;
	rows->tupdesc = dr.tupdesc;
	for (int c = 0; c < NCOLS; c++)
		rows->col[c] = certificate && c == C_ERROR ? 0 : dr_attnum(&dr, column_names[c]);
	order_col = dr_attnum(&dr, "display_order");
	sorted = palloc(sizeof(SortRow) * Max(dr.n, 1));
	for (int r = 0; r < dr.n; r++)
	{
		bool		isnull;

		sorted[r].tuple = dr.tuples[r];
		sorted[r].display_order = DatumGetInt32(dr_get(&dr, r, order_col, &isnull));
		sorted[r].id = DatumGetMptIdP(dr_get(&dr, r, rows->col[C_ID], &isnull));
	}
	qsort(sorted, dr.n, sizeof(SortRow), sort_row_cmp);
	rows->tuples = palloc(sizeof(HeapTuple) * Max(dr.n, 1));
	for (int r = 0; r < dr.n; r++)
		rows->tuples[r] = sorted[r].tuple;
	return true;
}

/* The instances read with the statement (Citus, or where read_direct declines). */
static void
read_sql(const char *sql, const char *const *args, Rows *rows)
{
	rows->n = (int) render_exec(sql, 2, args);
	rows->tuples = SPI_tuptable->vals;
	rows->tupdesc = SPI_tuptable->tupdesc;
	for (int c = 0; c < NCOLS; c++)
		rows->col[c] = c + 1;
}

PG_FUNCTION_INFO_V1(render_parameters);

/* enrollment.render_parameters(kind text, program_id, object_id) RETURNS jsonb */
Datum
render_parameters(PG_FUNCTION_ARGS)
{
	char	   *kind = text_to_cstring(PG_GETARG_TEXT_PP(0));
	const char *args[2];
	const char *sql;
	MemoryContext caller_cxt = CurrentMemoryContext;
	JsonbParseState *ps = NULL;
	JsonbValue *root;
	Rows		rows;
	bool		show_hidden = true;
	struct varlena *kept;
	Datum		result;

	if (strcmp(kind, "enrollment") == 0)
		sql = enrollment_values_sql;
	else if (strcmp(kind, "certificate") == 0)
		sql = certificate_values_sql;
	else
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid kind \"%s\"", kind),
				 errdetail("Parameters are rendered for an enrollment or a certificate.")));
	args[0] = mpt_id_to_cstring(PG_GETARG_MPT_ID_P(1));
	args[1] = mpt_id_to_cstring(PG_GETARG_MPT_ID_P(2));
	/* the same object rendered just before, for the same statement (render_cache.c) */
	if (render_last_get(fcinfo, *kind, args[0], args[1], caller_cxt, &kept) && kept != NULL)
		PG_RETURN_POINTER(kept);

	SPI_connect();
	if (!read_direct(sql == certificate_values_sql, PG_GETARG_DATUM(1), PG_GETARG_DATUM(2), &rows))
		read_sql(sql, args, &rows);
	for (int r = 0; r < rows.n; r++)
		if (row_bool(&rows, r, C_HIDDEN))
		{
			show_hidden = render_shows_hidden(fcinfo);
			break;
		}

	pushJsonbValue(&ps, WJB_BEGIN_OBJECT, NULL);
	push_phase(&ps, "ordering", "Order", &rows, show_hidden);
	push_phase(&ps, "fulfillment", "Fulfillment", &rows, show_hidden);
	root = pushJsonbValue(&ps, WJB_END_OBJECT, NULL);
	result = rj_result(root, caller_cxt);
	render_last_put(fcinfo, *kind, args[0], args[1], (struct varlena *) DatumGetPointer(result));
	SPI_finish();

	PG_RETURN_DATUM(result);
}
