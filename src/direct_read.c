/*
 * direct_read.c
 *		Rows of one of the extension's tables found by an index, read with an
 *		index scan instead of a statement, on one server.
 *
 * A kept SPI plan for a lookup by key spends most of its time outside the
 * lookup: the executor's start and end, the plan cache's revalidation, the
 * tuple table (test/bench/PROFILE.md: actor_current's one-row join was a
 * fifth of a stored validate).  dr_read does what that plan's index scan does
 * and nothing else, with the same rules a statement would meet:
 *
 *	- the current user's rights: SELECT on the table (a column-level grant
 *	  alone is left to SQL, whose error or answer it is), and its row level
 *	  security, by PostgreSQL's own get_row_security_policies, the policies'
 *	  USING clauses evaluated for each row as the executor would (policies
 *	  with a subquery are left to SQL); row_security = off raises as SQL does;
 *	- the snapshot the statement would have read (DrSnapshot);
 *	- the index's own equality operators for the keys, so that mpt_id
 *	  compares as its operator class says.
 *
 * It answers false, and the caller runs its statement, wherever that
 * equivalence is not certain: under Citus (the tables are shells on the
 * coordinator), when the table or index is missing or not valid, for a
 * column-level grant or a policy with a subquery.  So every caller keeps its
 * SQL, which Citus runs (test/citus).  enrollment.direct_reads = off makes
 * every caller run its SQL: the regression tests compare the two roads
 * (sql/direct_reads.sql), the benchmark can too.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/nbtree.h"
#include "access/relscan.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "executor/executor.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "optimizer/optimizer.h"
#include "rewrite/rowsecurity.h"
#include "utils/acl.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/rls.h"
#include "utils/snapmgr.h"

#include "direct_read.h"
#include "distributed.h"

static bool dr_enabled = true;

/* enrollment.direct_reads; called once from _PG_init. */
void
dr_init(void)
{
	DefineCustomBoolVariable("enrollment.direct_reads",
							 "Read rows by key with an index scan instead of a statement, where that is equivalent.",
							 "Off runs the statements (for tests and benchmarks); Citus always does.",
							 &dr_enabled,
							 true,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
}

/*
 * The USING clauses of the current user's SELECT policies on rel, ANDed, as
 * the planner would add them (NIL: no row level security applies).  *usable
 * false when SQL must do the read instead (a subquery in a policy).
 */
static List *
row_security_quals(Relation rel, bool *usable)
{
	Oid			relid = RelationGetRelid(rel);
	Query	   *query;
	RangeTblEntry *rte;
	List	   *quals = NIL,
			   *wco = NIL;
	bool		has_rls = false,
				has_sublinks = false;

	*usable = true;
	/* raises as a statement would when row_security = off and policies apply */
	if (check_enable_rls(relid, InvalidOid, false) != RLS_ENABLED)
		return NIL;

	rte = makeNode(RangeTblEntry);
	rte->rtekind = RTE_RELATION;
	rte->relid = relid;
	rte->relkind = rel->rd_rel->relkind;
	rte->rellockmode = AccessShareLock;
	rte->requiredPerms = ACL_SELECT;
	rte->checkAsUser = InvalidOid;
	query = makeNode(Query);
	query->commandType = CMD_SELECT;
	query->rtable = list_make1(rte);
	get_row_security_policies(query, rte, 1, &quals, &wco, &has_rls, &has_sublinks);
	if (has_sublinks)
	{
		*usable = false;
		return NIL;
	}
	/* the security quals are a list of ANDed clauses, each made executable */
	return (List *) expression_planner((Expr *) quals);
}

struct DrScan
{
	Relation	rel;
	Relation	irel;
	ExprState  *qual;			/* the policies' USING clauses, or NULL */
	ExprContext *econtext;
	TupleTableSlot *slot;
	IndexScanDesc scan;
	bool		pushed;			/* a snapshot of ours is on the active stack */
};

/*
 * An index scan of enrollment.<table> by its index <index>, as the current
 * user may read it, on the snapshot the statement replaced would read: NULL
 * when the read must be made with SQL instead (see above).  dr_rescan sets
 * the keys, dr_next returns the rows; dr_end closes it.
 */
DrScan *
dr_begin(const char *table, const char *index, DrSnapshot which)
{
	Oid			nsp,
				relid,
				indexid;
	Relation	rel,
				irel;
	List	   *quals;
	bool		usable;
	DrScan	   *s;

	if (!dr_enabled || enr_citus_loaded())
		return NULL;
	nsp = get_namespace_oid("enrollment", true);
	relid = OidIsValid(nsp) ? get_relname_relid(table, nsp) : InvalidOid;
	indexid = OidIsValid(nsp) ? get_relname_relid(index, nsp) : InvalidOid;
	if (!OidIsValid(relid) || !OidIsValid(indexid) ||
		pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		return NULL;

	rel = table_open(relid, AccessShareLock);
	if (rel->rd_rel->relkind != RELKIND_RELATION)
	{
		table_close(rel, AccessShareLock);
		return NULL;
	}
	irel = index_open(indexid, AccessShareLock);
	if (irel->rd_index->indrelid != relid || !irel->rd_index->indisvalid ||
		irel->rd_rel->relam != BTREE_AM_OID)
	{
		index_close(irel, AccessShareLock);
		table_close(rel, AccessShareLock);
		return NULL;
	}
	quals = row_security_quals(rel, &usable);
	if (!usable)
	{
		index_close(irel, AccessShareLock);
		table_close(rel, AccessShareLock);
		return NULL;
	}

	s = palloc0(sizeof(DrScan));
	s->rel = rel;
	s->irel = irel;
	if (quals != NIL)
	{
		s->econtext = CreateStandaloneExprContext();
		s->qual = ExecInitQual(quals, NULL);
	}

	/*
	 * The snapshot of the statement replaced: SPI's read only statement reads
	 * the active one; any other first makes our own writes visible and takes
	 * a new one (in READ COMMITTED, with what others have committed since).
	 * Pushed, so that a policy function's own statements cannot replace it.
	 */
	if (which == DR_NEW_COMMAND)
	{
		CommandCounterIncrement();
		PushActiveSnapshot(GetTransactionSnapshot());
	}
	else
		PushActiveSnapshot(GetActiveSnapshot());
	s->pushed = true;
	s->slot = table_slot_create(rel, NULL);
	return s;
}

/*
 * (Re)start the scan at the first nkeys columns of the index compared with
 * keys (Datums of those columns' types) by the operator class's own
 * operators: equality, or for a column whose strategies[i] says so (NULL:
 * all equality) greater than.
 */
void
dr_rescan(DrScan *s, int nkeys, const Datum *keys, const StrategyNumber *strategies)
{
	ScanKeyData skeys[INDEX_MAX_KEYS];

	if (nkeys > IndexRelationGetNumberOfKeyAttributes(s->irel))
		elog(ERROR, "index \"%s\" has fewer than %d key columns", RelationGetRelationName(s->irel), nkeys);
	for (int i = 0; i < nkeys; i++)
	{
		StrategyNumber strategy = strategies ? strategies[i] : BTEqualStrategyNumber;
		Oid			type = s->irel->rd_opcintype[i];
		Oid			op = get_opfamily_member(s->irel->rd_opfamily[i], type, type, strategy);

		if (!OidIsValid(op))
			elog(ERROR, "missing operator %d for index \"%s\" column %d",
				 strategy, RelationGetRelationName(s->irel), i + 1);
		ScanKeyInit(&skeys[i], i + 1, strategy, get_opcode(op), keys[i]);
		skeys[i].sk_collation = s->irel->rd_indcollation[i];
	}
	/* a scan is begun for a number of keys: another number, another scan */
	if (s->scan != NULL && s->scan->numberOfKeys != nkeys)
	{
		index_endscan(s->scan);
		s->scan = NULL;
	}
	if (s->scan == NULL)
		s->scan = index_beginscan(s->rel, s->irel, GetActiveSnapshot(), nkeys, 0);
	index_rescan(s->scan, skeys, nkeys, NULL, 0);
}

/* The next row the caller may see, in index order, or NULL; valid until the next call. */
TupleTableSlot *
dr_next(DrScan *s)
{
	Assert(s->scan != NULL);
	while (index_getnext_slot(s->scan, ForwardScanDirection, s->slot))
	{
		bool		ok;

		if (s->qual == NULL)
			return s->slot;
		s->econtext->ecxt_scantuple = s->slot;
		ok = ExecQual(s->qual, s->econtext);
		ResetExprContext(s->econtext);
		if (ok)
			return s->slot;
	}
	return NULL;
}

/* The attribute number of a column of the table scanned (an error if it has none). */
int
dr_scan_attnum(DrScan *s, const char *column)
{
	TupleDesc	desc = RelationGetDescr(s->rel);

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), column) == 0)
			return i + 1;
	}
	elog(ERROR, "column \"%s\" not found in table \"%s\"", column, RelationGetRelationName(s->rel));
	return 0;					/* keep compiler quiet */
}

