/*
 * program.h
 *		What the program, template, parameter-group and parameter files share
 *		(program_lifecycle.c, program_children.c): the program locked for its
 *		owning vendor, the field checks of create and update, a child locked.
 */
#ifndef ENROLLMENT_PROGRAM_H
#define ENROLLMENT_PROGRAM_H

#include "actor.h"

extern char *lc_program_lock_owned(const Actor *actor, const char *program_id,
								   const char *action, const char *kind,
								   const char *object_id);
extern void lc_check_length(const char *what, const char *s, int max);
extern void lc_check_name(const char *what, const char *s, int max);
extern void lc_check_applicable_to(const char *applicable_to);
extern void lc_check_eligibility(bool client, bool partner);

/* program_children.c: templates and parameter groups as children of a program */
extern void lc_require_program_not_deleted(const char *program_id, const char *status,
										   const char *action, const char *kind,
										   const char *object_id);
extern char *lc_child_lock(const Actor *actor, const char *find_sql, const char *lock_sql,
						   const char *kind, const char *id, const char *action);
extern void lc_refuse_default(const char *what, const char *kind, const char *id,
							  const char *what_kind);

#endif							/* ENROLLMENT_PROGRAM_H */
