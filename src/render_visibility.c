/*
 * render_visibility.c
 *		What the API's caller may see, per row: the policy helpers
 *		enrollment.api_sees_program_row, api_sees_program,
 *		api_sees_client_object, api_sees_enrollment, api_sees_certificate,
 *		api_sees_account, api_sees_user, api_sees_certificant and the two they
 *		lean on, api_client_holds and api_vendor_names_certificant
 *		(40_api_helpers.sql, README "API": visibility); and, as constants of
 *		a statement for index conditions, api_object_program_ids,
 *		api_object_client_floor and _ceiling, api_visible_program_ids
 *		(40_api_visibility.sql), which each scan of a rendering evaluates.
 *
 * The read policies of the child tables (enrollment_parameters,
 * certificate_parameters, enrollment_attachments) and of programs, accounts,
 * users, buyers and licensees call them once for every row they filter, and
 * the renderers read those tables as the caller: as SQL functions with a
 * pinned search_path (not inlinable) each call planned and ran its queries,
 * 0.5 to 2.5 ms, for every parameter of a rendered enrollment.  Here each
 * call runs at most one kept plan (lc_plan: prepared once per backend), fully
 * qualified (no search_path to pin), the ids bound as parameters, with the
 * rights of the function's owner (render_exec_as_owner), as the SECURITY
 * DEFINER SQL functions read: the rows consulted are behind row level
 * security themselves, and the answer is only yes or no about the caller.
 *
 * The caller is render_caller's one lookup (render_caller.c), the answer of
 * api_caller_type() and claim_account_id(), with its errors for malformed
 * claims.  Each rule is the SQL function's, three-valued as SQL evaluated
 * it: where the SQL compared an argument with the caller's account
 * (vendor_id = claim_account_id()), a NULL argument answers NULL; where it
 * read a row first (api_sees_program, api_sees_enrollment,
 * api_sees_certificate: coalesce((SELECT rule FROM row), false)), no row is
 * false and the caller is not looked up, so malformed claims are an error
 * only when the row exists, as there.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"

#include "actor.h"
#include "direct_read.h"
#include "distributed.h"
#include "lifecycle_spi.h"
#include "mpt_id.h"
#include "render.h"

typedef enum
{
	VIS_FALSE,
	VIS_TRUE,
	VIS_NULL
}			Vis;

static inline Vis
vis_of(bool b)
{
	return b ? VIS_TRUE : VIS_FALSE;
}

/* id = the caller's account: NULL when id is NULL (the account is never NULL here) */
static inline Vis
vis_same(const char *id, const char *account_id)
{
	if (id == NULL)
		return VIS_NULL;
	return vis_of(strcmp(id, account_id) == 0);
}

/* An id argument in canonical text, NULL for NULL. */
static const char *
id_arg(FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		return NULL;
	return mpt_id_to_cstring(PG_GETARG_MPT_ID_P(argno));
}

/* The caller's kind (LC_ACTOR_*, 0 for no caller) and account. */
static int
caller_kind(FunctionCallInfo fcinfo, const char **account_id)
{
	const char *type = render_caller(fcinfo, account_id);

	return type != NULL ? actor_kind_of(type) : 0;
}

/*
 * Any of the queries sqls (each "SELECT 1 ... LIMIT 1", with the same
 * arguments) as the owner finds a row; they run in order until one does.
 * One query per table rather than "SELECT EXISTS (...) OR EXISTS (...)": on
 * Citus a subquery over a distributed table is planned recursively, through
 * an intermediate result named after the distributed transaction, and these
 * helpers run on the workers inside the shard queries of one statement, in
 * parallel, which wrote and removed the same file (owner_id_array); a query
 * with the table in its FROM and the program given goes to one shard.
 */
static bool
owner_any(FunctionCallInfo fcinfo, const char *const *sqls, int nsql, int nargs,
		  const char *const *args)
{
	for (int i = 0; i < nsql; i++)
		if (render_exec_as_owner(fcinfo, sqls[i], nargs, args) > 0)
			return true;
	return false;
}

#define RETURN_VIS(v) \
	do { \
		Vis			v_ = (v); \
		if (v_ == VIS_NULL) \
			PG_RETURN_NULL(); \
		PG_RETURN_BOOL(v_ == VIS_TRUE); \
	} while (0)

/* ---------- programs ---------- */

/* api_client_holds: a (not deleted) certificate or enrollment of the program. */
static const char *const client_holds_sql[] = {
	"SELECT 1 FROM enrollment.certificates c WHERE c.program_id" EQ ID(1) " AND c.client_id" EQ ID(2)
	"   AND c.status OPERATOR(pg_catalog.<>) 'Deleted' LIMIT 1",
	"SELECT 1 FROM enrollment.enrollments e WHERE e.program_id" EQ ID(1) " AND e.client_id" EQ ID(2)
	"   AND e.status OPERATOR(pg_catalog.<>) 'Deleted' LIMIT 1",
};

static bool
client_holds(FunctionCallInfo fcinfo, const char *program_id, const char *client_id)
{
	const char *args[2] = {program_id, client_id};

	if (program_id == NULL || client_id == NULL)
		return false;
	return owner_any(fcinfo, client_holds_sql, lengthof(client_holds_sql), 2, args);
}

/* api_sees_program_row: operations all, a vendor its own, a client Published or held. */
static Vis
program_row(FunctionCallInfo fcinfo, const char *id, const char *vendor_id, const char *status)
{
	const char *account_id;

	switch (caller_kind(fcinfo, &account_id))
	{
		case LC_ACTOR_OPS:
			return VIS_TRUE;
		case LC_ACTOR_VENDOR:
			return vis_same(vendor_id, account_id);
		case LC_ACTOR_CLIENT:
			if (status != NULL && strcmp(status, "Published") == 0)
				return VIS_TRUE;
			if (client_holds(fcinfo, id, account_id))
				return VIS_TRUE;
			return status == NULL ? VIS_NULL : VIS_FALSE;
		default:
			return VIS_FALSE;
	}
}

