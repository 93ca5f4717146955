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
 * id claim is taken as (claims ->> key)::enrollment.mpt_id, with that cast's
 * errors (this file also answers the SQL helpers claims(), claim_account_id()
 * and claim_user_id(), so the rule is stated once): a
 * number, a boolean or an object is its JSON text, which the id type refuses
 * (22P02), where the engine's actor_current refuses a claim that is not a
 * string with 42501.  Both claims are read, account_id first, before either
 * is used, as the SQL function evaluated both: "user_id": "x" is an error
 * even beside a missing account_id.
 *
 * The account named by account_id, joined to the user named by user_id, not
 * Disabled, is read with the rights of the function's owner
 * (caller_account_type), as the SECURITY DEFINER SQL function did: the
 * caller's own policies hide accounts and users, and the answer is only the
 * caller's own account type.
 */
#include "postgres.h"

#include "access/xact.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"

#include "actor.h"
#include "lifecycle_spi.h"
#include "mpt_id.h"
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
 * enrollment.claim_account_id(): the account_id claim as an id, NULL when
 * there are no claims, they are not an object or lack the key; the cast's
 * errors for a malformed id.
 */
const char *
render_claim_account_id(void)
{
	Jsonb	   *claims = actor_claims();

	if (claims == NULL || !JB_ROOT_IS_OBJECT(claims))
		return NULL;
	return api_claim_id(claims, "account_id");
}

static Datum
claim_id_datum(FunctionCallInfo fcinfo, const char *key)
{
	Jsonb	   *claims = actor_claims();
	char	   *id;

	if (claims == NULL || !JB_ROOT_IS_OBJECT(claims))
		PG_RETURN_NULL();
	id = api_claim_id(claims, key);
	if (id == NULL)
		PG_RETURN_NULL();
	PG_RETURN_MPT_ID_P(mpt_id_parse(id, strlen(id)));
}

PG_FUNCTION_INFO_V1(enr_claims);

/* enrollment.claims(): the claims as the engine reads them (actor_claims). */
Datum
enr_claims(PG_FUNCTION_ARGS)
{
	Jsonb	   *claims = actor_claims();

	if (claims == NULL)
		PG_RETURN_NULL();
	PG_RETURN_JSONB_P(claims);
}

PG_FUNCTION_INFO_V1(enr_claim_account_id);

/* enrollment.claim_account_id(), as render_claim_account_id reads it. */
Datum
enr_claim_account_id(PG_FUNCTION_ARGS)
{
	return claim_id_datum(fcinfo, "account_id");
}

PG_FUNCTION_INFO_V1(enr_claim_user_id);

/* enrollment.claim_user_id(), the same for the user_id claim. */
Datum
enr_claim_user_id(PG_FUNCTION_ARGS)
{
	return claim_id_datum(fcinfo, "user_id");
}

/*
 * The last answer, for the calls a statement makes per row (the policies of
 * enrollment_parameters and the other child tables call the visibility
 * helpers once for each row they filter).  It is the answer of the lookup
 * below only while nothing that lookup depends on can have changed:
 *
 *	- the claims: the same text of request.jwt.claims (set_config may change
 *	  it between two calls of one statement, a volatile function's);
 *	- the rights it reads with: the same owner;
 *	- the rows it reads: the same transaction (lxid) and subtransaction (an
 *	  aborted subtransaction's writes vanish, and its id is never reused),
 *	  and an MVCC snapshot equal to the one the answer was read in: the same
 *	  command id (our own writes) and the same xmin, xmax and running
 *	  transactions (whether a transaction below xmax and not running has
 *	  committed never changes, so two such snapshots see the same rows of
 *	  others).  Within a statement that is its own snapshot; in READ
 *	  COMMITTED the next statement's differs as soon as another transaction
 *	  has ended (test/specs/api_caller_cache.spec).
 *
 * A lookup that fails (malformed claims) stores nothing, so the next call
 * fails the same way.  Everything lives in TopMemoryContext.
 */
static struct
{
	bool		valid;
	LocalTransactionId lxid;
	SubTransactionId subxid;
	Oid			owner;
	CommandId	curcid;
	TransactionId xmin;
	TransactionId xmax;
	uint32		xcnt;
	int32		subxcnt;
	bool		suboverflowed;
	TransactionId *xip;
	TransactionId *subxip;
	char	   *claims;
	char	   *type;
	char	   *account_id;
}			last;

/*
 * A number naming the kept answer, bumped whenever it goes: what is worked
 * out from the answer and the rows its snapshot sees is kept under it
 * (render_cache.c, render_caller_peek).
 */
static uint64 generation = 0;	/* names the kept answer; bumped when it goes */

/* The active snapshot when an answer may be kept for it, else NULL. */
static Snapshot
current_snapshot(void)
{
	Snapshot	snap;

	if (!ActiveSnapshotSet())
		return NULL;
	snap = GetActiveSnapshot();
	if (snap->snapshot_type != SNAPSHOT_MVCC || snap->takenDuringRecovery)
		return NULL;
	return snap;
}

static bool
last_matches(Snapshot snap, Oid owner, const char *raw)
{
	return last.valid && last.lxid == MyProc->lxid &&
		last.subxid == GetCurrentSubTransactionId() &&
		last.owner == owner &&
		last.curcid == snap->curcid && last.xmin == snap->xmin && last.xmax == snap->xmax &&
		last.xcnt == snap->xcnt && last.subxcnt == snap->subxcnt &&
		last.suboverflowed == snap->suboverflowed &&
		(snap->xcnt == 0 || memcmp(last.xip, snap->xip, snap->xcnt * sizeof(TransactionId)) == 0) &&
		(snap->subxcnt <= 0 || memcmp(last.subxip, snap->subxip, snap->subxcnt * sizeof(TransactionId)) == 0) &&
		strcmp(last.claims, raw) == 0;
}

