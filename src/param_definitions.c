/*
 * param_definitions.c
 *		Parameter definitions of a program: enrollment.parameter_create,
 *		parameter_update, parameter_delete, and the statement trigger that
 *		invalidates every backend's definition cache.
 *
 * Only the program's vendor defines parameters (README "Parameters and
 * validation").  A Deleted program does not exist for anyone and a Draft one
 * not for other vendors and clients (PT404); one the caller sees but does not
 * own is 42501.  The program row is locked FOR NO KEY UPDATE first, so that
 * definitions of one program change one at a time: the externalId check
 * below then cannot race.
 *
 * Options are validated by pc_parse_options with PostgreSQL's regex engine;
 * a refusal is 22023 with the OPTnnnn id and the core's sentence in
 * errdetail.  Type and phase are not arguments of parameter_update; a direct
 * UPDATE of type, phase or scope is refused by the parameters_immutable
 * trigger (src/sql/30_parameters.sql).
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "utils/inval.h"
#include "utils/rel.h"

#include "actor.h"
#include "distributed.h"
#include "errcodes.h"
#include "history.h"
#include "lifecycle_spi.h"
#include "param_glue.h"

/* options and constraints arrive as jsonb; their text is bounded before parsing */
#define PV_MAX_OPTIONS_BYTES	(256 * 1024)

#define PARAMETER_EXTERNAL_ID_TAKEN \
	"Parameter with given external identifier '%s' already exists for given program."

/*
 * Check that the caller is the vendor of the program and lock it.  PT404 for
 * an unknown or deleted program, or a Draft one of another vendor; 42501 for
 * a visible program of someone else.
 */
static void
program_lock_as_vendor(const Actor *actor, const char *program_id, const char *action)
{
	bool		owner;
	const char *status;

	if (lc_exec("SELECT vendor_id" EQ ID(2) ", status FROM enrollment.programs"
				" WHERE id" EQ ID(1),
				2, program_id, actor->account_id) == 0 ||
		strcmp(lc_get(2), "Deleted") == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("program %s not found", program_id)));
	owner = lc_get_bool(1);
	status = lc_get(2);
	if (!owner && actor->kind != LC_ACTOR_OPS &&
		strcmp(status, "Published") != 0 && strcmp(status, "Unpublished") != 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("program %s not found", program_id)));
	if (!owner)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_FORBIDDEN),
				 errmsg("%s account cannot %s parameters of program %s",
						actor_kind_words(actor->kind), action, program_id),
				 errdetail("Only the program's vendor can %s parameters.", action)));
	lc_lock("SELECT 1 FROM enrollment.programs WHERE id" EQ ID(1) " FOR NO KEY UPDATE",
			1, program_id);
}

static json_t *
parse_json_arg(const char *text, const char *what)
{
	json_error_t jerr;
	json_t	   *j;
	size_t		len = strlen(text);

	if (len > PV_MAX_OPTIONS_BYTES)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TOO_LARGE),
				 errmsg("parameter %s are too large", what),
				 errdetail("The limit is %d bytes of JSON.", PV_MAX_OPTIONS_BYTES)));
	/* jsonb text: valid JSON, unique keys; jansson only rejects NUL escapes */
	j = json_loadb(text, len, JSON_DECODE_ANY, &jerr);
	if (j == NULL)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid parameter %s", what),
				 errdetail("%s at line %d, column %d.", jerr.text, jerr.line, jerr.column)));
	return j;
}

static void
refuse_definition(const char *what, const PcError *err)
{
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BAD_VALUE),
			 errmsg("invalid parameter %s", what),
			 errdetail("%s: %s", err->id, err->message)));
}

static void
check_text(const char *value, const char *what, int min, int max)
{
	int			n;

	if (value == NULL)
		return;
	n = pg_mbstrlen(value);
	if (n < min || n > max)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid parameter %s", what),
				 errdetail("A parameter %s has %d to %d characters.", what, min, max)));
}

