/*
 * param_hook.c
 *		Calling a program's pre-validation hook, a vendor SQL function
 *		(jsonb) RETURNS jsonb, without letting it break the caller.
 *
 * The hook runs in an internal subtransaction, as PL/pgSQL runs an
 * EXCEPTION block: an ERROR inside it (including a statement the read-only
 * API transaction refuses) rolls back only what the hook did and becomes
 * PT400 "pre-validation hook <fn> failed for enrollment <id>" with the
 * hook's own message in errdetail.  A query cancel is rolled back and
 * re-thrown as it is (FATAL never returns here).  The result is returned as
 * JSON text, or NULL for SQL NULL ("no opinion"); the caller checks its
 * shape.
 *
 * The hook runs with the rights of the function that calls it (the
 * extension owner, the validators being SECURITY DEFINER), which is why only
 * an administrator may register one (program_set_pre_validation_hook).
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type_d.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"
#include "utils/resowner.h"

#include "errcodes.h"
#include "lifecycle.h"
#include "param_spi.h"


char *
pv_call_hook(Oid hook, const char *document, const char *what)
{
	MemoryContext oldcxt = CurrentMemoryContext;
	ResourceOwner oldowner = CurrentResourceOwner;
	char	   *volatile result = NULL;
	Datum		arg = DirectFunctionCall1(jsonb_in, CStringGetDatum(document));
	char	   *fname = format_procedure(hook);

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(oldcxt);

	PG_TRY();
	{
		LOCAL_FCINFO(fcinfo, 1);
		FmgrInfo	flinfo;
		Datum		r;

		fmgr_info(hook, &flinfo);
		InitFunctionCallInfoData(*fcinfo, &flinfo, 1, InvalidOid, NULL, NULL);
		fcinfo->args[0].value = arg;
		fcinfo->args[0].isnull = false;
		r = FunctionCallInvoke(fcinfo);
		if (!fcinfo->isnull)
		{
			Jsonb	   *jb = DatumGetJsonbP(r);

			result = JsonbToCString(NULL, &jb->root, VARSIZE(jb));
		}

		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcxt);
		CurrentResourceOwner = oldowner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(oldcxt);
		edata = CopyErrorData();
		FlushErrorState();

		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(oldcxt);
		CurrentResourceOwner = oldowner;

		if (edata->sqlerrcode == ERRCODE_QUERY_CANCELED)
			ReThrowError(edata);
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BUSINESS_RULE),
				 errmsg("pre-validation hook %s failed for %s", fname, what),
				 errdetail("The hook raised: %s", edata->message),
				 errhint("The program's vendor must fix the hook, or the pre-validation setting must be turned off.")));
	}
	PG_END_TRY();

	return result;
}