PG_FUNCTION_INFO_V1(render_api_client_holds);

Datum
render_api_client_holds(PG_FUNCTION_ARGS)
{
	const char *program_id = id_arg(fcinfo, 0);
	const char *client_id = id_arg(fcinfo, 1);
	bool		holds;

	SPI_connect();
	holds = client_holds(fcinfo, program_id, client_id);
	SPI_finish();
	PG_RETURN_BOOL(holds);
}

PG_FUNCTION_INFO_V1(render_api_sees_program_row);

Datum
render_api_sees_program_row(PG_FUNCTION_ARGS)
{
	const char *id = id_arg(fcinfo, 0);
	const char *vendor_id = id_arg(fcinfo, 1);
	const char *status = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
	Vis			v;

	SPI_connect();
	v = program_row(fcinfo, id, vendor_id, status);
	SPI_finish();
	RETURN_VIS(v);
}

PG_FUNCTION_INFO_V1(render_api_sees_program);

/* api_sees_program: the program, not Deleted, by api_sees_program_row; never NULL. */
Datum
render_api_sees_program(PG_FUNCTION_ARGS)
{
	const char *id = id_arg(fcinfo, 0);
	Vis			v = VIS_FALSE;

	if (id == NULL)
		PG_RETURN_BOOL(false);
	SPI_connect();
	if (render_exec_as_owner(fcinfo,
							 "SELECT p.id::pg_catalog.text, p.vendor_id::pg_catalog.text, p.status"
							 "  FROM enrollment.programs p"
							 " WHERE p.id" EQ ID(1) " AND p.status OPERATOR(pg_catalog.<>) 'Deleted'",
							 1, &id) > 0)
	{
		char	   *pid = render_get(0, 1);
		char	   *vendor_id = render_get(0, 2);
		char	   *status = render_get(0, 3);

		v = program_row(fcinfo, pid, vendor_id, status);
	}
	SPI_finish();
	PG_RETURN_BOOL(v == VIS_TRUE);
}

/* ---------- enrollments and certificates ---------- */

/*
 * api_sees_client_object: operations all, a client its own, a vendor those of
 * its programs.  vendor_id: the program's vendor when the caller read it
 * already (known), else it is read here for a vendor.
 */
static Vis
client_object(FunctionCallInfo fcinfo, const char *program_id, const char *client_id,
			  bool known, const char *vendor_id)
{
	const char *account_id;

	switch (caller_kind(fcinfo, &account_id))
	{
		case LC_ACTOR_OPS:
			return VIS_TRUE;
		case LC_ACTOR_CLIENT:
			return vis_same(client_id, account_id);
		case LC_ACTOR_VENDOR:
			if (known)
				return vis_of(vendor_id != NULL && strcmp(vendor_id, account_id) == 0);
			if (program_id == NULL)
				return VIS_FALSE;
			{
				const char *args[2] = {program_id, account_id};

				return vis_of(render_exec_as_owner(fcinfo,
												   "SELECT 1 FROM enrollment.programs p"
												   " WHERE p.id" EQ ID(1) " AND p.vendor_id" EQ ID(2),
												   2, args) > 0);
			}
		default:
			return VIS_FALSE;
	}
}

PG_FUNCTION_INFO_V1(render_api_sees_client_object);

Datum
render_api_sees_client_object(PG_FUNCTION_ARGS)
{
	const char *program_id = id_arg(fcinfo, 0);
	const char *client_id = id_arg(fcinfo, 1);
	Vis			v;

	SPI_connect();
	v = client_object(fcinfo, program_id, client_id, false, NULL);
	SPI_finish();
	RETURN_VIS(v);
}

/*
 * The row of sql (client_id, its program's vendor_id) by api_sees_client_object;
 * false for no row and for NULL.  The policies of the value and attachment
 * tables ask about the same enrollment or certificate for each of its rows
 * (twenty parameters, twenty calls), so the answer is kept for the statement
 * (render_cache.c, kind: 'E' or 'C'): the object's id when visible, none when
 * not.  A missing row never looks the caller up.
 */
/*
 * sees_object_row's read by key on one server (direct_read.c), with the
 * owner's rights: the object's client and its program's vendor (NULL without
 * the program) into ids[0..1], unless the object is missing or a Deleted
 * enrollment (*found false).  False: run the statement.
 */
static bool
object_row_direct(FunctionCallInfo fcinfo, char kind, const char *const *args, bool *found,
				  char **ids)
{
	Datum		keys[2] = {MptIdPGetDatum(mpt_id_parse(args[0], strlen(args[0]))),
	MptIdPGetDatum(mpt_id_parse(args[1], strlen(args[1])))};
	DrRows		object,
				program;
	bool		isnull;
	Datum		d;

	if (!render_read_as_owner(fcinfo, kind == 'E' ? "enrollments" : "certificates",
							  kind == 'E' ? "enrollments_pkey" : "certificates_pkey", 2, keys, &object))
		return false;
	*found = object.n > 0;
	if (*found && kind == 'E')
	{
		d = dr_get(&object, 0, dr_attnum(&object, "status"), &isnull);
		*found = isnull || strcmp(TextDatumGetCString(d), "Deleted") != 0;
	}
	if (!*found)
		return true;
	d = dr_get(&object, 0, dr_attnum(&object, "client_id"), &isnull);
	ids[0] = isnull ? NULL : mpt_id_to_cstring(DatumGetMptIdP(d));
	if (!render_read_as_owner(fcinfo, "programs", "programs_pkey", 1, keys, &program))
		return false;
	ids[1] = NULL;
	if (program.n > 0)
	{
		d = dr_get(&program, 0, dr_attnum(&program, "vendor_id"), &isnull);
		ids[1] = isnull ? NULL : mpt_id_to_cstring(DatumGetMptIdP(d));
	}
	return true;
}

