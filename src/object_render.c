/*
 * object_render.c
 *		enrollment.enrollment_render and enrollment.certificate_render: the
 *		template an enrollment or a certificate shows, rendered with its
 *		parameter values for the caller (README, "Templates").
 *
 * Which template:
 *   - the object's own template (template_id), whatever its status;
 *   - else the program's Default template of the type its status implies:
 *     an enrollment in Processing, Querying or Completed the Default
 *     EnrollmentProcessing, EnrollmentQuerying or EnrollmentCompleted
 *     template; a certificate that has been activated (Active, Updating,
 *     Expired, Terminated after activation) the Default EnrollmentCompleted;
 *   - an enrollment in Draft or Failed, or a certificate never activated,
 *     without a template of its own has nothing to show: PT409, like any
 *     action its status forbids;
 *   - a template its vendor deleted renders nothing: PT404 naming it (the
 *     domain: deleting a non-default template breaks rendering only).
 * Visibility is the API's: a client its own objects, a vendor those of its
 * programs, operations all; Deleted objects and foreign ones are PT404.
 * Hidden parameter values render empty for clients.
 *
 * Read only: the functions are STABLE and lock nothing.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "actor.h"
#include "lifecycle_spi.h"
#include "template_render.h"

/* What the two functions share once the object is found and visible. */
typedef struct RenderTarget
{
	const char *kind;			/* "enrollment", "certificate" */
	const char *id;
	const char *program_id;
	const char *template_id;	/* the object's own, NULL when none */
	const char *default_type;	/* type of the Default used when it has none */
	const char *values_sql;		/* (parameter_id, value, hidden) by $1 program, $2 object */
} RenderTarget;

/*
 * The row found by find_sql ($1 = id; columns program_id, client_id,
 * vendor_id, status, then any more), or PT404 when there is none, it is
 * Deleted or the caller may not see it.
 */
static void
find_visible(const Actor *actor, const char *find_sql, const char *kind, const char *id)
{
	if (lc_exec(find_sql, 1, id) == 0 ||
		strcmp(lc_get(4), "Deleted") == 0 ||
		(actor->kind == LC_ACTOR_CLIENT && strcmp(lc_get(2), actor->account_id) != 0) ||
		(actor->kind == LC_ACTOR_VENDOR && strcmp(lc_get(3), actor->account_id) != 0))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("%s %s not found", kind, id)));
}

/* The content of the target's template (its own, or the Default of its type). */
static char *
template_content(const RenderTarget *t)
{
	if (t->template_id != NULL)
	{
		lc_exec("SELECT status, content FROM enrollment.templates"
				" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
				2, t->program_id, t->template_id);
		if (strcmp(lc_get(1), "Deleted") == 0)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_NOT_FOUND),
					 errmsg("template %s of %s %s is deleted", t->template_id, t->kind, t->id),
					 errdetail("The %s shows a template that its vendor deleted, so there is nothing to render.",
							   t->kind),
					 errhint("The program's vendor can set another template on the %s.", t->kind)));
		return lc_get(2);
	}
	if (lc_exec("SELECT content FROM enrollment.templates"
				" WHERE program_id" EQ ID(1) " AND type = $2 AND is_default",
				2, t->program_id, t->default_type) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("program %s has no Default %s template", t->program_id, t->default_type)));
	return lc_get(1);
}

