/*
 * lifecycle.h
 *		Shared declarations of the lifecycle engine: the caller (actor), the
 *		transition table, SPI helpers and row locks, the history writer, and
 *		the program, enrollment, certificate and message helpers that several
 *		action files share.
 *
 * Every status change of programs, enrollments and certificates goes through
 * the transition table in transitions.c.  The action functions
 * (program_lifecycle.c, enrollment_create.c, enrollment_lifecycle.c,
 * certificate_lifecycle.c) check the actor and the current status under row
 * locks and then UPDATE the status column; the C trigger in status_trigger.c
 * checks the arrow again, stamps the audit columns and appends the history
 * row.  So a direct UPDATE of a status column and an action function record
 * exactly the same audit trail.
 *
 * No jansson here, so that files including utils/builtins.h can include this
 * header (the two clash, see param_spi.c): the lifecycle files use
 * PostgreSQL's jsonb API; the parameter files that also use jansson get it
 * through param_check.h.
 */
#ifndef ENROLLMENT_LIFECYCLE_H
#define ENROLLMENT_LIFECYCLE_H

#include "fmgr.h"
#include "utils/jsonb.h"

#include "errcodes.h"
#include "mpt_id.h"

/* The three objects with a state machine. */
typedef enum LifecycleObject
{
	LC_PROGRAM,
	LC_ENROLLMENT,
	LC_CERTIFICATE
} LifecycleObject;

/* Who may run an action: bit set of account types. */
#define LC_ACTOR_CLIENT		0x01
#define LC_ACTOR_VENDOR		0x02
#define LC_ACTOR_OPS		0x04
#define LC_ACTOR_SYSTEM		0x08	/* a scheduled job, no caller identity */

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

/* The caller, from request.jwt.claims. */
typedef struct Actor
{
	char	   *account_id;		/* NULL only for an anonymous system call */
	char	   *user_id;
	int			kind;			/* one LC_ACTOR_* bit */
	const char *type_name;		/* "Client", "Vendor", "Operations", "system" */
} Actor;

/* actor.c */
extern Actor *actor_current(void);
extern Actor *actor_optional(void);
extern const char *actor_kind_words(int kind);
extern void actor_require_kind(const Actor *actor, int allowed, const char *action,
							   const char *object_kind, const char *object_id);

/* transitions.c */
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

/* lifecycle_spi.c: every value goes in as a text parameter, NULL for SQL NULL */
extern uint64 lc_exec(const char *sql, int nargs,...);
extern uint64 lc_exec_latest(const char *sql, int nargs,...);
extern uint64 lc_exec_argv(const char *sql, int nargs, const char *const *args, bool latest);
/* lifecycle_lock.c: a row lock that answers with the latest committed row */
extern uint64 lc_lock(const char *sql, int nargs,...);
extern char *lc_get(int col);
extern char *lc_today(void);
extern char *lc_get_row(uint64 row, int col);
extern bool lc_get_bool(int col);
extern char *lc_id_arg(FunctionCallInfo fcinfo, int argno, const char *what);
extern char *lc_text_arg(FunctionCallInfo fcinfo, int argno);
extern char *lc_jsonb_arg(FunctionCallInfo fcinfo, int argno);
extern Datum lc_return_id(const char *id);

/* status_trigger.c */
extern void lc_history_append(const char *program_id, const char *object_type,
							  const char *object_id, const char *event,
							  const char *from, const char *to,
							  const char *notes_json);

/* An enrollment found, visible to the caller and locked (enrollment_lifecycle.c). */
typedef struct EnrollmentRow
{
	char	   *id;
	char	   *program_id;
	char	   *program_status;
	bool		autoapprove;
	char	   *status;			/* read after the lock */
	char	   *type;
	char	   *certificate_id;
} EnrollmentRow;

/* enrollment_lifecycle.c */
extern EnrollmentRow *lc_enrollment_lock(const Actor *actor, const char *id,
										 const char *action, int allowed);
extern char *lc_resolve_template(const char *program_id, const char *template_id,
								 const char *type, bool required, const char *action,
								 const char *enrollment_id);
