/*
 * render_caller.c
 *		Whether the caller may see hidden parameters, for the renderers: the
 *		answer of enrollment.api_shows_hidden() (vendors and operations, not
 *		clients nor anybody unidentified), without its SQL.
 *
 * api_caller_type reads the account named by the account_id claim, joined to
 * the user named by user_id, not Disabled; here the same query runs with the
 * owner's rights, as that SECURITY DEFINER function does.  The claims are read
 * the same way too (an unset or empty setting is no caller, a claims value
 * that is not an object or lacks an id is no caller); anything the fast path
 * does not handle exactly like the SQL casts (an id that is not a canonical
 * id string: a number, garbage that the cast would refuse) is handed to
 * api_caller_type itself, so errors stay the SQL function's.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "actor.h"
#include "lifecycle_spi.h"
#include "render.h"

/* AAA-dddd-dddd[-dddd[-dddd]]: the text mpt_id_parse accepts without fail. */
static bool
canonical_id(const char *s, int len)
{
	if (len > MPT_ID_MAX_TEXT_LEN || len < 3 + MPT_ID_MIN_GROUPS * 5 || (len - 3) % 5 != 0)
		return false;
	for (int i = 0; i < 3; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	for (int i = 3; i < len; i++)
		if ((i - 3) % 5 == 0 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

/*
 * Claim key as an id string: sets *id (NULL when absent or JSON null) and
 * returns true, or returns false when the SQL path must decide.
 */
static bool
claim_id(Jsonb *claims, const char *key, char **id)
{
	JsonbValue *v = getKeyJsonValueFromContainer(&claims->root, key, strlen(key), NULL);

	*id = NULL;
	if (v == NULL || v->type == jbvNull)
		return true;
	if (v->type != jbvString || !canonical_id(v->val.string.val, v->val.string.len))
		return false;
	*id = pnstrdup(v->val.string.val, v->val.string.len);
	return true;
}

/* api_caller_type(): Client, Vendor, Operations or NULL. */
static char *
caller_type(FunctionCallInfo fcinfo)
{
	/* read as the engine reads them: the cast claims() makes, its error for malformed JSON */
	Jsonb	   *claims = actor_claims();
	const char *args[2];
	char	   *account_id;
	char	   *user_id;

	if (claims == NULL || !JB_ROOT_IS_OBJECT(claims))
		return NULL;
	if (!claim_id(claims, "account_id", &account_id) ||
		!claim_id(claims, "user_id", &user_id))
	{
		if (render_exec("SELECT enrollment.api_caller_type()", 0, NULL) == 0)
			return NULL;
		return render_get(0, 1);
	}
	if (account_id == NULL || user_id == NULL)
		return NULL;
	args[0] = account_id;
	args[1] = user_id;
	if (render_exec_as_owner(fcinfo,
							 "SELECT a.type FROM enrollment.accounts a"
							 "  JOIN enrollment.users u ON u.account_id" EQ "a.id"
							 " WHERE a.id" EQ ID(1) " AND u.id" EQ ID(2)
							 "   AND a.status OPERATOR(pg_catalog.<>) 'Disabled'",
							 2, args) == 0)
		return NULL;
	return render_get(0, 1);
}

/* api_shows_hidden(): vendors and operations.  Must run inside SPI_connect. */
bool
render_shows_hidden(FunctionCallInfo fcinfo)
{
	char	   *type = caller_type(fcinfo);

	return type != NULL && (strcmp(type, "Vendor") == 0 || strcmp(type, "Operations") == 0);
}
