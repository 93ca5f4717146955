/*
 * merge_scan.c
 *		The first rows of a listing in id order, by merging one index stream
 *		per value of the row security's program array: a custom scan.
 *
 * PostgREST lists with "WHERE status = $1 ORDER BY id LIMIT 50".  The read
 * policies give the planner index conditions, "program_id = ANY(the caller's
 * programs) AND client_id #>= floor AND client_id #<= ceiling", and an index
 * on (program_id, client_id, status) finds every row they allow; but none of
 * those rows come in id order, so PostgreSQL reads all of them and sorts:
 * a vendor with 10,000 Processing enrollments reads 10,000 rows for 50
 * (test/bench/PROFILE.md, "lists"), and the time grows with the table.
 *
 * Each value of the program array is one range of a btree index whose next
 * column is the order, the primary key (program_id, id) for instance: a
 * stream of rows already in id order.  Merging the streams with a heap gives
 * the rows in id order, so the LIMIT stops after about 50 rows and as many
 * descents as the caller has programs, whatever the table holds.  It is what
 * a MergeAppend over one index scan per program would do, were the program
 * list known when planning; here it comes from a function evaluated once when
 * the scan starts.
 *
 * A driver is an index whose columns before the order column all have a
 * binding among the relation's restriction clauses: an equality, "= ANY
 * (array)", or a range "x >= lo AND x <= hi" (usable only when lo = hi when
 * the scan starts: a client's floor and ceiling are its own account, a
 * vendor's span every account).  Those clauses become the streams' scan keys
 * (each value a stream, the cartesian product of the columns' values); every
 * other clause is the scan's filter, in the planner's order.  The path holds
 * every driver, most bound columns first, and the scan takes the first that
 * is usable with the values it finds, down to an index led by the order
 * column itself (no binding, one stream), which is always usable and must
 * exist.  A bound clause must be securely promotable (row security's rule
 * for index conditions: a leaky user condition is never checked before the
 * policies), and its other side must be free of the relation's columns, of
 * volatile functions and of subqueries.
 *
 * Only for the extension's own tables (schema enrollment), one server: under
 * Citus the shards are read on the workers (distributed.c).
 * enrollment.merge_scan = off leaves the planner alone (sql/merge_scan.sql
 * compares both, for every caller).
 */
#include "postgres.h"

#include <math.h>

#include "access/genam.h"
#include "access/nbtree.h"
#include "access/relscan.h"
#include "access/tableam.h"
#include "catalog/namespace.h"
#include "catalog/pg_am_d.h"
#include "catalog/pg_attribute.h"
#include "commands/explain.h"
#include "executor/executor.h"
#include "lib/binaryheap.h"
#include "miscadmin.h"
#include "nodes/extensible.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "optimizer/clauses.h"
#include "optimizer/cost.h"
#include "optimizer/optimizer.h"
#include "optimizer/pathnode.h"
#include "optimizer/paths.h"
#include "optimizer/restrictinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/ruleutils.h"
#include "utils/selfuncs.h"
#include "utils/sortsupport.h"
#include "utils/spccache.h"
#include "utils/syscache.h"

#include "distributed.h"
#include "merge_scan.h"

/* at most this many streams for one scan; past it, the next driver */
#define MS_MAX_STREAMS	4096
/* at most this many drivers kept in a path */
#define MS_MAX_DRIVERS	8

typedef enum MsKind
{
	MS_EQ = 1,					/* column = value */
	MS_ANY = 2,					/* column = ANY (array) */
	MS_RANGE = 3				/* column >= lo AND column <= hi, used when lo = hi */
} MsKind;

/* How one index column before the order column is bound (planning). */
typedef struct MsBinding
{
	MsKind		kind;
	RestrictInfo *rinfo;		/* MS_EQ, MS_ANY: the clause */
	RestrictInfo *lo_rinfo;		/* MS_RANGE */
	RestrictInfo *hi_rinfo;
	Expr	   *value;			/* the other side (MS_RANGE: lo) */
	Expr	   *value_hi;		/* MS_RANGE: hi */
	Oid			eqproc;			/* the scan key's equality function */
	Oid			subtype;		/* the value's type (the scan key's subtype) */
	Oid			cmpproc;		/* BTORDER_PROC of (subtype, subtype): dedupe, lo = hi */
	Oid			collation;
} MsBinding;

typedef struct MsDriver
{
	IndexOptInfo *index;
	int			orderkey;		/* index column (0-based) of the order */
	bool		backward;
	int			nprefix;
	int			nranges;
	MsBinding	cols[INDEX_MAX_KEYS];
} MsDriver;

/* Execution state of one driver. */
typedef struct MsExecColumn
{
	MsKind		kind;
	Oid			eqproc;
	Oid			subtype;
	Oid			cmpproc;
	Oid			collation;
	ExprState  *value;
	ExprState  *value_hi;
	/* evaluated when the scan starts */
	int			nvalues;
	Datum	   *values;
} MsExecColumn;

typedef struct MsExecDriver
{
	Oid			indexoid;
	int			orderkey;
	bool		backward;
	int			nprefix;
	MsExecColumn *cols;
	List	   *filter_exprs;	/* the plan's */
	bool		freezable;		/* see freeze_filter */
	ExprState  *filter;			/* of filter_exprs as they are, when not freezable */
} MsExecDriver;

typedef struct MsStream
{
	IndexScanDesc scan;
	TupleTableSlot *slot;
	Datum		key;			/* the order column of the current row */
} MsStream;