/* Parse and validate options for the type into def (borrowing from *tree). */
static void
validate_options(const char *options, PcParamType type, PcParamDef *def, json_t **tree)
{
	PcError		err;

	*tree = options ? parse_json_arg(options, "options") : NULL;
	if (pc_parse_options(type, *tree, &pv_regex_validate, def, &err) != 0)
		refuse_definition("options", &err);
}

static void
validate_constraints(const char *constraints, PcParamDef *def)
{
	PcError		err;
	json_t	   *c;

	if (constraints == NULL)
		return;
	c = parse_json_arg(constraints, "constraints");
	if (pc_parse_constraints(c, def, &err) != 0)
		refuse_definition("constraints", &err);
	json_decref(c);
}

static void
check_external_id(const char *program_id, const char *external_id, const char *self)
{
	if (external_id == NULL)
		return;
	if (lc_exec("SELECT id::text FROM enrollment.parameters"
				" WHERE program_id" EQ ID(1) " AND external_id = $2"
				"   AND ($3 IS NULL OR id <> " ID(3) ")",
				3, program_id, external_id, self) > 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_DUPLICATE),
				 errmsg(PARAMETER_EXTERNAL_ID_TAKEN, external_id),
				 errdetail("Parameter %s of program %s has this external identifier.",
						   lc_get(1), program_id)));
}

/* The group: the given one must belong to the program; NULL means the Default. */
static char *
resolve_group(const char *program_id, const char *group_id)
{
	if (group_id != NULL)
	{
		if (lc_exec("SELECT 1 FROM enrollment.parameter_groups"
					" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
					2, program_id, group_id) == 0)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("parameter group %s is not a group of program %s",
							group_id, program_id)));
		return pstrdup(group_id);
	}
	if (lc_exec("SELECT id::text FROM enrollment.parameter_groups"
				" WHERE program_id" EQ ID(1) " AND is_default",
				1, program_id) == 0)
		return NULL;
	return lc_get(1);
}

/* The constraints of def as one JSON argument (lc_exec takes at most 12). */
static char *
constraints_json(const PcParamDef *def)
{
	return psprintf("{\"hidden\": %s, \"readonly\": %s, \"required\": %s, \"unique\": %s}",
					def->hidden ? "true" : "false", def->readonly ? "true" : "false",
					def->required ? "true" : "false", def->unique ? "true" : "false");
}

PG_FUNCTION_INFO_V1(parameter_create);

/*
 * enrollment.parameter_create(program_id, name, type, phase, display_order,
 * description, external_id, constraints, options, group_id) returns the new
 * parameter's id (PPM-<program digits>-NNNN).
 */
