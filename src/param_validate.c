/*
 * param_validate.c
 *		The parameter validator: enrollment.enrollment_check_parameters (called
 *		by submit, process and complete), enrollment.enrollment_validate (a stored Draft
 *		or Querying enrollment) and enrollment.validate_enrollment_json (the
 *		"Validate draft enrollment" endpoint: an Enrollment document that is
 *		not stored).
 *
 * Problems with values are data: each offending parameter gets
 * error {id, message} and the enrollment error {"id": "ENR0001", "message":
 * "Enrollment has invalid parameters"}.  Only a malformed request (not JSON,
 * too large, wrong structure, unknown program) is an ERROR.
 *
 * Rules on top of pc_check_value (type, options, effective `required`):
 *	- required is enforced for visible (not hidden) Order-phase parameters
 *	  at the client's steps (validate, submit, process): fulfillment and
 *	  hidden parameters are the vendor's to fill.  Completion (and submit
 *	  under newCertificateAutoapprove, which completes at once) checks
 *	  through the Fulfillment phase: every required value, hidden ones
 *	  included, because the certificate is issued with these values (README
 *	  "Lifecycle");
 *	- readonly: in a draft document, an Order-phase readonly value must
 *	  still be the value the platform would put there: the definition's
 *	  defaultValue for a New enrollment, the certificate's value for a
 *	  re-enrollment (Change) (PRM0026).  A stored enrollment is not checked:
 *	  the client cannot write readonly values there at all
 *	  (enrollment_set_parameters), so they are the platform's, even when the
 *	  definition's default changed since;
 *	- unique: the value must not be held by the same parameter of another
 *	  enrollment of the program that is Processing or Querying, nor of a
 *	  certificate of the program that is Active, Updating or Expired (other
 *	  than this enrollment's own certificate) (PRM0027).  Drafts do not hold
 *	  values.  At submit, process and complete the check first takes a
 *	  transaction advisory lock per (program, parameter, value) and then
 *	  reads the latest committed values, both on the node of the program's
 *	  rows (unique_values_taken), so two concurrent transitions with
 *	  one value serialise at every isolation level; validate takes no lock;
 *	- an instance whose definition's stored options no longer parse gets
 *	  that definition error (OPTnnnn), not an exception.
 *
 * Cost: validating a stored enrollment runs 2 queries (enrollment + program
 * flags, instances), plus one for unique values (two in a transition: the
 * locks first) and one per write that changes something; a draft document
 * of a re-enrollment adds one for the certificate's values (readonly).
 * Definitions come from the per-backend cache (param_cache.c).
 *
 * Memory: everything, jansson trees included, lives in a per-call context
 * that is deleted at the end (or with its parent on error).
 */
#include "postgres.h"

#include "access/xact.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/memutils.h"
#include "utils/regproc.h"

#include "actor.h"
#include "enrollment_schema.h"
#include "errcodes.h"
#include "history.h"
#include "lifecycle_spi.h"
#include "object_route.h"
#include "param_glue.h"

#define ENR_ERROR_JSON \
	"{\"id\": \"" PC_ERR_ENROLLMENT_INVALID "\", \"message\": \"" PC_MSG_ENROLLMENT_INVALID "\"}"

typedef struct PvInstance
{
	const char *id;
	PcPhase		phase;			/* the list it is in */
	const PvDef *def;			/* NULL: unknown id */
	PcParamDef	eff;			/* definition with effective constraints */
	json_t	   *value;			/* NULL: missing */
	bool		value_set;		/* hook changed the value */
	PcError		err;
	bool		has_err;
	json_t	   *hook_error;		/* error the hook reported */
	json_t	   *old_error;		/* stored error (stored mode) */
	bool		old_by_vendor;	/* the vendor wrote old_error (error_by_vendor) */
	json_t	   *kept_error;		/* the vendor's stored error, kept (stored mode) */
	json_t	   *entry;			/* document entry (document mode) */
	bool		appended;		/* entry added for a left-out parameter */
	bool		skip;			/* no further checks (unknown, duplicate, ...) */
} PvInstance;

typedef struct PvRun
{
	const char *program_id;
	const char *enrollment_id;	/* NULL for a document */
	const char *certificate_id; /* own certificate, if any */
	bool		is_new;			/* type New (else Change) */
	bool		draft;			/* a draft document: readonly values must be the platform's */
	bool		client;			/* the caller is a client (document mode) */
	bool		hides_hidden;	/* hidden parameters do not exist for the caller (document mode) */
	bool		lock_unique;	/* a transition: serialise on unique values */
	const PvProgram *prog;
	PvInstance *inst;
	int			ninst;
	json_t	   *hook_error;		/* enrollment-level error from the hook */
	json_t	   *error;			/* the resulting enrollment error, or NULL */
	json_t	   *recorded_error; /* stored mode: the enrollment error now stored */
	bool		needs_lock;		/* dry, and something is to be written or a hook run */
} PvRun;

/* ---------- small helpers ---------- */

static void
set_err(PvInstance *in, const char *id, const char *msg)
{
	in->has_err = true;
	strlcpy(in->err.id, id, sizeof(in->err.id));
	strlcpy(in->err.message, msg, sizeof(in->err.message));
}

static json_t *
error_json(const PcError *err)
{
	return json_pack("{s:s,s:s}", "id", err->id, "message", err->message);
}

/* The instance's resulting error (platform first, then the hook's), new reference. */
static json_t *
instance_error(const PvInstance *in)
{
	if (in->has_err)
		return error_json(&in->err);
	if (in->hook_error)
		return json_incref(in->hook_error);
	return NULL;
}

static char *
dump(const json_t *j)
{
	char	   *s = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY | JSON_PRESERVE_ORDER);

	if (s == NULL)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory while writing JSON")));
	return s;
}

static json_t *
load_text(const char *text)
{
	json_error_t jerr;

	return text ? json_loads(text, JSON_DECODE_ANY, &jerr) : NULL;
}

static bool
same_json(const json_t *a, const json_t *b)
{
	bool		an = a == NULL || json_is_null(a);
	bool		bn = b == NULL || json_is_null(b);

	if (an || bn)
		return an && bn;
	return json_equal(a, b);
}

