/*
 * unit_rql.c
 *		Standalone unit test of the RQL core (src/rql.c, src/rql_fields.c),
 *		no PostgreSQL.  Built and run by `make -C test/fuzz unit` with ASan +
 *		UBSan.  Exact canonical parse results, exact SQL and parameters, and
 *		exact errors (position and message).  The last line printed is
 *		"N passed, N failed".
 */
#include "rql.h"
#include "rql_arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int	n_passed;
static int	n_failed;
static ArenaBlock *arena;

static void
result(int ok, int line, const char *what, const char *got, const char *want)
{
	if (ok)
		n_passed++;
	else
	{
		n_failed++;
		printf("FAIL line %d: %s\n  got:  %s\n  want: %s\n", line, what, got ? got : "(null)",
			   want ? want : "(null)");
	}
}

static const char type_letter[] = {'T', 'I', 'S', 'D', 'B', 'N'};

/* parameters as "T:value|I:value" */
static char *
params_text(const RqlSql *q)
{
	static char buf[8192];
	size_t		n = 0;
	int			i;

	buf[0] = '\0';
	for (i = 0; i < q->nparams; i++)
		n += (size_t) snprintf(buf + n, sizeof(buf) - n, "%s%c:%s", i ? "|" : "",
							   type_letter[q->params[i].type], q->params[i].value);
	return buf;
}

/* filter accepted: canonical form, and (when given) SQL and parameters */
static void
ok_filter(int line, const char *resname, const char *in, const char *canon,
		  const char *sql, const char *params)
{
	const RqlResource *res = rql_resource(resname);
	RqlNode    *node;
	RqlError	err;
	RqlSql		q;

	if (rql_parse_filter(res, in, strlen(in), arena_alloc, &arena, &node, &err) < 0)
	{
		result(0, line, in, err.message, canon);
		return;
	}
	result(strcmp(rql_node_format(node, arena_alloc, &arena), canon) == 0, line, in,
		   rql_node_format(node, arena_alloc, &arena), canon);
	if (rql_filter_sql(node, 4, arena_alloc, &arena, &q, &err) < 0)
	{
		result(0, line, in, err.message, "sql");
		return;
	}
	if (sql)
		result(strcmp(q.where, sql) == 0, line, in, q.where, sql);
	if (params)
		result(strcmp(params_text(&q), params) == 0, line, in, params_text(&q), params);
}

static void
bad_filter(int line, const char *resname, const char *in, int pos, const char *msg)
{
	const RqlResource *res = rql_resource(resname);
	RqlNode    *node;
	RqlError	err;
	char		got[300];

	if (rql_parse_filter(res, in, strlen(in), arena_alloc, &arena, &node, &err) == 0)
	{
		result(0, line, in, rql_node_format(node, arena_alloc, &arena), msg);
		return;
	}
	snprintf(got, sizeof(got), "%d %s", err.position, err.message);
	{
		char		want[300];

		snprintf(want, sizeof(want), "%d %s", pos, msg);
		result(strcmp(got, want) == 0 && strcmp(err.param, "rql") == 0, line, in, got, want);
	}
}

/* select: the omitted columns, comma-separated, or "ERR <pos> <message>" */
static void
check_select(int line, const char *resname, const char *in, int list, const char *want)
{
	const RqlResource *res = rql_resource(resname);
	unsigned char shown[RQL_MAX_COLUMNS];
	RqlError	err;
	char		got[1024];
	size_t		n = 0;
	int			i;

	got[0] = '\0';
	if (rql_parse_select(res, in, in ? strlen(in) : 0, list, shown, &err) < 0)
		snprintf(got, sizeof(got), "ERR %d %s", err.position, err.message);
	else
		for (i = 0; i < res->ncolumns; i++)
			if (!shown[i])
				n += (size_t) snprintf(got + n, sizeof(got) - n, "%s%s", n ? "," : "", res->columns[i].name);
	result(strcmp(got, want) == 0, line, in ? in : "(null)", got, want);
}

