/*
 * parameter_group.c
 *		Parameter groups of a program: parameter_group_create, _update,
 *		_delete.  They belong to the program's vendor; the program's row lock
 *		serialises the Default switch: a new Default demotes the previous one,
 *		and the Default cannot be demoted directly nor deleted (PT400), so a
 *		program always has exactly one.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"

#include "distributed.h"
#include "history.h"
#include "lifecycle_spi.h"
#include "program.h"

/* The same for the program's Default parameter group. */
static char *
group_demote_default(const char *program_id, const char *except_id, const char *user_id)
{
	if (lc_exec("UPDATE enrollment.parameter_groups"
				"   SET is_default = false, updated_at = pg_catalog.now(), updated_by = " ID(3)
				" WHERE program_id" EQ ID(1) " AND is_default"
				"   AND id::text IS DISTINCT FROM $2 RETURNING id::text",
				3, program_id, except_id, user_id) == 0)
		return NULL;
	return lc_get(1);
}


#define GROUP_FIND "SELECT program_id::text FROM enrollment.parameter_groups WHERE id" EQ ID(1)
#define GROUP_LOCK "SELECT is_default FROM enrollment.parameter_groups" \
	" WHERE program_id" EQ ID(1) " AND id" EQ ID(2) " FOR UPDATE"

/* 22023/22001 for the text fields of a parameter group. */
static void
check_group_fields(const char *name, bool name_given, const char *label, const char *description)
{
	if (name_given)
		lc_check_name("name", name, 500);
	lc_check_length("label", label, 500);
	lc_check_length("description", description, 4000);
}

PG_FUNCTION_INFO_V1(parameter_group_create);

/*
 * enrollment.parameter_group_create(program_id, name, label, description,
 * display_order, is_default): the vendor adds a group; a new Default demotes
 * the previous one.
 */
Datum
parameter_group_create(PG_FUNCTION_ARGS)
{
	char	   *program_id = lc_id_arg(fcinfo, 0, "program_id");
	char	   *name = lc_text_arg(fcinfo, 1);
	char	   *label = lc_text_arg(fcinfo, 2);
	char	   *description = lc_text_arg(fcinfo, 3);
	char		display_order[16];
	bool		is_default = PG_ARGISNULL(5) ? false : PG_GETARG_BOOL(5);
	MemoryContext caller_cxt = CurrentMemoryContext;
	char	   *status;
	char	   *demoted = NULL;
	char	   *id;
	Actor	   *actor;

	snprintf(display_order, sizeof(display_order), "%d", PG_ARGISNULL(4) ? 100 : PG_GETARG_INT32(4));

	SPI_connect();
	actor = actor_current();
	status = lc_program_lock_owned(actor, program_id, "add a parameter group to", "program", program_id);
	lc_require_program_not_deleted(program_id, status, "add a parameter group to", "program", program_id);
	check_group_fields(name, true, label, description);

	if (is_default)
		demoted = group_demote_default(program_id, NULL, actor->user_id);
	lc_exec("INSERT INTO enrollment.parameter_groups (program_id, name, label, description,"
			"  display_order, is_default, created_by)"
			" VALUES (" ID(1) ", $2, $3, $4, $5::integer, $6::boolean, " ID(7) ") RETURNING id::text",
			7, program_id, name, label, description, display_order,
			is_default ? "true" : "false", actor->user_id);
	id = MemoryContextStrdup(caller_cxt, lc_get(1));
	lc_exec("SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('demoted', $1::text))::text",
			1, demoted);
	lc_history_append(program_id, "ParameterGroup", id, "platform.program.parameterGroup.created",
					  NULL, NULL, demoted ? lc_get(1) : NULL);
	SPI_finish();

	PG_RETURN_DATUM(lc_return_id(id));
}

PG_FUNCTION_INFO_V1(parameter_group_update);

/*
 * enrollment.parameter_group_update(id, name, label, description,
 * display_order, is_default): the vendor changes the given fields; true
 * promotes the group to Default, false on the Default is refused.
 */