/*
 * The value enrollment_create puts into a New enrollment: defaultValue,
 * except the Email/Address/Contact presets ("Buyer", ...) and "" (new ref).
 */
static json_t *
platform_default(const PcParamDef *def)
{
	json_t	   *d;

	if (def->defaultJson == NULL)
		return NULL;
	d = load_text(def->defaultJson);
	if (d != NULL && json_is_string(d) &&
		(def->type == PC_TYPE_EMAIL || def->type == PC_TYPE_ADDRESS ||
		 def->type == PC_TYPE_CONTACT || json_string_length(d) == 0))
	{
		json_decref(d);
		return NULL;
	}
	return d;
}

/* A ParametrisedMessage {id?, message, parameters?} as the hook may send it. */
static bool
valid_message(const json_t *m)
{
	const json_t *msg,
			   *id;
	const char *key;
	json_t	   *v;

	if (!json_is_object(m))
		return false;
	msg = json_object_get(m, "message");
	if (!json_is_string(msg) || json_string_length(msg) == 0 ||
		pc_utf8_length(json_string_value(msg), json_string_length(msg)) > 4000)
		return false;
	id = json_object_get(m, "id");
	if (id != NULL && !json_is_string(id) && !json_is_null(id))
		return false;
	json_object_foreach((json_t *) m, key, v)
	{
		if (strcmp(key, "id") != 0 && strcmp(key, "message") != 0 &&
			strcmp(key, "parameters") != 0)
			return false;
	}
	return true;
}

/* ---------- the pre-validation hook ---------- */

static void
hook_refused(Oid hook, const char *what, const char *detail)
{
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BUSINESS_RULE),
			 errmsg("pre-validation hook %s returned an invalid response for %s",
					format_procedure(hook), what),
			 errdetail("%s", detail),
			 errhint("A hook returns NULL or {\"parameters\": {\"ordering\": [{\"id\": ..., \"value\": ..., \"error\": {\"id\": ..., \"message\": ...}}], \"fulfillment\": [...]}, \"error\": {...}}.")));
}

/*
 * Call the hook with document and apply its answer: per-parameter errors and
 * values (matched by id within the same phase), and an enrollment error.
 */
static void
run_hook(PvRun *run, Oid hook, const char *document, const char *what)
{
	char	   *answer = pv_call_hook(hook, document, what);
	json_t	   *root,
			   *params,
			   *err;
	static const char *const lists[] = {"ordering", "fulfillment"};
	json_error_t jerr;

	if (answer == NULL)
		return;
	root = json_loads(answer, JSON_DECODE_ANY, &jerr);
	if (root == NULL)
		/* valid JSON (it came through json/jsonb) that jansson cannot hold */
		hook_refused(hook, what, psprintf("The hook's answer cannot be read: %s.", jerr.text));
	if (!json_is_object(root))
		hook_refused(hook, what, "The hook returned a JSON value that is not an object.");
	err = json_object_get(root, "error");
	if (err != NULL && !json_is_null(err))
	{
		if (!valid_message(err))
			hook_refused(hook, what, "The hook's \"error\" is not a message {id?, message, parameters?}.");
		run->hook_error = err;
	}
	params = json_object_get(root, "parameters");
	if (params == NULL || json_is_null(params))
		return;
	if (!json_is_object(params))
		hook_refused(hook, what, "The hook's \"parameters\" is not an object.");
	for (int l = 0; l < 2; l++)
	{
		json_t	   *arr = json_object_get(params, lists[l]);
		size_t		i;
		json_t	   *e;

		if (arr == NULL || json_is_null(arr))
			continue;
		if (!json_is_array(arr))
			hook_refused(hook, what, psprintf("The hook's \"parameters.%s\" is not an array.", lists[l]));
		json_array_foreach(arr, i, e)
		{
			json_t	   *id = json_object_get(e, "id");
			json_t	   *perr = json_object_get(e, "error");
			json_t	   *val = json_object_get(e, "value");
			PvInstance *in = NULL;

			if (!json_is_object(e) || !json_is_string(id))
				hook_refused(hook, what, psprintf("The hook's parameters.%s[%zu] has no string id.", lists[l], i));
			for (int k = 0; k < run->ninst; k++)
				if ((int) run->inst[k].phase == l && run->inst[k].def != NULL &&
					strcmp(run->inst[k].id, json_string_value(id)) == 0)
				{
					in = &run->inst[k];
					break;
				}
			if (in == NULL)
				hook_refused(hook, what, psprintf("The hook names parameter %s, which is not in parameters.%s.",
												  json_string_value(id), lists[l]));
			if (perr != NULL && !json_is_null(perr))
			{
				if (!valid_message(perr))
					hook_refused(hook, what, psprintf("The hook's error for parameter %s is not a message {id?, message, parameters?}.",
													  json_string_value(id)));
				in->hook_error = perr;
			}
			if (val != NULL && !same_json(val, in->value))
			{
				in->value = json_is_null(val) ? NULL : val;
				in->value_set = true;
			}
		}
	}
}

/* ---------- the checks ---------- */

/* Type, options, required; readonly against the platform's value. */
static void
check_values(PvRun *run, json_t *expected_readonly)
{
	for (int k = 0; k < run->ninst; k++)
	{
		PvInstance *in = &run->inst[k];

		CHECK_FOR_INTERRUPTS();
		if (in->skip || in->has_err)
			continue;
		if (in->def->broken)
		{
			in->has_err = true;
			in->err = in->def->broken_err;
			continue;
		}
		if (pc_check_value(&in->eff, in->value, &pv_regex_check, &in->err) != 0)
		{
			in->has_err = true;
			continue;
		}
		if (run->draft && in->eff.readonly && in->phase == PC_PHASE_ORDER)
		{
			json_t	   *expected;
			bool		same;

			if (run->is_new)
				expected = platform_default(&in->def->def);
			else
				expected = json_incref(json_object_get(expected_readonly, in->id));
			same = same_json(in->value, expected);
			if (expected)
				json_decref(expected);
			if (!same)
				set_err(in, PV_ERR_READONLY, "Value is read-only and cannot be changed.");
		}
	}
}



