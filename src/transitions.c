/*
 * transitions.c
 *		The three state machines as data, and the checks built on them.
 *
 * One static table holds every arrow of the program, enrollment and
 * certificate lifecycles: object, action (the verb of the API call), from and
 * to status, the history event and the account types that may run it.  The
 * action functions and the status trigger both consult it, and
 * enrollment.transitions shows it to SQL, so the documentation, the tests and
 * the code cannot drift apart.  (from, to) is unique per object, which lets
 * the trigger name the action of a direct UPDATE.
 */
#include "postgres.h"

#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "actor.h"
#include "errcodes.h"
#include "transitions.h"

#define C	LC_ACTOR_CLIENT
#define V	LC_ACTOR_VENDOR
#define O	LC_ACTOR_OPS
#define S	LC_ACTOR_SYSTEM

static const LifecycleTransition transitions[] = {
	/* programs: README "Lifecycle", Program */
	{LC_PROGRAM, "create", NULL, "Draft", "created", V},
	{LC_PROGRAM, "publish", "Draft", "Published", "published", V},
	{LC_PROGRAM, "publish", "Unpublished", "Published", "published", V},
	{LC_PROGRAM, "unpublish", "Published", "Unpublished", "unpublished", V},
	{LC_PROGRAM, "delete", "Draft", "Deleted", "deleted", V},

	/* enrollments: README "Lifecycle", Enrollment; the newer API (Draft and submit) */
	{LC_ENROLLMENT, "create", NULL, "Draft", "created", C | O},
	{LC_ENROLLMENT, "submit", "Draft", "Processing", "submitted", C | O},
	{LC_ENROLLMENT, "query", "Processing", "Querying", "querying", V},
	{LC_ENROLLMENT, "process", "Querying", "Processing", "processing", C | V},
	{LC_ENROLLMENT, "complete", "Processing", "Completed", "completed", V},
	{LC_ENROLLMENT, "fail", "Processing", "Failed", "failed", V},
	{LC_ENROLLMENT, "fail", "Querying", "Failed", "failed", V},
	{LC_ENROLLMENT, "delete", "Draft", "Deleted", "deleted", C | O},

	/*
	 * certificates: README "Lifecycle", Certificate.  request, activate, re-enroll and
	 * reject follow enrollment actions (the actors are those of the
	 * enrollment action); terminate and expire are the certificate's own.
	 */
	{LC_CERTIFICATE, "create", NULL, "Draft", "created", C | O},
	{LC_CERTIFICATE, "request", "Draft", "Pending", "pending", C | O},
	{LC_CERTIFICATE, "activate", "Pending", "Active", "activated", C | V | O},
	{LC_CERTIFICATE, "activate", "Updating", "Active", "activated", V},
	{LC_CERTIFICATE, "re-enroll", "Active", "Updating", "updating", C | O},
	{LC_CERTIFICATE, "re-enroll", "Expired", "Updating", "updating", C | O},
	{LC_CERTIFICATE, "reject", "Pending", "Terminated", "terminated", V},
	{LC_CERTIFICATE, "reject", "Updating", "Terminated", "terminated", V},
	{LC_CERTIFICATE, "terminate", "Active", "Terminated", "terminated", V},
	{LC_CERTIFICATE, "expire", "Active", "Expired", "expired", V | O | S},
	{LC_CERTIFICATE, "delete", "Draft", "Deleted", "deleted", C | O},
};

#define NTRANSITIONS lengthof(transitions)

const char *
lc_object_name(LifecycleObject object)
{
	switch (object)
	{
		case LC_PROGRAM:
			return "program";
		case LC_ENROLLMENT:
			return "enrollment";
		case LC_CERTIFICATE:
			return "certificate";
	}
	return "object";			/* keep compiler quiet */
}

/* "a" or "an" before the object's name, for messages. */
const char *
lc_article(LifecycleObject object)
{
	return object == LC_ENROLLMENT ? "an" : "a";
}

static bool
streq(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The arrow of this action from this status, or NULL. */
const LifecycleTransition *
lc_find_transition(LifecycleObject object, const char *action, const char *from)
{
	for (int i = 0; i < NTRANSITIONS; i++)
		if (transitions[i].object == object &&
			streq(transitions[i].action, action) &&
			streq(transitions[i].from, from))
			return &transitions[i];
	return NULL;
}

/* The arrow from -> to, whatever its action, or NULL. */
const LifecycleTransition *
lc_find_arrow(LifecycleObject object, const char *from, const char *to)
{
	for (int i = 0; i < NTRANSITIONS; i++)
		if (transitions[i].object == object &&
			streq(transitions[i].from, from) &&
			streq(transitions[i].to, to))
			return &transitions[i];
	return NULL;
}

/* The account types that may run an action (union over its arrows). */
int
lc_action_actors(LifecycleObject object, const char *action)
{
	int			actors = 0;

	for (int i = 0; i < NTRANSITIONS; i++)
		if (transitions[i].object == object && streq(transitions[i].action, action))
			actors |= transitions[i].actors;
	return actors;
}

/* "Processing or Querying": the statuses an action is allowed from. */
char *
lc_allowed_from(LifecycleObject object, const char *action)
{
	StringInfoData buf;
	int			n = 0;

	initStringInfo(&buf);
	for (int i = 0; i < NTRANSITIONS; i++)
		if (transitions[i].object == object && transitions[i].from != NULL &&
			streq(transitions[i].action, action))
			appendStringInfo(&buf, "%s%s", n++ ? " or " : "", transitions[i].from);
	return buf.data;
}

/* "Processing, Failed": the statuses reachable from a status, "" if none. */
char *
lc_allowed_to(LifecycleObject object, const char *from)
{
	StringInfoData buf;
	int			n = 0;

	initStringInfo(&buf);
	for (int i = 0; i < NTRANSITIONS; i++)
		if (transitions[i].object == object && streq(transitions[i].from, from))
			appendStringInfo(&buf, "%s%s", n++ ? ", " : "", transitions[i].to);
	return buf.data;
}

/*
 * The arrow of this action from the object's current status; PT409 when
 * there is none.  The one error every illegal action raises.
 */
const LifecycleTransition *
lc_require_transition(LifecycleObject object, const char *action,
					  const char *object_id, const char *from)
{
	const LifecycleTransition *t = lc_find_transition(object, action, from);

	if (t == NULL)
		ereport(ERROR,
				(errcode(ENR_ERRCODE_ILLEGAL_TRANSITION),
				 errmsg("cannot %s %s %s: status is %s",
						action, lc_object_name(object), object_id, from),
				 errdetail("The %s action applies to %s %s in status %s only.",
						   action, lc_article(object), lc_object_name(object),
						   lc_allowed_from(object, action))));
	return t;
}

PG_FUNCTION_INFO_V1(lifecycle_transitions);

/*
 * enrollment.lifecycle_transitions(): the table above as rows, for
 * documentation and tests.  actors is a text[] of account types.
 */
Datum
lifecycle_transitions(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);

	for (int i = 0; i < NTRANSITIONS; i++)
	{
		const LifecycleTransition *t = &transitions[i];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		char		event[64];

		snprintf(event, sizeof(event), "platform.program.%s.%s",
				 lc_object_name(t->object), t->event);
		values[0] = CStringGetTextDatum(lc_object_name(t->object));
		values[1] = CStringGetTextDatum(t->action);
		if (t->from)
			values[2] = CStringGetTextDatum(t->from);
		else
			nulls[2] = true;
		values[3] = CStringGetTextDatum(t->to);
		values[4] = CStringGetTextDatum(event);
		values[5] = actor_kinds_array(t->actors);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