/* The rendered text, as a text datum in result_cxt. */
static text *
render_target(const RenderTarget *t, bool show_hidden, MemoryContext result_cxt)
{
	char	   *content = template_content(t);
	uint64		n = lc_exec(t->values_sql, 2, t->program_id, t->id);
	RenderValue *values = palloc0(sizeof(RenderValue) * Max(n, 1));
	int			nvalues = 0;
	StringInfo	out;
	MemoryContext old;
	text	   *result;

	for (uint64 r = 0; r < n; r++)
	{
		HeapTuple	row = SPI_tuptable->vals[r];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *id = SPI_getvalue(row, desc, 1);
		bool		isnull;
		Datum		value = SPI_getbinval(row, desc, 2, &isnull);
		RenderValue *rv = &values[nvalues];

		/* instances reference parameters, whose ids are PPM-dddd-dddd-dddd */
		if (strlen(id) != TEMPLATE_TOKEN_ID_LEN)
			continue;
		strlcpy(rv->id, id, sizeof(rv->id));
		rv->value = isnull ? NULL : DatumGetJsonbP(value);
		rv->hidden = DatumGetBool(SPI_getbinval(row, desc, 3, &isnull)) && !isnull;
		nvalues++;
	}
	out = template_render(content, strlen(content), values, nvalues, show_hidden);

	old = MemoryContextSwitchTo(result_cxt);
	result = cstring_to_text_with_len(out->data, out->len);
	MemoryContextSwitchTo(old);
	return result;
}

PG_FUNCTION_INFO_V1(enrollment_render);

/* enrollment.enrollment_render(id): the enrollment's template, rendered. */
Datum
enrollment_render(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "enrollment id");
	MemoryContext caller_cxt = CurrentMemoryContext;
	RenderTarget t = {.kind = "enrollment", .id = id};
	Actor	   *actor;
	char	   *status;
	text	   *result;

	SPI_connect();
	actor = actor_current();
	find_visible(actor,
				 "SELECT e.program_id::text, e.client_id::text, p.vendor_id::text, e.status,"
				 "       e.template_id::text"
				 "  FROM enrollment.enrollments e"
				 "  JOIN enrollment.programs p ON p.id" EQ "e.program_id"
				 " WHERE e.id" EQ ID(1),
				 "enrollment", id);
	t.program_id = lc_get(1);
	status = lc_get(4);
	t.template_id = lc_get(5);
	t.default_type = strcmp(status, "Processing") == 0 ? "EnrollmentProcessing" :
		strcmp(status, "Querying") == 0 ? "EnrollmentQuerying" :
		strcmp(status, "Completed") == 0 ? "EnrollmentCompleted" : NULL;
	if (t.template_id == NULL && t.default_type == NULL)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
				 errmsg("cannot render enrollment %s: status is %s", id, status),
				 errdetail("An enrollment without a template of its own shows the Default template of its status, and only Processing, Querying and Completed have one.")));
	t.values_sql = "SELECT parameter_id::text, value, hidden FROM enrollment.enrollment_parameters"
		" WHERE program_id" EQ ID(1) " AND enrollment_id" EQ ID(2);
	result = render_target(&t, actor_sees_hidden(actor), caller_cxt);
	SPI_finish();

	PG_RETURN_TEXT_P(result);
}

PG_FUNCTION_INFO_V1(certificate_render);

/* enrollment.certificate_render(id): the certificate's template, rendered. */
Datum
certificate_render(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "certificate id");
	MemoryContext caller_cxt = CurrentMemoryContext;
	RenderTarget t = {.kind = "certificate", .id = id, .default_type = "EnrollmentCompleted"};
	Actor	   *actor;
	text	   *result;

	SPI_connect();
	actor = actor_current();
	find_visible(actor,
				 "SELECT c.program_id::text, c.client_id::text, p.vendor_id::text, c.status,"
				 "       c.template_id::text, c.activated_at IS NOT NULL"
				 "  FROM enrollment.certificates c"
				 "  JOIN enrollment.programs p ON p.id" EQ "c.program_id"
				 " WHERE c.id" EQ ID(1),
				 "certificate", id);
	t.program_id = lc_get(1);
	t.template_id = lc_get(5);
	if (t.template_id == NULL && !lc_get_bool(6))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
				 errmsg("cannot render certificate %s: status is %s", id, lc_get(4)),
				 errdetail("A certificate without a template of its own shows the Default EnrollmentCompleted template once it has been activated.")));
	t.values_sql = "SELECT parameter_id::text, value, hidden FROM enrollment.certificate_parameters"
		" WHERE program_id" EQ ID(1) " AND certificate_id" EQ ID(2);
	result = render_target(&t, actor_sees_hidden(actor), caller_cxt);
	SPI_finish();

	PG_RETURN_TEXT_P(result);
}
