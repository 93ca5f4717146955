/*
 * certificate_update.c
 *		The update (PUT) of a certificate: the fields that change without a
 *		status change.  Same order and bookkeeping as enrollment_update.c:
 *		the caller (42501); the certificate, visible (PT404), locked program
 *		(FOR SHARE) -> certificate (FOR UPDATE); then for every field that
 *		really changes the caller's right to it (42501), the status (PT409)
 *		and the value (22023, 22001); the write sets updated_at/_by, bumps
 *		revision and appends one history row "platform.program.certificate.updated".
 *		Who may change what is the fields table below (README "Updates: who
 *		may edit what").
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "certificate.h"
#include "enrollment.h"
#include "history.h"
#include "lifecycle_spi.h"
#include "program.h"
#include "update_fields.h"

#define C	LC_ACTOR_CLIENT
#define V	LC_ACTOR_VENDOR
#define O	LC_ACTOR_OPS

/* A date argument as YYYY-MM-DD whatever the DateStyle; 22023 for infinity. */
static char *
iso_date_arg(FunctionCallInfo fcinfo, int argno)
{
	DateADT		d = PG_GETARG_DATEADT(argno);
	int			year,
				month,
				day;

	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ENR_ERRCODE_BAD_VALUE),
				 errmsg("expiration_date must be a finite date")));
	j2date(d + POSTGRES_EPOCH_JDATE, &year, &month, &day);
	return psprintf("%04d-%02d-%02d", year, month, day);
}

PG_FUNCTION_INFO_V1(certificate_update);

/*
 * enrollment.certificate_update(id, name, expiration_date,
 * external_vendor_id, template_id): NULL arguments leave a field as it is.
 * An expiration date must not be in the past (certificate_expire ends a
 * certificate now); the template is an EnrollmentCompleted one, like the one
 * completion sets.
 */
Datum
certificate_update(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "certificate id");
	static const char *const names[] = {
		"name",
		"expirationDate",
		"externalIds.vendor",
		"template",
	};
	const int	n = lengthof(names);
	UpdateField *fields = update_fields_for(LC_CERTIFICATE, names, n);
	enum
	{
		F_NAME, F_EXPIRATION, F_EXTERNAL, F_TEMPLATE
	};
	char	   *program_id;
	const char *status;
	char	   *notes;
	Actor	   *actor;

	for (int i = 0; i < n; i++)
		if (!PG_ARGISNULL(i + 1))
		{
			fields[i].named = true;
			if (i == F_EXPIRATION)
				fields[i].value = iso_date_arg(fcinfo, i + 1);
			else if (i == F_TEMPLATE)
				fields[i].value = mpt_id_to_cstring(PG_GETARG_MPT_ID_P(i + 1));
			else
				fields[i].value = lc_text_arg(fcinfo, i + 1);
		}

	SPI_connect();
	actor = actor_current();
	lc_certificate_lock_visible(actor, id, "update", C | V | O, &program_id, &status);

	lc_exec("SELECT name IS DISTINCT FROM $3, expiration_date IS DISTINCT FROM $4::date,"
			"       external_id_vendor IS DISTINCT FROM $5, template_id::text IS DISTINCT FROM $6"
			"  FROM enrollment.certificates WHERE program_id" EQ ID(1) " AND id" EQ ID(2),
			6, program_id, id, fields[F_NAME].value, fields[F_EXPIRATION].value,
			fields[F_EXTERNAL].value, fields[F_TEMPLATE].value);
	update_mark_changed(fields, n);
	update_check(actor, fields, n, LC_CERTIFICATE, id, status);

	if (fields[F_NAME].changed)
		lc_check_name("name", fields[F_NAME].value, 500);
	if (fields[F_EXPIRATION].changed)
	{
		lc_exec("SELECT $1::date < CURRENT_DATE", 1, fields[F_EXPIRATION].value);
		if (lc_get_bool(1))
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("expiration_date %s is in the past", fields[F_EXPIRATION].value),
					 errhint("To end a certificate now, expire or terminate it.")));
	}
	if (fields[F_EXTERNAL].changed)
		lc_check_external_vendor_id(fields[F_EXTERNAL].value);
	if (fields[F_TEMPLATE].changed)
		lc_resolve_template(program_id, fields[F_TEMPLATE].value, "EnrollmentCompleted",
							false, "update", id);

	if (update_any_changed(fields, n))
	{
		lc_exec("UPDATE enrollment.certificates SET"
				UPDATE_SET("name", "name", "$3", "$4")
				UPDATE_SET("expiration_date", "expirationDate", "$3", "$5::date")
				UPDATE_SET("external_id_vendor", "externalIds.vendor", "$3", "$6")
				UPDATE_SET("template_id", "template", "$3", ID(7))
				"  updated_at = pg_catalog.now(), updated_by = " ID(8) ", revision = revision + 1"
				" WHERE program_id" EQ ID(1) " AND id" EQ ID(2)
				" RETURNING name, expiration_date, external_id_vendor, template_id",
				8, program_id, id, update_changed_names(fields, n),
				fields[F_NAME].value, fields[F_EXPIRATION].value, fields[F_EXTERNAL].value,
				fields[F_TEMPLATE].value, actor->user_id);
		/* the notes in a statement of their own, as for an enrollment */
		lc_exec("SELECT (SELECT pg_catalog.jsonb_object_agg(k, v) FROM pg_catalog.jsonb_each("
				"   pg_catalog.jsonb_build_object('name', $1, 'expirationDate', $2::date,"
				"     'externalIds.vendor', $3, 'template', $4)) AS f(k, v)"
				"   WHERE k = ANY ($5::text[]))::text",
				5, lc_get(1), lc_get(2), lc_get(3), lc_get(4), update_changed_names(fields, n));
		notes = lc_get(1);
		lc_history_append(program_id, "Certificate", id, "platform.program.certificate.updated",
						  status, status, notes);
	}
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}
