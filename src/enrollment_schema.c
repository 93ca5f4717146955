/*
 * enrollment_schema.c
 *		The request schema of POST /enrollments/validate: the seed OpenAPI's
 *		#/components/schemas/Enrollment and every schema it references, as
 *		static tables, and a walker that refuses the first violation.
 *
 * The seed declares every one of these schemas with additionalProperties:
 * false, so a key a schema does not list is refused at every level (the
 * platform's own extensions too, e.g. constraints.unique).  The tables are
 * a transcription of the seed; test/schema/check_validate.py checks them
 * against the seed itself (test/fixtures/seed-validate-openapi.json): every
 * document the C code refuses must be refused by the JSON Schema too, and
 * every answer of the endpoint must satisfy it.
 *
 * OpenAPI 3.0 reading, kept identical in the test's converter:
 *	- a property without nullable: true does not accept null;
 *	- a schema without type (ProgramParameter.value,
 *	  ParametrisedMessage.parameters, both nullable) accepts any JSON value;
 *	- a nullable enum (SubscriptionCessationSetting.mode) accepts null;
 *	- integer is a JSON number without fraction or exponent (1.0 is not);
 *	- minLength/maxLength count code points;
 *	- format (date-time, int32) is not checked, as JSON Schema validators
 *	  do not by default.
 *
 * Order: keys are checked in document order, depth first, then the
 * schema's required keys; the first violation wins.  Depth is bounded by
 * the parser (DOC0003, PC_MAX_DOC_DEPTH).
 */
#include "postgres.h"

#include "miscadmin.h"

#include "enrollment_schema.h"
#include "errcodes.h"
#include "param_check.h"

typedef enum EsType
{
	ES_ANY,						/* no type: any JSON value */
	ES_STRING,
	ES_BOOLEAN,
	ES_INTEGER,
	ES_OBJECT,
	ES_ARRAY
} EsType;

typedef enum EsSchemaId
{
	ES_NONE,
	ES_ENROLLMENT,
	ES_ENROLLMENT_AUDIT,
	ES_EVENT,
	ES_IDENTITY,
	ES_AUDIT,
	ES_METADATA,
	ES_CERTIFICATE_REF,
	ES_PROGRAM_REF,
	ES_PRODUCT,
	ES_PRODUCT_AUDIT,
	ES_PRODUCT_EXTERNAL_ID_BAG,
	ES_ACCOUNT_REF,
	ES_PRODUCT_SETTINGS,
	ES_PRODUCT_REQUESTS_SETTING,
	ES_PRE_VALIDATION_SETTINGS,
	ES_PRODUCT_SPLIT_BILLING,
	ES_SUBSCRIPTION_CESSATION,
	ES_PRODUCT_STATISTICS,
	ES_BUYER_REF,
	ES_LICENSEE_REF,
	ES_PROGRAM_ELIGIBILITY,
	ES_PARAMETRISED_MESSAGE,
	ES_USER_REF,
	ES_PROGRAM_PARAMETER_BAG,
	ES_PROGRAM_PARAMETER,
	ES_CONSTRAINTS,
	ES_PROGRAM_TEMPLATE_REF,
	ES_NSCHEMAS
} EsSchemaId;

/* One property; an array's items are described by items/schema/enumv. */
typedef struct EsProp
{
	const char *name;
	EsType		type;
	bool		nullable;
	bool		required;
	EsSchemaId	schema;			/* object: its schema; array: its items' */
	EsType		items;			/* array: the items' type */
	const char *const *enumv;	/* NULL-terminated allowed strings */
	int			min_length;		/* strings, in code points; 0: none */
	int			max_length;		/* 0: none */
} EsProp;

typedef struct EsSchema
{
	const char *name;			/* the seed's component name */
	const EsProp *props;		/* terminated by {NULL} */
} EsSchema;

/* ---------- the seed's enums ---------- */

static const char *const program_status[] = {"None", "Draft", "Published", "Unpublished", "Deleted", NULL};
static const char *const applicable_to[] = {"Buyer", "Licensee", NULL};
static const char *const account_type[] = {"Client", "Vendor", "Operations", NULL};
static const char *const account_status[] = {"Active", "Enabled", "Disabled", NULL};
static const char *const cessation_mode[] = {"Termination", "Auto-renewal", "Termination or auto-renewal", NULL};
static const char *const enrollment_type[] = {"Change", "New", NULL};
static const char *const enrollment_status[] = {"Processing", "Querying", "Completed", "Failed", NULL};
static const char *const parameter_type[] = {"SingleLineText", "MultiLineText", "Address", "Contact",
	"Checkbox", "Choice", "Subdomain", "Heading", "DropDown", "Email", "DataObject", "Date", NULL};
