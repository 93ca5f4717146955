/*
 * param_values.c
 *		enrollment.enrollment_set_parameters: parameter values of a stored
 *		enrollment (PUT /enrollments/{id} with parameters).
 *
 * Who writes what (README "Parameters and validation"):
 *	- the enrollment's client: ordering values only ({id, value}), while the
 *	  enrollment is Draft or Querying, never readonly ones; hidden
 *	  parameters do not exist for it (22023 as for an unknown id);
 *	- the program's vendor: ordering and fulfillment entries while the
 *	  enrollment is Processing or Querying: value, constraints overrides
 *	  {hidden, readonly, required, unique} and error (a message, or null to
 *	  clear it); externalId is accepted and ignored (it is the definition's);
 *	- operations: no parameter writes (42501).
 * An id that is not an instance of the enrollment in that list, a repeated
 * id, an unknown key or a malformed entry is 22023 naming it; a value whose
 * JSON is larger than PC_MAX_VALUE_BYTES is 22001.  Values are not
 * validated here (that is validate, submit, process and complete); a
 * written value clears the instance's error.  An error the vendor writes is marked
 * error_by_vendor: validation never clears it (a new error replaces it).
 *
 * Locks as the lifecycle: program FOR SHARE, then enrollment FOR UPDATE, then
 * one UPDATE of the instances.
 */
#include "postgres.h"

#include "executor/spi.h"

#include "actor.h"
#include "history.h"
#include "lifecycle_spi.h"
#include "param_glue.h"

typedef struct SetInstance
{
	char	   *id;
	PcPhase		phase;
	bool		hidden;
	bool		readonly;
	bool		required;
	bool		unique;
	bool		seen;
} SetInstance;

static void
bad_entry(const char *list, size_t index, const char *msg, const char *detail)
{
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BAD_VALUE),
			 errmsg("parameters.%s[%zu]: %s", list, index, msg),
			 detail ? errdetail("%s", detail) : 0));
}

static bool
message_ok(const json_t *m)
{
	const char *key;
	json_t	   *v;
	const json_t *msg = json_object_get(m, "message");
	const json_t *id = json_object_get(m, "id");

	if (!json_is_object(m) || !json_is_string(msg) || json_string_length(msg) == 0 ||
		pc_utf8_length(json_string_value(msg), json_string_length(msg)) > 4000 ||
		(id != NULL && !json_is_string(id) && !json_is_null(id)))
		return false;
	json_object_foreach((json_t *) m, key, v)
		if (strcmp(key, "id") != 0 && strcmp(key, "message") != 0 && strcmp(key, "parameters") != 0)
		return false;
	return true;
}

