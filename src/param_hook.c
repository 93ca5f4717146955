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
 * The hook runs as its own owner, not as the SECURITY DEFINER validator that
 * calls it (the extension owner), and in a security-restricted operation (no
 * SET ROLE, no temporary objects): whoever can replace the hook's body can do
 * no more through it than they could by calling it themselves.  Registering
 * a hook is still for administrators only (program_set_pre_validation_hook).
 * A hook dropped or re-declared after registration is a clean PT400, not a
 * cache lookup failure.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type_d.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"
#include "utils/resowner.h"
#include "utils/syscache.h"

#include "errcodes.h"

#include "param_spi.h"


char *
pv_call_hook(Oid hook, const char *document, const char *what)
{
	MemoryContext oldcxt = CurrentMemoryContext;
	ResourceOwner oldowner = CurrentResourceOwner;
	char	   *volatile result = NULL;
	Datum		arg;
	char	   *fname;
	HeapTuple	tuple;
	Form_pg_proc proc;
	Oid			owner;
	bool		fits;
	Oid			save_userid;
	int			save_sec_context;
	int			save_nestlevel;

	/* the registration checked the function; it may have changed since */
	tuple = SearchSysCache1(PROCOID, ObjectIdGetDatum(hook));
	if (!HeapTupleIsValid(tuple))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BUSINESS_RULE),
				 errmsg("pre-validation hook of %s no longer exists", what),
				 errdetail("The function registered as the program's hook was dropped; a function created later under the same name is not registered."),
				 errhint("An administrator must register a new hook, or the pre-validation setting must be turned off.")));
	proc = (Form_pg_proc) GETSTRUCT(tuple);
	owner = proc->proowner;
	fits = proc->pronargs == 1 && proc->proargtypes.values[0] == JSONBOID &&
		proc->prorettype == JSONBOID && !proc->proretset && proc->prokind == PROKIND_FUNCTION;
	ReleaseSysCache(tuple);
	fname = format_procedure(hook);
	if (!fits)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BUSINESS_RULE),
				 errmsg("pre-validation hook %s of %s is no longer a function(jsonb) returning jsonb", fname, what),
				 errhint("An administrator must register a new hook, or the pre-validation setting must be turned off.")));
	arg = DirectFunctionCall1(jsonb_in, CStringGetDatum(document));

	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(oldcxt);
	/* undone by the subtransaction's abort, and by hand on success */
	SetUserIdAndSecContext(owner, save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);

	/*
	 * Settings the hook changes must not outlive it: a search_path or a
	 * request.jwt.claims it set would otherwise steer the SECURITY DEFINER
	 * code that runs after it, and the caller's session.  As PostgreSQL does
	 * around index expressions, open a GUC nest level (rolled back by
	 * AtEOXact_GUC on success, by the subtransaction's abort on error) and
	 * give the hook a safe search_path: it qualifies what it uses, or sets
	 * its own with a SET clause.
	 */
	save_nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);

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

		AtEOXact_GUC(false, save_nestlevel);
		SetUserIdAndSecContext(save_userid, save_sec_context);
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
		SetUserIdAndSecContext(save_userid, save_sec_context);
		MemoryContextSwitchTo(oldcxt);
		CurrentResourceOwner = oldowner;

		if (edata->sqlerrcode == ENR_ERRCODE_CANCELED)
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
