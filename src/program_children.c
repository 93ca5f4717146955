/*
 * program_children.c
 *		What templates and parameter groups share as children of a program:
 *		the child found and locked for the program's vendor, the Deleted
 *		program that takes no change, the Default that cannot be removed.
 */
#include "postgres.h"

#include "executor/spi.h"

#include "lifecycle_spi.h"
#include "program.h"

void
lc_require_program_not_deleted(const char *program_id, const char *status,
							const char *action, const char *kind, const char *object_id)
{
	if (strcmp(status, "Deleted") != 0)
		return;
	if (strcmp(kind, "program") == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
				 errmsg("cannot %s program %s: status is Deleted", action, program_id)));
	ereport(ERROR,
			(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
			 errmsg("cannot %s %s %s: program %s is Deleted", action, kind, object_id, program_id)));
}

/*
 * A child (template or parameter group) the caller may change: found (PT404
 * when unknown or Deleted), its program visible (PT404) and the caller's
 * (42501), the program locked FOR UPDATE and not Deleted (PT409), then the
 * child row locked.  Returns the program id; the child row's columns asked
 * for in lock_sql ($1 program, $2 id) are in the SPI result.
 */
char *
lc_child_lock(const Actor *actor, const char *find_sql, const char *lock_sql,
		   const char *kind, const char *id, const char *action)
{
	char	   *program_id;
	char	   *status;

	if (lc_exec(find_sql, 1, id) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("%s %s not found", kind, id)));
	program_id = lc_get(1);
	status = lc_program_lock_owned(actor, program_id, action, kind, id);
	lc_require_program_not_deleted(program_id, status, action, kind, id);
	if (lc_lock(lock_sql, 2, program_id, id) == 0)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_NOT_FOUND),
				 errmsg("%s %s not found", kind, id)));
	return program_id;
}

/*
 * PT400: a Default can be replaced, not removed.  what_kind names the class
 * with one Default: "EnrollmentQuerying template", "parameter group".
 */
void
lc_refuse_default(const char *what, const char *kind, const char *id, const char *what_kind)
{
	ereport(ERROR,
			(errcode(ENR_ERRCODE_BUSINESS_RULE),
			 errmsg("cannot %s %s %s: it is the Default %s", what, kind, id, what_kind),
			 errdetail("A program always has exactly one Default %s.", what_kind),
			 errhint("Make another %s the Default first; that demotes this one.", what_kind)));
}
