/*
 * certificate_migrate.c
 *		enrollment.certificate_migrate: operations bring an existing
 *		certificate into the platform without an enrollment
 *		(POST /certificates, README "Certificate migration": nothing ->
 *		Active).
 *
 * The same program, client account, certificant and eligibility rules as a
 * New enrollment (the helpers of enrollment_create.c), but no enrollment: the
 * certificate is inserted Active with its created and activated audit and two
 * history rows, and does not count against the one-open-enrollment rule.  Its
 * parameter instances are the program's Active definitions, with their
 * default values, overwritten by the values given; each given value is
 * checked by the parameter validator (pc_check_value) against its definition.
 * Required values that are missing are not refused: a migrated certificate
 * carries what the old system had, and the next re-enrollment validates the
 * full set.
 *
 * Lock order: program (FOR SHARE) -> certificant row (FOR NO KEY UPDATE);
 * the certificate is new, nothing else to lock.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "utils/date.h"
#include "utils/fmgroids.h"
#include "utils/jsonb.h"

#include "actor.h"
#include "certificate.h"
#include "enrollment.h"
#include "history.h"
#include "lifecycle_spi.h"
#include "object_route.h"
#include "param_glue.h"

static void
bad_value(const char *msg, const char *detail)
{
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BAD_VALUE),
			 errmsg("%s", msg),
			 detail ? errdetail("%s", detail) : 0));
}

/* Check one given value against its definition (the parameter validator). */
static void
check_value(const PvProgram **prog, const char *program_id, const char *param_id,
			const char *value)
{
	const PvDef *def;
	json_t	   *j;
	json_error_t jerr;
	PcError		err;
	int			bad;

	if (value == NULL)
		return;
	def = pv_find_def(*prog, param_id, strlen(param_id));
	if (def == NULL)
	{
		/*
		 * The instance rows come from this statement's snapshot, the cached
		 * definitions from an earlier one: a definition created in between is
		 * not cached yet.  Reload once, as the validator does; a value is
		 * never stored unchecked.
		 */
		*prog = pv_program_reload(program_id, CurrentMemoryContext);
		def = pv_find_def(*prog, param_id, strlen(param_id));
		if (def == NULL)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("parameter %s of program %s cannot be validated", param_id, program_id),
					 errdetail("Its definition changed while the certificate was being migrated."),
					 errhint("Send the request again.")));
	}
	if (def->broken)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid value for parameter %s: %s", param_id, def->broken_err.message),
				 errdetail("Validation error %s.", def->broken_err.id)));
	j = json_loads(value, JSON_DECODE_ANY, &jerr);
	if (j == NULL)
		bad_value(psprintf("invalid value for parameter %s", param_id), NULL);
	bad = pc_check_value(&def->def, j, &pv_regex_check, &err);
	json_decref(j);
	if (bad)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("invalid value for parameter %s: %s", param_id, err.message),
				 errdetail("Validation error %s.", err.id)));
}

/*
 * Apply one list of parameters {ordering|fulfillment: [{id, value}, ...]} to
 * the new certificate's instances.  seen collects the ids of both lists.
 */
static List *
apply_list(JsonbValue *list, const char *key, const char *phase,
		   const char *program_id, const char *certificate_id,
		   const PvProgram **prog, List *seen)
{
	JsonbIterator *it;
	JsonbValue	elem;
	JsonbIteratorToken tok;
	int			index = -1;

	if (list->type == jbvNull)
		return seen;
	if (list->type != jbvBinary || !JsonContainerIsArray(list->val.binary.data))
		bad_value(psprintf("parameters.%s must be a JSON array", key),
				  "Parameter values are [{\"id\": \"PPM-...\", \"value\": ...}, ...].");

	it = JsonbIteratorInit(list->val.binary.data);
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
			bad_value(psprintf("parameters.%s[%d] must be an object with id and value", key, index),
					  NULL);

		fit = JsonbIteratorInit(elem.val.binary.data);
		while ((tok = JsonbIteratorNext(&fit, &v, true)) != WJB_DONE)
		{
			char	   *k;

			if (tok != WJB_KEY)
				continue;
			k = pnstrdup(v.val.string.val, v.val.string.len);
			tok = JsonbIteratorNext(&fit, &v, true);
			if (strcmp(k, "id") == 0)
			{
				if (v.type != jbvString)
					bad_value(psprintf("parameters.%s[%d].id must be a string", key, index), NULL);
				param_id = mpt_id_to_cstring(mpt_id_parse(v.val.string.val, v.val.string.len));
			}
			else if (strcmp(k, "value") == 0)
			{
				if (v.type != jbvNull)
				{
					Jsonb	   *jv = JsonbValueToJsonb(&v);

					value = JsonbToCString(NULL, &jv->root, VARSIZE(jv));
				}
			}
			else
				bad_value(psprintf("unknown key \"%s\" in parameters.%s[%d]", k, key, index),
						  "A parameter value has the keys id and value.");
		}
		if (param_id == NULL)
			bad_value(psprintf("parameters.%s[%d].id is required", key, index), NULL);
		foreach(lc, seen)
			if (strcmp((char *) lfirst(lc), param_id) == 0)
				bad_value(psprintf("parameter %s appears twice in parameters", param_id), NULL);
		seen = lappend(seen, param_id);

		if (lc_exec("UPDATE enrollment.certificate_parameters SET value = $4::jsonb"
					" WHERE program_id" EQ ID(1) " AND certificate_id" EQ ID(2)
					"   AND parameter_id" EQ ID(3) " AND phase = $5",
					5, program_id, certificate_id, param_id, value, phase) == 0)
		{
			if (lc_exec("SELECT phase FROM enrollment.certificate_parameters"
						" WHERE program_id" EQ ID(1) " AND certificate_id" EQ ID(2)
						"   AND parameter_id" EQ ID(3),
						3, program_id, certificate_id, param_id) > 0)
				bad_value(psprintf("parameter %s is a%s parameter of program %s, not %s",
								   param_id,
								   strcmp(lc_get(1), "Order") == 0 ? "n ordering" : " fulfillment",
								   program_id,
								   strcmp(key, "ordering") == 0 ? "an ordering one" : "a fulfillment one"),
						  "Ordering values name Order-phase parameters, fulfillment values Fulfillment-phase ones.");
			bad_value(psprintf("parameter %s is not a parameter of program %s", param_id, program_id),
					  "Parameter values name Active parameters of the program.");
		}
		check_value(prog, program_id, param_id, value);
	}
	return seen;
}

