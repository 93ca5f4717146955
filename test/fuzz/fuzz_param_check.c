/*
 * fuzz_param_check.c
 *		libFuzzer target for src/param_check.c.
 *
 * Input layout (seed files in corpus/ follow it):
 *		byte 0      parameter type: (byte - 'a') mod 12, so 'a'..'l' are
 *		            SingleLineText..Date in enum order
 *		byte 1      flags: (byte - '0'): bit 0 required, bit 1 parse the
 *		            options without a regex engine, bit 2 apply the value's
 *		            "constraints"-style override {"required":false} first
 *		bytes 2..   options JSON, then a NUL byte, then the value JSON
 *		            (no NUL: the value is missing)
 *
 * Besides "no crash, no leak, no hang" it checks invariants and abort()s
 * when one breaks:
 *	- every error has a 7-character id and a non-empty, NUL-terminated,
 *	  valid UTF-8 message;
 *	- a definition accepted by pc_parse_options accepts its own defaultValue
 *	  (for types whose default is a value, not a UI preset);
 *	- the pc_def_copy'd definition gives exactly the same answer (id and
 *	  message) as the original, and the copy survives the options tree;
 *	- an accepted value has pc_value_size <= PC_MAX_VALUE_BYTES, and an
 *	  accepted Choice/DropDown string has a label.
 *
 * The POSIX regex adaptor refuses back-references, stacked quantifiers, many
 * '+' and large or many bounded repeats: glibc's regcomp is exponential in
 * memory on those (found by this fuzzer: "a+++...+" took > 2 GB).  That is a
 * property of the test engine, not of the core; the backend plugs in
 * PostgreSQL's engine, which rejects such patterns and has its own limits.
 */
#include "param_check.h"

#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int			LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * glibc's regcomp copies the subtree for every '+' and {m,n}, so stacked or
 * nested quantifiers ("a+++...", "((a{9}){9}){9}") grow exponentially: refuse
 * back-references, a quantifier right after a quantifier, more than 8 '+',
 * more than 2 bounds and bounds above 16.
 */
static int
harness_pattern_ok(const char *p, size_t n)
{
	size_t		i,
				braces = 0,
				pluses = 0;

	for (i = 0; i < n; i++)
	{
		if (p[i] == '\\' && i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '9')
			return 0;
		if (i > 0 && p[i] != '\0' && p[i - 1] != '\0' &&
			strchr("*+?{", p[i]) && strchr("*+?}", p[i - 1]))
			return 0;
		if (p[i] == '+' && ++pluses > 8)
			return 0;
		if (p[i] == '{')
		{
			size_t		j = i + 1;
			unsigned	v = 0;

			if (++braces > 2)
				return 0;
			for (; j < n && ((p[j] >= '0' && p[j] <= '9') || p[j] == ','); j++)
			{
				if (p[j] == ',')
					v = 0;
				else if ((v = v * 10 + (unsigned) (p[j] - '0')) > 16)
					return 0;
			}
		}
	}
	return 1;
}