static bool
sees_object_row(FunctionCallInfo fcinfo, char kind, const char *sql)
{
	const char *args[2] = {id_arg(fcinfo, 0), id_arg(fcinfo, 1)};
	struct varlena *kept;
	Vis			v = VIS_FALSE;
	bool		found = false;
	char	   *ids[2];

	if (args[0] == NULL || args[1] == NULL)
		return false;
	SPI_connect();
	if (render_cache_get(fcinfo, kind, args[0], args[1], CurrentMemoryContext, &kept))
	{
		SPI_finish();
		return kept != NULL;
	}
	if (object_row_direct(fcinfo, kind, args, &found, ids))
	{
		if (found)
			v = client_object(fcinfo, args[0], ids[0], true, ids[1]);
	}
	else if (render_exec_as_owner(fcinfo, sql, 2, args) > 0)
	{
		char	   *client_id = render_get(0, 1);
		char	   *vendor_id = render_get(0, 2);

		v = client_object(fcinfo, args[0], client_id, true, vendor_id);
	}
	render_cache_put(fcinfo, kind, args[0], args[1],
					 v == VIS_TRUE ? (struct varlena *) cstring_to_text(args[1]) : NULL);
	SPI_finish();
	return v == VIS_TRUE;
}

PG_FUNCTION_INFO_V1(render_api_sees_enrollment);

/* api_sees_enrollment: the enrollment, never a Deleted one. */
Datum
render_api_sees_enrollment(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(sees_object_row(fcinfo, 'E',
								   "SELECT e.client_id::pg_catalog.text, p.vendor_id::pg_catalog.text"
								   "  FROM enrollment.enrollments e"
								   "  LEFT JOIN enrollment.programs p ON p.id" EQ "e.program_id"
								   " WHERE e.program_id" EQ ID(1) " AND e.id" EQ ID(2)
								   "   AND e.status OPERATOR(pg_catalog.<>) 'Deleted'"));
}

PG_FUNCTION_INFO_V1(render_api_sees_certificate);

/* api_sees_certificate: the certificate, in any status. */
Datum
render_api_sees_certificate(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(sees_object_row(fcinfo, 'C',
								   "SELECT c.client_id::pg_catalog.text, p.vendor_id::pg_catalog.text"
								   "  FROM enrollment.certificates c"
								   "  LEFT JOIN enrollment.programs p ON p.id" EQ "c.program_id"
								   " WHERE c.program_id" EQ ID(1) " AND c.id" EQ ID(2)));
}

/* ---------- accounts, users, buyers and licensees ---------- */

PG_FUNCTION_INFO_V1(render_api_sees_account);

/*
 * A vendor sees a non-client account, or a client of its programs; the first
 * query alone is a client's rule (with the same two arguments: one plan).
 */
static const char *const vendor_sees_account_sql[] = {
	"SELECT 1 FROM enrollment.accounts a WHERE a.id" EQ ID(1)
	"   AND a.type OPERATOR(pg_catalog.<>) 'Client'",
	"SELECT 1 FROM enrollment.enrollments e JOIN enrollment.programs p ON p.id" EQ "e.program_id"
	" WHERE e.client_id" EQ ID(1) " AND p.vendor_id" EQ ID(2) " LIMIT 1",
	"SELECT 1 FROM enrollment.certificates c JOIN enrollment.programs p ON p.id" EQ "c.program_id"
	" WHERE c.client_id" EQ ID(1) " AND p.vendor_id" EQ ID(2) " LIMIT 1",
};

/*
 * api_sees_account: operations all; everyone its own and the vendor and
 * operations accounts; a vendor also the client accounts of enrollments and
 * certificates (any status) of its programs.
 */
Datum
render_api_sees_account(PG_FUNCTION_ARGS)
{
	const char *id = id_arg(fcinfo, 0);
	const char *account_id;
	const char *args[2];
	Vis			v;

	SPI_connect();
	switch (caller_kind(fcinfo, &account_id))
	{
		case LC_ACTOR_OPS:
			v = VIS_TRUE;
			break;
		case LC_ACTOR_VENDOR:
			if ((v = vis_same(id, account_id)) != VIS_FALSE)
				break;
			args[0] = id;
			args[1] = account_id;
			v = vis_of(owner_any(fcinfo, vendor_sees_account_sql, lengthof(vendor_sees_account_sql),
								 2, args));
			break;
		case LC_ACTOR_CLIENT:
			if ((v = vis_same(id, account_id)) != VIS_FALSE)
				break;
			args[0] = id;
			args[1] = account_id;
			v = vis_of(owner_any(fcinfo, vendor_sees_account_sql, 1, 2, args));
			break;
		default:
			v = VIS_FALSE;
	}
	SPI_finish();
	RETURN_VIS(v);
}

PG_FUNCTION_INFO_V1(render_api_sees_user);