/* parameters {ordering: [...], fulfillment: [...]}, both optional. */
static void
apply_parameters(Jsonb *params, const char *program_id, const char *certificate_id)
{
	JsonbValue	v;
	JsonbIterator *it;
	JsonbIteratorToken tok;
	List	   *seen = NIL;
	const PvProgram *prog;

	if (!JB_ROOT_IS_OBJECT(params))
		bad_value("parameters must be a JSON object",
				  "Parameters are {\"ordering\": [...], \"fulfillment\": [...]}.");
	it = JsonbIteratorInit(&params->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *key;

		if (tok != WJB_KEY)
			continue;
		key = pnstrdup(v.val.string.val, v.val.string.len);
		JsonbIteratorNext(&it, &v, true);
		if (strcmp(key, "ordering") != 0 && strcmp(key, "fulfillment") != 0)
			bad_value(psprintf("unknown key \"%s\" in parameters", key),
					  "Parameters have the keys ordering and fulfillment.");
	}

	prog = pv_program_acquire(program_id, CurrentMemoryContext);
	{
		const char *keys[2] = {"ordering", "fulfillment"};
		const char *phases[2] = {"Order", "Fulfillment"};

		for (int i = 0; i < 2; i++)
		{
			JsonbValue *list = getKeyJsonValueFromContainer(&params->root, keys[i],
															strlen(keys[i]), NULL);

			if (list != NULL)
				seen = apply_list(list, keys[i], phases[i], program_id, certificate_id,
								  &prog, seen);
		}
	}
}

PG_FUNCTION_INFO_V1(certificate_migrate);

/*
 * enrollment.certificate_migrate(program_id, client_id, buyer_id,
 * licensee_id, name, parameters, external_vendor_id, expiration_date)
 * returns the new Active certificate's id.
 */