/* Check one list and append its writes; returns the number of entries. */
static void
collect(const char *text, PcPhase phase, bool vendor, SetInstance *inst, int ninst,
		const char *enrollment_id, json_t *writes)
{
	const char *list = phase == PC_PHASE_ORDER ? "ordering" : "fulfillment";
	json_error_t jerr;
	json_t	   *arr,
			   *e;
	size_t		i;

	if (text == NULL)
		return;
	arr = json_loads(text, JSON_DECODE_ANY, &jerr);
	if (arr == NULL)
		/* jsonb that jansson cannot hold: an integer beyond 64 bits */
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("parameters.%s cannot be read", list),
				 errdetail("%s at line %d, column %d.", jerr.text, jerr.line, jerr.column),
				 errhint("Integers must fit in 64 bits; send larger numbers as strings.")));
	if (!json_is_array(arr))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("parameters.%s must be a JSON array", list),
				 errdetail("Entries are {\"id\": \"PPM-...\", \"value\": ...}.")));
	json_array_foreach(arr, i, e)
	{
		json_t	   *id = json_object_get(e, "id");
		json_t	   *w;
		const char *key;
		json_t	   *v;
		SetInstance *in = NULL;

		if (!json_is_object(e) || !json_is_string(id))
			bad_entry(list, i, "an entry must be an object with a string id",
					  "Entries are {\"id\": \"PPM-...\", \"value\": ...}.");
		for (int k = 0; k < ninst; k++)
			if (inst[k].phase == phase && strcmp(inst[k].id, json_string_value(id)) == 0 &&
				(vendor || !inst[k].hidden))
				in = &inst[k];
		if (in == NULL)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("parameter %s is not a%s parameter of enrollment %s",
							json_string_value(id),
							phase == PC_PHASE_ORDER ? "n ordering" : " fulfillment",
							enrollment_id)));
		if (in->seen)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("parameter %s appears twice in parameters.%s", in->id, list)));
		in->seen = true;

		w = json_pack("{s:s}", "id", in->id);
		json_object_foreach(e, key, v)
		{
			if (strcmp(key, "id") == 0)
				continue;
			if (strcmp(key, "value") == 0)
			{
				if (!vendor && in->readonly)
					ereport(ERROR,
							(errcode(ENR_ERRCODE_BAD_VALUE),
							 errmsg("parameter %s is read-only", in->id),
							 errdetail("A client cannot change the value of a read-only parameter.")));
				if (pc_value_size(v) > PC_MAX_VALUE_BYTES)
					ereport(ERROR,
							(errcode(ENR_ERRCODE_TOO_LARGE),
							 errmsg("value of parameter %s is too large", in->id),
							 errdetail("A value has at most %d bytes of JSON, nested at most %d levels.",
									   PC_MAX_VALUE_BYTES, PC_MAX_DEPTH)));
				json_object_set(w, "value", v);
			}
			else if (vendor && strcmp(key, "constraints") == 0)
			{
				PcParamDef	scratch;
				PcError		err;

				pc_def_init(&scratch, PC_TYPE_SINGLE_LINE_TEXT);
				scratch.hidden = in->hidden;
				scratch.readonly = in->readonly;
				scratch.required = in->required;
				scratch.unique = in->unique;
				if (pc_parse_constraints(v, &scratch, &err) != 0)
					ereport(ERROR,
							(errcode(ENR_ERRCODE_BAD_VALUE),
							 errmsg("invalid constraints for parameter %s", in->id),
							 errdetail("%s: %s", err.id, err.message)));
				json_object_set_new(w, "constraints",
									json_pack("{s:b,s:b,s:b,s:b}", "hidden", scratch.hidden,
											  "readonly", scratch.readonly,
											  "required", scratch.required,
											  "unique", scratch.unique));
			}
			else if (vendor && strcmp(key, "error") == 0)
			{
				if (!json_is_null(v) && !message_ok(v))
					ereport(ERROR,
							(errcode(ENR_ERRCODE_BAD_VALUE),
							 errmsg("invalid error for parameter %s", in->id),
							 errdetail("An error is {id?, message, parameters?} with a message of 1 to 4000 characters, or null.")));
				json_object_set(w, "error", v);
			}
			else if (vendor && strcmp(key, "externalId") == 0)
				continue;
			else
				bad_entry(list, i, psprintf("unknown key \"%s\"", key),
						  vendor ? "A vendor sends id, value, constraints, error and externalId." :
						  "A client sends id and value.");
		}
		json_array_append_new(writes, w);
	}
	json_decref(arr);
}

static PvStmt write_stmt = {
	"UPDATE enrollment.enrollment_parameters p SET"
	"   value = CASE WHEN u.e OPERATOR(pg_catalog.?) 'value'"
	"                THEN NULLIF(u.e OPERATOR(pg_catalog.->) 'value', 'null'::jsonb)"
	"                ELSE p.value END,"
	"   error = CASE WHEN u.e OPERATOR(pg_catalog.?) 'error'"
	"                THEN NULLIF(u.e OPERATOR(pg_catalog.->) 'error', 'null'::jsonb)"
	"                WHEN u.e OPERATOR(pg_catalog.?) 'value' THEN NULL"
	"                ELSE p.error END,"
	"   error_by_vendor = CASE WHEN u.e OPERATOR(pg_catalog.?) 'error' THEN true"
	"                WHEN u.e OPERATOR(pg_catalog.?) 'value' THEN false"
	"                ELSE p.error_by_vendor END,"
	"   hidden = coalesce((u.e OPERATOR(pg_catalog.#>>) '{constraints,hidden}')::boolean, p.hidden),"
	"   readonly = coalesce((u.e OPERATOR(pg_catalog.#>>) '{constraints,readonly}')::boolean, p.readonly),"
	"   required = coalesce((u.e OPERATOR(pg_catalog.#>>) '{constraints,required}')::boolean, p.required),"
	"   \"unique\" = coalesce((u.e OPERATOR(pg_catalog.#>>) '{constraints,unique}')::boolean, p.\"unique\")"
	"  FROM pg_catalog.jsonb_array_elements($3::jsonb) AS u(e)"
	" WHERE p.program_id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id"
	"   AND p.enrollment_id OPERATOR(pg_catalog.=) $2::enrollment.mpt_id"
	"   AND p.parameter_id OPERATOR(pg_catalog.=) (u.e OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id",
	3
};

PG_FUNCTION_INFO_V1(enrollment_set_parameters);