/* unique: one query for every unique instance with a valid, non-empty value. */
static void
check_unique(PvRun *run)
{
	json_t	   *arr = json_array();
	char	   *text;
	uint64		n;

	for (int k = 0; k < run->ninst; k++)
	{
		PvInstance *in = &run->inst[k];

		if (in->skip || in->has_err || !in->eff.unique || in->value == NULL ||
			json_is_null(in->value))
			continue;
		json_array_append_new(arr, json_pack("{s:s,s:O}", "id", in->id, "value", in->value));
	}
	if (json_array_size(arr) == 0)
	{
		json_decref(arr);
		return;
	}
	text = dump(arr);
	/*
	 * A transition locks: once the per-value locks are ours, every competitor
	 * that held one has committed or rolled back, and the check must see its
	 * committed values even under REPEATABLE READ.  A validation reads its
	 * own snapshot.
	 */
	n = pv_unique_taken(run->program_id, run->enrollment_id, run->certificate_id, text, run->lock_unique);
	for (uint64 r = 0; r < n; r++)
	{
		char	   *id = pv_get(r, 1);

		for (int k = 0; k < run->ninst; k++)
			if (!run->inst[k].skip && !run->inst[k].has_err && strcmp(run->inst[k].id, id) == 0)
				set_err(&run->inst[k], PV_ERR_UNIQUE,
						"Value is already used by another enrollment or certificate of this program.");
	}
	json_decref(arr);
}

static PvStmt cert_values_stmt = {
	"SELECT parameter_id::text, value::text FROM enrollment.certificate_parameters"
	" WHERE program_id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id"
	"   AND certificate_id OPERATOR(pg_catalog.=) $2::enrollment.mpt_id",
	2
};

/* Every check; sets run->error (new reference or NULL). */
static void
check_all(PvRun *run)
{
	json_t	   *expected = NULL;
	bool		any = false;

	if (run->draft && !run->is_new && run->certificate_id != NULL)
	{
		bool		need = false;

		for (int k = 0; k < run->ninst; k++)
			need |= !run->inst[k].skip && run->inst[k].eff.readonly;
		if (need)
		{
			uint64		n = pv_exec(&cert_values_stmt, run->program_id, run->certificate_id);

			expected = pv_new_object();
			for (uint64 r = 0; r < n; r++)
			{
				json_t	   *v = load_text(pv_get(r, 2));

				if (v)
					json_object_set_new(expected, pv_get(r, 1), v);
			}
		}
	}
	check_values(run, expected);
	check_unique(run);
	if (expected)
		json_decref(expected);

	for (int k = 0; k < run->ninst; k++)
		any |= run->inst[k].has_err || run->inst[k].hook_error != NULL;
	if (run->hook_error)
		run->error = json_incref(run->hook_error);
	else if (any)
		run->error = load_text(ENR_ERROR_JSON);
	else
		run->error = NULL;
}

/*
 * Effective definition of an instance: the definition's options, these
 * constraints.  required binds visible Order parameters only, unless
 * all_phases (completion: the vendor has filled everything it is to fill).
 */
static void
set_effective(PvInstance *in, bool hidden, bool readonly, bool required, bool unique,
			  bool all_phases)
{
	in->eff = in->def->def;
	in->eff.hidden = hidden;
	in->eff.readonly = readonly;
	in->eff.unique = unique;
	in->eff.required = required &&
		(all_phases || (!hidden && in->phase == PC_PHASE_ORDER));
}

/* ---------- stored enrollments ---------- */

/* Draft and Querying enrollments are validated (enrollment_validate) */
static inline bool
validated_status(const char *status)
{
	return strcmp(status, "Draft") == 0 || strcmp(status, "Querying") == 0;
}

static PvStmt enrollment_stmt = {
	"SELECT e.status, e.type, e.certificate_id::text, e.error::text,"
	"       p.pre_validation_enrollment_draft, p.pre_validation_enrollment_querying,"
	"       p.pre_validation_re_enrollment, p.pre_validation_hook::oid::text, e.error_by_vendor"
	"  FROM enrollment.enrollments e"
	"  JOIN enrollment.programs p ON p.id OPERATOR(pg_catalog.=) e.program_id"
	" WHERE e.program_id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id"
	"   AND e.id OPERATOR(pg_catalog.=) $2::enrollment.mpt_id",
	2
};

static PvStmt instances_stmt = {
	"SELECT parameter_id::text, phase, hidden, readonly, required, \"unique\","
	"       value::text, error::text, external_id, name, type, error_by_vendor"
	"  FROM enrollment.enrollment_parameters"
	" WHERE program_id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id"
	"   AND enrollment_id OPERATOR(pg_catalog.=) $2::enrollment.mpt_id"
	" ORDER BY phase DESC, display_order, parameter_id",
	2
};

static PvStmt write_instances_stmt = {
	"UPDATE enrollment.enrollment_parameters p"
	"   SET error = CASE WHEN u.e OPERATOR(pg_catalog.?) 'error'"
	"                    THEN CASE WHEN u.e OPERATOR(pg_catalog.->) 'error' OPERATOR(pg_catalog.=) 'null'::jsonb"
	"                              THEN NULL ELSE u.e OPERATOR(pg_catalog.->) 'error' END"
	"                    ELSE p.error END,"
	"       error_by_vendor = p.error_by_vendor AND NOT u.e OPERATOR(pg_catalog.?) 'error',"
	"       value = CASE WHEN u.e OPERATOR(pg_catalog.?) 'value'"
	"                    THEN CASE WHEN u.e OPERATOR(pg_catalog.->) 'value' OPERATOR(pg_catalog.=) 'null'::jsonb"
	"                              THEN NULL ELSE u.e OPERATOR(pg_catalog.->) 'value' END"
	"                    ELSE p.value END"
	"  FROM pg_catalog.jsonb_array_elements($3::jsonb) AS u(e)"
	" WHERE p.program_id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id"
	"   AND p.enrollment_id OPERATOR(pg_catalog.=) $2::enrollment.mpt_id"
	"   AND p.parameter_id OPERATOR(pg_catalog.=) (u.e OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id",
	3
};

static PvStmt write_enrollment_stmt = {
	"UPDATE enrollment.enrollments SET error = $3::jsonb, error_by_vendor = false"
	" WHERE program_id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id"
	"   AND id OPERATOR(pg_catalog.=) $2::enrollment.mpt_id",
	3
};

