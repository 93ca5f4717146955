/*
 * status_trigger.c
 *		The BEFORE UPDATE OF status row trigger on programs, enrollments and
 *		certificates, and the history writer.
 *
 * The trigger is the last line of the state machine: whoever changes a
 * status column (an action function, an operator's psql session, a
 * migration) goes through it.  An arrow that is not in the transition table
 * raises PT409.  A legal arrow gets its audit stamped here (<event>_at/_by,
 * updated_at/_by, revision) and one history row, so the action functions do
 * not repeat that bookkeeping and a legal direct UPDATE is audited exactly
 * like the function.
 *
 * Side effects on other rows (the certificate that follows an enrollment,
 * parameter copies, expiry dates) are deliberately NOT done here: they need
 * inputs a bare UPDATE does not carry (template, vendor external id, the
 * actor's rights) and would run twice when the action function already did
 * them.  A direct UPDATE is a repair tool; the CHECK constraints keep the
 * row itself consistent.  INSERTs are not checked at all (pg_dump restore and
 * migrations insert rows in any status).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/formatting.h"
#include "utils/timestamp.h"

#include "actor.h"
#include "errcodes.h"
#include "history.h"
#include "lifecycle_spi.h"
#include "transitions.h"

/*
 * Append one history row.  The actor is whoever the claims name (NULL for a
 * system job).  notes_json is jsonb text or NULL.  Must run inside SPI.
 *
 * An Enrollment or Certificate row also gets its state snapshot (README
 * "History"): row_text, the object's row as a record literal, when the caller
 * holds a row not yet stored (the status trigger's NEW), else the stored row,
 * so every other caller appends after its write.
 */
static void
history_append(const char *program_id, const char *object_type,
			   const char *object_id, const char *event,
			   const char *from, const char *to, const char *notes_json,
			   const char *row_text)
{
	Actor	   *actor = actor_optional();
	bool		enrollment = strcmp(object_type, "Enrollment") == 0;
	char	   *state = NULL;

	/*
	 * The row, the snapshot and the history row in three statements, each
	 * of which Citus can plan: no subquery inside an INSERT's VALUES, and no
	 * snapshot function (which reads a distributed table) pushed down to a
	 * shard with the row read.  The stored row is read as ROW(x.*)::text, the
	 * same record literal the trigger passes, not as the whole-row x: on a
	 * shard that is of the shard's own row type, which no cast turns into
	 * the table's.
	 */
	if (enrollment || strcmp(object_type, "Certificate") == 0)
	{
		if (row_text == NULL &&
			lc_exec(enrollment ?
					"SELECT ROW(e.*)::text FROM enrollment.enrollments e"
					" WHERE e.program_id" EQ ID(1) " AND e.id" EQ ID(2) :
					"SELECT ROW(c.*)::text FROM enrollment.certificates c"
					" WHERE c.program_id" EQ ID(1) " AND c.id" EQ ID(2),
					2, program_id, object_id) == 1)
			row_text = lc_get(1);
		if (row_text != NULL)
		{
			lc_exec(enrollment ?
					"SELECT enrollment.history_enrollment_state($1::enrollment.enrollments)::text" :
					"SELECT enrollment.history_certificate_state($1::enrollment.certificates)::text",
					1, row_text);
			state = lc_get(1);
		}
	}
	lc_exec("INSERT INTO enrollment.history (program_id, object_type, object_id, event,"
			"  from_status, to_status, by_user_id, by_account_id, notes, state)"
			" VALUES (" ID(1) ", $2, " ID(3) ", $4, $5, $6, " ID(7) ", " ID(8) ", $9::jsonb, $10::jsonb)",
			10, program_id, object_type, object_id, event, from, to,
			actor->user_id, actor->account_id, notes_json, state);
}

void
lc_history_append(const char *program_id, const char *object_type,
				  const char *object_id, const char *event,
				  const char *from, const char *to, const char *notes_json)
{
	history_append(program_id, object_type, object_id, event, from, to, notes_json, NULL);
}

/* The audit column pair a status sets: Active sets activated_at/_by. */
static char *
audit_prefix(const char *status)
{
	if (strcmp(status, "Active") == 0)
		return pstrdup("activated");
	return asc_tolower(status, strlen(status));
}

static int
column_number(TupleDesc tupdesc, const char *name)
{
	int			attnum = SPI_fnumber(tupdesc, name);

	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TRIGGER_MISUSE),
				 errmsg("status trigger: table has no column \"%s\"", name)));
	return attnum;
}

static char *
column_text(HeapTuple tuple, TupleDesc tupdesc, const char *name)
{
	return SPI_getvalue(tuple, tupdesc, column_number(tupdesc, name));
}

PG_FUNCTION_INFO_V1(status_change_trigger);

