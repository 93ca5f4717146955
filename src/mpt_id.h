/*
 * mpt_id.h
 *		On-disk layout of the marketplace identifier type.
 *
 * A marketplace id is a three-letter prefix and two to four groups of four
 * digits: PRG-1234-5678, ENR-3965-5056-7966, ENA-3965-5056-7966-0001.  It is
 * stored in 16 fixed bytes so that it is a cheap primary key and a stable
 * distribution column: the digits packed left-aligned into one integer (so
 * that binary order equals text order), the prefix as three 5-bit letters,
 * and the group count.  The reserved bytes are always zero; recv checks that,
 * leaving room to extend the format later.
 */
#ifndef ENROLLMENT_MPT_ID_H
#define ENROLLMENT_MPT_ID_H

#include "fmgr.h"

#define MPT_ID_MIN_GROUPS	2
#define MPT_ID_MAX_GROUPS	4
#define MPT_ID_GROUP_DIGITS	4
/* "ABC" + 4 x "-dddd" */
#define MPT_ID_MAX_TEXT_LEN	(3 + MPT_ID_MAX_GROUPS * (1 + MPT_ID_GROUP_DIGITS))

typedef struct MptId
{
	uint64		digits;			/* groups left-aligned into 16 decimal digits */
	uint16		prefix;			/* letters A-Z as 5-bit values, first letter highest */
	uint8		ngroups;		/* MPT_ID_MIN_GROUPS .. MPT_ID_MAX_GROUPS */
	uint8		reserved[5];	/* always zero */
} MptId;

#define DatumGetMptIdP(X)		((MptId *) DatumGetPointer(X))
#define MptIdPGetDatum(X)		PointerGetDatum(X)
#define PG_GETARG_MPT_ID_P(n)	DatumGetMptIdP(PG_GETARG_DATUM(n))
#define PG_RETURN_MPT_ID_P(x)	return MptIdPGetDatum(x)

extern int	mpt_id_compare(const MptId *a, const MptId *b);
extern MptId *mpt_id_parse(const char *str, size_t len);
extern char *mpt_id_to_cstring(const MptId *id);
extern MptId *mpt_id_make(const char *prefix, int ngroups, uint64 value);

#endif							/* ENROLLMENT_MPT_ID_H */