typedef struct MergeScanState
{
	CustomScanState css;
	AttrNumber	order_attno;
	SortSupportData order;
	int			ndrivers;
	MsExecDriver *drivers;
	ExprState  *all_quals;		/* every clause: EvalPlanQual's recheck */
	MemoryContext cxt;			/* the streams and values; reset when the scan ends */
	/* set when the scan starts */
	bool		started;
	int			used;			/* the driver used, -1 before start */
	Relation	index;
	int			nstreams;
	MsStream   *streams;
	binaryheap *heap;
} MergeScanState;

static bool ms_enabled = true;
static set_rel_pathlist_hook_type prev_set_rel_pathlist_hook = NULL;

static Plan *ms_plan_path(PlannerInfo *root, RelOptInfo *rel, CustomPath *best_path,
						  List *tlist, List *clauses, List *custom_plans);
static Node *ms_create_state(CustomScan *cscan);
static void ms_begin(CustomScanState *node, EState *estate, int eflags);
static TupleTableSlot *ms_exec(CustomScanState *node);
static void ms_end(CustomScanState *node);
static void ms_rescan(CustomScanState *node);
static void ms_explain(CustomScanState *node, List *ancestors, ExplainState *es);

static const CustomPathMethods ms_path_methods = {
	.CustomName = "EnrollmentMergeScan",
	.PlanCustomPath = ms_plan_path,
};

static const CustomScanMethods ms_scan_methods = {
	.CustomName = "EnrollmentMergeScan",
	.CreateCustomScanState = ms_create_state,
};

static const CustomExecMethods ms_exec_methods = {
	.CustomName = "EnrollmentMergeScan",
	.BeginCustomScan = ms_begin,
	.ExecCustomScan = ms_exec,
	.EndCustomScan = ms_end,
	.ReScanCustomScan = ms_rescan,
	.ExplainCustomScan = ms_explain,
};

/* ---------------------------------------------------------------- planning */

/* expr, under binary relabelling, is column attno of the relation relid */
static bool
is_column(Node *expr, Index relid, AttrNumber attno)
{
	while (expr && IsA(expr, RelabelType))
		expr = (Node *) ((RelabelType *) expr)->arg;
	return expr && IsA(expr, Var) && ((Var *) expr)->varno == relid &&
		((Var *) expr)->varattno == attno && ((Var *) expr)->varlevelsup == 0;
}

/* expr has the same value for every row of the scan, computable when it starts */
static bool
is_scan_constant(Node *expr)
{
	return !contain_var_clause(expr) && !contain_volatile_functions(expr) &&
		!contain_subplans(expr);
}

/*
 * A binding of index column c of index among rel's restriction clauses:
 * equality first, then = ANY, then a closed range.
 */
static bool
find_binding(RelOptInfo *rel, IndexOptInfo *index, int c, MsBinding *out)
{
	AttrNumber	attno = index->indexkeys[c];
	Oid			opfamily = index->opfamily[c];
	Oid			opcintype = index->opcintype[c];
	Oid			collation = index->indexcollations[c];
	MsBinding	eq = {0},
				any = {0},
				range = {0};
	ListCell   *lc;

	if (attno <= 0)
		return false;			/* an expression column */
	foreach(lc, rel->baserestrictinfo)
	{
		RestrictInfo *rinfo = lfirst_node(RestrictInfo, lc);
		Expr	   *clause = rinfo->clause;
		Node	   *other;
		Oid			opno,
					inputcollid,
					lefttype,
					righttype;
		int			strategy;
		bool		is_any = false;

		if (rinfo->pseudoconstant || !restriction_is_securely_promotable(rinfo, rel))
			continue;
		if (IsA(clause, OpExpr) && list_length(((OpExpr *) clause)->args) == 2)
		{
			OpExpr	   *op = (OpExpr *) clause;
			Node	   *left = linitial(op->args);
			Node	   *right = lsecond(op->args);

			opno = op->opno;
			inputcollid = op->inputcollid;
			if (is_column(left, rel->relid, attno) && is_scan_constant(right))
				other = right;
			else if (is_column(right, rel->relid, attno) && is_scan_constant(left))
			{
				other = left;
				opno = get_commutator(opno);
				if (!OidIsValid(opno))
					continue;
			}
			else
				continue;
		}
		else if (IsA(clause, ScalarArrayOpExpr))
		{
			ScalarArrayOpExpr *saop = (ScalarArrayOpExpr *) clause;

			if (!saop->useOr || !is_column(linitial(saop->args), rel->relid, attno) ||
				!is_scan_constant(lsecond(saop->args)))
				continue;
			opno = saop->opno;
			inputcollid = saop->inputcollid;
			other = lsecond(saop->args);
			is_any = true;
		}
		else
			continue;
		if (OidIsValid(collation) && inputcollid != collation)
			continue;
		if (!op_in_opfamily(opno, opfamily))
			continue;
		get_op_opfamily_properties(opno, opfamily, false, &strategy, &lefttype, &righttype);
		if (lefttype != opcintype)
			continue;
		if (is_any ? get_element_type(exprType(other)) != righttype : exprType(other) != righttype)
			continue;
		if (strategy == BTEqualStrategyNumber && !is_any && eq.kind == 0)
		{
			eq.kind = MS_EQ;
			eq.rinfo = rinfo;
			eq.value = (Expr *) other;
			eq.eqproc = get_opcode(opno);
			eq.subtype = righttype;
			eq.collation = inputcollid;
		}
		else if (strategy == BTEqualStrategyNumber && is_any && any.kind == 0)
		{
			Oid			cmpproc = get_opfamily_proc(opfamily, righttype, righttype, BTORDER_PROC);

			if (!OidIsValid(cmpproc))
				continue;
			any.kind = MS_ANY;
			any.rinfo = rinfo;
			any.value = (Expr *) other;
			any.eqproc = get_opcode(opno);
			any.subtype = righttype;
			any.cmpproc = cmpproc;
			any.collation = inputcollid;
		}
		else if (!is_any && strategy == BTGreaterEqualStrategyNumber && range.lo_rinfo == NULL &&
				 (range.hi_rinfo == NULL || range.subtype == righttype))
		{
			range.lo_rinfo = rinfo;
			range.value = (Expr *) other;
			range.subtype = righttype;
			range.collation = inputcollid;
		}
		else if (!is_any && strategy == BTLessEqualStrategyNumber && range.hi_rinfo == NULL &&
				 (range.lo_rinfo == NULL || range.subtype == righttype))
		{
			range.hi_rinfo = rinfo;
			range.value_hi = (Expr *) other;
			range.subtype = righttype;
			range.collation = inputcollid;
		}
	}
	if (eq.kind)
		*out = eq;
	else if (any.kind)
		*out = any;
	else if (range.lo_rinfo && range.hi_rinfo)
	{
		Oid			eqop = get_opfamily_member(opfamily, opcintype, range.subtype, BTEqualStrategyNumber);

		range.cmpproc = get_opfamily_proc(opfamily, range.subtype, range.subtype, BTORDER_PROC);
		if (!OidIsValid(eqop) || !OidIsValid(range.cmpproc))
			return false;
		range.kind = MS_RANGE;
		range.eqproc = get_opcode(eqop);
		*out = range;
	}
	else
		return false;
	return true;
}

