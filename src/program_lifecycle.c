/*
 * program_lifecycle.c
 *		Program actions: create (with its Default parameter group and the
 *		three Default templates), settings, publish, unpublish, delete, and
 *		template creation.
 *
 * Only the program's vendor writes a program (README "Lifecycle", Program; no
 * review step, the vendor publishes itself).  Visibility decides between PT404 and
 * 42501: Draft and Deleted programs exist only for their vendor and
 * operations; Published and Unpublished ones are visible to every account.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"

#include "actor.h"
#include "history.h"
#include "lifecycle_spi.h"
#include "program.h"
#include "template_render.h"
#include "transitions.h"

/*
 * Find a program the caller may see and lock it FOR UPDATE; PT404 when
 * unknown or invisible, 42501 when visible but not the caller's.  Returns
 * the status read after the lock.  The errors name the object acted on: the
 * program itself, or a child of it (kind "template", object_id PTM-...).
 */
char *
lc_program_lock_owned(const Actor *actor, const char *program_id, const char *action,
					  const char *kind, const char *object_id)
{
	char	   *vendor_id,
			   *status;
	bool		owner;

	if (lc_exec("SELECT vendor_id, status FROM enrollment.programs WHERE id" EQ ID(1),
				1, program_id) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("%s %s not found", kind, object_id)));
	vendor_id = lc_get(1);
	status = lc_get(2);
	owner = strcmp(vendor_id, actor->account_id) == 0;
	if (!owner && actor->kind != LC_ACTOR_OPS &&
		strcmp(status, "Published") != 0 && strcmp(status, "Unpublished") != 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("%s %s not found", kind, object_id)));
	if (!owner)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_FORBIDDEN),
				 errmsg("%s account cannot %s %s %s",
						actor_kind_words(actor->kind), action, kind, object_id),
				 errdetail("Only the program's vendor can %s a %s.", action, kind)));

	lc_lock("SELECT status FROM enrollment.programs WHERE id" EQ ID(1) " FOR UPDATE", 1, program_id);
	return lc_get(1);
}

static char *
program_lock_for_vendor(const Actor *actor, const char *id, const char *action)
{
	return lc_program_lock_owned(actor, id, action, "program", id);
}

/* publish, unpublish and delete: the same shape, one arrow each. */
static Datum
program_transition(FunctionCallInfo fcinfo, const char *action)
{
	char	   *id = lc_id_arg(fcinfo, 0, "program id");
	char	   *status;
	const LifecycleTransition *t;
	Actor	   *actor;

	SPI_connect();
	actor = actor_current();
	status = program_lock_for_vendor(actor, id, action);
	t = lc_require_transition(LC_PROGRAM, action, id, status);
	lc_exec("UPDATE enrollment.programs SET status = $2 WHERE id" EQ ID(1), 2, id, t->to);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(program_publish);
PG_FUNCTION_INFO_V1(program_unpublish);
PG_FUNCTION_INFO_V1(program_delete);

Datum
program_publish(PG_FUNCTION_ARGS)
{
	return program_transition(fcinfo, "publish");
}

Datum
program_unpublish(PG_FUNCTION_ARGS)
{
	return program_transition(fcinfo, "unpublish");
}

Datum
program_delete(PG_FUNCTION_ARGS)
{
	return program_transition(fcinfo, "delete");
}

/* 22001 unless s (when given) has at most max characters. */
void
lc_check_length(const char *what, const char *s, int max)
{
	int			len;

	if (s == NULL)
		return;
	len = pg_mbstrlen(s);
	if (len > max)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TOO_LARGE),
				 errmsg("%s is too long (%d characters)", what, len),
				 errdetail("The limit is %d characters.", max)));
}

/* 22023 unless s is 1..max characters (after trimming nothing: names are kept as given). */
void
lc_check_name(const char *what, const char *s, int max)
{
	if (s == NULL || s[strspn(s, " \t\r\n")] == '\0')
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("%s is required", what)));
	lc_check_length(what, s, max);
}

/* 22023 unless a program applies to Buyer or Licensee. */
void
lc_check_applicable_to(const char *applicable_to)
{
	if (strcmp(applicable_to, "Buyer") != 0 && strcmp(applicable_to, "Licensee") != 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid applicable_to \"%s\"", applicable_to),
				 errdetail("A program applies to Buyer or Licensee.")));
}

/* 22023 unless a program is open to clients, partners or both. */
void
lc_check_eligibility(bool client, bool partner)
{
	if (!client && !partner)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("a program must be eligible for clients, partners or both"),
				 errdetail("eligibility_client and eligibility_partner are both false.")));
}

PG_FUNCTION_INFO_V1(program_create);

/*
 * enrollment.program_create(name, applicable_to, eligibility_client,
 * eligibility_partner, website, short_description, long_description, icon).
 * The caller's vendor account owns the new Draft program.  The Default group
 * and templates are created in a fixed order so that their ids are stable:
 * PPG-<prg>-0001, PTM-<prg>-0001 Processing, -0002 Querying, -0003 Completed.
 */
