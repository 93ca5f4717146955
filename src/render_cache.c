/*
 * render_cache.c
 *		What the renderers and the row security helpers have worked out for
 *		the statement running, kept so that a list of fifty enrollments of
 *		one program works it out once, not fifty times: the references
 *		(users, accounts, programs, templates: render_refs.c), the policies'
 *		program-id arrays and the last enrollment or certificate a value
 *		table's policy asked about (render_visibility.c).
 *
 * Each is the answer of reads in the caller's snapshot, with the caller's
 * rights (or the function owner's), of rows keyed by id.  It holds
 * exactly as long as the caller's answer of render_caller.c does: the same
 * claims, owner, transaction, subtransaction and snapshot
 * (render_caller_generation).  The current user is part of the key as well:
 * row level security reads with it, and SET ROLE changes it without a new
 * snapshot.  When the generation moves on, everything kept is dropped.
 *
 * What is kept is a varlena (a reference's jsonb, an array), or the fact that
 * there was none (an unknown or invisible id); the table is bounded, a
 * statement that names more distinct objects than that reads the rest every
 * time.
 *
 * Beside the table, one slot per kind keeps the last object rendered whole
 * (render_last_get/put: an enrollment's or a certificate's parameters).  They
 * are too large to keep for every row of a long list, and one is enough for
 * what repeats them: PostgREST's read, WITH pgrst_source AS (SELECT view.*
 * ... WHERE id = ...) SELECT count(_postgrest_t), json_agg(_postgrest_t) ...,
 * has a subquery the planner pulls up, so each aggregate's ROW(...) evaluates
 * every column of the view again, one right after the other for one row.
 */
#include "postgres.h"

#include "miscadmin.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"

#include "mpt_id.h"
#include "render.h"

#define CACHE_MAX_ENTRIES 4096
/* a template or a value table's object is keyed by its program's id and its own */
#define CACHE_KEY_LEN (2 * (MPT_ID_MAX_TEXT_LEN + 1))

typedef struct RefKey
{
	Oid			userid;
	char		kind;
	char		id[CACHE_KEY_LEN];
} RefKey;

typedef struct RefEntry
{
	RefKey		key;
	struct varlena *value;		/* NULL: none */
} RefEntry;

static MemoryContext cache_cxt = NULL;
static HTAB *cache = NULL;
static uint64 cache_generation = 0;

static void
make_key(RefKey *key, char kind, const char *id1, const char *id2)
{
	memset(key, 0, sizeof(RefKey));
	key->userid = GetUserId();
	key->kind = kind;
	if (id2 == NULL)
		strlcpy(key->id, id1, sizeof(key->id));
	else
		snprintf(key->id, sizeof(key->id), "%s/%s", id1, id2);
}

/* Drop everything unless it was kept under gen; false when gen is 0. */
static bool
cache_for(uint64 gen)
{
	HASHCTL		ctl;

	if (gen == 0)
		return false;
	if (cache != NULL && cache_generation == gen)
		return true;
	if (cache_cxt == NULL)
		cache_cxt = AllocSetContextCreate(TopMemoryContext, "enrollment render cache",
										  ALLOCSET_DEFAULT_SIZES);
	else
		MemoryContextReset(cache_cxt);
	ctl.keysize = sizeof(RefKey);
	ctl.entrysize = sizeof(RefEntry);
	ctl.hcxt = cache_cxt;
	cache = hash_create("enrollment render cache", 256, &ctl,
						HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	cache_generation = gen;
	return true;
}

/*
 * The kept answer of kind for id1 (and id2), copied into cxt; *value is
 * NULL when it was kept as absent.  False when nothing is kept.
 */
bool
render_cache_get(FunctionCallInfo fcinfo, char kind, const char *id1, const char *id2,
				 MemoryContext cxt, struct varlena **value)
{
	RefKey		key;
	RefEntry   *e;

	if (cache == NULL || !cache_for(render_caller_peek(fcinfo)))
		return false;
	make_key(&key, kind, id1, id2);
	e = hash_search(cache, &key, HASH_FIND, NULL);
	if (e == NULL)
		return false;
	if (e->value == NULL)
		*value = NULL;
	else
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);

		*value = (struct varlena *) palloc(VARSIZE(e->value));
		memcpy(*value, e->value, VARSIZE(e->value));
		MemoryContextSwitchTo(old);
	}
	return true;
}