/* The driver of index for the order (attno, opfamily, collation, direction), if any. */
static bool
make_driver(RelOptInfo *rel, IndexOptInfo *index, AttrNumber attno, PathKey *pk, MsDriver *d)
{
	if (index->relam != BTREE_AM_OID || index->hypothetical || index->sortopfamily == NULL ||
		(index->indpred != NIL && !index->predOK))
		return false;
	for (int j = 0; j < index->nkeycolumns; j++)
	{
		bool		bound = true;

		if (index->indexkeys[j] != attno || index->sortopfamily[j] != pk->pk_opfamily ||
			index->indexcollations[j] != pk->pk_eclass->ec_collation)
			continue;
		memset(d, 0, sizeof(*d));
		d->index = index;
		d->orderkey = j;
		d->nprefix = j;
		d->backward = (pk->pk_strategy == BTGreaterStrategyNumber) != index->reverse_sort[j];
		for (int c = 0; c < j && bound; c++)
		{
			bound = find_binding(rel, index, c, &d->cols[c]);
			if (bound && d->cols[c].kind == MS_RANGE)
				d->nranges++;
		}
		if (bound)
			return true;
	}
	return false;
}

static int
driver_cmp(const void *a, const void *b)
{
	const MsDriver *x = a,
			   *y = b;

	if (x->nprefix != y->nprefix)
		return y->nprefix - x->nprefix;
	return x->nranges - y->nranges;
}

/* The clauses a driver's scan keys enforce. */
static List *
driver_bound(const MsDriver *d)
{
	List	   *bound = NIL;

	for (int c = 0; c < d->nprefix; c++)
	{
		if (d->cols[c].kind == MS_RANGE)
			bound = lappend(lappend(bound, d->cols[c].lo_rinfo), d->cols[c].hi_rinfo);
		else
			bound = lappend(bound, d->cols[c].rinfo);
	}
	return bound;
}

/* The cost of the merge with driver d (the first: the best case). */
static void
cost_merge(PlannerInfo *root, RelOptInfo *rel, const MsDriver *d, Path *path)
{
	List	   *bound = driver_bound(d);
	double		streams = 1,
				fetched,
				heap_pages,
				nresidual;
	double		spc_random_page_cost;
	QualCost	once;
	Cost		startup,
				run;

	get_tablespace_page_costs(rel->reltablespace, &spc_random_page_cost, NULL);
	once.startup = once.per_tuple = 0;
	for (int c = 0; c < d->nprefix; c++)
	{
		const MsBinding *b = &d->cols[c];
		QualCost	q;

		cost_qual_eval_node(&q, (Node *) b->value, root);
		once.startup += q.startup + q.per_tuple;
		if (b->kind == MS_RANGE)
		{
			cost_qual_eval_node(&q, (Node *) b->value_hi, root);
			once.startup += q.startup + q.per_tuple;
		}
		if (b->kind == MS_ANY)
			streams *= Max(1, estimate_array_length((Node *) b->value));
	}
	fetched = clamp_row_est(rel->tuples * clauselist_selectivity(root, bound, rel->relid, JOIN_INNER, NULL));
	heap_pages = Min(fetched, Max((double) rel->pages, 1.0));
	/*
	 * The filter's clauses are costed as one operator each: the policy
	 * helpers' COST 100000 steers plans that call them per row, but in a
	 * bound clause they are called once, and a filter of this scan only
	 * meets them when the driver used is not the first.
	 */
	nresidual = list_length(rel->baserestrictinfo) - list_length(bound);
	startup = once.startup + streams * (spc_random_page_cost + cpu_operator_cost * 50 * 4);
	run = heap_pages * spc_random_page_cost +
		fetched * (cpu_index_tuple_cost + cpu_tuple_cost + nresidual * cpu_operator_cost +
				   cpu_operator_cost * (streams > 1 ? log2(streams) : 0));
	path->rows = rel->rows;
	path->startup_cost = startup;
	path->total_cost = startup + run;
}

