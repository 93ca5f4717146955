/*
 * enrollment_lifecycle.c
 *		Enrollment actions: submit, query, process, complete, fail, delete,
 *		and the certificate coupling they imply (create is in
 *		enrollment_create.c).
 *
 * Every action follows the same order, so that nothing is written before
 * every check has passed and concurrent actions serialise cleanly:
 *   1. the caller's identity (42501);
 *   2. the enrollment, unlocked, and whether the caller may see it (PT404)
 *      and run this action at all (42501);
 *   3. row locks in the fixed order program (FOR SHARE) -> enrollment
 *      (FOR UPDATE) -> certificate (FOR UPDATE), then the status is read
 *      again after the lock and checked against the transition table (PT409);
 *   4. the request's own arguments (22023), parameter validation (PT400);
 *   5. the writes; the status trigger stamps audit and history.
 * A repeated action (complete twice) waits for the first, then sees the new
 * status and fails with PT409: never a second certificate.  The locks are
 * taken with lc_lock, so under REPEATABLE READ and SERIALIZABLE too the
 * status read after the lock is the committed one and the loser gets the
 * same PT409, not 40001 (lifecycle_lock.c).
 */
#include "postgres.h"

#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "actor.h"
#include "api_problem.h"
#include "certificate.h"
#include "enrollment.h"
#include "lifecycle_spi.h"
#include "object_route.h"
#include "message.h"
#include "transitions.h"

/*
 * Steps 2 and 3 above: find, check visibility and that the caller's account
 * type is one of allowed, lock program and enrollment, re-read the status.
 * enrollment_update passes every account type and checks each field itself.
 */
EnrollmentRow *
lc_enrollment_lock(const Actor *actor, const char *id, const char *action, int allowed)
{
	EnrollmentRow *row = palloc0(sizeof(EnrollmentRow));
	char	   *client_id,
			   *vendor_id;

	if (!lc_locate_object(false, id))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("enrollment %s not found", id)));
	row->id = pstrdup(id);
	row->program_id = lc_get(1);
	client_id = lc_get(2);
	vendor_id = lc_get(3);
	actor_require_sees(actor, client_id, vendor_id, "enrollment", id);
	actor_require_kind(actor, allowed, action, "enrollment", id);

	lc_lock("SELECT status, new_certificate_autoapprove FROM enrollment.programs"
			" WHERE id" EQ ID(1) " FOR SHARE",
			1, row->program_id);
	row->program_status = lc_get(1);
	row->autoapprove = lc_get_bool(2);

	lc_lock("SELECT status, type, certificate_id FROM enrollment.enrollments"
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2) " FOR UPDATE",
			2, row->program_id, id);
	row->status = lc_get(1);
	row->type = lc_get(2);
	row->certificate_id = lc_get(3);
	return row;
}

/*
 * Steps 1 to 3 of a lifecycle action, the same for each: the caller, the
 * enrollment found, visible and locked (the actors of the action's arrows
 * may run it), and the arrow the action takes from its status (PT409 when
 * none).  The arrow's target is the status the action writes: no action
 * restates it.
 */
typedef struct EnrollmentAction
{
	char	   *id;
	Actor	   *actor;
	EnrollmentRow *row;
	const LifecycleTransition *arrow;
} EnrollmentAction;

static EnrollmentAction
begin_action(FunctionCallInfo fcinfo, const char *action)
{
	EnrollmentAction a;

	a.id = lc_id_arg(fcinfo, 0, "enrollment id");
	SPI_connect();
	a.actor = actor_current();
	a.row = lc_enrollment_lock(a.actor, a.id, action, lc_action_actors(LC_ENROLLMENT, action));
	a.arrow = lc_require_transition(LC_ENROLLMENT, action, a.id, a.row->status);
	return a;
}

/* The template argument of query, process and complete (argument 1). */
static char *
template_arg(FunctionCallInfo fcinfo)
{
	return PG_ARGISNULL(1) ? NULL : lc_id_arg(fcinfo, 1, "template_id");
}

/* PT400 unless the program takes enrollments now. */
static void
require_published(const char *program_id, const char *status)
{
	if (strcmp(status, "Published") != 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BUSINESS_RULE),
				 errmsg("program %s is not published", program_id),
				 errdetail("Enrollments and re-enrollments are accepted for Published programs only; the program is %s.",
						   status)));
}

