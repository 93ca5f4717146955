/*
 * render_json.c
 *		Building blocks of the API renderers' jsonb (render.h): members pushed
 *		into the object under construction, NULLs left out as
 *		jsonb_strip_nulls would, and the API's timestamp text.
 */
#include "postgres.h"

#include "catalog/pg_collation_d.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
#include "utils/timestamp.h"

#include "render.h"

void
rj_key(JsonbParseState **ps, const char *key)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	pushJsonbValue(ps, WJB_KEY, &k);
}

void
rj_string(JsonbParseState **ps, const char *key, const char *s)
{
	if (s != NULL)
		rj_string_len(ps, key, s, strlen(s));
}

void
rj_string_len(JsonbParseState **ps, const char *key, const char *s, int len)
{
	JsonbValue	v;

	rj_key(ps, key);
	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = len;
	pushJsonbValue(ps, WJB_VALUE, &v);
}

void
rj_bool(JsonbParseState **ps, const char *key, bool b)
{
	JsonbValue	v;

	rj_key(ps, key);
	v.type = jbvBool;
	v.val.boolean = b;
	pushJsonbValue(ps, WJB_VALUE, &v);
}

void
rj_int(JsonbParseState **ps, const char *key, int64 n)
{
	JsonbValue	v;

	rj_key(ps, key);
	v.type = jbvNumeric;
	v.val.numeric = int64_to_numeric(n);
	pushJsonbValue(ps, WJB_VALUE, &v);
}

/*
 * A stored jsonb as a member, stripped of nulls (jsonb_strip_nulls is
 * recursive); left out when SQL NULL or JSON null, whose key the strip drops.
 */
void
rj_jsonb(JsonbParseState **ps, const char *key, Jsonb *value)
{
	JsonbValue	v;

	if (value == NULL)
		return;
	if (JB_ROOT_IS_SCALAR(value))
	{
		JsonbValue	scalar;

		if (!JsonbExtractScalar(&value->root, &scalar) || scalar.type == jbvNull)
			return;
		rj_key(ps, key);
		pushJsonbValue(ps, WJB_VALUE, &scalar);
		return;
	}
	value = DatumGetJsonbP(DirectFunctionCall1(jsonb_strip_nulls, JsonbPGetDatum(value)));
	rj_key(ps, key);
	v.type = jbvBinary;
	v.val.binary.data = &value->root;
	v.val.binary.len = VARSIZE(value) - VARHDRSZ;
	pushJsonbValue(ps, WJB_VALUE, &v);
}

/* The finished value as a jsonb Datum allocated in cxt. */
Datum
rj_result(JsonbValue *root, MemoryContext cxt)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	Jsonb	   *result = JsonbValueToJsonb(root);

	MemoryContextSwitchTo(old);
	return JsonbPGetDatum(result);
}

/*
 * A timestamptz in the API's form, the text of enrollment.api_ts:
 * to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), e.g.
 * 2025-06-27T08:46:55.341Z; NULL for infinity, as to_char answers.  Years
 * outside 1..9999 are left to to_char itself.
 */
char *
rj_timestamp(Datum at)
{
	TimestampTz ts = DatumGetTimestampTz(at);
	struct pg_tm tm;
	fsec_t		fsec;

	if (TIMESTAMP_NOT_FINITE(ts))
		return NULL;
	if (timestamp2tm(ts, NULL, &tm, &fsec, NULL, NULL) == 0 &&
		tm.tm_year >= 1 && tm.tm_year <= 9999)
		return psprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
						tm.tm_year, tm.tm_mon, tm.tm_mday,
						tm.tm_hour, tm.tm_min, tm.tm_sec, (int) (fsec / 1000));
	else
	{
		Datum		utc = DirectFunctionCall2(timestamptz_zone,
											  CStringGetTextDatum("UTC"), at);
		Datum		out = DirectFunctionCall2Coll(timestamp_to_char, DEFAULT_COLLATION_OID, utc,
												   CStringGetTextDatum("YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\""));

		return TextDatumGetCString(out);
	}
}
