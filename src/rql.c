/*
 * rql.c
 *		Pure C RQL parser and SQL generator (see rql.h for the grammar and
 *		the rules).  No server calls: fuzzed by test/fuzz/fuzz_rql.c.
 *
 * Why the SQL looks the way it does:
 *	- every comparison is two-valued (coalesce(..., false), IS NOT FALSE,
 *	  IS NOT TRUE), so not(eq(f,x)) selects exactly what ne(f,x) selects,
 *	  including rows where f is absent;
 *	- operators are schema-qualified (OPERATOR(pg_catalog.=)), because the
 *	  statement runs with a pinned search_path = pg_catalog, pg_temp; the
 *	  indexed operators of ids are in pg_catalog too (README "Ids in
 *	  queries"), which = ANY (...) needs to use an index;
 *	- values are only ever $n: the SQL text is built from the whitelist in
 *	  rql_fields.c, fixed keywords and numbers.
 */
#include "rql.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct Parser
{
	const RqlResource *res;
	const char *s;
	size_t		len;
	size_t		pos;
	int			terms;
	RqlAlloc	alloc;
	void	   *actx;
	RqlError   *err;
	char		what[8];		/* describe()'s answer for a printable character */
} Parser;

/* 1-based character (not byte) position of byte offset off */
static int
char_position(const char *s, size_t len, size_t off)
{
	size_t		i;
	int			n = 1;

	for (i = 0; i < off && i < len; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static int	fail_at(RqlError *err, const char *param, const char *s, size_t len, size_t off,
					const char *fmt,...) __attribute__((format(printf, 6, 7)));

static int
fail_at(RqlError *err, const char *param, const char *s, size_t len, size_t off,
		const char *fmt,...)
{
	va_list		ap;

	err->param = param;
	err->position = char_position(s, len, off);
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}

#define FAIL(p, ...) fail_at((p)->err, "rql", (p)->s, (p)->len, (p)->pos, __VA_ARGS__)

static char *
copy_str(RqlAlloc alloc, void *actx, const char *s, size_t len)
{
	char	   *r = alloc(actx, len + 1);

	if (len > 0)
		memcpy(r, s, len);
	r[len] = '\0';
	return r;
}

/* a short printable excerpt of the input for messages */
static void
excerpt(const char *s, size_t len, char *buf, size_t bufsize)
{
	size_t		i,
				n = 0;

	for (i = 0; i < len && n + 4 < bufsize; i++)
	{
		unsigned char c = (unsigned char) s[i];

		buf[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char) c;
	}
	if (i < len && n + 4 <= bufsize)
	{
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
}

static int
is_name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

static int
is_bare_char(char c)
{
	unsigned char u = (unsigned char) c;

	return u > 0x20 && u != 0x7f && !strchr("(),&=\"'", c);
}

static const char *
describe(Parser *p)
{
	unsigned char c;

	if (p->pos >= p->len)
		return "the end of the filter";
	c = (unsigned char) p->s[p->pos];
	if (c == ' ')
		return "a space";
	if (c < 0x20 || c == 0x7f)
		return "a control character";
	if (c >= 0x80)
		return "a non-ASCII character";
	if (c == '\'')
		return "a single quote";
	if (c == '"')
		return "a double quote";
	snprintf(p->what, sizeof(p->what), "'%c'", c);
	return p->what;
}

static int
expect(Parser *p, char c, const char *what)
{
	if (p->pos < p->len && p->s[p->pos] == c)
	{
		p->pos++;
		return 0;
	}
	return FAIL(p, "Expected %s, found %s.", what, describe(p));
}

static int
count_term(Parser *p)
{
	if (++p->terms > RQL_MAX_TERMS)
		return FAIL(p, "The filter has more than %d terms (operators and values).", RQL_MAX_TERMS);
	return 0;
}

/* name { '.' name }: returns its length, 0 when there is none */
static size_t
scan_path(const Parser *p, size_t at)
{
	size_t		i = at;

	if (i >= p->len || !is_name_start(p->s[i]))
		return 0;
	for (;;)
	{
		while (i < p->len && is_name_char(p->s[i]))
			i++;
		if (i + 1 < p->len && p->s[i] == '.' && is_name_start(p->s[i + 1]))
		{
			i++;
			continue;
		}
		return i - at;
	}
}

static const RqlField *
find_field(const RqlResource *res, const char *s, size_t len)
{
	int			i;

	for (i = 0; i < res->nfields; i++)
		if (strlen(res->fields[i].path) == len && memcmp(res->fields[i].path, s, len) == 0)
			return &res->fields[i];
	return NULL;
}

static int
parse_field(Parser *p, const RqlField **out)
{
	size_t		n = scan_path(p, p->pos);
	char		buf[RQL_MAX_FIELD + 8];

	if (n == 0)
		return FAIL(p, "Expected a field name, found %s.", describe(p));
	if (n > RQL_MAX_FIELD)
		return FAIL(p, "A field name is longer than %d characters.", RQL_MAX_FIELD);
	*out = find_field(p->res, p->s + p->pos, n);
	if (*out == NULL)
	{
		excerpt(p->s + p->pos, n, buf, sizeof(buf));
		return FAIL(p, "Unknown field \"%s\" for %s.", buf, p->res->name);
	}
	p->pos += n;
	return 0;
}

/* value, stopping at ( ) , & (and = outside quotes) */
static int
parse_value(Parser *p, RqlValue *v, int constants_ok)
{
	size_t		start = p->pos;

	if (count_term(p) < 0)
		return -1;
	v->position = char_position(p->s, p->len, p->pos);
	if (p->pos < p->len && (p->s[p->pos] == '"' || p->s[p->pos] == '\''))
	{
		char		q = p->s[p->pos];
		const char *end = memchr(p->s + p->pos + 1, q, p->len - p->pos - 1);

		if (end == NULL)
			return FAIL(p, "The quoted value has no closing %s.", q == '"' ? "double quote" : "single quote");
		v->kind = RQL_V_STRING;
		v->len = (size_t) (end - (p->s + p->pos + 1));
		v->text = copy_str(p->alloc, p->actx, p->s + p->pos + 1, v->len);
		p->pos = (size_t) (end - p->s) + 1;
		return 0;
	}
	while (p->pos < p->len && is_bare_char(p->s[p->pos]))
		p->pos++;
	if (p->pos < p->len && p->s[p->pos] == '(')
	{
		size_t		n = p->pos - start;

		if ((n == 4 && memcmp(p->s + start, "null", 4) == 0) ||
			(n == 5 && memcmp(p->s + start, "empty", 5) == 0))
		{
			if (p->pos + 1 >= p->len || p->s[p->pos + 1] != ')')
			{
				p->pos++;
				return FAIL(p, "Expected ')': %s() takes no arguments.", n == 4 ? "null" : "empty");
			}
			if (!constants_ok)
			{
				p->pos = start;
				return FAIL(p, "null() and empty() may only be compared with eq or ne.");
			}
			v->kind = (n == 4) ? RQL_V_NULL : RQL_V_EMPTY;
			v->text = NULL;
			v->len = 0;
			p->pos += 2;
			return 0;
		}
		return FAIL(p, "Unexpected '(' in a value; quote values that contain parentheses.");
	}
	if (p->pos == start)
	{
		if (p->pos < p->len && (p->s[p->pos] == ' ' || (unsigned char) p->s[p->pos] < 0x20))
			return FAIL(p, "Expected a value, found %s; quote values that contain spaces.",
						p->s[p->pos] == ' ' ? "a space" : "a control character");
		return FAIL(p, "Expected a value, found %s.", describe(p));
	}
	if (p->pos < p->len && (p->s[p->pos] == ' ' || (unsigned char) p->s[p->pos] < 0x20 ||
							(unsigned char) p->s[p->pos] == 0x7f))
		return FAIL(p, "Unexpected %s in a value; quote values that contain spaces.",
					p->s[p->pos] == ' ' ? "space" : "control character");
	v->kind = RQL_V_STRING;
	v->len = p->pos - start;
	v->text = copy_str(p->alloc, p->actx, p->s + start, v->len);
	return 0;
}

static RqlNode *
new_node(Parser *p, RqlOp op, size_t at)
{
	RqlNode    *n = p->alloc(p->actx, sizeof(RqlNode));

	memset(n, 0, sizeof(*n));
	n->op = op;
	n->position = char_position(p->s, p->len, at);
	return n;
}

static const struct
{
	const char *name;
	RqlOp		op;
}			operators[] =
{
	{"eq", RQL_OP_EQ}, {"ne", RQL_OP_NE}, {"gt", RQL_OP_GT}, {"ge", RQL_OP_GE},
	{"lt", RQL_OP_LT}, {"le", RQL_OP_LE}, {"in", RQL_OP_IN}, {"out", RQL_OP_OUT},
	{"like", RQL_OP_LIKE}, {"ilike", RQL_OP_ILIKE},
	{"and", RQL_OP_AND}, {"or", RQL_OP_OR}, {"not", RQL_OP_NOT},
};

static const char *
op_name(RqlOp op)
{
	size_t		i;

	for (i = 0; i < sizeof(operators) / sizeof(operators[0]); i++)
		if (operators[i].op == op)
			return operators[i].name;
	return "?";
}

static int	parse_call(Parser *p, int depth, RqlNode **out);

static int
check_value_type(Parser *p, const RqlNode *n, size_t at)
{
	RqlType		t = n->field->type;

	if ((n->op == RQL_OP_LIKE || n->op == RQL_OP_ILIKE) && t != RQL_T_TEXT)
	{
		p->pos = at;
		return FAIL(p, "%s applies to text fields only; %s is not one.", op_name(n->op), n->field->path);
	}
	if (t == RQL_T_BOOL && n->op != RQL_OP_EQ && n->op != RQL_OP_NE &&
		n->op != RQL_OP_IN && n->op != RQL_OP_OUT)
	{
		p->pos = at;
		return FAIL(p, "%s does not apply to the boolean field %s.", op_name(n->op), n->field->path);
	}
	return 0;
}

static int
parse_args(Parser *p, RqlNode *n, int depth, size_t op_at)
{
	if (n->op == RQL_OP_AND || n->op == RQL_OP_OR || n->op == RQL_OP_NOT)
	{
		RqlNode    *kids[RQL_MAX_TERMS];
		int			k = 0;

		for (;;)
		{
			if (k >= RQL_MAX_TERMS)
				return FAIL(p, "The filter has more than %d terms (operators and values).", RQL_MAX_TERMS);
			if (parse_call(p, depth + 1, &kids[k]) < 0)
				return -1;
			k++;
			if (p->pos < p->len && p->s[p->pos] == ',')
			{
				if (n->op == RQL_OP_NOT)
					return FAIL(p, "not takes exactly one expression.");
				p->pos++;
				continue;
			}
			break;
		}
		n->nchildren = k;
		n->children = p->alloc(p->actx, sizeof(RqlNode *) * k);
		memcpy(n->children, kids, sizeof(RqlNode *) * k);
		return 0;
	}
	if (parse_field(p, &n->field) < 0)
		return -1;
	if (expect(p, ',', "',' after the field name") < 0)
		return -1;
	if (n->op == RQL_OP_IN || n->op == RQL_OP_OUT)
	{
		RqlValue	vals[RQL_MAX_TERMS];
		int			k = 0;

		if (expect(p, '(', "'(' opening the list of values") < 0)
			return -1;
		for (;;)
		{
			if (k >= RQL_MAX_TERMS)
				return FAIL(p, "The filter has more than %d terms (operators and values).", RQL_MAX_TERMS);
			if (parse_value(p, &vals[k], 0) < 0)
				return -1;
			k++;
			if (p->pos < p->len && p->s[p->pos] == ',')
			{
				p->pos++;
				continue;
			}
			break;
		}
		if (expect(p, ')', "',' or ')' closing the list of values") < 0)
			return -1;
		n->nvalues = k;
		n->values = p->alloc(p->actx, sizeof(RqlValue) * k);
		memcpy(n->values, vals, sizeof(RqlValue) * k);
	}
	else
	{
		n->nvalues = 1;
		n->values = p->alloc(p->actx, sizeof(RqlValue));
		if (parse_value(p, &n->values[0], n->op == RQL_OP_EQ || n->op == RQL_OP_NE) < 0)
			return -1;
	}
	return check_value_type(p, n, op_at);
}

static int
parse_call(Parser *p, int depth, RqlNode **out)
{
	size_t		at = p->pos,
				i,
				n = 0;
	char		buf[40];

	if (depth > RQL_MAX_DEPTH)
		return FAIL(p, "The filter nests deeper than %d levels.", RQL_MAX_DEPTH);
	if (count_term(p) < 0)
		return -1;
	while (p->pos + n < p->len && is_name_char(p->s[p->pos + n]))
		n++;
	if (n == 0)
		return FAIL(p, "Expected an operator such as eq( or and(, found %s.", describe(p));
	for (i = 0; i < sizeof(operators) / sizeof(operators[0]); i++)
		if (strlen(operators[i].name) == n && memcmp(operators[i].name, p->s + p->pos, n) == 0)
			break;
	if (i == sizeof(operators) / sizeof(operators[0]))
	{
		excerpt(p->s + p->pos, n, buf, sizeof(buf));
		return FAIL(p, "Unknown operator \"%s\".", buf);
	}
	p->pos += n;
	*out = new_node(p, operators[i].op, at);
	if (expect(p, '(', "'(' after the operator") < 0)
		return -1;
	if (parse_args(p, *out, depth, at) < 0)
		return -1;
	return expect(p, ')', (*out)->nchildren > 0 ? "',' or ')'" : "')' closing the operator");
}

/* field=value at the top level */
static int
parse_shortcut(Parser *p, RqlNode **out)
{
	size_t		at = p->pos;
	RqlNode    *n;

	if (count_term(p) < 0)
		return -1;
	n = new_node(p, RQL_OP_EQ, at);
	if (parse_field(p, &n->field) < 0)
		return -1;
	if (expect(p, '=', "'=' after the field name") < 0)
		return -1;
	n->nvalues = 1;
	n->values = p->alloc(p->actx, sizeof(RqlValue));
	if (parse_value(p, &n->values[0], 1) < 0)
		return -1;
	*out = n;
	return 0;
}

static int
parse_term(Parser *p, RqlNode **out)
{
	size_t		n = 0;

	while (p->pos + n < p->len && is_name_char(p->s[p->pos + n]))
		n++;
	/* an operator name followed by '(' is a call, anything else a shortcut */
	if (n > 0 && p->pos + n < p->len && p->s[p->pos + n] == '(')
		return parse_call(p, 1, out);
	return parse_shortcut(p, out);
}

int
rql_parse_filter(const RqlResource *res, const char *s, size_t len,
				 RqlAlloc alloc, void *actx, RqlNode **out, RqlError *err)
{
	Parser		p;
	RqlNode    *terms[RQL_MAX_TERMS];
	int			k = 0;

	memset(&p, 0, sizeof(p));
	p.res = res;
	p.s = s;
	p.len = len;
	p.alloc = alloc;
	p.actx = actx;
	p.err = err;
	*out = NULL;
	if (len > RQL_MAX_INPUT)
		return fail_at(err, "rql", s, len, RQL_MAX_INPUT,
					   "The filter is longer than %d bytes.", RQL_MAX_INPUT);
	if (memchr(s, '\0', len) != NULL)
		return fail_at(err, "rql", s, len, (size_t) ((const char *) memchr(s, '\0', len) - s),
					   "The filter contains a NUL character.");
	if (len == 0)
		return 0;
	for (;;)
	{
		if (k >= RQL_MAX_TERMS)
			return FAIL(&p, "The filter has more than %d terms (operators and values).", RQL_MAX_TERMS);
		if (parse_term(&p, &terms[k]) < 0)
			return -1;
		k++;
		if (p.pos < p.len && p.s[p.pos] == '&')
		{
			p.pos++;
			continue;
		}
		if (p.pos < p.len)
			return FAIL(&p, "Expected '&' or the end of the filter, found %s.", describe(&p));
		break;
	}
	if (k == 1)
		*out = terms[0];
	else
	{
		RqlNode    *n = new_node(&p, RQL_OP_AND, 0);

		n->nchildren = k;
		n->children = alloc(actx, sizeof(RqlNode *) * k);
		memcpy(n->children, terms, sizeof(RqlNode *) * k);
		*out = n;
	}
	return 0;
}

/* ---- output buffer ---- */

typedef struct Buf
{
	char	   *data;
	size_t		len;
	size_t		cap;
	RqlAlloc	alloc;
	void	   *actx;
} Buf;

static void
buf_init(Buf *b, RqlAlloc alloc, void *actx)
{
	b->alloc = alloc;
	b->actx = actx;
	b->cap = 256;
	b->len = 0;
	b->data = alloc(actx, b->cap);
	b->data[0] = '\0';
}

static void
buf_add(Buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
	{
		size_t		cap = b->cap * 2;
		char	   *d;

		while (cap < b->len + n + 1)
			cap *= 2;
		d = b->alloc(b->actx, cap);
		memcpy(d, b->data, b->len);
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void
buf_str(Buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void
buf_int(Buf *b, int v)
{
	char		t[16];

	snprintf(t, sizeof(t), "%d", v);
	buf_str(b, t);
}

/* ---- SQL ---- */

char *
rql_like_pattern(const char *s, size_t len, RqlAlloc alloc, void *actx)
{
	char	   *r = alloc(actx, 2 * len + 1);
	size_t		i,
				n = 0;

	for (i = 0; i < len; i++)
	{
		char		c = s[i];

		if (c == '\\' && i + 1 < len && (s[i + 1] == '*' || s[i + 1] == '\\'))
		{
			c = s[++i];
			if (c == '\\')
				r[n++] = '\\';
			r[n++] = c;
		}
		else if (c == '*')
			r[n++] = '%';
		else
		{
			if (c == '%' || c == '_' || c == '\\')
				r[n++] = '\\';
			r[n++] = c;
		}
	}
	r[n] = '\0';
	return r;
}

/* Every type's operators, ids' included, are pg_catalog's; t is kept for callers' clarity. */
static void
add_operator(Buf *b, RqlType t, const char *op)
{
	buf_str(b, " OPERATOR(pg_catalog.");
	buf_str(b, op);
	buf_str(b, ") ");
}

typedef struct Gen
{
	Buf			b;
	RqlSql	   *out;
	int			first;
	RqlAlloc	alloc;
	void	   *actx;
} Gen;

static void
add_param(Gen *g, const RqlNode *n, const RqlValue *v)
{
	RqlParam   *prm = &g->out->params[g->out->nparams];

	if (n->op == RQL_OP_LIKE || n->op == RQL_OP_ILIKE)
		prm->value = rql_like_pattern(v->text, v->len, g->alloc, g->actx);
	else
		prm->value = v->text;
	prm->type = n->field->type;
	buf_str(&g->b, "$");
	buf_int(&g->b, g->first + g->out->nparams);
	g->out->nparams++;
}

static void
gen_null_test(Gen *g, const RqlNode *n, const RqlValue *v)
{
	const char *e = n->field->sql;
	int			neg = (n->op == RQL_OP_NE);

	buf_str(&g->b, "(");
	buf_str(&g->b, e);
	buf_str(&g->b, neg ? " IS NOT NULL" : " IS NULL");
	if (v->kind == RQL_V_EMPTY && n->field->type == RQL_T_TEXT)
	{
		buf_str(&g->b, neg ? " AND " : " OR ");
		buf_str(&g->b, e);
		add_operator(&g->b, RQL_T_TEXT, neg ? "<>" : "=");
		buf_str(&g->b, "''");
	}
	buf_str(&g->b, ")");
}

static void
gen(Gen *g, const RqlNode *n)
{
	static const char *const cmp[] = {"=", "<>", ">", ">=", "<", "<="};
	const char *e;
	int			i;

	switch (n->op)
	{
		case RQL_OP_AND:
		case RQL_OP_OR:
			buf_str(&g->b, "(");
			for (i = 0; i < n->nchildren; i++)
			{
				if (i > 0)
					buf_str(&g->b, n->op == RQL_OP_AND ? " AND " : " OR ");
				gen(g, n->children[i]);
			}
			buf_str(&g->b, ")");
			return;
		case RQL_OP_NOT:
			buf_str(&g->b, "(NOT ");
			gen(g, n->children[0]);
			buf_str(&g->b, ")");
			return;
		default:
			break;
	}
	e = n->field->sql;
	if (n->values[0].kind != RQL_V_STRING)
	{
		gen_null_test(g, n, &n->values[0]);
		return;
	}
	switch (n->op)
	{
		case RQL_OP_NE:
			buf_str(&g->b, "((");
			buf_str(&g->b, e);
			add_operator(&g->b, n->field->type, "<>");
			add_param(g, n, &n->values[0]);
			buf_str(&g->b, ") IS NOT FALSE)");
			return;
		case RQL_OP_IN:
		case RQL_OP_OUT:
			buf_str(&g->b, "((");
			buf_str(&g->b, e);
			add_operator(&g->b, n->field->type, "=");
			buf_str(&g->b, "ANY (ARRAY[");
			for (i = 0; i < n->nvalues; i++)
			{
				if (i > 0)
					buf_str(&g->b, ", ");
				add_param(g, n, &n->values[i]);
			}
			buf_str(&g->b, n->op == RQL_OP_IN ? "])) IS TRUE)" : "])) IS NOT TRUE)");
			return;
		case RQL_OP_LIKE:
		case RQL_OP_ILIKE:
			buf_str(&g->b, "((");
			buf_str(&g->b, e);
			add_operator(&g->b, RQL_T_TEXT, n->op == RQL_OP_LIKE ? "~~" : "~~*");
			add_param(g, n, &n->values[0]);
			buf_str(&g->b, ") IS TRUE)");
			return;
		default:
			buf_str(&g->b, "((");
			buf_str(&g->b, e);
			add_operator(&g->b, n->field->type, cmp[n->op]);
			add_param(g, n, &n->values[0]);
			buf_str(&g->b, ") IS TRUE)");
			return;
	}
}

int
rql_filter_sql(const RqlNode *node, int first_param,
			   RqlAlloc alloc, void *actx, RqlSql *out, RqlError *err)
{
	Gen			g;

	memset(out, 0, sizeof(*out));
	if (node == NULL)
	{
		out->where = copy_str(alloc, actx, "true", 4);
		return 0;
	}
	buf_init(&g.b, alloc, actx);
	g.out = out;
	g.first = first_param;
	g.alloc = alloc;
	g.actx = actx;
	gen(&g, node);
	out->where = g.b.data;
	return 0;
}

/* ---- canonical form (tests) ---- */

static void
fmt_value(Buf *b, const RqlValue *v)
{
	if (v->kind == RQL_V_NULL)
		buf_str(b, "null()");
	else if (v->kind == RQL_V_EMPTY)
		buf_str(b, "empty()");
	else
	{
		buf_str(b, memchr(v->text, '"', v->len) ? "'" : "\"");
		buf_add(b, v->text, v->len);
		buf_str(b, memchr(v->text, '"', v->len) ? "'" : "\"");
	}
}

static void
fmt_node(Buf *b, const RqlNode *n)
{
	int			i;

	buf_str(b, op_name(n->op));
	buf_str(b, "(");
	if (n->nchildren > 0)
		for (i = 0; i < n->nchildren; i++)
		{
			if (i > 0)
				buf_str(b, ",");
			fmt_node(b, n->children[i]);
		}
	else
	{
		buf_str(b, n->field->path);
		buf_str(b, ",");
		if (n->op == RQL_OP_IN || n->op == RQL_OP_OUT)
			buf_str(b, "(");
		for (i = 0; i < n->nvalues; i++)
		{
			if (i > 0)
				buf_str(b, ",");
			fmt_value(b, &n->values[i]);
		}
		if (n->op == RQL_OP_IN || n->op == RQL_OP_OUT)
			buf_str(b, ")");
	}
	buf_str(b, ")");
}

char *
rql_node_format(const RqlNode *node, RqlAlloc alloc, void *actx)
{
	Buf			b;

	buf_init(&b, alloc, actx);
	if (node != NULL)
		fmt_node(&b, node);
	return b.data;
}

/* ---- select= and order= ---- */

static int
find_column(const RqlResource *res, const char *s, size_t len)
{
	int			i;

	for (i = 0; i < res->ncolumns; i++)
		if (strlen(res->columns[i].name) == len && memcmp(res->columns[i].name, s, len) == 0)
			return i;
	return -1;
}

int
rql_parse_select(const RqlResource *res, const char *s, size_t len, int list,
				 unsigned char *shown, RqlError *err)
{
	size_t		pos = 0;
	int			i;
	char		buf[RQL_MAX_FIELD + 8];

	for (i = 0; i < res->ncolumns; i++)
		shown[i] = (unsigned char) (list ? res->columns[i].list_default : 1);
	if (s == NULL || len == 0)
		return 0;
	if (len > RQL_MAX_INPUT)
		return fail_at(err, "select", s, len, RQL_MAX_INPUT, "select is longer than %d bytes.", RQL_MAX_INPUT);
	for (;;)
	{
		int			add = 1;
		size_t		start,
					n = 0;

		if (pos < len && (s[pos] == '+' || s[pos] == '-'))
			add = (s[pos++] == '+');
		start = pos;
		if (pos < len && s[pos] == '*')
		{
			for (i = 0; i < res->ncolumns; i++)
				shown[i] = (unsigned char) add;
			pos++;
		}
		else
		{
			while (pos + n < len && (is_name_char(s[pos + n]) || s[pos + n] == '.'))
				n++;
			if (n == 0)
				return fail_at(err, "select", s, len, pos,
							   "Expected a field name, '+field', '-field' or '-*'.");
			i = find_column(res, s + pos, n);
			if (i < 0)
			{
				excerpt(s + start, n > RQL_MAX_FIELD ? RQL_MAX_FIELD : n, buf, sizeof(buf));
				return fail_at(err, "select", s, len, start,
							   memchr(s + pos, '.', n) ? "Unknown field \"%s\" for %s: select takes top-level fields only."
							   : "Unknown field \"%s\" for %s.", buf, res->name);
			}
			shown[i] = (unsigned char) add;
			pos += n;
		}
		if (pos == len)
			return 0;
		if (s[pos] != ',')
			return fail_at(err, "select", s, len, pos, "Expected ',' or the end of select.");
		pos++;
	}
}

int
rql_parse_order(const RqlResource *res, const char *s, size_t len,
				RqlAlloc alloc, void *actx, char **order_sql, RqlError *err)
{
	Buf			b;
	size_t		pos = 0;
	int			nterms = 0,
				has_id = 0;
	const RqlField *used[RQL_MAX_ORDER];
	char		buf[RQL_MAX_FIELD + 8];

	buf_init(&b, alloc, actx);
	if (s != NULL && len > RQL_MAX_INPUT)
		return fail_at(err, "order", s, len, RQL_MAX_INPUT, "order is longer than %d bytes.", RQL_MAX_INPUT);
	while (s != NULL && len > 0)
	{
		int			desc = 0,
					i;
		size_t		start,
					n = 0;
		const RqlField *f;

		if (pos < len && (s[pos] == '+' || s[pos] == '-'))
			desc = (s[pos++] == '-');
		start = pos;
		while (pos + n < len && (is_name_char(s[pos + n]) || s[pos + n] == '.'))
			n++;
		if (n == 0)
			return fail_at(err, "order", s, len, pos, "Expected a field name, '+field' or '-field'.");
		excerpt(s + start, n > RQL_MAX_FIELD ? RQL_MAX_FIELD : n, buf, sizeof(buf));
		f = find_field(res, s + start, n);
		if (f == NULL)
			return fail_at(err, "order", s, len, start, "Unknown field \"%s\" for %s.", buf, res->name);
		if (!f->orderable)
			return fail_at(err, "order", s, len, start, "%s cannot be ordered by.", f->path);
		for (i = 0; i < nterms; i++)
			if (used[i] == f)
				return fail_at(err, "order", s, len, start, "%s is named twice.", f->path);
		if (nterms >= RQL_MAX_ORDER)
			return fail_at(err, "order", s, len, start, "order takes at most %d fields.", RQL_MAX_ORDER);
		used[nterms++] = f;
		if (strcmp(f->path, "id") == 0)
			has_id = 1;
		if (b.len > 0)
			buf_str(&b, ", ");
		buf_str(&b, f->sql);
		buf_str(&b, desc ? " DESC" : " ASC");
		pos += n;
		if (pos == len)
			break;
		if (s[pos] != ',')
			return fail_at(err, "order", s, len, pos, "Expected ',' or the end of order.");
		pos++;
	}
	/* the id last: a stable order, so that pages do not overlap */
	if (!has_id)
	{
		const RqlField *id = find_field(res, "id", 2);

		if (b.len > 0)
			buf_str(&b, ", ");
		buf_str(&b, id ? id->sql : "v.id");
		buf_str(&b, " ASC");
	}
	*order_sql = b.data;
	return 0;
}
