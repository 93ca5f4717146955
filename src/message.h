/*
 * message.h
 *		ParametrisedMessage arguments {id?, message, parameters?}: the reason
 *		of a fail or terminate, the statusNotes and error an update sets
 *		(message.c).
 */
#ifndef ENROLLMENT_MESSAGE_H
#define ENROLLMENT_MESSAGE_H

#include "fmgr.h"

extern char *lc_parse_message(FunctionCallInfo fcinfo, int argno,
							  const char *action, const char *object_kind,
							  const char *object_id);
extern void lc_check_message(FunctionCallInfo fcinfo, int argno, const char *field);

#endif							/* ENROLLMENT_MESSAGE_H */
