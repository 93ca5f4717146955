/*
 * param_cache.c
 *		Per-backend cache of parameter definitions, keyed by program id.
 *
 * The validator needs every definition of a program with its options parsed
 * (optionsList, pattern, dates...).  Loading and parsing them costs a query
 * and a JSON parse per definition, so each backend keeps the parsed copies
 * (pc_def_copy into one block per definition) in a memory context per
 * program, under a hash table in TopMemoryContext.
 *
 * Invalidation: an AFTER ... FOR EACH STATEMENT trigger on
 * enrollment.parameters (parameters_changed in param_definitions.c) sends a
 * relcache invalidation for that table.  Every backend (this one at the next
 * command, others at their next transaction or lock) then runs
 * pv_relcache_callback, which drops the whole cache; a rolled-back change is
 * covered too, because PostgreSQL replays a failed transaction's local
 * invalidations at abort.  A relcache reset (InvalidOid) drops it as well.
 *
 * Pinning: a call keeps using the PvProgram it acquired even when an
 * invalidation arrives in the middle of it (a hook may change definitions):
 * pv_program_acquire counts a reference that a reset callback on the call's
 * memory context releases, on success and on error alike; a dropped program
 * is freed when its last reference goes.
 *
 * Snapshots: a cache entry must hold what any later transaction would read.
 * A REPEATABLE READ or SERIALIZABLE transaction reads with the snapshot it
 * took at its first statement, possibly older than the invalidation it has
 * just processed, so what it loads goes into the call's memory only, never
 * into the cache (IsolationUsesXactSnapshot).  An entry it finds in the
 * cache is fine to use: it was loaded before that snapshot was taken, and
 * any change committed since then has dropped it.
 * pv_program_reload drops one program's entry and loads it again, for a
 * caller that met an instance whose definition the entry lacks.
 *
 * enrollment.parameter_cache = off bypasses the cache (every call loads and
 * parses the definitions into its own memory): the cold path of the bench.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/guc.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "errcodes.h"
#include "param_glue.h"

#define PV_CACHE_MAX_PROGRAMS 512

typedef struct PvCacheEntry
{
	char		key[24];		/* program id text */
	PvProgram  *prog;
} PvCacheEntry;

bool		pv_cache_enabled = true;
static HTAB *pv_cache = NULL;
static Oid	pv_parameters_relid = InvalidOid;

static PvStmt load_stmt = {
	"SELECT id::text, type, phase, status, name, external_id, display_order,"
	"       hidden, readonly, required, \"unique\", options::text"
	"  FROM enrollment.parameters"
	" WHERE program_id OPERATOR(pg_catalog.=) $1::enrollment.mpt_id"
	" ORDER BY id",
	1
};

static void
release_program(PvProgram *prog)
{
	if (prog->refcount == 0)
		MemoryContextDelete(prog->cxt);
	else
		prog->dead = true;
}

static void
pv_cache_drop(void)
{
	HASH_SEQ_STATUS status;
	PvCacheEntry *e;

	if (pv_cache == NULL)
		return;
	hash_seq_init(&status, pv_cache);
	while ((e = hash_seq_search(&status)) != NULL)
		release_program(e->prog);
	hash_destroy(pv_cache);
	pv_cache = NULL;
}

static void
pv_relcache_callback(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == pv_parameters_relid)
		pv_cache_drop();
}

/* Called once from _PG_init. */
void
pv_cache_init(void)
{
	DefineCustomBoolVariable("enrollment.parameter_cache",
							 "Cache parsed parameter definitions per backend.",
							 "Off loads and parses the definitions on every validation (for benchmarks).",
							 &pv_cache_enabled,
							 true,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);
	CacheRegisterRelcacheCallback(pv_relcache_callback, (Datum) 0);
}

static void *
cache_alloc(void *ctx, size_t size)
{
	return MemoryContextAllocExtended((MemoryContext) ctx, size, MCXT_ALLOC_NO_OOM);
}

static int
def_cmp(const void *a, const void *b)
{
	return strcmp(((const PvDef *) a)->id, ((const PvDef *) b)->id);
}

/*
 * Load and parse every definition (Active and Deleted: old enrollments still
 * hold instances of deleted ones) of a program into a new context under
 * parent.  Runs inside SPI.  A definition whose stored options no longer
 * parse (written behind the API's back) is kept as broken: its instances
 * then get PRM0024 instead of the whole validation failing.
 */
