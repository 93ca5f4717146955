/*
 * unit_param_check.c
 *		Standalone unit test of src/param_check.c (no PostgreSQL).
 *
 * Built and run by `make -C test/fuzz unit` with ASan + UBSan.  Every case is
 * also re-run against a pc_def_copy'd definition, which must give the same
 * answer.  Every error id of param_check.h must be produced at least once.
 * In the JSON literals below a ' stands for a " (use \u0027 for a real
 * apostrophe).  The last line printed is "N passed, N failed".
 */
#include "param_check.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	n_passed;
static int	n_failed;

static const char *const all_ids[] = {
	PC_ERR_REQUIRED, PC_ERR_TYPE, PC_ERR_TOO_LARGE, PC_ERR_TOO_DEEP,
	PC_ERR_BAD_CHARS, PC_ERR_TOO_SHORT, PC_ERR_TOO_LONG, PC_ERR_PATTERN,
	PC_ERR_MULTILINE, PC_ERR_EMAIL, PC_ERR_SUBDOMAIN, PC_ERR_NOT_OPTION,
	PC_ERR_DUPLICATE, PC_ERR_FIELD_REQUIRED, PC_ERR_FIELD_UNKNOWN,
	PC_ERR_COUNTRY, PC_ERR_PHONE, PC_ERR_DATE, PC_ERR_DATE_ORDER,
	PC_ERR_DATE_WINDOW, PC_ERR_XML, PC_ERR_HEADING, PC_ERR_PATTERN_EVAL,
	PC_ERR_BAD_DEF, PC_ERR_JSON_TEXT,
	PC_ERR_OPT_NOT_OBJECT, PC_ERR_OPT_UNKNOWN, PC_ERR_OPT_TYPE,
	PC_ERR_OPT_RANGE, PC_ERR_OPT_MIN_MAX, PC_ERR_OPT_PATTERN_LEN,
	PC_ERR_OPT_PATTERN, PC_ERR_OPT_LIST_EMPTY, PC_ERR_OPT_LIST_ITEM,
	PC_ERR_OPT_LIST_DUP, PC_ERR_OPT_LIST_LONG, PC_ERR_OPT_DEFAULT,
	PC_ERR_OPT_DATE, PC_ERR_OPT_DATE_ORDER, PC_ERR_OPT_DOMAIN,
	PC_ERR_OPT_OBJECT_TYPE, PC_ERR_OPT_TEXT, PC_ERR_OPT_PARAM_TYPE,
	PC_ERR_CONSTRAINT, PC_ERR_OPT_TYPE_NAME,
	PC_ERR_DOC_TOO_LARGE, PC_ERR_DOC_INVALID, PC_ERR_DOC_TOO_DEEP,
	PC_ERR_ENROLLMENT_INVALID,
};
#define N_IDS (sizeof(all_ids) / sizeof(all_ids[0]))
static int	id_seen[N_IDS];

static void
mark_seen(const char *id)
{
	size_t		i;

	for (i = 0; i < N_IDS; i++)
		if (strcmp(all_ids[i], id) == 0)
			id_seen[i] = 1;
}

static void
result(int ok, int line, const char *fmt, const char *a, const char *b)
{
	if (ok)
		n_passed++;
	else
	{
		n_failed++;
		printf("FAIL line %d: ", line);
		printf(fmt, a ? a : "(null)", b ? b : "(null)");
		printf("\n");
	}
}

#define CHECK(cond) result((cond) != 0, __LINE__, "%s%s", #cond, "")

/* ---- POSIX regex adaptor (full match = "^(" pattern ")$") ---- */

static int
posix_full_match(void *arg, const char *pattern, size_t plen,
				 const char *subject, size_t slen, char *errbuf, size_t errlen)
{
	regex_t		re;
	char	   *pat,
			   *sub;
	int			rc;

	(void) arg;
	pat = malloc(plen + 5);
	if (pat == NULL)
		return -1;
	memcpy(pat, "^(", 2);
	memcpy(pat + 2, pattern, plen);
	memcpy(pat + 2 + plen, ")$", 3);
	/* back-references: refused as PostgreSQL's adaptor refuses them */
	for (size_t i = 0; i + 1 < plen; i++)
		if (pattern[i] == '\\')
		{
			if (pattern[i + 1] >= '1' && pattern[i + 1] <= '9')
			{
				free(pat);
				return -2;
			}
			i++;
		}
	rc = regcomp(&re, pat, REG_EXTENDED | REG_NOSUB);
	free(pat);
	if (rc != 0)
	{
		if (errbuf && errlen)
			regerror(rc, &re, errbuf, errlen);
		return -1;
	}
	sub = malloc(slen + 1);
	if (sub == NULL)
	{
		regfree(&re);
		return -1;
	}
	memcpy(sub, subject, slen);
	sub[slen] = '\0';
	rc = regexec(&re, sub, 0, NULL, 0);
	regfree(&re);
	free(sub);
	return rc == 0 ? 1 : (rc == REG_NOMATCH ? 0 : -1);
}

static int
broken_full_match(void *arg, const char *pattern, size_t plen,
				  const char *subject, size_t slen, char *errbuf, size_t errlen)
{
	(void) arg;
	(void) pattern;
	(void) plen;
	(void) subject;
	(void) slen;
	if (errbuf && errlen)
		snprintf(errbuf, errlen, "engine unavailable");
	return -1;
}

static const PcRegexOps posix_re = {posix_full_match, NULL};
static const PcRegexOps broken_re = {broken_full_match, NULL};

/* ---- helpers ---- */

static void *
test_alloc(void *ctx, size_t n)
{
	void	  **slot = ctx;

	*slot = malloc(n);
	return *slot;
}

static void *
failing_alloc(void *ctx, size_t n)
{
	(void) ctx;
	(void) n;
	return NULL;
}

/* JSON text with ' standing for " */
static json_t *
J(const char *text)
{
	char	   *buf;
	size_t		i,
				n;
	json_t	   *v = NULL;
	PcError		err;

	if (text == NULL)
		return NULL;
	n = strlen(text);
	buf = malloc(n + 1);
	for (i = 0; i <= n; i++)
		buf[i] = text[i] == '\'' ? '"' : text[i];
	if (pc_parse_document(buf, n, 1 << 20, &v, &err) != 0)
	{
		printf("bad test JSON: %s: %s\n", text, err.message);
		n_failed++;
	}
	free(buf);
	return v;
}

static int
message_ok(const PcError *err)
{
	size_t		n = strlen(err->message);

	return n > 1 && err->message[0] >= 'A' && err->message[0] <= 'Z' &&
		err->message[n - 1] == '.' && pc_utf8_valid(err->message, n) &&
		strlen(err->id) == 7;
}

/* Result of one check as a comparable string: "ok" or the error id. */
static const char *
outcome(int r, const PcError *err)
{
	return r == 0 ? "ok" : err->id;
}

/*
 * Check `value` against a definition of type t with options/constraints;
 * want is NULL for success or the expected error id.
 */
static void
value_case(int line, PcParamType t, const char *opts, const char *cons,
		   const json_t *value, const char *want, const PcRegexOps *re)
{
	PcParamDef	def,
				copy;
	json_t	   *o = J(opts),
			   *c = J(cons);
	PcError		err,
				err2;
	int			r,
				r2;
	void	   *block = NULL;
	char		got[300];

	pc_def_init(&def, t);
	memset(&err, 0, sizeof(err));
	if (pc_parse_constraints(c, &def, &err) != 0 ||
		pc_parse_options(t, o, &posix_re, &def, &err) != 0)
	{
		result(0, line, "definition rejected: %s %s", err.id, err.message);
		goto out;
	}
	r = pc_check_value(&def, value, re, &err);
	snprintf(got, sizeof(got), "%s (%s)", outcome(r, &err), r ? err.message : "");
	result(want == NULL ? r == 0 : (r == 1 && strcmp(err.id, want) == 0),
		   line, "got %s, want %s", got, want ? want : "ok");
	if (r)
	{
		mark_seen(err.id);
		result(message_ok(&err), line, "bad message %s%s", err.message, "");
	}
	/* the copied definition must answer the same */
	if (pc_def_copy(&def, &copy, test_alloc, &block) != 0)
	{
		result(0, line, "pc_def_copy failed%s%s", "", "");
		goto out;
	}
	r2 = pc_check_value(&copy, value, re, &err2);
	result(r2 == r && (r == 0 || (strcmp(err.id, err2.id) == 0 &&
								  strcmp(err.message, err2.message) == 0)),
		   line, "copy disagrees: %s vs %s", outcome(r, &err), outcome(r2, &err2));
	free(block);
out:
	json_decref(o);
	json_decref(c);
}

static void
value_text(int line, PcParamType t, const char *opts, const char *cons,
		   const char *value, const char *want)
{
	json_t	   *v = J(value);

	value_case(line, t, opts, cons, v, want, &posix_re);
	json_decref(v);
}

/* Options of type t must parse (want NULL) or fail with want. */
static void
opts_case(int line, PcParamType t, const char *opts, const PcRegexOps *re, const char *want)
{
	PcParamDef	def;
	json_t	   *o = J(opts);
	PcError		err;
	int			r;

	pc_def_init(&def, t);
	memset(&err, 0, sizeof(err));
	r = pc_parse_options(t, o, re, &def, &err);
	result(want == NULL ? r == 0 : (r == 1 && strcmp(err.id, want) == 0),
		   line, "got %s, want %s", r ? err.id : "ok", want ? want : "ok");
	if (r)
	{
		mark_seen(err.id);
		result(message_ok(&err), line, "bad message %s%s", err.message, "");
		if (want && strcmp(err.id, want) != 0)
			printf("   message: %s\n", err.message);
	}
	json_decref(o);
}

