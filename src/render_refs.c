/*
 * render_refs.c
 *		The API's references and audits in C (render.h): enrollment.api_event,
 *		api_user_ref, api_enrollment_audit, api_certificate_audit,
 *		api_account_ref, api_program_ref, api_program_products and
 *		api_template_ref keep their SQL names, signatures and JSON; only the
 *		language changed, so the views, the as-of renderer
 *		(49_api_history.sql) and the grants stay as they were.
 *
 * A user reference is read with the owner's rights (api_user_ref was
 * SECURITY DEFINER): an audit "by" or an assignee names a user the caller
 * may not read, and the object naming it is visible, so the reference is
 * shown whole.  Accounts, programs, products and templates are read as the
 * caller, so that row level security answers NULL for what it hides, as the
 * SQL helpers did.
 *
 * Each function pushes into a JsonbParseState; the push that closes the
 * outermost container returns the finished value (rj_result).
 */
#include "postgres.h"

#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "lifecycle_spi.h"
#include "render.h"

/*
 * Answer with the reference kept for the statement (render_cache.c), if
 * there is one; the functions below keep what they build.
 */
#define CACHED_REF(kind, id1, id2) \
	do { \
		Jsonb	   *kept_; \
		if (render_cache_get(fcinfo, kind, id1, id2, CurrentMemoryContext, \
							 (struct varlena **) &kept_)) \
		{ \
			if (kept_ == NULL) \
				PG_RETURN_NULL(); \
			PG_RETURN_JSONB_P(kept_); \
		} \
	} while (0)

/*
 * Push a kept or just built reference as the current value (a container is
 * unpacked into ps).
 */
static JsonbValue *
push_jsonb(JsonbParseState **ps, Jsonb *j)
{
	JsonbValue	v;

	v.type = jbvBinary;
	v.val.binary.data = &j->root;
	v.val.binary.len = VARSIZE(j) - VARHDRSZ;
	return pushJsonbValue(ps, WJB_VALUE, &v);
}

/* A user's {id, name, icon}, NULL when unknown; kept for the statement (render_cache.c). */
static const char *const user_columns[] = {"id", "name", "icon"};

static Jsonb *
user_ref(FunctionCallInfo fcinfo, const char *id)
{
	JsonbParseState *ups = NULL;
	Jsonb	   *j;
	char	   *v[3];

	if (render_cache_get(fcinfo, 'u', id, NULL, CurrentMemoryContext, (struct varlena **) &j))
		return j;
	j = NULL;
	if (render_row(fcinfo, true, "users", "users_pkey", 1, &id, user_columns, 3,
				   "SELECT id::pg_catalog.text, name, icon FROM enrollment.users WHERE id" EQ ID(1), v))
	{
		pushJsonbValue(&ups, WJB_BEGIN_OBJECT, NULL);
		rj_string(&ups, "id", v[0]);
		rj_string(&ups, "name", v[1]);
		rj_string(&ups, "icon", v[2]);
		j = JsonbValueToJsonb(pushJsonbValue(&ups, WJB_END_OBJECT, NULL));
	}
	render_cache_put(fcinfo, 'u', id, NULL, (struct varlena *) j);
	return j;
}

/* {id, name, icon} of a user as the current value; NULL result when unknown. */
static JsonbValue *
push_user_ref(FunctionCallInfo fcinfo, JsonbParseState **ps, const char *id, bool *found)
{
	Jsonb	   *j = user_ref(fcinfo, id);

	*found = (j != NULL);
	return j ? push_jsonb(ps, j) : NULL;
}

/* {at, by}: by is the user's reference, {id} alone for an unknown user. */
static JsonbValue *
push_event(FunctionCallInfo fcinfo, JsonbParseState **ps, Datum at, const char *by)
{
	pushJsonbValue(ps, WJB_BEGIN_OBJECT, NULL);
	rj_string(ps, "at", rj_timestamp(at));
	if (by != NULL)
	{
		bool		found;

		rj_key(ps, "by");
		push_user_ref(fcinfo, ps, by, &found);
		if (!found)
		{
			pushJsonbValue(ps, WJB_BEGIN_OBJECT, NULL);
			rj_string(ps, "id", by);
			pushJsonbValue(ps, WJB_END_OBJECT, NULL);
		}
	}
	return pushJsonbValue(ps, WJB_END_OBJECT, NULL);
}

void
render_event(FunctionCallInfo fcinfo, JsonbParseState **ps, const char *key,
			 Datum at, bool at_null, const char *by)
{
	if (at_null)
		return;
	rj_key(ps, key);
	push_event(fcinfo, ps, at, by);
}

static char *
id_arg(FunctionCallInfo fcinfo, int argno)
{
	return PG_ARGISNULL(argno) ? NULL : mpt_id_to_cstring(PG_GETARG_MPT_ID_P(argno));
}

PG_FUNCTION_INFO_V1(render_api_event);