/* The document a hook receives for a stored enrollment. */
static char *
stored_document(const PvRun *run, const char *status, const char *type)
{
	json_t	   *doc = pv_new_object();
	json_t	   *lists[2] = {json_array(), json_array()};
	json_t	   *params = pv_new_object();

	json_object_set_new(doc, "id", json_string(run->enrollment_id));
	json_object_set_new(doc, "type", json_string(type));
	json_object_set_new(doc, "status", json_string(status));
	json_object_set_new(doc, "program", json_pack("{s:s}", "id", run->program_id));
	if (run->certificate_id)
		json_object_set_new(doc, "certificate", json_pack("{s:s}", "id", run->certificate_id));
	for (int k = 0; k < run->ninst; k++)
	{
		const PvInstance *in = &run->inst[k];
		json_t	   *e;

		if (in->def == NULL)
			continue;
		e = pv_new_object();
		json_object_set_new(e, "id", json_string(in->id));
		if (in->def->def.externalId)
			json_object_set_new(e, "externalId", json_string(in->def->def.externalId));
		json_object_set_new(e, "name", json_string(in->def->def.name));
		json_object_set_new(e, "type", json_string(pc_type_name(in->def->def.type)));
		json_object_set_new(e, "phase", json_string(pc_phase_name(in->phase)));
		json_object_set_new(e, "constraints",
							json_pack("{s:b,s:b,s:b,s:b}", "hidden", in->eff.hidden,
									  "readonly", in->eff.readonly,
									  "required", in->def->def.required, "unique", in->eff.unique));
		json_object_set_new(e, "value", in->value ? json_incref(in->value) : json_null());
		json_array_append_new(lists[in->phase], e);
	}
	json_object_set_new(params, "ordering", lists[0]);
	json_object_set_new(params, "fulfillment", lists[1]);
	json_object_set_new(doc, "parameters", params);
	return dump(doc);
}

/*
 * Validate a stored enrollment and record the results.  Runs inside SPI
 * with the per-call context current.  all_phases: required values of the
 * Fulfillment phase and of hidden parameters too (completion).  Returns the
 * enrollment error as JSON text or NULL; *run_out (optional) gets the run
 * for a summary.  dry: write nothing and run no hook; when the enrollment
 * is not Draft or Querying, a hook is due, or anything would be recorded,
 * stop there with (*run_out)->needs_lock (enrollment_validate's first pass).
 */
static char *
check_stored(const char *program_id, const char *enrollment_id, bool transition,
			 bool all_phases, bool dry, MemoryContext call_cxt, PvRun **run_out)
{
	PvRun	   *run = palloc0(sizeof(PvRun));
	char	   *status,
			   *type,
			   *hook,
			   *old_error;
	bool		hook_on;
	bool		old_by_vendor;
	bool		edirect,
				idirect;
	PvTextRows	erows,
				irows;
	uint64		n;
	json_t	   *writes;
	json_t	   *old;
	json_t	   *rec;

	if (run_out)
		*run_out = run;
	/* by key where it can (param_stored_read.c), else the statement */
	edirect = pv_read_stored_enrollment(program_id, enrollment_id, &erows);
	n = edirect ? erows.n : pv_exec(&enrollment_stmt, program_id, enrollment_id);
	if (n == 0 && dry)
	{
		/* located on a newer snapshot than the calling query's: decide under the locks */
		run->needs_lock = true;
		return NULL;
	}
	if (n == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("enrollment %s not found", enrollment_id)));
#define EGET(col) (edirect ? pv_rows_get(&erows, 0, col) : pv_get(0, col))
#define EGET_BOOL(col) (EGET(col) != NULL && EGET(col)[0] == 't')
	status = EGET(1);
	type = EGET(2);
	run->program_id = program_id;
	run->enrollment_id = enrollment_id;
	run->lock_unique = transition;
	/* what the caller's status check under the locks must decide */
	if (dry && !validated_status(status))
	{
		run->needs_lock = true;
		return NULL;
	}
	run->certificate_id = EGET(3);
	old_error = EGET(4);
	old_by_vendor = EGET_BOOL(9);
	run->is_new = strcmp(type, "New") == 0;
	/*
	 * No readonly check here: a stored enrollment's readonly values are the
	 * platform's (a client cannot write them), and comparing them with the
	 * definition's current defaultValue would fail every existing Draft once
	 * the vendor changes that default.
	 */
	run->draft = false;
	hook = EGET(8);
	/*
	 * The preValidation flags name the client's steps (Draft, Querying);
	 * completing a Processing enrollment consults no hook.
	 */
	if (strcmp(status, "Querying") == 0)
		hook_on = EGET_BOOL(6);
	else if (strcmp(status, "Draft") != 0)
		hook_on = false;
	else if (run->is_new)
		hook_on = EGET_BOOL(5);
	else
		hook_on = EGET_BOOL(7);
#undef EGET
#undef EGET_BOOL
	if (hook_on && hook != NULL && dry)
	{
		/* a hook may set values, and its calls are not ours to repeat */
		run->needs_lock = true;
		return NULL;
	}

	run->prog = pv_program_acquire(program_id, call_cxt);

	idirect = pv_read_stored_instances(program_id, enrollment_id, &irows);
	n = idirect ? irows.n : pv_exec(&instances_stmt, program_id, enrollment_id);