#define V(t, opts, value, want)    value_text(__LINE__, t, opts, NULL, value, want)
#define VR(t, opts, value, want)   value_text(__LINE__, t, opts, "{'required':true}", value, want)
#define O(t, opts, want)           opts_case(__LINE__, t, opts, &posix_re, want)

#define SL PC_TYPE_SINGLE_LINE_TEXT
#define ML PC_TYPE_MULTI_LINE_TEXT
#define AD PC_TYPE_ADDRESS
#define CO PC_TYPE_CONTACT
#define CB PC_TYPE_CHECKBOX
#define CH PC_TYPE_CHOICE
#define SD PC_TYPE_SUBDOMAIN
#define HD PC_TYPE_HEADING
#define DD PC_TYPE_DROP_DOWN
#define EM PC_TYPE_EMAIL
#define DO PC_TYPE_DATA_OBJECT
#define DT PC_TYPE_DATE

static char *
repeat(const char *unit, size_t times, const char *prefix, const char *suffix)
{
	size_t		ul = strlen(unit),
				pl = strlen(prefix),
				sl = strlen(suffix),
				i;
	char	   *s = malloc(pl + ul * times + sl + 1),
			   *p = s;

	memcpy(p, prefix, pl);
	p += pl;
	for (i = 0; i < times; i++, p += ul)
		memcpy(p, unit, ul);
	memcpy(p, suffix, sl + 1);
	return s;
}

/* open^n inner close^n */
static char *
nest5(const char *open, const char *close, size_t n, const char *inner,
	  const char *prefix, const char *suffix)
{
	char	   *a = repeat(open, n, prefix, inner);
	char	   *b = repeat(close, n, a, suffix);

	free(a);
	return b;
}

static char *
nest(const char *open, const char *close, size_t n, const char *inner)
{
	return nest5(open, close, n, inner, "", "");
}

/* ---- test groups ---- */

static void
test_names(void)
{
	int			t;

	for (t = 0; t < PC_TYPE_COUNT; t++)
	{
		const char *n = pc_type_name(t);

		CHECK(n != NULL && pc_type_from_name(n, strlen(n)) == t);
	}
	CHECK(pc_type_from_name("singlelinetext", 14) == -1);
	CHECK(pc_type_from_name("Email", 4) == -1);
	CHECK(pc_type_from_name("EmailX", 5) == PC_TYPE_EMAIL);
	CHECK(pc_type_from_name(NULL, 0) == -1);
	CHECK(pc_type_name(PC_TYPE_COUNT) == NULL && pc_type_name(-1) == NULL);
	CHECK(strcmp(pc_type_name(PC_TYPE_DATA_OBJECT), "DataObject") == 0);
	CHECK(pc_phase_from_name("Order", 5) == PC_PHASE_ORDER);
	CHECK(pc_phase_from_name("Fulfillment", 11) == PC_PHASE_FULFILLMENT);
	CHECK(pc_phase_from_name("Fulfilment", 10) == -1);
	CHECK(strcmp(pc_phase_name(PC_PHASE_FULFILLMENT), "Fulfillment") == 0);
	CHECK(pc_phase_name(2) == NULL);
	CHECK(pc_object_type_from_name("Xml", 3) == PC_OBJECT_XML);
	CHECK(pc_object_type_from_name("XML", 3) == -1);
	CHECK(strcmp(pc_object_type_name(PC_OBJECT_JSON), "Json") == 0);
	CHECK(strcmp(PC_ERR_ENROLLMENT_INVALID, "ENR0001") == 0 &&
		  strcmp(PC_MSG_ENROLLMENT_INVALID, "Enrollment has invalid parameters") == 0);
	mark_seen(PC_ERR_ENROLLMENT_INVALID);
}

static void
test_helpers(void)
{
	int32_t		d = 0;

	CHECK(pc_utf8_length("a\xc3\xa4\xe2\x82\xac\xf0\x9f\x98\x80", 10) == 4);
	CHECK(pc_utf8_length("", 0) == 0);
	CHECK(pc_utf8_valid("a\xc3\xa4", 3) == 1);
	CHECK(pc_utf8_valid("\xc3", 1) == 0);
	CHECK(pc_utf8_valid("\xc0\x80", 2) == 0);	/* overlong */
	CHECK(pc_utf8_valid("\xed\xa0\x80", 3) == 0);	/* surrogate */
	CHECK(pc_utf8_valid("\xf4\x90\x80\x80", 4) == 0);	/* > U+10FFFF */
	CHECK(pc_date_parse("2024-02-29", 10, &d) == 0 && d == 20240229);
	CHECK(pc_date_parse("2023-02-29", 10, &d) == -1);
	CHECK(pc_date_parse("1900-02-29", 10, &d) == -1);
	CHECK(pc_date_parse("2000-02-29", 10, &d) == 0);
	CHECK(pc_date_parse("2024-04-31", 10, &d) == -1);
	CHECK(pc_date_parse("2024-12-31", 10, &d) == 0 && d == 20241231);
	CHECK(pc_date_parse("0000-01-01", 10, &d) == -1);
	CHECK(pc_date_parse("9999-12-31", 10, &d) == 0);
	CHECK(pc_date_parse("2024-00-10", 10, &d) == -1);
	CHECK(pc_date_parse("2024-01-00", 10, &d) == -1);
	CHECK(pc_date_parse("2024-1-01", 9, &d) == -1);
	CHECK(pc_date_parse("2024/01/01", 10, &d) == -1);
	CHECK(pc_date_parse("2024-01-01T", 11, &d) == -1);
	CHECK(pc_date_parse("+024-01-01", 10, &d) == -1);
	CHECK(pc_email_valid("john.doe@example.com", 20) == 1);
	CHECK(pc_email_valid("john.doe@example.com", 18) == 0);
	CHECK(pc_email_valid("john.doe@example.com", 19) == 1);
}

static void
test_value_size(void)
{
	const char *docs[] = {
		"{'a':[1,2.5,true,false,null,'x\\n\\u0001\\'\\\\/'],'b':{}}",
		"'\\u00e4\\u20ac'", "[]", "-9223372036854775807", "1e300", "0.1",
		"1e-7", "-0.0", "1.5e22", "123456789012345678.0", "[1e-300,2.5e-10]",
		"{'k\\u0007':[[[]]]}", "12.0",
	};
	size_t		i;
	json_t	   *v;
	char	   *s;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
	{
		v = J(docs[i]);
		if (v == NULL)
			continue;
		s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		result(s != NULL && pc_value_size(v) == strlen(s), __LINE__,
			   "size mismatch for %s%s", docs[i], "");
		free(s);
		json_decref(v);
	}
	CHECK(pc_value_size(NULL) == 4);
	s = repeat("[", PC_MAX_DEPTH, "", "");
	{
		char	   *t = repeat("]", PC_MAX_DEPTH, s, "");

		v = J(t);
		CHECK(v != NULL && pc_value_size(v) == 2 * PC_MAX_DEPTH);
		json_decref(v);
		free(t);
		t = repeat("]", PC_MAX_DEPTH + 1, s, "");
		free(s);
		s = repeat("[", 1, "", t);
		v = J(s);
		CHECK(v != NULL && pc_value_size(v) == SIZE_MAX);
		json_decref(v);
		free(t);
	}
	free(s);
	s = repeat("x", PC_MAX_VALUE_BYTES + 10, "'", "'");
	v = J(s);
	CHECK(v != NULL && pc_value_size(v) > PC_MAX_VALUE_BYTES);
	json_decref(v);
	free(s);
}

static void
test_required(void)
{
	/* missing and empty values, required or not, for every type */
	int			t;

	for (t = 0; t < PC_TYPE_COUNT; t++)
	{
		const char *opts = (t == CH || t == DD || t == CB) ?
			"{'optionsList':[{'value':'a','label':'A'}]}" : NULL;
		const char *want = t == HD ? NULL : PC_ERR_REQUIRED;

		value_case(__LINE__, (PcParamType) t, opts, "{'required':true}", NULL, want, &posix_re);
		VR((PcParamType) t, opts, "null", want);
		value_case(__LINE__, (PcParamType) t, opts, NULL, NULL, NULL, &posix_re);
		V((PcParamType) t, opts, "null", NULL);
		if (t == HD)
			continue;
		VR((PcParamType) t, opts, "''", PC_ERR_REQUIRED);
		VR((PcParamType) t, opts, "' \\t\\n '", PC_ERR_REQUIRED);
		VR((PcParamType) t, opts, "[]", PC_ERR_REQUIRED);
		VR((PcParamType) t, opts, "{}", PC_ERR_REQUIRED);
		V((PcParamType) t, opts, "''", NULL);
		V((PcParamType) t, opts, "'   '", NULL);
		V((PcParamType) t, opts, "[]", NULL);
		V((PcParamType) t, opts, "{}", NULL);
	}
	/* a cleared form counts as empty for Address / Contact / Date only */
	VR(AD, NULL, "{'addressLine1':'','city':' ','state':null,'postCode':'','country':''}", PC_ERR_REQUIRED);
	V(AD, NULL, "{'addressLine1':'','city':' ','state':null,'postCode':'','country':''}", NULL);
	VR(CO, NULL, "{'firstName':'','lastName':'','email':'','phone':{'prefix':'','number':''}}", PC_ERR_REQUIRED);
	VR(DT, NULL, "{'date':''}", PC_ERR_REQUIRED);
	VR(DO, NULL, "{'a':null}", NULL);
	VR(CB, "{'optionsList':[{'value':'a','label':'A'}]}", "['a']", NULL);
	/* constraints: definition, then instance override */
	{
		PcParamDef	def;
		PcError		err;
		json_t	   *a = J("{'required':true,'hidden':false,'readonly':true,'unique':null}");
		json_t	   *b = J("{'required':false}");
		json_t	   *c = J("{'required':null,'hidden':true}");

		pc_def_init(&def, SL);
		CHECK(pc_parse_constraints(a, &def, &err) == 0 && def.required && def.readonly &&
			  !def.hidden && !def.unique);
		CHECK(pc_parse_constraints(c, &def, &err) == 0 && def.required && def.hidden);
		CHECK(pc_parse_constraints(b, &def, &err) == 0 && !def.required && def.hidden);
		CHECK(pc_parse_constraints(NULL, &def, &err) == 0);
		json_decref(a);
		json_decref(b);
		json_decref(c);
	}
}