static int
posix_full_match(void *arg, const char *pattern, size_t plen,
				 const char *subject, size_t slen, char *errbuf, size_t errlen)
{
	regex_t		re;
	char	   *pat,
			   *sub;
	int			rc;

	(void) arg;
	if (!harness_pattern_ok(pattern, plen))
	{
		snprintf(errbuf, errlen, "pattern refused by the test harness");
		return -1;
	}
	pat = malloc(plen + 5);
	if (pat == NULL)
		return -1;
	memcpy(pat, "^(", 2);
	memcpy(pat + 2, pattern, plen);
	memcpy(pat + 2 + plen, ")$", 3);
	rc = regcomp(&re, pat, REG_EXTENDED | REG_NOSUB);
	free(pat);
	if (rc != 0)
	{
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

static const PcRegexOps posix_re = {posix_full_match, NULL};

static void *
harness_alloc(void *ctx, size_t n)
{
	void	  **slot = ctx;

	if (*slot != NULL)			/* pc_def_copy must allocate once */
		abort();
	*slot = malloc(n ? n : 1);
	return *slot;
}

static void
check_error(const PcError *err)
{
	const char *nul = memchr(err->message, '\0', sizeof(err->message));

	if (memchr(err->id, '\0', sizeof(err->id)) == NULL || strlen(err->id) != 7)
		abort();
	if (nul == NULL || nul == err->message ||
		!pc_utf8_valid(err->message, (size_t) (nul - err->message)))
		abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void) argc;
	(void) argv;
	json_object_seed(1);		/* deterministic runs */
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	PcParamType type;
	int			flags;
	const char *text,
			   *sep;
	size_t		tlen,
				olen;
	json_t	   *opts = NULL,
			   *value = NULL,
			   *override = NULL;
	PcError		err;
	PcParamDef	def,
				copy;
	void	   *block = NULL;
	int			r1,
				r2;
	PcError		err2;

	if (size < 2)
		return 0;
	type = (PcParamType) ((uint8_t) (data[0] - 'a') % PC_TYPE_COUNT);
	flags = (uint8_t) (data[1] - '0');
	text = (const char *) data + 2;
	tlen = size - 2;
	sep = memchr(text, '\0', tlen);
	olen = sep ? (size_t) (sep - text) : tlen;

	memset(&err, 0, sizeof(err));
	if (pc_parse_document(text, olen, 16384, &opts, &err) != 0)
	{
		check_error(&err);
		if (opts != NULL)
			abort();
	}
	if (sep != NULL)
	{
		if (pc_parse_document(sep + 1, tlen - olen - 1, 3 * PC_MAX_VALUE_BYTES, &value, &err) != 0)
		{
			check_error(&err);
			if (value != NULL)
				abort();
			json_decref(opts);
			return 0;
		}
	}
	if (opts == NULL)
		goto out;

	pc_def_init(&def, type);
	def.required = (flags & 1) != 0;
	if (pc_parse_options(type, opts, (flags & 2) ? NULL : &posix_re, &def, &err) != 0)
	{
		check_error(&err);
		goto out;
	}
	if (flags & 4)
	{
		override = json_pack("{s:b}", "required", 0);
		if (override == NULL || pc_parse_constraints(override, &def, &err) != 0 || def.required)
			abort();
	}
	if (def.type != type)
		abort();

	/* the default must be acceptable to the definition that declared it */
	if (def.defaultValue != NULL && type != PC_TYPE_EMAIL &&
		type != PC_TYPE_ADDRESS && type != PC_TYPE_CONTACT &&
		!((flags & 2) && def.pattern != NULL))
	{
		PcParamDef	tmp = def;

		tmp.required = false;
		if (pc_check_value(&tmp, def.defaultValue, &posix_re, &err) != 0)
		{
			fprintf(stderr, "default rejected: %s %s\n", err.id, err.message);
			abort();
		}
	}

	memset(&err, 0, sizeof(err));
	r1 = pc_check_value(&def, value, &posix_re, &err);
	if (r1 != 0 && r1 != 1)
		abort();
	if (r1)
		check_error(&err);
	else if (value != NULL && pc_value_size(value) > PC_MAX_VALUE_BYTES)
		abort();
	if (r1 == 0 && value != NULL && json_is_string(value) &&
		(type == PC_TYPE_CHOICE || type == PC_TYPE_DROP_DOWN) &&
		json_string_length(value) > 0 &&
		!pc_option_label(&def, json_string_value(value), json_string_length(value), NULL))
	{
		/* blank strings are "empty", so accepted without being an option */
		const char *s = json_string_value(value);
		size_t		i,
					n = json_string_length(value);

		for (i = 0; i < n; i++)
			if (!strchr(" \t\n\r\v\f", s[i]) || s[i] == '\0')
				abort();
	}

	if (pc_def_copy(&def, &copy, harness_alloc, &block) != 0)
		abort();
	json_decref(opts);			/* the copy must not need the options tree */
	opts = NULL;
	memset(&err2, 0, sizeof(err2));
	r2 = pc_check_value(&copy, value, &posix_re, &err2);
	if (r2 != r1 || (r1 && (strcmp(err.id, err2.id) != 0 ||
							strcmp(err.message, err2.message) != 0)))
	{
		fprintf(stderr, "copy disagrees: %d %s / %d %s\n", r1, err.id, r2, err2.id);
		abort();
	}
	if (copy.defaultJson != NULL)
	{
		json_t	   *d = NULL;
		PcError		e3;

		if (pc_parse_document(copy.defaultJson, copy.defaultJsonLen, SIZE_MAX, &d, &e3) != 0)
		{
			fprintf(stderr, "defaultJson does not parse: %s\n", e3.message);
			abort();
		}
		json_decref(d);
	}
	free(block);

out:
	json_decref(override);
	json_decref(opts);
	json_decref(value);
	return 0;
}