/* api_sees_user: operations all, everyone else its own account's users. */
Datum
render_api_sees_user(PG_FUNCTION_ARGS)
{
	const char *id = id_arg(fcinfo, 0);
	const char *account_id;
	Vis			v;

	SPI_connect();
	switch (caller_kind(fcinfo, &account_id))
	{
		case LC_ACTOR_OPS:
			v = VIS_TRUE;
			break;
		case LC_ACTOR_VENDOR:
		case LC_ACTOR_CLIENT:
			v = vis_same(id, account_id);
			break;
		default:
			v = VIS_FALSE;
	}
	SPI_finish();
	RETURN_VIS(v);
}

/*
 * api_vendor_names_certificant: a (not deleted) enrollment or certificate of
 * a program of account_id names the buyer or licensee; the coalesce is the
 * expression the indexes of 12_enrollment_tables.sql hold.
 */
static const char *const vendor_names_certificant_sql[] = {
	"SELECT 1 FROM enrollment.enrollments e JOIN enrollment.programs p ON p.id" EQ "e.program_id"
	" WHERE coalesce(e.buyer_id, e.licensee_id)" EQ ID(1)
	"   AND e.status OPERATOR(pg_catalog.<>) 'Deleted' AND p.vendor_id" EQ ID(2) " LIMIT 1",
	"SELECT 1 FROM enrollment.certificates c JOIN enrollment.programs p ON p.id" EQ "c.program_id"
	" WHERE coalesce(c.buyer_id, c.licensee_id)" EQ ID(1)
	"   AND c.status OPERATOR(pg_catalog.<>) 'Deleted' AND p.vendor_id" EQ ID(2) " LIMIT 1",
};

/*
 * vendor_names_certificant's read on one server (direct_read.c), with the
 * owner's rights: one probe of the (coalesce(buyer_id, licensee_id),
 * program_id) indexes, which hold no Deleted row, per program of the vendor
 * (enrollments, then certificates), up to the first row found, as the
 * statements' nested loops over the vendor's programs did; a certificant
 * named in many programs costs no more.  The vendor's programs (any status)
 * are programs[0..nprograms), or when NULL read here from the programs'
 * primary key into them (palloc'd).  False: run the statements.
 */
typedef struct NamesRead
{
	Datum		certificant;
	MptId	   *vendor;
	MptId	   *programs;
	int			nprograms;
	bool		names;
} NamesRead;

static bool
vendor_programs_read(NamesRead *a)
{
	DrScan	   *scan = dr_begin("programs", "programs_pkey", DR_CALLING_QUERY);
	TupleTableSlot *slot;
	int			vendor_col,
				id_col,
				cap = 8;

	if (scan == NULL)
		return false;
	vendor_col = dr_scan_attnum(scan, "vendor_id");
	id_col = dr_scan_attnum(scan, "id");
	a->programs = palloc(sizeof(MptId) * cap);
	a->nprograms = 0;
	dr_rescan(scan, 0, NULL, NULL);
	while ((slot = dr_next(scan)) != NULL)
	{
		bool		isnull;
		Datum		vendor = slot_getattr(slot, vendor_col, &isnull);

		if (isnull || mpt_id_compare(DatumGetMptIdP(vendor), a->vendor) != 0)
			continue;
		if (a->nprograms == cap)
			a->programs = repalloc(a->programs, sizeof(MptId) * (cap *= 2));
		a->programs[a->nprograms++] = *DatumGetMptIdP(slot_getattr(slot, id_col, &isnull));
	}
	dr_end(scan);
	return true;
}

static bool
names_read_fn(void *arg)
{
	static const char *const table[] = {"enrollments", "certificates"};
	static const char *const index[] = {"enrollments_certificant_idx", "certificates_certificant_idx"};
	NamesRead  *a = arg;

	if (a->programs == NULL && !vendor_programs_read(a))
		return false;
	a->names = false;
	for (int t = 0; t < lengthof(table) && !a->names; t++)
	{
		DrScan	   *rows = dr_begin(table[t], index[t], DR_CALLING_QUERY);
		int			status_col;

		if (rows == NULL)
			return false;
		status_col = dr_scan_attnum(rows, "status");
		for (int i = 0; i < a->nprograms && !a->names; i++)
		{
			Datum		keys[2] = {a->certificant, PointerGetDatum(&a->programs[i])};
			TupleTableSlot *slot;

			dr_rescan(rows, 2, keys, NULL);
			while (!a->names && (slot = dr_next(rows)) != NULL)
			{
				bool		isnull;
				Datum		status = slot_getattr(slot, status_col, &isnull);

				/* the index holds no Deleted row; the statement's condition all the same */
				a->names = isnull || strcmp(TextDatumGetCString(status), "Deleted") != 0;
			}
		}
		dr_end(rows);
	}
	return true;
}

static bool
vendor_names_certificant(FunctionCallInfo fcinfo, const char *certificant_id,
						 const char *account_id)
{
	const char *args[2] = {certificant_id, account_id};
	NamesRead	direct;
	struct varlena *kept,
			   *programs = NULL;
	bool		names;

	if (certificant_id == NULL || account_id == NULL)
		return false;
	/* kept for the statement (render_cache.c, kind 'N'): a list names the same buyers again and again */
	if (render_cache_get(fcinfo, 'N', certificant_id, account_id, CurrentMemoryContext, &kept))
		return kept != NULL;
	direct.certificant = MptIdPGetDatum(mpt_id_parse(certificant_id, strlen(certificant_id)));
	direct.vendor = mpt_id_parse(account_id, strlen(account_id));
	/* the vendor's programs, kept for the statement (kind 'W') as an array of MptId */
	direct.programs = NULL;
	if (render_cache_get(fcinfo, 'W', account_id, NULL, CurrentMemoryContext, &programs) && programs != NULL)
	{
		/* copied out of the varlena: its data is not aligned for MptId */
		direct.nprograms = (VARSIZE(programs) - VARHDRSZ) / sizeof(MptId);
		direct.programs = palloc(sizeof(MptId) * Max(direct.nprograms, 1));
		memcpy(direct.programs, VARDATA(programs), sizeof(MptId) * direct.nprograms);
	}
	if (render_as_owner(fcinfo, names_read_fn, &direct))
	{
		names = direct.names;
		if (programs == NULL)
		{
			Size		len = sizeof(MptId) * direct.nprograms;
			struct varlena *v = palloc(VARHDRSZ + len);

			SET_VARSIZE(v, VARHDRSZ + len);
			memcpy(VARDATA(v), direct.programs, len);
			render_cache_put(fcinfo, 'W', account_id, NULL, v);
		}
	}
	else
		names = owner_any(fcinfo, vendor_names_certificant_sql, lengthof(vendor_names_certificant_sql),
						  2, args);
	render_cache_put(fcinfo, 'N', certificant_id, account_id,
					 names ? (struct varlena *) cstring_to_text("t") : NULL);
	return names;
}

