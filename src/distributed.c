/*
 * distributed.c
 *		What the engine does differently when Citus runs in this server
 *		(README "Growing past one machine").
 *
 * Two things only, both decided at run time so that one build serves a
 * single server and a Citus cluster alike:
 *
 * - Kept SPI plans.  On a single server every statement is planned once as a
 *   generic plan.  Under Citus every execution gets a custom plan, with the
 *   values bound, which Citus routes to the one shard of the program: Citus
 *   cannot distribute a generic INSERT ... SELECT of parameters ("could not
 *   create distributed plan", seen with the parameter definitions' insert,
 *   ids bound as mpt_id or not).
 *
 * - The caller's claims.  Triggers on distributed tables (the status trigger
 *   and its history row) run on the worker that holds the shard, and read
 *   request.jwt.claims there.  Citus forwards a setting to the workers only
 *   as a SET LOCAL statement, and only with citus.propagate_set_commands =
 *   'local'; set_config(), which PostgREST uses, stays on the coordinator.
 *   The actions therefore re-issue the claims through
 *   enrollment.forward_claims() (src/sql/50_distribute.sql) before they write.
 *
 * - The parameter-definition cache (param_cache.c) is dropped by a relcache
 *   invalidation of enrollment.parameters, sent by a statement trigger.
 *   Under Citus that trigger fires on the worker's shard, so the definition
 *   functions send the coordinator's invalidation themselves.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "executor/spi.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"

#include "distributed.h"

/*
 * Citus's shared library is loaded: its GUCs exist as real variables, not as
 * the placeholder a mere SET citus.x = ... leaves behind.
 */
bool
enr_citus_loaded(void)
{
	const char *name = "citus.propagate_set_commands";

	return GetConfigOption(name, true, false) != NULL &&
		(GetConfigOptionFlags(name, true) & GUC_CUSTOM_PLACEHOLDER) == 0;
}

/*
 * Cursor options for SPI_prepare_cursor of a kept plan: generic plans on a
 * single server (short lookups and updates by key, never worth a re-plan),
 * custom ones under Citus (see above).
 */
int
enr_plan_options(void)
{
	return enr_citus_loaded() ? CURSOR_OPT_CUSTOM_PLAN : CURSOR_OPT_GENERIC_PLAN;
}

/*
 * Under Citus, hand the caller's claims to the workers for the rest of the
 * transaction.  A no-op on a single server.  Must run inside SPI_connect.
 */
void
enr_forward_claims(void)
{
	int			rc;

	if (!enr_citus_loaded())
		return;
	rc = SPI_execute("SELECT enrollment.forward_claims()", false, 0);
	if (rc < 0)
		elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(rc));
}

/*
 * Under Citus, after a write to enrollment.parameters through the
 * definition functions: every coordinator backend drops its definition cache
 * once this transaction commits (see above).  A no-op on a single server,
 * where the table's own trigger does it.
 */
void
enr_parameters_changed(void)
{
	Oid			relid;

	if (!enr_citus_loaded())
		return;
	relid = get_relname_relid("parameters", get_namespace_oid("enrollment", false));
	if (OidIsValid(relid))
		CacheInvalidateRelcacheByRelid(relid);
}