Datum
certificate_migrate(PG_FUNCTION_ARGS)
{
	char	   *program_id = PG_ARGISNULL(0) ? NULL : lc_id_arg(fcinfo, 0, "program_id");
	char	   *client_id = PG_ARGISNULL(1) ? NULL : lc_id_arg(fcinfo, 1, "client_id");
	char	   *buyer_id = PG_ARGISNULL(2) ? NULL : lc_id_arg(fcinfo, 2, "buyer_id");
	char	   *licensee_id = PG_ARGISNULL(3) ? NULL : lc_id_arg(fcinfo, 3, "licensee_id");
	char	   *name = lc_text_arg(fcinfo, 4);
	char	   *external = lc_text_arg(fcinfo, 6);
	char	   *expiration = NULL;
	MemoryContext caller_cxt = CurrentMemoryContext;
	char	   *program_status,
			   *program_name,
			   *applicable_to,
			   *certificant,
			   *certificate_id,
			   *result;
	bool		prog_client,
				prog_partner,
				cert_client,
				cert_partner;
	Actor	   *actor;

	SPI_connect();
	actor = actor_current();
	if (actor->kind != LC_ACTOR_OPS)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_FORBIDDEN),
				 errmsg("%s account cannot migrate a certificate", actor_kind_words(actor->kind)),
				 errdetail("Only operations can migrate an existing certificate into the platform.")));

	if (program_id == NULL)
		bad_value("program_id is required", NULL);
	if (client_id == NULL)
		bad_value("client_id is required", "Pass the client account the certificate belongs to.");
	if (name != NULL && (name[0] == '\0' || pg_mbstrlen(name) > 500))
		bad_value("invalid name", "A name has 1 to 500 characters.");
	lc_check_external_vendor_id(external);
	if (!PG_ARGISNULL(7))
	{
		DateADT		d = PG_GETARG_DATEADT(7);

		expiration = OidOutputFunctionCall(F_DATE_OUT, DateADTGetDatum(d));
		if (DATE_NOT_FINITE(d))
			bad_value(psprintf("invalid expiration_date %s", expiration),
					  "An expiration date is a finite date.");
		if (d < GetSQLCurrentDate())
			bad_value("expiration_date is in the past",
					  "A migrated certificate is Active: it expires today or later.");
	}

	/* Operations see every program; only a Published one takes certificates. */
	if (lc_lock("SELECT status, name, applicable_to, eligibility_client, eligibility_partner"
				"  FROM enrollment.programs WHERE id" EQ ID(1) " FOR SHARE",
				1, program_id) == 0)
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
				 errdetail("Certificates are migrated into Published programs only; the program is %s.",
						   program_status)));

	lc_client_account(client_id, &cert_client, &cert_partner);
	certificant = lc_certificant_lock(program_id, applicable_to, prog_client, prog_partner,
									  client_id, buyer_id, licensee_id, NULL,
									  cert_client, cert_partner);
	if (strcmp(applicable_to, "Buyer") == 0)
		buyer_id = certificant;
	else
		licensee_id = certificant;

	/*
	 * The given date, else the program's rule: two statements rather than a
	 * COALESCE, inside which Citus refuses the text to date cast.
	 */
	lc_exec(expiration != NULL ?
			"INSERT INTO enrollment.certificates (program_id, name, client_id, applicable_to,"
			"  buyer_id, licensee_id, eligibility_client, eligibility_partner, external_id_vendor,"
			"  status, expiration_date, created_by, activated_at, activated_by)"
			" SELECT p.id, $2, " ID(3) ", p.applicable_to, " ID(4) ", " ID(5) ","
			"        p.eligibility_client, p.eligibility_partner, $6, 'Active', $7::date,"
			"        " ID(8) ", pg_catalog.now(), " ID(8)
			"   FROM enrollment.programs p WHERE p.id" EQ ID(1)
			" RETURNING id::text, expiration_date::text" :
			"INSERT INTO enrollment.certificates (program_id, name, client_id, applicable_to,"
			"  buyer_id, licensee_id, eligibility_client, eligibility_partner, external_id_vendor,"
			"  status, expiration_date, created_by, activated_at, activated_by)"
			" SELECT p.id, $2, " ID(3) ", p.applicable_to, " ID(4) ", " ID(5) ","
			"        p.eligibility_client, p.eligibility_partner, $6, 'Active',"
			"        " CERT_EXPIRATION("p", "$9") ","
			"        " ID(8) ", pg_catalog.now(), " ID(8)
			"   FROM enrollment.programs p WHERE p.id" EQ ID(1)
			" RETURNING id::text, expiration_date::text",
			9, program_id, name ? name : program_name, client_id, buyer_id, licensee_id,
			external, expiration, actor->user_id, lc_today());
	certificate_id = lc_get(1);
	expiration = lc_get(2);
	lc_route_add(certificate_id, program_id);


	/* One instance per Active definition, as an enrollment snapshot has. */
	lc_exec("INSERT INTO enrollment.certificate_parameters (program_id, certificate_id, parameter_id,"
			"  phase, type, name, external_id, display_order, hidden, readonly, required, \"unique\", value)"
			" SELECT program_id, " ID(2) ", id, phase, type, name, external_id, display_order,"
			"        hidden, readonly, required, \"unique\", " LC_DEFAULT_VALUE_SQL
			"   FROM enrollment.parameters"
			"  WHERE program_id" EQ ID(1) " AND status = 'Active'",
			2, program_id, certificate_id);
	if (!PG_ARGISNULL(5))
		apply_parameters(PG_GETARG_JSONB_P(5), program_id, certificate_id);

	/* Last, so that the state snapshots hold the migrated values. */
	lc_exec("SELECT pg_catalog.jsonb_build_object('action', 'migrate')::text", 0);
	lc_history_append(program_id, "Certificate", certificate_id,
					  "platform.program.certificate.created", NULL, "Active", lc_get(1));
	lc_exec("SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object("
			"  'action', 'migrate', 'expirationDate', pg_catalog.to_jsonb($1::date)))::text",
			1, expiration);
	lc_history_append(program_id, "Certificate", certificate_id,
					  "platform.program.certificate.activated", NULL, "Active", lc_get(1));

	result = MemoryContextStrdup(caller_cxt, certificate_id);
	SPI_finish();

	PG_RETURN_DATUM(lc_return_id(result));
}
