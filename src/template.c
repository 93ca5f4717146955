/*
 * template.c
 *		Templates of a program: template_create, template_update,
 *		template_delete (README "Templates"; rendering is template_render.c).
 *
 * They belong to the program's vendor (README "Updates: who may edit
 * what"); the program's row lock serialises the one-Default-per-type switch:
 * promoting a template to Default demotes the previous Default of its type
 * in the same transaction, and a Default cannot be demoted directly nor
 * deleted (PT400), so each type always has exactly one.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"

#include "history.h"
#include "lifecycle_spi.h"
#include "program.h"
#include "template_render.h"

/*
 * Demote the Default template of a type (except except_id); returns the id
 * demoted, or NULL.  Call with the program locked.
 */
static char *
template_demote_default(const char *program_id, const char *type,
						   const char *except_id, const char *user_id)
{
	if (lc_exec("UPDATE enrollment.templates"
				"   SET is_default = false, updated_at = pg_catalog.now(), updated_by = " ID(4)
				" WHERE program_id" EQ ID(1) " AND type = $2 AND is_default"
				"   AND id::text IS DISTINCT FROM $3 RETURNING id::text",
				4, program_id, type, except_id, user_id) == 0)
		return NULL;
	return lc_get(1);
}

#define TEMPLATE_FIND "SELECT program_id::text FROM enrollment.templates WHERE id" EQ ID(1) " AND status = 'Active'"
#define TEMPLATE_LOCK "SELECT type, is_default FROM enrollment.templates" \
	" WHERE program_id" EQ ID(1) " AND id" EQ ID(2) " AND status = 'Active' FOR UPDATE"

PG_FUNCTION_INFO_V1(template_create);

/*
 * enrollment.template_create(program_id, name, content, type, is_default):
 * the program's vendor adds a template; a new Default demotes the previous
 * Default of its type (one Default per type, under the program's row lock).
 */
Datum
template_create(PG_FUNCTION_ARGS)
{
	char	   *program_id = lc_id_arg(fcinfo, 0, "program_id");
	char	   *name = lc_text_arg(fcinfo, 1);
	char	   *content = lc_text_arg(fcinfo, 2);
	char	   *type = lc_text_arg(fcinfo, 3);
	bool		is_default = PG_ARGISNULL(4) ? false : PG_GETARG_BOOL(4);
	MemoryContext caller_cxt = CurrentMemoryContext;
	char	   *status;
	char	   *id;
	Actor	   *actor;

	SPI_connect();
	actor = actor_current();
	status = lc_program_lock_owned(actor, program_id, "add a template to", "program", program_id);
	if (strcmp(status, "Deleted") == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
				 errmsg("cannot add a template to program %s: status is Deleted", program_id)));
	lc_check_name("name", name, 500);
	lc_check_name("content", content, 4000);
	template_check_tokens(content);
	if (type == NULL ||
		(strcmp(type, "EnrollmentProcessing") != 0 && strcmp(type, "EnrollmentQuerying") != 0 &&
		 strcmp(type, "EnrollmentCompleted") != 0))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid template type \"%s\"", type ? type : "null"),
				 errdetail("A template type is EnrollmentProcessing, EnrollmentQuerying or EnrollmentCompleted.")));

	if (is_default)
		template_demote_default(program_id, type, NULL, actor->user_id);
	lc_exec("INSERT INTO enrollment.templates (program_id, name, content, type, is_default, created_by)"
			" VALUES (" ID(1) ", $2, $3, $4, $5::boolean, " ID(6) ") RETURNING id::text",
			6, program_id, name, content, type, is_default ? "true" : "false", actor->user_id);
	id = MemoryContextStrdup(caller_cxt, lc_get(1));
	lc_history_append(program_id, "Template", id, "platform.program.template.created",
					  NULL, "Active", NULL);
	SPI_finish();

	PG_RETURN_DATUM(lc_return_id(id));
}

PG_FUNCTION_INFO_V1(template_update);

/*
 * enrollment.template_update(id, name, content, is_default): the vendor
 * renames, rewrites or promotes a template (type is immutable).
 */
Datum
template_update(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "template id");
	char	   *name = lc_text_arg(fcinfo, 1);
	char	   *content = lc_text_arg(fcinfo, 2);
	char	   *is_default = PG_ARGISNULL(3) ? NULL : PG_GETARG_BOOL(3) ? "true" : "false";
	char	   *program_id;
	char	   *type;
	char	   *demoted = NULL;
	bool		name_changed,
				content_changed,
				default_changed;
	Actor	   *actor;

	SPI_connect();
	actor = actor_current();
	program_id = lc_child_lock(actor, TEMPLATE_FIND, TEMPLATE_LOCK, "template", id, "update");
	lc_exec("SELECT type, name IS DISTINCT FROM coalesce($3, name),"
			"       content IS DISTINCT FROM coalesce($4, content),"
			"       is_default IS DISTINCT FROM coalesce($5::boolean, is_default)"
			"  FROM enrollment.templates WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			5, program_id, id, name, content, is_default);
	type = lc_get(1);
	name_changed = lc_get_bool(2);
	content_changed = lc_get_bool(3);
	default_changed = lc_get_bool(4);

	if (name_changed)
		lc_check_name("name", name, 500);
	if (content_changed)
	{
		lc_check_name("content", content, 4000);
		template_check_tokens(content);
	}
	if (default_changed && strcmp(is_default, "false") == 0)
		lc_refuse_default("demote", "template", id, psprintf("%s template", type));

	if (name_changed || content_changed || default_changed)
	{
		if (default_changed)
			demoted = template_demote_default(program_id, type, id, actor->user_id);
		lc_exec("UPDATE enrollment.templates SET name = coalesce($3, name), content = coalesce($4, content),"
				"       is_default = coalesce($5::boolean, is_default),"
				"       updated_at = pg_catalog.now(), updated_by = " ID(6)
				" WHERE program_id" EQ ID(1) " AND id" EQ ID(2)
				" RETURNING pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object("
				"   'name', CASE WHEN $7::boolean THEN name END,"
				"   'content', CASE WHEN $8::boolean THEN content END,"
				"   'default', CASE WHEN $9::boolean THEN is_default END,"
				"   'demoted', $10::text))::text",
				10, program_id, id, name, content, is_default, actor->user_id,
				name_changed ? "true" : "false", content_changed ? "true" : "false",
				default_changed ? "true" : "false", demoted);
		lc_history_append(program_id, "Template", id, "platform.program.template.updated",
						  "Active", "Active", lc_get(1));
	}
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(template_delete);

/*
 * enrollment.template_delete(id): the vendor deletes a template that is not
 * a Default (the row stays with status Deleted; enrollments and certificates
 * that show it keep the reference).
 */
Datum
template_delete(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "template id");
	char	   *program_id;
	Actor	   *actor;

	SPI_connect();
	actor = actor_current();
	program_id = lc_child_lock(actor, TEMPLATE_FIND, TEMPLATE_LOCK, "template", id, "delete");
	if (lc_get_bool(2))
		lc_refuse_default("delete", "template", id, psprintf("%s template", lc_get(1)));
	lc_exec("UPDATE enrollment.templates SET status = 'Deleted',"
			"       updated_at = pg_catalog.now(), updated_by = " ID(3)
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			3, program_id, id, actor->user_id);
	lc_history_append(program_id, "Template", id, "platform.program.template.deleted",
					  "Active", "Deleted", NULL);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}
