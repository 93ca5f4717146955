/*
 * update_fields.h
 *		The field machinery shared by the update (PUT) functions: which
 *		fields a request names, which of them really change, who may change
 *		each one and in which statuses.
 *
 * An update function takes its object's editable fields from the rules
 * table (update_rules.c: name, account types, statuses), fills in what the
 * request names (a value, or "clear" for NULL), asks SQL which named fields
 * differ from the locked row, and then lets update_check() apply the rules
 * to the changed fields only.  A field sent with its current value is not a
 * change and needs no right: a client may PUT back the whole object it read.
 * A request that changes nothing writes nothing (no revision, no history).
 */
#ifndef ENROLLMENT_UPDATE_FIELDS_H
#define ENROLLMENT_UPDATE_FIELDS_H

#include "actor.h"
#include "transitions.h"

/* One rule of the table in update_rules.c. */
typedef struct UpdateRule
{
	LifecycleObject object;
	const char *name;			/* API name, also the name accepted by clear */
	int			actors;			/* LC_ACTOR_* bits that may change it */
	const char *const *statuses;	/* NULL-terminated; NULL: any but Deleted */
	bool		clearable;		/* may be set to NULL through clear */
} UpdateRule;

typedef struct UpdateField
{
	const UpdateRule *rule;
	const char *name;			/* rule->name */
	/* the request */
	bool		named;			/* given a value or cleared */
	char	   *value;			/* text form, NULL when cleared */
	bool		changed;		/* named and different from the stored value */
} UpdateField;

/* update_rules.c */
extern UpdateField *update_fields_for(LifecycleObject object, const char *const *names, int n);
extern char *update_rule_statuses(const UpdateRule *rule);

/* update_fields.c */
extern void update_take_clear(FunctionCallInfo fcinfo, int argno,
							  UpdateField *fields, int nfields);
extern void update_mark_changed(UpdateField *fields, int nfields);
extern bool update_any_changed(const UpdateField *fields, int nfields);
extern UpdateField *update_field(UpdateField *fields, int nfields, const char *name);
extern void update_check(const Actor *actor, const UpdateField *fields, int nfields,
						 LifecycleObject object, const char *object_id, const char *status);
extern char *update_changed_names(const UpdateField *fields, int nfields);
extern char *update_array_arg(FunctionCallInfo fcinfo, int argno);

/*
 * An UPDATE's SET item "col = value when field is among the changed names
 * (list, the {"a","b"} literal of update_changed_names), else col as it is".
 * The name is looked up with strpos, quotes included, not with = ANY
 * (list::text[]): Citus refuses non-immutable functions inside CASE in a
 * modifying statement, and the text to text[] cast is STABLE.
 */
#define UPDATE_SET(col, field, list, value) \
	"  " col " = CASE WHEN pg_catalog.strpos(" list ", '\"" field "\"') OPERATOR(pg_catalog.>) 0" \
	" THEN " value " ELSE " col " END,"

#endif							/* ENROLLMENT_UPDATE_FIELDS_H */