Datum
parameter_group_update(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "parameter group id");
	char	   *name = lc_text_arg(fcinfo, 1);
	char	   *label = lc_text_arg(fcinfo, 2);
	char	   *description = lc_text_arg(fcinfo, 3);
	char		display_order[16];
	char	   *is_default = PG_ARGISNULL(5) ? NULL : PG_GETARG_BOOL(5) ? "true" : "false";
	char	   *program_id;
	char	   *demoted = NULL;
	char	   *changes;
	Actor	   *actor;

	snprintf(display_order, sizeof(display_order), "%d", PG_ARGISNULL(4) ? 0 : PG_GETARG_INT32(4));

	SPI_connect();
	actor = actor_current();
	program_id = lc_child_lock(actor, GROUP_FIND, GROUP_LOCK, "parameter group", id, "update");
	check_group_fields(name, name != NULL, label, description);

	/* the changed fields with their new values, nothing when none changes */
	lc_exec("SELECT nullif(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object("
			"   'name', CASE WHEN name IS DISTINCT FROM coalesce($3, name) THEN $3 END,"
			"   'label', CASE WHEN label IS DISTINCT FROM coalesce($4, label) THEN $4 END,"
			"   'description', CASE WHEN description IS DISTINCT FROM coalesce($5, description) THEN $5 END,"
			"   'displayOrder', CASE WHEN display_order IS DISTINCT FROM coalesce($6::integer, display_order) THEN $6::integer END,"
			"   'default', CASE WHEN is_default IS DISTINCT FROM coalesce($7::boolean, is_default) THEN $7::boolean END)),"
			"   '{}')::text, is_default IS DISTINCT FROM coalesce($7::boolean, is_default)"
			"  FROM enrollment.parameter_groups WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			7, program_id, id, name, label, description,
			PG_ARGISNULL(4) ? NULL : display_order, is_default);
	changes = lc_get(1);
	if (changes != NULL)
	{
		if (lc_get_bool(2))
		{
			/* is_default is given and differs: a promotion, or a refused demotion */
			if (strcmp(is_default, "false") == 0)
				lc_refuse_default("demote", "parameter group", id, "parameter group");
			demoted = group_demote_default(program_id, id, actor->user_id);
		}
		lc_exec("UPDATE enrollment.parameter_groups SET name = coalesce($3, name),"
				"       label = coalesce($4, label), description = coalesce($5, description),"
				"       display_order = coalesce($6::integer, display_order),"
				"       is_default = coalesce($7::boolean, is_default),"
				"       updated_at = pg_catalog.now(), updated_by = " ID(8)
				" WHERE program_id" EQ ID(1) " AND id" EQ ID(2)
				" RETURNING ($9::jsonb OPERATOR(pg_catalog.||) pg_catalog.jsonb_strip_nulls("
				"   pg_catalog.jsonb_build_object('demoted', $10::text)))::text",
				10, program_id, id, name, label, description,
				PG_ARGISNULL(4) ? NULL : display_order, is_default, actor->user_id,
				changes, demoted);
		lc_history_append(program_id, "ParameterGroup", id, "platform.program.parameterGroup.updated",
						  NULL, NULL, lc_get(1));
	}
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(parameter_group_delete);

/*
 * enrollment.parameter_group_delete(id): the vendor removes a group that is
 * not the Default and holds no Active parameter.  Deleted parameters that
 * still name it lose their group (they are kept for the enrollments that
 * hold their values); the group row itself is removed.
 */
Datum
parameter_group_delete(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "parameter group id");
	char	   *program_id;
	int			active;
	Actor	   *actor;

	SPI_connect();
	actor = actor_current();
	program_id = lc_child_lock(actor, GROUP_FIND, GROUP_LOCK, "parameter group", id, "delete");
	if (lc_get_bool(1))
		lc_refuse_default("delete", "parameter group", id, "parameter group");
	lc_exec("SELECT pg_catalog.count(*) FROM enrollment.parameters"
			" WHERE program_id" EQ ID(1) " AND group_id" EQ ID(2) " AND status = 'Active'",
			2, program_id, id);
	active = pg_strtoint32(lc_get(1));
	if (active > 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BUSINESS_RULE),
				 errmsg("cannot delete parameter group %s: it has %d active parameter%s",
						id, active, active == 1 ? "" : "s"),
				 errhint("Move its parameters to another group or delete them first.")));
	lc_exec("UPDATE enrollment.parameters SET group_id = NULL"
			" WHERE program_id" EQ ID(1) " AND group_id" EQ ID(2),
			2, program_id, id);
	enr_parameters_changed();
	lc_exec("DELETE FROM enrollment.parameter_groups WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			2, program_id, id);
	lc_history_append(program_id, "ParameterGroup", id, "platform.program.parameterGroup.deleted",
					  NULL, NULL, NULL);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}
