/*
 * enrollment_update.c
 *		The update (PUT) of an enrollment: the fields that change without a
 *		status change (certificates: certificate_update.c).
 *
 * Same order as the lifecycle actions: the caller (42501); the enrollment,
 * visible to the caller (PT404), locked program (FOR SHARE) -> enrollment
 * (FOR UPDATE); then, for every field that really changes, the caller's
 * right to it (42501), the status (PT409) and the value (22023, 22001).  The
 * write sets updated_at/_by, bumps revision and appends one history row
 * "platform.program.enrollment.updated" whose notes hold the new values of
 * the changed fields.  The status trigger does not fire (the status column
 * is not written), so this bookkeeping is done here.  Who may change what
 * is the fields table of enrollment_update (README "Updates: who may edit
 * what"); "any status" excludes Deleted.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"

#include "enrollment.h"
#include "history.h"
#include "lifecycle_spi.h"
#include "message.h"
#include "program.h"
#include "update_fields.h"

#define C	LC_ACTOR_CLIENT
#define V	LC_ACTOR_VENDOR
#define O	LC_ACTOR_OPS

PG_FUNCTION_INFO_V1(enrollment_update);

/*
 * enrollment.enrollment_update(id, notes, assignee_id, template_id,
 * status_notes, error, name, clear): NULL arguments leave a field as it is;
 * clear names the fields to set to NULL (notes, assignee, statusNotes,
 * error).
 */
Datum
enrollment_update(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "enrollment id");
	static const char *const names[] = {
		"notes",
		"name",
		"assignee",
		"template",
		"statusNotes",
		"error",
	};
	const int	n = lengthof(names);
	UpdateField *fields = update_fields_for(LC_ENROLLMENT, names, n);
	enum
	{
		F_NOTES, F_NAME, F_ASSIGNEE, F_TEMPLATE, F_STATUS_NOTES, F_ERROR
	};
	static const int argnos[] = {1, 6, 2, 3, 4, 5};
	EnrollmentRow *row;
	char	   *notes;
	Actor	   *actor;

	for (int i = 0; i < n; i++)
		if (!PG_ARGISNULL(argnos[i]))
		{
			fields[i].named = true;
			if (i == F_ASSIGNEE || i == F_TEMPLATE)
				fields[i].value = mpt_id_to_cstring(PG_GETARG_MPT_ID_P(argnos[i]));
			else if (i == F_STATUS_NOTES || i == F_ERROR)
				fields[i].value = lc_jsonb_arg(fcinfo, argnos[i]);
			else
				fields[i].value = lc_text_arg(fcinfo, argnos[i]);
		}

	SPI_connect();
	actor = actor_current();
	row = lc_enrollment_lock(actor, id, "update", C | V | O);
	update_take_clear(fcinfo, 7, fields, n);

	lc_exec("SELECT notes IS DISTINCT FROM $3, name IS DISTINCT FROM $4,"
			"       assignee_id::text IS DISTINCT FROM $5, template_id::text IS DISTINCT FROM $6,"
			"       status_notes IS DISTINCT FROM $7::jsonb, error IS DISTINCT FROM $8::jsonb"
			"  FROM enrollment.enrollments WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			8, row->program_id, id, fields[F_NOTES].value, fields[F_NAME].value,
			fields[F_ASSIGNEE].value, fields[F_TEMPLATE].value,
			fields[F_STATUS_NOTES].value, fields[F_ERROR].value);
	update_mark_changed(fields, n);
	update_check(actor, fields, n, LC_ENROLLMENT, id, row->status);

	if (fields[F_NOTES].changed)
		lc_check_length("notes", fields[F_NOTES].value, 4000);
	if (fields[F_NAME].changed)
		lc_check_name("name", fields[F_NAME].value, 500);
	if (fields[F_ASSIGNEE].changed && fields[F_ASSIGNEE].value != NULL &&
		lc_exec("SELECT 1 FROM enrollment.users u"
				"  JOIN enrollment.programs p ON p.vendor_id" EQ "u.account_id"
				" WHERE u.id" EQ ID(1) " AND p.id" EQ ID(2),
				2, fields[F_ASSIGNEE].value, row->program_id) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("assignee %s is not a user of the program's vendor", fields[F_ASSIGNEE].value),
				 errdetail("An enrollment is assigned to a user of the vendor account of program %s.",
						   row->program_id)));
	if (fields[F_TEMPLATE].changed)
		lc_resolve_template(row->program_id, fields[F_TEMPLATE].value,
							strcmp(row->status, "Querying") == 0 ?
							"EnrollmentQuerying" : "EnrollmentProcessing",
							false, "update", id);
	if (fields[F_STATUS_NOTES].changed && fields[F_STATUS_NOTES].value != NULL)
		lc_check_message(fcinfo, argnos[F_STATUS_NOTES], "statusNotes");
	if (fields[F_ERROR].changed && fields[F_ERROR].value != NULL)
		lc_check_message(fcinfo, argnos[F_ERROR], "error");

	if (update_any_changed(fields, n))
	{
		lc_exec("UPDATE enrollment.enrollments SET"
				UPDATE_SET("notes", "notes", "$3", "$4")
				UPDATE_SET("name", "name", "$3", "$5")
				UPDATE_SET("assignee_id", "assignee", "$3", ID(6))
				UPDATE_SET("template_id", "template", "$3", ID(7))
				UPDATE_SET("status_notes", "statusNotes", "$3", "$8::jsonb")
				UPDATE_SET("error", "error", "$3", "$9::jsonb")
				"  error_by_vendor = (pg_catalog.strpos($3, '\"error\"') OPERATOR(pg_catalog.>) 0) OR error_by_vendor,"
				"  updated_at = pg_catalog.now(), updated_by = " ID(10) ", revision = revision + 1"
				" WHERE program_id" EQ ID(1) " AND id" EQ ID(2)
				" RETURNING notes, name, assignee_id, template_id, status_notes, error",
				10, row->program_id, id, update_changed_names(fields, n),
				fields[F_NOTES].value, fields[F_NAME].value, fields[F_ASSIGNEE].value,
				fields[F_TEMPLATE].value, fields[F_STATUS_NOTES].value, fields[F_ERROR].value,
				actor->user_id);
		/*
		 * The notes in a statement of their own: Citus refuses a subquery
		 * and non-immutable functions (jsonb_build_object) in RETURNING.
		 */
		lc_exec("SELECT (SELECT pg_catalog.jsonb_object_agg(k, v) FROM pg_catalog.jsonb_each("
				"   pg_catalog.jsonb_build_object('notes', $1, 'name', $2, 'assignee', $3,"
				"     'template', $4, 'statusNotes', $5::jsonb, 'error', $6::jsonb)) AS f(k, v)"
				"   WHERE k = ANY ($7::text[]))::text",
				7, lc_get(1), lc_get(2), lc_get(3), lc_get(4), lc_get(5), lc_get(6),
				update_changed_names(fields, n));
		notes = lc_get(1);
		lc_history_append(row->program_id, "Enrollment", id, "platform.program.enrollment.updated",
						  row->status, row->status, notes);
	}
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}