/* enrollment.api_event(at, by): one audit event, NULL when it never happened. */
Datum
render_api_event(PG_FUNCTION_ARGS)
{
	MemoryContext caller_cxt = CurrentMemoryContext;
	JsonbParseState *ps = NULL;
	Datum		result;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	SPI_connect();
	result = rj_result(push_event(fcinfo, &ps, PG_GETARG_DATUM(0), id_arg(fcinfo, 1)), caller_cxt);
	SPI_finish();
	PG_RETURN_DATUM(result);
}

PG_FUNCTION_INFO_V1(render_api_user_ref);

/* enrollment.api_user_ref(id): {id, name, icon}, NULL for an unknown user. */
Datum
render_api_user_ref(PG_FUNCTION_ARGS)
{
	Jsonb	   *j;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	SPI_connect();
	j = user_ref(fcinfo, id_arg(fcinfo, 0));
	if (j != NULL)
		j = (Jsonb *) DatumGetPointer(SPI_datumTransfer(JsonbPGetDatum(j), false, -1));
	SPI_finish();
	if (j == NULL)
		PG_RETURN_NULL();
	PG_RETURN_JSONB_P(j);
}

/* The audit of a row: its <event>_at and <event>_by columns, in this order. */
static Datum
render_audit(FunctionCallInfo fcinfo, const char *const *events)
{
	HeapTupleHeader row = PG_GETARG_HEAPTUPLEHEADER(0);
	MemoryContext caller_cxt = CurrentMemoryContext;
	JsonbParseState *ps = NULL;
	JsonbValue *root;
	Datum		result;

	SPI_connect();
	pushJsonbValue(&ps, WJB_BEGIN_OBJECT, NULL);
	for (int i = 0; events[i] != NULL; i++)
	{
		char	   *at_col = psprintf("%s_at", events[i]);
		char	   *by_col = psprintf("%s_by", events[i]);
		bool		at_null;
		bool		by_null;
		Datum		at = GetAttributeByName(row, at_col, &at_null);
		Datum		by = GetAttributeByName(row, by_col, &by_null);

		render_event(fcinfo, &ps, events[i], at, at_null,
					 by_null ? NULL : mpt_id_to_cstring(DatumGetMptIdP(by)));
	}
	root = pushJsonbValue(&ps, WJB_END_OBJECT, NULL);
	result = rj_result(root, caller_cxt);
	SPI_finish();
	return result;
}

static const char *const enrollment_events[] = {
	"created", "updated", "processing", "querying", "completed", "failed", NULL
};
static const char *const certificate_events[] = {
	"created", "updated", "pending", "activated", "updating", "expired", "terminated", NULL
};

PG_FUNCTION_INFO_V1(render_enrollment_audit);

/* enrollment.api_enrollment_audit(e record): an enrollments row, or a shard's */
Datum
render_enrollment_audit(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(render_audit(fcinfo, enrollment_events));
}

PG_FUNCTION_INFO_V1(render_certificate_audit);

/* enrollment.api_certificate_audit(c record): a certificates row, or a shard's */
Datum
render_certificate_audit(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(render_audit(fcinfo, certificate_events));
}

PG_FUNCTION_INFO_V1(render_api_account_ref);