PG_FUNCTION_INFO_V1(render_api_vendor_names_certificant);

/*
 * For the caller's account (claim_account_id(), read first, with its errors):
 * false for no claim or a NULL certificant.
 */
Datum
render_api_vendor_names_certificant(PG_FUNCTION_ARGS)
{
	const char *certificant_id = id_arg(fcinfo, 0);
	bool		names;

	SPI_connect();
	names = vendor_names_certificant(fcinfo, certificant_id, render_claim_account_id());
	SPI_finish();
	PG_RETURN_BOOL(names);
}

PG_FUNCTION_INFO_V1(render_api_sees_certificant);

/*
 * api_sees_certificant: operations all, a client its own account's, a vendor
 * those an enrollment or certificate of its programs names.
 */
Datum
render_api_sees_certificant(PG_FUNCTION_ARGS)
{
	const char *owner_account = id_arg(fcinfo, 0);
	const char *certificant_id = id_arg(fcinfo, 1);
	const char *account_id;
	Vis			v;

	SPI_connect();
	switch (caller_kind(fcinfo, &account_id))
	{
		case LC_ACTOR_OPS:
			v = VIS_TRUE;
			break;
		case LC_ACTOR_CLIENT:
			v = vis_same(owner_account, account_id);
			break;
		case LC_ACTOR_VENDOR:
			v = vis_of(vendor_names_certificant(fcinfo, certificant_id, account_id));
			break;
		default:
			v = VIS_FALSE;
	}
	SPI_finish();
	RETURN_VIS(v);
}

/* ---------- row security that indexes serve (40_api_visibility.sql) ---------- */

/*
 * The one-array query sql as the owner, with the caller's account as $1 (or
 * no argument), its answer moved to the caller's context; fcinfo's empty
 * array when sql is NULL or its array_agg saw no row.  Inside SPI_connect.
 *
 * The queries aggregate (array_agg) rather than wrap a subquery in ARRAY():
 * on Citus these functions run on the workers inside each shard's query, and
 * an ARRAY(subquery) is planned recursively, through an intermediate result
 * named after the distributed transaction: the shard queries running in
 * parallel on one worker wrote and removed the same file ("COPY file
 * signature not recognized").  An aggregate over the reference table is one
 * local query.
 */
static Datum
owner_id_array(FunctionCallInfo fcinfo, const char *sql, const char *account_id)
{
	bool		isnull = true;
	Datum		d = (Datum) 0;

	if (sql != NULL)
	{
		if (render_exec_as_owner(fcinfo, sql, account_id ? 1 : 0, &account_id) != 1)
			elog(ERROR, "visibility array query returned no row");
		d = render_get_datum(0, 1, &isnull);
	}
	if (isnull)					/* no query, or array_agg over no row */
		d = PointerGetDatum(construct_empty_array(get_element_type(get_func_rettype(fcinfo->flinfo->fn_oid))));
	return SPI_datumTransfer(d, false, -1);
}

/* qsort comparator of mpt_id Datums */
static int
cmp_ids(const void *a, const void *b)
{
	return mpt_id_compare(DatumGetMptIdP(*(const Datum *) a), DatumGetMptIdP(*(const Datum *) b));
}

/*
 * The probes of client_programs' skip scan over table t's (client_id,
 * program_id) index: the client's first program, and its next one above
 * `above`.
 */
#define FIRST_PROGRAM(t) \
	"SELECT x.program_id FROM enrollment." t " x WHERE x.client_id" EQ ID(1) \
	" ORDER BY x.program_id LIMIT 1"
#define NEXT_PROGRAM(t, above) \
	"SELECT x.program_id FROM enrollment." t " x WHERE x.client_id" EQ ID(1) \
	"   AND x.program_id OPERATOR(pg_catalog.>) " above " ORDER BY x.program_id LIMIT 1"

/*
 * The skip scan in one statement per table: a recursive CTE whose every step
 * is one probe, so the probes share one executor instead of starting a
 * statement each (about 15 us apiece, 3 ms for a client of a hundred
 * programs).
 */
#define SKIP_SCAN(t) \
	"WITH RECURSIVE s(p) AS ((" FIRST_PROGRAM(t) ")" \
	"  UNION ALL SELECT (" NEXT_PROGRAM(t, "s.p") ") FROM s WHERE s.p IS NOT NULL)" \
	" SELECT p::pg_catalog.text FROM s WHERE p IS NOT NULL"

static const char *const skip_scan_sql[] = {SKIP_SCAN("enrollments"), SKIP_SCAN("certificates")};