static const char *const parameter_phase[] = {"Order", "Fulfillment", NULL};
static const char *const template_type[] = {"EnrollmentProcessing", "EnrollmentQuerying", "EnrollmentCompleted", NULL};

/* ---------- the seed's schemas ---------- */

#define STR(n)			{.name = n, .type = ES_STRING}
#define STR_NULL(n)		{.name = n, .type = ES_STRING, .nullable = true}
#define BOOL(n)			{.name = n, .type = ES_BOOLEAN}
#define BOOL_NULL(n)	{.name = n, .type = ES_BOOLEAN, .nullable = true}
#define INT(n)			{.name = n, .type = ES_INTEGER}
#define ENUM(n, e)		{.name = n, .type = ES_STRING, .enumv = e}
#define OBJ(n, s)		{.name = n, .type = ES_OBJECT, .schema = s}
#define ANY_NULL(n)		{.name = n, .type = ES_ANY, .nullable = true}
#define END				{.name = NULL}

static const EsProp enrollment_props[] = {
	STR("id"), OBJ("audit", ES_ENROLLMENT_AUDIT), OBJ("$meta", ES_METADATA),
	OBJ("certificate", ES_CERTIFICATE_REF), OBJ("program", ES_PROGRAM_REF),
	ENUM("applicableTo", applicable_to), ENUM("type", enrollment_type),
	OBJ("buyer", ES_BUYER_REF), OBJ("licensee", ES_LICENSEE_REF),
	OBJ("eligibility", ES_PROGRAM_ELIGIBILITY), ENUM("status", enrollment_status),
	STR_NULL("notes"), OBJ("statusNotes", ES_PARAMETRISED_MESSAGE), OBJ("assignee", ES_USER_REF),
	OBJ("parameters", ES_PROGRAM_PARAMETER_BAG), OBJ("error", ES_PARAMETRISED_MESSAGE),
	OBJ("template", ES_PROGRAM_TEMPLATE_REF), END
};
static const EsProp enrollment_audit_props[] = {
	OBJ("created", ES_EVENT), OBJ("updated", ES_EVENT), OBJ("processing", ES_EVENT),
	OBJ("querying", ES_EVENT), OBJ("completed", ES_EVENT), OBJ("failed", ES_EVENT), END
};
static const EsProp event_props[] = {STR_NULL("at"), OBJ("by", ES_IDENTITY), END};
static const EsProp identity_props[] = {
	STR("id"), OBJ("audit", ES_AUDIT), OBJ("$meta", ES_METADATA), STR("name"), STR_NULL("icon"), END
};
static const EsProp audit_props[] = {OBJ("created", ES_EVENT), OBJ("updated", ES_EVENT), END};
static const EsProp metadata_props[] = {{.name = "omitted", .type = ES_ARRAY, .items = ES_STRING}, END};
static const EsProp certificate_ref_props[] = {STR("id"), STR("name"), END};
static const EsProp program_ref_props[] = {
	STR("id"), STR("name"), ENUM("status", program_status), ENUM("applicableTo", applicable_to),
	{.name = "products", .type = ES_ARRAY, .nullable = true, .items = ES_OBJECT, .schema = ES_PRODUCT}, END
};
static const EsProp product_props[] = {
	STR("id"), OBJ("audit", ES_PRODUCT_AUDIT), OBJ("$meta", ES_METADATA), STR("name"),
	STR_NULL("shortDescription"), STR_NULL("longDescription"),
	OBJ("externalIds", ES_PRODUCT_EXTERNAL_ID_BAG), STR("website"), STR("icon"), STR("status"),
	OBJ("vendor", ES_ACCOUNT_REF), OBJ("settings", ES_PRODUCT_SETTINGS),
	OBJ("statistics", ES_PRODUCT_STATISTICS), END
};
static const EsProp product_audit_props[] = {
	OBJ("created", ES_EVENT), OBJ("updated", ES_EVENT), OBJ("published", ES_EVENT),
	OBJ("pending", ES_EVENT), OBJ("unpublished", ES_EVENT), END
};
static const EsProp product_external_id_bag_props[] = {STR_NULL("operations"), STR_NULL("defaultErpItem"), END};
static const EsProp account_ref_props[] = {
	STR("id"), STR_NULL("icon"),
	{.name = "type", .type = ES_STRING, .required = true, .enumv = account_type},
	{.name = "status", .type = ES_STRING, .required = true, .enumv = account_status},
	{.name = "name", .type = ES_STRING, .required = true, .min_length = 1, .max_length = 500}, END
};
static const EsProp product_settings_props[] = {
	BOOL("productOrdering"), OBJ("productRequests", ES_PRODUCT_REQUESTS_SETTING),
	BOOL("itemSelection"), BOOL("orderQueueChanges"),
	OBJ("preValidation", ES_PRE_VALIDATION_SETTINGS), OBJ("splitBilling", ES_PRODUCT_SPLIT_BILLING),
	OBJ("subscriptionCessation", ES_SUBSCRIPTION_CESSATION), END
};
static const EsProp product_requests_setting_props[] = {BOOL("enabled"), STR_NULL("name"), STR_NULL("label"), END};
static const EsProp pre_validation_settings_props[] = {
	BOOL("purchaseOrderDraft"), BOOL("purchaseOrderQuerying"), BOOL("changeOrderDraft"),
	BOOL("configurationOrderDraft"), BOOL("terminationOrder"), BOOL("productRequest"), END
};
static const EsProp product_split_billing_props[] = {BOOL("enabled"), STR_NULL("type"), END};
static const EsProp subscription_cessation_props[] = {
	BOOL("enabled"), {.name = "mode", .type = ES_STRING, .nullable = true, .enumv = cessation_mode}, END
};
static const EsProp product_statistics_props[] = {
	INT("itemCount"), INT("ordersPlacedCount"), INT("agreementCount"), INT("subscriptionCount"),
	INT("requestCount"), END
};
static const EsProp buyer_ref_props[] = {STR("id"), STR_NULL("icon"), STR_NULL("name"), END};
static const EsProp licensee_ref_props[] = {
	STR("id"), STR_NULL("icon"), STR_NULL("name"), STR_NULL("externalId"), END
};
static const EsProp program_eligibility_props[] = {BOOL("client"), BOOL("partner"), END};
static const EsProp parametrised_message_props[] = {
	STR_NULL("id"),
	{.name = "message", .type = ES_STRING, .required = true, .min_length = 1, .max_length = 4000},
	ANY_NULL("parameters"), END
};
static const EsProp user_ref_props[] = {STR("id"), STR_NULL("icon"), STR("name"), END};
static const EsProp program_parameter_bag_props[] = {
	{.name = "ordering", .type = ES_ARRAY, .nullable = true, .items = ES_OBJECT, .schema = ES_PROGRAM_PARAMETER},
	{.name = "fulfillment", .type = ES_ARRAY, .nullable = true, .items = ES_OBJECT, .schema = ES_PROGRAM_PARAMETER}, END
};
static const EsProp program_parameter_props[] = {
	STR("id"), STR_NULL("externalId"), STR("name"), ENUM("type", parameter_type),
	ENUM("phase", parameter_phase), OBJ("error", ES_PARAMETRISED_MESSAGE),
	OBJ("constraints", ES_CONSTRAINTS), STR("displayValue"), ANY_NULL("value"), END
};
static const EsProp constraints_props[] = {BOOL_NULL("hidden"), BOOL_NULL("readonly"), BOOL_NULL("required"), END};
static const EsProp program_template_ref_props[] = {
	STR("id"), STR("name"), ENUM("type", template_type), END
};