static void *
top_copy(const void *p, Size len)
{
	void	   *c;

	if (p == NULL || len == 0)
		return NULL;
	c = MemoryContextAlloc(TopMemoryContext, len);
	memcpy(c, p, len);
	return c;
}

static void
last_forget(void)
{
	generation++;
	last.valid = false;
	if (last.xip)
		pfree(last.xip);
	if (last.subxip)
		pfree(last.subxip);
	if (last.claims)
		pfree(last.claims);
	if (last.type)
		pfree(last.type);
	if (last.account_id)
		pfree(last.account_id);
	last.xip = last.subxip = NULL;
	last.claims = last.type = last.account_id = NULL;
}

/*
 * The type of account args[0] when user args[1] is one of its users and it is
 * not Disabled, else NULL: read with the owner's rights, on the calling
 * query's snapshot, by key (actor_read_account) or, where that declines, by
 * the statement.
 */
typedef struct AccountRead
{
	const char *const *args;
	bool		found;
	bool		belongs;
	char	   *type;
	char	   *status;
} AccountRead;

static bool
account_read_fn(void *arg)
{
	AccountRead *a = arg;

	return actor_read_account(a->args[0], a->args[1], &a->found, &a->type, &a->belongs, &a->status);
}

static const char *
caller_account_type(FunctionCallInfo fcinfo, const char *const *args)
{
	AccountRead a = {args, false, false, NULL, NULL};
	bool		direct = render_as_owner(fcinfo, account_read_fn, &a);
	bool		found = a.found,
				belongs = a.belongs;
	char	   *type = a.type,
			   *status = a.status;

	if (direct)
		return found && belongs && strcmp(status, "Disabled") != 0 ? type : NULL;
	if (render_exec_as_owner(fcinfo,
							 "SELECT a.type FROM enrollment.accounts a"
							 "  JOIN enrollment.users u ON u.account_id" EQ "a.id"
							 " WHERE a.id" EQ ID(1) " AND u.id" EQ ID(2)
							 "   AND a.status OPERATOR(pg_catalog.<>) 'Disabled'",
							 2, args) > 0)
		return render_get(0, 1);
	return NULL;
}

/*
 * The caller's account type (Client, Vendor, Operations), NULL for no caller:
 * no claims or claims that are not an object, half a claim, an unknown or a
 * Disabled account, a user of another account; *account_id its account
 * (claim_account_id()) when there is a caller, else NULL.  Must run inside
 * SPI_connect; the results live until the next call.
 */
const char *
render_caller(FunctionCallInfo fcinfo, const char **account_id)
{
	const char *setting = GetConfigOption("request.jwt.claims", true, false);
	const char *raw = setting ? setting : "";
	Snapshot	snap = current_snapshot();
	Oid			owner = snap ? render_owner(fcinfo) : InvalidOid;
	Jsonb	   *claims;
	const char *args[2];
	const char *type = NULL;

	if (snap != NULL && last_matches(snap, owner, raw))
	{
		*account_id = last.account_id;
		return last.type;
	}

	/* a copy: the setting's own string may be replaced while the lookup runs */
	raw = pstrdup(raw);
	*account_id = NULL;
	claims = actor_claims();
	if (claims != NULL && JB_ROOT_IS_OBJECT(claims))
	{
		args[0] = api_claim_id(claims, "account_id");
		args[1] = api_claim_id(claims, "user_id");
		if (args[0] != NULL && args[1] != NULL)
			type = caller_account_type(fcinfo, args);
		if (type != NULL)
			*account_id = args[0];
	}
	if (snap == NULL)
		return type;

	/* remembered for this snapshot (the lookup ran in it, read only) */
	last_forget();
	last.claims = top_copy(raw, strlen(raw) + 1);
	last.type = type ? top_copy(type, strlen(type) + 1) : NULL;
	last.account_id = *account_id ? top_copy(*account_id, strlen(*account_id) + 1) : NULL;
	last.xip = top_copy(snap->xip, snap->xcnt * sizeof(TransactionId));
	last.subxip = snap->subxcnt > 0 ? top_copy(snap->subxip, snap->subxcnt * sizeof(TransactionId)) : NULL;
	last.lxid = MyProc->lxid;
	last.subxid = GetCurrentSubTransactionId();
	last.owner = owner;
	last.curcid = snap->curcid;
	last.xmin = snap->xmin;
	last.xmax = snap->xmax;
	last.xcnt = snap->xcnt;
	last.subxcnt = snap->subxcnt;
	last.suboverflowed = snap->suboverflowed;
	last.valid = true;
	*account_id = last.account_id;
	return last.type;
}

/*
 * The number of the kept answer when it holds for the current snapshot,
 * claims and owner, else 0: two calls that see the same nonzero number would
 * have had the same answer from render_caller, so what was worked out from it
 * may be reused between them.  No lookup and never an error, so a function
 * that looks the caller up only for some rows keeps its errors for those rows.
 */
uint64
render_caller_peek(FunctionCallInfo fcinfo)
{
	const char *setting = GetConfigOption("request.jwt.claims", true, false);
	Snapshot	snap = current_snapshot();

	if (snap == NULL || !last_matches(snap, render_owner(fcinfo), setting ? setting : ""))
		return 0;
	return generation;
}

/* The caller's account type alone (api_caller_type). */
const char *
render_caller_type(FunctionCallInfo fcinfo)
{
	const char *account_id;

	return render_caller(fcinfo, &account_id);
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