/*
 * The distinct programs of a client's enrollments and certificates, sorted:
 * a skip scan of the (client_id, program_id) indexes, one probe per program
 * (ORDER BY program_id LIMIT 1 above the last one found), so the cost is the
 * number of programs, not of rows.  On one node the probes are index descents
 * (dr_distinct), or where that declines one statement per table
 * (skip_scan_sql); under Citus one statement each, because Citus
 * cannot distribute a recursive CTE without a condition on the distribution
 * column, and runs each probe as a multi-shard ORDER BY LIMIT.
 */
static Datum *
client_programs(FunctionCallInfo fcinfo, const char *account_id, int *count)
{
	static const char *const first[] = {FIRST_PROGRAM("enrollments"), FIRST_PROGRAM("certificates")};
	static const char *const next[] = {NEXT_PROGRAM("enrollments", ID(2)), NEXT_PROGRAM("certificates", ID(2))};
	int			n = 0,
				cap = 16,
				kept = 0;
	Datum	   *ids = palloc(sizeof(Datum) * cap);

	static const char *const table[] = {"enrollments", "certificates"};
	static const char *const index[] = {"enrollments_client_program_idx", "certificates_client_program_idx"};
	Datum		client = MptIdPGetDatum(mpt_id_parse(account_id, strlen(account_id)));

	for (int t = 0; t < lengthof(first); t++)
	{
		const char *args[2] = {account_id, NULL};
		uint64		rows;
		Datum	   *found;
		int			nfound;

		/* the skip scan by index descents on one server (direct_read.c) */
		if (render_distinct_as_owner(fcinfo, table[t], index[t], client, &found, &nfound))
		{
			if (n + nfound > cap)
				ids = repalloc(ids, sizeof(Datum) * (cap = n + nfound));
			memcpy(ids + n, found, sizeof(Datum) * nfound);
			n += nfound;
			continue;
		}
		if (!enr_citus_loaded())
		{
			rows = render_exec_as_owner(fcinfo, skip_scan_sql[t], 1, args);
			if (n + (int) rows > cap)
				ids = repalloc(ids, sizeof(Datum) * (cap = n + (int) rows));
			for (uint64 r = 0; r < rows; r++)
			{
				char	   *id = render_get(r, 1);

				ids[n++] = MptIdPGetDatum(mpt_id_parse(id, strlen(id)));
			}
			continue;
		}
		rows = render_exec_as_owner(fcinfo, first[t], 1, args);

		while (rows == 1)
		{
			char	   *id = render_get(0, 1);

			if (n == cap)
				ids = repalloc(ids, sizeof(Datum) * (cap *= 2));
			ids[n++] = MptIdPGetDatum(mpt_id_parse(id, strlen(id)));
			args[1] = id;
			rows = render_exec_as_owner(fcinfo, next[t], 2, args);
		}
	}
	qsort(ids, n, sizeof(Datum), cmp_ids);
	for (int i = 0; i < n; i++)
		if (kept == 0 || cmp_ids(&ids[kept - 1], &ids[i]) != 0)
			ids[kept++] = ids[i];
	*count = kept;
	return ids;
}

/* ids[0..n) as fcinfo's result array, moved out of SPI's context. */
static Datum
id_array(FunctionCallInfo fcinfo, Datum *ids, int n)
{
	Oid			elemtype = get_element_type(get_func_rettype(fcinfo->flinfo->fn_oid));
	int16		typlen;
	bool		typbyval;
	char		typalign;

	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	return SPI_datumTransfer(PointerGetDatum(construct_array(ids, n, elemtype, typlen, typbyval, typalign)),
							 false, -1);
}

/*
 * The distinct programs of a client's enrollments and certificates (any
 * status), as an array: what api_object_program_ids answers a client.  Kept
 * for the statement under that helper's kind ('O'), so that
 * client_visible_programs starts from the same array instead of walking the
 * indexes again.
 */
static Datum
client_program_ids(FunctionCallInfo fcinfo, const char *account_id)
{
	struct varlena *kept;
	int			n;
	Datum	   *ids;
	Datum		result;

	if (render_cache_get(fcinfo, 'O', "", NULL, CurrentMemoryContext, &kept) && kept != NULL)
		return PointerGetDatum(kept);
	ids = client_programs(fcinfo, account_id, &n);
	result = id_array(fcinfo, ids, n);
	render_cache_put(fcinfo, 'O', "", NULL, (struct varlena *) DatumGetPointer(result));
	return result;
}

/*
 * The programs api_sees_program admits a client: the Published ones and
 * those it holds a not deleted enrollment or certificate of, never a Deleted
 * one.  The candidates are client_program_ids'; only those that are neither
 * Published nor Deleted need a probe of (program_id, client_id, status) for
 * a row that is not deleted (on Citus one shard: the program is the
 * distribution column), and the programs themselves are one aggregate over
 * the programs (owner_id_array says why not ARRAY()).
 */
/*
 * client_visible_programs' reads of the programs by key, on one server
 * (direct_read.c), with the owner's rights: the candidates that are neither
 * Published nor Deleted into unpublished[0..*nunpublished), or (held given:
 * the sorted ids the probes admitted) every Published program and every held
 * one, not Deleted, in id order, into ids[0..*n).  False: run the statements.
 */
typedef struct ProgramsRead
{
	ArrayType  *candidates;
	char	  **unpublished;
	int		   *nunpublished;
	Datum	   *held;
	int			nheld;
	Datum	  **ids;
	int		   *n;
} ProgramsRead;

