/*
 * message.c
 *		ParametrisedMessage arguments {id?, message, parameters?}: the shape
 *		of the reason a fail or a terminate requires, and of the statusNotes
 *		and error an enrollment update sets.  One parser, so every action
 *		refuses the same shapes with the same errors.
 */
#include "postgres.h"

#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "errcodes.h"
#include "message.h"
/*
 * The shape of a ParametrisedMessage {id?, message, parameters?} named field:
 * 22023 unless a JSON object whose message is a string and whose id and
 * parameters, when present, are a string and an object, with no other keys;
 * 22001 for a message over 4000 characters.  Returns the message text, NULL
 * when absent; *len is its length in characters.
 */
static char *
message_text(Jsonb *jb, const char *field, int *len)
{
#define MESSAGE_COLUMN err_generic_string(PG_DIAG_COLUMN_NAME, field)
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *message = NULL;

	*len = 0;
	if (!JB_ROOT_IS_OBJECT(jb))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("%s must be a JSON object", field), MESSAGE_COLUMN,
				 errdetail("A status note is {\"id\": ..., \"message\": ..., \"parameters\": {...}}.")));

	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *key;

		if (tok != WJB_KEY)
			continue;
		key = pnstrdup(v.val.string.val, v.val.string.len);
		tok = JsonbIteratorNext(&it, &v, true);
		Assert(tok == WJB_VALUE);
		if (strcmp(key, "message") == 0)
		{
			if (v.type != jbvString)
				ereport(ERROR,
						(errcode(ENR_ERRCODE_BAD_VALUE),
						 errmsg("%s.message must be a string", field), MESSAGE_COLUMN));
			message = pnstrdup(v.val.string.val, v.val.string.len);
			*len = pg_mbstrlen_with_len(v.val.string.val, v.val.string.len);
		}
		else if (strcmp(key, "id") == 0)
		{
			if (v.type != jbvString && v.type != jbvNull)
				ereport(ERROR,
						(errcode(ENR_ERRCODE_BAD_VALUE),
						 errmsg("%s.id must be a string", field), MESSAGE_COLUMN));
		}
		else if (strcmp(key, "parameters") == 0)
		{
			if (v.type != jbvNull &&
				!(v.type == jbvBinary && JsonContainerIsObject(v.val.binary.data)))
				ereport(ERROR,
						(errcode(ENR_ERRCODE_BAD_VALUE),
						 errmsg("%s.parameters must be a JSON object", field), MESSAGE_COLUMN));
		}
		else
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("unknown %s key \"%s\"", field, key), MESSAGE_COLUMN,
					 errdetail("A status note has the keys id, message and parameters.")));
	}

	if (*len > 4000)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TOO_LARGE),
				 errmsg("%s.message is too long (%d characters)", field, *len), MESSAGE_COLUMN,
				 errdetail("A status note message has at most 4000 characters.")));
	return message;
#undef MESSAGE_COLUMN
}

/* The reason's field as the marketplace names it (the SQL argument is status_notes). */
#define REASON_FIELD "statusNotes"

/*
 * A ParametrisedMessage argument given as a reason: required, with a
 * non-empty message.  Returns the message text.
 */
char *
lc_parse_message(FunctionCallInfo fcinfo, int argno, const char *action,
				 const char *object_kind, const char *object_id)
{
	char	   *message;
	int			len;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("a reason is required to %s %s %s", action, object_kind, object_id),
				 errdetail("statusNotes is missing."),
				 errhint("Pass statusNotes (the SQL argument status_notes) as a JSON object with a \"message\" key."),
				 err_generic_string(PG_DIAG_COLUMN_NAME, REASON_FIELD)));
	message = message_text(PG_GETARG_JSONB_P(argno), REASON_FIELD, &len);
	if (message == NULL || len == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("a reason is required to %s %s %s", action, object_kind, object_id),
				 errdetail("statusNotes.message is missing or empty."),
				 err_generic_string(PG_DIAG_COLUMN_NAME, REASON_FIELD)));
	return message;
}

/*
 * A ParametrisedMessage argument that sets a field (statusNotes, error of an
 * enrollment update): the same shape, the message required and not empty.
 */
void
lc_check_message(FunctionCallInfo fcinfo, int argno, const char *field)
{
	int			len;

	if (message_text(PG_GETARG_JSONB_P(argno), field, &len) == NULL || len == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("%s.message is required", field),
				 errdetail("%s.message is missing or empty.", field),
				 err_generic_string(PG_DIAG_COLUMN_NAME, field)));
}

/*
 * enrollment.api_message(field, msg): the API's body field checked by the
 * same parser, named as the request names it, so that a bad shape is refused
 * before the action runs and with the body field in PostgREST's properties.
 * NULL or JSON null is absent (NULL); whether a message is required is the
 * action's rule (lc_parse_message, lc_check_message), not the API's.
 */
PG_FUNCTION_INFO_V1(enrollment_api_message);

Datum
enrollment_api_message(PG_FUNCTION_ARGS)
{
	char	   *field;
	Jsonb	   *jb;
	int			len;

	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	jb = PG_GETARG_JSONB_P(1);
	if (JB_ROOT_IS_SCALAR(jb))
	{
		JsonbValue	v;

		if (JsonbExtractScalar(&jb->root, &v) && v.type == jbvNull)
			PG_RETURN_NULL();
	}
	field = PG_ARGISNULL(0) ? "message" : text_to_cstring(PG_GETARG_TEXT_PP(0));
	(void) message_text(jb, field, &len);
	PG_RETURN_JSONB_P(jb);
}
