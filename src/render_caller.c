/*
 * render_caller.c
 *		Who the API's caller is, and whether it may see hidden parameters:
 *		enrollment.api_caller_type() and enrollment.api_shows_hidden()
 *		(40_api_helpers.sql), and the same answers for the C renderers and
 *		the list endpoint.  One lookup, here; one rule, LC_ACTOR_SEES_HIDDEN
 *		(actor.h).
 *
 * The claims are read as the engine reads them (actor_claims: an unset or
 * empty setting is no caller, malformed JSON is jsonb_in's error), but each
 * id claim is taken as the SQL helpers claim_account_id() and claim_user_id()
 * take it, (claims ->> key)::enrollment.mpt_id, with that cast's errors: a
 * number, a boolean or an object is its JSON text, which the id type refuses
 * (22P02), where the engine's actor_current refuses a claim that is not a
 * string with 42501.  Both claims are read, account_id first, before either
 * is used, as the SQL function evaluated both: "user_id": "x" is an error
 * even beside a missing account_id.
 *
 * The account named by account_id, joined to the user named by user_id, not
 * Disabled, is read with the rights of the function's owner
 * (render_exec_as_owner), as the SECURITY DEFINER SQL function did: the
 * caller's own policies hide accounts and users, and the answer is only the
 * caller's own account type.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"

#include "actor.h"
#include "lifecycle_spi.h"
#include "render.h"

/*
 * (claims ->> key)::enrollment.mpt_id in canonical text; NULL when the key is
 * absent or JSON null.
 */
static char *
api_claim_id(Jsonb *claims, const char *key)
{
	JsonbValue *v = getKeyJsonValueFromContainer(&claims->root, key, strlen(key), NULL);
	char	   *s;

	if (v == NULL || v->type == jbvNull)
		return NULL;
	if (v->type == jbvString)
		s = pnstrdup(v->val.string.val, v->val.string.len);
	else						/* ->>'s text of a number, boolean, array, object */
		s = TextDatumGetCString(DirectFunctionCall2(jsonb_object_field_text,
													JsonbPGetDatum(claims),
													CStringGetTextDatum(key)));
	/* the cast's own parser and errors (mpt_id_in) */
	return mpt_id_to_cstring(mpt_id_parse(s, strlen(s)));
}

/*
 * The caller's account type (Client, Vendor, Operations), NULL for no caller:
 * no claims or claims that are not an object, half a claim, an unknown or a
 * Disabled account, a user of another account.  Must run inside SPI_connect;
 * the result lives in the SPI procedure's context.
 */
const char *
render_caller_type(FunctionCallInfo fcinfo)
{
	Jsonb	   *claims = actor_claims();
	const char *args[2];

	if (claims == NULL || !JB_ROOT_IS_OBJECT(claims))
		return NULL;
	args[0] = api_claim_id(claims, "account_id");
	args[1] = api_claim_id(claims, "user_id");
	if (args[0] == NULL || args[1] == NULL)
		return NULL;
	if (render_exec_as_owner(fcinfo,
							 "SELECT a.type FROM enrollment.accounts a"
							 "  JOIN enrollment.users u ON u.account_id" EQ "a.id"
							 " WHERE a.id" EQ ID(1) " AND u.id" EQ ID(2)
							 "   AND a.status OPERATOR(pg_catalog.<>) 'Disabled'",
							 2, args) == 0)
		return NULL;
	return render_get(0, 1);
}

/* May the caller see hidden parameters.  Must run inside SPI_connect. */
bool
render_shows_hidden(FunctionCallInfo fcinfo)
{
	const char *type = render_caller_type(fcinfo);

	return type != NULL && (actor_kind_of(type) & LC_ACTOR_SEES_HIDDEN) != 0;
}

PG_FUNCTION_INFO_V1(render_api_caller_type);

/* enrollment.api_caller_type(): Client, Vendor, Operations or NULL. */
Datum
render_api_caller_type(PG_FUNCTION_ARGS)
{
	MemoryContext caller_cxt = CurrentMemoryContext;
	const char *type;
	text	   *result = NULL;

	SPI_connect();
	type = render_caller_type(fcinfo);
	if (type != NULL)
	{
		MemoryContext spi_cxt = MemoryContextSwitchTo(caller_cxt);

		result = cstring_to_text(type);
		MemoryContextSwitchTo(spi_cxt);
	}
	SPI_finish();
	if (result == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(result);
}

PG_FUNCTION_INFO_V1(render_api_shows_hidden);

/* enrollment.api_shows_hidden(): true for vendors and operations. */
Datum
render_api_shows_hidden(PG_FUNCTION_ARGS)
{
	bool		shows;

	SPI_connect();
	shows = render_shows_hidden(fcinfo);
	SPI_finish();
	PG_RETURN_BOOL(shows);
}
