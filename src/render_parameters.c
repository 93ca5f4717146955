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
 * did to the view's subqueries.
 *
 * The last object rendered is kept for the statement (render_last_get): a
 * PostgREST read by id evaluates the column twice for its one row.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

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
 * Columns of the rows read, taken from their own table (the caller lookup
 * runs a statement of its own, which replaces SPI_tuptable), as binary
 * values: no output function, no copy.
 */

/* A text column: *len set, NULL for SQL NULL. */
static const char *
row_text(SPITupleTable *rows, uint64 row, int col, int *len)
{
	bool		isnull;
	Datum		d = SPI_getbinval(rows->vals[row], rows->tupdesc, col, &isnull);
	text	   *t;

	if (isnull)
		return NULL;
	t = DatumGetTextPP(d);
	*len = VARSIZE_ANY_EXHDR(t);
	return VARDATA_ANY(t);
}

/* A text column as a member, left out when NULL. */
static void
push_text(JsonbParseState **ps, const char *key, SPITupleTable *rows, uint64 row, int col)
{
	int			len;
	const char *s = row_text(rows, row, col, &len);

	if (s != NULL)
		rj_string_len(ps, key, s, len);
}

static bool
row_bool(SPITupleTable *rows, uint64 row, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(rows->vals[row], rows->tupdesc, col, &isnull);

	return !isnull && DatumGetBool(d);
}

static Jsonb *
row_jsonb(SPITupleTable *rows, uint64 row, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(rows->vals[row], rows->tupdesc, col, &isnull);

	return isnull ? NULL : DatumGetJsonbP(d);
}

/* One instance, as an element of the array being built. */
static void
push_instance(JsonbParseState **ps, SPITupleTable *rows, uint64 row)
{
	Jsonb	   *value = row_jsonb(rows, row, 9);
	bool		isnull;
	Datum		id = SPI_getbinval(rows->vals[row], rows->tupdesc, 1, &isnull);

	pushJsonbValue(ps, WJB_BEGIN_OBJECT, NULL);
	rj_string(ps, "id", mpt_id_to_cstring(DatumGetMptIdP(id)));
	push_text(ps, "externalId", rows, row, 2);
	push_text(ps, "name", rows, row, 3);
	push_text(ps, "type", rows, row, 4);
	push_text(ps, "phase", rows, row, 5);
	rj_jsonb(ps, "error", row_jsonb(rows, row, 10));
	rj_key(ps, "constraints");
	pushJsonbValue(ps, WJB_BEGIN_OBJECT, NULL);
	rj_bool(ps, "hidden", row_bool(rows, row, 6));
	rj_bool(ps, "readonly", row_bool(rows, row, 7));
	rj_bool(ps, "required", row_bool(rows, row, 8));
	pushJsonbValue(ps, WJB_END_OBJECT, NULL);
	if (value != NULL)
		rj_string(ps, "displayValue", display_value(value));
	rj_jsonb(ps, "value", value);
	pushJsonbValue(ps, WJB_END_OBJECT, NULL);
}

/* The array of the instances of one phase. */
static void
push_phase(JsonbParseState **ps, const char *key, const char *phase,
		   SPITupleTable *rows, uint64 n, bool show_hidden)
{
	rj_key(ps, key);
	pushJsonbValue(ps, WJB_BEGIN_ARRAY, NULL);
	for (uint64 r = 0; r < n; r++)
	{
		int			len;
		const char *p = row_text(rows, r, 5, &len);

		if (p == NULL || len != strlen(phase) || memcmp(p, phase, len) != 0 ||
			(!show_hidden && row_bool(rows, r, 6)))
			continue;
		push_instance(ps, rows, r);
	}
	pushJsonbValue(ps, WJB_END_ARRAY, NULL);
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
	SPITupleTable *rows;
	uint64		n;
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
	n = render_exec(sql, 2, args);
	rows = SPI_tuptable;
	for (uint64 r = 0; r < n; r++)
		if (row_bool(rows, r, 6))
		{
			show_hidden = render_shows_hidden(fcinfo);
			break;
		}

	pushJsonbValue(&ps, WJB_BEGIN_OBJECT, NULL);
	push_phase(&ps, "ordering", "Order", rows, n, show_hidden);
	push_phase(&ps, "fulfillment", "Fulfillment", rows, n, show_hidden);
	root = pushJsonbValue(&ps, WJB_END_OBJECT, NULL);
	result = rj_result(root, caller_cxt);
	render_last_put(fcinfo, *kind, args[0], args[1], (struct varlena *) DatumGetPointer(result));
	SPI_finish();

	PG_RETURN_DATUM(result);
}
