/*
 * program_update.c
 *		The update (PUT) side of programs and of their templates and
 *		parameter groups: program_update, template_update, template_delete,
 *		parameter_group_create, parameter_group_update, parameter_group_delete.
 *
 * All of them belong to the program's vendor (README "Updates: who may edit
 * what"): the program is found and checked as the caller sees it (PT404 when
 * invisible, 42501 when visible but not the caller's), then locked FOR
 * UPDATE, which serialises the "one Default per type" switches and the child
 * id counters.  A Deleted program takes no change (PT409).  Each change sets
 * updated_at/_by and appends a history row (programs also bump revision;
 * templates and groups have no revision).
 *
 * Defaults: promoting a template (group) to Default demotes the previous
 * Default of its type (of the program) in the same transaction; a Default
 * cannot be demoted directly nor deleted (PT400, with a hint), so there is
 * always exactly one.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"

#include "distributed.h"
#include "template_render.h"
#include "update_fields.h"

#define V	LC_ACTOR_VENDOR

/*
 * Demote the Default template of a type (except except_id); returns the id
 * demoted, or NULL.  Call with the program locked.
 */
char *
lc_template_demote_default(const char *program_id, const char *type,
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

/* PT409 when the program is Deleted. */
static void
require_program_not_deleted(const char *program_id, const char *status,
							const char *action, const char *kind, const char *object_id)
{
	if (strcmp(status, "Deleted") != 0)
		return;
	if (strcmp(kind, "program") == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
				 errmsg("cannot %s program %s: status is Deleted", action, program_id)));
	ereport(ERROR,
			(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
			 errmsg("cannot %s %s %s: program %s is Deleted", action, kind, object_id, program_id)));
}

/*
 * A child (template or parameter group) the caller may change: found (PT404
 * when unknown or Deleted), its program visible (PT404) and the caller's
 * (42501), the program locked FOR UPDATE and not Deleted (PT409), then the
 * child row locked.  Returns the program id; the child row's columns asked
 * for in lock_sql ($1 program, $2 id) are in the SPI result.
 */
static char *
child_lock(const Actor *actor, const char *find_sql, const char *lock_sql,
		   const char *kind, const char *id, const char *action)
{
	char	   *program_id;
	char	   *status;

	if (lc_exec(find_sql, 1, id) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("%s %s not found", kind, id)));
	program_id = lc_get(1);
	status = lc_program_lock_owned(actor, program_id, action, kind, id);
	require_program_not_deleted(program_id, status, action, kind, id);
	if (lc_lock(lock_sql, 2, program_id, id) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("%s %s not found", kind, id)));
	return program_id;
}

#define TEMPLATE_FIND "SELECT program_id::text FROM enrollment.templates WHERE id" EQ ID(1) " AND status = 'Active'"
#define TEMPLATE_LOCK "SELECT type, is_default FROM enrollment.templates" \
	" WHERE program_id" EQ ID(1) " AND id" EQ ID(2) " AND status = 'Active' FOR UPDATE"
#define GROUP_FIND "SELECT program_id::text FROM enrollment.parameter_groups WHERE id" EQ ID(1)
#define GROUP_LOCK "SELECT is_default FROM enrollment.parameter_groups" \
	" WHERE program_id" EQ ID(1) " AND id" EQ ID(2) " FOR UPDATE"

/*
 * PT400: a Default can be replaced, not removed.  what_kind names the class
 * with one Default: "EnrollmentQuerying template", "parameter group".
 */
static void
refuse_default(const char *what, const char *kind, const char *id, const char *what_kind)
{
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BUSINESS_RULE),
			 errmsg("cannot %s %s %s: it is the Default %s", what, kind, id, what_kind),
			 errdetail("A program always has exactly one Default %s.", what_kind),
			 errhint("Make another %s the Default first; that demotes this one.", what_kind)));
}

PG_FUNCTION_INFO_V1(program_update);

/*
 * enrollment.program_update(id, name, website, short_description,
 * long_description, icon, eligibility_client, eligibility_partner,
 * applicable_to, product_ids): the vendor changes the given fields.
 * applicable_to only while Draft (enrollments and certificates copy it);
 * product_ids replaces the product list ('{}' empties it) with products of
 * the program's vendor.
 */