Datum
program_create(PG_FUNCTION_ARGS)
{
	char	   *name = lc_text_arg(fcinfo, 0);
	char	   *applicable_to = lc_text_arg(fcinfo, 1);
	bool		elig_client = PG_ARGISNULL(2) ? true : PG_GETARG_BOOL(2);
	bool		elig_partner = PG_ARGISNULL(3) ? false : PG_GETARG_BOOL(3);
	MemoryContext caller_cxt = CurrentMemoryContext;
	char	   *id;
	Actor	   *actor;
	static const char *const defaults[3][3] = {
		{"EnrollmentProcessing", "Default processing",
		"Your enrollment is being processed by the vendor. No action is needed from you at the moment."},
		{"EnrollmentQuerying", "Default querying",
		"The vendor needs more information. Please review the highlighted parameters, correct them and send the enrollment back to processing."},
		{"EnrollmentCompleted", "Default completed",
		"Your enrollment is complete and your certificate is active."},
	};

	SPI_connect();
	actor = actor_current();
	if (actor->kind != LC_ACTOR_VENDOR)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_FORBIDDEN),
				 errmsg("%s account cannot create a program",
						actor_kind_words(actor->kind)),
				 errdetail("Only a vendor account can create a program; it becomes the program's vendor.")));

	lc_check_name("name", name, 500);
	if (applicable_to == NULL)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("applicable_to is required"),
				 errhint("Pass Buyer or Licensee.")));
	lc_check_applicable_to(applicable_to);
	lc_check_eligibility(elig_client, elig_partner);

	lc_exec("INSERT INTO enrollment.programs (name, applicable_to, eligibility_client,"
			"  eligibility_partner, website, short_description, long_description, icon,"
			"  vendor_id, created_by)"
			" VALUES ($1, $2, $3::boolean, $4::boolean, $5, $6, $7, $8, " ID(9) ", " ID(10) ")"
			" RETURNING id::text",
			10, name, applicable_to, elig_client ? "true" : "false",
			elig_partner ? "true" : "false", lc_text_arg(fcinfo, 4),
			lc_text_arg(fcinfo, 5), lc_text_arg(fcinfo, 6), lc_text_arg(fcinfo, 7),
			actor->account_id, actor->user_id);
	id = MemoryContextStrdup(caller_cxt, lc_get(1));

	lc_exec("INSERT INTO enrollment.parameter_groups (program_id, name, label, display_order,"
			"  is_default, created_by)"
			" VALUES (" ID(1) ", 'Parameters', 'Parameters', 100, true, " ID(2) ")",
			2, id, actor->user_id);
	for (int i = 0; i < 3; i++)
		lc_exec("INSERT INTO enrollment.templates (program_id, type, name, content,"
				"  is_default, created_by)"
				" VALUES (" ID(1) ", $2, $3, $4, true, " ID(5) ")",
				5, id, defaults[i][0], defaults[i][1], defaults[i][2], actor->user_id);

	lc_history_append(id, "Program", id, "platform.program.program.created",
					  NULL, "Draft", NULL);
	SPI_finish();

	PG_RETURN_DATUM(lc_return_id(id));
}

/*
 * Settings: the seed's object shape, partial.  A key that is absent or JSON
 * null leaves the setting as it is.
 */
typedef struct SettingsPatch
{
	int			flags[7];		/* -1 unchanged, 0 false, 1 true */
	bool		duration_set;
	int			duration;
} SettingsPatch;

/* flag slots, in the order of the UPDATE below */
static const char *const flag_keys[7] = {
	"newCertificateAutoapprove",
	"programEnrollment",
	"programLink",
	"terminateOnExpiration.enabled",
	"preValidation.enrollmentDraft",
	"preValidation.enrollmentQuerying",
	"preValidation.reEnrollment",
};

static void
bad_setting(const char *key, const char *want)
{
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BAD_VALUE),
			 errmsg("settings key \"%s\" must be %s", key, want)));
}

static void
apply_settings_object(JsonbContainer *container, const char *prefix, SettingsPatch *patch)
{
	JsonbIterator *it = JsonbIteratorInit(container);
	JsonbValue	v;
	JsonbIteratorToken tok;

	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char		key[128];
		int			slot = -1;

		if (tok != WJB_KEY)
			continue;
		snprintf(key, sizeof(key), "%s%.*s", prefix, v.val.string.len, v.val.string.val);
		tok = JsonbIteratorNext(&it, &v, true);
		Assert(tok == WJB_VALUE);

		for (int i = 0; i < lengthof(flag_keys); i++)
			if (strcmp(flag_keys[i], key) == 0)
				slot = i;

		if (slot >= 0)
		{
			if (v.type == jbvBool)
				patch->flags[slot] = v.val.boolean ? 1 : 0;
			else if (v.type != jbvNull)
				bad_setting(key, "a boolean");
		}
		else if (strcmp(key, "terminateOnExpiration") == 0 ||
				 strcmp(key, "preValidation") == 0)
		{
			char		sub[128];

			if (v.type == jbvNull)
				continue;
			if (v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data))
				bad_setting(key, "an object");
			snprintf(sub, sizeof(sub), "%s.", key);
			apply_settings_object(v.val.binary.data, sub, patch);
		}
		else if (strcmp(key, "terminateOnExpiration.duration") == 0)
		{
			char	   *s;
			char	   *end;
			long		n;

			if (v.type == jbvNull)
				continue;
			if (v.type != jbvNumeric)
				bad_setting(key, "a whole number of days");
			s = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v.val.numeric)));
			errno = 0;
			n = strtol(s, &end, 10);
			if (*end != '\0' || errno != 0 || n < 1 || n > 36500)
				bad_setting(key, "a whole number of days between 1 and 36500");
			patch->duration_set = true;
			patch->duration = (int) n;
		}
		else
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("unknown settings key \"%s\"", key),
					 errdetail("Settings have the keys newCertificateAutoapprove, programEnrollment, programLink, terminateOnExpiration {enabled, duration} and preValidation {enrollmentDraft, enrollmentQuerying, reEnrollment}.")));
	}
}

