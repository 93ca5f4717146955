/*
 * errcodes.h
 *		Every SQLSTATE the extension raises on a user-reachable path, in one place.
 *
 * psql and SQL applications see these codes as they are.  For a PostgREST
 * request, api_problem.c re-raises the ones the marketplace answers with a
 * 4xx as SQLSTATE PGRST with the marketplace's status (PT409 and 23505 are
 * 400 there, 42501 is 403, or 401 without an identity); codes PostgREST maps
 * to 500 (55000, 54000, 40001, XX000 from a bare elog) are never used for
 * something a caller can cause.  README.md "Error codes" lists the table.
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

/* The caller may see the object but not do this to it: HTTP 403. */
#define ENR_ERRCODE_FORBIDDEN			ERRCODE_INSUFFICIENT_PRIVILEGE

/* Malformed identifier literal: HTTP 400. */
#define ENR_ERRCODE_BAD_ID				ERRCODE_INVALID_TEXT_REPRESENTATION

/* A body field has a value the API does not accept: HTTP 400. */
#define ENR_ERRCODE_BAD_VALUE			ERRCODE_INVALID_PARAMETER_VALUE

/* Malformed JSON document: HTTP 400. */
#define ENR_ERRCODE_BAD_JSON			ERRCODE_INVALID_JSON_TEXT

/* Input larger than the documented cap: HTTP 400 (not 54000, which is 500). */
#define ENR_ERRCODE_TOO_LARGE			ERRCODE_STRING_DATA_RIGHT_TRUNCATION

/* Duplicate of something that must be unique: HTTP 400 through the API. */
#define ENR_ERRCODE_DUPLICATE			ERRCODE_UNIQUE_VIOLATION

/*
 * PostgREST's own code: MESSAGE and DETAIL are JSON that choose the HTTP
 * status and body (api_problem.c; raised nowhere else).
 */
#define ENR_ERRCODE_PGRST				MAKE_SQLSTATE('P','G','R','S','T')

#endif							/* ENROLLMENT_ERRCODES_H */
