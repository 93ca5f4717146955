/*
 * enrollment_create.c
 *		enrollment.enrollment_create: a New enrollment (with its Draft
 *		certificate) or a Change enrollment (re-enrollment of an existing
 *		certificate), with the parameter snapshot and the client's ordering
 *		values.
 *
 * Rules (README "Lifecycle", Enrollment): only for Published programs;
 * the certificant (buyer or licensee, per applicableTo) belongs to the client
 * account; the account's (or licensee's) eligibility intersects the
 * program's; at most one open enrollment per program and certificant; a
 * Change needs an Active or Expired certificate, never a Terminated one.
 *
 * Lock order: program (FOR SHARE) -> certificant row (FOR NO KEY UPDATE) ->
 * certificate (FOR UPDATE).  The certificant lock serialises concurrent
 * creations for the same buyer or licensee, so the open-enrollment check
 * below runs after the other transaction committed or rolled back and can
 * name the enrollment that is in the way, instead of a bare unique violation
 * from enrollments_one_open_per_certificant.  Under REPEATABLE READ and
 * SERIALIZABLE the locks answer with the latest committed row (lc_lock) and
 * the check reads what is committed now, so every level gets the same
 * answers (README "Lifecycle").
 */
#include "postgres.h"

#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "actor.h"
#include "certificate.h"
#include "enrollment.h"
#include "history.h"
#include "lifecycle_spi.h"
#include "object_route.h"
#include "transitions.h"

/* Apply the client's ordering values: [{"id": "PPM-...", "value": ...}, ...]. */
static void
apply_ordering(Jsonb *ordering, const char *program_id, const char *enrollment_id)
{
	JsonbIterator *it;
	JsonbValue	elem;
	JsonbIteratorToken tok;
	List	   *seen = NIL;
	int			index = -1;

	if (!JB_ROOT_IS_ARRAY(ordering) || JB_ROOT_IS_SCALAR(ordering))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("ordering must be a JSON array"),
				 errdetail("Ordering values are [{\"id\": \"PPM-...\", \"value\": ...}, ...].")));

	it = JsonbIteratorInit(&ordering->root);
	while ((tok = JsonbIteratorNext(&it, &elem, true)) != WJB_DONE)
	{
		JsonbIterator *fit;
		JsonbValue	v;
		char	   *param_id = NULL;
		char	   *value = NULL;
		ListCell   *lc;

		if (tok != WJB_ELEM)
			continue;
		index++;
		if (elem.type != jbvBinary || !JsonContainerIsObject(elem.val.binary.data))
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("ordering[%d] must be an object with id and value", index)));

		fit = JsonbIteratorInit(elem.val.binary.data);
		while ((tok = JsonbIteratorNext(&fit, &v, true)) != WJB_DONE)
		{
			char	   *key;

			if (tok != WJB_KEY)
				continue;
			key = pnstrdup(v.val.string.val, v.val.string.len);
			tok = JsonbIteratorNext(&fit, &v, true);
			if (strcmp(key, "id") == 0)
			{
				if (v.type != jbvString)
					ereport(ERROR,
							(errcode(ENR_ERRCODE_BAD_VALUE),
							 errmsg("ordering[%d].id must be a string", index)));
				param_id = mpt_id_to_cstring(mpt_id_parse(v.val.string.val, v.val.string.len));
			}
			else if (strcmp(key, "value") == 0)
			{
				if (v.type != jbvNull)
				{
					Jsonb	   *jv = JsonbValueToJsonb(&v);

					value = JsonbToCString(NULL, &jv->root, VARSIZE(jv));
				}
			}
			else
				ereport(ERROR,
						(errcode(ENR_ERRCODE_BAD_VALUE),
						 errmsg("unknown key \"%s\" in ordering[%d]", key, index),
						 errdetail("An ordering value has the keys id and value.")));
		}
		if (param_id == NULL)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("ordering[%d].id is required", index)));
		foreach(lc, seen)
			if (strcmp((char *) lfirst(lc), param_id) == 0)
				ereport(ERROR,
						(errcode(ENR_ERRCODE_BAD_VALUE),
						 errmsg("parameter %s appears twice in ordering", param_id)));
		seen = lappend(seen, param_id);

		if (lc_exec("UPDATE enrollment.enrollment_parameters SET value = $4::jsonb"
					" WHERE program_id" EQ ID(1) " AND enrollment_id" EQ ID(2)
					"   AND parameter_id" EQ ID(3) " AND phase = 'Order'"
					"   AND NOT readonly AND NOT hidden",
					4, program_id, enrollment_id, param_id, value) == 0)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("parameter %s is not an ordering parameter of program %s",
							param_id, program_id),
					 errdetail("Ordering values name Active Order-phase parameters of the program that are neither hidden nor read-only.")));
	}
}

