/*
 * actor.c
 *		The caller of a lifecycle action, read from request.jwt.claims.
 *
 * PostgREST puts the verified JWT payload into the transaction setting
 * request.jwt.claims; psql users call enrollment.act_as().  The account type
 * (Client, Vendor, Operations) is not trusted from the token: it is looked up
 * in enrollment.accounts, and the user must belong to that account.  An empty
 * setting counts as absent, because PostgreSQL leaves '' behind after a
 * SET LOCAL ends.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type_d.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/snapmgr.h"

#include "actor.h"
#include "direct_read.h"
#include "distributed.h"
#include "lifecycle_spi.h"

#define NO_IDENTITY_HINT "Set request.jwt.claims (account_id, user_id) or call enrollment.act_as()."

/* A string claim, validated as an mpt_id; NULL when absent or JSON null. */
static char *
claim_id(Jsonb *claims, const char *key)
{
	JsonbValue *v;
	char	   *s;

	if (!JB_ROOT_IS_OBJECT(claims))
		return NULL;
	v = getKeyJsonValueFromContainer(&claims->root, key, strlen(key), NULL);
	if (v == NULL || v->type == jbvNull)
		return NULL;
	if (v->type != jbvString)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_FORBIDDEN),
				 errmsg("claim \"%s\" is not a string", key),
				 errhint(NO_IDENTITY_HINT)));
	s = pnstrdup(v->val.string.val, v->val.string.len);
	/* normalise and validate through the type's parser (22P02 on garbage) */
	return mpt_id_to_cstring(mpt_id_parse(s, strlen(s)));
}

/*
 * The claims as jsonb, NULL when the setting is unset or empty; malformed
 * JSON is jsonb_in's error.  Also read by the renderers (render_caller.c).
 */
Jsonb *
actor_claims(void)
{
	const char *raw = GetConfigOption("request.jwt.claims", true, false);

	if (raw == NULL || raw[0] == '\0')
		return NULL;
	return DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(raw)));
}

/*
 * The account named account_id and the user named user_id, read by their
 * primary keys on the active snapshot with the current user's rights
 * (direct_read.c): *found whether the account exists, then its *type and
 * *status, and *belongs whether the user exists and is one of its users.
 * False when they must be read with a statement instead (Citus...).  The
 * one read of an account and its user for the engine (actor_current) and the
 * API (render_caller.c).
 */
bool
actor_read_account(const char *account_id, const char *user_id, bool *found,
				   char **type, bool *belongs, char **status)
{
	Datum		key = MptIdPGetDatum(mpt_id_parse(account_id, strlen(account_id)));
	DrRows		account,
				user;
	bool		isnull;

	if (!dr_read("accounts", "accounts_pkey", 1, &key, DR_CALLING_QUERY, &account))
		return false;
	*found = account.n > 0;
	*belongs = false;
	if (!*found)
		return true;
	*type = TextDatumGetCString(dr_get(&account, 0, dr_attnum(&account, "type"), &isnull));
	*status = TextDatumGetCString(dr_get(&account, 0, dr_attnum(&account, "status"), &isnull));
	key = MptIdPGetDatum(mpt_id_parse(user_id, strlen(user_id)));
	if (!dr_read("users", "users_pkey", 1, &key, DR_CALLING_QUERY, &user))
		return false;
	if (user.n > 0)
	{
		Datum		owner = dr_get(&user, 0, dr_attnum(&user, "account_id"), &isnull);

		*belongs = !isnull &&
			mpt_id_compare(DatumGetMptIdP(owner), DatumGetMptIdP(dr_get(&account, 0, dr_attnum(&account, "id"), &isnull))) == 0;
	}
	return true;
}

/*
 * The caller of an action.  Requires an identity: no claims, no account, an
 * unknown account or a user of another account is 42501.  Must run inside
 * SPI_connect.
 */
Actor *
actor_current(void)
{
	Jsonb	   *claims = actor_claims();
	Actor	   *actor = palloc0(sizeof(Actor));
	char	   *type = NULL,
			   *status = NULL;
	bool		found = false,
				belongs = false,
				direct;

	if (claims == NULL)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_FORBIDDEN),
				 errmsg("no caller identity"),
				 errdetail("Lifecycle actions are attributed to an account and a user."),
				 errhint(NO_IDENTITY_HINT)));
	actor->account_id = claim_id(claims, "account_id");
	actor->user_id = claim_id(claims, "user_id");
	if (actor->account_id == NULL || actor->user_id == NULL)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_FORBIDDEN),
				 errmsg("no caller identity"),
				 errdetail("The claims lack %s.",
						   actor->account_id == NULL ? "account_id" : "user_id"),
				 errhint(NO_IDENTITY_HINT)));

	/* read as a statement of the engine would: our writes, in READ COMMITTED others' commits */
	CommandCounterIncrement();
	PushActiveSnapshot(GetTransactionSnapshot());
	direct = actor_read_account(actor->account_id, actor->user_id, &found, &type, &belongs, &status);
	PopActiveSnapshot();
	if (!direct)
	{
		found = lc_exec("SELECT a.type, u.account_id" EQ "a.id" ", a.status"
						"  FROM enrollment.accounts a"
						"  LEFT JOIN enrollment.users u ON u.id" EQ ID(2)
						" WHERE a.id" EQ ID(1),
						2, actor->account_id, actor->user_id) > 0;
		if (found)
		{
			type = lc_get(1);
			belongs = lc_get_bool(2);
			status = lc_get(3);
		}
	}
	if (!found)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_FORBIDDEN),
				 errmsg("unknown account %s", actor->account_id),
				 errdetail("The account_id claim names no account."),
				 errhint(NO_IDENTITY_HINT)));
	if (!belongs)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_FORBIDDEN),
				 errmsg("user %s does not belong to account %s",
						actor->user_id, actor->account_id),
				 errhint(NO_IDENTITY_HINT)));

	/* the API refuses Disabled accounts too: one rule whichever door is used */
	if (strcmp(status, "Disabled") == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_FORBIDDEN),
				 errmsg("account %s is disabled", actor->account_id),
				 errdetail("A disabled account cannot act on programs, enrollments or certificates.")));

	actor->kind = actor_kind_of(type);
	/* accounts.type's CHECK admits only the three kinds; never guess a fourth */
	if (actor->kind == 0)
		elog(ERROR, "account %s has unknown type \"%s\"", actor->account_id, type);
	actor->type_name = pstrdup(type);

	/* under Citus the workers' triggers stamp this caller too (distributed.c) */
	enr_forward_claims();
	return actor;
}

