/*
 * render_object.c
 *		enrollment.api_object_json(kind, id): the object's JSON as its view
 *		shows it to the caller, null fields omitted: the objects of the RQL
 *		list and get functions (src/sql/48_api_lists.sql; the action
 *		functions answer the view's row itself).
 *
 * The SQL function it replaces held one subquery per kind over the views;
 * being a SQL function with a pinned search_path it was planned again, all
 * seven views, on every call.  Here each kind's query is a kept plan (one per
 * backend, render_spi.c), over the same view, so the JSON is the view's by
 * construction.  Read as the current user, like the SQL function: the list
 * functions call it with their definer's rights.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "lifecycle_spi.h"
#include "render.h"

#define OBJECT_SQL(view) \
	"SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.to_jsonb(v)) FROM " view " v" \
	" WHERE v.id" EQ ID(1)

typedef struct ObjectKind
{
	const char *kind;
	const char *sql;
} ObjectKind;

static const ObjectKind object_kinds[] = {
	{"program", OBJECT_SQL("program.programs")},
	{"enrollment", OBJECT_SQL("program.enrollments")},
	{"certificate", OBJECT_SQL("program.certificates")},
	{"parameter", OBJECT_SQL("program.parameters")},
	{"template", OBJECT_SQL("program.templates")},
	{"parameter group", OBJECT_SQL("program.parameter_groups")},
	{"attachment", OBJECT_SQL("program.enrollment_attachments")},
	{NULL, NULL}
};

PG_FUNCTION_INFO_V1(render_api_object_json);

/* NULL for an unknown kind or an object the view does not show. */
Datum
render_api_object_json(PG_FUNCTION_ARGS)
{
	const ObjectKind *k;
	const char *id;
	char	   *kind;
	Datum		result = (Datum) 0;
	bool		isnull = true;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	kind = text_to_cstring(PG_GETARG_TEXT_PP(0));
	for (k = object_kinds; k->kind != NULL; k++)
		if (strcmp(k->kind, kind) == 0)
			break;
	if (k->kind == NULL)
		PG_RETURN_NULL();
	id = mpt_id_to_cstring(PG_GETARG_MPT_ID_P(1));

	SPI_connect();
	if (render_exec(k->sql, 1, &id) > 0)
	{
		Datum		d = render_get_datum(0, 1, &isnull);

		if (!isnull)
			result = PointerGetDatum(SPI_datumTransfer(d, false, -1));
	}
	SPI_finish();
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}