/*
 * The template of an action: the given one, checked to be an Active
 * template of this program and of the right type (22023 naming it), or the
 * program's Default of that type.  NULL when none is given and there is no
 * Default (possible only after a vendor removed it by hand).
 */
char *
lc_resolve_template(const char *program_id, const char *template_id, const char *type,
				 bool required, const char *action, const char *enrollment_id)
{
	if (template_id == NULL)
	{
		if (required)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("a template is required to %s enrollment %s", action, enrollment_id),
					 errhint("Pass template_id of an %s template of the program: it tells the client what to do.",
							 type)));
		if (lc_exec("SELECT id::text FROM enrollment.templates"
					" WHERE program_id" EQ ID(1) " AND type = $2 AND is_default AND status = 'Active'",
					2, program_id, type) == 0)
			return NULL;
		return lc_get(1);
	}

	if (lc_exec("SELECT type, status FROM enrollment.templates"
				" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
				2, program_id, template_id) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("template %s is not a template of program %s", template_id, program_id)));
	if (strcmp(lc_get(2), "Active") != 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("template %s is deleted", template_id)));
	if (strcmp(lc_get(1), type) != 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("template %s is of type %s, not %s", template_id, lc_get(1), type),
				 errdetail("The %s action needs a template of type %s.", action, type)));
	return pstrdup(template_id);
}

/* 22023 unless the vendor's external id (externalIds.vendor) has 1 to 255 characters. */
void
lc_check_external_vendor_id(const char *external)
{
	if (external != NULL && (external[0] == '\0' || pg_mbstrlen(external) > 255))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid external_vendor_id"),
				 errdetail("The vendor's external id has 1 to 255 characters.")));
}

/*
 * Parameter validation before submit, process and complete: the one
 * validator (enrollment_check_parameters), through_phase "Order" for the
 * client's steps, "Fulfillment" before a certificate is issued (complete,
 * and submit under newCertificateAutoapprove).  It marks offending
 * parameters (enrollment_parameters.error) and returns the enrollment-level
 * error or NULL.  The action is then refused with an ERROR, so nothing it
 * wrote (the recorded errors included) survives; the detail lists the
 * offenders, and for a PostgREST caller each offender also becomes one entry
 * of the marketplace's errors array (api_problem.h side channel, README
 * "Error codes").
 */
#define INVALID_PARAMETERS_MSG "enrollment %s has invalid parameters"

static void
check_parameters(const char *program_id, const char *enrollment_id, const char *action,
				 const Actor *actor, const char *through_phase)
{
	StringInfoData offenders;
	uint64		n;
	/* hidden parameters are the vendor's: a client is not told they exist */
	const char *show_hidden = actor_sees_hidden(actor) ? "true" : "false";

	lc_exec("SELECT enrollment.enrollment_check_parameters(" ID(1) ", " ID(2) ", $3)::text",
			3, program_id, enrollment_id, through_phase);
	if (lc_get(1) == NULL)
		return;

	n = lc_exec("SELECT parameter_id::text"
				"         || coalesce(' (' || external_id || ')', '')"
				"         || coalesce(': ' || pg_catalog.rtrim(error OPERATOR(pg_catalog.->>) 'message', '.'), ''),"
				"       error OPERATOR(pg_catalog.->>) 'id', error OPERATOR(pg_catalog.->>) 'message',"
				"       'parameters.' || CASE phase WHEN 'Order' THEN 'ordering' ELSE 'fulfillment' END"
				"         || '.' || parameter_id::text"
				"  FROM enrollment.enrollment_parameters"
				" WHERE program_id" EQ ID(1) " AND enrollment_id" EQ ID(2) " AND error IS NOT NULL"
				"   AND (NOT hidden OR $3::boolean)"
				" ORDER BY display_order, parameter_id",
				3, program_id, enrollment_id, show_hidden);
	initStringInfo(&offenders);
	api_problem_errors_begin(ENR_ERRCODE_BUSINESS_RULE,
							 psprintf(INVALID_PARAMETERS_MSG, enrollment_id));
	for (uint64 i = 0; i < n; i++)
	{
		appendStringInfo(&offenders, "%s%s", i > 0 ? "; " : "", lc_get_row(i, 1));
		api_problem_errors_add(lc_get_row(i, 2), lc_get_row(i, 3), lc_get_row(i, 4));
	}
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BUSINESS_RULE),
			 errmsg(INVALID_PARAMETERS_MSG, enrollment_id),
			 n > 0 ? errdetail("Invalid parameters: %s.", offenders.data) :
			 errdetail("The parameter validator refused the enrollment."),
			 errhint("Correct the parameter values, then %s the enrollment again.", action)));
}