static const EsSchema es_schemas[ES_NSCHEMAS] = {
	[ES_ENROLLMENT] = {"Enrollment", enrollment_props},
	[ES_ENROLLMENT_AUDIT] = {"EnrollmentAudit", enrollment_audit_props},
	[ES_EVENT] = {"Event", event_props},
	[ES_IDENTITY] = {"Identity", identity_props},
	[ES_AUDIT] = {"Audit", audit_props},
	[ES_METADATA] = {"Metadata", metadata_props},
	[ES_CERTIFICATE_REF] = {"CertificateRef", certificate_ref_props},
	[ES_PROGRAM_REF] = {"ProgramRef", program_ref_props},
	[ES_PRODUCT] = {"Product", product_props},
	[ES_PRODUCT_AUDIT] = {"ProductAudit", product_audit_props},
	[ES_PRODUCT_EXTERNAL_ID_BAG] = {"ProductExternalIdBag", product_external_id_bag_props},
	[ES_ACCOUNT_REF] = {"AccountRef", account_ref_props},
	[ES_PRODUCT_SETTINGS] = {"ProductSettings", product_settings_props},
	[ES_PRODUCT_REQUESTS_SETTING] = {"ProductRequestsSetting", product_requests_setting_props},
	[ES_PRE_VALIDATION_SETTINGS] = {"PreValidationSettings", pre_validation_settings_props},
	[ES_PRODUCT_SPLIT_BILLING] = {"ProductSplitBillingRequestsSetting", product_split_billing_props},
	[ES_SUBSCRIPTION_CESSATION] = {"SubscriptionCessationSetting", subscription_cessation_props},
	[ES_PRODUCT_STATISTICS] = {"ProductStatistics", product_statistics_props},
	[ES_BUYER_REF] = {"BuyerRef", buyer_ref_props},
	[ES_LICENSEE_REF] = {"LicenseeRef", licensee_ref_props},
	[ES_PROGRAM_ELIGIBILITY] = {"ProgramEligibility", program_eligibility_props},
	[ES_PARAMETRISED_MESSAGE] = {"ParametrisedMessage", parametrised_message_props},
	[ES_USER_REF] = {"UserRef", user_ref_props},
	[ES_PROGRAM_PARAMETER_BAG] = {"ProgramParameterBag", program_parameter_bag_props},
	[ES_PROGRAM_PARAMETER] = {"ProgramParameter", program_parameter_props},
	[ES_CONSTRAINTS] = {"Constraints", constraints_props},
	[ES_PROGRAM_TEMPLATE_REF] = {"ProgramTemplateRef", program_template_ref_props},
};

