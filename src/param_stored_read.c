/*
 * param_stored_read.c
 *		check_stored's first two reads by key on one server (direct_read.c):
 *		the enrollment with its program's validation settings, and its
 *		parameter instances, as the text its statements answer.
 *
 * A stored validation is a read when it finds what is already recorded
 * (README "Parameters and validation"), and its statements' executor start
 * and stop outweighed the checks (test/bench/PROFILE.md, "Stored
 * validate"): the enrollment's was a nested loop join of two primary key
 * lookups, the instances' an index scan of the value table's primary key and
 * a sort.  These reads do the same lookups with index scans, on the snapshot
 * the statements would have read (pv_exec: the calling query's in the
 * unlocked pass, else a new command's), with the same rights (direct_read.c
 * applies the current user's grant and row level security), and answer each
 * column as its text cast would (the type's output function; the hook's oid
 * as a number, as ::oid::text).  They answer false where the statement must
 * run instead: under Citus, with enrollment.direct_reads off, where
 * direct_read.c declines.  This file includes utils/builtins.h, so never
 * jansson.h (param_spi.c says why).
 */
#include "postgres.h"

#include "catalog/pg_type_d.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "direct_read.h"
#include "mpt_id.h"
#include "param_spi.h"

/* One column of the scan's current row as text, NULL for NULL; as_oid: the Datum's oid in decimal. */
static char *
column_text(TupleTableSlot *slot, int attnum, bool as_oid)
{
	bool		isnull;
	Datum		d = slot_getattr(slot, attnum, &isnull);
	Oid			type = TupleDescAttr(slot->tts_tupleDescriptor, attnum - 1)->atttypid;
	Oid			out;
	bool		varlena;

	if (isnull)
		return NULL;
	if (as_oid)
		return psprintf("%u", DatumGetObjectId(d));
	getTypeOutputInfo(type, &out, &varlena);
	return OidOutputFunctionCall(out, d);
}

static DrSnapshot
reads_snapshot(void)
{
	return pv_snapshot_reads() ? DR_CALLING_QUERY : DR_NEW_COMMAND;
}

/*
 * enrollment_stmt's row (param_validate.c): status, type, certificate_id,
 * error, the program's three preValidation flags and its hook, and
 * error_by_vendor; no row when the enrollment or its program is not
 * visible.  The program is read on the enrollment's snapshot, as in the
 * statement's join.
 */
bool
pv_read_stored_enrollment(const char *program_id, const char *enrollment_id, PvTextRows *out)
{
	static const char *const ecols[] = {"status", "type", "certificate_id", "error"};
	static const char *const pcols[] = {"pre_validation_enrollment_draft", "pre_validation_enrollment_querying",
	"pre_validation_re_enrollment", "pre_validation_hook"};
	Datum		keys[2] = {MptIdPGetDatum(mpt_id_parse(program_id, strlen(program_id))),
	MptIdPGetDatum(mpt_id_parse(enrollment_id, strlen(enrollment_id)))};
	DrScan	   *e = dr_begin("enrollments", "enrollments_pkey", reads_snapshot());
	DrScan	   *p;
	TupleTableSlot *es,
			   *ps;

	if (e == NULL)
		return false;
	/* begun inside the enrollment's read: the same snapshot, the active one */
	p = dr_begin("programs", "programs_pkey", DR_CALLING_QUERY);
	if (p == NULL)
	{
		dr_end(e);
		return false;
	}
	out->ncols = 9;
	out->n = 0;
	out->vals = palloc0(sizeof(char *) * out->ncols);
	dr_rescan(e, 2, keys, NULL);
	dr_rescan(p, 1, keys, NULL);
	if ((es = dr_next(e)) != NULL && (ps = dr_next(p)) != NULL)
	{
		for (int i = 0; i < lengthof(ecols); i++)
			out->vals[i] = column_text(es, dr_scan_attnum(e, ecols[i]), false);
		for (int i = 0; i < lengthof(pcols); i++)
			out->vals[4 + i] = column_text(ps, dr_scan_attnum(p, pcols[i]), i == 3);
		out->vals[8] = column_text(es, dr_scan_attnum(e, "error_by_vendor"), false);
		out->n = 1;
	}
	dr_end(p);
	dr_end(e);
	return true;
}

/* an instance row and its sort keys */
typedef struct InstanceRow
{
	char	   *phase;
	int32		display_order;
	MptId		parameter_id;
	char	  **vals;
} InstanceRow;

/* ORDER BY phase DESC, display_order, parameter_id (all NOT NULL) */
static int
instance_cmp(const void *a, const void *b)
{
	const InstanceRow *x = a,
			   *y = b;
	int			c = strcmp(y->phase, x->phase);

	if (c != 0)
		return c;
	if (x->display_order != y->display_order)
		return x->display_order < y->display_order ? -1 : 1;
	return mpt_id_compare(&x->parameter_id, &y->parameter_id);
}

/*
 * instances_stmt's rows: parameter_id, phase, hidden, readonly, required,
 * unique, value, error, external_id, name, type, error_by_vendor, in its
 * order.  phase is 'Order' or 'Fulfillment' (a CHECK), which compare alike
 * in every collation.
 */
bool
pv_read_stored_instances(const char *program_id, const char *enrollment_id, PvTextRows *out)
{
	static const char *const cols[] = {"parameter_id", "phase", "hidden", "readonly", "required", "unique",
	"value", "error", "external_id", "name", "type", "error_by_vendor"};
	Datum		keys[2] = {MptIdPGetDatum(mpt_id_parse(program_id, strlen(program_id))),
	MptIdPGetDatum(mpt_id_parse(enrollment_id, strlen(enrollment_id)))};
	DrScan	   *s = dr_begin("enrollment_parameters", "enrollment_parameters_pkey", reads_snapshot());
	TupleTableSlot *slot;
	int			attnums[lengthof(cols)];
	int			order_col,
				cap = 32,
				n = 0;
	InstanceRow *rows;

	if (s == NULL)
		return false;
	for (int i = 0; i < lengthof(cols); i++)
		attnums[i] = dr_scan_attnum(s, cols[i]);
	order_col = dr_scan_attnum(s, "display_order");
	rows = palloc(sizeof(InstanceRow) * cap);
	dr_rescan(s, 2, keys, NULL);
	while ((slot = dr_next(s)) != NULL)
	{
		InstanceRow *r;
		bool		isnull;

		if (n == cap)
			rows = repalloc(rows, sizeof(InstanceRow) * (cap *= 2));
		r = &rows[n++];
		r->vals = palloc(sizeof(char *) * lengthof(cols));
		for (int i = 0; i < lengthof(cols); i++)
			r->vals[i] = column_text(slot, attnums[i], false);
		r->phase = r->vals[1];
		r->display_order = DatumGetInt32(slot_getattr(slot, order_col, &isnull));
		r->parameter_id = *DatumGetMptIdP(slot_getattr(slot, attnums[0], &isnull));
	}
	dr_end(s);
	qsort(rows, n, sizeof(InstanceRow), instance_cmp);
	out->ncols = lengthof(cols);
	out->n = n;
	out->vals = palloc(sizeof(char *) * out->ncols * Max(n, 1));
	for (int r = 0; r < n; r++)
		memcpy(&out->vals[r * out->ncols], rows[r].vals, sizeof(char *) * out->ncols);
	return true;
}