/*
 * Processing -> Completed (arrow) with the program and the enrollment locked: the
 * certificate becomes Active (Pending or Updating before).  Shared by
 * complete and by submit under newCertificateAutoapprove.  validate_as: the
 * caller whose completion validates every parameter of both phases after
 * the certificate's lock and status check (PT409 before PT400); NULL when
 * the caller validated already (submit under autoapprove, before its own
 * writes).
 */
static void
complete_locked(const char *enrollment_id, const char *program_id,
							  const char *certificate_id, const LifecycleTransition *arrow,
							  const char *template_id, const char *external_vendor_id,
							  const Actor *validate_as)
{
	const char *cert_status = lc_certificate_lock(program_id, certificate_id);

	lc_require_transition(LC_CERTIFICATE, "activate", certificate_id, cert_status);
	if (validate_as != NULL)
		check_parameters(program_id, enrollment_id, "complete", validate_as, "Fulfillment");
	lc_exec("UPDATE enrollment.enrollments SET status = $4,"
			"       template_id = coalesce(" ID(3) ", template_id), error = NULL"
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			4, program_id, enrollment_id, template_id, arrow->to);
	lc_certificate_activate(program_id, certificate_id, cert_status, enrollment_id,
							template_id, external_vendor_id);
}

PG_FUNCTION_INFO_V1(enrollment_submit);

/*
 * enrollment.enrollment_submit(id): client or operations, Draft ->
 * Processing.  The certificate follows: Draft -> Pending for a New
 * enrollment, Active/Expired -> Updating for a Change (at submit, not at
 * create, so that a Draft re-enrollment can be deleted without having touched
 * the certificate).  With newCertificateAutoapprove a New enrollment is then
 * completed at once, attributed to the submitter.
 */