#define IGET(r, col) (idirect ? pv_rows_get(&irows, r, col) : pv_get(r, col))
#define IGET_BOOL(r, col) (IGET(r, col) != NULL && IGET(r, col)[0] == 't')
	for (uint64 r = 0; r < n; r++)
	{
		char	   *id = IGET(r, 1);

		if (pv_find_def(run->prog, id, strlen(id)) == NULL)
		{
			/*
			 * The definitions predate this instance (loaded before the
			 * parameter was created, e.g. with an older snapshot): load them
			 * again, once, then read the instances again (the load ran a
			 * query).
			 */
			run->prog = pv_program_reload(program_id, call_cxt);
			idirect = pv_read_stored_instances(program_id, enrollment_id, &irows);
			n = idirect ? irows.n : pv_exec(&instances_stmt, program_id, enrollment_id);
			break;
		}
	}
	run->inst = palloc0(sizeof(PvInstance) * (n > 0 ? n : 1));
	for (uint64 r = 0; r < n; r++)
	{
		PvInstance *in = &run->inst[run->ninst];
		char	   *id = IGET(r, 1);

		in->id = id;
		in->phase = strcmp(IGET(r, 2), "Order") == 0 ? PC_PHASE_ORDER : PC_PHASE_FULFILLMENT;
		in->def = pv_find_def(run->prog, id, strlen(id));
		in->old_error = load_text(IGET(r, 8));
		in->old_by_vendor = IGET_BOOL(r, 12);
		if (in->def == NULL)
		{
			/* no definition even now: report it on the parameter, as for a document */
			in->skip = true;
			set_err(in, PV_ERR_UNKNOWN, "Parameter is not defined for this program.");
			run->ninst++;
			continue;
		}
		set_effective(in, IGET_BOOL(r, 3), IGET_BOOL(r, 4), IGET_BOOL(r, 5),
					  IGET_BOOL(r, 6), all_phases);
		in->value = load_text(IGET(r, 7));
		if (IGET(r, 7) != NULL && in->value == NULL)
		{
			/* jsonb jansson cannot hold (an integer beyond 64 bits) */
			set_err(in, PC_ERR_TYPE, "Value is not of a supported JSON form.");
			in->skip = true;
		}
		else if (in->value != NULL && json_is_null(in->value))
		{
			json_decref(in->value);
			in->value = NULL;
		}
		run->ninst++;
	}
#undef IGET
#undef IGET_BOOL

	if (hook_on && hook != NULL)
		run_hook(run, (Oid) strtoul(hook, NULL, 10), stored_document(run, status, type),
				 psprintf("enrollment %s", enrollment_id));

	check_all(run);

	/*
	 * Record what changed, in one statement.  The platform clears only the
	 * errors it wrote (its own and the hook's): an error the vendor wrote
	 * (error_by_vendor: enrollment_set_parameters) stays while this run finds
	 * nothing for that parameter; a new error replaces it.
	 */
	writes = json_array();
	for (int k = 0; k < run->ninst; k++)
	{
		PvInstance *in = &run->inst[k];
		json_t	   *e = instance_error(in);
		bool		keep = e == NULL && in->old_by_vendor && in->old_error != NULL &&
			!json_is_null(in->old_error);
		json_t	   *w;

		if (keep)
			in->kept_error = in->old_error;
		if (!in->value_set && (keep || same_json(e, in->old_error)))
		{
			if (e)
				json_decref(e);
			continue;
		}
		w = json_pack("{s:s}", "id", in->id);
		if (!keep)
			json_object_set_new(w, "error", e ? e : json_null());
		if (in->value_set)
			json_object_set(w, "value", in->value ? in->value : json_null());
		json_array_append_new(writes, w);
	}
	/*
	 * The enrollment error: one the vendor wrote (enrollment_update) is
	 * replaced only by the hook's error, never cleared nor covered by the
	 * summary ENR0001.
	 */
	old = load_text(old_error);
	rec = run->error;
	if (old_by_vendor && old != NULL && !json_is_null(old) && run->hook_error == NULL)
		rec = old;
	run->recorded_error = rec;
	if (dry && (json_array_size(writes) > 0 || !same_json(old, rec)))
	{
		json_decref(writes);
		run->needs_lock = true;
		return NULL;
	}
	if (json_array_size(writes) > 0)
		pv_exec(&write_instances_stmt, program_id, enrollment_id, dump(writes));
	/*
	 * Values the hook set are a change of the enrollment: the history records
	 * them (README "History"), or an as-of would not know them.  Errors are
	 * not history (validation recomputes them whenever it runs).
	 */
	{
		json_t	   *set = json_array();

		for (int k = 0; k < run->ninst; k++)
			if (run->inst[k].value_set)
				json_array_append_new(set, json_pack("{s:s,s:O}", "id", run->inst[k].id, "value",
													 run->inst[k].value ? run->inst[k].value : json_null()));
		if (json_array_size(set) > 0)
			lc_history_append(program_id, "Enrollment", enrollment_id,
							  "platform.program.enrollment.updated", NULL, NULL,
							  dump(json_pack("{s:o,s:s}", "parameters", set, "source", "preValidation")));
		else
			json_decref(set);
	}
	if (!same_json(old, rec))
		pv_exec(&write_enrollment_stmt, program_id, enrollment_id, rec ? dump(rec) : NULL);
	return run->error ? dump(run->error) : NULL;
}

/* Run fn-like body: per-call context, SPI, result copied to the caller's context. */
static MemoryContext
begin_call(void)
{
	MemoryContext call_cxt = AllocSetContextCreate(CurrentMemoryContext,
												   "enrollment parameter validation",
												   ALLOCSET_DEFAULT_SIZES);

	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_SUPPORTED),
				 errmsg("parameter validation requires a UTF8 database")));
	SPI_connect();
	MemoryContextSwitchTo(call_cxt);
	return call_cxt;
}

static void
end_call(MemoryContext call_cxt)
{
	SPI_finish();
	MemoryContextDelete(call_cxt);
}

PG_FUNCTION_INFO_V1(enrollment_check_parameters);

/*
 * enrollment.enrollment_check_parameters(program_id, enrollment_id,
 * through_phase): called by submit, process and complete under their locks,
 * with their caller checks done.  through_phase 'Order' (submit, process)
 * requires the visible Order values; 'Fulfillment' (complete, and submit
 * under newCertificateAutoapprove) requires every value of both phases.
 * Records each instance's error and the enrollment error; returns that
 * error (jsonb) or NULL when the parameters are valid.
 */
