/*
 * lifecycle_lock.c
 *		Row locks of the lifecycle engine that give every isolation level the
 *		same business answer (README "Lifecycle", concurrency).
 *
 * The actions lock their rows (SELECT ... FOR SHARE / FOR UPDATE) and then
 * check the status they read.  Under READ COMMITTED a lock that waited for a
 * competitor returns the competitor's committed row, so the loser of
 * complete vs fail sees "Completed" and answers PT409.  Under REPEATABLE READ
 * and SERIALIZABLE the same lock fails with 40001 ("could not serialize
 * access due to concurrent update") as soon as the row changed after the
 * transaction's snapshot.  PostgREST retries a 40001, and the retry would
 * answer PT409 (or PT400 for a program unpublished meanwhile) anyway: the
 * answer is already decided, so lc_lock gives it at once.
 *
 * lc_lock runs the lock statement in a subtransaction; on 40001 it rolls that
 * back and locks again with the latest snapshot (the competitor has
 * committed, so the newest row is free), returning that row.  The caller's
 * own check then refuses with the documented error when the new status
 * forbids the action.  When it allows it and the action writes the row, the
 * row is still newer than the transaction's snapshot, so the UPDATE fails
 * with PostgreSQL's own 40001: a genuine serialization failure whose retry
 * (a new snapshot) goes through.  Rows the action only reads (the program,
 * the certificant, the certificate of a re-enrollment) are simply read as
 * committed now, which is what the rule needs (a submit sees the final
 * program status).
 *
 * READ COMMITTED takes none of this: one plain statement, as before.  A
 * second 40001 (a third transaction changed the row meanwhile) or any other
 * error is raised as it is.
 */
#include "postgres.h"

#include <stdarg.h>

#include "access/xact.h"
#include "executor/spi.h"
#include "utils/memutils.h"
#include "utils/resowner.h"

#include "errcodes.h"
#include "lifecycle_spi.h"

#define LC_LOCK_MAX_ARGS 12

uint64
lc_lock(const char *sql, int nargs,...)
{
	const char *args[LC_LOCK_MAX_ARGS];
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	va_list		ap;
	volatile uint64 n = 0;
	volatile bool stale = false;

	Assert(nargs <= LC_LOCK_MAX_ARGS);
	va_start(ap, nargs);
	for (int i = 0; i < nargs; i++)
		args[i] = va_arg(ap, const char *);
	va_end(ap);

	if (!IsolationUsesXactSnapshot())
		return lc_exec_argv(sql, nargs, args, false);

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		n = lc_exec_argv(sql, nargs, args, false);
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
		if (edata->sqlerrcode != ENR_ERRCODE_SERIALIZATION_FAILURE)
			ReThrowError(edata);
		FreeErrorData(edata);
		stale = true;
	}
	PG_END_TRY();

	if (stale)
		n = lc_exec_argv(sql, nargs, args, true);
	return n;
}