static void
test_text(void)
{
	char	   *s;

	V(SL, NULL, "'hello world'", NULL);
	V(SL, NULL, "5", PC_ERR_TYPE);
	V(SL, NULL, "['a']", PC_ERR_TYPE);
	V(SL, NULL, "true", PC_ERR_TYPE);
	V(ML, NULL, "{'a':1}", PC_ERR_TYPE);
	V(SL, NULL, "'a\\nb'", PC_ERR_MULTILINE);
	V(SL, NULL, "'a\\rb'", PC_ERR_MULTILINE);
	V(SL, NULL, "'a\\tb'", NULL);
	V(ML, NULL, "'line 1\\r\\nline 2\\n'", NULL);
	V(SL, NULL, "'a\\u0001b'", PC_ERR_BAD_CHARS);
	V(ML, NULL, "'a\\u0007'", PC_ERR_BAD_CHARS);
	V(SL, NULL, "'a\\u0001\\nb'", PC_ERR_BAD_CHARS);
	/* lengths are code points */
	V(SL, "{'minChar':3,'maxChar':3}", "'\\u00e4\\u00f6\\u00fc'", NULL);
	V(SL, "{'maxChar':3}", "'\\u00e4\\u00f6\\u00fcx'", PC_ERR_TOO_LONG);
	V(SL, "{'minChar':3}", "'ab'", PC_ERR_TOO_SHORT);
	V(ML, "{'minChar':3}", "'\\u00e4\\u00f6'", PC_ERR_TOO_SHORT);
	V(SL, "{'maxChar':2}", "'\\ud83d\\ude00\\ud83d\\ude00'", NULL);	/* 8 bytes, 2 chars */
	V(SL, "{'maxChar':1}", "'\\ud83d\\ude00\\ud83d\\ude00'", PC_ERR_TOO_LONG);
	V(ML, "{'minChar':0,'maxChar':4000}", "'x'", NULL);
	/* hard cap PC_MAX_VALUE_CHARS */
	s = repeat("x", PC_MAX_VALUE_CHARS, "'", "'");
	V(ML, NULL, s, NULL);
	free(s);
	s = repeat("x", PC_MAX_VALUE_CHARS + 1, "'", "'");
	V(ML, NULL, s, PC_ERR_TOO_LONG);
	V(SL, NULL, s, PC_ERR_TOO_LONG);
	free(s);
	s = repeat("\\u00e4", PC_MAX_VALUE_CHARS, "'", "'");	/* 8000 bytes, 4000 chars */
	V(ML, NULL, s, NULL);
	free(s);
	/* byte cap beats everything */
	s = repeat("x", PC_MAX_VALUE_BYTES, "'", "'");
	V(ML, NULL, s, PC_ERR_TOO_LARGE);
	free(s);
	/* pattern: full match, alternation wrapped */
	V(SL, "{'pattern':'[A-Z]{3}-[0-9]+'}", "'ABC-12'", NULL);
	V(SL, "{'pattern':'[A-Z]{3}-[0-9]+'}", "'xABC-12'", PC_ERR_PATTERN);
	V(SL, "{'pattern':'[A-Z]{3}-[0-9]+'}", "'ABC-12x'", PC_ERR_PATTERN);
	V(SL, "{'pattern':'a|b'}", "'b'", NULL);
	V(SL, "{'pattern':'a|b'}", "'ab'", PC_ERR_PATTERN);
	V(SL, "{'pattern':''}", "'anything'", NULL);
	V(ML, NULL, "'x'", NULL);
	/* pattern not evaluable */
	{
		json_t	   *v = J("'ABC-1'");

		value_case(__LINE__, SL, "{'pattern':'[A-Z]+-1'}", NULL, v, PC_ERR_PATTERN_EVAL, NULL);
		value_case(__LINE__, SL, "{'pattern':'[A-Z]+-1'}", NULL, v, PC_ERR_PATTERN_EVAL, &broken_re);
		value_case(__LINE__, SL, NULL, NULL, v, NULL, NULL);	/* no pattern: re unused */
		json_decref(v);
	}
	/* NUL inside a string (tree built with json_stringn) */
	{
		json_t	   *v = json_stringn("a\0b", 3);
		json_t	   *o = json_object();

		value_case(__LINE__, SL, NULL, NULL, v, PC_ERR_BAD_CHARS, &posix_re);
		value_case(__LINE__, ML, NULL, NULL, v, PC_ERR_BAD_CHARS, &posix_re);
		json_object_setn_new(o, "k\0x", 3, json_string("v"));
		value_case(__LINE__, DO, NULL, NULL, o, PC_ERR_BAD_CHARS, &posix_re);
		json_decref(v);
		json_decref(o);
		v = json_stringn_nocheck("a\xff", 2);	/* invalid UTF-8 */
		value_case(__LINE__, SL, NULL, NULL, v, PC_ERR_BAD_CHARS, &posix_re);
		json_decref(v);
	}
}

static void
test_email(void)
{
	char	   *s;

	V(EM, NULL, "'john.doe@example.com'", NULL);
	V(EM, NULL, "'a+b_c-d@sub.example.co.uk'", NULL);
	V(EM, NULL, "'o\\u0027brien@example.ie'", NULL);
	V(EM, NULL, "'X@Example.COM'", NULL);
	V(EM, NULL, "'x@xn--80ak6aa92e.com'", NULL);
	V(EM, NULL, "'x@mail.xn--p1ai'", NULL);
	V(EM, NULL, "'#!$%&*+-/=?^_`{|}~@example.org'", NULL);
	V(EM, NULL, "5", PC_ERR_TYPE);
	V(EM, NULL, "'plainaddress'", PC_ERR_EMAIL);
	V(EM, NULL, "'@example.com'", PC_ERR_EMAIL);
	V(EM, NULL, "'john@'", PC_ERR_EMAIL);
	V(EM, NULL, "'john..doe@example.com'", PC_ERR_EMAIL);
	V(EM, NULL, "'.john@example.com'", PC_ERR_EMAIL);
	V(EM, NULL, "'john.@example.com'", PC_ERR_EMAIL);
	V(EM, NULL, "'john@example'", PC_ERR_EMAIL);
	V(EM, NULL, "'john@-example.com'", PC_ERR_EMAIL);
	V(EM, NULL, "'john@example-.com'", PC_ERR_EMAIL);
	V(EM, NULL, "'john@example..com'", PC_ERR_EMAIL);
	V(EM, NULL, "'john@example.c'", PC_ERR_EMAIL);
	V(EM, NULL, "'john@example.123'", PC_ERR_EMAIL);
	V(EM, NULL, "'john@exa_mple.com'", PC_ERR_EMAIL);
	V(EM, NULL, "'jo hn@example.com'", PC_ERR_EMAIL);
	V(EM, NULL, "' john@example.com'", PC_ERR_EMAIL);
	V(EM, NULL, "'\\'john\\'@example.com'", PC_ERR_EMAIL);
	V(EM, NULL, "'john@[192.168.0.1]'", PC_ERR_EMAIL);
	V(EM, NULL, "'j\\u00f6hn@example.com'", PC_ERR_EMAIL);
	V(EM, NULL, "'a@b@example.com'", PC_ERR_EMAIL);
	V(EM, NULL, "'john@example.com\\n'", PC_ERR_EMAIL);
	V(EM, NULL, "'None'", PC_ERR_EMAIL);	/* presets are not values */
	/* local part 64 ok, 65 not */
	s = repeat("a", 64, "'", "@example.com'");
	V(EM, NULL, s, NULL);
	free(s);
	s = repeat("a", 65, "'", "@example.com'");
	V(EM, NULL, s, PC_ERR_EMAIL);
	free(s);
	/* domain label 63 ok, 64 not */
	s = repeat("b", 63, "'a@", ".com'");
	V(EM, NULL, s, NULL);
	free(s);
	s = repeat("b", 64, "'a@", ".com'");
	V(EM, NULL, s, PC_ERR_EMAIL);
	free(s);
	/* whole address: 254 ok, 255 not (a@ + 4 x "ccc...c." + tld) */
	s = repeat("ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.", 4, "'a@", "com'");
	CHECK(strlen(s) - 2 == 2 + 62 * 4 + 3);	/* 253 */
	V(EM, NULL, s, NULL);
	free(s);
	s = repeat("ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.", 4, "'ab@", "com'");
	V(EM, NULL, s, NULL);	/* 254 */
	free(s);
	s = repeat("ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc.", 4, "'abc@", "com'");
	V(EM, NULL, s, PC_ERR_EMAIL);	/* 255 */
	free(s);
}