Datum
parameter_create(PG_FUNCTION_ARGS)
{
	char	   *program_id = lc_id_arg(fcinfo, 0, "program_id");
	char	   *name = lc_text_arg(fcinfo, 1);
	char	   *type = lc_text_arg(fcinfo, 2);
	char	   *phase = lc_text_arg(fcinfo, 3);
	char	   *description = lc_text_arg(fcinfo, 5);
	char	   *external_id = lc_text_arg(fcinfo, 6);
	char	   *constraints = lc_jsonb_arg(fcinfo, 7);
	char	   *options = lc_jsonb_arg(fcinfo, 8);
	char	   *group_id = PG_ARGISNULL(9) ? NULL : lc_id_arg(fcinfo, 9, "group_id");
	MemoryContext caller_cxt = CurrentMemoryContext;
	char		display_order[16];
	int			t;
	PcParamDef	def;
	json_t	   *tree;
	Actor	   *actor;
	char	   *id;

	if (name == NULL)
		ereport(ERROR, (errcode(ENR_ERRCODE_BAD_VALUE), errmsg("name is required")));
	if (type == NULL)
		ereport(ERROR, (errcode(ENR_ERRCODE_BAD_VALUE), errmsg("type is required")));
	if (phase == NULL)
		ereport(ERROR, (errcode(ENR_ERRCODE_BAD_VALUE), errmsg("phase is required")));
	if (PG_ARGISNULL(4))
		ereport(ERROR, (errcode(ENR_ERRCODE_BAD_VALUE), errmsg("display_order is required")));
	snprintf(display_order, sizeof(display_order), "%d", PG_GETARG_INT32(4));

	SPI_connect();
	actor = actor_current();
	program_lock_as_vendor(actor, program_id, "create");

	t = pc_type_from_name(type, strlen(type));
	if (t < 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid parameter type \"%s\"", type),
				 errdetail("%s: Parameter type is not supported.", PC_ERR_OPT_PARAM_TYPE),
				 errhint("Use SingleLineText, MultiLineText, Address, Contact, Checkbox, Choice, Subdomain, Heading, DropDown, Email, DataObject or Date.")));
	if (pc_phase_from_name(phase, strlen(phase)) < 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid parameter phase \"%s\"", phase),
				 errhint("Use Order or Fulfillment.")));
	check_text(name, "name", 1, 500);
	check_text(description, "description", 0, 4000);
	if (external_id != NULL && external_id[0] == '\0')
		external_id = NULL;
	check_text(external_id, "externalId", 1, 255);

	pc_def_init(&def, (PcParamType) t);
	validate_constraints(constraints, &def);
	validate_options(options, (PcParamType) t, &def, &tree);
	check_external_id(program_id, external_id, NULL);
	group_id = resolve_group(program_id, group_id);

	lc_exec("INSERT INTO enrollment.parameters (program_id, group_id, name, description,"
			"  external_id, phase, type, display_order, hidden, readonly, required, \"unique\","
			"  options, created_by)"
			" SELECT " ID(1) ", " ID(2) ", $3, coalesce($4, ''), $5, $6, $7, $8::integer,"
			"        (c OPERATOR(pg_catalog.->>) 'hidden')::boolean,"
			"        (c OPERATOR(pg_catalog.->>) 'readonly')::boolean,"
			"        (c OPERATOR(pg_catalog.->>) 'required')::boolean,"
			"        (c OPERATOR(pg_catalog.->>) 'unique')::boolean,"
			"        coalesce($10::jsonb, '{}'), " ID(11)
			"   FROM (SELECT $9::jsonb AS c) s"
			" RETURNING id::text",
			11, program_id, group_id, name, description, external_id, phase, type,
			display_order, constraints_json(&def),
			tree != NULL && json_is_object(tree) ? options : NULL, actor->user_id);
	id = MemoryContextStrdup(caller_cxt, lc_get(1));
	lc_history_append(program_id, "Parameter", id, "platform.program.parameter.created",
					  NULL, "Active", NULL);
	enr_parameters_changed();
	if (tree != NULL)
		json_decref(tree);
	SPI_finish();

	PG_RETURN_DATUM(lc_return_id(id));
}

/* The parameter, visible to its program's vendor; locks program and parameter. */
static void
parameter_lock(const Actor *actor, const char *id, const char *action,
			   char **program_id, PcParamDef *def)
{
	const char *type;

	if (lc_exec("SELECT program_id::text FROM enrollment.parameters"
				" WHERE id" EQ ID(1) " AND status = 'Active'",
				1, id) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("parameter %s not found", id)));
	*program_id = lc_get(1);
	program_lock_as_vendor(actor, *program_id, action);
	if (lc_lock("SELECT type, hidden, readonly, required, \"unique\" FROM enrollment.parameters"
				" WHERE program_id" EQ ID(1) " AND id" EQ ID(2) " AND status = 'Active'"
				" FOR UPDATE",
				2, *program_id, id) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("parameter %s not found", id)));
	type = lc_get(1);
	pc_def_init(def, (PcParamType) pc_type_from_name(type, strlen(type)));
	def->hidden = lc_get_bool(2);
	def->readonly = lc_get_bool(3);
	def->required = lc_get_bool(4);
	def->unique = lc_get_bool(5);
}

PG_FUNCTION_INFO_V1(parameter_update);

/*
 * enrollment.parameter_update(id, name, description, external_id,
 * display_order, constraints, options, group_id): NULL leaves a field alone;
 * constraints are merged key by key over the current ones; options replace
 * the current options whole; an empty external_id clears it.
 */
