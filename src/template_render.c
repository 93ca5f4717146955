/*
 * template_render.c
 *		The template renderer: one pass over the content, each parameter token
 *		replaced by the display value of that parameter (README, "Templates").
 *
 * A token is "{{", optional blanks (spaces, tabs), a parameter id written
 * exactly as the API writes it (PPM-dddd-dddd-dddd, upper case), optional
 * blanks, "}}".  Anything else is text and stays as it is: "{{PPM-1}}",
 * "{{ }}", a "{{" at the end, "{{ partner_id }}" (externalIds are not
 * tokens: they are vendor-chosen free text, so a template's code sample
 * could silently start substituting when a parameter with that externalId
 * is added later).  The scan moves one character on when a "{{" starts no
 * token, so "{{{ PPM-... }}}" renders as "{value}".
 *
 * A token renders as the display value of the parameter's instance; empty
 * when the object has no instance of it (an unknown or foreign id), the
 * value is null or has no display text, or the instance is hidden and the
 * caller is a client.  The content is Markdown or HTML and is neither
 * escaped nor interpreted: values are inserted as they are.
 *
 * Bounds: a template's content is at most 4000 characters (table CHECK and
 * create/update), so at most 181 tokens fit; create and update refuse more
 * than TEMPLATE_MAX_TOKENS anyway, and the renderer stops substituting after
 * that many, so no content, however it was stored, does more lookups.  The
 * output is at most TEMPLATE_MAX_OUTPUT bytes (22001 beyond): display values
 * are bounded by the value cap (64 KiB serialised), but not their sum.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "display_value.h"
#include "errcodes.h"
#include "template_render.h"

#define IS_BLANK(c) ((c) == ' ' || (c) == '\t')

/* Does s (avail bytes) start with a parameter id, PPM-dddd-dddd-dddd? */
static bool
parameter_id_at(const char *s, int avail)
{
	if (avail < TEMPLATE_TOKEN_ID_LEN || memcmp(s, "PPM-", 4) != 0)
		return false;
	for (int k = 4; k < TEMPLATE_TOKEN_ID_LEN; k++)
		if (k == 8 || k == 13 ? s[k] != '-' : (s[k] < '0' || s[k] > '9'))
			return false;
	return true;
}

/*
 * Length of the token starting at s[i], 0 when none starts there; *id is
 * set to its parameter id (TEMPLATE_TOKEN_ID_LEN characters, not
 * terminated).
 */
static int
token_at(const char *s, int len, int i, const char **id)
{
	int			j = i + 2;

	if (len - i < 2 || s[i] != '{' || s[i + 1] != '{')
		return 0;
	while (j < len && IS_BLANK(s[j]))
		j++;
	if (!parameter_id_at(s + j, len - j))
		return 0;
	*id = s + j;
	j += TEMPLATE_TOKEN_ID_LEN;
	while (j < len && IS_BLANK(s[j]))
		j++;
	if (len - j < 2 || s[j] != '}' || s[j + 1] != '}')
		return 0;
	return j + 2 - i;
}

void
template_check_tokens(const char *content)
{
	int			len = strlen(content);
	int			n = 0;
	const char *id;

	for (int i = 0; i < len;)
	{
		int			t = token_at(content, len, i, &id);

		n += t > 0;
		i += t > 0 ? t : 1;
	}
	if (n > TEMPLATE_MAX_TOKENS)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("content has too many parameter tokens (%d)", n),
				 errdetail("A template holds at most %d {{ PPM-... }} tokens.", TEMPLATE_MAX_TOKENS)));
}

static int
value_cmp(const void *a, const void *b)
{
	return strcmp(((const RenderValue *) a)->id, ((const RenderValue *) b)->id);
}

/* 22001 once the output passes its cap; checked after every append. */
static void
check_output(StringInfo out)
{
	if (out->len > TEMPLATE_MAX_OUTPUT)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TOO_LARGE),
				 errmsg("rendered template is too large"),
				 errdetail("The rendered text exceeds %d bytes.", TEMPLATE_MAX_OUTPUT),
				 errhint("Shorten the template or the parameter values it shows.")));
}

