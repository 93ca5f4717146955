/*
 * errcodes.h
 *		Every SQLSTATE the extension raises, maps or reacts to, in one place.
 *
 * psql and SQL applications see these codes as they are.  For a PostgREST
 * request, api_problem.c re-raises the ones the marketplace answers with a
 * 4xx as SQLSTATE PGRST with the marketplace's status (PT409 and 23505 are
 * 400 there, 42501 is 403, or 401 without an identity); codes PostgREST maps
 * to 500 (55000, 54000, 40001, XX000 from a bare elog) are never used for
 * something a caller can cause.  README.md "Error codes" lists the table,
 * with exactly these codes (sql/errcodes.sql compares them).
 *
 * C raises with errcode(ENR_ERRCODE_...); the install script's PL/pgSQL
 * raises with ERRCODE = enrollment.errcode('<name>'), where <name> is the
 * macro's suffix in lower case (errcodes.c).  No other file names a SQLSTATE.
 */
#ifndef ENROLLMENT_ERRCODES_H
#define ENROLLMENT_ERRCODES_H

#include "utils/elog.h"

/* The referenced object does not exist or is not visible to the caller: HTTP 404. */
#define ENR_ERRCODE_NOT_FOUND			MAKE_SQLSTATE('P','T','4','0','4')

/* The action is not legal from the object's current status: HTTP 400 through the API. */
#define ENR_ERRCODE_ILLEGAL_TRANSITION	MAKE_SQLSTATE('P','T','4','0','9')

/* A business rule of the Program module refuses the request: HTTP 400. */
#define ENR_ERRCODE_BUSINESS_RULE		MAKE_SQLSTATE('P','T','4','0','0')

/* A write to the append-only history: HTTP 403 (PostgREST's own PTxyz mapping; not reachable through the API). */
#define ENR_ERRCODE_APPEND_ONLY			MAKE_SQLSTATE('P','T','4','0','3')

/* The caller may see the object but not do this to it: HTTP 403 (401 without an identity). */
#define ENR_ERRCODE_FORBIDDEN			ERRCODE_INSUFFICIENT_PRIVILEGE

/* Malformed identifier literal: HTTP 400. */
#define ENR_ERRCODE_BAD_ID				ERRCODE_INVALID_TEXT_REPRESENTATION

/* Malformed binary mpt_id (binary COPY or protocol): HTTP 400. */
#define ENR_ERRCODE_BAD_BINARY			ERRCODE_INVALID_BINARY_REPRESENTATION

/* A body field has a value the API does not accept: HTTP 400. */
#define ENR_ERRCODE_BAD_VALUE			ERRCODE_INVALID_PARAMETER_VALUE

/* Malformed JSON document: HTTP 400. */
#define ENR_ERRCODE_BAD_JSON			ERRCODE_INVALID_JSON_TEXT

/* Input larger than the documented cap: HTTP 400 (not 54000, which is 500). */
#define ENR_ERRCODE_TOO_LARGE			ERRCODE_STRING_DATA_RIGHT_TRUNCATION

/* Class 22, every other data exception (e.g. a body value PostgreSQL cannot cast): HTTP 400. */
#define ENR_ERRCODE_DATA_EXCEPTION		ERRCODE_DATA_EXCEPTION

/* Duplicate of something that must be unique: HTTP 400 through the API. */
#define ENR_ERRCODE_DUPLICATE			ERRCODE_UNIQUE_VIOLATION

/* A table CHECK constraint refused a direct write: HTTP 400. */
#define ENR_ERRCODE_CHECK_FAILED		ERRCODE_CHECK_VIOLATION

/* A direct write references a row that does not exist: HTTP 400. */
#define ENR_ERRCODE_MISSING_REFERENCE	ERRCODE_FOREIGN_KEY_VIOLATION

/* A bare RAISE EXCEPTION (e.g. in a vendor's SQL): HTTP 400. */
#define ENR_ERRCODE_PLAIN_RAISE			ERRCODE_RAISE_EXCEPTION

/* The database encoding is not UTF8: HTTP 400 (PostgREST's own mapping). */
#define ENR_ERRCODE_NOT_SUPPORTED		ERRCODE_FEATURE_NOT_SUPPORTED

/* jansson could not allocate: HTTP 503 (PostgREST's own mapping of 53xxx). */
#define ENR_ERRCODE_OUT_OF_MEMORY		ERRCODE_OUT_OF_MEMORY

/* A query cancel or statement_timeout stopped the regex engine (also let through a hook's failure): HTTP 500. */
#define ENR_ERRCODE_CANCELED			ERRCODE_QUERY_CANCELED

/* Never raised by the engine: the serialization failure lifecycle_lock.c catches and retries once; HTTP 500, which PostgREST retries. */
#define ENR_ERRCODE_SERIALIZATION_FAILURE	ERRCODE_T_R_SERIALIZATION_FAILURE

/* enrollment.create_api() would have to drop API objects that other objects use: HTTP 500 (an administrator's function). */
#define ENR_ERRCODE_IN_USE				ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST

/* A trigger function attached or called the wrong way: HTTP 500 (not reachable through the API). */
#define ENR_ERRCODE_TRIGGER_MISUSE		ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED

/*
 * PostgREST's own code: MESSAGE and DETAIL are JSON that choose the HTTP
 * status and body (api_problem.c; raised nowhere else).
 */
#define ENR_ERRCODE_PGRST				MAKE_SQLSTATE('P','G','R','S','T')

#endif							/* ENROLLMENT_ERRCODES_H */
