/*
 * update_rules.c
 *		Who may change which field of a program, an enrollment or a
 *		certificate, and in which statuses: the one table of these rules
 *		(README "Updates: who may edit what").  The update functions take
 *		their fields from it (update_fields_for) and SQL reads it as
 *		enrollment.update_field_rules(), so neither restates a rule.
 *
 * A field without statuses may change in any status but Deleted.
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "lifecycle_spi.h"
#include "update_fields.h"

#define C	LC_ACTOR_CLIENT
#define V	LC_ACTOR_VENDOR
#define O	LC_ACTOR_OPS

static const char *const draft[] = {"Draft", NULL};
static const char *const submitted[] = {"Processing", "Querying", NULL};
static const char *const issued[] = {"Active", "Updating", NULL};

static const UpdateRule rules[] = {
	{LC_PROGRAM, "name", V, NULL, false},
	{LC_PROGRAM, "website", V, NULL, false},
	{LC_PROGRAM, "shortDescription", V, NULL, false},
	{LC_PROGRAM, "longDescription", V, NULL, false},
	{LC_PROGRAM, "icon", V, NULL, false},
	{LC_PROGRAM, "eligibility.client", V, NULL, false},
	{LC_PROGRAM, "eligibility.partner", V, NULL, false},
	{LC_PROGRAM, "applicableTo", V, draft, false},
	{LC_PROGRAM, "products", V, NULL, false},

	{LC_ENROLLMENT, "notes", C | O, NULL, true},
	{LC_ENROLLMENT, "name", C | O, draft, false},
	{LC_ENROLLMENT, "assignee", V, submitted, true},
	{LC_ENROLLMENT, "template", V, submitted, false},
	{LC_ENROLLMENT, "statusNotes", V, submitted, true},
	{LC_ENROLLMENT, "error", V, submitted, true},

	{LC_CERTIFICATE, "name", C | O, NULL, false},
	{LC_CERTIFICATE, "expirationDate", V | O, issued, false},
	{LC_CERTIFICATE, "externalIds.vendor", V | O, NULL, false},
	{LC_CERTIFICATE, "template", V | O, NULL, false},
};

/*
 * The fields of an update function, in the order it names them (its own
 * indexes into the array), each with its rule.  A name missing from the
 * table is a bug in the caller, not a request error.
 */
UpdateField *
update_fields_for(LifecycleObject object, const char *const *names, int n)
{
	UpdateField *fields = palloc0(sizeof(UpdateField) * n);

	for (int i = 0; i < n; i++)
	{
		for (int r = 0; r < lengthof(rules) && fields[i].rule == NULL; r++)
			if (rules[r].object == object && strcmp(rules[r].name, names[i]) == 0)
				fields[i].rule = &rules[r];
		if (fields[i].rule == NULL)
			elog(ERROR, "no update rule for field \"%s\" of %s", names[i], lc_object_name(object));
		fields[i].name = fields[i].rule->name;
	}
	return fields;
}

/* "Processing or Querying": a rule's statuses as the error details name them. */
char *
update_rule_statuses(const UpdateRule *rule)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; rule->statuses[i] != NULL; i++)
		appendStringInfo(&buf, "%s%s", i == 0 ? "" : " or ", rule->statuses[i]);
	return buf.data;
}

PG_FUNCTION_INFO_V1(update_field_rules);

/*
 * enrollment.update_field_rules(): (object_type, field, actors, statuses,
 * clearable), one row per rule in table order; statuses NULL: any but
 * Deleted.
 */
Datum
update_field_rules(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int r = 0; r < lengthof(rules); r++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		values[0] = CStringGetTextDatum(lc_object_name(rules[r].object));
		values[1] = CStringGetTextDatum(rules[r].name);
		values[2] = actor_kinds_array(rules[r].actors);
		if (rules[r].statuses == NULL)
			nulls[3] = true;
		else
		{
			Datum		elems[8];
			int			n = 0;

			while (rules[r].statuses[n] != NULL)
			{
				elems[n] = CStringGetTextDatum(rules[r].statuses[n]);
				n++;
			}
			values[3] = PointerGetDatum(construct_array_builtin(elems, n, TEXTOID));
		}
		values[4] = BoolGetDatum(rules[r].clearable);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