StringInfo
template_render(const char *content, int len, RenderValue *values, int nvalues,
				bool show_hidden)
{
	StringInfo	out = makeStringInfo();
	int			literal = 0;	/* start of the text not yet copied */
	int			ntokens = 0;

	if (nvalues > 0)
		qsort(values, nvalues, sizeof(RenderValue), value_cmp);
	for (int i = 1; i < nvalues; i++)
		if (strcmp(values[i - 1].id, values[i].id) == 0)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("parameter %s has two values", values[i].id),
					 errdetail("Each parameter is rendered from one value.")));

	for (int i = 0; i < len && ntokens < TEMPLATE_MAX_TOKENS;)
	{
		const char *id;
		int			t = content[i] == '{' ? token_at(content, len, i, &id) : 0;
		RenderValue key;
		RenderValue *v;

		if (t == 0)
		{
			i++;
			continue;
		}
		appendBinaryStringInfo(out, content + literal, i - literal);
		memcpy(key.id, id, TEMPLATE_TOKEN_ID_LEN);
		key.id[TEMPLATE_TOKEN_ID_LEN] = '\0';
		v = nvalues > 0 ? bsearch(&key, values, nvalues, sizeof(RenderValue), value_cmp) : NULL;
		if (v != NULL && v->value != NULL && (show_hidden || !v->hidden))
			display_value_append(out, v->value);
		check_output(out);
		ntokens++;
		i += t;
		literal = i;
	}
	appendBinaryStringInfo(out, content + literal, len - literal);
	check_output(out);
	return out;
}

/* 22023 for a malformed values argument of render_template. */
static void
bad_values(const char *what)
{
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BAD_VALUE),
			 errmsg("invalid values: %s", what),
			 errdetail("values is an array of {\"id\": \"PPM-...\", \"value\": ..., \"hidden\": true|false}.")));
}

/* One element {"id", "value"?, "hidden"?} of the values argument. */
static void
parse_value(JsonbContainer *obj, RenderValue *rv)
{
	JsonbIterator *it = JsonbIteratorInit(obj);
	JsonbValue	v;
	JsonbIteratorToken tok;
	JsonbValue *id,
			   *value,
			   *hidden;

	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		if (tok == WJB_KEY &&
			!(v.val.string.len == 2 && memcmp(v.val.string.val, "id", 2) == 0) &&
			!(v.val.string.len == 5 && memcmp(v.val.string.val, "value", 5) == 0) &&
			!(v.val.string.len == 6 && memcmp(v.val.string.val, "hidden", 6) == 0))
			bad_values(psprintf("unknown key \"%.*s\"", Min(v.val.string.len, 40), v.val.string.val));

	id = getKeyJsonValueFromContainer(obj, "id", 2, NULL);
	if (id == NULL || id->type != jbvString)
		bad_values("an element has no string id");
	if (id->val.string.len != TEMPLATE_TOKEN_ID_LEN ||
		!parameter_id_at(id->val.string.val, id->val.string.len))
		bad_values(psprintf("id \"%.*s\" is not a parameter id", Min(id->val.string.len, 40), id->val.string.val));
	memcpy(rv->id, id->val.string.val, id->val.string.len);
	rv->id[id->val.string.len] = '\0';

	value = getKeyJsonValueFromContainer(obj, "value", 5, NULL);
	rv->value = value == NULL || value->type == jbvNull ? NULL : JsonbValueToJsonb(value);

	hidden = getKeyJsonValueFromContainer(obj, "hidden", 6, NULL);
	if (hidden != NULL && hidden->type != jbvBool)
		bad_values(psprintf("hidden of %s is not a boolean", rv->id));
	rv->hidden = hidden != NULL && hidden->val.boolean;
}

PG_FUNCTION_INFO_V1(render_template);

/*
 * enrollment.render_template(content, values, show_hidden): the renderer on
 * given values, for tests and for callers that hold the values already.
 * NULL content is NULL; NULL values are no values.
 */
Datum
render_template(PG_FUNCTION_ARGS)
{
	text	   *content;
	bool		show_hidden = !PG_ARGISNULL(2) && PG_GETARG_BOOL(2);
	RenderValue *values = NULL;
	int			n = 0;
	StringInfo	out;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	content = PG_GETARG_TEXT_PP(0);
	if (!PG_ARGISNULL(1))
	{
		Jsonb	   *jb = PG_GETARG_JSONB_P(1);
		JsonbIterator *it;
		JsonbValue	v;
		JsonbIteratorToken tok;

		if (!JB_ROOT_IS_ARRAY(jb) || JB_ROOT_IS_SCALAR(jb))
			bad_values("not a JSON array");
		values = palloc0(sizeof(RenderValue) * Max(JB_ROOT_COUNT(jb), 1));
		it = JsonbIteratorInit(&jb->root);
		while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		{
			if (tok != WJB_ELEM)
				continue;
			if (v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data))
				bad_values("an element is not an object");
			parse_value(v.val.binary.data, &values[n++]);
		}
	}
	out = template_render(VARDATA_ANY(content), VARSIZE_ANY_EXHDR(content), values, n, show_hidden);
	PG_RETURN_TEXT_P(cstring_to_text_with_len(out->data, out->len));
}