/*
 * enrollment.enrollment_set_parameters(id, ordering, fulfillment) returns
 * the enrollment id.  NULL lists are left alone.
 */
Datum
enrollment_set_parameters(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "enrollment id");
	char	   *ordering = lc_jsonb_arg(fcinfo, 1);
	char	   *fulfillment = lc_jsonb_arg(fcinfo, 2);
	Actor	   *actor;
	char	   *program_id,
			   *status;
	bool		vendor;
	uint64		n;
	SetInstance *inst;
	json_t	   *writes;
	json_t	   *notes;
	char	   *text;

	SPI_connect();
	actor = actor_current();
	if (lc_exec("SELECT e.program_id::text, e.client_id" EQ ID(2) ", p.vendor_id" EQ ID(2)
				"  FROM enrollment.enrollments e"
				"  JOIN enrollment.programs p ON p.id" EQ "e.program_id"
				" WHERE e.id" EQ ID(1) " AND e.status <> 'Deleted'",
				2, id, actor->account_id) == 0 ||
		(actor->kind == LC_ACTOR_CLIENT && !lc_get_bool(2)) ||
		(actor->kind == LC_ACTOR_VENDOR && !lc_get_bool(3)))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("enrollment %s not found", id)));
	program_id = lc_get(1);
	actor_require_kind(actor, LC_ACTOR_CLIENT | LC_ACTOR_VENDOR,
					   "set parameters of", "enrollment", id);
	vendor = actor->kind == LC_ACTOR_VENDOR;

	lc_lock("SELECT 1 FROM enrollment.programs WHERE id" EQ ID(1) " FOR SHARE", 1, program_id);
	lc_lock("SELECT status FROM enrollment.enrollments"
			" WHERE program_id" EQ ID(1) " AND id" EQ ID(2) " FOR UPDATE",
			2, program_id, id);
	status = lc_get(1);
	if (vendor ? (strcmp(status, "Processing") != 0 && strcmp(status, "Querying") != 0)
		: (strcmp(status, "Draft") != 0 && strcmp(status, "Querying") != 0))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
				 errmsg("parameters of enrollment %s cannot be changed while it is %s", id, status),
				 errdetail(vendor ?
						   "The vendor sets parameters while the enrollment is Processing or Querying." :
						   "The client sets ordering values while the enrollment is Draft or Querying.")));

	if (!vendor && fulfillment != NULL && strcmp(fulfillment, "[]") != 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_FORBIDDEN),
				 errmsg("a client account cannot set fulfillment parameters of enrollment %s", id),
				 errdetail("Fulfillment parameters are filled in by the program's vendor.")));

	n = lc_exec("SELECT parameter_id::text, phase, hidden, readonly, required, \"unique\""
				"  FROM enrollment.enrollment_parameters"
				" WHERE program_id" EQ ID(1) " AND enrollment_id" EQ ID(2),
				2, program_id, id);
	inst = palloc0(sizeof(SetInstance) * (n > 0 ? n : 1));
	for (uint64 r = 0; r < n; r++)
	{
		inst[r].id = lc_get_row(r, 1);
		inst[r].phase = strcmp(lc_get_row(r, 2), "Order") == 0 ? PC_PHASE_ORDER : PC_PHASE_FULFILLMENT;
		inst[r].hidden = lc_get_row(r, 3)[0] == 't';
		inst[r].readonly = lc_get_row(r, 4)[0] == 't';
		inst[r].required = lc_get_row(r, 5)[0] == 't';
		inst[r].unique = lc_get_row(r, 6)[0] == 't';
	}

	writes = json_array();
	collect(ordering, PC_PHASE_ORDER, vendor, inst, (int) n, id, writes);
	if (vendor)
		collect(fulfillment, PC_PHASE_FULFILLMENT, vendor, inst, (int) n, id, writes);

	if (json_array_size(writes) > 0)
	{
		text = json_dumps(writes, JSON_COMPACT);
		pv_exec(&write_stmt, program_id, id, text);
		lc_exec("UPDATE enrollment.enrollments SET updated_at = pg_catalog.now(),"
				"       updated_by = " ID(3) ", revision = revision + 1"
				" WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
				3, program_id, id, actor->user_id);
		/* what was written: per parameter its new value, constraints, error */
		notes = json_pack("{s:O}", "parameters", writes);
		text = json_dumps(notes, JSON_COMPACT);
		json_decref(notes);
		lc_history_append(program_id, "Enrollment", id, "platform.program.enrollment.updated",
						  NULL, NULL, text);
	}
	json_decref(writes);
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}