static PvProgram *
load_program(const char *program_id, MemoryContext parent)
{
	MemoryContext cxt = AllocSetContextCreate(parent, "enrollment parameter definitions",
											  ALLOCSET_SMALL_SIZES);
	PvProgram  *prog = MemoryContextAllocZero(cxt, sizeof(PvProgram));
	bool		was = pv_set_snapshot_reads(false);
	uint64		n;

	/*
	 * A snapshot of the load's own, even in enrollment_validate's first pass
	 * (which reads on the calling query's snapshot): a cache entry must hold
	 * what any later transaction would read, and the calling query's
	 * snapshot may predate an invalidation this backend has just processed.
	 * On error the pass restores the setting itself.
	 */
	n = pv_exec(&load_stmt, program_id);
	pv_set_snapshot_reads(was);

	prog->cxt = cxt;
	strlcpy(prog->program_id, program_id, sizeof(prog->program_id));
	prog->defs = MemoryContextAllocZero(cxt, sizeof(PvDef) * (n > 0 ? n : 1));
	for (uint64 i = 0; i < n; i++)
	{
		PvDef	   *d = &prog->defs[prog->ndefs];
		const char *type = pv_get(i, 2);
		const char *phase = pv_get(i, 3);
		const char *options = pv_get(i, 12);
		int			t = pc_type_from_name(type, strlen(type));
		PcParamDef	def;
		json_t	   *opts = NULL;
		json_error_t jerr;

		CHECK_FOR_INTERRUPTS();
		strlcpy(d->id, pv_get(i, 1), sizeof(d->id));
		d->active = strcmp(pv_get(i, 4), "Active") == 0;
		d->display_order = atoi(pv_get(i, 7));
		pc_def_init(&def, t < 0 ? PC_TYPE_SINGLE_LINE_TEXT : (PcParamType) t);
		def.id = d->id;
		def.name = pv_get(i, 5);
		def.externalId = pv_get(i, 6);
		def.phase = strcmp(phase, "Order") == 0 ? PC_PHASE_ORDER : PC_PHASE_FULFILLMENT;
		def.hidden = pv_get_bool(i, 8);
		def.readonly = pv_get_bool(i, 9);
		def.required = pv_get_bool(i, 10);
		def.unique = pv_get_bool(i, 11);

		if (t < 0)
		{
			d->broken = true;
			strlcpy(d->broken_err.id, PC_ERR_OPT_PARAM_TYPE, sizeof(d->broken_err.id));
			strlcpy(d->broken_err.message, "Parameter type is not supported.",
					sizeof(d->broken_err.message));
		}
		else
		{
			opts = json_loads(options, 0, &jerr);
			if (opts == NULL)
			{
				d->broken = true;
				strlcpy(d->broken_err.id, PC_ERR_BAD_DEF, sizeof(d->broken_err.id));
				strlcpy(d->broken_err.message, "Parameter definition is invalid.",
						sizeof(d->broken_err.message));
			}
			else if (pc_parse_options(def.type, opts, &pv_regex_validate, &def,
									  &d->broken_err) != 0)
				d->broken = true;
		}
		if (d->broken)
			pc_parse_options(def.type, NULL, NULL, &def, &(PcError) {0});
		if (pc_def_copy(&def, &d->def, cache_alloc, cxt) != 0)
			ereport(ERROR,
					(errcode(ENR_ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory while caching the parameters of program %s",
							program_id)));
		if (opts != NULL)
			json_decref(opts);
		prog->ndefs++;
	}
	/* ORDER BY id sorts mpt_id values, whose order equals their text order */
	qsort(prog->defs, prog->ndefs, sizeof(PvDef), def_cmp);
	return prog;
}

static void
unpin_program(void *arg)
{
	PvProgram  *prog = (PvProgram *) arg;

	if (--prog->refcount == 0 && prog->dead)
		MemoryContextDelete(prog->cxt);
}

/*
 * The definitions of a program, valid while call_cxt lives.  Must run inside
 * SPI (a miss runs a query).
 */
const PvProgram *
pv_program_acquire(const char *program_id, MemoryContext call_cxt)
{
	PvCacheEntry *e;
	bool		found;
	PvProgram  *prog;
	MemoryContextCallback *cb;

	if (!pv_cache_enabled)
	{
		prog = load_program(program_id, call_cxt);
		prog->refcount = 1;		/* dies with call_cxt */
		return prog;
	}

	/* an entry may be used, but a transaction snapshot never fills one */
	if (IsolationUsesXactSnapshot() &&
		(pv_cache == NULL || hash_search(pv_cache, program_id, HASH_FIND, NULL) == NULL))
	{
		prog = load_program(program_id, call_cxt);
		prog->refcount = 1;		/* dies with call_cxt */
		return prog;
	}

	if (pv_cache == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(((PvCacheEntry *) 0)->key);
		ctl.entrysize = sizeof(PvCacheEntry);
		ctl.hcxt = TopMemoryContext;
		pv_cache = hash_create("enrollment parameter cache", 64, &ctl,
							   HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
		pv_parameters_relid = get_relname_relid("parameters",
												get_namespace_oid("enrollment", false));
	}

	e = hash_search(pv_cache, program_id, HASH_FIND, &found);
	if (!found)
	{
		if (hash_get_num_entries(pv_cache) >= PV_CACHE_MAX_PROGRAMS)
		{
			pv_cache_drop();
			return pv_program_acquire(program_id, call_cxt);
		}
		/* built under the call's context: an error while loading leaks nothing */
		prog = load_program(program_id, call_cxt);
		/* the load ran SQL: an invalidation may have dropped the cache meanwhile */
		if (pv_cache == NULL)
		{
			prog->refcount = 1;
			return prog;
		}
		MemoryContextSetParent(prog->cxt, TopMemoryContext);
		e = hash_search(pv_cache, program_id, HASH_ENTER, &found);
		e->prog = prog;
	}
	prog = e->prog;
	prog->refcount++;
	cb = MemoryContextAlloc(call_cxt, sizeof(MemoryContextCallback));
	cb->func = unpin_program;
	cb->arg = prog;
	MemoryContextRegisterResetCallback(call_cxt, cb);
	return prog;
}

/*
 * Drop program_id's cache entry (a call still using it keeps it until the
 * call ends) and return the definitions loaded again.
 */
const PvProgram *
pv_program_reload(const char *program_id, MemoryContext call_cxt)
{
	PvCacheEntry *e;

	if (pv_cache != NULL &&
		(e = hash_search(pv_cache, program_id, HASH_FIND, NULL)) != NULL)
	{
		release_program(e->prog);
		hash_search(pv_cache, program_id, HASH_REMOVE, NULL);
	}
	return pv_program_acquire(program_id, call_cxt);
}

const PvDef *
pv_find_def(const PvProgram *prog, const char *id, size_t len)
{
	int			lo = 0,
				hi = prog->ndefs - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		const char *m = prog->defs[mid].id;
		int			c = strncmp(m, id, len);

		if (c == 0 && m[len] != '\0')
			c = 1;
		if (c == 0)
			return &prog->defs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}