Datum
parameter_update(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "parameter id");
	char	   *name = lc_text_arg(fcinfo, 1);
	char	   *description = lc_text_arg(fcinfo, 2);
	char	   *external_id = lc_text_arg(fcinfo, 3);
	char	   *constraints = lc_jsonb_arg(fcinfo, 5);
	char	   *options = lc_jsonb_arg(fcinfo, 6);
	char	   *group_id = PG_ARGISNULL(7) ? NULL : lc_id_arg(fcinfo, 7, "group_id");
	char		display_order[16];
	char	   *program_id;
	PcParamDef	def;
	json_t	   *tree = NULL;
	Actor	   *actor;

	if (!PG_ARGISNULL(4))
		snprintf(display_order, sizeof(display_order), "%d", PG_GETARG_INT32(4));

	SPI_connect();
	actor = actor_current();
	parameter_lock(actor, id, "update", &program_id, &def);

	check_text(name, "name", 1, 500);
	check_text(description, "description", 0, 4000);
	if (external_id != NULL && external_id[0] != '\0')
	{
		check_text(external_id, "externalId", 1, 255);
		check_external_id(program_id, external_id, id);
	}
	validate_constraints(constraints, &def);
	if (options != NULL)
		validate_options(options, def.type, &def, &tree);
	if (group_id != NULL)
		group_id = resolve_group(program_id, group_id);

	lc_exec("UPDATE enrollment.parameters SET"
			"   name = coalesce($3, name),"
			"   description = coalesce($4, description),"
			"   external_id = CASE WHEN $5 IS NULL THEN external_id ELSE NULLIF($5, '') END,"
			"   display_order = coalesce($6::integer, display_order),"
			"   hidden = ($7::jsonb OPERATOR(pg_catalog.->>) 'hidden')::boolean,"
			"   readonly = ($7::jsonb OPERATOR(pg_catalog.->>) 'readonly')::boolean,"
			"   required = ($7::jsonb OPERATOR(pg_catalog.->>) 'required')::boolean,"
			"   \"unique\" = ($7::jsonb OPERATOR(pg_catalog.->>) 'unique')::boolean,"
			"   options = coalesce($8::jsonb, options),"
			"   group_id = coalesce(" ID(9) ", group_id),"
			"   updated_at = pg_catalog.now(), updated_by = " ID(10)
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			10, program_id, id, name, description, external_id,
			PG_ARGISNULL(4) ? NULL : display_order, constraints_json(&def),
			options == NULL ? NULL : json_is_object(tree) ? options : "{}",
			group_id, actor->user_id);
	lc_history_append(program_id, "Parameter", id, "platform.program.parameter.updated",
					  NULL, NULL, NULL);
	enr_parameters_changed();
	if (tree != NULL)
		json_decref(tree);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(parameter_delete);

/*
 * enrollment.parameter_delete(id): status Deleted.  The row stays: existing
 * enrollments and certificates keep their instances, new enrollments no
 * longer get one, and its externalId stays taken.
 */
Datum
parameter_delete(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "parameter id");
	char	   *program_id;
	PcParamDef	def;
	Actor	   *actor;

	SPI_connect();
	actor = actor_current();
	parameter_lock(actor, id, "delete", &program_id, &def);
	lc_exec("UPDATE enrollment.parameters SET status = 'Deleted',"
			"   updated_at = pg_catalog.now(), updated_by = " ID(3)
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			3, program_id, id, actor->user_id);
	lc_history_append(program_id, "Parameter", id, "platform.program.parameter.deleted",
					  "Active", "Deleted", NULL);
	enr_parameters_changed();
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(parameters_changed);

/*
 * Trigger AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ... FOR EACH STATEMENT
 * on enrollment.parameters: every backend drops its definition cache
 * (param_cache.c) once this transaction commits; this backend at its next
 * command.
 */
Datum
parameters_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo) || !TRIGGER_FIRED_AFTER(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TRIGGER_MISUSE),
				 errmsg("parameters_changed must be fired AFTER ... FOR EACH STATEMENT")));
	CacheInvalidateRelcache(trigdata->tg_relation);
	return PointerGetDatum(NULL);
}
