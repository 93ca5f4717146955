/*
 * param_spi.h
 *		Prepared SPI statements for the parameter glue (param_spi.c).  No
 *		jansson here, so that param_spi.c may include utils/builtins.h.
 */
#ifndef ENROLLMENT_PARAM_SPI_H
#define ENROLLMENT_PARAM_SPI_H

#include "executor/spi.h"
#include "fmgr.h"

/*
 * param_spi.c: a statement of the parameter glue, run through the engine's
 * one SPI layer (lifecycle_spi.c: plans kept per backend, ids bound as mpt_id, every other argument a
 * text parameter, NULL = SQL NULL).
 */
typedef struct PvStmt
{
	const char *sql;
	int			nargs;
} PvStmt;

extern uint64 pv_exec(PvStmt *stmt,...);
extern bool pv_set_snapshot_reads(bool on);
extern uint64 pv_exec_latest(PvStmt *stmt,...);
extern char *pv_get(uint64 row, int col);
extern bool pv_get_bool(uint64 row, int col);
extern Datum pv_jsonb_datum(const char *json);
extern Datum pv_json_datum(const char *buf, size_t len);
extern char *pv_text_to_cstring(Datum t);
extern uint64 pv_unique_taken(const char *program_id, const char *enrollment_id,
							   const char *certificate_id, const char *values, bool lock);

/* param_stored_read.c: check_stored's reads by key, as text (false: run the statement) */
typedef struct PvTextRows
{
	uint64		n;
	int			ncols;
	char	  **vals;			/* row-major, NULL for SQL NULL */
} PvTextRows;

extern bool pv_snapshot_reads(void);
extern bool pv_read_stored_enrollment(const char *program_id, const char *enrollment_id, PvTextRows *out);
extern bool pv_read_stored_instances(const char *program_id, const char *enrollment_id, PvTextRows *out);

/* column col (1-based) of row row */
static inline char *
pv_rows_get(const PvTextRows *rows, uint64 row, int col)
{
	return rows->vals[row * rows->ncols + col - 1];
}

/* param_hook.c: the hook's answer as JSON text, NULL for SQL NULL */
extern char *pv_call_hook(Oid hook, const char *document, const char *what);

#endif							/* ENROLLMENT_PARAM_SPI_H */
