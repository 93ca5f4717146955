/*
 * param_unique.c
 *		The `unique` constraint's statements: which values of a program's
 *		parameters another holder has (a Processing or Querying enrollment,
 *		an Active, Updating or Expired certificate other than the
 *		enrollment's own), and, in a transition, the per-value locks taken
 *		first on the node of the program's rows (README "Growing past one
 *		machine").  param_validate.c decides which values to check and what
 *		an answer means (PRM0027).
 *
 * No jansson here: utils/builtins.h and jansson.h both declare json_object.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"

#include "lifecycle_spi.h"
#include "param_spi.h"

/*
 * A transition's unique check, routed to the node of the program's rows: the
 * statement reads the program's row, so under Citus the function runs on the
 * node of the program's shard, in the distributed transaction's backend
 * there, whichever node the session is on.  There it takes the per-value
 * advisory locks (an advisory lock is local to its node: taken on the
 * session's own node, a submit on the coordinator and one on a worker would
 * not see each other's) and reads the values with the latest snapshot (a
 * worker's REPEATABLE READ snapshot may predate the competitor's commit; the
 * co-located shards are local there, and Citus runs local shard queries
 * with the active snapshot).  On one node it is the same, one primary-key
 * probe more.
 */
static PvStmt taken_stmt = {
	"SELECT pg_catalog.unnest(enrollment.unique_values_taken(p.id, $2, $3, $4::jsonb))"
	"  FROM enrollment.programs p WHERE p.id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id",
	4
};

/* run by unique_values_taken, on the node of the program's rows */
static PvStmt lock_unique_stmt = {
	"SELECT pg_catalog.pg_advisory_xact_lock(k) FROM ("
	"  SELECT DISTINCT pg_catalog.hashtextextended($1 OPERATOR(pg_catalog.||) '/'"
	"         OPERATOR(pg_catalog.||) (u.e OPERATOR(pg_catalog.->>) 'id')"
	"         OPERATOR(pg_catalog.||) '/' OPERATOR(pg_catalog.||) (u.e OPERATOR(pg_catalog.->) 'value')::text, 0) AS k"
	"    FROM pg_catalog.jsonb_array_elements($2::jsonb) AS u(e)) s ORDER BY k",
	2
};

/*
 * One probe per unique value: the hash term is the index condition of
 * *_parameters_by_parameter (the value enters the key as its jsonb hash; the
 * equality beside it settles collisions).  OFFSET 0 keeps each EXISTS a
 * correlated probe: without it the planner may turn it into a hashed subplan
 * that reads every value of the program's parameters, which the kept generic
 * plan did (README "Speed": cost flat in the program's open enrollments).
 */
static PvStmt unique_stmt = {
	"SELECT u.e OPERATOR(pg_catalog.->>) 'id'"
	"  FROM pg_catalog.jsonb_array_elements($4::jsonb) AS u(e)"
	" WHERE EXISTS (SELECT 1 FROM enrollment.enrollment_parameters o"
	"                 JOIN enrollment.enrollments x"
	"                   ON x.program_id OPERATOR(pg_catalog.=) o.program_id"
	"                  AND x.id OPERATOR(pg_catalog.=) o.enrollment_id"
	"                WHERE o.program_id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id"
	"                  AND o.parameter_id OPERATOR(pg_catalog.=) (u.e OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id"
	"                  AND pg_catalog.jsonb_hash_extended(o.value, 0) OPERATOR(pg_catalog.=)"
"                      pg_catalog.jsonb_hash_extended(u.e OPERATOR(pg_catalog.->) 'value', 0)"
"                  AND o.value OPERATOR(pg_catalog.=) (u.e OPERATOR(pg_catalog.->) 'value')"
	"                  AND ($2 IS NULL OR o.enrollment_id OPERATOR(pg_catalog.<>) $2::enrollment.mpt_id)"
	"                  AND x.status IN ('Processing', 'Querying') OFFSET 0)"
	"    OR EXISTS (SELECT 1 FROM enrollment.certificate_parameters c"
	"                 JOIN enrollment.certificates y"
	"                   ON y.program_id OPERATOR(pg_catalog.=) c.program_id"
	"                  AND y.id OPERATOR(pg_catalog.=) c.certificate_id"
	"                WHERE c.program_id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id"
	"                  AND c.parameter_id OPERATOR(pg_catalog.=) (u.e OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id"
	"                  AND pg_catalog.jsonb_hash_extended(c.value, 0) OPERATOR(pg_catalog.=)"
"                      pg_catalog.jsonb_hash_extended(u.e OPERATOR(pg_catalog.->) 'value', 0)"
"                  AND c.value OPERATOR(pg_catalog.=) (u.e OPERATOR(pg_catalog.->) 'value')"
	"                  AND ($3 IS NULL OR c.certificate_id OPERATOR(pg_catalog.<>) $3::enrollment.mpt_id)"
	"                  AND y.status IN ('Active', 'Updating', 'Expired') OFFSET 0)",
	4
};

PG_FUNCTION_INFO_V1(unique_values_taken);

/*
 * enrollment.unique_values_taken(program_id, enrollment_id, certificate_id,
 * values): lock each (program, parameter, value) of values ([{id, value}])
 * for the transaction, then answer the ids of those another holder has (see
 * unique_stmt), read from what is committed now.  Internal: called by
 * taken_stmt only.
 */
Datum
unique_values_taken(PG_FUNCTION_ARGS)
{
	char	   *program_id = lc_id_arg(fcinfo, 0, "program id");
	char	   *enrollment_id = PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1));
	char	   *certificate_id = PG_ARGISNULL(2) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(2));
	char	   *values;
	MemoryContext caller_cxt = CurrentMemoryContext;
	Datum	   *ids;
	uint64		n;

	if (PG_ARGISNULL(3))
		PG_RETURN_NULL();
	values = JsonbToCString(NULL, &PG_GETARG_JSONB_P(3)->root, VARSIZE(PG_GETARG_JSONB_P(3)));
	SPI_connect();
	pv_exec(&lock_unique_stmt, program_id, values);
	n = pv_exec_latest(&unique_stmt, program_id, enrollment_id, certificate_id, values);
	ids = (Datum *) MemoryContextAlloc(caller_cxt, sizeof(Datum) * Max(n, 1));
	for (uint64 r = 0; r < n; r++)
	{
		MemoryContext spi_cxt = MemoryContextSwitchTo(caller_cxt);

		ids[r] = CStringGetTextDatum(pv_get(r, 1));
		MemoryContextSwitchTo(spi_cxt);
	}
	SPI_finish();
	PG_RETURN_ARRAYTYPE_P(construct_array(ids, (int) n, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * The ids of the parameters among values ([{id, value}] as JSON text) whose
 * value another holder has; in the SPI result, column 1.  A transition
 * (lock) locks the values first and reads what is committed now, routed to
 * the node of the program's rows; a validation reads its own snapshot and
 * takes no lock.
 */
uint64
pv_unique_taken(const char *program_id, const char *enrollment_id,
				const char *certificate_id, const char *values, bool lock)
{
	return pv_exec(lock ? &taken_stmt : &unique_stmt, program_id, enrollment_id, certificate_id, values);
}