static bool
programs_read_fn(void *arg)
{
	ProgramsRead *a = arg;
	DrScan	   *scan = dr_begin("programs", "programs_pkey", DR_CALLING_QUERY);
	int			status_col,
				id_col;
	TupleTableSlot *slot;
	bool		isnull;

	if (scan == NULL)
		return false;
	status_col = dr_scan_attnum(scan, "status");
	id_col = dr_scan_attnum(scan, "id");
	if (a->unpublished != NULL)
	{
		Datum	   *cand;
		int			ncand;
		int16		typlen;
		bool		typbyval;
		char		typalign;

		get_typlenbyvalalign(ARR_ELEMTYPE(a->candidates), &typlen, &typbyval, &typalign);
		deconstruct_array(a->candidates, ARR_ELEMTYPE(a->candidates), typlen, typbyval, typalign,
						  &cand, NULL, &ncand);
		*a->nunpublished = 0;
		for (int i = 0; i < ncand; i++)
		{
			dr_rescan(scan, 1, &cand[i], NULL);
			if ((slot = dr_next(scan)) != NULL)
			{
				char	   *status = TextDatumGetCString(slot_getattr(slot, status_col, &isnull));

				if (strcmp(status, "Published") != 0 && strcmp(status, "Deleted") != 0)
					a->unpublished[(*a->nunpublished)++] = mpt_id_to_cstring(DatumGetMptIdP(cand[i]));
			}
		}
	}
	else
	{
		int			cap = 16,
					h = 0;

		*a->n = 0;
		*a->ids = palloc(sizeof(Datum) * cap);
		dr_rescan(scan, 0, NULL, NULL);
		while ((slot = dr_next(scan)) != NULL)
		{
			char	   *status = TextDatumGetCString(slot_getattr(slot, status_col, &isnull));
			MptId	   *id = DatumGetMptIdP(slot_getattr(slot, id_col, &isnull));

			/* both in id order: advance the held ids to this one */
			while (h < a->nheld && mpt_id_compare(DatumGetMptIdP(a->held[h]), id) < 0)
				h++;
			if (strcmp(status, "Deleted") == 0 ||
				(strcmp(status, "Published") != 0 &&
				 !(h < a->nheld && mpt_id_compare(DatumGetMptIdP(a->held[h]), id) == 0)))
				continue;
			if (*a->n == cap)
				*a->ids = repalloc(*a->ids, sizeof(Datum) * (cap *= 2));
			(*a->ids)[(*a->n)++] = datumCopy(PointerGetDatum(id), false, sizeof(MptId));
		}
	}
	dr_end(scan);
	return true;
}

/*
 * client_visible_programs' reads of the programs by key, on one server
 * (direct_read.c), with the owner's rights: the candidates that are neither
 * Published nor Deleted into unpublished[0..*nunpublished), or (unpublished
 * NULL; held: the sorted ids the probes admitted) every Published program
 * and every held one, not Deleted, in id order, into ids[0..*n).  False: run
 * the statements.
 */
static bool
programs_direct(FunctionCallInfo fcinfo, ArrayType *candidates, char **unpublished, int *nunpublished,
				Datum *held, int nheld, Datum **ids, int *n)
{
	ProgramsRead a = {candidates, unpublished, nunpublished, held, nheld, ids, n};

	return render_as_owner(fcinfo, programs_read_fn, &a);
}

static Datum
client_visible_programs(FunctionCallInfo fcinfo, const char *account_id)
{
	static const char *const held[] = {
		"SELECT 1 FROM enrollment.enrollments x WHERE x.program_id" EQ ID(2)
		"   AND x.client_id" EQ ID(1) " AND x.status OPERATOR(pg_catalog.<>) 'Deleted' LIMIT 1",
		"SELECT 1 FROM enrollment.certificates x WHERE x.program_id" EQ ID(2)
		"   AND x.client_id" EQ ID(1) " AND x.status OPERATOR(pg_catalog.<>) 'Deleted' LIMIT 1",
	};
	Datum		candidate_array = client_program_ids(fcinfo, account_id);
	ArrayType  *candidates = DatumGetArrayTypeP(candidate_array);
	StringInfoData list;
	const char *args[2];
	uint64		rows;
	char	  **unpublished;
	int			nunpublished;
	Datum	   *held_ids;
	int			nheld = 0;
	Datum	   *ids;
	int			n;
	bool		isnull;
	Datum		d;
	bool		direct;

	/* the candidates a probe must decide: not Published, not Deleted */
	unpublished = palloc(sizeof(char *) * Max(ArrayGetNItems(ARR_NDIM(candidates), ARR_DIMS(candidates)), 1));
	direct = programs_direct(fcinfo, candidates, unpublished, &nunpublished, NULL, 0, NULL, NULL);
	if (!direct)
	{
		args[0] = DatumGetCString(OidFunctionCall1(F_ARRAY_OUT, candidate_array));
		rows = render_exec_as_owner(fcinfo,
									"SELECT p.id::pg_catalog.text FROM enrollment.programs p"
									" WHERE p.id OPERATOR(pg_catalog.=) ANY ($1::enrollment.mpt_id[])"
									"   AND p.status OPERATOR(pg_catalog.<>) ALL ('{Published,Deleted}'::pg_catalog.text[])",
									1, args);
		nunpublished = (int) rows;
		for (uint64 r = 0; r < rows; r++)
			unpublished[r] = render_get(r, 1);
	}
	initStringInfo(&list);
	appendStringInfoChar(&list, '{');
	held_ids = palloc(sizeof(Datum) * Max(nunpublished, 1));
	for (int i = 0; i < nunpublished; i++)
	{
		args[0] = account_id;
		args[1] = unpublished[i];
		for (int t = 0; t < lengthof(held); t++)
			if (render_exec_as_owner(fcinfo, held[t], 2, args) == 1)
			{
				appendStringInfo(&list, "%s%s", list.len > 1 ? "," : "", unpublished[i]);
				held_ids[nheld++] = MptIdPGetDatum(mpt_id_parse(unpublished[i], strlen(unpublished[i])));
				break;
			}
	}
	appendStringInfoChar(&list, '}');
	/* the candidates came sorted (client_programs): so are the held ones */
	if (direct && programs_direct(fcinfo, NULL, NULL, NULL, held_ids, nheld, &ids, &n))
		return id_array(fcinfo, ids, n);
	args[0] = list.data;
	rows = render_exec_as_owner(fcinfo,
								"SELECT pg_catalog.array_agg(p.id ORDER BY p.id) FROM enrollment.programs p"
								" WHERE p.status OPERATOR(pg_catalog.<>) 'Deleted'"
								"   AND (p.status OPERATOR(pg_catalog.=) 'Published'"
								"        OR p.id OPERATOR(pg_catalog.=) ANY ($1::enrollment.mpt_id[]))",
								1, args);
	if (rows != 1)
		elog(ERROR, "visibility array query returned no row");
	d = render_get_datum(0, 1, &isnull);
	if (isnull)
		return id_array(fcinfo, NULL, 0);
	return SPI_datumTransfer(d, false, -1);
}