/*
 * Keep value (NULL: none; an untoasted varlena) as the answer of kind for
 * id1 (and id2), just worked out; kept only when the caller's answer holds
 * for the current snapshot (the reads' own).
 */
void
render_cache_put(FunctionCallInfo fcinfo, char kind, const char *id1, const char *id2,
				 struct varlena *value)
{
	RefKey		key;
	RefEntry   *e;
	bool		found;

	if (!cache_for(render_caller_peek(fcinfo)) || hash_get_num_entries(cache) >= CACHE_MAX_ENTRIES)
		return;
	make_key(&key, kind, id1, id2);
	e = hash_search(cache, &key, HASH_ENTER, &found);
	if (found)
		return;
	e->value = NULL;
	if (value != NULL)
	{
		e->value = MemoryContextAlloc(cache_cxt, VARSIZE(value));
		memcpy(e->value, value, VARSIZE(value));
	}
}

/* The last slots: few kinds, one object each. */
#define LAST_SLOTS 4

typedef struct LastSlot
{
	RefKey		key;			/* kind '\0': unused */
	uint64		generation;
	struct varlena *value;		/* NULL: none */
} LastSlot;

static LastSlot last_slots[LAST_SLOTS];
static MemoryContext last_cxt = NULL;

static LastSlot *
last_slot(char kind)
{
	for (int i = 0; i < LAST_SLOTS; i++)
		if (last_slots[i].key.kind == kind || last_slots[i].key.kind == '\0')
			return &last_slots[i];
	elog(ERROR, "no render cache slot left for kind '%c'", kind);
	return NULL;				/* keep the compiler quiet */
}

/*
 * The object of kind last kept for id1 (and id2), copied into cxt, when it
 * was kept under the caller's answer that still holds (render_caller_peek);
 * *value NULL when it was kept as absent.
 */
bool
render_last_get(FunctionCallInfo fcinfo, char kind, const char *id1, const char *id2,
				MemoryContext cxt, struct varlena **value)
{
	LastSlot   *slot = last_slot(kind);
	RefKey		key;
	uint64		gen;

	if (slot->key.kind == '\0' || slot->generation == 0)
		return false;
	gen = render_caller_peek(fcinfo);
	if (gen != slot->generation)
		return false;
	make_key(&key, kind, id1, id2);
	if (memcmp(&key, &slot->key, sizeof(RefKey)) != 0)
		return false;
	*value = NULL;
	if (slot->value != NULL)
	{
		*value = MemoryContextAlloc(cxt, VARSIZE(slot->value));
		memcpy(*value, slot->value, VARSIZE(slot->value));
	}
	return true;
}

/* Keep value (NULL: none; an untoasted varlena) as the last of kind, replacing the one before. */
void
render_last_put(FunctionCallInfo fcinfo, char kind, const char *id1, const char *id2,
				struct varlena *value)
{
	LastSlot   *slot = last_slot(kind);
	uint64		gen = render_caller_peek(fcinfo);

	if (last_cxt == NULL)
		last_cxt = AllocSetContextCreate(TopMemoryContext, "enrollment render last objects",
										 ALLOCSET_DEFAULT_SIZES);
	if (slot->value != NULL)
		pfree(slot->value);
	slot->value = NULL;
	slot->generation = 0;
	make_key(&slot->key, kind, id1, id2);
	if (gen == 0)
		return;
	if (value != NULL)
	{
		slot->value = MemoryContextAlloc(last_cxt, VARSIZE(value));
		memcpy(slot->value, value, VARSIZE(value));
	}
	slot->generation = gen;
}
