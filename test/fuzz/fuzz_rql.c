/*
 * fuzz_rql.c
 *		libFuzzer target for the RQL core (src/rql.c, src/rql_fields.c).
 *
 * Input layout (seed files in corpus-rql/ follow it):
 *		byte 0      resource: byte mod the number of resources
 *		byte 1      what: byte mod 3: 0 filter, 1 select, 2 order
 *		bytes 2..   the parameter's text
 *
 * Besides "no crash, no leak, no hang" it abort()s when an invariant breaks:
 *	- an error has a position within the input (1 .. characters + 1) and a
 *	  non-empty message ending in '.';
 *	- an accepted filter's canonical form parses again to the same form;
 *	- no value reaches the SQL text: every '...' literal in the WHERE
 *	  clause is one of the whitelist's (or the '' of empty());
 *	- placeholders are numbered 1..nparams in order, and order= has none.
 */
#include "rql.h"
#include "rql_arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
chars(const char *s, size_t len)
{
	size_t		i;
	int			n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static void
check_error(const RqlError *err, const char *s, size_t len)
{
	size_t		m = strlen(err->message);

	if (err->position < 1 || err->position > chars(s, len) + 1 || m == 0 ||
		err->message[m - 1] != '.' || err->param == NULL)
	{
		fprintf(stderr, "bad error: pos %d msg \"%s\"\n", err->position, err->message);
		abort();
	}
}

/* every '...' literal in the SQL is one of the whitelist's, never a value */
static void
check_sql(const RqlResource *res, const RqlSql *q)
{
	const char *p = q->where;
	int			next = 1;

	while (*p)
	{
		if (*p == '\'')
		{
			const char *e = strchr(p + 1, '\'');
			char		lit[64];
			size_t		n;
			int			i,
						ok;

			if (e == NULL)
				abort();
			n = (size_t) (e - p + 1);
			ok = (n == 2);		/* empty() compares with '' */
			if (n < sizeof(lit))
			{
				memcpy(lit, p, n);
				lit[n] = '\0';
				for (i = 0; i < res->nfields && !ok; i++)
					ok = strstr(res->fields[i].sql, lit) != NULL;
			}
			if (!ok)
			{
				fprintf(stderr, "literal not from the whitelist: %.*s\n", (int) n, p);
				abort();
			}
			p = e + 1;
			continue;
		}
		if (*p == '$' && atoi(p + 1) != next++)
			abort();
		p++;
	}
	if (next - 1 != q->nparams)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ArenaBlock *arena = NULL;
	const RqlResource *res;
	const char *s;
	size_t		len;
	RqlError	err;

	if (size < 2)
		return 0;
	res = rql_resources[data[0] % rql_nresources];
	s = (const char *) data + 2;
	len = size - 2;
	switch (data[1] % 3)
	{
		case 0:
			{
				RqlNode    *node,
						   *again;
				RqlSql		q;
				char	   *f1,
						   *f2;

				if (rql_parse_filter(res, s, len, arena_alloc, &arena, &node, &err) < 0)
				{
					check_error(&err, s, len);
					break;
				}
				f1 = rql_node_format(node, arena_alloc, &arena);
				if (rql_parse_filter(res, f1, strlen(f1), arena_alloc, &arena, &again, &err) < 0)
				{
					/* the canonical form adds quotes and, for shortcuts, an and() */
					if (!strstr(err.message, "longer") && !strstr(err.message, "terms") &&
						!strstr(err.message, "deeper"))
					{
						fprintf(stderr, "canonical form refused: %s: %s\n", f1, err.message);
						abort();
					}
				}
				else
				{
					f2 = rql_node_format(again, arena_alloc, &arena);
					if (strcmp(f1, f2) != 0)
						abort();
				}
				if (rql_filter_sql(node, 1, arena_alloc, &arena, &q, &err) < 0)
					abort();
				check_sql(res, &q);
				break;
			}
		case 1:
			{
				unsigned char shown[RQL_MAX_COLUMNS];

				if (rql_parse_select(res, s, len, 1, shown, &err) < 0)
					check_error(&err, s, len);
				break;
			}
		default:
			{
				char	   *order;

				if (rql_parse_order(res, s, len, arena_alloc, &arena, &order, &err) < 0)
					check_error(&err, s, len);
				else if (strchr(order, '$') != NULL)
					abort();
				break;
			}
	}
	arena_free(&arena);
	return 0;
}
