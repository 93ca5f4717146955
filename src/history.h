/*
 * history.h
 *		The history writer (status_trigger.c): one row per event of a
 *		program, enrollment or certificate, with a state snapshot
 *		(README "History").
 */
#ifndef ENROLLMENT_HISTORY_H
#define ENROLLMENT_HISTORY_H

extern void lc_history_append(const char *program_id, const char *object_type,
							  const char *object_id, const char *event,
							  const char *from, const char *to,
							  const char *notes_json);

#endif							/* ENROLLMENT_HISTORY_H */