/* ---------- the walker ---------- */

#define ES_PATH_MAX		4096
#define ES_RULE_MAX		512
#define ES_QUOTE_CHARS	40		/* a key or value shown in a rule is cut here */

typedef struct EsWalk
{
	char		path[ES_PATH_MAX];
	size_t		len;			/* strlen(path) */
	char		rule[ES_RULE_MAX];
} EsWalk;

static const char *const type_names[] = {
	[ES_ANY] = "any value", [ES_STRING] = "string", [ES_BOOLEAN] = "boolean",
	[ES_INTEGER] = "integer", [ES_OBJECT] = "object", [ES_ARRAY] = "array"
};

static const char *
json_type_name(const json_t *v)
{
	switch (json_typeof(v))
	{
		case JSON_OBJECT:
			return "object";
		case JSON_ARRAY:
			return "array";
		case JSON_STRING:
			return "string";
		case JSON_INTEGER:
		case JSON_REAL:
			return "number";
		case JSON_TRUE:
		case JSON_FALSE:
			return "boolean";
		default:
			return "null";
	}
}

/*
 * s as a JSON string literal, cut after ES_QUOTE_CHARS code points ("...");
 * quotes, backslashes and control characters escaped, so a hostile key
 * cannot shape the message.
 */
static void
quote(char *out, size_t outsz, const char *s, size_t len)
{
	size_t		o = 0;
	int			chars = 0;

	out[o++] = '"';
	for (size_t i = 0; i < len && o + 12 < outsz; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if ((c & 0xC0) != 0x80 && chars++ == ES_QUOTE_CHARS)
		{
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		if (c == '"' || c == '\\')
		{
			out[o++] = '\\';
			out[o++] = (char) c;
		}
		else if (c < 0x20 || c == 0x7F)
			o += snprintf(out + o, outsz - o, "\\u%04x", c);
		else
			out[o++] = (char) c;
	}
	out[o++] = '"';
	out[o] = '\0';
}

static int
fail(EsWalk *w, const char *fmt,...) pg_attribute_printf(2, 3);

static int
fail(EsWalk *w, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(w->rule, sizeof(w->rule), fmt, ap);
	va_end(ap);
	return 1;
}

static size_t
push(EsWalk *w, const char *fmt,...) pg_attribute_printf(2, 3);

/* Append ".key" or "[i]" to the path; returns the old length to restore. */
static size_t
push(EsWalk *w, const char *fmt,...)
{
	size_t		old = w->len;
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(w->path + w->len, sizeof(w->path) - w->len, fmt, ap);
	va_end(ap);
	w->len = Min(w->len + (size_t) Max(n, 0), sizeof(w->path) - 1);
	return old;
}

static void
pop(EsWalk *w, size_t old)
{
	w->len = old;
	w->path[old] = '\0';
}

static int	check_object(EsWalk *w, const json_t *obj, EsSchemaId id);

/* One value against a type (and, for strings, enum and lengths). */
static int
check_value(EsWalk *w, const json_t *v, EsType type, bool nullable, EsSchemaId schema,
			EsType items, const char *const *enumv, int min_length, int max_length)
{
	bool		ok;

	if (json_is_null(v))
	{
		if (nullable)
			return 0;
		return fail(w, "expected %s, got null", type_names[type]);
	}
	switch (type)
	{
		case ES_ANY:
			return 0;
		case ES_STRING:
			ok = json_is_string(v);
			break;
		case ES_BOOLEAN:
			ok = json_is_boolean(v);
			break;
		case ES_INTEGER:
			ok = json_is_integer(v);
			break;
		case ES_OBJECT:
			ok = json_is_object(v);
			break;
		case ES_ARRAY:
			ok = json_is_array(v);
			break;
		default:
			ok = false;
	}
	if (!ok)
		return fail(w, "expected %s%s, got %s", type_names[type], nullable ? " or null" : "",
					json_type_name(v));

	if (type == ES_OBJECT)
		return check_object(w, v, schema);
	if (type == ES_ARRAY)
	{
		size_t		i;
		json_t	   *e;

		json_array_foreach(v, i, e)
		{
			size_t		old = push(w, "[%zu]", i);

			if (check_value(w, e, items, false, schema, ES_ANY, NULL, 0, 0))
				return 1;
			pop(w, old);
		}
		return 0;
	}
	if (type == ES_STRING)
	{
		const char *s = json_string_value(v);
		size_t		len = json_string_length(v);

		if (enumv != NULL)
		{
			char		q[ES_QUOTE_CHARS * 6 + 16];
			char		list[ES_RULE_MAX / 2];
			size_t		l = 0;

			for (int k = 0; enumv[k] != NULL; k++)
				if (strlen(enumv[k]) == len && memcmp(enumv[k], s, len) == 0)
					return 0;
			list[0] = '\0';
			for (int k = 0; enumv[k] != NULL && l < sizeof(list); k++)
				l += snprintf(list + l, sizeof(list) - l, "%s%s", k ? ", " : "", enumv[k]);
			quote(q, sizeof(q), s, len);
			return fail(w, "%s is not one of %s", q, list);
		}
		if (min_length > 0 || max_length > 0)
		{
			size_t		chars = pc_utf8_length(s, len);

			if ((min_length > 0 && chars < (size_t) min_length) ||
				(max_length > 0 && chars > (size_t) max_length))
				return fail(w, "must have %d to %d characters, has %zu", min_length, max_length, chars);
		}
	}
	return 0;
}

static int
check_object(EsWalk *w, const json_t *obj, EsSchemaId id)
{
	const EsSchema *s = &es_schemas[id];
	const char *key;
	json_t	   *v;

	check_stack_depth();
	json_object_foreach((json_t *) obj, key, v)
	{
		const EsProp *p = s->props;
		size_t		old;

		while (p->name != NULL && strcmp(p->name, key) != 0)
			p++;
		if (p->name == NULL)
		{
			char		q[ES_QUOTE_CHARS * 6 + 16];

			quote(q, sizeof(q), key, strlen(key));
			return fail(w, "unknown key %s", q);
		}
		old = push(w, ".%s", key);
		if (check_value(w, v, p->type, p->nullable, p->schema, p->items, p->enumv,
						p->min_length, p->max_length))
			return 1;
		pop(w, old);
	}
	for (const EsProp *p = s->props; p->name != NULL; p++)
		if (p->required && json_object_get(obj, p->name) == NULL)
			return fail(w, "missing required key \"%s\"", p->name);
	return 0;
}

void
es_require_enrollment(const json_t *doc)
{
	EsWalk	   *w = palloc(sizeof(EsWalk));

	strcpy(w->path, "$");
	w->len = 1;
	w->rule[0] = '\0';
	if (check_value(w, doc, ES_OBJECT, false, ES_ENROLLMENT, ES_ANY, NULL, 0, 0))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid enrollment document"),
				 errdetail("%s: %s.", w->path, w->rule),
				 errhint("The body is the Enrollment schema of POST /enrollments/validate: "
						 "every object accepts only the keys that schema declares."),
				 err_generic_string(PG_DIAG_COLUMN_NAME, w->path)));
	pfree(w);
}