Datum
enrollment_check_parameters(PG_FUNCTION_ARGS)
{
	char	   *program_id = lc_id_arg(fcinfo, 0, "program_id");
	char	   *enrollment_id = lc_id_arg(fcinfo, 1, "enrollment_id");
	char	   *through = lc_text_arg(fcinfo, 2);
	bool		all_phases;
	MemoryContext caller_cxt;
	MemoryContext call_cxt;
	char	   *error;

	if (through == NULL || (strcmp(through, "Order") != 0 && strcmp(through, "Fulfillment") != 0))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 through ? errmsg("invalid through_phase \"%s\"", through) :
				 errmsg("through_phase is required"),
				 errdetail("through_phase is Order or Fulfillment.")));
	all_phases = strcmp(through, "Fulfillment") == 0;
	caller_cxt = CurrentMemoryContext;
	call_cxt = begin_call();
	error = check_stored(program_id, enrollment_id, true, all_phases, false, call_cxt, NULL);

	if (error)
		error = MemoryContextStrdup(caller_cxt, error);
	end_call(call_cxt);
	MemoryContextSwitchTo(caller_cxt);
	if (error == NULL)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(pv_jsonb_datum(error));
}

/*
 * check_stored's dry pass on the calling query's snapshot (enrollment_validate):
 * the run, or NULL when the check must be made under the locks.
 */
static PvRun *
check_stored_dry(const char *program_id, const char *enrollment_id, MemoryContext call_cxt)
{
	bool		was = pv_set_snapshot_reads(true);
	PvRun	   *run = NULL;

	PG_TRY();
	{
		(void) check_stored(program_id, enrollment_id, false, false, true, call_cxt, &run);
	}
	PG_FINALLY();
	{
		pv_set_snapshot_reads(was);
	}
	PG_END_TRY();
	return run->needs_lock ? NULL : run;
}

/* run with lc_lock (lifecycle_lock.c), like the lifecycle's own locks */
static const char lock_program_sql[] =
	"SELECT 1 FROM enrollment.programs"
	" WHERE id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id FOR SHARE";

static const char lock_enrollment_sql[] =
	"SELECT status FROM enrollment.enrollments"
	" WHERE program_id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id"
	"   AND id OPERATOR(pg_catalog.=) $2::enrollment.mpt_id FOR UPDATE";

PG_FUNCTION_INFO_V1(enrollment_validate);

/*
 * enrollment.enrollment_validate(id): the enrollment's client, its program's
 * vendor or operations validate a stored Draft or Querying enrollment.  The
 * errors are recorded as by check_parameters (status never changes; the
 * vendor's own errors are kept, see check_stored).  Returns {"id", "error"?,
 * "parameters": {"ordering": [{id, error}], "fulfillment": [...]}} with the
 * errors now recorded: the parameters that have one (hidden ones only for
 * vendors and operations).
 */
Datum
enrollment_validate(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "enrollment id");
	MemoryContext caller_cxt = CurrentMemoryContext;
	MemoryContext call_cxt = begin_call();
	Actor	   *actor = actor_current();
	char	   *program_id,
			   *status,
			   *result;
	PvRun	   *run;
	json_t	   *out,
			   *lists[2];

	/* found as the lifecycle finds it, visible by the same rule; never a Deleted one */
	if (!lc_locate_object(false, id) || strcmp(lc_get(4), "Deleted") == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("enrollment %s not found", id)));
	actor_require_sees(actor, lc_get(2), lc_get(3), "enrollment", id);
	program_id = lc_get(1);

	/*
	 * First without locks, on the calling query's snapshot (READ COMMITTED
	 * only).  A validation that finds what is already recorded writes
	 * nothing: it needs neither the row locks nor a transaction id, whose
	 * commit waits for the WAL flush (most of a call's time), and its answer
	 * is a read of that snapshot, as a GET's is.  Anything to record, a hook
	 * to run, or a status to refuse: the locks, and the check again under
	 * them.  Under REPEATABLE READ and SERIALIZABLE the locks come first, so
	 * that a validation that lost to a transition fails as before (PT409).
	 */
	run = IsolationUsesXactSnapshot() ? NULL : check_stored_dry(program_id, id, call_cxt);
	if (run == NULL)
	{
		lc_lock(lock_program_sql, 1, program_id);
		lc_lock(lock_enrollment_sql, 2, program_id, id);
		status = pv_get(0, 1);
		if (!validated_status(status))
			ereport(ERROR,
					(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
					 errmsg("enrollment %s is %s", id, status),
					 errdetail("Only Draft and Querying enrollments are validated.")));
		(void) check_stored(program_id, id, false, false, false, call_cxt, &run);
	}

	out = pv_new_object();
	lists[0] = json_array();
	lists[1] = json_array();
	json_object_set_new(out, "id", json_string(id));
	if (run->recorded_error)
		json_object_set(out, "error", run->recorded_error);
	for (int k = 0; k < run->ninst; k++)
	{
		PvInstance *in = &run->inst[k];
		json_t	   *e = in->kept_error ? json_incref(in->kept_error) : instance_error(in);

		if (e == NULL)
			continue;
		if (in->eff.hidden && !actor_sees_hidden(actor))
		{
			json_decref(e);
			continue;
		}
		json_array_append_new(lists[in->phase], json_pack("{s:s,s:o}", "id", in->id, "error", e));
	}
	json_object_set_new(out, "parameters",
						json_pack("{s:o,s:o}", "ordering", lists[0], "fulfillment", lists[1]));
	result = MemoryContextStrdup(caller_cxt, dump(out));
	end_call(call_cxt);
	MemoryContextSwitchTo(caller_cxt);
	PG_RETURN_DATUM(pv_jsonb_datum(result));
}

/* ---------- draft documents ---------- */

static void
bad_document(const char *msg, const char *detail)
{
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BAD_VALUE),
			 errmsg("%s", msg),
			 detail ? errdetail("%s", detail) : 0));
}

/*
 * Column 6: may a client ($2) see the program, by the views' rule (README
 * "API", Visibility): Published, or it holds an enrollment or certificate of it.
 */
static PvStmt program_stmt = {
	"SELECT vendor_id::text, status, pre_validation_enrollment_draft,"
	"       pre_validation_re_enrollment, pre_validation_hook::oid::text,"
	"       status OPERATOR(pg_catalog.=) 'Published'"
	"       OR enrollment.api_client_holds(id, $2::enrollment.mpt_id)"
	"  FROM enrollment.programs"
	" WHERE id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id",
	2
};

static PvStmt certificate_stmt = {
	"SELECT client_id::text FROM enrollment.certificates"
	" WHERE program_id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id"
	"   AND id OPERATOR(pg_catalog.=) $2::enrollment.mpt_id",
	2
};