void
dr_end(DrScan *s)
{
	if (s->scan != NULL)
		index_endscan(s->scan);
	ExecDropSingleTupleTableSlot(s->slot);
	if (s->pushed)
		PopActiveSnapshot();
	if (s->econtext != NULL)
		FreeExprContext(s->econtext, true);
	/* the locks are kept to the end of the transaction, as a statement's are */
	index_close(s->irel, NoLock);
	table_close(s->rel, NoLock);
	pfree(s);
}

/*
 * The rows of enrollment.<table> whose first nkeys columns of index <index>
 * equal keys, as the current user may see them, in the index's order,
 * copied into the current memory context.  False when the read must be made
 * with SQL instead (see above); *out is then untouched.
 */
bool
dr_read(const char *table, const char *index, int nkeys, const Datum *keys,
		DrSnapshot which, DrRows *out)
{
	DrScan	   *s = dr_begin(table, index, which);
	TupleTableSlot *slot;
	int			cap = 8;

	if (s == NULL)
		return false;
	dr_rescan(s, nkeys, keys, NULL);
	out->tupdesc = CreateTupleDescCopy(RelationGetDescr(s->rel));
	out->n = 0;
	out->tuples = palloc(sizeof(HeapTuple) * cap);
	while ((slot = dr_next(s)) != NULL)
	{
		if (out->n == cap)
		{
			cap *= 2;
			out->tuples = repalloc(out->tuples, sizeof(HeapTuple) * cap);
		}
		out->tuples[out->n++] = ExecCopySlotHeapTuple(slot);
	}
	dr_end(s);
	return true;
}

