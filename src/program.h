/*
 * program.h
 *		What the program, template, parameter-group and parameter files share
 *		(program_lifecycle.c): the program locked for its owning vendor, the
 *		field checks of create and update, the template Default switch.
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
extern char *lc_template_demote_default(const char *program_id, const char *type,
									   const char *except_id, const char *user_id);

#endif							/* ENROLLMENT_PROGRAM_H */