/* Is attno of relation relid declared NOT NULL? */
static bool
column_not_null(Oid relid, AttrNumber attno)
{
	HeapTuple	tup = SearchSysCacheAttNum(relid, attno);
	bool		notnull;

	if (!HeapTupleIsValid(tup))
		return false;
	notnull = ((Form_pg_attribute) GETSTRUCT(tup))->attnotnull;
	ReleaseSysCache(tup);
	return notnull;
}

static void
ms_set_rel_pathlist(PlannerInfo *root, RelOptInfo *rel, Index rti, RangeTblEntry *rte)
{
	PathKey    *pk;
	AttrNumber	attno = InvalidAttrNumber;
	ListCell   *lc;
	MsDriver   *drivers;
	int			ndrivers = 0;
	bool		has_open = false;
	CustomPath *cpath;
	List	   *priv = NIL;

	if (prev_set_rel_pathlist_hook)
		prev_set_rel_pathlist_hook(root, rel, rti, rte);
	if (!ms_enabled || rel->reloptkind != RELOPT_BASEREL || rte->rtekind != RTE_RELATION ||
		rte->relkind != RELKIND_RELATION || rte->inh || rte->tablesample != NULL ||
		list_length(root->query_pathkeys) != 1 || rel->indexlist == NIL ||
		rel->baserestrictinfo == NIL)
		return;
	if (get_rel_namespace(rte->relid) != get_namespace_oid("enrollment", true) || enr_citus_loaded())
		return;

	/* the order: one column of this relation, NOT NULL */
	pk = linitial_node(PathKey, root->query_pathkeys);
	if (pk->pk_eclass->ec_has_volatile ||
		(pk->pk_strategy != BTLessStrategyNumber && pk->pk_strategy != BTGreaterStrategyNumber))
		return;
	foreach(lc, pk->pk_eclass->ec_members)
	{
		EquivalenceMember *em = lfirst(lc);
		Node	   *e = (Node *) em->em_expr;

		while (IsA(e, RelabelType))
			e = (Node *) ((RelabelType *) e)->arg;
		if (!em->em_is_child && !em->em_is_const && IsA(e, Var) &&
			((Var *) e)->varno == rel->relid && ((Var *) e)->varlevelsup == 0 &&
			((Var *) e)->varattno > 0)
		{
			attno = ((Var *) e)->varattno;
			break;
		}
	}
	if (attno == InvalidAttrNumber || !column_not_null(rte->relid, attno))
		return;

	drivers = palloc0(sizeof(MsDriver) * list_length(rel->indexlist));
	foreach(lc, rel->indexlist)
	{
		if (make_driver(rel, lfirst(lc), attno, pk, &drivers[ndrivers]))
		{
			if (drivers[ndrivers].nprefix == 0)
				has_open = true;
			ndrivers++;
		}
	}
	/* worth it only with a bound driver, and possible only with an open one to fall back on */
	if (!has_open || ndrivers < 2)
		return;
	qsort(drivers, ndrivers, sizeof(MsDriver), driver_cmp);
	/* keep the first open driver as the last */
	for (int i = 0; i < ndrivers; i++)
	{
		if (drivers[i].nprefix == 0)
		{
			ndrivers = i + 1;
			break;
		}
	}
	if (ndrivers > MS_MAX_DRIVERS)
	{
		drivers[MS_MAX_DRIVERS - 1] = drivers[ndrivers - 1];
		ndrivers = MS_MAX_DRIVERS;
	}

	cpath = makeNode(CustomPath);
	cpath->path.pathtype = T_CustomScan;
	cpath->path.parent = rel;
	cpath->path.pathtarget = rel->reltarget;
	cpath->path.param_info = NULL;
	cpath->path.parallel_aware = false;
	cpath->path.parallel_safe = false;
	cpath->path.parallel_workers = 0;
	cpath->path.pathkeys = root->query_pathkeys;
	cpath->flags = 0;
	cpath->methods = &ms_path_methods;
	cost_merge(root, rel, &drivers[0], &cpath->path);
	/* the drivers, for ms_plan_path: a pointer each, palloc'd in the planner's context */
	for (int i = 0; i < ndrivers; i++)
	{
		MsDriver   *copy = palloc(sizeof(MsDriver));

		*copy = drivers[i];
		priv = lappend(priv, makeConst(INTERNALOID, -1, InvalidOid, sizeof(Pointer),
									   PointerGetDatum(copy), false, true));
	}
	cpath->custom_private = priv;
	add_path(rel, &cpath->path);
}

/*
 * The plan: custom_private = (order attno, sort operator, collation,
 * ndrivers) followed by one OidList per driver (index, order column,
 * backward, nprefix, then kind, eqproc, subtype, cmpproc, collation per
 * column); custom_exprs = one List per driver (the columns' values, a List
 * (lo, hi) for a range; the filter) followed by every clause, for EXPLAIN.
 */