/* An object key of a document es_require_enrollment accepted: the object or NULL. */
static json_t *
doc_object(json_t *parent, const char *key)
{
	json_t	   *v = json_object_get(parent, key);

	Assert(v == NULL || json_is_object(v));
	return v;
}

/* Collect the document's entries of one list as instances. */
static void
collect_entries(PvRun *run, json_t *arr, PcPhase phase, const char *list)
{
	size_t		i;
	json_t	   *e;

	if (arr == NULL || json_is_null(arr))
		return;
	Assert(json_is_array(arr));
	json_array_foreach(arr, i, e)
	{
		PvInstance *in = &run->inst[run->ninst++];
		json_t	   *id = json_object_get(e, "id");
		json_t	   *c;
		const char *ids;

		/* the schema made it an object whose id, if any, is a string */
		if (id == NULL)
			bad_document(psprintf("parameters.%s[%zu] must have an id", list, i),
						 "A parameter entry is {\"id\": \"PPM-...\", \"value\": ...}.");
		ids = json_string_value(id);
		in->id = ids;
		in->phase = phase;
		in->entry = e;
		in->value = json_object_get(e, "value");
		if (in->value != NULL && json_is_null(in->value))
			in->value = NULL;
		in->def = pv_find_def(run->prog, ids, json_string_length(id));
		if (in->def == NULL || !in->def->active || (run->hides_hidden && in->def->def.hidden))
		{
			in->def = NULL;
			in->skip = true;
			set_err(in, PV_ERR_UNKNOWN, "Parameter is not defined for this program.");
			continue;
		}
		for (int k = 0; k < run->ninst - 1; k++)
			if (run->inst[k].def != NULL && strcmp(run->inst[k].id, ids) == 0)
			{
				in->skip = true;
				set_err(in, PV_ERR_DUPLICATE_ID, "Parameter appears more than once.");
				break;
			}
		if (in->skip)
			continue;
		if (in->def->def.phase != phase)
		{
			in->skip = true;
			set_err(in, PV_ERR_WRONG_PHASE, in->def->def.phase == PC_PHASE_ORDER ?
					"Parameter belongs to the ordering parameters." :
					"Parameter belongs to the fulfillment parameters.");
			continue;
		}
		set_effective(in, in->def->def.hidden, in->def->def.readonly,
					  in->def->def.required, in->def->def.unique, false);
		if (phase == PC_PHASE_FULFILLMENT && run->client && in->value != NULL)
		{
			in->skip = true;
			set_err(in, PV_ERR_NOT_WRITABLE, "Fulfillment parameters are filled in by the vendor.");
			continue;
		}
		/* vendors and operations may override constraints per instance */
		c = json_object_get(e, "constraints");
		if (!run->client && c != NULL && pc_parse_constraints(c, &in->eff, &in->err) != 0)
		{
			in->skip = true;
			in->has_err = true;
			continue;
		}
		if (!run->client)
			in->eff.required = in->eff.required && !in->eff.hidden && phase == PC_PHASE_ORDER;
	}
}

/* A definition-shaped entry for an Order parameter the document left out. */
static json_t *
missing_entry(const PvDef *d, json_t *value)
{
	json_t	   *e = pv_new_object();

	json_object_set_new(e, "id", json_string(d->id));
	if (d->def.externalId)
		json_object_set_new(e, "externalId", json_string(d->def.externalId));
	json_object_set_new(e, "name", json_string(d->def.name));
	json_object_set_new(e, "type", json_string(pc_type_name(d->def.type)));
	json_object_set_new(e, "phase", json_string(pc_phase_name(d->def.phase)));
	/* the seed's Constraints: unique is the platform's, not part of the answer */
	json_object_set_new(e, "constraints",
						json_pack("{s:b,s:b,s:b}", "hidden", d->def.hidden,
								  "readonly", d->def.readonly, "required", d->def.required));
	json_object_set_new(e, "value", value ? json_incref(value) : json_null());
	return e;
}

PG_FUNCTION_INFO_V1(validate_enrollment_json);

/*
 * enrollment.validate_enrollment_json(enrollment text) returns json: the
 * Enrollment document with parameters.ordering[].error,
 * parameters.fulfillment[].error and error filled (or removed when valid),
 * every other key and the key order kept.  Nothing is stored.
 *
 * Document rules: at most PV_MAX_DOCUMENT bytes (22001, checked before
 * parsing); JSON without duplicate keys, nested at most PC_MAX_DOC_DEPTH
 * (22032 with line and column); then the seed's Enrollment schema at every
 * level (es_require_enrollment: unknown keys, JSON types, nulls, enums,
 * lengths, required keys; 22023 naming the path); program.id (22023, 22P02
 * for a malformed id; PT404 when the caller may not see the program: a
 * client sees Published programs, a vendor its own); type New (default) or
 * Change (a Change's certificate.id must name a certificate of the program
 * the caller may see, PT404 otherwise; a New's is ignored); parameter
 * entries with an id (22023 otherwise).  Unknown, deleted or (for a client)
 * hidden parameter ids, repeated ids, a parameter in the other phase's list
 * and a client's fulfillment value are per-parameter errors (PRM0028..31).
 * Active visible Order parameters the document leaves out are appended to
 * parameters.ordering with their default value and checked like the others.
 */
