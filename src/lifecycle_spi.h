/*
 * lifecycle_spi.h
 *		How the engine's C functions run SQL: constant statements, kept per
 *		backend, every value a parameter (ids bound as mpt_id, the rest as
 *		text; lifecycle_spi.c), row locks that answer with the latest
 *		committed row (lifecycle_lock.c), and
 *		the argument helpers of SQL-callable functions.
 *
 * No jansson here, so that files including utils/builtins.h can include this
 * header (the two clash, see param_spi.c).
 */
#ifndef ENROLLMENT_LIFECYCLE_SPI_H
#define ENROLLMENT_LIFECYCLE_SPI_H

#include "fmgr.h"

#include "errcodes.h"
#include "mpt_id.h"

/* every value goes in as a C string, NULL for SQL NULL; a parameter the statement casts (ID(n), ::date, ...) is bound as that type */
extern uint64 lc_exec(const char *sql, int nargs,...);
extern uint64 lc_exec_latest(const char *sql, int nargs,...);
extern uint64 lc_exec_argv(const char *sql, int nargs, const char *const *args, bool latest);
extern uint64 lc_exec_read_only(const char *sql, int nargs, const char *const *args);
/* the kept plan behind lc_exec (an opaque SPIPlanPtr, to spare executor/spi.h) */
extern struct _SPI_plan *lc_plan(const char *sql, int nargs);
extern struct _SPI_plan *lc_plan_typed(const char *sql, int nargs, const Oid *types);
extern uint64 lc_exec_datums(const char *sql, int nargs, const Oid *types, Datum *values,
							 const char *nulls);
extern uint64 lc_lock(const char *sql, int nargs,...);
extern char *lc_get(int col);
extern char *lc_get_row(uint64 row, int col);
extern bool lc_get_bool(int col);
extern char *lc_today(void);
extern Oid	lc_mpt_id_oid(void);

extern char *lc_id_arg(FunctionCallInfo fcinfo, int argno, const char *what);
extern char *lc_text_arg(FunctionCallInfo fcinfo, int argno);
extern char *lc_jsonb_arg(FunctionCallInfo fcinfo, int argno);
extern Datum lc_return_id(const char *id);

/* SQL fragments: ids travel as text and are cast; the operator is qualified
 * because the functions run with search_path = pg_catalog, pg_temp. */
#define EQ " OPERATOR(pg_catalog.=) "
#define ID(n) "$" #n "::enrollment.mpt_id"

#endif							/* ENROLLMENT_LIFECYCLE_SPI_H */