/* enrollment.api_account_ref(id): {id, icon, type, status, name} if visible. */
Datum
render_api_account_ref(PG_FUNCTION_ARGS)
{
	static const char *const columns[] = {"id", "icon", "type", "status", "name"};
	char	   *v[5];
	const char *id = id_arg(fcinfo, 0);
	MemoryContext caller_cxt = CurrentMemoryContext;
	JsonbParseState *ps = NULL;
	Datum		result = (Datum) 0;
	bool		found;

	if (id == NULL)
		PG_RETURN_NULL();
	CACHED_REF('a', id, NULL);
	SPI_connect();
	found = render_row(fcinfo, false, "accounts", "accounts_pkey", 1, &id, columns, 5,
					   "SELECT id::pg_catalog.text, icon, type, status, name FROM enrollment.accounts"
					   " WHERE id" EQ ID(1), v);
	if (found)
	{
		pushJsonbValue(&ps, WJB_BEGIN_OBJECT, NULL);
		rj_string(&ps, "id", v[0]);
		rj_string(&ps, "icon", v[1]);
		rj_string(&ps, "type", v[2]);
		rj_string(&ps, "status", v[3]);
		rj_string(&ps, "name", v[4]);
		result = rj_result(pushJsonbValue(&ps, WJB_END_OBJECT, NULL), caller_cxt);
	}
	render_cache_put(fcinfo, 'a', id, NULL, found ? (struct varlena *) DatumGetPointer(result) : NULL);
	SPI_finish();
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

/*
 * The products of a program as the current value, [{id, name, icon,
 * status}] by id; nothing pushed (false) when it lists none.
 */
static bool
push_products(JsonbParseState **ps, const char *program_id, const char *key)
{
	uint64		n = render_exec("SELECT d.id::pg_catalog.text, d.name, d.icon, d.status"
								"  FROM enrollment.program_products pp"
								"  JOIN enrollment.products d ON d.id" EQ "pp.product_id"
								" WHERE pp.program_id" EQ ID(1)
								" ORDER BY d.id",
								1, &program_id);

	if (n == 0)
		return false;
	if (key != NULL)
		rj_key(ps, key);
	pushJsonbValue(ps, WJB_BEGIN_ARRAY, NULL);
	for (uint64 r = 0; r < n; r++)
	{
		pushJsonbValue(ps, WJB_BEGIN_OBJECT, NULL);
		rj_string(ps, "id", render_get(r, 1));
		rj_string(ps, "name", render_get(r, 2));
		rj_string(ps, "icon", render_get(r, 3));
		rj_string(ps, "status", render_get(r, 4));
		pushJsonbValue(ps, WJB_END_OBJECT, NULL);
	}
	return true;
}

PG_FUNCTION_INFO_V1(render_api_program_products);

/* enrollment.api_program_products(program_id): NULL when the program lists none. */
Datum
render_api_program_products(PG_FUNCTION_ARGS)
{
	const char *id = id_arg(fcinfo, 0);
	MemoryContext caller_cxt = CurrentMemoryContext;
	JsonbParseState *ps = NULL;
	Datum		result = (Datum) 0;
	bool		found;

	if (id == NULL)
		PG_RETURN_NULL();
	SPI_connect();
	found = push_products(&ps, id, NULL);
	if (found)
		result = rj_result(pushJsonbValue(&ps, WJB_END_ARRAY, NULL), caller_cxt);
	SPI_finish();
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

PG_FUNCTION_INFO_V1(render_api_program_ref);

/* enrollment.api_program_ref(id): {id, name, status, applicableTo, products}. */
Datum
render_api_program_ref(PG_FUNCTION_ARGS)
{
	static const char *const columns[] = {"id", "name", "status", "applicable_to"};
	char	   *v[4];
	const char *id = id_arg(fcinfo, 0);
	MemoryContext caller_cxt = CurrentMemoryContext;
	JsonbParseState *ps = NULL;
	Datum		result = (Datum) 0;
	bool		found;

	if (id == NULL)
		PG_RETURN_NULL();
	CACHED_REF('p', id, NULL);
	SPI_connect();
	found = render_row(fcinfo, false, "programs", "programs_pkey", 1, &id, columns, 4,
					   "SELECT id::pg_catalog.text, name, status, applicable_to FROM enrollment.programs"
					   " WHERE id" EQ ID(1), v);
	if (found)
	{
		char	   *pid = v[0];

		pushJsonbValue(&ps, WJB_BEGIN_OBJECT, NULL);
		rj_string(&ps, "id", pid);
		rj_string(&ps, "name", v[1]);
		rj_string(&ps, "status", v[2]);
		rj_string(&ps, "applicableTo", v[3]);
		if (push_products(&ps, pid, "products"))
			pushJsonbValue(&ps, WJB_END_ARRAY, NULL);
		result = rj_result(pushJsonbValue(&ps, WJB_END_OBJECT, NULL), caller_cxt);
	}
	render_cache_put(fcinfo, 'p', id, NULL, found ? (struct varlena *) DatumGetPointer(result) : NULL);
	SPI_finish();
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

PG_FUNCTION_INFO_V1(render_api_template_ref);

/* enrollment.api_template_ref(program_id, id): {id, name, type} if visible. */
Datum
render_api_template_ref(PG_FUNCTION_ARGS)
{
	static const char *const columns[] = {"id", "name", "type"};
	char	   *v[3];
	const char *args[2] = {id_arg(fcinfo, 0), id_arg(fcinfo, 1)};
	MemoryContext caller_cxt = CurrentMemoryContext;
	JsonbParseState *ps = NULL;
	Datum		result = (Datum) 0;
	bool		found;

	if (args[0] == NULL || args[1] == NULL)
		PG_RETURN_NULL();
	CACHED_REF('t', args[0], args[1]);
	SPI_connect();
	found = render_row(fcinfo, false, "templates", "templates_pkey", 2, args, columns, 3,
					   "SELECT id::pg_catalog.text, name, type FROM enrollment.templates"
					   " WHERE program_id" EQ ID(1) " AND id" EQ ID(2), v);
	if (found)
	{
		/* all three NOT NULL: the SQL helper did not strip nulls here */
		pushJsonbValue(&ps, WJB_BEGIN_OBJECT, NULL);
		rj_string(&ps, "id", v[0]);
		rj_string(&ps, "name", v[1]);
		rj_string(&ps, "type", v[2]);
		result = rj_result(pushJsonbValue(&ps, WJB_END_OBJECT, NULL), caller_cxt);
	}
	render_cache_put(fcinfo, 't', args[0], args[1], found ? (struct varlena *) DatumGetPointer(result) : NULL);
	SPI_finish();
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}