Datum
validate_enrollment_json(PG_FUNCTION_ARGS)
{
	text	   *doc_text;
	const char *buf;
	size_t		len;
	MemoryContext caller_cxt = CurrentMemoryContext;
	MemoryContext call_cxt;
	PcError		perr;
	json_t	   *root,
			   *program,
			   *pid,
			   *params,
			   *type,
			   *cert,
			   *lists[2];
	PvRun	   *run;
	Actor	   *actor;
	char	   *out,
			   *hook;
	bool		hook_on;
	size_t		maxinst;
	Datum		result;

	if (PG_ARGISNULL(0))
		bad_document("enrollment is required", NULL);
	doc_text = PG_GETARG_TEXT_PP(0);
	buf = VARDATA_ANY(doc_text);
	len = VARSIZE_ANY_EXHDR(doc_text);
	if (len > PV_MAX_DOCUMENT)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_TOO_LARGE),
				 errmsg("enrollment document is too large"),
				 errdetail("The document has %zu bytes; the limit is %d.", len, PV_MAX_DOCUMENT)));

	call_cxt = begin_call();
	actor = actor_current();
	if (pc_parse_document(buf, len, PV_MAX_DOCUMENT, &root, &perr) != 0)
		ereport(ERROR,
				(errcode(strcmp(perr.id, PC_ERR_DOC_TOO_LARGE) == 0 ?
						 ENR_ERRCODE_TOO_LARGE : ENR_ERRCODE_BAD_JSON),
				 errmsg("invalid enrollment document"),
				 errdetail("%s: %s", perr.id, perr.message)));
	/* the seed's Enrollment schema, at every level, before anything is read */
	es_require_enrollment(root);
	program = doc_object(root, "program");
	pid = program ? json_object_get(program, "id") : NULL;
	if (!json_is_string(pid))
		bad_document("program.id is required", "The enrollment names its program as {\"program\": {\"id\": \"PRG-...\"}}.");

	run = palloc0(sizeof(PvRun));
	run->program_id = mpt_id_to_cstring(mpt_id_parse(json_string_value(pid), json_string_length(pid)));
	type = json_object_get(root, "type");	/* New, Change or absent (schema) */
	run->is_new = type == NULL || strcmp(json_string_value(type), "New") == 0;
	run->draft = true;
	cert = doc_object(root, "certificate");
	/* a New enrollment has no certificate of its own yet: certificate.id is ignored */
	if (!run->is_new && cert && json_is_string(json_object_get(cert, "id")))
	{
		json_t	   *cid = json_object_get(cert, "id");

		run->certificate_id = mpt_id_to_cstring(mpt_id_parse(json_string_value(cid),
															 json_string_length(cid)));
	}

	/* who may see the program */
	run->client = actor->kind == LC_ACTOR_CLIENT;
	run->hides_hidden = !actor_sees_hidden(actor);
	if (pv_exec(&program_stmt, run->program_id, actor->account_id) == 0 ||
		strcmp(pv_get(0, 2), "Deleted") == 0 ||
		(actor->kind == LC_ACTOR_CLIENT && !pv_get_bool(0, 6)) ||
		(actor->kind == LC_ACTOR_VENDOR && strcmp(pv_get(0, 1), actor->account_id) != 0))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("program %s not found", run->program_id)));
	hook_on = pv_get_bool(0, run->is_new ? 3 : 4);
	hook = pv_get(0, 5);

	/*
	 * The certificate of a re-enrollment picks the expected readonly values
	 * and is left out of the unique check: it must be one of this program's
	 * that the caller may see (a client its own, a vendor its program's,
	 * operations any), else its values would leak through PRM0026.
	 */
	if (run->certificate_id != NULL &&
		(pv_exec(&certificate_stmt, run->program_id, run->certificate_id) == 0 ||
		 (actor->kind == LC_ACTOR_CLIENT && strcmp(pv_get(0, 1), actor->account_id) != 0)))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("certificate %s not found", run->certificate_id),
				 errdetail("A re-enrollment (type Change) names a certificate of program %s that the caller may see.",
						   run->program_id)));

	run->prog = pv_program_acquire(run->program_id, call_cxt);

	params = doc_object(root, "parameters");
	lists[0] = params ? json_object_get(params, "ordering") : NULL;
	lists[1] = params ? json_object_get(params, "fulfillment") : NULL;
	maxinst = run->prog->ndefs + (json_is_array(lists[0]) ? json_array_size(lists[0]) : 0) +
		(json_is_array(lists[1]) ? json_array_size(lists[1]) : 0);
	run->inst = palloc0(sizeof(PvInstance) * (maxinst > 0 ? maxinst : 1));
	collect_entries(run, lists[0], PC_PHASE_ORDER, "ordering");
	collect_entries(run, lists[1], PC_PHASE_FULFILLMENT, "fulfillment");

	/* Order parameters the document leaves out */
	for (int d = 0; d < run->prog->ndefs; d++)
	{
		const PvDef *def = &run->prog->defs[d];
		bool		present = false;
		PvInstance *in;

		if (!def->active || def->def.phase != PC_PHASE_ORDER ||
			(run->hides_hidden && def->def.hidden))
			continue;
		for (int k = 0; k < run->ninst && !present; k++)
			present = run->inst[k].def == def;
		if (present)
			continue;
		in = &run->inst[run->ninst++];
		in->id = def->id;
		in->phase = PC_PHASE_ORDER;
		in->def = def;
		in->value = platform_default(&def->def);
		set_effective(in, def->def.hidden, def->def.readonly, def->def.required, def->def.unique,
					  false);
		in->entry = missing_entry(def, in->value);
		in->appended = true;
	}

	if (hook_on && hook != NULL)
	{
		char	   *what = psprintf("draft enrollment of program %s", run->program_id);

		run_hook(run, (Oid) strtoul(hook, NULL, 10), pnstrdup(buf, len), what);
	}

	check_all(run);

	/* write the results into the document */
	for (int k = 0; k < run->ninst; k++)
	{
		PvInstance *in = &run->inst[k];
		json_t	   *e = instance_error(in);

		if (in->value_set)
			json_object_set(in->entry, "value", in->value ? in->value : json_null());
		if (e)
			json_object_set_new(in->entry, "error", e);
		else
			json_object_del(in->entry, "error");
	}
	for (int k = 0; k < run->ninst; k++)
	{
		PvInstance *in = &run->inst[k];

		if (!in->appended)
			continue;
		if (!json_is_array(lists[0]))
		{
			if (params == NULL)
			{
				params = pv_new_object();
				json_object_set_new(root, "parameters", params);
			}
			lists[0] = json_array();
			json_object_set_new(params, "ordering", lists[0]);
		}
		json_array_append(lists[0], in->entry);
	}
	if (run->error)
		json_object_set(root, "error", run->error);
	else
		json_object_del(root, "error");

	out = dump(root);
	len = strlen(out);
	MemoryContextSwitchTo(caller_cxt);
	result = pv_json_datum(out, len);
	end_call(call_cxt);
	PG_RETURN_DATUM(result);
}