PG_FUNCTION_INFO_V1(program_set_settings);

/* enrollment.program_set_settings(id, settings): vendor, any status but Deleted. */
Datum
program_set_settings(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "program id");
	Jsonb	   *settings;
	SettingsPatch patch;
	char	   *status;
	char		flags[7][8];
	char		duration[16];
	Actor	   *actor;

	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("settings are required")));
	settings = PG_GETARG_JSONB_P(1);
	if (!JB_ROOT_IS_OBJECT(settings))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("settings must be a JSON object")));
	memset(&patch, 0, sizeof(patch));
	for (int i = 0; i < lengthof(patch.flags); i++)
		patch.flags[i] = -1;
	apply_settings_object(&settings->root, "", &patch);

	SPI_connect();
	actor = actor_current();
	status = program_lock_for_vendor(actor, id, "update");
	if (strcmp(status, "Deleted") == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
				 errmsg("cannot update settings of program %s: status is Deleted", id)));

	for (int i = 0; i < lengthof(patch.flags); i++)
		snprintf(flags[i], sizeof(flags[i]), "%s",
				 patch.flags[i] < 0 ? "" : patch.flags[i] ? "true" : "false");
	snprintf(duration, sizeof(duration), "%d", patch.duration);

	/* Merge first, so the expiry rule gets a clear error instead of a CHECK violation. */
	lc_exec("SELECT coalesce(nullif($2, '')::boolean, terminate_on_expiration_enabled)"
			"   AND coalesce($3::integer, terminate_on_expiration_duration) IS NULL"
			"  FROM enrollment.programs WHERE id" EQ ID(1),
			3, id, flags[3], patch.duration_set ? duration : NULL);
	if (lc_get_bool(1))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("settings key \"terminateOnExpiration.duration\" is required when expiry is enabled"),
				 errdetail("Certificates expire duration days after activation.")));

	lc_exec("UPDATE enrollment.programs SET"
			"  new_certificate_autoapprove = coalesce(nullif($2, '')::boolean, new_certificate_autoapprove),"
			"  program_enrollment = coalesce(nullif($3, '')::boolean, program_enrollment),"
			"  program_link = coalesce(nullif($4, '')::boolean, program_link),"
			"  terminate_on_expiration_enabled = coalesce(nullif($5, '')::boolean, terminate_on_expiration_enabled),"
			"  pre_validation_enrollment_draft = coalesce(nullif($6, '')::boolean, pre_validation_enrollment_draft),"
			"  pre_validation_enrollment_querying = coalesce(nullif($7, '')::boolean, pre_validation_enrollment_querying),"
			"  pre_validation_re_enrollment = coalesce(nullif($8, '')::boolean, pre_validation_re_enrollment),"
			"  terminate_on_expiration_duration = coalesce($9::integer, terminate_on_expiration_duration),"
			"  updated_at = pg_catalog.now(), updated_by = " ID(10) ", revision = revision + 1"
			" WHERE id" EQ ID(1),
			10, id, flags[0], flags[1], flags[2], flags[3], flags[4], flags[5], flags[6],
			patch.duration_set ? duration : NULL, actor->user_id);
	lc_history_append(id, "Program", id, "platform.program.program.updated",
					  status, status, lc_jsonb_arg(fcinfo, 1));
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

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
	status = program_lock_for_vendor(actor, program_id, "add a template to");
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
		lc_template_demote_default(program_id, type, NULL, actor->user_id);
	lc_exec("INSERT INTO enrollment.templates (program_id, name, content, type, is_default, created_by)"
			" VALUES (" ID(1) ", $2, $3, $4, $5::boolean, " ID(6) ") RETURNING id::text",
			6, program_id, name, content, type, is_default ? "true" : "false", actor->user_id);
	id = MemoryContextStrdup(caller_cxt, lc_get(1));
	lc_history_append(program_id, "Template", id, "platform.program.template.created",
					  NULL, "Active", NULL);
	SPI_finish();

	PG_RETURN_DATUM(lc_return_id(id));
}
