/*
 * param_spi.c
 *		Prepared SPI statements and Datum helpers for the parameter glue.
 *
 * This file includes utils/builtins.h and therefore never jansson.h (their
 * json_object/json_typeof declarations clash).  Statements are constant SQL
 * text prepared once per backend (SPI_keepplan); every value is a text
 * parameter cast inside the statement, so nothing a caller sends is spliced
 * into SQL, and validating an enrollment costs no parse or plan.  The plan
 * cache revalidates a kept plan after DDL (including DROP/CREATE EXTENSION).
 */
#include "postgres.h"

#include <stdarg.h>

#include "access/xact.h"
#include "catalog/pg_type_d.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/snapmgr.h"

#include "distributed.h"
#include "param_spi.h"

#define PV_MAX_ARGS 8

/*
 * Run stmt with its nargs text arguments (const char *, NULL for SQL NULL).
 * Returns SPI_processed; the rows stay in SPI_tuptable.  Must run inside
 * SPI_connect.  With latest, the statement reads what is committed now even
 * under REPEATABLE READ or SERIALIZABLE, as a foreign-key check does: for a
 * rule that must hold across transactions (a unique value), after the lock
 * that orders the competitors, the transaction's own older snapshot would
 * miss the winner's committed row.
 */
static uint64
pv_exec_va(PvStmt *stmt, bool latest, va_list ap)
{
	Datum		values[PV_MAX_ARGS];
	char		nulls[PV_MAX_ARGS];
	int			rc;

	Assert(stmt->nargs <= PV_MAX_ARGS);
	if (stmt->plan == NULL)
	{
		Oid			types[PV_MAX_ARGS];
		SPIPlanPtr	plan;

		for (int i = 0; i < stmt->nargs; i++)
			types[i] = TEXTOID;
		/* generic plans on a single server, custom ones under Citus (distributed.c) */
		plan = SPI_prepare_cursor(stmt->sql, stmt->nargs, types, enr_plan_options());
		if (plan == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		if (SPI_keepplan(plan) != 0)
			elog(ERROR, "SPI_keepplan failed");
		stmt->plan = plan;
	}

	for (int i = 0; i < stmt->nargs; i++)
	{
		const char *v = va_arg(ap, const char *);

		values[i] = v ? CStringGetTextDatum(v) : (Datum) 0;
		nulls[i] = v ? ' ' : 'n';
	}

	if (latest && IsolationUsesXactSnapshot())
	{
		/* our own earlier writes must be visible to the fresh snapshot too */
		CommandCounterIncrement();
		rc = SPI_execute_snapshot(stmt->plan, values, nulls, GetLatestSnapshot(),
								  InvalidSnapshot, false, false, 0);
	}
	else
		rc = SPI_execute_plan(stmt->plan, values, nulls, false, 0);
	if (rc < 0)
		elog(ERROR, "SPI_execute_plan failed: %s", SPI_result_code_string(rc));
	return SPI_processed;
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
	Assert(SPI_tuptable != NULL && row < SPI_processed);
	return SPI_getvalue(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, col);
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