static void
test_subdomain(void)
{
	char	   *s;

	V(SD, NULL, "'contoso'", NULL);
	V(SD, NULL, "'a'", NULL);
	V(SD, NULL, "'my-tenant01'", NULL);
	V(SD, NULL, "'0123'", NULL);
	V(SD, NULL, "7", PC_ERR_TYPE);
	V(SD, NULL, "'Contoso'", PC_ERR_SUBDOMAIN);
	V(SD, NULL, "'con.toso'", PC_ERR_SUBDOMAIN);
	V(SD, NULL, "'contoso.onmicrosoft.com'", PC_ERR_SUBDOMAIN);
	V(SD, NULL, "'-abc'", PC_ERR_SUBDOMAIN);
	V(SD, NULL, "'abc-'", PC_ERR_SUBDOMAIN);
	V(SD, NULL, "'ab_c'", PC_ERR_SUBDOMAIN);
	V(SD, NULL, "'ab c'", PC_ERR_SUBDOMAIN);
	V(SD, NULL, "'\\u00fcber'", PC_ERR_SUBDOMAIN);
	s = repeat("a", 63, "'", "'");
	V(SD, NULL, s, NULL);
	V(SD, "{'domainSuffix':'onmicrosoft.com'}", s, NULL);
	free(s);
	s = repeat("a", 64, "'", "'");
	V(SD, NULL, s, PC_ERR_SUBDOMAIN);
	free(s);
	/* label + "." + suffix over 253 */
	{
		char	   *suffix = repeat("abcdefghi.", 19, "{'domainSuffix':'", "com'}");	/* 193 */
		char	   *l60 = repeat("a", 60, "'", "'");
		char	   *l59 = repeat("a", 59, "'", "'");

		V(SD, suffix, l59, NULL);	/* 59 + 1 + 193 = 253 */
		V(SD, suffix, l60, PC_ERR_SUBDOMAIN);
		free(suffix);
		free(l60);
		free(l59);
	}
}

#define OPTS3_LIST "'optionsList':[{'value':'gold','label':'Gold'},{'value':'silver','label':'Silver','description':'2nd'},{'value':'bronze','label':'Bronze'}]"
#define OPTS3 "{" OPTS3_LIST "}"

static void
test_choices(void)
{
	int			t;

	for (t = 0; t < PC_TYPE_COUNT; t++)
	{
		if (t != CH && t != DD)
			continue;
		V((PcParamType) t, OPTS3, "'gold'", NULL);
		V((PcParamType) t, OPTS3, "'Gold'", PC_ERR_NOT_OPTION);
		V((PcParamType) t, OPTS3, "'gold '", PC_ERR_NOT_OPTION);
		V((PcParamType) t, OPTS3, "'platinum'", PC_ERR_NOT_OPTION);
		V((PcParamType) t, OPTS3, "['gold']", PC_ERR_TYPE);
		V((PcParamType) t, OPTS3, "1", PC_ERR_TYPE);
	}
	V(CB, OPTS3, "['gold']", NULL);
	V(CB, OPTS3, "['gold','bronze','silver']", NULL);
	V(CB, OPTS3, "['gold','gold']", PC_ERR_DUPLICATE);
	V(CB, OPTS3, "['gold','silver','bronze','gold']", PC_ERR_DUPLICATE);
	V(CB, OPTS3, "['gold','tin']", PC_ERR_NOT_OPTION);
	V(CB, OPTS3, "'gold'", PC_ERR_TYPE);
	V(CB, OPTS3, "['gold',1]", PC_ERR_TYPE);
	V(CB, OPTS3, "[null]", PC_ERR_TYPE);
	V(CB, OPTS3, "{'gold':true}", PC_ERR_TYPE);
	/* label lookup and option access, both representations */
	{
		PcParamDef	def,
					copy;
		json_t	   *o = J(OPTS3);
		PcError		err;
		size_t		ll = 0;
		const char *l;
		void	   *block = NULL;

		pc_def_init(&def, CH);
		CHECK(pc_parse_options(CH, o, NULL, &def, &err) == 0 && def.optionsCount == 3);
		l = pc_option_label(&def, "silver", 6, &ll);
		CHECK(l != NULL && ll == 6 && memcmp(l, "Silver", 6) == 0);
		CHECK(pc_option_label(&def, "silve", 5, &ll) == NULL);
		CHECK(pc_def_option(&def, 3, NULL, NULL, NULL, NULL) == -1);
		CHECK(pc_def_copy(&def, &copy, test_alloc, &block) == 0);
		json_decref(o);			/* the copy must not need the tree */
		CHECK(copy.optionsListJson == NULL && copy.optionsList != NULL && copy.optionsCount == 3);
		l = pc_option_label(&copy, "bronze", 6, &ll);
		CHECK(l != NULL && strcmp(l, "Bronze") == 0 && ll == 6);
		CHECK(strcmp(copy.optionsList[1].value, "silver") == 0);
		free(block);
	}
}

#define ADDR(extra) "{'addressLine1':'23 Oakley wood','city':'Cork','state':'Cork','postCode':'V23U58N','country':'IE'" extra "}"

static void
test_address(void)
{
	V(AD, NULL, ADDR(""), NULL);
	V(AD, NULL, ADDR(",'addressLine2':'Unit 4'"), NULL);
	V(AD, NULL, ADDR(",'addressLine2':''"), NULL);
	V(AD, NULL, ADDR(",'addressLine2':null"), NULL);
	V(AD, NULL, ADDR(",'postalCode':'x'"), PC_ERR_FIELD_UNKNOWN);
	V(AD, NULL, "{'addressLine1':'a','state':'s','postCode':'p','country':'IE'}", PC_ERR_FIELD_REQUIRED);
	V(AD, NULL, "{'addressLine1':'a','city':'  ','state':'s','postCode':'p','country':'IE'}", PC_ERR_FIELD_REQUIRED);
	V(AD, NULL, "{'addressLine1':'a','city':5,'state':'s','postCode':'p','country':'IE'}", PC_ERR_TYPE);
	V(AD, NULL, "{'addressLine1':'a\\nb','city':'c','state':'s','postCode':'p','country':'IE'}", PC_ERR_BAD_CHARS);
	V(AD, NULL, "{'addressLine1':'a','city':'c','state':'s','postCode':'p','country':'ie'}", PC_ERR_COUNTRY);
	V(AD, NULL, "{'addressLine1':'a','city':'c','state':'s','postCode':'p','country':'IRL'}", PC_ERR_COUNTRY);
	V(AD, NULL, "{'addressLine1':'a','city':'c','state':'s','postCode':'p','country':'I1'}", PC_ERR_COUNTRY);
	V(AD, NULL, "{'addressLine1':'a','city':'c','state':'s','postCode':'p','country':''}", PC_ERR_FIELD_REQUIRED);
	V(AD, NULL, "'Cork'", PC_ERR_TYPE);
	V(AD, NULL, "['a']", PC_ERR_TYPE);
	{
		char	   *s = repeat("x", PC_MAX_VALUE_CHARS + 1,
							   "{'addressLine1':'a','city':'c','state':'s','postCode':'p','country':'IE','addressLine2':'", "'}");

		V(AD, NULL, s, PC_ERR_TOO_LONG);
		free(s);
	}
}

#define CONTACT(extra) "{'firstName':'John','lastName':'Doe','email':'john@example.com'" extra "}"

static void
test_contact(void)
{
	const char *pm = "{'phoneMandatory':true}";

	V(CO, NULL, CONTACT(""), NULL);
	V(CO, NULL, CONTACT(",'phone':null"), NULL);
	V(CO, NULL, CONTACT(",'phone':{}"), NULL);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'','number':''}"), NULL);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+353','number':'871234567'}"), NULL);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+1','number':'212-555-0100'}"), NULL);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+44','number':'20 7946 0958'}"), NULL);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+1','number':'12345678901234'}"), NULL);	/* 15 */
	V(CO, pm, CONTACT(",'phone':{'prefix':'+353','number':'871234567'}"), NULL);
	V(CO, pm, CONTACT(""), PC_ERR_FIELD_REQUIRED);
	V(CO, pm, CONTACT(",'phone':null"), PC_ERR_FIELD_REQUIRED);
	V(CO, pm, CONTACT(",'phone':{'prefix':'','number':''}"), PC_ERR_FIELD_REQUIRED);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+353'}"), PC_ERR_FIELD_REQUIRED);
	V(CO, NULL, CONTACT(",'phone':'+353 87 123'"), PC_ERR_TYPE);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+353','number':'871234567','ext':'1'}"), PC_ERR_FIELD_UNKNOWN);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'353','number':'871234567'}"), PC_ERR_PHONE);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+','number':'871234567'}"), PC_ERR_PHONE);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+12345','number':'871234567'}"), PC_ERR_PHONE);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+0','number':'871234567'}"), PC_ERR_PHONE);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+3a','number':'871234567'}"), PC_ERR_PHONE);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+353','number':'87a234567'}"), PC_ERR_PHONE);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+353','number':'87  1234567'}"), PC_ERR_PHONE);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+353','number':'-871234567'}"), PC_ERR_PHONE);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+353','number':'871234567 '}"), PC_ERR_PHONE);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+353','number':'123'}"), PC_ERR_PHONE);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+353','number':'123456789012345'}"), PC_ERR_PHONE);
	V(CO, NULL, CONTACT(",'phone':{'prefix':'+353','number':'1234567890123'}"), PC_ERR_PHONE);	/* 16 */
	V(CO, NULL, CONTACT(",'mobile':'1'"), PC_ERR_FIELD_UNKNOWN);
	V(CO, NULL, "{'firstName':'John','lastName':'Doe'}", PC_ERR_FIELD_REQUIRED);
	V(CO, NULL, "{'firstName':'','lastName':'Doe','email':'john@example.com'}", PC_ERR_FIELD_REQUIRED);
	V(CO, NULL, "{'firstName':'John','lastName':'Doe','email':'john@example'}", PC_ERR_EMAIL);
	V(CO, NULL, "{'firstName':'John','lastName':['Doe'],'email':'john@example.com'}", PC_ERR_TYPE);
	V(CO, NULL, "'John Doe'", PC_ERR_TYPE);
}

