/*
 * actor.h
 *		The caller of an action, from request.jwt.claims (README "Identity"),
 *		and the checks made of it: may it see this object, may its account
 *		type run this action, may it see hidden parameters.
 */
#ifndef ENROLLMENT_ACTOR_H
#define ENROLLMENT_ACTOR_H

#include "utils/jsonb.h"

/* Who may run an action: bit set of account types. */
#define LC_ACTOR_CLIENT		0x01
#define LC_ACTOR_VENDOR		0x02
#define LC_ACTOR_OPS		0x04
#define LC_ACTOR_SYSTEM		0x08	/* a scheduled job, no caller identity */

/*
 * Who sees hidden parameters and program statistics (README "Parameters and
 * validation"): vendors and operations, not clients nor anybody unidentified.
 * The one statement of the rule: enrollment.api_shows_hidden() and the
 * renderers both answer from it (render_caller.c).
 */
#define LC_ACTOR_SEES_HIDDEN	(LC_ACTOR_VENDOR | LC_ACTOR_OPS)

typedef struct Actor
{
	char	   *account_id;		/* NULL only for an anonymous system call */
	char	   *user_id;
	int			kind;			/* one LC_ACTOR_* bit */
	const char *type_name;		/* "Client", "Vendor", "Operations", "system" */
} Actor;

/* May the caller see hidden parameters (LC_ACTOR_SEES_HIDDEN). */
static inline bool
actor_sees_hidden(const Actor *actor)
{
	return (actor->kind & LC_ACTOR_SEES_HIDDEN) != 0;
}

extern Jsonb *actor_claims(void);
extern bool actor_read_account(const char *account_id, const char *user_id, bool *found,
							   char **type, bool *belongs, char **status);
extern Actor *actor_current(void);
extern Actor *actor_optional(void);
extern const char *actor_kind_words(int kind);
extern int	actor_kind_of(const char *type);
extern Datum actor_kinds_array(int actors);
extern void actor_require_kind(const Actor *actor, int allowed, const char *action,
							   const char *object_kind, const char *object_id);
extern void actor_require_sees(const Actor *actor, const char *client_id,
							   const char *vendor_id, const char *object_kind,
							   const char *object_id);

#endif							/* ENROLLMENT_ACTOR_H */
