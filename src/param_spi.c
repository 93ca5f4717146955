/*
 * param_spi.c
 *		Prepared SPI statements and Datum helpers for the parameter glue.
 *
 * This file includes utils/builtins.h and therefore never jansson.h (their
 * json_object/json_typeof declarations clash).  Statements are constant SQL
 * text run through the engine's SPI layer (lifecycle_spi.c): prepared once
 * per backend, every value a parameter (ids as mpt_id, the rest text cast inside the statement), so
 * nothing a caller sends is spliced into SQL, and validating an enrollment
 * costs no parse or plan.
 */
#include "postgres.h"

#include <stdarg.h>

#include "catalog/pg_type_d.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "lifecycle_spi.h"
#include "param_spi.h"

#define PV_MAX_ARGS 8

/* pv_exec reads the calling query's snapshot (pv_set_snapshot_reads) */
static bool snapshot_reads = false;

/*
 * While on, pv_exec runs its statements read only on the snapshot of the
 * query that called the function (lc_exec_read_only): reads that must agree
 * with one another and write nothing (enrollment_validate's first, unlocked
 * pass).  Returns the previous setting, to restore (also on error).
 */
bool
pv_set_snapshot_reads(bool on)
{
	bool		was = snapshot_reads;

	snapshot_reads = on;
	return was;
}

/* whether pv_exec reads the calling query's snapshot now (param_stored_read.c reads the same) */
bool
pv_snapshot_reads(void)
{
	return snapshot_reads;
}

/*
 * Run stmt with its nargs text arguments (const char *, NULL for SQL NULL)
 * through lc_exec_argv: the plan kept per backend, and with latest the
 * statement reads what is committed now even under REPEATABLE READ or
 * SERIALIZABLE, as a foreign-key check does: for a rule that must hold
 * across transactions (a unique value), after the lock that orders the
 * competitors, the transaction's own older snapshot would miss the winner's
 * committed row.  Returns SPI_processed; the rows stay in SPI_tuptable.
 */
static uint64
pv_exec_va(PvStmt *stmt, bool latest, va_list ap)
{
	const char *args[PV_MAX_ARGS];

	Assert(stmt->nargs <= PV_MAX_ARGS);
	for (int i = 0; i < stmt->nargs; i++)
		args[i] = va_arg(ap, const char *);
	if (snapshot_reads && !latest)
		return lc_exec_read_only(stmt->sql, stmt->nargs, args);
	return lc_exec_argv(stmt->sql, stmt->nargs, args, latest);
}

uint64
pv_exec(PvStmt *stmt,...)
{
	va_list		ap;
	uint64		n;

	va_start(ap, stmt);
	n = pv_exec_va(stmt, false, ap);
	va_end(ap);
	return n;
}

/* pv_exec reading the latest committed state (see pv_exec_va) */
uint64
pv_exec_latest(PvStmt *stmt,...)
{
	va_list		ap;
	uint64		n;

	va_start(ap, stmt);
	n = pv_exec_va(stmt, true, ap);
	va_end(ap);
	return n;
}

/* Column col (1-based) of row row of the last result as text, NULL for NULL. */
char *
pv_get(uint64 row, int col)
{
	return lc_get_row(row, col);
}

bool
pv_get_bool(uint64 row, int col)
{
	char	   *v = pv_get(row, col);

	return v != NULL && v[0] == 't';
}

/* A jsonb Datum from JSON text (which the caller built, so it is valid). */
Datum
pv_jsonb_datum(const char *json)
{
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(json));
}

/* A json Datum holding exactly these bytes (json keeps its input text). */
Datum
pv_json_datum(const char *buf, size_t len)
{
	return PointerGetDatum(cstring_to_text_with_len(buf, (int) len));
}

char *
pv_text_to_cstring(Datum t)
{
	return TextDatumGetCString(t);
}