static void
test_date(void)
{
	const char *rng = "{'dateRange':true}";
	const char *win = "{'minAvailableDate':'2025-01-01','maxAvailableDate':'2025-12-31'}";
	const char *rwin = "{'dateRange':true,'minAvailableDate':'2025-01-01','maxAvailableDate':'2025-12-31'}";

	V(DT, NULL, "{'date':'2024-02-29'}", NULL);
	V(DT, NULL, "{'date':'2000-02-29'}", NULL);
	V(DT, NULL, "{'date':'2023-02-29'}", PC_ERR_DATE);
	V(DT, NULL, "{'date':'1900-02-29'}", PC_ERR_DATE);
	V(DT, NULL, "{'date':'2024-13-01'}", PC_ERR_DATE);
	V(DT, NULL, "{'date':'2024-04-31'}", PC_ERR_DATE);
	V(DT, NULL, "{'date':'2024-4-30'}", PC_ERR_DATE);
	V(DT, NULL, "{'date':'2024-04-30T00:00:00Z'}", PC_ERR_DATE);
	V(DT, NULL, "{'date':20240430}", PC_ERR_TYPE);
	V(DT, NULL, "'2024-04-30'", PC_ERR_TYPE);
	V(DT, NULL, "{'start':'2024-01-01','end':'2024-01-02'}", PC_ERR_FIELD_UNKNOWN);
	V(DT, NULL, "{'date':'2024-01-01','end':'2024-01-02'}", PC_ERR_FIELD_UNKNOWN);
	V(DT, rng, "{'start':'2024-01-01','end':'2024-01-02'}", NULL);
	V(DT, rng, "{'start':'2024-01-01','end':'2024-01-01'}", NULL);
	V(DT, rng, "{'start':'2024-01-02','end':'2024-01-01'}", PC_ERR_DATE_ORDER);
	V(DT, rng, "{'start':'2024-01-01'}", PC_ERR_FIELD_REQUIRED);
	V(DT, rng, "{'start':'2024-01-01','end':''}", PC_ERR_FIELD_REQUIRED);
	V(DT, rng, "{'date':'2024-01-01'}", PC_ERR_FIELD_UNKNOWN);
	V(DT, rng, "{'start':'2024-02-30','end':'2024-03-01'}", PC_ERR_DATE);
	V(DT, win, "{'date':'2025-01-01'}", NULL);
	V(DT, win, "{'date':'2025-12-31'}", NULL);
	V(DT, win, "{'date':'2024-12-31'}", PC_ERR_DATE_WINDOW);
	V(DT, win, "{'date':'2026-01-01'}", PC_ERR_DATE_WINDOW);
	V(DT, "{'minAvailableDate':'2025-01-01'}", "{'date':'9999-12-31'}", NULL);
	V(DT, "{'maxAvailableDate':'2025-01-01'}", "{'date':'0001-01-01'}", NULL);
	V(DT, rwin, "{'start':'2025-03-01','end':'2025-04-01'}", NULL);
	V(DT, rwin, "{'start':'2024-03-01','end':'2025-04-01'}", PC_ERR_DATE_WINDOW);
	V(DT, rwin, "{'start':'2025-03-01','end':'2026-04-01'}", PC_ERR_DATE_WINDOW);
}

static void
test_data_object(void)
{
	const char *xml = "{'objectType':'Xml'}";
	char	   *s,
			   *t;

	V(DO, NULL, "{'a':[1,2,{'b':null}]}", NULL);
	V(DO, "{'objectType':'Json'}", "[1,2]", NULL);
	V(DO, NULL, "'text'", PC_ERR_JSON_TEXT);
	V(DO, NULL, "'{\\'a\\':[1,{}]}'", NULL);	/* JSON text in a string */
	V(DO, "{'objectType':'Json'}", "' [1,2] '", NULL);
	V(DO, NULL, "'5'", PC_ERR_JSON_TEXT);
	V(DO, NULL, "'\\'x\\''", PC_ERR_JSON_TEXT);
	V(DO, NULL, "'{\\'a\\':1,\\'a\\':2}'", PC_ERR_JSON_TEXT);
	V(DO, NULL, "'{\\'a\\':1'", PC_ERR_JSON_TEXT);
	V(DO, NULL, "'[1] [2]'", PC_ERR_JSON_TEXT);
	V(DO, NULL, "'{\\'a\\':\\'\\\\u0000\\'}'", PC_ERR_JSON_TEXT);
	V(DO, NULL, "42", PC_ERR_TYPE);
	V(DO, xml, "{'a':1}", PC_ERR_TYPE);
	/* depth 32 ok, 33 not */
	s = nest("[", "]", PC_MAX_DEPTH, "1");
	V(DO, NULL, s, NULL);
	free(s);
	s = nest("[", "]", PC_MAX_DEPTH + 1, "1");
	V(DO, NULL, s, PC_ERR_TOO_DEEP);
	free(s);
	s = nest("{'a':", "}", PC_MAX_DEPTH + 1, "1");
	V(DO, NULL, s, PC_ERR_TOO_DEEP);
	free(s);
	s = nest5("[", "]", PC_MAX_DEPTH, "", "'", "'");
	V(DO, NULL, s, NULL);
	free(s);
	s = nest5("[", "]", PC_MAX_DEPTH + 1, "", "'", "'");
	V(DO, NULL, s, PC_ERR_TOO_DEEP);
	free(s);
	/* byte cap */
	s = repeat("'0123456789abcdef',", 4000, "[", "0]");
	V(DO, NULL, s, PC_ERR_TOO_LARGE);
	free(s);
	s = repeat("'0123456789abcdef',", 3000, "[", "0]");
	V(DO, NULL, s, NULL);
	free(s);

	/* XML */
	V(DO, xml, "'<a/>'", NULL);
	V(DO, xml, "'<?xml version=\\'1.0\\' encoding=\\'UTF-8\\'?><a b=\\u0027x\\u0027 c=\\'&amp;&#65;&#x42;\\'>t&lt;&gt;&quot;&apos;<![CDATA[<x> & ]]><!-- c - d --><b/><?pi data?></a><!-- after -->'", NULL);
	V(DO, xml, "'  <a></a >\\n'", NULL);
	V(DO, xml, "'\\ufeff<a/>'", NULL);
	V(DO, xml, "'<ns:a xmlns:ns=\\'urn:x\\'><ns:b/></ns:a>'", NULL);
	V(DO, xml, "'<\\u00e9l\\u00e9ment>\\u20ac</\\u00e9l\\u00e9ment>'", NULL);
	V(DO, xml, "'<a b = \\'1\\'\\tc=\\'&#xe9;&#xE9;&#233;\\' >&#x1F600;</a\\n>'", NULL);
	V(DO, xml, "'<a b=\\'&x;\\'/>'", PC_ERR_XML);
	V(DO, xml, "'<a><?pi\\'x?></a>'", PC_ERR_XML);
	V(DO, xml, "'<a><?></a>'", PC_ERR_XML);
	V(DO, xml, "'<a></a'", PC_ERR_XML);
	V(DO, xml, "'<a></a x>'", PC_ERR_XML);
	V(DO, xml, "'<a></ a>'", PC_ERR_XML);
	V(DO, xml, "'<a>&#xD800;</a>'", PC_ERR_XML);
	/* Unique Att Spec, as xml_is_well_formed_document() */
	V(DO, xml, "'<a x=\\'1\\' x=\\'2\\'/>'", PC_ERR_XML);
	V(DO, xml, "'<a x=\\'1\\'><b x=\\'1\\' y=\\'1\\' xy=\\'1\\'/></a>'", NULL);
	V(DO, xml, "'<a p:x=\\'1\\' x=\\'2\\' p:y=\\'3\\'/>'", NULL);
	V(DO, xml, "'<a b=\\'1\\' c=\\'1\\' b =\\'1\\'></a>'", PC_ERR_XML);
	V(DO, xml, "'<a>&#65</a>'", PC_ERR_XML);
	V(DO, xml, "'<a>&#;</a>'", PC_ERR_XML);
	V(DO, xml, "'<a>'", PC_ERR_XML);
	V(DO, xml, "'<a></b>'", PC_ERR_XML);
	V(DO, xml, "'<a><b></a></b>'", PC_ERR_XML);
	V(DO, xml, "'<a/><b/>'", PC_ERR_XML);
	V(DO, xml, "'text'", PC_ERR_XML);
	V(DO, xml, "'<a/>text'", PC_ERR_XML);
	V(DO, xml, "'</a>'", PC_ERR_XML);
	V(DO, xml, "'<a>&foo;</a>'", PC_ERR_XML);
	V(DO, xml, "'<a>&amp</a>'", PC_ERR_XML);
	V(DO, xml, "'<a>&#0;</a>'", PC_ERR_XML);
	V(DO, xml, "'<a>&#x110000;</a>'", PC_ERR_XML);
	V(DO, xml, "'<a>&#xZ;</a>'", PC_ERR_XML);
	V(DO, xml, "'<!DOCTYPE a><a/>'", PC_ERR_XML);
	V(DO, xml, "'<a><!-- x -- y --></a>'", PC_ERR_XML);
	V(DO, xml, "'<a><!-- x </a>'", PC_ERR_XML);
	V(DO, xml, "'<a b=1/>'", PC_ERR_XML);
	V(DO, xml, "'<a b=\\'<\\'/>'", PC_ERR_XML);
	V(DO, xml, "'<a b=\\'1\\'c=\\'2\\'/>'", PC_ERR_XML);
	V(DO, xml, "'<a b=\\'1/>'", PC_ERR_XML);
	V(DO, xml, "'<a b/>'", PC_ERR_XML);
	V(DO, xml, "' <?xml version=\\'1.0\\'?><a/>'", PC_ERR_XML);
	V(DO, xml, "'<a>]]></a>'", PC_ERR_XML);
	V(DO, xml, "'<![CDATA[x]]><a/>'", PC_ERR_XML);
	V(DO, xml, "'<a><![CDATA[x</a>'", PC_ERR_XML);
	V(DO, xml, "'<a><?pi x</a>'", PC_ERR_XML);
	V(DO, xml, "'<a>\\u0001</a>'", PC_ERR_XML);
	V(DO, xml, "'< a/>'", PC_ERR_XML);
	V(DO, xml, "'<1a/>'", PC_ERR_XML);
	V(DO, xml, "'<a/'", PC_ERR_XML);
	V(DO, xml, "'<a'", PC_ERR_XML);
	V(DO, xml, "'<?xml?>'", PC_ERR_XML);
	s = repeat("<a>", PC_MAX_DEPTH, "'", "");
	t = repeat("</a>", PC_MAX_DEPTH, s, "'");
	V(DO, xml, t, NULL);
	free(s);
	free(t);
	s = repeat("<a>", PC_MAX_DEPTH + 1, "'", "");
	t = repeat("</a>", PC_MAX_DEPTH + 1, s, "'");
	V(DO, xml, t, PC_ERR_TOO_DEEP);
	free(s);
	free(t);
	/* an XML payload may exceed PC_MAX_VALUE_CHARS (bounded by bytes) */
	s = repeat("x", 10000, "'<a>", "</a>'");
	V(DO, xml, s, NULL);
	free(s);
}

