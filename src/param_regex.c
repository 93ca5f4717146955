/*
 * param_regex.c
 *		PostgreSQL's regular expression engine (ARE, as in ~ and
 *		regexp_match) plugged into param_check.c as PcRegexOps.
 *
 * Full match: the pattern is wrapped as ^(?:pattern)$, after checking that
 * the pattern compiles on its own (so that "a)|(b" cannot escape the wrapper).
 * Collation C: character classes and case rules do not depend on the
 * database's locale, so a definition validates the same everywhere.
 *
 * Two flavours:
 *	pv_regex_validate	compiles with pg_regcomp and reports a bad pattern as
 *						-1 with the engine's message (definition time, cache
 *						fill), never an ERROR;
 *	pv_regex_check		matches through RE_compile_and_cache's per-backend cache
 *						of compiled expressions, for patterns that already
 *						passed pv_regex_validate.
 * The embedded-options prefix (?i) and the ***= director are not supported
 * (the wrapper puts them out of place; such a pattern is refused as invalid).
 * Back-references (\1 ... and every form ARE reads as one: the engine flags
 * them with REG_UBACKREF) are refused with -2 (OPT0021): with them the
 * engine backtracks, and (.*)(.*)(.*)\3\2\1b takes minutes on 800
 * characters.  Lookahead and lookbehind constraints (REG_ULOOKAROUND) are
 * refused with -3 (OPT0022): each one runs a sub-match at every position, so
 * nested ones multiply, and (?:(?=(?:(?=.*z).)*y).)* takes seconds on 2,000
 * characters.  What remains is matched by the engine's DFAs, one anchored
 * attempt in time linear in the value (itself capped by the value limits).
 * A definition stored before these rules is refused when the cache loads it
 * (the parameter then gets OPT0021 or OPT0022), and pv_regex_check never
 * runs such a pattern either.
 *
 * A pending cancel makes the engine return REG_CANCEL; that raises the
 * cancel (regex_cancelled), it never reads as a bad pattern.
 */
#include "postgres.h"

#include "catalog/pg_collation_d.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "regex/regex.h"

#include "errcodes.h"
#include "param_glue.h"

#define WRAP_HEAD "^(?:"
#define WRAP_TAIL ")$"

static text *
wrapped_pattern(const char *pattern, size_t plen)
{
	size_t		hl = strlen(WRAP_HEAD),
				tl = strlen(WRAP_TAIL);
	text	   *t = palloc(VARHDRSZ + hl + plen + tl);
	char	   *p = VARDATA(t);

	memcpy(p, WRAP_HEAD, hl);
	memcpy(p + hl, pattern, plen);
	memcpy(p + hl + plen, WRAP_TAIL, tl);
	SET_VARSIZE(t, VARHDRSZ + hl + plen + tl);
	return t;
}

/*
 * The engine gives up with REG_CANCEL when a query cancel or a termination
 * is pending (statement_timeout included).  That is not a verdict on the
 * pattern: raise the pending interrupt (or a plain cancel error when
 * interrupts are held off), so that a cancelled cache fill never records
 * the definition as broken.
 */
static void
regex_cancelled(void)
{
	CHECK_FOR_INTERRUPTS();
	ereport(ERROR,
			(errcode(ENR_ERRCODE_CANCELED),
			 errmsg("canceling statement due to user request")));
}

/* Compile s[0..len) into *re; 0 or the engine's error code (message in errbuf). */
static int
compile(regex_t *re, const char *s, size_t len, char *errbuf, size_t errlen)
{
	pg_wchar   *w = palloc((len + 1) * sizeof(pg_wchar));
	int			wlen = pg_mb2wchar_with_len(s, w, (int) len);
	int			rc = pg_regcomp(re, w, wlen, REG_ADVANCED, C_COLLATION_OID);

	pfree(w);
	if (rc == REG_CANCEL)
		regex_cancelled();
	if (rc != REG_OKAY && errbuf != NULL && errlen > 0)
		pg_regerror(rc, re, errbuf, errlen);
	return rc;
}

static int
validate_full_match(void *arg, const char *pattern, size_t plen,
					const char *subject, size_t slen, char *errbuf, size_t errlen)
{
	regex_t		re;
	text	   *wrapped;
	pg_wchar   *w;
	int			wlen,
				rc;

	if (compile(&re, pattern, plen, errbuf, errlen) != REG_OKAY)
		return -1;
	if (re.re_info & REG_UBACKREF)
	{
		pg_regfree(&re);
		if (errbuf != NULL && errlen > 0)
			strlcpy(errbuf, "back-references are not supported", errlen);
		return -2;
	}
	if (re.re_info & REG_ULOOKAROUND)
	{
		pg_regfree(&re);
		if (errbuf != NULL && errlen > 0)
			strlcpy(errbuf, "lookahead and lookbehind constraints are not supported", errlen);
		return -3;
	}
	pg_regfree(&re);

	wrapped = wrapped_pattern(pattern, plen);
	rc = compile(&re, VARDATA(wrapped), VARSIZE(wrapped) - VARHDRSZ, errbuf, errlen);
	pfree(wrapped);
	if (rc != REG_OKAY)
		return -1;

	w = palloc((slen + 1) * sizeof(pg_wchar));
	wlen = pg_mb2wchar_with_len(subject, w, (int) slen);
	rc = pg_regexec(&re, w, wlen, 0, NULL, 0, NULL, 0);
	pfree(w);
	if (rc == REG_CANCEL)
	{
		pg_regfree(&re);
		regex_cancelled();
	}
	if (rc != REG_OKAY && rc != REG_NOMATCH && errbuf != NULL && errlen > 0)
		pg_regerror(rc, &re, errbuf, errlen);
	pg_regfree(&re);
	if (rc == REG_OKAY)
		return 1;
	if (rc == REG_NOMATCH)
		return 0;
	return -1;
}

static int
check_full_match(void *arg, const char *pattern, size_t plen,
				 const char *subject, size_t slen, char *errbuf, size_t errlen)
{
	text	   *wrapped = wrapped_pattern(pattern, plen);
	bool		match;
	long		info;

	/* a definition stored before these constructs were refused: never run it */
	info = RE_compile_and_cache(wrapped, REG_ADVANCED | REG_NOSUB, C_COLLATION_OID)->re_info;
	if (info & (REG_UBACKREF | REG_ULOOKAROUND))
	{
		pfree(wrapped);
		return (info & REG_UBACKREF) ? -2 : -3;
	}
	match = RE_compile_and_execute(wrapped, unconstify(char *, subject), (int) slen,
								   REG_ADVANCED | REG_NOSUB, C_COLLATION_OID, 0, NULL);
	pfree(wrapped);
	return match ? 1 : 0;
}

const PcRegexOps pv_regex_validate = {validate_full_match, NULL};
const PcRegexOps pv_regex_check = {check_full_match, NULL};
