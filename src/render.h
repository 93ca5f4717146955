/*
 * render.h
 *		The API's JSON renderers in C (README "API"): the jsonb columns of the
 *		views in src/sql/api/41_views.sql that used to be SQL helper functions.
 *
 * SQL helpers that carry SET search_path cannot be inlined, and a nested SQL
 * function is parsed and planned again on every call of its caller, so one
 * 20-parameter enrollment cost thousands of plans.  The renderers run kept
 * plans instead (lc_plan, one per statement per backend), read only, in the
 * caller's snapshot.
 *
 * Visibility stays the caller's: the renderers are not SECURITY DEFINER, so
 * their reads go through the row level security of the tables, exactly as
 * the subqueries they replace did.  The two reads the SQL helpers made with
 * definer rights (the caller's own account type, api_caller_type, now C in
 * render_caller.c; a user's reference, api_user_ref) are made with the rights
 * of the function's owner (render_exec_as_owner), and answer nothing else.
 *
 * JSON is built with pushJsonbValue; a member whose value is SQL NULL or JSON
 * null is left out, nested values are stripped of nulls too, so the result
 * equals jsonb_strip_nulls of the SQL helper's jsonb_build_object.  Property
 * order is jsonb's own, the same whichever way the object is built.
 */
#ifndef ENROLLMENT_RENDER_H
#define ENROLLMENT_RENDER_H

#include "fmgr.h"
#include "utils/jsonb.h"

/* render_spi.c: kept plans run read only, text arguments (NULL = SQL NULL) */
extern uint64 render_exec(const char *sql, int nargs, const char *const *args);
extern uint64 render_exec_as_owner(FunctionCallInfo fcinfo, const char *sql,
								   int nargs, const char *const *args);
extern Oid	render_owner(FunctionCallInfo fcinfo);
/* the same reads by key (direct_read.c) with the owner's rights; false: run the statement */
struct DrRows;
extern bool render_as_owner(FunctionCallInfo fcinfo, bool (*fn) (void *arg), void *arg);
extern bool render_read_as_owner(FunctionCallInfo fcinfo, const char *table, const char *index,
								 int nkeys, const Datum *keys, struct DrRows *out);
extern bool render_row(FunctionCallInfo fcinfo, bool as_owner, const char *table, const char *index,
					   int nkeys, const char *const *ids, const char *const *columns, int ncols,
					   const char *sql, char **values);
extern bool render_distinct_as_owner(FunctionCallInfo fcinfo, const char *table, const char *index,
									 Datum key, Datum **values, int *count);
extern char *render_get(uint64 row, int col);
extern Datum render_get_datum(uint64 row, int col, bool *isnull);

/* render_caller.c: the API's caller (api_caller_type) and its account
 * (claim_account_id), may it see hidden parameters (api_shows_hidden); inside
 * SPI_connect; the strings stay valid until the next call */
extern const char *render_caller(FunctionCallInfo fcinfo, const char **account_id);
extern const char *render_caller_type(FunctionCallInfo fcinfo);
extern uint64 render_caller_peek(FunctionCallInfo fcinfo);

/* render_cache.c: answers kept for the statement (see there) */
extern bool render_cache_get(FunctionCallInfo fcinfo, char kind, const char *id1,
							 const char *id2, MemoryContext cxt, struct varlena **value);
extern void render_cache_put(FunctionCallInfo fcinfo, char kind, const char *id1,
							 const char *id2, struct varlena *value);
extern bool render_last_get(FunctionCallInfo fcinfo, char kind, const char *id1,
							const char *id2, MemoryContext cxt, struct varlena **value);
extern void render_last_put(FunctionCallInfo fcinfo, char kind, const char *id1,
							const char *id2, struct varlena *value);
extern const char *render_claim_account_id(void);
extern bool render_shows_hidden(FunctionCallInfo fcinfo);

/* render_json.c: members of the object being built; NULLs are left out */
extern void rj_key(JsonbParseState **ps, const char *key);
extern void rj_string(JsonbParseState **ps, const char *key, const char *s);
extern void rj_string_len(JsonbParseState **ps, const char *key, const char *s, int len);
extern void rj_bool(JsonbParseState **ps, const char *key, bool b);
extern void rj_int(JsonbParseState **ps, const char *key, int64 n);
extern void rj_jsonb(JsonbParseState **ps, const char *key, Jsonb *value);
extern Datum rj_result(JsonbValue *root, MemoryContext cxt);
extern char *rj_timestamp(Datum at);

/* render_refs.c: one audit event {at, by} as the member key, unless at is NULL */
extern void render_event(FunctionCallInfo fcinfo, JsonbParseState **ps,
						 const char *key, Datum at, bool at_null,
						 const char *by);

#endif							/* ENROLLMENT_RENDER_H */
