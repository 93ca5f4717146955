/*
 * enrollment_attachments.c
 *		Files attached to an enrollment: create, update (name, description)
 *		and delete (README "Updates: who may edit what", attachments).
 *
 * Who: the enrollment's client, the program's vendor and operations (the
 * marketplace's own end-to-end tests upload with vendor tokens).
 * Order of checks, as in the lifecycle actions:
 *   1. the caller's identity (42501);
 *   2. the attachment (update, delete) and its enrollment, visible to the
 *      caller (PT404: another client's or another vendor's attachment does
 *      not exist for the caller);
 *   3. locks program (FOR SHARE) -> enrollment (FOR UPDATE) -> attachment
 *      (FOR UPDATE); a Deleted enrollment takes no change (PT409);
 *   4. the values (22023, 22001; content over 10 MiB is 22001 with its size);
 *   5. the write: created_at/_by or updated_at/_by on the attachment, and one
 *      history row.
 * The id ENA-<enrollment digits>-NNNN comes from the enrollment's counter
 * (trigger enrollment_attachments_assign_id, 13_child_ids.sql), bumped under
 * the enrollment's row lock that step 3 already holds.
 *
 * History: object_type 'Enrollment', object_id the enrollment, event
 * platform.program.enrollment.attachment.{created,updated,deleted}, from and
 * to the enrollment's (unchanged) status, notes {"attachment": "ENA-...",
 * ...fields}.  So an enrollment's history is one query by object_id, and
 * the history CHECK list stays as it is.  A delete writes its history row
 * first and then removes the row physically (content included).
 */
#include "postgres.h"

#include "catalog/pg_type_d.h"
#include "executor/spi.h"
#include "utils/builtins.h"

#include "actor.h"
#include "enrollment.h"
#include "history.h"
#include "lifecycle_spi.h"
#include "program.h"

#define C	LC_ACTOR_CLIENT
#define V	LC_ACTOR_VENDOR
#define O	LC_ACTOR_OPS

#define ATTACHMENT_MAX_BYTES	(10 * 1024 * 1024)

/* PT409 when the enrollment is Deleted: its attachments are frozen.
 * what: "update attachment ENA-... of enrollment ENR-...". */
static void
require_not_deleted(const EnrollmentRow *row, const char *what)
{
	if (strcmp(row->status, "Deleted") == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
				 errmsg("cannot %s: status is Deleted", what),
				 errdetail("The attachments of a Deleted enrollment cannot be changed.")));
}

/*
 * Steps 2 and 3 for an existing attachment: find it, check the caller sees
 * its enrollment, lock program, enrollment and attachment, refuse a Deleted
 * enrollment.  Sets *name and *description to the locked row's values.
 */
static EnrollmentRow *
attachment_lock(const Actor *actor, const char *id, const char *action,
				char **name, char **description)
{
	EnrollmentRow *row;
	char	   *enrollment_id;
	char	   *client_id;
	char	   *vendor_id;

	if (lc_exec("SELECT a.enrollment_id::text, e.client_id::text, p.vendor_id::text"
				"  FROM enrollment.enrollment_attachments a"
				"  JOIN enrollment.enrollments e ON e.program_id" EQ "a.program_id AND e.id" EQ "a.enrollment_id"
				"  JOIN enrollment.programs p ON p.id" EQ "a.program_id"
				" WHERE a.id" EQ ID(1),
				1, id) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("attachment %s not found", id)));
	enrollment_id = lc_get(1);
	client_id = lc_get(2);
	vendor_id = lc_get(3);
	actor_require_sees(actor, client_id, vendor_id, "attachment", id);

	row = lc_enrollment_lock(actor, enrollment_id, action, C | V | O);
	require_not_deleted(row, psprintf("%s attachment %s of enrollment %s",
									  strncmp(action, "update", 6) == 0 ? "update" : "delete",
									  id, enrollment_id));

	/* a concurrent delete may have removed it while we waited for the lock */
	if (lc_lock("SELECT name, description FROM enrollment.enrollment_attachments"
				" WHERE program_id" EQ ID(1) " AND id" EQ ID(2) " FOR UPDATE",
				2, row->program_id, id) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("attachment %s not found", id)));
	*name = lc_get(1);
	*description = lc_get(2);
	return row;
}

PG_FUNCTION_INFO_V1(attachment_create);

/*
 * enrollment.attachment_create(enrollment_id, name, description, type,
 * filename, content_type, content): the new attachment's id.
 */
