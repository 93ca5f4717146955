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

/*
 * The rows of enrollment.<table> whose first nkeys columns of index <index>
 * equal keys (Datums of those columns' types), as the current user may see
 * them, in the index's order, copied into the current memory context.  False
 * when the read must be made with SQL instead (see above); *out is then
 * untouched.
 */
bool
dr_read(const char *table, const char *index, int nkeys, const Datum *keys,
		DrSnapshot which, DrRows *out)
{
	Oid			nsp,
				relid,
				indexid;
	Relation	rel,
				irel;
	ScanKeyData skeys[INDEX_MAX_KEYS];
	List	   *quals;
	bool		usable;
	ExprState  *qual_state = NULL;
	ExprContext *econtext = NULL;
	IndexScanDesc scan;
	TupleTableSlot *slot;
	Snapshot	snap;
	int			cap = 8;

	if (!dr_enabled || enr_citus_loaded())
		return false;
	nsp = get_namespace_oid("enrollment", true);
	relid = OidIsValid(nsp) ? get_relname_relid(table, nsp) : InvalidOid;
	indexid = OidIsValid(nsp) ? get_relname_relid(index, nsp) : InvalidOid;
	if (!OidIsValid(relid) || !OidIsValid(indexid) ||
		pg_class_aclcheck(relid, GetUserId(), ACL_SELECT) != ACLCHECK_OK)
		return false;

	rel = table_open(relid, AccessShareLock);
	if (rel->rd_rel->relkind != RELKIND_RELATION)
	{
		table_close(rel, AccessShareLock);
		return false;
	}
	irel = index_open(indexid, AccessShareLock);
	if (irel->rd_index->indrelid != relid || !irel->rd_index->indisvalid ||
		irel->rd_rel->relam != BTREE_AM_OID ||
		nkeys > IndexRelationGetNumberOfKeyAttributes(irel))
	{
		index_close(irel, AccessShareLock);
		table_close(rel, AccessShareLock);
		return false;
	}
	quals = row_security_quals(rel, &usable);
	if (!usable)
	{
		index_close(irel, AccessShareLock);
		table_close(rel, AccessShareLock);
		return false;
	}

	/* each key compared with the operator class's own equality */
	for (int i = 0; i < nkeys; i++)
	{
		Oid			opfamily = irel->rd_opfamily[i];
		Oid			type = irel->rd_opcintype[i];
		Oid			op = get_opfamily_member(opfamily, type, type, BTEqualStrategyNumber);

		if (!OidIsValid(op))
			elog(ERROR, "missing equality operator for index \"%s\" column %d", index, i + 1);
		ScanKeyInit(&skeys[i], i + 1, BTEqualStrategyNumber, get_opcode(op), keys[i]);
		skeys[i].sk_collation = irel->rd_indcollation[i];
	}

	if (quals != NIL)
	{
		econtext = CreateStandaloneExprContext();
		qual_state = ExecInitQual(quals, NULL);
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
	snap = GetActiveSnapshot();

	out->tupdesc = CreateTupleDescCopy(RelationGetDescr(rel));
	out->n = 0;
	out->tuples = palloc(sizeof(HeapTuple) * cap);
	slot = table_slot_create(rel, NULL);
	scan = index_beginscan(rel, irel, snap, nkeys, 0);
	index_rescan(scan, skeys, nkeys, NULL, 0);
	while (index_getnext_slot(scan, ForwardScanDirection, slot))
	{
		if (qual_state != NULL)
		{
			bool		ok;

			econtext->ecxt_scantuple = slot;
			ok = ExecQual(qual_state, econtext);
			ResetExprContext(econtext);
			if (!ok)
				continue;
		}
		if (out->n == cap)
		{
			cap *= 2;
			out->tuples = repalloc(out->tuples, sizeof(HeapTuple) * cap);
		}
		out->tuples[out->n++] = ExecCopySlotHeapTuple(slot);
	}
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	PopActiveSnapshot();
	if (econtext != NULL)
		FreeExprContext(econtext, true);
	/* the locks are kept to the end of the transaction, as a statement's are */
	index_close(irel, NoLock);
	table_close(rel, NoLock);
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