static void
test_heading(void)
{
	V(HD, NULL, "'x'", PC_ERR_HEADING);
	V(HD, NULL, "''", PC_ERR_HEADING);
	V(HD, NULL, "{}", PC_ERR_HEADING);
	VR(HD, NULL, "false", PC_ERR_HEADING);
	VR(HD, "{'name':'Section','type':'Heading'}", "null", NULL);
}

static void
test_bad_def(void)
{
	PcParamDef	def;
	PcError		err;
	json_t	   *v = J("'x'");

	CHECK(pc_check_value(NULL, v, &posix_re, &err) == 1 && strcmp(err.id, PC_ERR_BAD_DEF) == 0);
	mark_seen(err.id);
	CHECK(message_ok(&err));
	pc_def_init(&def, SL);
	def.type = (PcParamType) 99;
	CHECK(pc_check_value(&def, v, &posix_re, &err) == 1 && strcmp(err.id, PC_ERR_BAD_DEF) == 0);
	pc_def_init(&def, CH);
	def.optionsCount = 2;		/* count without a list */
	CHECK(pc_check_value(&def, v, &posix_re, &err) == 1 && strcmp(err.id, PC_ERR_BAD_DEF) == 0);
	CHECK(pc_check_value(NULL, v, &posix_re, NULL) == 1);	/* err may be NULL */
	CHECK(pc_parse_options(SL, NULL, NULL, NULL, &err) == 1);
	CHECK(pc_parse_constraints(NULL, NULL, &err) == 1);
	json_decref(v);
}