Datum
attachment_create(PG_FUNCTION_ARGS)
{
	char	   *enrollment_id = lc_id_arg(fcinfo, 0, "enrollment id");
	char	   *name = lc_text_arg(fcinfo, 1);
	char	   *description = lc_text_arg(fcinfo, 2);
	char	   *type = PG_ARGISNULL(3) ? "File" : lc_text_arg(fcinfo, 3);
	char	   *filename = lc_text_arg(fcinfo, 4);
	char	   *content_type = lc_text_arg(fcinfo, 5);
	bytea	   *content = PG_ARGISNULL(6) ? NULL : PG_GETARG_BYTEA_PP(6);
	MemoryContext caller_cxt = CurrentMemoryContext;
	Actor	   *actor;
	EnrollmentRow *row;
	char	   *id;
	char	   *notes;
	Oid			argtypes[9] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID,
							   TEXTOID, TEXTOID, BYTEAOID, TEXTOID};
	Datum		values[9];
	char		nulls[9];
	const char *texts[9];
	int			rc;

	SPI_connect();
	actor = actor_current();
	row = lc_enrollment_lock(actor, enrollment_id, "add an attachment to", C | V | O);
	require_not_deleted(row, psprintf("add an attachment to enrollment %s", enrollment_id));

	lc_check_name("name", name, 500);
	lc_check_length("description", description, 4000);
	if (strcmp(type, "File") != 0 && strcmp(type, "LicenseKey") != 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid attachment type \"%s\"", type),
				 errdetail("An attachment is of type File or LicenseKey.")));
	lc_check_length("filename", filename, 500);
	lc_check_length("content_type", content_type, 255);
	if (content != NULL && VARSIZE_ANY_EXHDR(content) > ATTACHMENT_MAX_BYTES)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TOO_LARGE),
				 errmsg("content is too large (%zu bytes)", (size_t) VARSIZE_ANY_EXHDR(content)),
				 errdetail("The limit is %d bytes (10 MiB).", ATTACHMENT_MAX_BYTES)));

	/* content travels as bytea, not text: lc_exec's text parameters would double it */
	texts[0] = row->program_id;
	texts[1] = enrollment_id;
	texts[2] = name;
	texts[3] = description;
	texts[4] = type;
	texts[5] = filename;
	texts[6] = content_type;
	texts[7] = NULL;
	texts[8] = actor->user_id;
	for (int i = 0; i < 9; i++)
	{
		nulls[i] = texts[i] ? ' ' : 'n';
		values[i] = texts[i] ? CStringGetTextDatum(texts[i]) : (Datum) 0;
	}
	nulls[7] = content ? ' ' : 'n';
	values[7] = content ? PointerGetDatum(content) : (Datum) 0;
	rc = SPI_execute_with_args("INSERT INTO enrollment.enrollment_attachments (program_id, enrollment_id,"
							   "  name, description, type, filename, content_type, content, created_by)"
							   " VALUES (" ID(1) ", " ID(2) ", $3, $4, $5, $6, $7, $8, " ID(9) ")"
							   " RETURNING id::text, pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object("
							   "   'attachment', id::text, 'name', name, 'description', description, 'type', type,"
							   "   'filename', filename, 'contentType', content_type,"
							   "   'size', pg_catalog.octet_length(content)))::text",
							   9, argtypes, values, nulls, false, 1);
	if (rc != SPI_OK_INSERT_RETURNING)
		elog(ERROR, "SPI_execute_with_args failed: %s", SPI_result_code_string(rc));
	id = MemoryContextStrdup(caller_cxt, lc_get(1));
	notes = lc_get(2);
	lc_history_append(row->program_id, "Enrollment", enrollment_id,
					  "platform.program.enrollment.attachment.created",
					  row->status, row->status, notes);
	SPI_finish();

	PG_RETURN_DATUM(lc_return_id(id));
}

PG_FUNCTION_INFO_V1(attachment_update);

/*
 * enrollment.attachment_update(id, name, description): NULL leaves a field
 * as it is; a value equal to the current one is no change; a call that
 * changes nothing writes nothing.
 */
Datum
attachment_update(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "attachment id");
	char	   *name = lc_text_arg(fcinfo, 1);
	char	   *description = lc_text_arg(fcinfo, 2);
	char	   *cur_name;
	char	   *cur_description;
	bool		name_changed;
	bool		description_changed;
	Actor	   *actor;
	EnrollmentRow *row;

	SPI_connect();
	actor = actor_current();
	row = attachment_lock(actor, id, "update attachments of", &cur_name, &cur_description);

	name_changed = name != NULL && strcmp(name, cur_name) != 0;
	description_changed = description != NULL &&
		(cur_description == NULL || strcmp(description, cur_description) != 0);
	if (name_changed)
		lc_check_name("name", name, 500);
	if (description_changed)
		lc_check_length("description", description, 4000);

	if (name_changed || description_changed)
	{
		lc_exec("UPDATE enrollment.enrollment_attachments SET"
				"  name = CASE WHEN $3::boolean THEN $4 ELSE name END,"
				"  description = CASE WHEN $5::boolean THEN $6 ELSE description END,"
				"  updated_at = pg_catalog.now(), updated_by = " ID(7)
				" WHERE program_id" EQ ID(1) " AND id" EQ ID(2)
				" RETURNING pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('attachment', id::text,"
				"   'name', CASE WHEN $3::boolean THEN name END,"
				"   'description', CASE WHEN $5::boolean THEN description END))::text",
				7, row->program_id, id, name_changed ? "true" : "false", name,
				description_changed ? "true" : "false", description, actor->user_id);
		lc_history_append(row->program_id, "Enrollment", row->id,
						  "platform.program.enrollment.attachment.updated",
						  row->status, row->status, lc_get(1));
	}
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(attachment_delete);

/*
 * enrollment.attachment_delete(id): the history row first (what was removed:
 * name, type, filename, size), then the row itself.
 */
Datum
attachment_delete(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "attachment id");
	char	   *cur_name;
	char	   *cur_description;
	Actor	   *actor;
	EnrollmentRow *row;

	SPI_connect();
	actor = actor_current();
	row = attachment_lock(actor, id, "delete attachments of", &cur_name, &cur_description);

	lc_exec("SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('attachment', id::text,"
			"   'name', name, 'type', type, 'filename', filename,"
			"   'size', pg_catalog.octet_length(content)))::text"
			"  FROM enrollment.enrollment_attachments"
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			2, row->program_id, id);
	lc_history_append(row->program_id, "Enrollment", row->id,
					  "platform.program.enrollment.attachment.deleted",
					  row->status, row->status, lc_get(1));
	lc_exec("DELETE FROM enrollment.enrollment_attachments"
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			2, row->program_id, id);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}