static void
check_order(int line, const char *resname, const char *in, const char *want)
{
	const RqlResource *res = rql_resource(resname);
	RqlError	err;
	char	   *order;
	char		got[1024];

	if (rql_parse_order(res, in, in ? strlen(in) : 0, arena_alloc, &arena, &order, &err) < 0)
		snprintf(got, sizeof(got), "ERR %d %s", err.position, err.message);
	else
		snprintf(got, sizeof(got), "%s", order);
	result(strcmp(got, want) == 0, line, in ? in : "(null)", got, want);
}

static void
check_like(int line, const char *in, const char *want)
{
	char	   *got = rql_like_pattern(in, strlen(in), arena_alloc, &arena);

	result(strcmp(got, want) == 0, line, in, got, want);
}

#define OK(res, in, canon) ok_filter(__LINE__, res, in, canon, NULL, NULL)
#define OKSQL(res, in, canon, sql, params) ok_filter(__LINE__, res, in, canon, sql, params)
#define BAD(res, in, pos, msg) bad_filter(__LINE__, res, in, pos, msg)
#define SEL(res, in, list, want) check_select(__LINE__, res, in, list, want)
#define ORD(res, in, want) check_order(__LINE__, res, in, want)
#define LIKE(in, want) check_like(__LINE__, in, want)