extern void lc_check_external_vendor_id(const char *external);
/* used by autoapprove from submit */
extern void lc_enrollment_complete_locked(const char *enrollment_id,
										  const char *program_id,
										  const char *certificate_id,
										  const char *template_id,
										  const char *external_vendor_id,
										  const Actor *validate_as);

/*
 * The expiry rule, stated once (README "Certificates"): a certificate
 * activated or migrated today expires terminate_on_expiration_duration days
 * later when its program has terminate_on_expiration_enabled, else never.
 * prog is the alias of the program row; today a parameter holding today's
 * date (lc_today()), not CURRENT_DATE, because Citus refuses non-immutable
 * functions inside CASE or COALESCE in a modifying statement; the text to
 * date cast is one too (date_in reads DateStyle), so it stays outside the
 * CASE: date + NULL is NULL.
 */
#define CERT_EXPIRATION(prog, today) \
	today "::date + CASE WHEN " prog ".terminate_on_expiration_enabled" \
	" THEN " prog ".terminate_on_expiration_duration END"

/* certificate_lifecycle.c: the certificate side of enrollment transitions */
extern const char *lc_certificate_lock(const char *program_id,
									   const char *certificate_id);
extern void lc_certificate_set_status(const char *program_id,
									  const char *certificate_id,
									  const char *action,
									  const char *from,
									  const char *status_notes);
extern void lc_certificate_activate(const char *program_id,
									const char *certificate_id,
									const char *from,
									const char *enrollment_id,
									const char *template_id,
									const char *external_vendor_id);

extern void lc_certificate_lock_visible(const Actor *actor, const char *id,
										const char *action, int allowed,
										char **program_id, const char **status);

extern char *lc_parse_message(FunctionCallInfo fcinfo, int argno,
							  const char *action, const char *object_kind,
							  const char *object_id);
extern void lc_check_message(FunctionCallInfo fcinfo, int argno, const char *field);

/* enrollment_create.c: the client account and certificant checks of a new
 * enrollment, shared with certificate_migrate.c */
extern void lc_client_account(const char *client_id, bool *eligible_client,
							  bool *eligible_partner);
extern char *lc_certificant_lock(const char *program_id, const char *applicable_to,
								 bool prog_client, bool prog_partner,
								 const char *client_id, const char *buyer_id,
								 const char *licensee_id, const char *certificant,
								 bool cert_client, bool cert_partner);

/*
 * The initial value of a parameter instance, as SQL over the columns of
 * enrollment.parameters: options.defaultValue when it is a value.  The
 * Email/Address/Contact presets ("Buyer", "CurrentlySignedInUser", ...) are
 * UI hints, not values; JSON null and "" are no value.
 */
#define LC_DEFAULT_VALUE_SQL \
	"CASE WHEN pg_catalog.jsonb_typeof(options OPERATOR(pg_catalog.->) 'defaultValue')" \
	"          IN ('null') THEN NULL" \
	"     WHEN type IN ('Email', 'Address', 'Contact')" \
	"          AND pg_catalog.jsonb_typeof(options OPERATOR(pg_catalog.->) 'defaultValue') = 'string'" \
	"          THEN NULL" \
	"     WHEN options OPERATOR(pg_catalog.->) 'defaultValue' = '\"\"'::jsonb THEN NULL" \
	"     ELSE options OPERATOR(pg_catalog.->) 'defaultValue' END"

/* program_lifecycle.c */
extern char *lc_program_lock_owned(const Actor *actor, const char *program_id,
								   const char *action, const char *kind,
								   const char *object_id);
extern void lc_check_length(const char *what, const char *s, int max);
extern void lc_check_name(const char *what, const char *s, int max);
extern void lc_check_applicable_to(const char *applicable_to);
extern void lc_check_eligibility(bool client, bool partner);
extern char *lc_template_demote_default(const char *program_id, const char *type,
									   const char *except_id, const char *user_id);

/* SQL fragments: ids travel as text and are cast; the operator is qualified
 * because the functions run with search_path = pg_catalog, pg_temp. */
#define EQ " OPERATOR(enrollment.=) "
#define ID(n) "$" #n "::enrollment.mpt_id"

#endif							/* ENROLLMENT_LIFECYCLE_H */