/*
 * The distinct values of the second column of index <index> among its rows
 * whose first column equals key, ascending, as the current user may see
 * them: a skip scan, one descent of the index per value (the first row above
 * the last value found), so the cost is the number of values, not of rows.
 * Datums copied into the current memory context; false when the read must
 * be made with SQL instead.
 */
bool
dr_distinct(const char *table, const char *index, Datum key, DrSnapshot which,
			Datum **values, int *count)
{
	static const StrategyNumber first[1] = {BTEqualStrategyNumber};
	static const StrategyNumber above[2] = {BTEqualStrategyNumber, BTGreaterStrategyNumber};
	DrScan	   *s = dr_begin(table, index, which);
	TupleTableSlot *slot;
	Datum		keys[2] = {key, (Datum) 0};
	int			attnum,
				cap = 16;
	Form_pg_attribute att;

	if (s == NULL)
		return false;
	attnum = s->irel->rd_index->indkey.values[1];
	if (IndexRelationGetNumberOfKeyAttributes(s->irel) < 2 || attnum == 0)
		elog(ERROR, "index \"%s\" has no second column of the table", index);
	att = TupleDescAttr(RelationGetDescr(s->rel), attnum - 1);
	*count = 0;
	*values = palloc(sizeof(Datum) * cap);
	dr_rescan(s, 1, keys, first);
	while ((slot = dr_next(s)) != NULL)
	{
		bool		isnull;
		Datum		v = slot_getattr(slot, attnum, &isnull);

		if (isnull)
			break;				/* nulls sort last: no value above them */
		if (*count == cap)
			*values = repalloc(*values, sizeof(Datum) * (cap *= 2));
		(*values)[(*count)++] = datumCopy(v, att->attbyval, att->attlen);
		keys[1] = (*values)[*count - 1];
		dr_rescan(s, 2, keys, above);
	}
	dr_end(s);
	return true;
}

/* The number of a column of the rows read, by name (an error if it has none). */
int
dr_attnum(const DrRows *rows, const char *column)
{
	for (int i = 0; i < rows->tupdesc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(rows->tupdesc, i);

		if (!att->attisdropped && strcmp(NameStr(att->attname), column) == 0)
			return i + 1;
	}
	elog(ERROR, "column \"%s\" not found in the rows read", column);
	return 0;					/* keep compiler quiet */
}

/* Column attnum of row row. */
Datum
dr_get(const DrRows *rows, int row, int attnum, bool *isnull)
{
	Assert(row >= 0 && row < rows->n);
	return heap_getattr(rows->tuples[row], attnum, rows->tupdesc, isnull);
}