static void
test_filters(void)
{
	char		big[RQL_MAX_INPUT + 2];
	char		deep[400];
	char		many[2000];
	int			i;
	size_t		n;

	/* shapes */
	OK("enrollments", "", "");
	OK("enrollments", "eq(status,Completed)", "eq(status,\"Completed\")");
	OK("enrollments", "status=Completed", "eq(status,\"Completed\")");
	OK("enrollments", "status=Completed&type=New", "and(eq(status,\"Completed\"),eq(type,\"New\"))");
	OK("enrollments", "and(eq(status,Completed),eq(program.id,\"PRG-9643-3741\"))",
	   "and(eq(status,\"Completed\"),eq(program.id,\"PRG-9643-3741\"))");
	OK("enrollments", "or(eq(status,Draft),and(ne(status,Failed),not(eq(type,Change))))",
	   "or(eq(status,\"Draft\"),and(ne(status,\"Failed\"),not(eq(type,\"Change\"))))");
	OK("enrollments", "and(eq(status,A))", "and(eq(status,\"A\"))");
	OK("enrollments", "in(status,(Draft,Querying))", "in(status,(\"Draft\",\"Querying\"))");
	OK("enrollments", "out(status,(Draft))", "out(status,(\"Draft\"))");
	OK("enrollments", "eq(name,'a,b(c)')", "eq(name,\"a,b(c)\")");
	OK("enrollments", "eq(name,\"it's\")", "eq(name,\"it's\")");
	OK("enrollments", "eq(name,'say \"hi\"')", "eq(name,'say \"hi\"')");
	OK("enrollments", "eq(name,\"\")", "eq(name,\"\")");
	OK("enrollments", "eq(name,\"with space\")", "eq(name,\"with space\")");
	OK("enrollments", "eq(notes,null())", "eq(notes,null())");
	OK("enrollments", "ne(notes,empty())", "ne(notes,empty())");
	OK("enrollments", "notes=null()", "eq(notes,null())");
	OK("enrollments", "eq(name,null)", "eq(name,\"null\")");
	OK("enrollments", "eq(name,\"null()\")", "eq(name,\"null()\")");
	OK("enrollments", "gt(audit.created.at,2025-07-01T10:00:00.000Z)",
	   "gt(audit.created.at,\"2025-07-01T10:00:00.000Z\")");
	OK("enrollments", "eq(name,a+b*c.d:e;f/g)", "eq(name,\"a+b*c.d:e;f/g\")");
	OK("enrollments", "eq(name,\xc3\xa9t\xc3\xa9)", "eq(name,\"\xc3\xa9t\xc3\xa9\")");
	OK("certificates", "le(expirationDate,2025-08-01)", "le(expirationDate,\"2025-08-01\")");
	OK("programs", "eq(eligibility.partner,true)", "eq(eligibility.partner,\"true\")");
	OK("parameters", "eq(constraints.hidden,false)", "eq(constraints.hidden,\"false\")");
	OK("enrollments", "ge(revision,2)", "ge(revision,\"2\")");
	OK("enrollments", "like(name,*AI*)", "like(name,\"*AI*\")");
	OK("enrollments", "ilike(name,'*partner')", "ilike(name,\"*partner\")");

	/* SQL and parameters */
	OKSQL("enrollments", "", "", "true", "");
	OKSQL("enrollments", "eq(status,Completed)", "eq(status,\"Completed\")",
		  "((v.\"status\" OPERATOR(pg_catalog.=) $4) IS TRUE)", "T:Completed");
	OKSQL("enrollments", "ne(status,Completed)", "ne(status,\"Completed\")",
		  "((v.\"status\" OPERATOR(pg_catalog.<>) $4) IS NOT FALSE)", "T:Completed");
	OKSQL("enrollments", "eq(program.id,PRG-1000-0001)", "eq(program.id,\"PRG-1000-0001\")",
		  "((((v.\"program\" OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id) OPERATOR(pg_catalog.=) $4) IS TRUE)",
		  "I:PRG-1000-0001");
	OKSQL("enrollments", "gt(id,ENR-1)", "gt(id,\"ENR-1\")",
		  "((v.\"id\" OPERATOR(pg_catalog.>) $4) IS TRUE)", "I:ENR-1");
	OKSQL("enrollments", "lt(audit.created.at,2025-07-02)", "lt(audit.created.at,\"2025-07-02\")",
		  "((((v.audit OPERATOR(pg_catalog.#>>) '{created,at}')::pg_catalog.timestamptz) OPERATOR(pg_catalog.<) $4) IS TRUE)",
		  "S:2025-07-02");
	OKSQL("certificates", "le(expirationDate,2025-08-01)", "le(expirationDate,\"2025-08-01\")",
		  "((v.\"expirationDate\" OPERATOR(pg_catalog.<=) $4) IS TRUE)", "D:2025-08-01");
	OKSQL("certificates", "eq(client.id,ACC-2000-0001)&eq(externalIds.vendor,'MS 42')",
		  "and(eq(client.id,\"ACC-2000-0001\"),eq(externalIds.vendor,\"MS 42\"))",
		  "(((((v.\"client\" OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id) OPERATOR(pg_catalog.=) $4) IS TRUE) AND "
		  "(((v.\"externalIds\" OPERATOR(pg_catalog.->>) 'vendor') OPERATOR(pg_catalog.=) $5) IS TRUE))",
		  "I:ACC-2000-0001|T:MS 42");
	OKSQL("enrollments", "ge(revision,2)", "ge(revision,\"2\")",
		  "((v.\"revision\" OPERATOR(pg_catalog.>=) $4) IS TRUE)", "N:2");
	OKSQL("enrollments", "le(revision,2)", "le(revision,\"2\")",
		  "((v.\"revision\" OPERATOR(pg_catalog.<=) $4) IS TRUE)", "N:2");
	OKSQL("enrollments", "in(status,(A,B,C))", "in(status,(\"A\",\"B\",\"C\"))",
		  "((v.\"status\" OPERATOR(pg_catalog.=) ANY (ARRAY[$4, $5, $6])) IS TRUE)", "T:A|T:B|T:C");
	OKSQL("enrollments", "out(status,(A))", "out(status,(\"A\"))",
		  "((v.\"status\" OPERATOR(pg_catalog.=) ANY (ARRAY[$4])) IS NOT TRUE)", "T:A");
	OKSQL("enrollments", "like(name,*10%_off\\*)", "like(name,\"*10%_off\\*\")",
		  "((v.\"name\" OPERATOR(pg_catalog.~~) $4) IS TRUE)", "T:%10\\%\\_off*");
	OKSQL("enrollments", "ilike(name,a*)", "ilike(name,\"a*\")",
		  "((v.\"name\" OPERATOR(pg_catalog.~~*) $4) IS TRUE)", "T:a%");
	OKSQL("enrollments", "eq(notes,null())", "eq(notes,null())", "(v.\"notes\" IS NULL)", "");
	OKSQL("enrollments", "ne(notes,null())", "ne(notes,null())", "(v.\"notes\" IS NOT NULL)", "");
	OKSQL("enrollments", "eq(notes,empty())", "eq(notes,empty())",
		  "(v.\"notes\" IS NULL OR v.\"notes\" OPERATOR(pg_catalog.=) '')", "");
	OKSQL("enrollments", "ne(notes,empty())", "ne(notes,empty())",
		  "(v.\"notes\" IS NOT NULL AND v.\"notes\" OPERATOR(pg_catalog.<>) '')", "");
	OKSQL("enrollments", "eq(assignee.id,empty())", "eq(assignee.id,empty())",
		  "(((v.\"assignee\" OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id) IS NULL)", "");
	OKSQL("enrollments", "not(or(eq(type,New),eq(eligibility.client,true)))",
		  "not(or(eq(type,\"New\"),eq(eligibility.client,\"true\")))",
		  "(NOT (((v.\"type\" OPERATOR(pg_catalog.=) $4) IS TRUE) OR "
		  "((((v.\"eligibility\" OPERATOR(pg_catalog.->>) 'client')::pg_catalog.bool) OPERATOR(pg_catalog.=) $5) IS TRUE)))",
		  "T:New|B:true");
	OKSQL("enrollments", "status=A&name=B", "and(eq(status,\"A\"),eq(name,\"B\"))",
		  "(((v.\"status\" OPERATOR(pg_catalog.=) $4) IS TRUE) AND ((v.\"name\" OPERATOR(pg_catalog.=) $5) IS TRUE))",
		  "T:A|T:B");
	/* injection attempts stay values */
	OKSQL("enrollments", "eq(name,\"x') OR true --\")", "eq(name,\"x') OR true --\")",
		  "((v.\"name\" OPERATOR(pg_catalog.=) $4) IS TRUE)", "T:x') OR true --");
	OKSQL("enrollments", "eq(name,'\"; DROP TABLE x; --')", "eq(name,'\"; DROP TABLE x; --')",
		  "((v.\"name\" OPERATOR(pg_catalog.=) $4) IS TRUE)", "T:\"; DROP TABLE x; --");
	OKSQL("enrollments", "eq(name,$1)", "eq(name,\"$1\")",
		  "((v.\"name\" OPERATOR(pg_catalog.=) $4) IS TRUE)", "T:$1");
	BAD("enrollments", "eq(name;DROP,x)", 8, "Expected ',' after the field name, found ';'.");
	BAD("enrollments", "eq(\"name\",x)", 4, "Expected a field name, found a double quote.");
	BAD("enrollments", "eq(name,x) OR 1=1", 11, "Expected '&' or the end of the filter, found a space.");

	/* errors: positions are characters, 1-based */
	BAD("enrollments", "eq(status,Completed", 20, "Expected ')' closing the operator, found the end of the filter.");
	BAD("enrollments", "eq(status,Completed))", 21, "Expected '&' or the end of the filter, found ')'.");
	BAD("enrollments", "and(eq(status,A)", 17, "Expected ',' or ')', found the end of the filter.");
	BAD("enrollments", "and()", 5, "Expected an operator such as eq( or and(, found ')'.");
	BAD("enrollments", "eq(status)", 10, "Expected ',' after the field name, found ')'.");
	BAD("enrollments", "eq(status,)", 11, "Expected a value, found ')'.");
	BAD("enrollments", "eq(status,A,B)", 12, "Expected ')' closing the operator, found ','.");
	BAD("enrollments", "foo(status,A)", 1, "Unknown operator \"foo\".");
	BAD("enrollments", "EQ(status,A)", 1, "Unknown operator \"EQ\".");
	BAD("enrollments", "any(parameters,eq(id,x))", 1, "Unknown operator \"any\".");
	BAD("enrollments", "eq(nosuch,A)", 4, "Unknown field \"nosuch\" for enrollments.");
	BAD("enrollments", "eq(program.nosuch,A)", 4, "Unknown field \"program.nosuch\" for enrollments.");
	BAD("enrollments", "nosuch=A", 1, "Unknown field \"nosuch\" for enrollments.");
	BAD("programs", "eq(client.id,ACC-1000-0001)", 4, "Unknown field \"client.id\" for programs.");
	BAD("enrollments", "status", 7, "Expected '=' after the field name, found the end of the filter.");
	BAD("enrollments", "status=", 8, "Expected a value, found the end of the filter.");
	BAD("enrollments", "status=A&", 10, "Expected a field name, found the end of the filter.");
	BAD("enrollments", "&status=A", 1, "Expected a field name, found '&'.");
	BAD("enrollments", "status=A B", 9, "Unexpected space in a value; quote values that contain spaces.");
	BAD("enrollments", "eq(name, A)", 9, "Expected a value, found a space; quote values that contain spaces.");
	BAD("enrollments", "eq(name,\"A)", 9, "The quoted value has no closing double quote.");
	BAD("enrollments", "eq(name,'A)", 9, "The quoted value has no closing single quote.");
	BAD("enrollments", "eq(name,a(b))", 10, "Unexpected '(' in a value; quote values that contain parentheses.");
	BAD("enrollments", "eq(name,null(x))", 14, "Expected ')': null() takes no arguments.");
	BAD("enrollments", "gt(name,null())", 9, "null() and empty() may only be compared with eq or ne.");
	BAD("enrollments", "in(status,(null()))", 12, "null() and empty() may only be compared with eq or ne.");
	BAD("enrollments", "like(name,empty())", 11, "null() and empty() may only be compared with eq or ne.");
	BAD("enrollments", "in(status,A)", 11, "Expected '(' opening the list of values, found 'A'.");
	BAD("enrollments", "in(status,(A,B)", 16, "Expected ')' closing the operator, found the end of the filter.");
	BAD("enrollments", "in(status,(A,B)))", 17, "Expected '&' or the end of the filter, found ')'.");
	BAD("enrollments", "in(status,(A B))", 13, "Unexpected space in a value; quote values that contain spaces.");
	BAD("enrollments", "in(status,())", 12, "Expected a value, found ')'.");
	BAD("enrollments", "not(eq(a,b),eq(c,d))", 8, "Unknown field \"a\" for enrollments.");
	BAD("enrollments", "not(eq(name,b),eq(name,d))", 15, "not takes exactly one expression.");
	BAD("enrollments", "like(revision,1*)", 1, "like applies to text fields only; revision is not one.");
	BAD("enrollments", "ilike(program.id,PRG*)", 1, "ilike applies to text fields only; program.id is not one.");
	BAD("enrollments", "gt(eligibility.client,true)", 1, "gt does not apply to the boolean field eligibility.client.");
	BAD("enrollments", "eq(st\xc3\xa4tus,A)", 4, "Unknown field \"st\" for enrollments.");
	BAD("enrollments", "eq(n\xc3\xa4me,A)&x", 4, "Unknown field \"n\" for enrollments.");
	BAD("enrollments", "eq(name,\xc3\xa9 x)", 10, "Unexpected space in a value; quote values that contain spaces.");
	BAD("enrollments", "eq(name,a\tb)", 10, "Unexpected control character in a value; quote values that contain spaces.");
	BAD("enrollments", "eq(name,a=b)", 10, "Expected ')' closing the operator, found '='.");
	BAD("enrollments", "eq(program.,A)", 4, "Unknown field \"program\" for enrollments.");
	BAD("enrollments", "eq (name,A)", 1, "Unknown field \"eq\" for enrollments.");
	BAD("enrollments", "(eq(name,A))", 1, "Expected a field name, found '('.");
	BAD("enrollments", ")", 1, "Expected a field name, found ')'.");
	BAD("enrollments", "eq(name,x)\xc3\xa9", 11, "Expected '&' or the end of the filter, found a non-ASCII character.");
	BAD("enrollments", "eq(name,x)\x01", 11, "Expected '&' or the end of the filter, found a control character.");
	{
		const char	nul[] = "eq(name,a\0b)";

		RqlNode    *node;
		RqlError	err;
		int			rc = rql_parse_filter(rql_resource("enrollments"), nul, sizeof(nul) - 1,
										  arena_alloc, &arena, &node, &err);

		result(rc < 0 && err.position == 10 && strcmp(err.message, "The filter contains a NUL character.") == 0,
			   __LINE__, "NUL", err.message, "The filter contains a NUL character.");
	}

	/* bounds */
	memset(big, 'a', sizeof(big));
	memcpy(big, "name=", 5);
	big[RQL_MAX_INPUT] = '\0';
	{
		RqlNode    *node;
		RqlError	err;

		result(rql_parse_filter(rql_resource("enrollments"), big, RQL_MAX_INPUT, arena_alloc, &arena, &node, &err) == 0,
			   __LINE__, "4096 bytes accepted", err.message, "ok");
		big[RQL_MAX_INPUT] = 'a';
		big[RQL_MAX_INPUT + 1] = '\0';
		result(rql_parse_filter(rql_resource("enrollments"), big, RQL_MAX_INPUT + 1, arena_alloc, &arena, &node, &err) < 0
			   && err.position == RQL_MAX_INPUT + 1 && strcmp(err.message, "The filter is longer than 4096 bytes.") == 0,
			   __LINE__, "4097 bytes", err.message, "The filter is longer than 4096 bytes.");
	}
	/* 31 not() around one eq(): depth 32 is fine, 33 is not */
	n = 0;
	for (i = 0; i < 31; i++)
		n += (size_t) sprintf(deep + n, "not(");
	n += (size_t) sprintf(deep + n, "eq(name,A)");
	for (i = 0; i < 31; i++)
		deep[n++] = ')';
	deep[n] = '\0';
	{
		RqlNode    *node;
		RqlError	err;

		result(rql_parse_filter(rql_resource("enrollments"), deep, n, arena_alloc, &arena, &node, &err) == 0,
			   __LINE__, "depth 32", err.message, "ok");
	}
	memmove(deep + 4, deep, n + 1);
	memcpy(deep, "not(", 4);
	strcat(deep, ")");
	BAD("enrollments", deep, 129, "The filter nests deeper than 32 levels.");
	/* 50 shortcuts = 100 terms; 51 = 102 */
	n = 0;
	for (i = 0; i < 50; i++)
		n += (size_t) sprintf(many + n, "%sname=x", i ? "&" : "");
	{
		RqlNode    *node;
		RqlError	err;

		result(rql_parse_filter(rql_resource("enrollments"), many, n, arena_alloc, &arena, &node, &err) == 0,
			   __LINE__, "100 terms", err.message, "ok");
	}
	strcat(many, "&name=x");
	BAD("enrollments", many, 351, "The filter has more than 100 terms (operators and values).");
	n = (size_t) sprintf(many, "in(name,(");
	for (i = 0; i < 100; i++)
		n += (size_t) sprintf(many + n, "%sv", i ? "," : "");
	strcat(many, "))");
	BAD("enrollments", many, 208, "The filter has more than 100 terms (operators and values).");
	BAD("enrollments", "eq(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,x)", 4,
		"A field name is longer than 64 characters.");
}