static Plan *
ms_plan_path(PlannerInfo *root, RelOptInfo *rel, CustomPath *best_path,
			 List *tlist, List *clauses, List *custom_plans)
{
	CustomScan *cscan = makeNode(CustomScan);
	PathKey    *pk = linitial_node(PathKey, best_path->path.pathkeys);
	MsDriver   *first = (MsDriver *) DatumGetPointer(linitial_node(Const, best_path->custom_private)->constvalue);
	Oid			ordertype = first->index->opcintype[first->orderkey];
	Oid			sortop = get_opfamily_member(pk->pk_opfamily, ordertype, ordertype, pk->pk_strategy);
	List	   *priv,
			   *exprs = NIL;
	ListCell   *lc;

	if (!OidIsValid(sortop))
		elog(ERROR, "missing operator %d(%u,%u) in opfamily %u",
			 pk->pk_strategy, ordertype, ordertype, pk->pk_opfamily);
	priv = list_make1(list_make4_oid((Oid) first->index->indexkeys[first->orderkey], sortop,
									 pk->pk_eclass->ec_collation,
									 (Oid) list_length(best_path->custom_private)));
	foreach(lc, best_path->custom_private)
	{
		MsDriver   *d = (MsDriver *) DatumGetPointer(lfirst_node(Const, lc)->constvalue);
		List	   *bound = driver_bound(d);
		List	   *meta = list_make4_oid(d->index->indexoid, (Oid) d->orderkey, (Oid) d->backward,
										  (Oid) d->nprefix);
		List	   *values = NIL,
				   *filter = NIL;
		ListCell   *cc;

		for (int c = 0; c < d->nprefix; c++)
		{
			MsBinding  *b = &d->cols[c];

			meta = lappend_oid(meta, (Oid) b->kind);
			meta = lappend_oid(meta, b->eqproc);
			meta = lappend_oid(meta, b->subtype);
			meta = lappend_oid(meta, b->cmpproc);
			meta = lappend_oid(meta, b->collation);
			values = lappend(values, b->kind == MS_RANGE ? (Node *) list_make2(b->value, b->value_hi)
							 : (Node *) b->value);
		}
		foreach(cc, clauses)
		{
			RestrictInfo *rinfo = lfirst_node(RestrictInfo, cc);

			if (!rinfo->pseudoconstant && !list_member_ptr(bound, rinfo))
				filter = lappend(filter, rinfo->clause);
		}
		priv = lappend(priv, meta);
		exprs = lappend(exprs, list_make2(values, filter));
	}
	exprs = lappend(exprs, extract_actual_clauses(clauses, false));

	cscan->scan.plan.targetlist = tlist;
	cscan->scan.plan.qual = NIL;
	cscan->scan.scanrelid = rel->relid;
	cscan->flags = best_path->flags;
	cscan->custom_plans = NIL;
	cscan->custom_exprs = exprs;
	cscan->custom_private = priv;
	cscan->custom_scan_tlist = NIL;
	cscan->methods = &ms_scan_methods;
	return &cscan->scan.plan;
}

/* --------------------------------------------------------------- execution */

static Node *
ms_create_state(CustomScan *cscan)
{
	MergeScanState *ms = (MergeScanState *) newNode(sizeof(MergeScanState), T_CustomScanState);

	ms->css.methods = &ms_exec_methods;
	return (Node *) ms;
}

static void
ms_begin(CustomScanState *node, EState *estate, int eflags)
{
	MergeScanState *ms = (MergeScanState *) node;
	CustomScan *cscan = (CustomScan *) node->ss.ps.plan;
	List	   *head = linitial(cscan->custom_private);
	Oid			sortop = lsecond_oid(head);
	int			i = 0;
	ListCell   *lp,
			   *le;

	/*
	 * PostgreSQL 15 gives a custom scan a virtual scan slot, and compiles the
	 * projection for it; but EvalPlanQual hands the scan the table's own slot
	 * (a buffer heap tuple) to recheck and project, which expressions
	 * compiled for a virtual slot would read without deforming.  So the scan
	 * slot is the table's kind, as in an index scan, and the projection is
	 * compiled again for it (before every expression of this node).
	 */
	ExecInitScanTupleSlot(estate, &node->ss, RelationGetDescr(node->ss.ss_currentRelation),
						  table_slot_callbacks(node->ss.ss_currentRelation));
	ExecAssignScanProjectionInfoWithVarno(&node->ss, cscan->scan.scanrelid);

	ms->order_attno = (AttrNumber) linitial_oid(head);
	ms->ndrivers = (int) lfourth_oid(head);
	memset(&ms->order, 0, sizeof(ms->order));
	ms->order.ssup_cxt = CurrentMemoryContext;
	ms->order.ssup_collation = lthird_oid(head);
	ms->order.ssup_nulls_first = false;
	PrepareSortSupportFromOrderingOp(sortop, &ms->order);
	ms->drivers = palloc0(sizeof(MsExecDriver) * ms->ndrivers);
	forboth(lp, list_delete_first(list_copy(cscan->custom_private)), le, cscan->custom_exprs)
	{
		List	   *meta = lfirst(lp);
		List	   *values = linitial(lfirst(le));
		MsExecDriver *d = &ms->drivers[i++];
		int			k = 4;

		d->indexoid = linitial_oid(meta);
		d->orderkey = (int) lsecond_oid(meta);
		d->backward = (bool) lthird_oid(meta);
		d->nprefix = (int) lfourth_oid(meta);
		d->cols = palloc0(sizeof(MsExecColumn) * Max(d->nprefix, 1));
		for (int c = 0; c < d->nprefix; c++)
		{
			MsExecColumn *col = &d->cols[c];
			Node	   *v = list_nth(values, c);

			col->kind = (MsKind) list_nth_oid(meta, k++);
			col->eqproc = list_nth_oid(meta, k++);
			col->subtype = list_nth_oid(meta, k++);
			col->cmpproc = list_nth_oid(meta, k++);
			col->collation = list_nth_oid(meta, k++);
			if (col->kind == MS_RANGE)
			{
				col->value = ExecInitExpr(linitial((List *) v), &node->ss.ps);
				col->value_hi = ExecInitExpr(lsecond((List *) v), &node->ss.ps);
			}
			else
				col->value = ExecInitExpr((Expr *) v, &node->ss.ps);
		}
		d->filter_exprs = lsecond(lfirst(le));
		d->freezable = !contain_subplans((Node *) d->filter_exprs);
		/* a filter with a subquery now, its plan state the node's; the others when the scan starts */
		d->filter = d->freezable ? NULL : ExecInitQual(d->filter_exprs, &node->ss.ps);
		if (i == ms->ndrivers)
			break;				/* the last of custom_exprs is every clause */
	}
	ms->all_quals = ExecInitQual(llast(cscan->custom_exprs), &node->ss.ps);
	ms->cxt = AllocSetContextCreate(estate->es_query_cxt, "enrollment merge scan",
									ALLOCSET_DEFAULT_SIZES);
	ms->used = -1;
	ms->started = false;
}

