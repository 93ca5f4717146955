/*
 * enrollment.h
 *		What the enrollment files share with each other and with the
 *		certificate, attachment and parameter files: an enrollment found and
 *		locked, its template, the client-account and certificant checks of a
 *		new enrollment (also run by certificate migration), and the initial
 *		value of a parameter instance.
 */
#ifndef ENROLLMENT_ENROLLMENT_H
#define ENROLLMENT_ENROLLMENT_H

#include "actor.h"

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

/* enrollment_create.c */
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

#endif							/* ENROLLMENT_ENROLLMENT_H */