static void
test_select_order(void)
{
	SEL("enrollments", NULL, 1, "parameters,audit");
	SEL("enrollments", "", 1, "parameters,audit");
	SEL("enrollments", NULL, 0, "");
	SEL("enrollments", "+audit", 1, "parameters");
	SEL("enrollments", "audit,parameters", 1, "");
	SEL("enrollments", "-name", 1, "parameters,audit,name");
	SEL("enrollments", "-name", 0, "name");
	SEL("enrollments", "-*,+id,+status", 1,
		"certificate,program,vendor,applicableTo,type,buyer,licensee,eligibility,notes,statusNotes,assignee,parameters,error,template,audit,revision,name");
	SEL("programs", "-*,id,name", 0,
		"website,icon,status,eligibility,applicableTo,products,vendor,settings,statistics,audit,revision,shortDescription,longDescription");
	SEL("programs", "*", 1, "");
	SEL("programs", "-*", 1,
		"id,name,website,icon,status,eligibility,applicableTo,products,vendor,settings,statistics,audit,revision,shortDescription,longDescription");
	SEL("programs", "+*,-audit", 0, "audit");
	SEL("enrollments", "+nosuch", 1, "ERR 2 Unknown field \"nosuch\" for enrollments.");
	SEL("enrollments", "id,+licensee.account.id", 1,
		"ERR 5 Unknown field \"licensee.account.id\" for enrollments: select takes top-level fields only.");
	SEL("enrollments", "id,", 1, "ERR 4 Expected a field name, '+field', '-field' or '-*'.");
	SEL("enrollments", "id name", 1, "ERR 3 Expected ',' or the end of select.");
	SEL("enrollments", "+", 1, "ERR 2 Expected a field name, '+field', '-field' or '-*'.");
	SEL("enrollments", "Audit", 1, "ERR 1 Unknown field \"Audit\" for enrollments.");

	ORD("enrollments", NULL, "v.\"id\" ASC");
	ORD("enrollments", "", "v.\"id\" ASC");
	ORD("enrollments", "-id", "v.\"id\" DESC");
	ORD("enrollments", "+status,-audit.created.at",
		"v.\"status\" ASC, ((v.audit OPERATOR(pg_catalog.#>>) '{created,at}')::pg_catalog.timestamptz) DESC, v.\"id\" ASC");
	ORD("enrollments", "name,-id", "v.\"name\" ASC, v.\"id\" DESC");
	ORD("certificates", "-expirationDate", "v.\"expirationDate\" DESC, v.\"id\" ASC");
	ORD("enrollments", "notes", "ERR 1 notes cannot be ordered by.");
	ORD("enrollments", "nosuch", "ERR 1 Unknown field \"nosuch\" for enrollments.");
	ORD("enrollments", "name,-name", "ERR 7 name is named twice.");
	ORD("enrollments", "name,", "ERR 6 Expected a field name, '+field' or '-field'.");
	ORD("enrollments", "name desc", "ERR 5 Expected ',' or the end of order.");
	ORD("enrollments", "name;DROP", "ERR 5 Expected ',' or the end of order.");
	ORD("enrollments", "id,name,type,status,revision,applicableTo,program.id,program.name,vendor.id",
		"ERR 67 order takes at most 8 fields.");

	LIKE("abc", "abc");
	LIKE("*", "%");
	LIKE("a*b*", "a%b%");
	LIKE("\\*", "*");
	LIKE("\\\\", "\\\\");
	LIKE("100%", "100\\%");
	LIKE("a_b", "a\\_b");
	LIKE("a\\b", "a\\\\b");
	LIKE("end\\", "end\\\\");
}

static void
test_tables(void)
{
	int			r,
				i,
				j;

	for (r = 0; r < rql_nresources; r++)
	{
		const RqlResource *res = rql_resources[r];
		int			has_id = 0;

		result(res->ncolumns <= RQL_MAX_COLUMNS, __LINE__, res->name, "too many columns", "");
		for (i = 0; i < res->nfields; i++)
		{
			if (strcmp(res->fields[i].path, "id") == 0)
				has_id = 1;
			result(strlen(res->fields[i].path) <= RQL_MAX_FIELD, __LINE__, res->fields[i].path, "long", "");
			for (j = i + 1; j < res->nfields; j++)
				result(strcmp(res->fields[i].path, res->fields[j].path) != 0, __LINE__, res->fields[i].path,
					   "duplicate field", "");
		}
		result(has_id, __LINE__, res->name, "no id field", "");
	}
	result(rql_resource("nosuch") == NULL, __LINE__, "nosuch", "found", "NULL");
}

int
main(void)
{
	test_filters();
	test_select_order();
	test_tables();
	arena_free(&arena);
	printf("%d passed, %d failed\n", n_passed, n_failed);
	return n_failed ? 1 : 0;
}