/* one value, evaluated now and kept for the scan */
static Datum
eval_value(MergeScanState *ms, ExprState *state, Oid type, bool *isnull)
{
	ExprContext *econtext = ms->css.ss.ps.ps_ExprContext;
	int16		typlen;
	bool		typbyval;
	Datum		d = ExecEvalExprSwitchContext(state, econtext, isnull);

	if (*isnull)
		return (Datum) 0;
	get_typlenbyval(type, &typlen, &typbyval);
	return datumCopy(d, typbyval, typlen);
}

typedef struct MsSortArg
{
	FmgrInfo	cmp;
	Oid			collation;
} MsSortArg;

static MsSortArg *ms_qsort_arg;

static int
value_cmp(const void *a, const void *b)
{
	return DatumGetInt32(FunctionCall2Coll(&ms_qsort_arg->cmp, ms_qsort_arg->collation,
										   *(const Datum *) a, *(const Datum *) b));
}

/*
 * Evaluate driver d's values; false when d cannot be used (a range whose
 * ends differ, more streams than MS_MAX_STREAMS).  A NULL value leaves a
 * column with no value (no row can match): zero streams.
 */
static bool
driver_values(MergeScanState *ms, MsExecDriver *d, int *nstreams)
{
	double		product = 1;

	for (int c = 0; c < d->nprefix; c++)
	{
		MsExecColumn *col = &d->cols[c];
		bool		isnull;
		MsSortArg	arg;

		col->nvalues = 0;
		col->values = NULL;
		if (col->kind == MS_EQ)
		{
			Datum		v = eval_value(ms, col->value, col->subtype, &isnull);

			if (!isnull)
			{
				col->values = palloc(sizeof(Datum));
				col->values[0] = v;
				col->nvalues = 1;
			}
		}
		else if (col->kind == MS_RANGE)
		{
			Datum		lo = eval_value(ms, col->value, col->subtype, &isnull);
			bool		hinull;
			Datum		hi = eval_value(ms, col->value_hi, col->subtype, &hinull);

			if (!isnull && !hinull)
			{
				if (DatumGetInt32(OidFunctionCall2Coll(col->cmpproc, col->collation, lo, hi)) != 0)
					return false;
				col->values = palloc(sizeof(Datum));
				col->values[0] = lo;
				col->nvalues = 1;
			}
		}
		else
		{
			ExprContext *econtext = ms->css.ss.ps.ps_ExprContext;
			Datum		a = ExecEvalExprSwitchContext(col->value, econtext, &isnull);

			if (!isnull)
			{
				ArrayType  *arr = DatumGetArrayTypeP(a);
				int16		typlen;
				bool		typbyval;
				char		typalign;
				Datum	   *elems;
				bool	   *nulls;
				int			n,
							kept = 0;

				get_typlenbyvalalign(col->subtype, &typlen, &typbyval, &typalign);
				deconstruct_array(arr, col->subtype, typlen, typbyval, typalign, &elems, &nulls, &n);
				col->values = palloc(sizeof(Datum) * Max(n, 1));
				for (int i = 0; i < n; i++)
					if (!nulls[i])
						col->values[kept++] = datumCopy(elems[i], typbyval, typlen);
				if (kept > 1)
				{
					int			w = 1;

					fmgr_info(col->cmpproc, &arg.cmp);
					arg.collation = col->collation;
					ms_qsort_arg = &arg;
					qsort(col->values, kept, sizeof(Datum), value_cmp);
					for (int i = 1; i < kept; i++)
						if (value_cmp(&col->values[w - 1], &col->values[i]) != 0)
							col->values[w++] = col->values[i];
					kept = w;
				}
				col->nvalues = kept;
			}
		}
		product *= col->nvalues;
		if (product > MS_MAX_STREAMS)
			return false;
	}
	*nstreams = (int) product;
	return true;
}

