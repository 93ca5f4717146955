/*
 * api_problem.c
 *		Errors of PostgREST requests in the marketplace's shape (README "Error
 *		codes"): the marketplace answers RFC 9457 ProblemDetails with 400 for
 *		business rules, illegal transitions and duplicates, 401/403/404, while
 *		PostgREST's own table would give 409 for PT409 and 23505.  PostgREST
 *		lets the database choose the status with SQLSTATE PGRST, a JSON
 *		MESSAGE {code, message, details, hint} and a JSON DETAIL {status,
 *		status_text, headers}.
 *
 * One place does it: an emit_log_hook.  EmitErrorReport calls it before the
 * error is written to the server log and sent to the client, with the failed
 * transaction's settings still in force, and sends whatever edata then holds
 * (sqlerrcode, message, detail, hint).  The hook rewrites an ERROR only when
 * the request is PostgREST's (its preamble sets request.method; psql and
 * applications never do) and enrollment.api_problem_errors is on; psql keeps
 * readable errors with their stable SQLSTATEs.  The server log then shows the
 * PGRST form, which still carries the original code and message.
 *
 * Never touched: SQLSTATEs outside the table below (so 40001/40P01, which
 * PostgREST retries, PGRST raised by anyone else, and every 5xx keep
 * PostgREST's mapping) and the two preamble errors PostgREST maps itself
 * (22023 role "x" does not exist -> 401, 42501 permission denied to set role).
 *
 * The hook runs inside the error machinery: it must not throw.  It does no
 * catalog access, allocates only with palloc_extended(MCXT_ALLOC_NO_OOM) in
 * the current context (EmitErrorReport switches to the error's own context,
 * ErrorContext, which FlushErrorState resets), and leaves the error as it was
 * when anything fails.  JSON is written by hand (two passes: measure, then
 * fill one buffer) so that no StringInfo can raise out-of-memory, and so that
 * the bytes stay in the server encoding, which the protocol then converts.
 */
#include "postgres.h"

#include "access/xact.h"
#include "utils/guc.h"
#include "utils/memutils.h"

#include <jansson.h>

#include "api_problem.h"
#include "errcodes.h"

void		api_problem_init(void);

/* enrollment.api_problem_errors */
static bool api_problem_enabled = true;

static emit_log_hook_type prev_emit_log_hook = NULL;

/*
 * SQLSTATE -> HTTP status of the marketplace (README "Error codes" has the
 * same table).  A class entry matches every code of its class.  42501 is 403
 * for a caller with an identity, 401 without one.
 */
typedef struct ProblemStatus
{
	int			sqlerrcode;
	bool		whole_class;
	int			status;
} ProblemStatus;

static const ProblemStatus problem_statuses[] = {
	{ENR_ERRCODE_BUSINESS_RULE, false, 400},
	{ENR_ERRCODE_ILLEGAL_TRANSITION, false, 400},	/* transition endpoints declare 400 */
	{ENR_ERRCODE_DATA_EXCEPTION, true, 400},	/* 22xxx: 22023, 22P02, 22032, 22001, ... */
	{ENR_ERRCODE_DUPLICATE, false, 400},	/* 23505, e.g. an externalId */
	{ENR_ERRCODE_CHECK_FAILED, false, 400},
	{ENR_ERRCODE_MISSING_REFERENCE, false, 400},
	{ENR_ERRCODE_PLAIN_RAISE, false, 400},	/* P0001 */
	{ENR_ERRCODE_FORBIDDEN, false, 403},	/* 42501; 401 without identity */
	{ENR_ERRCODE_NOT_FOUND, false, 404},
};

/*
 * The side channel: entries for the one error the engine raises next,
 * recognised by the C function raising it (ereport records __func__), its
 * SQLSTATE and its message.  Lives in its own context under
 * TopMemoryContext, because the error may be emitted after the
 * (sub)transaction memory that built it is gone.
 */
typedef struct ProblemEntry
{
	char	   *id;
	char	   *message;
	char	   *property;
} ProblemEntry;

static MemoryContext side_cxt = NULL;
static const char *side_funcname = NULL;	/* __func__ of the raiser */
static int	side_sqlerrcode = 0;
static char *side_message = NULL;
static ProblemEntry *side_entries = NULL;
static int	side_count = 0;
static int	side_capacity = 0;

static void
side_clear(void)
{
	if (side_message == NULL && side_count == 0)
		return;
	MemoryContextReset(side_cxt);
	side_funcname = NULL;
	side_sqlerrcode = 0;
	side_message = NULL;
	side_entries = NULL;
	side_count = side_capacity = 0;
}

void
api_problem_errors_begin_in(const char *funcname, int sqlerrcode, const char *message)
{
	side_clear();
	side_funcname = funcname;
	side_sqlerrcode = sqlerrcode;
	side_message = MemoryContextStrdup(side_cxt, message);
}

