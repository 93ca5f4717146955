/*
 * display_value.c
 *		The displayValue of a parameter value, in C (README, "Templates").
 *
 * Rules, the same as the SQL function enrollment.api_display_value:
 *   - a string, number or boolean is its text (numbers as numeric_out
 *     writes them, so 1.50 stays 1.50); JSON null has none;
 *   - an array (Checkbox) is its scalar elements joined with ", ", nested
 *     containers and nulls skipped;
 *   - an object (Address, Contact, Date) is its members joined with ", " in
 *     reading order: the known keys first in the order below, then the
 *     others by key in the database's collation; a member that is an object
 *     (Contact's phone) is its scalar members joined with " " (prefix, then
 *     number, then the others by key); members with no text or an empty one
 *     are left out;
 *   - nothing else is looked at, so a value of any depth renders in two
 *     levels of iteration, never recursion.
 * A value whose parts all have no text has none (the SQL NULL).
 */
#include "postgres.h"

#include <limits.h>

#include "catalog/pg_collation_d.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/varlena.h"

#include "display_value.h"

/* Reading order of object members (the SQL function's array_position lists). */
static const char *const member_order[] = {
	"addressLine1", "addressLine2", "city", "state", "postCode", "country",
	"firstName", "lastName", "email", "phone", "date", "start", "end", NULL
};
static const char *const phone_order[] = {"prefix", "number", NULL};

/* One member of an object with its text, to be sorted into reading order. */
typedef struct DisplayPart
{
	const char *key;
	int			keylen;
	int			rank;			/* position in the order list, INT_MAX when absent */
	char	   *text;
	int			textlen;
} DisplayPart;

/* The text of a string, number or boolean; false for anything else. */
static bool
scalar_text(const JsonbValue *v, char **text, int *len)
{
	switch (v->type)
	{
		case jbvString:
			*text = v->val.string.val;
			*len = v->val.string.len;
			return true;
		case jbvNumeric:
			*text = DatumGetCString(DirectFunctionCall1(numeric_out,
														NumericGetDatum(v->val.numeric)));
			*len = strlen(*text);
			return true;
		case jbvBool:
			*text = v->val.boolean ? "true" : "false";
			*len = strlen(*text);
			return true;
		default:
			return false;
	}
}

static int
member_rank(const char *const *order, const char *key, int keylen)
{
	for (int i = 0; order[i] != NULL; i++)
		if (strlen(order[i]) == keylen && memcmp(order[i], key, keylen) == 0)
			return i;
	return INT_MAX;
}

/* ORDER BY array_position(order, k), k: absent keys last, then by collation. */
static int
part_cmp(const void *a, const void *b)
{
	const DisplayPart *pa = a;
	const DisplayPart *pb = b;

	if (pa->rank != pb->rank)
		return pa->rank < pb->rank ? -1 : 1;
	return varstr_cmp(pa->key, pa->keylen, pb->key, pb->keylen, DEFAULT_COLLATION_OID);
}

/* Append the parts, sorted, joined by sep; false when there are none. */
static bool
append_parts(StringInfo out, DisplayPart *parts, int n, const char *sep)
{
	if (n == 0)
		return false;
	qsort(parts, n, sizeof(DisplayPart), part_cmp);
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoString(out, sep);
		appendBinaryStringInfo(out, parts[i].text, parts[i].textlen);
	}
	return true;
}

/*
 * The members of the object container c as parts.  With inner set, a member
 * is its scalar text (empty strings kept: string_agg keeps them); otherwise
 * a member that is an object is its inner text, and members with no text or
 * an empty one are dropped (the SQL function's WHERE d <> '').
 */
static int
object_parts(JsonbContainer *c, bool inner, DisplayPart **parts_out)
{
	JsonbIterator *it = JsonbIteratorInit(c);
	JsonbValue	v;
	JsonbIteratorToken tok;
	DisplayPart *parts = palloc(sizeof(DisplayPart) * Max(JsonContainerSize(c), 1));
	int			n = 0;
	const char *key = NULL;
	int			keylen = 0;

	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *text = NULL;
		int			len = 0;
		bool		has;

		if (tok == WJB_KEY)
		{
			key = v.val.string.val;
			keylen = v.val.string.len;
			continue;
		}
		if (tok != WJB_VALUE)
			continue;
		if (!inner && v.type == jbvBinary && JsonContainerIsObject(v.val.binary.data))
		{
			StringInfoData buf;
			DisplayPart *sub;
			int			nsub = object_parts(v.val.binary.data, true, &sub);

			initStringInfo(&buf);
			has = append_parts(&buf, sub, nsub, " ");
			text = buf.data;
			len = buf.len;
		}
		else
			has = scalar_text(&v, &text, &len);
		if (!has || (!inner && len == 0))
			continue;
		parts[n].key = key;
		parts[n].keylen = keylen;
		parts[n].rank = member_rank(inner ? phone_order : member_order, key, keylen);
		parts[n].text = text;
		parts[n].textlen = len;
		n++;
	}
	*parts_out = parts;
	return n;
}

bool
display_value_append(StringInfo out, Jsonb *value)
{
	JsonbValue	v;
	char	   *text;
	int			len;

	if (JB_ROOT_IS_SCALAR(value))
	{
		if (!JsonbExtractScalar(&value->root, &v) || !scalar_text(&v, &text, &len))
			return false;
		appendBinaryStringInfo(out, text, len);
		return true;
	}
	if (JB_ROOT_IS_ARRAY(value))
	{
		JsonbIterator *it = JsonbIteratorInit(&value->root);
		JsonbIteratorToken tok;
		bool		any = false;

		while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		{
			if (tok != WJB_ELEM || !scalar_text(&v, &text, &len))
				continue;
			if (any)
				appendStringInfoString(out, ", ");
			appendBinaryStringInfo(out, text, len);
			any = true;
		}
		return any;
	}
	else
	{
		DisplayPart *parts;
		int			n = object_parts(&value->root, false, &parts);

		return append_parts(out, parts, n, ", ");
	}
}

char *
display_value(Jsonb *value)
{
	StringInfoData buf;

	initStringInfo(&buf);
	if (!display_value_append(&buf, value))
	{
		pfree(buf.data);
		return NULL;
	}
	return buf.data;
}

PG_FUNCTION_INFO_V1(display_value_sql);

/* enrollment.display_value(value jsonb): the C displayValue, for SQL and the tests. */
Datum
display_value_sql(PG_FUNCTION_ARGS)
{
	char	   *text = display_value(PG_GETARG_JSONB_P(0));

	if (text == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(text));
}
