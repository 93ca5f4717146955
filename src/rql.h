/*
 * rql.h
 *		Pure C core of the list endpoints' query language (RQL): the filter,
 *		select= and order= parameters, parsed against a fixed per-resource
 *		whitelist and turned into SQL text that holds ONLY whitelisted column
 *		expressions, operators and $n placeholders.  Values never enter the
 *		SQL text: they come back as parameters for the server glue to bind
 *		(src/rql_query.c), typed by the field they are compared with.
 *
 * Like src/param_check.c this unit uses only the C library: no postgres.h,
 * no server calls, no global mutable state, no abort.  Memory comes from a
 * caller-supplied allocator and is never freed piecemeal (palloc in the
 * backend, an arena in the tests), so an error path leaks nothing the caller
 * does not free at once.  It is compiled into the extension by PGXS and into
 * the unit test and libFuzzer harness under test/fuzz/.  Every external
 * symbol starts with rql_ / Rql / RQL_.
 *
 * The grammar (README "Lists and RQL"):
 *
 *		filter   := [ term { '&' term } ]              terms are AND-ed
 *		term     := call | field '=' value              field=value is eq()
 *		call     := ('and'|'or') '(' call { ',' call } ')'
 *		          | 'not' '(' call ')'
 *		          | ('eq'|'ne'|'gt'|'ge'|'lt'|'le'|'like'|'ilike') '(' field ',' value ')'
 *		          | ('in'|'out') '(' field ',' '(' value { ',' value } ')' ')'
 *		value    := 'null()' | 'empty()' | '"' chars '"' | '\'' chars '\'' | bare
 *		bare     := one or more characters other than ( ) , & = quote, space or control
 *		field    := name { '.' name },  name := [A-Za-z_][A-Za-z0-9_]*
 *
 * Quoted values end at the next quote of the same kind (no escapes); in a
 * like/ilike value '*' is the wildcard, '\*' a literal star and '\\' a
 * backslash.  null() and empty() go with eq and ne only.
 */
#ifndef ENROLLMENT_RQL_H
#define ENROLLMENT_RQL_H

#include <stddef.h>

#define RQL_MAX_INPUT		4096	/* bytes of one filter, select or order */
#define RQL_MAX_DEPTH		32		/* nesting of calls */
#define RQL_MAX_TERMS		100		/* calls plus values in one filter */
#define RQL_MAX_ORDER		8		/* order= terms */
#define RQL_MAX_FIELD		64		/* bytes of a field path */
#define RQL_DEFAULT_LIMIT	10
#define RQL_MAX_LIMIT		100		/* a larger limit is capped, as the marketplace does */

/* How a field's values are compared; the glue binds a parameter of this type. */
typedef enum RqlType
{
	RQL_T_TEXT,
	RQL_T_ID,					/* enrollment.mpt_id: a malformed id is 22P02 */
	RQL_T_TIMESTAMP,			/* timestamptz */
	RQL_T_DATE,
	RQL_T_BOOL,
	RQL_T_INT
} RqlType;

/* One filterable/orderable field: RQL path -> SQL expression over view alias v. */
typedef struct RqlField
{
	const char *path;
	const char *sql;			/* typed as the RqlType says */
	RqlType		type;
	int			orderable;
} RqlField;

/* One top-level column of the view, for select= and $meta.omitted. */
typedef struct RqlColumn
{
	const char *name;			/* the JSON key, the view's column name */
	int			list_default;	/* shown in lists unless select= removes it */
	int			clients_never;	/* suppressed for clients by the view: never in $meta.omitted for them */
} RqlColumn;

typedef struct RqlResource
{
	const char *name;			/* "enrollments", ... */
	const char *view;			/* "program.enrollments" */
	const RqlField *fields;
	int			nfields;
	const RqlColumn *columns;
	int			ncolumns;
} RqlResource;

#define RQL_MAX_COLUMNS		32

extern const RqlResource *rql_resource(const char *name);
extern const RqlResource *const rql_resources[];
extern const int rql_nresources;

typedef void *(*RqlAlloc) (void *ctx, size_t size);

typedef struct RqlError
{
	const char *param;			/* "rql", "select" or "order" */
	int			position;		/* 1-based character position in that parameter */
	char		message[200];	/* a full sentence */
} RqlError;

typedef enum RqlOp
{
	RQL_OP_EQ, RQL_OP_NE, RQL_OP_GT, RQL_OP_GE, RQL_OP_LT, RQL_OP_LE,
	RQL_OP_IN, RQL_OP_OUT, RQL_OP_LIKE, RQL_OP_ILIKE,
	RQL_OP_AND, RQL_OP_OR, RQL_OP_NOT
} RqlOp;

typedef enum RqlValueKind
{
	RQL_V_STRING,
	RQL_V_NULL,					/* null() */
	RQL_V_EMPTY					/* empty() */
} RqlValueKind;

typedef struct RqlValue
{
	RqlValueKind kind;
	const char *text;			/* NUL-terminated copy (RQL_V_STRING) */
	size_t		len;
	int			position;
} RqlValue;

typedef struct RqlNode
{
	RqlOp		op;
	int			position;
	const RqlField *field;		/* comparisons */
	int			nvalues;
	RqlValue   *values;
	int			nchildren;		/* and, or, not */
	struct RqlNode **children;
} RqlNode;

/* A bound parameter of the generated SQL, NUL-terminated. */
typedef struct RqlParam
{
	const char *value;
	RqlType		type;
} RqlParam;

typedef struct RqlSql
{
	char	   *where;			/* "true" for an empty filter */
	int			nparams;
	RqlParam	params[RQL_MAX_TERMS];
} RqlSql;

/*
 * Each returns 0 on success and -1 with *err filled.  Input is (s, len); a
 * NUL byte inside is an error.
 */
extern int	rql_parse_filter(const RqlResource *res, const char *s, size_t len,
							 RqlAlloc alloc, void *actx, RqlNode **out, RqlError *err);
/* placeholders are $first_param, $first_param + 1, ... */
extern int	rql_filter_sql(const RqlNode *node, int first_param,
						   RqlAlloc alloc, void *actx, RqlSql *out, RqlError *err);
/* canonical text of a parsed filter (tests) */
extern char *rql_node_format(const RqlNode *node, RqlAlloc alloc, void *actx);

/*
 * select=: shown[i] for each column of res (list: start from the list
 * defaults, else from all columns).  NULL or empty s keeps the defaults.
 */
extern int	rql_parse_select(const RqlResource *res, const char *s, size_t len, int list,
							 unsigned char *shown, RqlError *err);

/* order=: the ORDER BY list (no keyword), always ending with the id. */
extern int	rql_parse_order(const RqlResource *res, const char *s, size_t len,
							RqlAlloc alloc, void *actx, char **order_sql, RqlError *err);

/* LIKE pattern for an RQL like value: '*' -> '%', '\*' -> '*', '%' '_' '\' escaped. */
extern char *rql_like_pattern(const char *s, size_t len, RqlAlloc alloc, void *actx);

#endif							/* ENROLLMENT_RQL_H */