void
api_problem_errors_add(const char *id, const char *message, const char *property)
{
	ProblemEntry *e;

	Assert(side_message != NULL);
	if (side_count == side_capacity)
	{
		int			cap = side_capacity == 0 ? 8 : side_capacity * 2;
		ProblemEntry *n = MemoryContextAlloc(side_cxt, cap * sizeof(ProblemEntry));

		if (side_count > 0)
			memcpy(n, side_entries, side_count * sizeof(ProblemEntry));
		side_entries = n;
		side_capacity = cap;
	}
	e = &side_entries[side_count++];
	e->id = id ? MemoryContextStrdup(side_cxt, id) : NULL;
	e->message = message ? MemoryContextStrdup(side_cxt, message) : NULL;
	e->property = property ? MemoryContextStrdup(side_cxt, property) : NULL;
}

static void
problem_xact_callback(XactEvent event, void *arg)
{
	side_clear();
}

/* ---------- JSON writing that cannot throw ---------- */

/* data == NULL: only count the bytes */
typedef struct JBuf
{
	char	   *data;
	size_t		len;
} JBuf;

static void
jb_raw(JBuf *b, const char *s)
{
	size_t		n = strlen(s);

	if (b->data)
		memcpy(b->data + b->len, s, n);
	b->len += n;
}

static void
jb_char(JBuf *b, char c)
{
	if (b->data)
		b->data[b->len] = c;
	b->len++;
}

/* A JSON string, or null; bytes >= 0x80 pass through (server encoding). */
static void
jb_str(JBuf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	if (s == NULL)
	{
		jb_raw(b, "null");
		return;
	}
	jb_char(b, '"');
	for (const unsigned char *p = (const unsigned char *) s; *p; p++)
	{
		switch (*p)
		{
			case '"':
				jb_raw(b, "\\\"");
				break;
			case '\\':
				jb_raw(b, "\\\\");
				break;
			case '\n':
				jb_raw(b, "\\n");
				break;
			case '\r':
				jb_raw(b, "\\r");
				break;
			case '\t':
				jb_raw(b, "\\t");
				break;
			default:
				if (*p < 0x20)
				{
					jb_raw(b, "\\u00");
					jb_char(b, hex[*p >> 4]);
					jb_char(b, hex[*p & 15]);
				}
				else
					jb_char(b, (char) *p);
		}
	}
	jb_char(b, '"');
}

/* {"id"?: ..., "message": ..., "properties": [property?]} */
static void
jb_entry(JBuf *b, const char *id, const char *message, const char *property)
{
	jb_char(b, '{');
	if (id != NULL)
	{
		jb_raw(b, "\"id\":");
		jb_str(b, id);
		jb_char(b, ',');
	}
	jb_raw(b, "\"message\":");
	jb_str(b, message);
	jb_raw(b, ",\"properties\":[");
	if (property != NULL)
		jb_str(b, property);
	jb_raw(b, "]}");
}

/*
 * The marketplace's errors array: the error's own entry (its detail, or its
 * message when it has only a column, with the column as property), then the
 * side channel's entries when they belong to this error.
 */
static void
jb_errors(JBuf *b, const ErrorData *edata, bool with_side)
{
	bool		first = true;

	jb_char(b, '[');
	if (edata->detail != NULL || edata->column_name != NULL)
	{
		jb_entry(b, NULL, edata->detail ? edata->detail : edata->message,
				 edata->column_name);
		first = false;
	}
	if (with_side)
	{
		for (int i = 0; i < side_count; i++)
		{
			if (!first)
				jb_char(b, ',');
			jb_entry(b, side_entries[i].id, side_entries[i].message,
					 side_entries[i].property);
			first = false;
		}
	}
	jb_char(b, ']');
}

/* {"code": ..., "message": ..., "details": <errors as text>, "hint": ...} */
static void
jb_message(JBuf *b, const ErrorData *edata, const char *errors)
{
	jb_raw(b, "{\"code\":");
	jb_str(b, unpack_sql_state(edata->sqlerrcode));
	jb_raw(b, ",\"message\":");
	jb_str(b, edata->message);
	jb_raw(b, ",\"details\":");
	jb_str(b, errors);
	jb_raw(b, ",\"hint\":");
	jb_str(b, edata->hint);
	jb_char(b, '}');
}

/* Run a writer twice: measure, then fill a buffer of the exact size. */
#define JB_RENDER(result, call) \
	do { \
		JBuf		b_ = {NULL, 0}; \
		JBuf	   *b = &b_; \
		call; \
		b_.data = palloc_extended(b_.len + 1, MCXT_ALLOC_NO_OOM); \
		(result) = b_.data; \
		if (b_.data != NULL) \
		{ \
			b_.len = 0; \
			call; \
			b_.data[b_.len] = '\0'; \
		} \
	} while (0)

/* ---------- the hook ---------- */