static void
bad_value(const char *msg, const char *detail)
{
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BAD_VALUE),
			 errmsg("%s", msg),
			 detail ? errdetail("%s", detail) : 0));
}

/*
 * The client account an enrollment or certificate is for: a Client account
 * (22023 otherwise); returns its eligibility as client and as partner.
 */
void
lc_client_account(const char *client_id, bool *eligible_client, bool *eligible_partner)
{
	if (lc_exec("SELECT type, eligibility_client, eligibility_partner"
				"  FROM enrollment.accounts WHERE id" EQ ID(1),
				1, client_id) == 0 || strcmp(lc_get(1), "Client") != 0)
		bad_value(psprintf("account %s is not a client account", client_id), NULL);
	*eligible_client = lc_get_bool(2);
	*eligible_partner = lc_get_bool(3);
}

/*
 * The certificant of a new enrollment or certificate, per the program's
 * applicableTo: certificant is the one already known (a Change takes it from
 * the certificate), or NULL to take buyer_id or licensee_id (the one
 * applicableTo names is required, the other refused).  Locks the buyer or
 * licensee row (FOR NO KEY UPDATE, after the program), checks that it belongs
 * to client_id and that the account's (Buyer) or licensee's (Licensee)
 * eligibility intersects the program's.  cert_client/cert_partner are the
 * client account's eligibility (lc_client_account).  Returns the certificant.
 */
char *
lc_certificant_lock(const char *program_id, const char *applicable_to,
					bool prog_client, bool prog_partner, const char *client_id,
					const char *buyer_id, const char *licensee_id,
					const char *certificant, bool cert_client, bool cert_partner)
{
	/* The certificant, per applicableTo, of the client account. */
	if (certificant == NULL)
	{
		bool		buyer = strcmp(applicable_to, "Buyer") == 0;
		const char *given = buyer ? buyer_id : licensee_id;
		const char *other = buyer ? licensee_id : buyer_id;

		if (given == NULL)
			bad_value(psprintf("%s is required: program %s applies to %s",
							   buyer ? "buyer_id" : "licensee_id", program_id, applicable_to), NULL);
		if (other != NULL)
			bad_value(psprintf("%s is not accepted: program %s applies to %s",
							   buyer ? "licensee_id" : "buyer_id", program_id, applicable_to), NULL);
		certificant = given;
	}
	if (strcmp(applicable_to, "Buyer") == 0)
	{
		if (lc_lock("SELECT account_id" EQ ID(2) " FROM enrollment.buyers"
					" WHERE id" EQ ID(1) " FOR NO KEY UPDATE",
					2, certificant, client_id) == 0 || !lc_get_bool(1))
			bad_value(psprintf("buyer %s is not a buyer of client account %s", certificant, client_id),
					  NULL);
	}
	else
	{
		if (lc_lock("SELECT account_id" EQ ID(2) ", eligibility_client, eligibility_partner"
					"  FROM enrollment.licensees WHERE id" EQ ID(1) " FOR NO KEY UPDATE",
					2, certificant, client_id) == 0 || !lc_get_bool(1))
			bad_value(psprintf("licensee %s is not a licensee of client account %s", certificant, client_id),
					  NULL);
		cert_client = lc_get_bool(2);
		cert_partner = lc_get_bool(3);
	}
	if (!((prog_client && cert_client) || (prog_partner && cert_partner)))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BUSINESS_RULE),
				 errmsg("%s %s is not eligible for program %s",
						strcmp(applicable_to, "Buyer") == 0 ? "account" : "licensee",
						strcmp(applicable_to, "Buyer") == 0 ? client_id : certificant,
						program_id),
				 errdetail("The program is open to %s.",
						   prog_client && prog_partner ? "clients and partners" :
						   prog_client ? "direct clients only" : "partners only")));

	return pstrdup(certificant);
}

