/*
 * update_fields.c
 *		Rules for the update (PUT) functions: clear lists, changed fields,
 *		who may change a field and in which statuses.  See update_fields.h.
 */
#include "postgres.h"

#include "catalog/pg_type_d.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "lifecycle_spi.h"
#include "update_fields.h"

UpdateField *
update_field(UpdateField *fields, int nfields, const char *name)
{
	for (int i = 0; i < nfields; i++)
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

/* "notes, assignee, statusNotes, error": the fields clear accepts. */
static char *
clearable_names(const UpdateField *fields, int nfields)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < nfields; i++)
		if (fields[i].clearable)
			appendStringInfo(&buf, "%s%s", buf.len ? ", " : "", fields[i].name);
	return buf.data;
}

/*
 * The clear text[] argument: each element names a clearable field, which is
 * then named with the value NULL.  22023 for an unknown or non-clearable
 * name, a NULL element, or a field that the request also sets.
 */
void
update_take_clear(FunctionCallInfo fcinfo, int argno, UpdateField *fields, int nfields)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;

	if (PG_ARGISNULL(argno))
		return;
	deconstruct_array(PG_GETARG_ARRAYTYPE_P(argno), TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		char	   *name;
		UpdateField *f;

		if (nulls[i])
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("clear must not contain NULL")));
		name = TextDatumGetCString(elems[i]);
		f = update_field(fields, nfields, name);
		if (f == NULL || !f->clearable)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("cannot clear \"%s\"", name),
					 errdetail("Fields that can be cleared: %s.", clearable_names(fields, nfields))));
		if (f->named && f->value != NULL)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("%s is both set and cleared", name)));
		f->named = true;
		f->value = NULL;
	}
}

/*
 * The last SPI result has one boolean column per field, in table order:
 * stored value IS DISTINCT FROM the requested one.
 */
void
update_mark_changed(UpdateField *fields, int nfields)
{
	for (int i = 0; i < nfields; i++)
		fields[i].changed = fields[i].named && lc_get_bool(i + 1);
}

bool
update_any_changed(const UpdateField *fields, int nfields)
{
	for (int i = 0; i < nfields; i++)
		if (fields[i].changed)
			return true;
	return false;
}

/* Is status one of the list "Processing or Querying"? */
static bool
status_in(const char *list, const char *status)
{
	size_t		len = strlen(status);

	for (const char *p = list; p != NULL; p = strstr(p, " or "), p = p ? p + 4 : NULL)
		if (strncmp(p, status, len) == 0 && (p[len] == ' ' || p[len] == '\0'))
			return true;
	return false;
}

/*
 * For every changed field, in table order: 42501 unless the caller's account
 * type may change it, PT409 unless the object's status allows it (nothing
 * changes once Deleted).
 */
void
update_check(const Actor *actor, const UpdateField *fields, int nfields,
			 LifecycleObject object, const char *object_id, const char *status)
{
	const char *objname = lc_object_name(object);

	for (int i = 0; i < nfields; i++)
	{
		const UpdateField *f = &fields[i];
		char		action[64];

		if (!f->changed)
			continue;
		snprintf(action, sizeof(action), "change %s of", f->name);
		actor_require_kind(actor, f->actors, action, objname, object_id);

		if (strcmp(status, "Deleted") == 0 ||
			(f->statuses != NULL && !status_in(f->statuses, status)))
			ereport(ERROR,
					(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
					 errmsg("cannot change %s of %s %s: status is %s",
							f->name, objname, object_id, status),
					 f->statuses == NULL ?
					 errdetail("A Deleted %s cannot be changed.", objname) :
					 errdetail("The %s of %s %s can be changed in status %s only.",
							   f->name, lc_article(object), objname, f->statuses)));
	}
}

/* The changed fields' names as a text[] literal: {notes,assignee}. */
char *
update_changed_names(const UpdateField *fields, int nfields)
{
	StringInfoData buf;
	int			n = 0;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (int i = 0; i < nfields; i++)
		if (fields[i].changed)
			appendStringInfo(&buf, "%s\"%s\"", n++ ? "," : "", fields[i].name);
	appendStringInfoChar(&buf, '}');
	return buf.data;
}

/* An array argument in its text form ({a,b}), NULL for NULL; cast back in SQL. */
char *
update_array_arg(FunctionCallInfo fcinfo, int argno)
{
	Oid			out;
	bool		isvarlena;

	if (PG_ARGISNULL(argno))
		return NULL;
	getTypeOutputInfo(get_fn_expr_argtype(fcinfo->flinfo, argno), &out, &isvarlena);
	return OidOutputFunctionCall(out, PG_GETARG_DATUM(argno));
}