static void
test_options(void)
{
	char	   *s;
	int			t;

	/* no options, null options, null option values */
	for (t = 0; t < PC_TYPE_COUNT; t++)
	{
		const char *want = (t == CH || t == DD || t == CB) ? PC_ERR_OPT_LIST_EMPTY : NULL;

		O((PcParamType) t, NULL, want);
		O((PcParamType) t, "null", want);
		O((PcParamType) t, "{}", want);
		O((PcParamType) t, "{'name':'n','type':null}", want);
	}
	/* the payload the official client sends */
	O(SL, "{'type':'SingleLineText','placeholderText':'E2E','name':'E2E','hintText':'E2E'}", NULL);
	O(SL, "{'type':'MultiLineText'}", PC_ERR_OPT_TYPE_NAME);
	O(SL, "{'type':5}", PC_ERR_OPT_TYPE);
	O(SL, "{'pattern':null,'minChar':null,'maxChar':null,'defaultValue':null,'hintText':null}", NULL);
	O(SL, "[]", PC_ERR_OPT_NOT_OBJECT);
	O(SL, "'x'", PC_ERR_OPT_NOT_OBJECT);
	/* keys per type */
	O(EM, "{'pattern':'x'}", PC_ERR_OPT_UNKNOWN);
	O(ML, "{'pattern':'x'}", PC_ERR_OPT_UNKNOWN);
	O(HD, "{'hintText':'x'}", PC_ERR_OPT_UNKNOWN);
	O(SL, "{'foo':1}", PC_ERR_OPT_UNKNOWN);
	O(SL, "{'MinChar':1}", PC_ERR_OPT_UNKNOWN);
	O(CH, "{'description':'x','optionsList':[{'value':'a','label':'A'}]}", PC_ERR_OPT_UNKNOWN);
	O(DD, "{'description':'x','placeholderText':'p','optionsList':[{'value':'a','label':'A'}]}", NULL);
	O(SD, "{'defaultValue':'x'}", PC_ERR_OPT_UNKNOWN);
	O(AD, "{'phoneMandatory':true}", PC_ERR_OPT_UNKNOWN);
	O(DT, "{'objectType':'Json'}", PC_ERR_OPT_UNKNOWN);
	/* minChar / maxChar */
	O(SL, "{'minChar':0,'maxChar':4000}", NULL);
	O(ML, "{'minChar':10,'maxChar':10}", NULL);
	O(SL, "{'minChar':'5'}", PC_ERR_OPT_TYPE);
	O(SL, "{'minChar':5.0}", PC_ERR_OPT_TYPE);
	O(SL, "{'minChar':-1}", PC_ERR_OPT_RANGE);
	O(SL, "{'maxChar':4001}", PC_ERR_OPT_RANGE);
	O(SL, "{'maxChar':0}", PC_ERR_OPT_RANGE);
	O(SL, "{'maxChar':9223372036854775807}", PC_ERR_OPT_RANGE);
	O(SL, "{'minChar':5,'maxChar':3}", PC_ERR_OPT_MIN_MAX);
	/* pattern */
	O(SL, "{'pattern':'^[0-9]+$'}", NULL);
	O(SL, "{'pattern':5}", PC_ERR_OPT_TYPE);
	O(SL, "{'pattern':'('}", PC_ERR_OPT_PATTERN);
	O(SL, "{'pattern':'[a'}", PC_ERR_OPT_PATTERN);
	O(SL, "{'pattern':'(.*)(.*)(.*)\\\\3\\\\2\\\\1b'}", PC_ERR_OPT_BACKREF);
	O(SL, "{'pattern':'a\\\\\\\\1'}", NULL);	/* an escaped backslash, then 1 */
	opts_case(__LINE__, SL, "{'pattern':'('}", NULL, NULL);	/* no engine: not compiled */
	opts_case(__LINE__, SL, "{'pattern':'a'}", &broken_re, PC_ERR_OPT_PATTERN);
	s = repeat("a", PC_MAX_PATTERN_BYTES, "{'pattern':'", "'}");
	O(SL, s, NULL);
	free(s);
	s = repeat("a", PC_MAX_PATTERN_BYTES + 1, "{'pattern':'", "'}");
	O(SL, s, PC_ERR_OPT_PATTERN_LEN);
	free(s);
	{
		json_t	   *o = json_object();
		PcParamDef	def;
		PcError		err;

		json_object_set_new(o, "pattern", json_stringn("a\0b", 3));
		CHECK(pc_parse_options(SL, o, &posix_re, &def, &err) == 1 &&
			  strcmp(err.id, PC_ERR_OPT_PATTERN_LEN) == 0);
		json_decref(o);
	}
	/* optionsList */
	O(CH, OPTS3, NULL);
	O(CB, OPTS3, NULL);
	O(CH, "{'optionsList':[]}", PC_ERR_OPT_LIST_EMPTY);
	O(CH, "{'optionsList':null}", PC_ERR_OPT_LIST_EMPTY);
	O(CH, "{'optionsList':{}}", PC_ERR_OPT_TYPE);
	O(CH, "{'optionsList':['a']}", PC_ERR_OPT_LIST_ITEM);
	O(CH, "{'optionsList':[{'value':'a'}]}", PC_ERR_OPT_LIST_ITEM);
	O(CH, "{'optionsList':[{'label':'A'}]}", PC_ERR_OPT_LIST_ITEM);
	O(CH, "{'optionsList':[{'value':' ','label':'A'}]}", PC_ERR_OPT_LIST_ITEM);
	O(CH, "{'optionsList':[{'value':1,'label':'A'}]}", PC_ERR_OPT_LIST_ITEM);
	O(CH, "{'optionsList':[{'value':'a\\nb','label':'A'}]}", PC_ERR_OPT_LIST_ITEM);
	O(CH, "{'optionsList':[{'value':'a','label':'A','color':'red'}]}", PC_ERR_OPT_LIST_ITEM);
	O(CH, "{'optionsList':[{'value':'a','label':'A','description':5}]}", PC_ERR_OPT_LIST_ITEM);
	O(CH, "{'optionsList':[{'value':'a','label':'A','description':null}]}", NULL);
	O(CH, "{'optionsList':[{'value':'a','label':'A'},{'value':'a','label':'B'}]}", PC_ERR_OPT_LIST_DUP);
	O(CH, "{'optionsList':[{'value':'a','label':'A'},{'value':'b','label':'A'}]}", PC_ERR_OPT_LIST_DUP);
	O(CH, "{'optionsList':[{'value':'a','label':'A'},{'value':'A','label':'a'}]}", NULL);
	s = repeat("{'value':'v','label':'l'},", PC_MAX_OPTIONS, "{'optionsList':[", "{'value':'w','label':'m'}]}");
	O(CH, s, PC_ERR_OPT_LIST_LONG);
	free(s);
	{
		/* exactly PC_MAX_OPTIONS distinct entries */
		char	   *buf = malloc(64 * PC_MAX_OPTIONS + 64),
				   *p = buf;
		int			i;

		p += sprintf(p, "{'optionsList':[");
		for (i = 0; i < PC_MAX_OPTIONS; i++)
			p += sprintf(p, "%s{'value':'v%d','label':'L%d'}", i ? "," : "", i, i);
		sprintf(p, "]}");
		O(CB, buf, NULL);
		free(buf);
	}
	/* defaultValue */
	O(EM, "{'defaultValue':'CurrentlySignedInUser'}", NULL);
	O(EM, "{'defaultValue':'None'}", NULL);
	O(EM, "{'defaultValue':'x@example.com'}", PC_ERR_OPT_DEFAULT);
	O(EM, "{'defaultValue':5}", PC_ERR_OPT_DEFAULT);
	O(EM, "{'defaultValue':''}", NULL);
	O(CB, "{'defaultValue':[]," OPTS3_LIST "}", NULL);
	{
		PcParamDef	def;
		PcError		err;
		json_t	   *o = J("{'defaultValue':'  '}");

		CHECK(pc_parse_options(AD, o, NULL, &def, &err) == 0 && def.defaultValue == NULL);
		json_decref(o);
	}
	O(DO, "{'defaultValue':'{\\'a\\':1}'}", NULL);
	O(DO, "{'defaultValue':'nope'}", PC_ERR_OPT_DEFAULT);
	O(AD, "{'defaultValue':'Seller'}", NULL);
	O(AD, "{'defaultValue':'Licensee'}", NULL);
	O(AD, "{'defaultValue':'Nobody'}", PC_ERR_OPT_DEFAULT);
	O(CO, "{'defaultValue':'Buyer','phoneMandatory':true,'hintText':'Contact details'}", NULL);
	O(CO, "{'defaultValue':'CurrentlySignedInUser'}", NULL);
	O(CO, "{'defaultValue':'Seller'}", PC_ERR_OPT_DEFAULT);
	O(CH, "{'defaultValue':'gold'," OPTS3_LIST "}", NULL);
	O(CH, "{'defaultValue':'tin'," OPTS3_LIST "}", PC_ERR_OPT_DEFAULT);
	O(DD, "{'defaultValue':['gold']," OPTS3_LIST "}", PC_ERR_OPT_DEFAULT);
	O(CB, "{'defaultValue':['gold','silver']," OPTS3_LIST "}", NULL);
	O(CB, "{'defaultValue':['gold','gold']," OPTS3_LIST "}", PC_ERR_OPT_DEFAULT);
	O(CB, "{'defaultValue':'gold'," OPTS3_LIST "}", PC_ERR_OPT_DEFAULT);
	O(SL, "{'pattern':'[A-Z]+-[0-9]','defaultValue':'ABC-1'}", NULL);
	O(SL, "{'defaultValue':'ABC-1','pattern':'[A-Z]+-[0-9]'}", NULL);	/* order free */
	O(SL, "{'pattern':'[A-Z]+-[0-9]','defaultValue':'abc'}", PC_ERR_OPT_DEFAULT);
	opts_case(__LINE__, SL, "{'pattern':'[A-Z]+-[0-9]','defaultValue':'abc'}", NULL, NULL);
	O(SL, "{'maxChar':2,'defaultValue':'abc'}", PC_ERR_OPT_DEFAULT);
	O(SL, "{'defaultValue':''}", NULL);
	O(ML, "{'defaultValue':'a\\nb'}", NULL);
	O(SL, "{'defaultValue':'a\\nb'}", PC_ERR_OPT_DEFAULT);
	O(DT, "{'defaultValue':{'date':'2025-02-03'}}", NULL);
	O(DT, "{'dateRange':true,'defaultValue':{'date':'2025-02-03'}}", PC_ERR_OPT_DEFAULT);
	O(DT, "{'minAvailableDate':'2025-03-01','defaultValue':{'date':'2025-02-03'}}", PC_ERR_OPT_DEFAULT);
	O(DO, "{'objectType':'Xml','defaultValue':'<a/>'}", NULL);
	O(DO, "{'objectType':'Xml','defaultValue':'<a>'}", PC_ERR_OPT_DEFAULT);
	O(DO, "{'defaultValue':{'a':1}}", NULL);
	/* dates */
	O(DT, "{'dateRange':true,'minAvailableDate':'2024-02-29','maxAvailableDate':'2024-02-29'}", NULL);
	O(DT, "{'dateRange':'yes'}", PC_ERR_OPT_TYPE);
	O(DT, "{'minAvailableDate':20240101}", PC_ERR_OPT_TYPE);
	O(DT, "{'minAvailableDate':'2023-02-29'}", PC_ERR_OPT_DATE);
	O(DT, "{'maxAvailableDate':'31/12/2025'}", PC_ERR_OPT_DATE);
	O(DT, "{'minAvailableDate':''}", NULL);
	O(DT, "{'minAvailableDate':'2025-01-02','maxAvailableDate':'2025-01-01'}", PC_ERR_OPT_DATE_ORDER);
	/* domainSuffix */
	O(SD, "{'domainSuffix':'onmicrosoft.com'}", NULL);
	O(SD, "{'domainSuffix':'example.co.uk','placeholderText':'tenant'}", NULL);
	O(SD, "{'domainSuffix':'OnMicrosoft.com'}", PC_ERR_OPT_DOMAIN);
	O(SD, "{'domainSuffix':'-bad.com'}", PC_ERR_OPT_DOMAIN);
	O(SD, "{'domainSuffix':'bad..com'}", PC_ERR_OPT_DOMAIN);
	O(SD, "{'domainSuffix':'.onmicrosoft.com'}", PC_ERR_OPT_DOMAIN);
	O(SD, "{'domainSuffix':'onmicrosoft.com.'}", PC_ERR_OPT_DOMAIN);
	O(SD, "{'domainSuffix':'example.123'}", PC_ERR_OPT_DOMAIN);
	O(SD, "{'domainSuffix':5}", PC_ERR_OPT_TYPE);
	O(SD, "{'domainSuffix':''}", NULL);
	O(SD, "{'domainSuffix':'localhost'}", NULL);
	/* objectType, phoneMandatory */
	O(DO, "{'objectType':'Xml'}", NULL);
	O(DO, "{'objectType':'json'}", PC_ERR_OPT_OBJECT_TYPE);
	O(DO, "{'objectType':1}", PC_ERR_OPT_TYPE);
	O(CO, "{'phoneMandatory':1}", PC_ERR_OPT_TYPE);
	/* text options */
	O(SL, "{'hintText':5}", PC_ERR_OPT_TYPE);
	O(SL, "{'hintText':'line 1\\nline 2'}", NULL);
	O(SL, "{'hintText':'a\\u0001'}", PC_ERR_OPT_TEXT);
	s = repeat("h", PC_MAX_VALUE_CHARS + 1, "{'placeholderText':'", "'}");
	O(SL, s, PC_ERR_OPT_TEXT);
	free(s);
	/* type out of range */
	{
		PcParamDef	def;
		PcError		err;

		CHECK(pc_parse_options((PcParamType) 99, NULL, NULL, &def, &err) == 1 &&
			  strcmp(err.id, PC_ERR_OPT_PARAM_TYPE) == 0);
		mark_seen(err.id);
		CHECK(message_ok(&err));
	}
	/* constraints */
	{
		PcParamDef	def;
		PcError		err;
		json_t	   *a = J("{'foo':true}"),
				   *b = J("{'required':'yes'}"),
				   *c = J("[]");

		pc_def_init(&def, SL);
		CHECK(pc_parse_constraints(a, &def, &err) == 1 && strcmp(err.id, PC_ERR_CONSTRAINT) == 0);
		mark_seen(err.id);
		CHECK(message_ok(&err) && strstr(err.message, "'foo'") != NULL);
		CHECK(pc_parse_constraints(b, &def, &err) == 1 && strcmp(err.id, PC_ERR_CONSTRAINT) == 0);
		CHECK(pc_parse_constraints(c, &def, &err) == 1 && strcmp(err.id, PC_ERR_OPT_NOT_OBJECT) == 0);
		json_decref(a);
		json_decref(b);
		json_decref(c);
	}
	s = repeat("L", PC_MAX_VALUE_CHARS + 1, "{'optionsList':[{'value':'a','label':'", "'}]}");
	O(CH, s, PC_ERR_OPT_LIST_ITEM);
	free(s);
	s = repeat("v", PC_MAX_VALUE_CHARS, "{'optionsList':[{'value':'", "','label':'A'}]}");
	O(CH, s, NULL);
	free(s);
	/* keys with invalid UTF-8 / control bytes (trees built with *_nocheck) */
	{
		json_t	   *o = json_object();
		PcParamDef	def;
		PcError		err;

		json_object_set_new_nocheck(o, "\xff\x01k\xc3", json_true());
		CHECK(pc_parse_options(SL, o, NULL, &def, &err) == 1 && message_ok(&err) &&
			  strcmp(err.id, PC_ERR_OPT_UNKNOWN) == 0 && strstr(err.message, "'??k?'") != NULL);
		json_decref(o);
	}
	/* messages quote keys safely */
	{
		PcParamDef	def;
		PcError		err;
		json_t	   *o = J("{'\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\u00e4\\n':1}");

		CHECK(pc_parse_options(SL, o, NULL, &def, &err) == 1 && message_ok(&err) &&
			  strstr(err.message, "...") != NULL && strchr(err.message, '\n') == NULL);
		json_decref(o);
	}
}

