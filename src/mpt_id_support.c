/*
 * mpt_id_support.c
 *		Planner support for the compatibility operators enrollment.= etc.
 *
 * The operators of mpt_id's default btree and hash operator classes live in
 * pg_catalog, so that every search_path finds them (README "Ids in
 * queries").  The older operators in schema enrollment are kept for SQL that
 * names them, OPERATOR(enrollment.=), and share their implementation
 * functions with the pg_catalog ones.  An index only serves the operators
 * of its own family; for any other operator the planner asks the support
 * function of the operator's function.  This one answers with the index
 * family's operator that has the very same implementation function (so the
 * rewritten condition is exactly equivalent, never lossy), commuted when the
 * indexed column is on the right.
 */
#include "postgres.h"

#include "access/stratnum.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "nodes/makefuncs.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "utils/lsyscache.h"

PG_FUNCTION_INFO_V1(mpt_id_support);

/*
 * The member of opfamily for (typid, typid) implemented by funcid, or
 * InvalidOid.  Strategies 1..5 cover btree; hash has only 1 (equality).
 */
static Oid
family_member_with_function(Oid opfamily, Oid typid, Oid funcid)
{
	int			strategy;

	for (strategy = 1; strategy <= BTMaxStrategyNumber; strategy++)
	{
		Oid			member = get_opfamily_member(opfamily, typid, typid, strategy);

		if (OidIsValid(member) && get_opcode(member) == funcid)
			return member;
	}
	return InvalidOid;
}

Datum
mpt_id_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);
	SupportRequestIndexCondition *req;
	OpExpr	   *clause;
	Node	   *indexkey;
	Node	   *other;
	Oid			typid;
	Oid			target;

	if (!IsA(rawreq, SupportRequestIndexCondition))
		PG_RETURN_POINTER(NULL);
	req = (SupportRequestIndexCondition *) rawreq;

	/* Only binary operator clauses on two values of one type. */
	if (!is_opclause(req->node) || list_length(((OpExpr *) req->node)->args) != 2)
		PG_RETURN_POINTER(NULL);
	clause = (OpExpr *) req->node;
	typid = exprType(linitial(clause->args));
	if (exprType(lsecond(clause->args)) != typid)
		PG_RETURN_POINTER(NULL);

	/* The planner has checked that the other side is usable as a comparison value. */
	indexkey = (Node *) list_nth(clause->args, req->indexarg);
	other = (Node *) list_nth(clause->args, 1 - req->indexarg);

	target = family_member_with_function(req->opfamily, typid, req->funcid);
	if (!OidIsValid(target))
		PG_RETURN_POINTER(NULL);
	if (req->indexarg == 1)
	{
		/* indexed column on the right: "other < col" becomes "col > other" */
		target = get_commutator(target);
		if (!OidIsValid(target) || !op_in_opfamily(target, req->opfamily))
			PG_RETURN_POINTER(NULL);
	}

	req->lossy = false;
	PG_RETURN_POINTER(list_make1(make_opclause(target, BOOLOID, false,
											   (Expr *) indexkey, (Expr *) other,
											   InvalidOid, clause->inputcollid)));
}
