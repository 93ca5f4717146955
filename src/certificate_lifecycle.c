/*
 * certificate_lifecycle.c
 *		Certificate transitions: the certificate side of enrollment actions
 *		(request, re-enroll, activate, reject, delete), and the certificate's
 *		own actions terminate and expire, plus the expiry job.
 *
 * Lock order everywhere: program, then enrollment, then certificate.  The
 * helpers here are called with the program and enrollment already locked.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/jsonb.h"

#include "actor.h"
#include "certificate.h"
#include "lifecycle_spi.h"
#include "object_route.h"
#include "message.h"
#include "transitions.h"

/* Lock a certificate row and return its status (PT404 if it vanished). */
const char *
lc_certificate_lock(const char *program_id, const char *certificate_id)
{
	if (lc_lock("SELECT status FROM enrollment.certificates"
				" WHERE program_id" EQ ID(1) " AND id" EQ ID(2) " FOR UPDATE",
				2, program_id, certificate_id) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("certificate %s not found", certificate_id)));
	return lc_get(1);
}

/*
 * Move a locked certificate along the arrow of action from its status
 * 'from'; PT409 when there is none.  status_notes (text) is set when given.
 */
void
lc_certificate_set_status(const char *program_id, const char *certificate_id,
						  const char *action, const char *from,
						  const char *status_notes)
{
	const LifecycleTransition *t;

	t = lc_require_transition(LC_CERTIFICATE, action, certificate_id, from);
	lc_exec("UPDATE enrollment.certificates"
			"   SET status = $3, status_notes = coalesce($4, status_notes)"
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			4, program_id, certificate_id, t->to, status_notes);
}

/*
 * Activate a locked certificate from the completed enrollment: its parameter
 * values replace the certificate's, the vendor's external id is set when
 * given, and the expiry date is recomputed from the program settings
 * (activation date + duration days, or none when expiry is off).  The same
 * certificate id is kept for re-enrollments.
 */
void
lc_certificate_activate(const char *program_id, const char *certificate_id,
						const char *from, const char *enrollment_id,
						const char *template_id, const char *external_vendor_id)
{
	lc_require_transition(LC_CERTIFICATE, "activate", certificate_id, from);

	lc_exec("DELETE FROM enrollment.certificate_parameters"
			" WHERE program_id" EQ ID(1) " AND certificate_id" EQ ID(2),
			2, program_id, certificate_id);
	lc_exec("INSERT INTO enrollment.certificate_parameters (program_id, certificate_id,"
			"  parameter_id, phase, type, name, external_id, display_order, hidden, readonly,"
			"  required, \"unique\", value)"
			" SELECT program_id, " ID(2) ", parameter_id, phase, type, name, external_id,"
			"  display_order, hidden, readonly, required, \"unique\", value"
			"   FROM enrollment.enrollment_parameters"
			"  WHERE program_id" EQ ID(1) " AND enrollment_id" EQ ID(3),
			3, program_id, certificate_id, enrollment_id);
	lc_exec("UPDATE enrollment.certificates c"
			"   SET status = 'Active', status_notes = NULL,"
			"       template_id = coalesce(" ID(3) ", c.template_id),"
			"       external_id_vendor = coalesce($4, c.external_id_vendor),"
			"       expiration_date = " CERT_EXPIRATION("p", "$5")
			"  FROM enrollment.programs p"
			" WHERE p.id" EQ "c.program_id AND c.program_id" EQ ID(1) " AND c.id" EQ ID(2),
			5, program_id, certificate_id, template_id, external_vendor_id, lc_today());
}

/*
 * Find a certificate the caller may see, check that the caller's account type
 * is one of allowed, lock program then certificate, and return (program_id,
 * status).  Clients see their own certificates, vendors those of their
 * programs, operations all; anything else is PT404.
 */
void
lc_certificate_lock_visible(const Actor *actor, const char *id, const char *action,
							int allowed, char **program_id, const char **status)
{
	char	   *client_id,
			   *vendor_id;

	if (!lc_locate_object(true, id))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("certificate %s not found", id)));
	*program_id = lc_get(1);
	client_id = lc_get(2);
	vendor_id = lc_get(3);
	actor_require_sees(actor, client_id, vendor_id, "certificate", id);
	actor_require_kind(actor, allowed, action, "certificate", id);

	lc_lock("SELECT 1 FROM enrollment.programs WHERE id" EQ ID(1) " FOR SHARE",
			1, *program_id);
	*status = lc_certificate_lock(*program_id, id);
}

/* The same for a lifecycle action: the actors of its arrows may run it. */
static void
certificate_lock_visible(const Actor *actor, const char *id, const char *action,
						 char **program_id, const char **status)
{
	lc_certificate_lock_visible(actor, id, action, lc_action_actors(LC_CERTIFICATE, action),
								program_id, status);
}

PG_FUNCTION_INFO_V1(certificate_terminate);

/* enrollment.certificate_terminate(id, status_notes): vendor, Active -> Terminated. */
Datum
certificate_terminate(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "certificate id");
	char	   *program_id;
	const char *status;
	char	   *message;
	Actor	   *actor;

	SPI_connect();
	actor = actor_current();
	certificate_lock_visible(actor, id, "terminate", &program_id, &status);
	lc_require_transition(LC_CERTIFICATE, "terminate", id, status);
	message = lc_parse_message(fcinfo, 1, "terminate", "certificate", id);
	lc_certificate_set_status(program_id, id, "terminate", status, message);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(certificate_expire);

/*
 * enrollment.certificate_expire(id): vendor or operations, Active -> Expired
 * now.  The expiration date becomes today unless it is already in the past.
 */
Datum
certificate_expire(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "certificate id");
	char	   *program_id;
	const char *status;
	Actor	   *actor;

	SPI_connect();
	actor = actor_current();
	certificate_lock_visible(actor, id, "expire", &program_id, &status);
	lc_require_transition(LC_CERTIFICATE, "expire", id, status);
	lc_exec("UPDATE enrollment.certificates"
			"   SET status = 'Expired',"
			"       expiration_date = LEAST(expiration_date, $3::date)"
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			3, program_id, id, lc_today());
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}

PG_FUNCTION_INFO_V1(expire_certificates);

/*
 * enrollment.expire_certificates(as_of date): the daily job.  Every Active
 * certificate whose expiration date is before as_of becomes Expired; returns
 * how many.  Idempotent: a second run finds nothing Active past its date.  A
 * certificate being re-enrolled at the same moment is locked by the submit,
 * and the UPDATE re-checks status = 'Active' after the wait (READ COMMITTED
 * re-evaluation), so it is skipped rather than expired under the
 * re-enrollment.  Under REPEATABLE READ or SERIALIZABLE that UPDATE fails
 * with 40001 instead (the row changed after the job's snapshot): a genuine
 * serialization failure, and the job's retry skips the certificate.
 */
Datum
expire_certificates(PG_FUNCTION_ARGS)
{
	char	   *as_of;
	uint64		n;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("as_of is required")));
	as_of = DatumGetCString(DirectFunctionCall1(date_out, PG_GETARG_DATUM(0)));

	SPI_connect();
	n = lc_exec("UPDATE enrollment.certificates SET status = 'Expired'"
				" WHERE status = 'Active' AND expiration_date < $1::date",
				1, as_of);
	SPI_finish();

	PG_RETURN_INT32((int32) n);
}
