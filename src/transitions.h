/*
 * transitions.h
 *		The state machines of programs, enrollments and certificates: one
 *		table of arrows (transitions.c, README "Lifecycle") that the action
 *		functions, the status trigger and the API (enrollment.api_actors)
 *		all read.
 *
 * Every status change goes through this table: the action functions check
 * the actor and the current status under row locks and then UPDATE the
 * status column to the arrow's target; the C trigger in status_trigger.c
 * checks the arrow again, stamps the audit columns and appends the history
 * row.  So a direct UPDATE of a status column and an action function record
 * exactly the same audit trail.
 */
#ifndef ENROLLMENT_TRANSITIONS_H
#define ENROLLMENT_TRANSITIONS_H

#include "actor.h"

/* The three objects with a state machine. */
typedef enum LifecycleObject
{
	LC_PROGRAM,
	LC_ENROLLMENT,
	LC_CERTIFICATE
} LifecycleObject;

/*
 * One arrow of a state machine.  from == NULL is the creation arrow (INSERT),
 * listed for documentation only: inserts are never checked against the table.
 */
typedef struct LifecycleTransition
{
	LifecycleObject object;
	const char *action;			/* verb used in messages: "complete" */
	const char *from;
	const char *to;
	const char *event;			/* history event suffix: "completed" */
	int			actors;			/* LC_ACTOR_* bits */
} LifecycleTransition;

extern const char *lc_object_name(LifecycleObject object);
extern const char *lc_article(LifecycleObject object);
extern const LifecycleTransition *lc_find_transition(LifecycleObject object,
													 const char *action,
													 const char *from);
extern const LifecycleTransition *lc_find_arrow(LifecycleObject object,
												const char *from, const char *to);
extern const LifecycleTransition *lc_require_transition(LifecycleObject object,
														const char *action,
														const char *object_id,
														const char *from);
extern int	lc_action_actors(LifecycleObject object, const char *action);
extern char *lc_allowed_from(LifecycleObject object, const char *action);
extern char *lc_allowed_to(LifecycleObject object, const char *from);

#endif							/* ENROLLMENT_TRANSITIONS_H */