Datum
status_change_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	TupleDesc	tupdesc;
	HeapTuple	oldtuple,
				newtuple;
	LifecycleObject object;
	const char *objname;
	char	   *old_status,
			   *new_status,
			   *object_id,
			   *program_id;
	const LifecycleTransition *t;
	Actor	   *actor;
	char	   *prefix;
	char		colname[NAMEDATALEN];
	int			cols[5];
	Datum		values[5];
	bool		nulls[5];
	Datum		now = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());
	char	   *revision;
	char		event[96];
	char	   *template_id = NULL,
			   *status_notes = NULL,
			   *expiration = NULL;
	char		object_type[16];
	char	   *notes;

	/* Protocol guards, as contrib/tcn does: misuse is 39P01, not a crash. */
	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TRIGGER_MISUSE),
				 errmsg("status_change_trigger: must be called as trigger")));
	if (!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TRIGGER_MISUSE),
				 errmsg("status_change_trigger: must be fired before update, for each row")));
	if (trigdata->tg_trigger->tgnargs != 1)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TRIGGER_MISUSE),
				 errmsg("status_change_trigger: must have one argument (program, enrollment or certificate)")));

	objname = trigdata->tg_trigger->tgargs[0];
	if (strcmp(objname, "program") == 0)
		object = LC_PROGRAM;
	else if (strcmp(objname, "enrollment") == 0)
		object = LC_ENROLLMENT;
	else if (strcmp(objname, "certificate") == 0)
		object = LC_CERTIFICATE;
	else
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TRIGGER_MISUSE),
				 errmsg("status_change_trigger: unknown object \"%s\"", objname)));

	tupdesc = trigdata->tg_relation->rd_att;
	oldtuple = trigdata->tg_trigtuple;
	newtuple = trigdata->tg_newtuple;
	old_status = column_text(oldtuple, tupdesc, "status");
	new_status = column_text(newtuple, tupdesc, "status");

	/* SET status = status is not a change: nothing to check or record. */
	if (old_status == NULL || new_status == NULL || strcmp(old_status, new_status) == 0)
		return PointerGetDatum(newtuple);

	object_id = column_text(oldtuple, tupdesc, "id");
	t = lc_find_arrow(object, old_status, new_status);
	if (t == NULL)
	{
		char	   *to = lc_allowed_to(object, old_status);

		ereport(ERROR,
				(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
				 errmsg("illegal status change of %s %s: %s to %s",
						objname, object_id, old_status, new_status),
				 to[0] == '\0' ?
				 errdetail("Status %s of %s %s is final.", old_status, lc_article(object), objname) :
				 errdetail("From status %s %s %s can move to: %s.", old_status, lc_article(object), objname, to),
				 errhint("Change the status through the lifecycle functions of schema enrollment.")));
	}

	/* Stamp the audit of the arrow on the new row. */
	actor = actor_optional();
	prefix = audit_prefix(new_status);
	revision = column_text(oldtuple, tupdesc, "revision");

	snprintf(colname, sizeof(colname), "%s_at", prefix);
	cols[0] = column_number(tupdesc, colname);
	values[0] = now;
	nulls[0] = false;
	snprintf(colname, sizeof(colname), "%s_by", prefix);
	cols[1] = column_number(tupdesc, colname);
	values[1] = actor->user_id ? lc_return_id(actor->user_id) : (Datum) 0;
	nulls[1] = actor->user_id == NULL;
	cols[2] = column_number(tupdesc, "updated_at");
	values[2] = now;
	nulls[2] = false;
	cols[3] = column_number(tupdesc, "updated_by");
	values[3] = values[1];
	nulls[3] = nulls[1];
	cols[4] = column_number(tupdesc, "revision");
	values[4] = Int32GetDatum(pg_strtoint32(revision) + 1);
	nulls[4] = false;
	newtuple = heap_modify_tuple_by_cols(newtuple, tupdesc, 5, cols, values, nulls);

	/* What the history row says about the change. */
	if (object == LC_PROGRAM)
		program_id = object_id;
	else
	{
		program_id = column_text(newtuple, tupdesc, "program_id");
		template_id = column_text(newtuple, tupdesc, "template_id");
		status_notes = column_text(newtuple, tupdesc, "status_notes");
		if (object == LC_CERTIFICATE)
			expiration = column_text(newtuple, tupdesc, "expiration_date");
	}
	snprintf(event, sizeof(event), "platform.program.%s.%s", objname, t->event);
	snprintf(object_type, sizeof(object_type), "%c%s", pg_toupper((unsigned char) objname[0]), objname + 1);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	lc_exec("SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object("
			"  'action', $1::text, 'template', $2::text,"
			"  'statusNotes', CASE WHEN $5::boolean THEN $3::jsonb ELSE pg_catalog.to_jsonb($3::text) END,"
			"  'expirationDate', pg_catalog.to_jsonb($4::date)))::text",
			5, t->action, template_id, status_notes, expiration,
			object == LC_ENROLLMENT ? "true" : "false");
	notes = lc_get(1);
	/* the snapshot is of the row as it will be stored, audit stamps included */
	history_append(program_id, object_type, object_id, event,
				   old_status, new_status, notes,
				   object == LC_PROGRAM ? NULL :
				   OidOutputFunctionCall(F_RECORD_OUT,
										 heap_copy_tuple_as_datum(newtuple, tupdesc)));
	SPI_finish();

	return PointerGetDatum(newtuple);
}