static void
test_def_copy(void)
{
	PcParamDef	def,
				copy,
				copy2;
	json_t	   *o = J("{'pattern':'[a-z]+','minChar':2,'maxChar':9,'defaultValue':'abc','hintText':'h'}");
	json_t	   *o2 = J("{'domainSuffix':'onmicrosoft.com'}");
	PcError		err;
	void	   *b1 = NULL,
			   *b2 = NULL;

	pc_def_init(&def, SL);
	def.id = "PPM-9643-3741-0001";
	def.externalId = "tenant_id";
	def.name = "Tenant";
	def.phase = PC_PHASE_FULFILLMENT;
	def.required = true;
	CHECK(pc_parse_options(SL, o, &posix_re, &def, &err) == 0);
	CHECK(def.id != NULL && def.required);	/* identity and constraints kept */
	CHECK(pc_def_copy(&def, &copy, failing_alloc, NULL) == -1);
	CHECK(pc_def_copy(&def, &copy, test_alloc, &b1) == 0);
	json_decref(o);
	CHECK(copy.pc_block == b1 && copy.id != def.id && strcmp(copy.id, "PPM-9643-3741-0001") == 0);
	CHECK(strcmp(copy.externalId, "tenant_id") == 0 && strcmp(copy.name, "Tenant") == 0);
	CHECK(copy.phase == PC_PHASE_FULFILLMENT && copy.required && copy.minChar == 2 && copy.maxChar == 9);
	CHECK(copy.patternLen == 6 && strcmp(copy.pattern, "[a-z]+") == 0);
	CHECK(copy.defaultValue == NULL && copy.defaultJsonLen == 5 && strcmp(copy.defaultJson, "\"abc\"") == 0);
	/* copy of a copy */
	CHECK(pc_def_copy(&copy, &copy2, test_alloc, &b2) == 0);
	free(b1);
	CHECK(strcmp(copy2.defaultJson, "\"abc\"") == 0 && strcmp(copy2.pattern, "[a-z]+") == 0);
	{
		json_t	   *v = J("'xyz'");
		json_t	   *w = J("'XYZ'");

		CHECK(pc_check_value(&copy2, v, &posix_re, &err) == 0);
		CHECK(pc_check_value(&copy2, w, &posix_re, &err) == 1 && strcmp(err.id, PC_ERR_PATTERN) == 0);
		json_decref(v);
		json_decref(w);
	}
	free(b2);
	/* in place, and a suffix */
	pc_def_init(&def, SD);
	CHECK(pc_parse_options(SD, o2, NULL, &def, &err) == 0);
	CHECK(pc_def_copy(&def, &def, test_alloc, &b1) == 0);
	json_decref(o2);
	CHECK(def.id == NULL && strcmp(def.domainSuffix, "onmicrosoft.com") == 0 && def.domainSuffixLen == 15);
	free(b1);
	/* an object default */
	pc_def_init(&def, DT);
	o = J("{'defaultValue':{'date':'2025-02-03'}}");
	CHECK(pc_parse_options(DT, o, NULL, &def, &err) == 0);
	CHECK(pc_def_copy(&def, &copy, test_alloc, &b1) == 0);
	json_decref(o);
	CHECK(strcmp(copy.defaultJson, "{\"date\":\"2025-02-03\"}") == 0);
	free(b1);
}

static void
test_documents(void)
{
	json_t	   *v = NULL;
	PcError		err;
	char	   *s,
			   *t;

	CHECK(pc_parse_document("{\"a\":1}", 7, 100, &v, &err) == 0 && json_is_object(v));
	json_decref(v);
	CHECK(pc_parse_document("\"x\"", 3, 100, &v, &err) == 0 && json_is_string(v));
	json_decref(v);
	/* not NUL-terminated: only len bytes are read */
	CHECK(pc_parse_document("[1]garbage", 3, 100, &v, &err) == 0 && json_is_array(v));
	json_decref(v);
	CHECK(pc_parse_document("{\"a\":1}", 7, 6, &v, &err) == 1 && v == NULL &&
		  strcmp(err.id, PC_ERR_DOC_TOO_LARGE) == 0);
	mark_seen(err.id);
	CHECK(message_ok(&err));
	CHECK(pc_parse_document("{\"a\":1,\n \"a\":2}", 15, 100, &v, &err) == 1 &&
		  strcmp(err.id, PC_ERR_DOC_INVALID) == 0 && strstr(err.message, "duplicate") != NULL &&
		  strstr(err.message, "line 2") != NULL);
	mark_seen(err.id);
	CHECK(message_ok(&err));
	CHECK(pc_parse_document("{", 1, 100, &v, &err) == 1 && strcmp(err.id, PC_ERR_DOC_INVALID) == 0 &&
		  strstr(err.message, "column") != NULL);
	CHECK(pc_parse_document("", 0, 100, &v, &err) == 1 && strcmp(err.id, PC_ERR_DOC_INVALID) == 0);
	CHECK(pc_parse_document(NULL, 0, 100, &v, &err) == 1 && strcmp(err.id, PC_ERR_DOC_INVALID) == 0);
	CHECK(pc_parse_document("\"\xff\"", 3, 100, &v, &err) == 1 && strcmp(err.id, PC_ERR_DOC_INVALID) == 0 &&
		  message_ok(&err));
	CHECK(pc_parse_document("\"\xed\xa0\x80\"", 5, 100, &v, &err) == 1);
	CHECK(pc_parse_document("\"a\\u0000b\"", 10, 100, &v, &err) == 1 &&
		  strcmp(err.id, PC_ERR_DOC_INVALID) == 0);
	CHECK(pc_parse_document("[1] [2]", 7, 100, &v, &err) == 1);
	CHECK(pc_parse_document("{\"a\":1}", 7, 100, NULL, &err) == 1);
	/* depth: PC_MAX_DOC_DEPTH ok, one more not */
	s = repeat("[", PC_MAX_DOC_DEPTH, "", "");
	t = repeat("]", PC_MAX_DOC_DEPTH, s, "");
	CHECK(pc_parse_document(t, strlen(t), 1000, &v, &err) == 0);
	json_decref(v);
	free(s);
	free(t);
	s = repeat("{\"a\":", PC_MAX_DOC_DEPTH + 1, "", "1");
	t = repeat("}", PC_MAX_DOC_DEPTH + 1, s, "");
	CHECK(pc_parse_document(t, strlen(t), 1000, &v, &err) == 1 && v == NULL &&
		  strcmp(err.id, PC_ERR_DOC_TOO_DEEP) == 0);
	mark_seen(err.id);
	CHECK(message_ok(&err));
	free(s);
	free(t);
	/* far beyond jansson's own limit */
	s = repeat("[", 5000, "", "");
	CHECK(pc_parse_document(s, strlen(s), 100000, &v, &err) == 1 && v == NULL);
	free(s);
}

int
main(void)
{
	size_t		i;

	json_object_seed(1);
	test_names();
	test_helpers();
	test_value_size();
	test_required();
	test_text();
	test_email();
	test_subdomain();
	test_choices();
	test_address();
	test_contact();
	test_date();
	test_data_object();
	test_heading();
	test_bad_def();
	test_options();
	test_def_copy();
	test_documents();

	for (i = 0; i < N_IDS; i++)
	{
		result(id_seen[i], __LINE__, "error id %s never produced%s", all_ids[i], "");
	}
	printf("%d passed, %d failed\n", n_passed, n_failed);
	return n_failed == 0 && n_passed > 0 ? 0 : 1;
}