/* A setting PostgREST's preamble puts, '' or NULL when absent. */
static bool
setting_present(const char *name)
{
	const char *v = GetConfigOption(name, true, false);

	return v != NULL && v[0] != '\0';
}

/*
 * Whether the caller has an identity: request.jwt.claims holds a non-empty
 * account_id string (the claim the engine's actor reader requires).  Read
 * with jansson, whose allocator does not throw, not with the engine's
 * reader, which raises on a malformed claim.
 */
static bool
caller_identified(void)
{
	const char *raw = GetConfigOption("request.jwt.claims", true, false);
	json_t	   *claims;
	json_t	   *acc;
	bool		result;

	if (raw == NULL || raw[0] == '\0')
		return false;
	claims = json_loads(raw, JSON_REJECT_DUPLICATES, NULL);
	if (claims == NULL)
		return false;
	acc = json_object_get(claims, "account_id");
	result = json_is_string(acc) && json_string_length(acc) > 0;
	json_decref(claims);
	return result;
}

static bool
starts_with(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The marketplace's status for this error, or 0 to leave it alone. */
static int
problem_status(const ErrorData *edata)
{
	int			status = 0;

	for (int i = 0; i < lengthof(problem_statuses); i++)
	{
		const ProblemStatus *s = &problem_statuses[i];

		if (s->whole_class ? ERRCODE_TO_CATEGORY(edata->sqlerrcode) == s->sqlerrcode
			: edata->sqlerrcode == s->sqlerrcode)
		{
			status = s->status;
			break;
		}
	}
	if (status == 0)
		return 0;
	/* the preamble's role switch: PostgREST maps these itself (401/403) */
	if ((edata->sqlerrcode == ENR_ERRCODE_BAD_VALUE &&
		 starts_with(edata->message, "role \"")) ||
		(edata->sqlerrcode == ENR_ERRCODE_FORBIDDEN &&
		 starts_with(edata->message, "permission denied to set role")))
		return 0;
	if (status == 403 && !caller_identified())
		status = 401;
	return status;
}

static const char *
status_detail(int status)
{
	switch (status)
	{
		case 400:
			return "{\"status\":400,\"status_text\":\"Bad Request\",\"headers\":{}}";
		case 401:
			/* what PostgREST adds to a 401 of its own (not to a PGRST one) */
			return "{\"status\":401,\"status_text\":\"Unauthorized\",\"headers\":{\"WWW-Authenticate\":\"Bearer\"}}";
		case 403:
			return "{\"status\":403,\"status_text\":\"Forbidden\",\"headers\":{}}";
		case 404:
			return "{\"status\":404,\"status_text\":\"Not Found\",\"headers\":{}}";
	}
	return NULL;
}

static void
rewrite_error(ErrorData *edata)
{
	int			status;
	bool		with_side;
	char	   *errors;
	char	   *message;
	const char *detail_src;
	char	   *detail;

	/* PostgREST requires "message" to be a string */
	if (!api_problem_enabled || edata->message == NULL || !setting_present("request.method"))
		return;
	status = problem_status(edata);
	if (status == 0 || (detail_src = status_detail(status)) == NULL)
		return;
	with_side = side_message != NULL && edata->sqlerrcode == side_sqlerrcode &&
		edata->funcname != NULL && strcmp(edata->funcname, side_funcname) == 0 &&
		strcmp(edata->message, side_message) == 0;

	JB_RENDER(errors, jb_errors(b, edata, with_side));
	if (errors == NULL)
		return;
	JB_RENDER(message, jb_message(b, edata, errors));
	if (message == NULL)
		return;
	detail = palloc_extended(strlen(detail_src) + 1, MCXT_ALLOC_NO_OOM);
	if (detail == NULL)
		return;
	strcpy(detail, detail_src);

	/* the old strings stay in the error's context, which is reset after */
	edata->sqlerrcode = ENR_ERRCODE_PGRST;
	edata->message = message;
	edata->detail = detail;
	edata->hint = NULL;
}

static void
problem_emit_log_hook(ErrorData *edata)
{
	if (prev_emit_log_hook)
		prev_emit_log_hook(edata);
	if (edata->elevel < ERROR)
		return;
	if (edata->output_to_client)
		rewrite_error(edata);
	/* whatever this error was, the entries were for it or are stale now */
	side_clear();
}

void
api_problem_init(void)
{
	DefineCustomBoolVariable("enrollment.api_problem_errors",
							 "Send errors of PostgREST requests as RAISE PGRST with the marketplace's HTTP status.",
							 "Applies only when request.method is set (PostgREST); psql and applications always get plain errors.",
							 &api_problem_enabled,
							 true,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
	side_cxt = AllocSetContextCreate(TopMemoryContext, "enrollment api problem entries",
									 ALLOCSET_SMALL_SIZES);
	RegisterXactCallback(problem_xact_callback, NULL);
	prev_emit_log_hook = emit_log_hook;
	emit_log_hook = problem_emit_log_hook;
}
