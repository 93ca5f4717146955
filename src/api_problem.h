/*
 * api_problem.h
 *		Errors for PostgREST callers in the marketplace's shape (README "Error
 *		codes"): an emit_log_hook rewrites an error of a PostgREST request into
 *		RAISE PGRST form (HTTP status of the marketplace, a ProblemDetails-like
 *		body); psql and SQL applications keep the plain error.
 *
 * The side channel lets the engine attach machine-readable entries to the
 * one error it is about to raise: call api_problem_errors_begin() with that
 * error's SQLSTATE and exact message, api_problem_errors_add() per entry,
 * then ereport from the same C function.  The entries reach only an error
 * raised by that function with that SQLSTATE and that message (a plpgsql
 * RAISE; of the caught error keeps all three); they are dropped by the next
 * error emitted, whatever it is, and at transaction end.
 */
#ifndef ENROLLMENT_API_PROBLEM_H
#define ENROLLMENT_API_PROBLEM_H

/* Called once from _PG_init: the GUC, the hook, the transaction callback. */
extern void api_problem_init(void);

#define api_problem_errors_begin(sqlerrcode, message) \
	api_problem_errors_begin_in(__func__, (sqlerrcode), (message))
extern void api_problem_errors_begin_in(const char *funcname, int sqlerrcode,
										const char *message);
extern void api_problem_errors_add(const char *id, const char *message,
								   const char *property);

#endif							/* ENROLLMENT_API_PROBLEM_H */