static int
stream_cmp(Datum a, Datum b, void *arg)
{
	MergeScanState *ms = arg;
	int			cmp = ApplySortComparator(ms->streams[DatumGetInt32(a)].key, false,
										  ms->streams[DatumGetInt32(b)].key, false,
										  &ms->order);

	/* binaryheap keeps its largest first; the merge wants the first in order */
	INVERT_COMPARE_RESULT(cmp);
	return cmp;
}

/* the stream's next row into its slot and key; false at its end */
static bool
stream_advance(MergeScanState *ms, MsStream *s, ScanDirection dir)
{
	bool		isnull;

	if (!index_getnext_slot(s->scan, dir, s->slot))
		return false;
	s->key = slot_getattr(s->slot, ms->order_attno, &isnull);
	Assert(!isnull);
	return true;
}

/* The side of a filter clause "column op side" worth evaluating once: a function of no column. */
static Node *
frozen_side(Node *side)
{
	if (IsA(side, Const) || IsA(side, Param) || !is_scan_constant(side) ||
		!contain_mutable_functions(side))
		return NULL;
	return side;
}

static Node *
freeze(MergeScanState *ms, Node *side)
{
	ExprState  *state = ExecInitExpr((Expr *) side, NULL);
	Oid			type = exprType(side);
	int16		typlen;
	bool		typbyval,
				isnull;
	Datum		v;

	get_typlenbyval(type, &typlen, &typbyval);
	v = eval_value(ms, state, type, &isnull);
	return (Node *) makeConst(type, exprTypmod(side), exprCollation(side), typlen, v, isnull, typbyval);
}

/*
 * The filter, its clauses' stable sides evaluated now: the policy's client
 * range is a filter when the driver does not bind it (a vendor's, by the
 * primary key), and api_object_client_floor() per row is a call into the
 * caller's identity.  Only the sides of top-level "column op side" clauses,
 * which an index scan would have evaluated once too; none when the filter has
 * a subquery (its plan state belongs to the node's initialisation).
 */
static ExprState *
freeze_filter(MergeScanState *ms, List *filter)
{
	List	   *out = NIL;
	ListCell   *lc;

	foreach(lc, filter)
	{
		Node	   *clause = lfirst(lc);

		if (IsA(clause, OpExpr) && list_length(((OpExpr *) clause)->args) == 2)
		{
			OpExpr	   *op = (OpExpr *) copyObject(clause);

			if (frozen_side(lsecond(op->args)) && !is_scan_constant(linitial(op->args)))
				lsecond(op->args) = freeze(ms, lsecond(op->args));
			else if (frozen_side(linitial(op->args)) && !is_scan_constant(lsecond(op->args)))
				linitial(op->args) = freeze(ms, linitial(op->args));
			clause = (Node *) op;
		}
		else if (IsA(clause, ScalarArrayOpExpr))
		{
			ScalarArrayOpExpr *saop = (ScalarArrayOpExpr *) copyObject(clause);

			if (frozen_side(lsecond(saop->args)) && !is_scan_constant(linitial(saop->args)))
				lsecond(saop->args) = freeze(ms, lsecond(saop->args));
			clause = (Node *) saop;
		}
		out = lappend(out, clause);
	}
	return ExecInitQual(out, &ms->css.ss.ps);
}

/* Choose the driver, open its streams and read their first rows. */
static void
ms_start(MergeScanState *ms)
{
	EState	   *estate = ms->css.ss.ps.state;
	Relation	heap = ms->css.ss.ss_currentRelation;
	MemoryContext old = MemoryContextSwitchTo(ms->cxt);
	MsExecDriver *d = NULL;
	int			nstreams = 0;
	ScanKeyData keys[INDEX_MAX_KEYS];
	int			pos[INDEX_MAX_KEYS];
	ScanDirection dir;

	for (int i = 0; i < ms->ndrivers; i++)
	{
		if (driver_values(ms, &ms->drivers[i], &nstreams))
		{
			d = &ms->drivers[i];
			ms->used = i;
			break;
		}
	}
	if (d == NULL)				/* the last, open driver is always usable */
		elog(ERROR, "no usable driver for the merge scan");
	dir = d->backward ? BackwardScanDirection : ForwardScanDirection;
	ms->css.ss.ps.qual = d->freezable ? freeze_filter(ms, d->filter_exprs) : d->filter;
	if (ms->index == NULL || RelationGetRelid(ms->index) != d->indexoid)
	{
		if (ms->index)
			index_close(ms->index, NoLock);
		ms->index = index_open(d->indexoid, AccessShareLock);
	}
	ms->nstreams = 0;
	ms->streams = palloc0(sizeof(MsStream) * Max(nstreams, 1));
	ms->heap = binaryheap_allocate(Max(nstreams, 1), stream_cmp, ms);
	memset(pos, 0, sizeof(pos));
	for (int s = 0; s < nstreams; s++)
	{
		MsStream   *st = &ms->streams[s];

		/* the s-th combination of the columns' values, the last column fastest */
		for (int c = 0; c < d->nprefix; c++)
		{
			MsExecColumn *col = &d->cols[c];
			Oid			opcintype = ms->index->rd_opcintype[c];

			ScanKeyEntryInitialize(&keys[c], 0, (AttrNumber) (c + 1), BTEqualStrategyNumber,
								   col->subtype == opcintype ? InvalidOid : col->subtype,
								   col->collation, col->eqproc, col->values[pos[c]]);
		}
		for (int c = d->nprefix - 1; c >= 0; c--)
		{
			if (++pos[c] < d->cols[c].nvalues)
				break;
			pos[c] = 0;
		}
		st->scan = index_beginscan(heap, ms->index, estate->es_snapshot, d->nprefix, 0);
		st->slot = MakeSingleTupleTableSlot(RelationGetDescr(heap), &TTSOpsBufferHeapTuple);
		index_rescan(st->scan, keys, d->nprefix, NULL, 0);
		ms->nstreams++;
		if (stream_advance(ms, st, dir))
			binaryheap_add_unordered(ms->heap, Int32GetDatum(s));
	}
	binaryheap_build(ms->heap);
	ms->started = true;
	MemoryContextSwitchTo(old);
}

