/*
 * rql_fields.c
 *		The whitelist of the list endpoints: per resource, the RQL field paths
 *		that may be filtered and ordered by, each with the SQL expression over
 *		the resource's view (alias v) and the type its values are bound as,
 *		and the view's top-level columns with the list projection defaults
 *		(README "Lists and RQL").  Pure C, part of the fuzzed core.
 *
 * These strings are the only SQL text the RQL layer ever produces besides
 * fixed keywords and $n placeholders.  Every expression is schema-qualified
 * (the statement runs with search_path = pg_catalog, pg_temp).  Nested
 * references are read from the view's jsonb columns, so what can be filtered
 * is exactly what the caller can see.
 */
#include "rql.h"

#define COL(c)			"v.\"" c "\""
#define J_TEXT(c, k)	"(v.\"" c "\" OPERATOR(pg_catalog.->>) '" k "')"
#define J_ID(c, k)		"((v.\"" c "\" OPERATOR(pg_catalog.->>) '" k "')::enrollment.mpt_id)"
#define J_BOOL(c, k)	"((v.\"" c "\" OPERATOR(pg_catalog.->>) '" k "')::pg_catalog.bool)"
#define AUDIT_AT(e)		"((v.audit OPERATOR(pg_catalog.#>>) '{" e ",at}')::pg_catalog.timestamptz)"
#define AUDIT_BY(e)		"((v.audit OPERATOR(pg_catalog.#>>) '{" e ",by,id}')::enrollment.mpt_id)"

#define REF(name)		{name ".id", J_ID(name, "id"), RQL_T_ID, 1}, \
						{name ".name", J_TEXT(name, "name"), RQL_T_TEXT, 1}
#define EVENT(e)		{"audit." e ".at", AUDIT_AT(e), RQL_T_TIMESTAMP, 1}, \
						{"audit." e ".by.id", AUDIT_BY(e), RQL_T_ID, 1}
#define ELIGIBILITY		{"eligibility.client", J_BOOL("eligibility", "client"), RQL_T_BOOL, 1}, \
						{"eligibility.partner", J_BOOL("eligibility", "partner"), RQL_T_BOOL, 1}
/* columns: shown in lists, omitted from lists unless selected, suppressed for clients */
#define C(n)			{n, 1, 0}
#define LIST_OMITTED(n)	{n, 0, 0}
#define NOT_FOR_CLIENTS(n)	{n, 1, 1}
#define N(a)			((int) (sizeof(a) / sizeof((a)[0])))

/* ---- enrollments ---- */

static const RqlField enrollment_fields[] = {
	{"id", COL("id"), RQL_T_ID, 1},
	{"name", COL("name"), RQL_T_TEXT, 1},
	{"status", COL("status"), RQL_T_TEXT, 1},
	{"type", COL("type"), RQL_T_TEXT, 1},
	{"applicableTo", COL("applicableTo"), RQL_T_TEXT, 1},
	{"notes", COL("notes"), RQL_T_TEXT, 0},
	{"revision", COL("revision"), RQL_T_INT, 1},
	{"statusNotes.message", J_TEXT("statusNotes", "message"), RQL_T_TEXT, 0},
	{"error.id", J_TEXT("error", "id"), RQL_T_TEXT, 1},
	{"template.type", J_TEXT("template", "type"), RQL_T_TEXT, 1},
	REF("program"), REF("certificate"), REF("vendor"), REF("buyer"), REF("licensee"),
	REF("assignee"), REF("template"),
	{"program.status", J_TEXT("program", "status"), RQL_T_TEXT, 1},
	ELIGIBILITY,
	EVENT("created"), EVENT("updated"), EVENT("processing"), EVENT("querying"),
	EVENT("completed"), EVENT("failed"),
};

static const RqlColumn enrollment_columns[] = {
	C("id"), C("certificate"), C("program"), C("vendor"), C("applicableTo"),
	C("type"), C("buyer"), C("licensee"), C("eligibility"), C("status"),
	C("notes"), C("statusNotes"), C("assignee"), LIST_OMITTED("parameters"), C("error"),
	C("template"), LIST_OMITTED("audit"), C("revision"), C("name"),
};

