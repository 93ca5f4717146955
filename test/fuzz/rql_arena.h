/*
 * rql_arena.h
 *		The allocator the RQL core gets in the standalone tests: every block
 *		is chained and freed at once, as palloc's memory context is in the
 *		backend, so the leak checker sees a leak only if the core kept
 *		something outside the arena.
 */
#ifndef RQL_ARENA_H
#define RQL_ARENA_H

#include <stdlib.h>

typedef struct ArenaBlock
{
	struct ArenaBlock *next;
	/* payload follows, maximally aligned */
	long double align[];
} ArenaBlock;

static void *
arena_alloc(void *ctx, size_t size)
{
	ArenaBlock **head = ctx;
	ArenaBlock *b = malloc(sizeof(ArenaBlock) + size);

	if (b == NULL)
		abort();
	b->next = *head;
	*head = b;
	return b->align;
}

static void
arena_free(ArenaBlock **head)
{
	while (*head)
	{
		ArenaBlock *n = (*head)->next;

		free(*head);
		*head = n;
	}
}

#endif