Datum
program_update(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "program id");
	UpdateField fields[] = {
		{.name = "name", .actors = V},
		{.name = "website", .actors = V},
		{.name = "shortDescription", .actors = V},
		{.name = "longDescription", .actors = V},
		{.name = "icon", .actors = V},
		{.name = "eligibility.client", .actors = V},
		{.name = "eligibility.partner", .actors = V},
		{.name = "applicableTo", .actors = V, .statuses = "Draft"},
		{.name = "products", .actors = V},
	};
	const int	n = lengthof(fields);
	enum
	{
		F_NAME, F_WEBSITE, F_SHORT, F_LONG, F_ICON, F_CLIENT, F_PARTNER, F_APPLICABLE, F_PRODUCTS
	};
	static const int max_len[] = {500, 2000, 1000, 20000, 2000};
	char	   *status;
	char	   *notes;
	char	   *row[8];
	Actor	   *actor;

	for (int i = 0; i < n; i++)
		if (!PG_ARGISNULL(i + 1))
		{
			fields[i].named = true;
			if (i == F_CLIENT || i == F_PARTNER)
				fields[i].value = PG_GETARG_BOOL(i + 1) ? "true" : "false";
			else if (i == F_PRODUCTS)
				fields[i].value = update_array_arg(fcinfo, i + 1);
			else
				fields[i].value = lc_text_arg(fcinfo, i + 1);
		}

	SPI_connect();
	actor = actor_current();
	status = lc_program_lock_owned(actor, id, "update", "program", id);

	lc_exec("SELECT name IS DISTINCT FROM $2, website IS DISTINCT FROM $3,"
			"       short_description IS DISTINCT FROM $4, long_description IS DISTINCT FROM $5,"
			"       icon IS DISTINCT FROM $6, eligibility_client IS DISTINCT FROM $7::boolean,"
			"       eligibility_partner IS DISTINCT FROM $8::boolean, applicable_to IS DISTINCT FROM $9,"
			"       ARRAY(SELECT product_id::text FROM enrollment.program_products"
			"              WHERE program_id" EQ ID(1) " ORDER BY 1)"
			"         IS DISTINCT FROM ARRAY(SELECT DISTINCT x::text FROM pg_catalog.unnest($10::enrollment.mpt_id[]) x ORDER BY 1)"
			"  FROM enrollment.programs WHERE id" EQ ID(1),
			10, id, fields[F_NAME].value, fields[F_WEBSITE].value, fields[F_SHORT].value,
			fields[F_LONG].value, fields[F_ICON].value, fields[F_CLIENT].value,
			fields[F_PARTNER].value, fields[F_APPLICABLE].value, fields[F_PRODUCTS].value);
	update_mark_changed(fields, n);
	update_check(actor, fields, n, LC_PROGRAM, id, status);

	if (fields[F_NAME].changed)
		lc_check_name("name", fields[F_NAME].value, 500);
	for (int i = F_WEBSITE; i <= F_ICON; i++)
		if (fields[i].changed)
			lc_check_length(fields[i].name, fields[i].value, max_len[i]);
	if (fields[F_CLIENT].changed || fields[F_PARTNER].changed)
	{
		lc_exec("SELECT coalesce($2::boolean, eligibility_client), coalesce($3::boolean, eligibility_partner)"
				"  FROM enrollment.programs WHERE id" EQ ID(1),
				3, id, fields[F_CLIENT].value, fields[F_PARTNER].value);
		lc_check_eligibility(lc_get_bool(1), lc_get_bool(2));
	}
	if (fields[F_APPLICABLE].changed)
		lc_check_applicable_to(fields[F_APPLICABLE].value);
	if (fields[F_PRODUCTS].changed)
	{
		char	   *bad;

		lc_exec("SELECT pg_catalog.array_position($1::enrollment.mpt_id[], NULL) IS NOT NULL",
				1, fields[F_PRODUCTS].value);
		if (lc_get_bool(1))
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("product_ids must not contain NULL")));
		if (lc_exec("SELECT x::text FROM pg_catalog.unnest($2::enrollment.mpt_id[]) WITH ORDINALITY AS u(x, i)"
					" WHERE NOT EXISTS (SELECT 1 FROM enrollment.products d JOIN enrollment.programs p"
					"                     ON p.vendor_id" EQ "d.vendor_id"
					"                    WHERE p.id" EQ ID(1) " AND d.id" EQ "u.x)"
					" ORDER BY i LIMIT 1",
					2, id, fields[F_PRODUCTS].value) > 0)
		{
			bad = lc_get(1);
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("product %s is not a product of the program's vendor", bad),
					 errdetail("A program lists products of its own vendor only.")));
		}
	}

	if (update_any_changed(fields, n))
	{
		if (fields[F_PRODUCTS].changed)
		{
			lc_exec("DELETE FROM enrollment.program_products WHERE program_id" EQ ID(1)
					"   AND product_id::text <> ALL ($2::text[])",
					2, id, fields[F_PRODUCTS].value);
			lc_exec("INSERT INTO enrollment.program_products (program_id, product_id)"
					" SELECT DISTINCT " ID(1) ", x FROM pg_catalog.unnest($2::enrollment.mpt_id[]) x"
					" ON CONFLICT DO NOTHING",
					2, id, fields[F_PRODUCTS].value);
		}
		lc_exec("UPDATE enrollment.programs SET"
				UPDATE_SET("name", "name", "$2", "$3")
				UPDATE_SET("website", "website", "$2", "$4")
				UPDATE_SET("short_description", "shortDescription", "$2", "$5")
				UPDATE_SET("long_description", "longDescription", "$2", "$6")
				UPDATE_SET("icon", "icon", "$2", "$7")
				"  eligibility_client = coalesce($8::boolean, eligibility_client),"
				"  eligibility_partner = coalesce($9::boolean, eligibility_partner),"
				"  applicable_to = coalesce($10, applicable_to),"
				"  updated_at = pg_catalog.now(), updated_by = " ID(11) ", revision = revision + 1"
				" WHERE id" EQ ID(1)
				" RETURNING name, website, short_description, long_description, icon,"
				"   eligibility_client, eligibility_partner, applicable_to",
				11, id, update_changed_names(fields, n), fields[F_NAME].value,
				fields[F_WEBSITE].value, fields[F_SHORT].value, fields[F_LONG].value,
				fields[F_ICON].value, fields[F_CLIENT].value, fields[F_PARTNER].value,
				fields[F_APPLICABLE].value, actor->user_id);
		/*
		 * The notes from the returned row and the products, in statements of
		 * their own: Citus refuses a subquery and non-immutable functions
		 * (jsonb_build_object) in RETURNING.
		 */
		for (int i = 0; i < 8; i++)
			row[i] = lc_get(i + 1);
		lc_exec("SELECT coalesce(pg_catalog.array_agg(pp.product_id::text ORDER BY pp.product_id::text),"
				"                '{}')::text"
				"  FROM enrollment.program_products pp WHERE pp.program_id" EQ ID(1),
				1, id);
		lc_exec("SELECT (SELECT pg_catalog.jsonb_object_agg(k, v) FROM pg_catalog.jsonb_each("
				"   pg_catalog.jsonb_build_object('name', $1, 'website', $2,"
				"     'shortDescription', $3, 'longDescription', $4,"
				"     'icon', $5, 'eligibility.client', $6::boolean,"
				"     'eligibility.partner', $7::boolean, 'applicableTo', $8,"
				"     'products', pg_catalog.to_jsonb($9::text[])))"
				"   AS f(k, v) WHERE k = ANY ($10::text[]))::text",
				10, row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
				lc_get(1), update_changed_names(fields, n));
		notes = lc_get(1);
		lc_history_append(id, "Program", id, "platform.program.program.updated",
						  status, status, notes);
	}
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
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
	program_id = child_lock(actor, TEMPLATE_FIND, TEMPLATE_LOCK, "template", id, "update");
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
		refuse_default("demote", "template", id, psprintf("%s template", type));

	if (name_changed || content_changed || default_changed)
	{
		if (default_changed)
			demoted = lc_template_demote_default(program_id, type, id, actor->user_id);
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
	program_id = child_lock(actor, TEMPLATE_FIND, TEMPLATE_LOCK, "template", id, "delete");
	if (lc_get_bool(2))
		refuse_default("delete", "template", id, psprintf("%s template", lc_get(1)));
	lc_exec("UPDATE enrollment.templates SET status = 'Deleted',"
			"       updated_at = pg_catalog.now(), updated_by = " ID(3)
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			3, program_id, id, actor->user_id);
	lc_history_append(program_id, "Template", id, "platform.program.template.deleted",
					  "Active", "Deleted", NULL);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

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
	require_program_not_deleted(program_id, status, "add a parameter group to", "program", program_id);
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
	program_id = child_lock(actor, GROUP_FIND, GROUP_LOCK, "parameter group", id, "update");
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
				refuse_default("demote", "parameter group", id, "parameter group");
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
	program_id = child_lock(actor, GROUP_FIND, GROUP_LOCK, "parameter group", id, "delete");
	if (lc_get_bool(1))
		refuse_default("delete", "parameter group", id, "parameter group");
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