/* ---- certificates ---- */

static const RqlField certificate_fields[] = {
	{"id", COL("id"), RQL_T_ID, 1},
	{"name", COL("name"), RQL_T_TEXT, 1},
	{"status", COL("status"), RQL_T_TEXT, 1},
	{"applicableTo", COL("applicableTo"), RQL_T_TEXT, 1},
	{"statusNotes", COL("statusNotes"), RQL_T_TEXT, 0},
	{"expirationDate", COL("expirationDate"), RQL_T_DATE, 1},
	{"revision", COL("revision"), RQL_T_INT, 1},
	{"externalIds.vendor", J_TEXT("externalIds", "vendor"), RQL_T_TEXT, 1},
	REF("program"), REF("vendor"), REF("client"), REF("buyer"), REF("licensee"), REF("template"),
	{"program.status", J_TEXT("program", "status"), RQL_T_TEXT, 1},
	ELIGIBILITY,
	EVENT("created"), EVENT("updated"), EVENT("pending"), EVENT("activated"),
	EVENT("updating"), EVENT("expired"), EVENT("terminated"),
};

static const RqlColumn certificate_columns[] = {
	C("id"), C("name"), C("program"), C("vendor"), C("client"),
	C("applicableTo"), C("buyer"), C("licensee"), C("eligibility"),
	C("externalIds"), C("status"), C("statusNotes"), C("expirationDate"),
	C("template"), LIST_OMITTED("parameters"), LIST_OMITTED("audit"), C("revision"),
};

/* ---- programs ---- */

static const RqlField program_fields[] = {
	{"id", COL("id"), RQL_T_ID, 1},
	{"name", COL("name"), RQL_T_TEXT, 1},
	{"status", COL("status"), RQL_T_TEXT, 1},
	{"applicableTo", COL("applicableTo"), RQL_T_TEXT, 1},
	{"website", COL("website"), RQL_T_TEXT, 1},
	{"shortDescription", COL("shortDescription"), RQL_T_TEXT, 0},
	{"longDescription", COL("longDescription"), RQL_T_TEXT, 0},
	{"revision", COL("revision"), RQL_T_INT, 1},
	REF("vendor"),
	ELIGIBILITY,
	EVENT("created"), EVENT("updated"), EVENT("published"), EVENT("unpublished"),
};

static const RqlColumn program_columns[] = {
	C("id"), C("name"), C("website"), C("icon"), C("status"), C("eligibility"),
	C("applicableTo"), C("products"), C("vendor"), C("settings"), NOT_FOR_CLIENTS("statistics"),
	LIST_OMITTED("audit"), C("revision"), C("shortDescription"), C("longDescription"),
};

/* ---- program children and attachments ---- */

static const RqlField template_fields[] = {
	{"id", COL("id"), RQL_T_ID, 1},
	{"name", COL("name"), RQL_T_TEXT, 1},
	{"type", COL("type"), RQL_T_TEXT, 1},
	{"status", COL("status"), RQL_T_TEXT, 1},
	{"default", COL("default"), RQL_T_BOOL, 1},
	{"content", COL("content"), RQL_T_TEXT, 0},
	REF("program"),
	EVENT("created"), EVENT("updated"),
};

static const RqlColumn template_columns[] = {
	C("id"), C("name"), C("content"), C("default"), C("type"), C("status"),
	C("program"), LIST_OMITTED("audit"),
};

