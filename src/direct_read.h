/*
 * direct_read.h
 *		Rows of one of the extension's tables found by an index, read without
 *		a statement (direct_read.c).
 */
#ifndef ENROLLMENT_DIRECT_READ_H
#define ENROLLMENT_DIRECT_READ_H

#include "access/htup.h"
#include "access/stratnum.h"
#include "access/tupdesc.h"
#include "executor/tuptable.h"
#include "utils/snapshot.h"

/* Which snapshot a read sees, as the statement it replaces would. */
typedef enum DrSnapshot
{
	DR_CALLING_QUERY,			/* the active one: a read only SPI statement's */
	DR_NEW_COMMAND				/* our writes so far and, in READ COMMITTED, others' commits: SPI's */
} DrSnapshot;

typedef struct DrRows
{
	TupleDesc	tupdesc;		/* the table's own, a copy */
	int			n;
	HeapTuple  *tuples;			/* copies, in index order */
} DrRows;

typedef struct DrScan DrScan;

extern void dr_init(void);
extern DrScan *dr_begin(const char *table, const char *index, DrSnapshot which);
extern void dr_rescan(DrScan *s, int nkeys, const Datum *keys, const StrategyNumber *strategies);
extern TupleTableSlot *dr_next(DrScan *s);
extern int	dr_scan_attnum(DrScan *s, const char *column);
extern void dr_end(DrScan *s);
extern bool dr_distinct(const char *table, const char *index, Datum key, DrSnapshot which,
						Datum **values, int *count);
extern bool dr_read(const char *table, const char *index, int nkeys, const Datum *keys,
					DrSnapshot which, DrRows *out);
extern int	dr_attnum(const DrRows *rows, const char *column);
extern Datum dr_get(const DrRows *rows, int row, int attnum, bool *isnull);

#endif							/* ENROLLMENT_DIRECT_READ_H */
