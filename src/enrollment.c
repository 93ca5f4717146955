/*
 * enrollment.c
 *		Module entry point: PG_MODULE_MAGIC and _PG_init.
 *
 * Process-wide set-up: routing jansson's allocator through palloc, so that a
 * JSON tree lives in whatever memory context is current when it is built and
 * dies with it, including when an ERROR unwinds the stack; and the parameter
 * definition cache (param_cache.c: its GUC and invalidation callback); and
 * the error hook that gives PostgREST callers the marketplace's statuses
 * (api_problem.c); the switch of the direct reads (direct_read.c); the
 * ordered merge of the listings (merge_scan.c).
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"

#include <jansson.h>

#include "api_problem.h"
#include "direct_read.h"
#include "merge_scan.h"
#include "param_glue.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/*
 * jansson expects NULL on out-of-memory; a plain palloc would longjmp out of
 * the middle of the parser instead, so ask palloc for the NULL-returning form.
 */
static void *
enr_json_malloc(size_t size)
{
	return palloc_extended(size, MCXT_ALLOC_NO_OOM);
}

static void
enr_json_free(void *ptr)
{
	if (ptr != NULL)
		pfree(ptr);
}

void
_PG_init(void)
{
	uint32		seed;

	/* Must precede any other jansson call in this backend. */
	json_set_alloc_funcs(enr_json_malloc, enr_json_free);
	/*
	 * A secret hash seed per backend: with a public one a client could send a
	 * document whose keys all collide, and parsing it (which rejects
	 * duplicate keys) would turn quadratic.  pg_strong_random cannot fail on
	 * a supported platform; the fallback only keeps the seed non-zero (zero
	 * asks jansson to read /dev/urandom itself).
	 */
	if (!pg_strong_random(&seed, sizeof(seed)) || seed == 0)
		seed = (uint32) MyProcPid * 2654435761u + 1;
	json_object_seed(seed);
	/* enrollment.parameter_cache and the definition cache's invalidation callback */
	pv_cache_init();
	/* enrollment.api_problem_errors and the emit_log_hook */
	api_problem_init();
	/* enrollment.direct_reads (direct_read.c) */
	dr_init();
	/* enrollment.merge_scan and the planner hook of the listings (merge_scan.c) */
	ms_init();
}