static const RqlField parameter_fields[] = {
	{"id", COL("id"), RQL_T_ID, 1},
	{"name", COL("name"), RQL_T_TEXT, 1},
	{"description", COL("description"), RQL_T_TEXT, 0},
	{"scope", COL("scope"), RQL_T_TEXT, 1},
	{"phase", COL("phase"), RQL_T_TEXT, 1},
	{"type", COL("type"), RQL_T_TEXT, 1},
	{"externalId", COL("externalId"), RQL_T_TEXT, 1},
	{"displayOrder", COL("displayOrder"), RQL_T_INT, 1},
	{"status", COL("status"), RQL_T_TEXT, 1},
	{"constraints.hidden", J_BOOL("constraints", "hidden"), RQL_T_BOOL, 1},
	{"constraints.readonly", J_BOOL("constraints", "readonly"), RQL_T_BOOL, 1},
	{"constraints.required", J_BOOL("constraints", "required"), RQL_T_BOOL, 1},
	REF("group"), REF("program"),
	EVENT("created"), EVENT("updated"),
};

static const RqlColumn parameter_columns[] = {
	C("id"), C("name"), C("description"), C("scope"), C("phase"), C("type"),
	C("externalId"), C("displayOrder"), C("constraints"), C("group"), C("options"),
	C("status"), C("program"), LIST_OMITTED("audit"),
};

static const RqlField parameter_group_fields[] = {
	{"id", COL("id"), RQL_T_ID, 1},
	{"name", COL("name"), RQL_T_TEXT, 1},
	{"label", COL("label"), RQL_T_TEXT, 1},
	{"description", COL("description"), RQL_T_TEXT, 0},
	{"displayOrder", COL("displayOrder"), RQL_T_INT, 1},
	{"default", COL("default"), RQL_T_BOOL, 1},
	{"parameterCount", COL("parameterCount"), RQL_T_INT, 1},
	REF("program"),
	EVENT("created"), EVENT("updated"),
};

static const RqlColumn parameter_group_columns[] = {
	C("id"), C("name"), C("label"), C("description"), C("displayOrder"),
	C("default"), C("parameterCount"), C("program"), LIST_OMITTED("audit"),
};

static const RqlField attachment_fields[] = {
	{"id", COL("id"), RQL_T_ID, 1},
	{"name", COL("name"), RQL_T_TEXT, 1},
	{"description", COL("description"), RQL_T_TEXT, 0},
	{"type", COL("type"), RQL_T_TEXT, 1},
	{"filename", COL("filename"), RQL_T_TEXT, 1},
	{"contentType", COL("contentType"), RQL_T_TEXT, 1},
	{"size", COL("size"), RQL_T_INT, 1},
	{"enrollment.id", J_ID("enrollment", "id"), RQL_T_ID, 1},
	EVENT("created"), EVENT("updated"),
};

static const RqlColumn attachment_columns[] = {
	C("id"), C("name"), C("description"), C("type"), C("filename"), C("size"),
	C("contentType"), C("enrollment"), LIST_OMITTED("audit"),
};

#define RESOURCE(n, view, f, c) {n, view, f, N(f), c, N(c)}

static const RqlResource resources[] = {
	RESOURCE("enrollments", "program.enrollments", enrollment_fields, enrollment_columns),
	RESOURCE("certificates", "program.certificates", certificate_fields, certificate_columns),
	RESOURCE("programs", "program.programs", program_fields, program_columns),
	RESOURCE("templates", "program.templates", template_fields, template_columns),
	RESOURCE("parameters", "program.parameters", parameter_fields, parameter_columns),
	RESOURCE("parameter_groups", "program.parameter_groups", parameter_group_fields, parameter_group_columns),
	RESOURCE("enrollment_attachments", "program.enrollment_attachments", attachment_fields, attachment_columns),
};

const RqlResource *const rql_resources[] = {
	&resources[0], &resources[1], &resources[2], &resources[3], &resources[4], &resources[5], &resources[6],
};
const int	rql_nresources = N(resources);

const RqlResource *
rql_resource(const char *name)
{
	int			i;
	const char *a,
			   *b;

	for (i = 0; i < rql_nresources; i++)
	{
		
		for (a = resources[i].name, b = name; *a && *a == *b; a++, b++)
			;
		if (*a == *b)
			return &resources[i];
	}
	return NULL;
}