PG_FUNCTION_INFO_V1(enrollment_create);

/*
 * enrollment.enrollment_create(program_id, buyer_id, licensee_id,
 * certificate_id, name, notes, ordering, client_id) returns the new Draft
 * enrollment's id.
 */
Datum
enrollment_create(PG_FUNCTION_ARGS)
{
	char	   *program_id = PG_ARGISNULL(0) ? NULL : lc_id_arg(fcinfo, 0, "program_id");
	char	   *buyer_id = PG_ARGISNULL(1) ? NULL : lc_id_arg(fcinfo, 1, "buyer_id");
	char	   *licensee_id = PG_ARGISNULL(2) ? NULL : lc_id_arg(fcinfo, 2, "licensee_id");
	char	   *certificate_id = PG_ARGISNULL(3) ? NULL : lc_id_arg(fcinfo, 3, "certificate_id");
	char	   *name = lc_text_arg(fcinfo, 4);
	char	   *notes = lc_text_arg(fcinfo, 5);
	char	   *client_id = PG_ARGISNULL(7) ? NULL : lc_id_arg(fcinfo, 7, "client_id");
	MemoryContext caller_cxt = CurrentMemoryContext;
	const char *type = certificate_id ? "Change" : "New";
	char	   *program_status,
			   *program_name,
			   *applicable_to,
			   *certificant,
			   *open_id;
	bool		prog_client,
				prog_partner,
				cert_client,
				cert_partner;
	char	   *enrollment_id;
	Actor	   *actor;

	SPI_connect();
	actor = actor_current();

	/* Who the enrollment is for. */
	if (actor->kind == LC_ACTOR_VENDOR)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_FORBIDDEN),
				 errmsg("a vendor account cannot create an enrollment"),
				 errdetail("Only a client, or operations on behalf of a client, can create an enrollment.")));
	if (actor->kind == LC_ACTOR_CLIENT)
	{
		if (client_id != NULL && strcmp(client_id, actor->account_id) != 0)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_FORBIDDEN),
					 errmsg("client account %s cannot create an enrollment for account %s",
							actor->account_id, client_id),
					 errdetail("A client enrolls for its own account; client_id is for operations.")));
		client_id = actor->account_id;
	}
	if (name != NULL && (name[0] == '\0' || pg_mbstrlen(name) > 500))
		bad_value("invalid name", "A name has 1 to 500 characters.");
	if (notes != NULL && pg_mbstrlen(notes) > 4000)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TOO_LARGE),
				 errmsg("notes are too long"),
				 errdetail("Notes have at most 4000 characters.")));

	if (certificate_id != NULL)
	{
		/* Change: program, client and certificant come from the certificate. */
		char	   *cert_client_id;

		if (lc_exec("SELECT program_id, client_id, coalesce(buyer_id, licensee_id)::text,"
					"       buyer_id::text, licensee_id::text"
					"  FROM enrollment.certificates WHERE id" EQ ID(1),
					1, certificate_id) == 0)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_NOT_FOUND),
					 errmsg("certificate %s not found", certificate_id)));
		cert_client_id = lc_get(2);
		if (actor->kind == LC_ACTOR_CLIENT && strcmp(cert_client_id, client_id) != 0)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_NOT_FOUND),
					 errmsg("certificate %s not found", certificate_id)));
		if (client_id != NULL && strcmp(cert_client_id, client_id) != 0)
			bad_value(psprintf("certificate %s does not belong to client account %s",
							   certificate_id, client_id), NULL);
		if (program_id != NULL && strcmp(program_id, lc_get(1)) != 0)
			bad_value(psprintf("certificate %s is not a certificate of program %s",
							   certificate_id, program_id), NULL);
		if ((buyer_id != NULL && (lc_get(4) == NULL || strcmp(buyer_id, lc_get(4)) != 0)) ||
			(licensee_id != NULL && (lc_get(5) == NULL || strcmp(licensee_id, lc_get(5)) != 0)))
			bad_value(psprintf("the certificant does not match certificate %s", certificate_id),
					  "A re-enrollment keeps the certificate's buyer or licensee.");
		program_id = lc_get(1);
		client_id = cert_client_id;
		certificant = lc_get(3);
		buyer_id = lc_get(4);
		licensee_id = lc_get(5);
	}
	else
	{
		if (program_id == NULL)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("program_id is required"),
					 errhint("Pass program_id for a new enrollment, or certificate_id to re-enroll a certificate.")));
		if (client_id == NULL)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("client_id is required when operations creates an enrollment"),
					 errhint("Pass the client account the enrollment is for.")));
		certificant = NULL;
	}

	lc_client_account(client_id, &cert_client, &cert_partner);

	/* Lock the program; a client sees Published and Unpublished programs only. */
	if (lc_lock("SELECT status, name, applicable_to, eligibility_client, eligibility_partner"
				"  FROM enrollment.programs WHERE id" EQ ID(1) " FOR SHARE",
				1, program_id) == 0 ||
		(actor->kind == LC_ACTOR_CLIENT &&
		 strcmp(lc_get(1), "Published") != 0 && strcmp(lc_get(1), "Unpublished") != 0))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("program %s not found", program_id)));
	program_status = lc_get(1);
	program_name = lc_get(2);
	applicable_to = lc_get(3);
	prog_client = lc_get_bool(4);
	prog_partner = lc_get_bool(5);
	if (strcmp(program_status, "Published") != 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BUSINESS_RULE),
				 errmsg("program %s is not published", program_id),
				 errdetail("Enrollments and re-enrollments are accepted for Published programs only; the program is %s.",
						   program_status)));

	certificant = lc_certificant_lock(program_id, applicable_to, prog_client, prog_partner,
									  client_id, buyer_id, licensee_id, certificant,
									  cert_client, cert_partner);

	/* Change: the certificate must be re-enrollable now (never Terminated). */
	if (certificate_id != NULL)
		lc_require_transition(LC_CERTIFICATE, "re-enroll", certificate_id,
							  lc_certificate_lock(program_id, certificate_id));

	/*
	 * One open enrollment per program and certificant, checked under the
	 * certificant lock and against what is committed now: under REPEATABLE
	 * READ or SERIALIZABLE the transaction's snapshot may predate the
	 * competitor that held the lock, and would miss its enrollment (the
	 * INSERT would then hit the unique index with a bare 23505).  Every
	 * enrollment is inserted here, after this lock and this check, so that
	 * index violation cannot happen through the API at any level.
	 */
	if (lc_exec_latest("SELECT id::text, status FROM enrollment.enrollments"
				" WHERE program_id" EQ ID(1)
				"   AND coalesce(buyer_id, licensee_id)" EQ ID(2)
				"   AND enrollment.enrollment_is_open(status)",
				2, program_id, certificant) > 0)
	{
		open_id = lc_get(1);
		ereport(ERROR,
				(errcode(ENR_ERRCODE_DUPLICATE),
				 errmsg("%s %s already has open enrollment %s for program %s",
						strcmp(applicable_to, "Buyer") == 0 ? "buyer" : "licensee",
						certificant, open_id, program_id),
				 errdetail("Enrollment %s is %s; a certificant has at most one open (Draft, Processing or Querying) enrollment per program.",
						   open_id, lc_get(2)),
				 errhint("Submit, complete, fail or delete that enrollment first.")));
	}

	if (certificate_id == NULL)
	{
		lc_exec("INSERT INTO enrollment.certificates (program_id, name, client_id, applicable_to,"
				"  buyer_id, licensee_id, eligibility_client, eligibility_partner, created_by)"
				" VALUES (" ID(1) ", $2, " ID(3) ", $4, " ID(5) ", " ID(6) ", $7::boolean, $8::boolean, " ID(9) ")"
				" RETURNING id::text",
				9, program_id, name ? name : program_name, client_id, applicable_to,
				buyer_id, licensee_id, prog_client ? "true" : "false",
				prog_partner ? "true" : "false", actor->user_id);
		certificate_id = lc_get(1);
		lc_route_add(certificate_id, program_id);
		lc_history_append(program_id, "Certificate", certificate_id,
						  "platform.program.certificate.created", NULL, "Draft", NULL);
	}

	lc_exec("INSERT INTO enrollment.enrollments (program_id, certificate_id, name, type, client_id,"
			"  applicable_to, buyer_id, licensee_id, eligibility_client, eligibility_partner,"
			"  notes, created_by)"
			" VALUES (" ID(1) ", " ID(2) ", $3, $4, " ID(5) ", $6, " ID(7) ", " ID(8) ","
			"  $9::boolean, $10::boolean, $11, " ID(12) ")"
			" RETURNING id::text",
			12, program_id, certificate_id, name, type, client_id, applicable_to,
			buyer_id, licensee_id, prog_client ? "true" : "false",
			prog_partner ? "true" : "false", notes, actor->user_id);
	enrollment_id = MemoryContextStrdup(caller_cxt, lc_get(1));
	lc_route_add(enrollment_id, program_id);

	/*
	 * Snapshot every Active parameter definition.  A defaultValue is a value
	 * only when it is one: the Email/Address/Contact presets ("Buyer",
	 * "CurrentlySignedInUser", ...) are UI hints, not values.
	 */
	lc_exec("INSERT INTO enrollment.enrollment_parameters (program_id, enrollment_id, parameter_id,"
			"  phase, type, name, external_id, display_order, hidden, readonly, required, \"unique\", value)"
			" SELECT program_id, " ID(2) ", id, phase, type, name, external_id, display_order,"
			"        hidden, readonly, required, \"unique\","
			"        " LC_DEFAULT_VALUE_SQL
			"   FROM enrollment.parameters"
			"  WHERE program_id" EQ ID(1) " AND status = 'Active'",
			2, program_id, enrollment_id);
	/* A re-enrollment starts from the certificate's current values. */
	if (strcmp(type, "Change") == 0)
		lc_exec("UPDATE enrollment.enrollment_parameters ep SET value = cp.value"
				"  FROM enrollment.certificate_parameters cp"
				" WHERE ep.program_id" EQ ID(1) " AND ep.enrollment_id" EQ ID(2)
				"   AND cp.program_id" EQ ID(1) " AND cp.certificate_id" EQ ID(3)
				"   AND cp.parameter_id" EQ "ep.parameter_id",
				3, program_id, enrollment_id, certificate_id);
	if (!PG_ARGISNULL(6))
		apply_ordering(PG_GETARG_JSONB_P(6), program_id, enrollment_id);

	/*
	 * Last, so that the created row's state snapshot holds the initial
	 * values: defaults, the certificate's values, the ordering sent.
	 */
	lc_exec("SELECT pg_catalog.jsonb_build_object('type', $1::text, 'certificate', $2::text)::text",
			2, type, certificate_id);
	lc_history_append(program_id, "Enrollment", enrollment_id,
					  "platform.program.enrollment.created", NULL, "Draft", lc_get(1));
	SPI_finish();

	PG_RETURN_DATUM(lc_return_id(enrollment_id));
}