static void
ms_stop(MergeScanState *ms)
{
	ExecClearTuple(ms->css.ss.ss_ScanTupleSlot);
	for (int s = 0; s < ms->nstreams; s++)
	{
		index_endscan(ms->streams[s].scan);
		ExecDropSingleTupleTableSlot(ms->streams[s].slot);
	}
	ms->nstreams = 0;
	ms->streams = NULL;
	ms->heap = NULL;
	ms->css.ss.ps.qual = NULL;
	MemoryContextReset(ms->cxt);
	ms->started = false;
}

/*
 * The next row: the first stream's, copied into the scan slot (a second pin
 * of its buffer, not a copy of the tuple); then that stream moves on.
 */
static TupleTableSlot *
ms_next(ScanState *node)
{
	MergeScanState *ms = (MergeScanState *) node;
	TupleTableSlot *slot = node->ss_ScanTupleSlot;
	MsStream   *st;
	int			s;

	if (!ms->started || binaryheap_empty(ms->heap))
		return ExecClearTuple(slot);
	s = DatumGetInt32(binaryheap_first(ms->heap));
	st = &ms->streams[s];
	ExecCopySlot(slot, st->slot);
	if (stream_advance(ms, st, ms->drivers[ms->used].backward ? BackwardScanDirection : ForwardScanDirection))
		binaryheap_replace_first(ms->heap, Int32GetDatum(s));
	else
		(void) binaryheap_remove_first(ms->heap);
	return slot;
}

/* EvalPlanQual: the bound clauses too, which the scan keys enforced on the old row */
static bool
ms_recheck(ScanState *node, TupleTableSlot *slot)
{
	ExprContext *econtext = node->ps.ps_ExprContext;

	ResetExprContext(econtext);
	econtext->ecxt_scantuple = slot;
	return ExecQual(((MergeScanState *) node)->all_quals, econtext);
}

static TupleTableSlot *
ms_exec(CustomScanState *node)
{
	MergeScanState *ms = (MergeScanState *) node;

	/*
	 * Before ExecScan, which reads the filter this sets.  Not in an
	 * EvalPlanQual recheck, which never reads the streams: ExecScan takes the
	 * row to recheck, and ms_recheck checks every clause.
	 */
	if (!ms->started && node->ss.ps.state->es_epq_active == NULL)
		ms_start(ms);
	return ExecScan(&node->ss, ms_next, ms_recheck);
}

static void
ms_end(CustomScanState *node)
{
	MergeScanState *ms = (MergeScanState *) node;

	ms_stop(ms);
	if (ms->index)
		index_close(ms->index, NoLock);
	ms->index = NULL;
}

static void
ms_rescan(CustomScanState *node)
{
	MergeScanState *ms = (MergeScanState *) node;

	ms_stop(ms);
	ExecScanReScan(&node->ss);
}

static void
ms_explain(CustomScanState *node, List *ancestors, ExplainState *es)
{
	MergeScanState *ms = (MergeScanState *) node;
	CustomScan *cscan = (CustomScan *) node->ss.ps.plan;
	List	   *clauses = llast(cscan->custom_exprs);
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < ms->ndrivers; i++)
	{
		MsExecDriver *d = &ms->drivers[i];
		char	   *name = get_rel_name(d->indexoid);

		appendStringInfo(&buf, "%s%s (%d bound)", i ? ", " : "", name ? name : "?", d->nprefix);
	}
	ExplainPropertyText("Drivers", buf.data, es);
	if (clauses != NIL)
	{
		List	   *context = set_deparse_context_plan(es->deparse_cxt, &cscan->scan.plan, ancestors);
		bool		useprefix = list_length(es->rtable) > 1 || es->verbose;

		ExplainPropertyText("Conditions",
							deparse_expression((Node *) make_ands_explicit(clauses), context, useprefix, false),
							es);
	}
	if (es->analyze && ms->used >= 0)
	{
		char	   *name = get_rel_name(ms->drivers[ms->used].indexoid);

		ExplainPropertyText("Driver Used", name ? name : "?", es);
		ExplainPropertyInteger("Streams", NULL, ms->nstreams, es);
	}
}

/* --------------------------------------------------------------- set-up */

/* enrollment.merge_scan and the planner hook; called once from _PG_init. */
void
ms_init(void)
{
	DefineCustomBoolVariable("enrollment.merge_scan",
							 "Lists the extension's tables in index order by merging one index stream per value of the row security's program array.",
							 "Off leaves such listings to PostgreSQL's own plans (an index scan and a sort).",
							 &ms_enabled,
							 true,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
	RegisterCustomScanMethods(&ms_scan_methods);
	prev_set_rel_pathlist_hook = set_rel_pathlist_hook;
	set_rel_pathlist_hook = ms_set_rel_pathlist;
}