/*
 * The program-id array of a policy helper: ops_sql's for operations,
 * vendor_sql's (the vendor's account as $1) for a vendor, client_fn's for a
 * client, empty for everyone else.  Kept for the statement (render_cache.c,
 * kind): a statement's index conditions evaluate it again at every rescan
 * (each loop of a correlated subquery of the views).
 */
static Datum
program_id_array(FunctionCallInfo fcinfo, char kind, const char *ops_sql, const char *vendor_sql,
				 Datum (*client_fn) (FunctionCallInfo fcinfo, const char *account_id))
{
	const char *account_id;
	MemoryContext caller_cxt = CurrentMemoryContext;
	struct varlena *kept;
	Datum		result;
	int			who;

	SPI_connect();
	who = caller_kind(fcinfo, &account_id);
	if (render_cache_get(fcinfo, kind, "", NULL, caller_cxt, &kept) && kept != NULL)
	{
		SPI_finish();
		return PointerGetDatum(kept);
	}
	switch (who)
	{
		case LC_ACTOR_OPS:
			result = owner_id_array(fcinfo, ops_sql, NULL);
			break;
		case LC_ACTOR_VENDOR:
			result = owner_id_array(fcinfo, vendor_sql, account_id);
			break;
		case LC_ACTOR_CLIENT:
			result = client_fn(fcinfo, account_id);
			break;
		default:
			result = owner_id_array(fcinfo, NULL, NULL);
	}
	render_cache_put(fcinfo, kind, "", NULL, (struct varlena *) DatumGetPointer(result));
	SPI_finish();
	return result;
}

PG_FUNCTION_INFO_V1(render_api_object_program_ids);

/*
 * api_object_program_ids(): operations every program, a vendor its own (any
 * status), a client those it holds an enrollment or certificate of (any
 * status, one index probe per program: the (client_id, program_id) skip
 * scan), empty for everyone else.
 */
Datum
render_api_object_program_ids(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(program_id_array(fcinfo, 'O',
									 "SELECT pg_catalog.array_agg(p.id ORDER BY p.id) FROM enrollment.programs p",
									 "SELECT pg_catalog.array_agg(p.id ORDER BY p.id) FROM enrollment.programs p"
									 " WHERE p.vendor_id" EQ ID(1),
									 client_program_ids));
}

PG_FUNCTION_INFO_V1(render_api_visible_program_ids);

/*
 * api_visible_program_ids(): the programs api_sees_program admits, never a
 * Deleted one: operations all, a vendor its own, a client the Published ones
 * and those it holds a (not deleted) enrollment or certificate of; empty for
 * everyone else.
 */
Datum
render_api_visible_program_ids(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(program_id_array(fcinfo, 'V',
									 "SELECT pg_catalog.array_agg(p.id ORDER BY p.id) FROM enrollment.programs p"
									 " WHERE p.status OPERATOR(pg_catalog.<>) 'Deleted'",
									 "SELECT pg_catalog.array_agg(p.id ORDER BY p.id) FROM enrollment.programs p"
									 " WHERE p.vendor_id" EQ ID(1)
									 "   AND p.status OPERATOR(pg_catalog.<>) 'Deleted'",
									 client_visible_programs));
}

/*
 * The client range of api_object_client_floor/ceiling: a client its own
 * account, vendors and operations bound (the lowest or highest possible id),
 * NULL for everyone else.
 */
static Datum
client_bound(FunctionCallInfo fcinfo, const char *bound)
{
	MemoryContext caller_cxt = CurrentMemoryContext;
	const char *account_id;
	char	   *id = NULL;

	SPI_connect();
	switch (caller_kind(fcinfo, &account_id))
	{
		case LC_ACTOR_CLIENT:
			id = MemoryContextStrdup(caller_cxt, account_id);
			break;
		case LC_ACTOR_VENDOR:
		case LC_ACTOR_OPS:
			id = (char *) bound;
			break;
		default:
			break;
	}
	SPI_finish();
	if (id == NULL)
		PG_RETURN_NULL();
	return lc_return_id(id);
}

PG_FUNCTION_INFO_V1(render_api_object_client_floor);

Datum
render_api_object_client_floor(PG_FUNCTION_ARGS)
{
	return client_bound(fcinfo, "AAA-0000-0000");
}

PG_FUNCTION_INFO_V1(render_api_object_client_ceiling);

Datum
render_api_object_client_ceiling(PG_FUNCTION_ARGS)
{
	return client_bound(fcinfo, "ZZZ-9999-9999-9999");
}
