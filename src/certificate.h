/*
 * certificate.h
 *		The certificate side of enrollment transitions (certificate_lifecycle.c)
 *		and the expiry rule that activation and migration share.
 *
 * Lock order everywhere: program, then enrollment, then certificate.
 */
#ifndef ENROLLMENT_CERTIFICATE_H
#define ENROLLMENT_CERTIFICATE_H

#include "actor.h"

/*
 * The expiry rule, stated once (README "Certificate"): a certificate
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

#endif							/* ENROLLMENT_CERTIFICATE_H */