Datum
enrollment_submit(PG_FUNCTION_ARGS)
{
	EnrollmentAction a = begin_action(fcinfo, "submit");
	EnrollmentRow *row = a.row;
	const char *cert_status;
	const char *cert_action;
	char	   *template_id;
	bool		autoapprove;

	require_published(row->program_id, row->program_status);

	cert_status = lc_certificate_lock(row->program_id, row->certificate_id);
	cert_action = strcmp(row->type, "New") == 0 ? "request" : "re-enroll";
	lc_require_transition(LC_CERTIFICATE, cert_action, row->certificate_id, cert_status);
	autoapprove = row->autoapprove && strcmp(row->type, "New") == 0;
	/* an auto-approved submit issues the certificate: validate as completion does */
	check_parameters(row->program_id, a.id, "submit", a.actor, autoapprove ? "Fulfillment" : "Order");
	template_id = lc_resolve_template(row->program_id, NULL, "EnrollmentProcessing", false, "submit", a.id);

	lc_exec("UPDATE enrollment.enrollments SET status = $4, template_id = " ID(3) ", error = NULL"
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			4, row->program_id, a.id, template_id, a.arrow->to);
	lc_certificate_set_status(row->program_id, row->certificate_id, cert_action, cert_status, NULL);

	if (autoapprove)
		complete_locked(a.id, row->program_id, row->certificate_id,
						lc_require_transition(LC_ENROLLMENT, "complete", a.id, a.arrow->to),
						lc_resolve_template(row->program_id, NULL, "EnrollmentCompleted",
											false, "complete", a.id),
						NULL, NULL);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(enrollment_query);

/* enrollment.enrollment_query(id, template_id): vendor, Processing -> Querying, template required. */
Datum
enrollment_query(PG_FUNCTION_ARGS)
{
	EnrollmentAction a = begin_action(fcinfo, "query");
	char	   *template_id;

	template_id = lc_resolve_template(a.row->program_id, template_arg(fcinfo), "EnrollmentQuerying",
									  true, "query", a.id);
	lc_exec("UPDATE enrollment.enrollments SET status = $4, template_id = " ID(3)
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			4, a.row->program_id, a.id, template_id, a.arrow->to);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(enrollment_process);

/*
 * enrollment.enrollment_process(id, template_id): the client (after fixing
 * its data) or the vendor, Querying -> Processing.  Parameters are validated
 * again.
 */
Datum
enrollment_process(PG_FUNCTION_ARGS)
{
	EnrollmentAction a = begin_action(fcinfo, "process");
	char	   *template_id;

	template_id = lc_resolve_template(a.row->program_id, template_arg(fcinfo), "EnrollmentProcessing",
									  false, "process", a.id);
	check_parameters(a.row->program_id, a.id, "process", a.actor, "Order");
	lc_exec("UPDATE enrollment.enrollments SET status = $4,"
			"       template_id = coalesce(" ID(3) ", template_id), error = NULL"
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			4, a.row->program_id, a.id, template_id, a.arrow->to);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(enrollment_complete);

/*
 * enrollment.enrollment_complete(id, template_id, external_vendor_id):
 * vendor, Processing -> Completed; the certificate becomes Active with the
 * enrollment's values, the vendor's external id and a fresh expiry date.
 * Every parameter of both phases is validated first (PT400): a certificate
 * is never issued with a missing required or an invalid value.
 */
Datum
enrollment_complete(PG_FUNCTION_ARGS)
{
	EnrollmentAction a = begin_action(fcinfo, "complete");
	char	   *external = lc_text_arg(fcinfo, 2);
	char	   *template_id;

	template_id = lc_resolve_template(a.row->program_id, template_arg(fcinfo), "EnrollmentCompleted",
									  false, "complete", a.id);
	lc_check_external_vendor_id(external);
	complete_locked(a.id, a.row->program_id, a.row->certificate_id, a.arrow, template_id, external,
					a.actor);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(enrollment_fail);

/*
 * enrollment.enrollment_fail(id, status_notes): vendor, Processing or
 * Querying -> Failed, reason required.  The certificate is terminated with
 * the same message (Pending: "Enrollment failed"; Updating: "Re-enrollment
 * failed").
 */
Datum
enrollment_fail(PG_FUNCTION_ARGS)
{
	EnrollmentAction a = begin_action(fcinfo, "fail");
	EnrollmentRow *row = a.row;
	const char *cert_status;
	char	   *message;

	message = lc_parse_message(fcinfo, 1, "fail", "enrollment", a.id);
	cert_status = lc_certificate_lock(row->program_id, row->certificate_id);
	lc_require_transition(LC_CERTIFICATE, "reject", row->certificate_id, cert_status);

	lc_exec("UPDATE enrollment.enrollments SET status = $4, status_notes = $3::jsonb"
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			4, row->program_id, a.id, lc_jsonb_arg(fcinfo, 1), a.arrow->to);
	lc_certificate_set_status(row->program_id, row->certificate_id, "reject", cert_status, message);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(enrollment_delete);

/*
 * enrollment.enrollment_delete(id): client or operations, Draft -> Deleted.
 * A New enrollment's Draft certificate goes with it; a Change enrollment
 * never touched its certificate, which stays as it is.
 */
Datum
enrollment_delete(PG_FUNCTION_ARGS)
{
	EnrollmentAction a = begin_action(fcinfo, "delete");
	EnrollmentRow *row = a.row;
	const char *cert_status = NULL;
	bool		with_certificate = strcmp(row->type, "New") == 0;

	if (with_certificate)
	{
		cert_status = lc_certificate_lock(row->program_id, row->certificate_id);
		lc_require_transition(LC_CERTIFICATE, "delete", row->certificate_id, cert_status);
	}
	lc_exec("UPDATE enrollment.enrollments SET status = $3"
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			3, row->program_id, a.id, a.arrow->to);
	if (with_certificate)
		lc_certificate_set_status(row->program_id, row->certificate_id, "delete", cert_status, NULL);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}