/*
 * The caller if there is one, for audit attribution only (the status trigger
 * and the expiry job): no claims gives the system actor with NULL ids.  No
 * lookups, so it works outside SPI too.
 */
Actor *
actor_optional(void)
{
	Jsonb	   *claims = actor_claims();
	Actor	   *actor = palloc0(sizeof(Actor));

	actor->kind = LC_ACTOR_SYSTEM;
	actor->type_name = "system";
	if (claims != NULL)
	{
		actor->account_id = claim_id(claims, "account_id");
		actor->user_id = claim_id(claims, "user_id");
	}
	return actor;
}

/* "a client", "an operations": the caller's account type with its article. */
const char *
actor_kind_words(int kind)
{
	switch (kind)
	{
		case LC_ACTOR_CLIENT:
			return "a client";
		case LC_ACTOR_VENDOR:
			return "a vendor";
		case LC_ACTOR_OPS:
			return "an operations";
		default:
			return "the system";
	}
}

/* The account types and the engine's own actor, in the order SQL shows them. */
static const struct
{
	int			bit;
	const char *name;
}			actor_kinds[] = {{LC_ACTOR_CLIENT, "Client"}, {LC_ACTOR_VENDOR, "Vendor"},
				 {LC_ACTOR_OPS, "Operations"}, {LC_ACTOR_SYSTEM, "system"}};

/*
 * A set of LC_ACTOR_* bits as the text[] SQL shows it, in the order Client,
 * Vendor, Operations, system (enrollment.transitions, enrollment.update_rules).
 */
Datum
actor_kinds_array(int actors)
{
	Datum		elems[lengthof(actor_kinds)];
	int			n = 0;

	for (int i = 0; i < lengthof(actor_kinds); i++)
		if (actors & actor_kinds[i].bit)
			elems[n++] = CStringGetTextDatum(actor_kinds[i].name);
	return PointerGetDatum(construct_array_builtin(elems, n, TEXTOID));
}

/*
 * The LC_ACTOR_* bit of an account type as enrollment.accounts stores it
 * (Client, Vendor, Operations); 0 for anything else, so that no unknown word
 * gains a kind's rights.
 */
int
actor_kind_of(const char *type)
{
	for (int i = 0; i < lengthof(actor_kinds); i++)
		if (actor_kinds[i].bit != LC_ACTOR_SYSTEM && strcmp(type, actor_kinds[i].name) == 0)
			return actor_kinds[i].bit;
	return 0;
}

/*
 * Visibility of a client object (enrollment, certificate, attachment), the
 * rule the read policies state for the API (README "Who may act"): a client
 * sees its own, a vendor those of its programs, operations all.  A foreign
 * object does not exist for the caller: PT404 "<kind> <id> not found".
 */
void
actor_require_sees(const Actor *actor, const char *client_id, const char *vendor_id,
				   const char *object_kind, const char *object_id)
{
	if ((actor->kind == LC_ACTOR_CLIENT && strcmp(client_id, actor->account_id) != 0) ||
		(actor->kind == LC_ACTOR_VENDOR && strcmp(vendor_id, actor->account_id) != 0))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("%s %s not found", object_kind, object_id)));
}

/*
 * 42501 unless the caller's account type may run the action.  Ownership (is
 * this the enrollment's client, the program's vendor) is checked by the
 * callers before this, as visibility: a foreign object answers PT404.
 */
void
actor_require_kind(const Actor *actor, int allowed, const char *action,
				   const char *object_kind, const char *object_id)
{
	StringInfoData who;
	int			n = 0;

	if (actor->kind & allowed)
		return;

	initStringInfo(&who);
	if (allowed & LC_ACTOR_CLIENT)
		appendStringInfo(&who, "%sthe client", n++ ? " or " : "");
	if (allowed & LC_ACTOR_VENDOR)
		appendStringInfo(&who, "%sthe program's vendor", n++ ? " or " : "");
	if (allowed & LC_ACTOR_OPS)
		appendStringInfo(&who, "%soperations", n++ ? " or " : "");

	ereport(ERROR,
			(errcode(ENR_ERRCODE_FORBIDDEN),
			 errmsg("%s account cannot %s %s %s",
					actor_kind_words(actor->kind), action, object_kind, object_id),
			 errdetail("Only %s can %s %s %s.", who.data, action,
					   strcmp(object_kind, "enrollment") == 0 ? "an" : "a",
					   object_kind)));
}
