/*
 * program_update.c
 *		The update (PUT) of a program (templates and parameter groups have
 *		their own files, template.c and parameter_group.c).
 *
 * A program belongs to its vendor (README "Updates: who may edit what"):
 * it is found and checked as the caller sees it (PT404 when invisible, 42501
 * when visible but not the caller's), then locked FOR UPDATE.  A change sets
 * updated_at/_by, bumps revision and appends a history row.
 */
#include "postgres.h"

#include "executor/spi.h"
#include "utils/builtins.h"

#include "history.h"
#include "lifecycle_spi.h"
#include "program.h"
#include "update_fields.h"


PG_FUNCTION_INFO_V1(program_update);

/*
 * enrollment.program_update(id, name, website, short_description,
 * long_description, icon, eligibility_client, eligibility_partner,
 * applicable_to, product_ids): the vendor changes the given fields.
 * applicable_to only while Draft (enrollments and certificates copy it);
 * product_ids replaces the product list ('{}' empties it) with products of
 * the program's vendor.
 */
Datum
program_update(PG_FUNCTION_ARGS)
{
	char	   *id = lc_id_arg(fcinfo, 0, "program id");
	static const char *const names[] = {
		"name",
		"website",
		"shortDescription",
		"longDescription",
		"icon",
		"eligibility.client",
		"eligibility.partner",
		"applicableTo",
		"products",
	};
	const int	n = lengthof(names);
	UpdateField *fields = update_fields_for(LC_PROGRAM, names, n);
	enum
	{
		F_NAME, F_WEBSITE, F_SHORT, F_LONG, F_ICON, F_CLIENT, F_PARTNER, F_APPLICABLE, F_PRODUCTS
	};
	static const int max_len[] = {500, 2000, 1000, 20000, 2000};
	char	   *status;
	char	   *notes;
	char	   *row[8];
	Actor	   *actor;

	for (int i = 0; i < n; i++)
		if (!PG_ARGISNULL(i + 1))
		{
			fields[i].named = true;
			if (i == F_CLIENT || i == F_PARTNER)
				fields[i].value = PG_GETARG_BOOL(i + 1) ? "true" : "false";
			else if (i == F_PRODUCTS)
				fields[i].value = update_array_arg(fcinfo, i + 1);
			else
				fields[i].value = lc_text_arg(fcinfo, i + 1);
		}

	SPI_connect();
	actor = actor_current();
	status = lc_program_lock_owned(actor, id, "update", "program", id);

	lc_exec("SELECT name IS DISTINCT FROM $2, website IS DISTINCT FROM $3,"
			"       short_description IS DISTINCT FROM $4, long_description IS DISTINCT FROM $5,"
			"       icon IS DISTINCT FROM $6, eligibility_client IS DISTINCT FROM $7::boolean,"
			"       eligibility_partner IS DISTINCT FROM $8::boolean, applicable_to IS DISTINCT FROM $9,"
			"       ARRAY(SELECT product_id::text FROM enrollment.program_products"
			"              WHERE program_id" EQ ID(1) " ORDER BY 1)"
			"         IS DISTINCT FROM ARRAY(SELECT DISTINCT x::text FROM pg_catalog.unnest($10::enrollment.mpt_id[]) x ORDER BY 1)"
			"  FROM enrollment.programs WHERE id" EQ ID(1),
			10, id, fields[F_NAME].value, fields[F_WEBSITE].value, fields[F_SHORT].value,
			fields[F_LONG].value, fields[F_ICON].value, fields[F_CLIENT].value,
			fields[F_PARTNER].value, fields[F_APPLICABLE].value, fields[F_PRODUCTS].value);
	update_mark_changed(fields, n);
	update_check(actor, fields, n, LC_PROGRAM, id, status);

	if (fields[F_NAME].changed)
		lc_check_name("name", fields[F_NAME].value, 500);
	for (int i = F_WEBSITE; i <= F_ICON; i++)
		if (fields[i].changed)
			lc_check_length(fields[i].name, fields[i].value, max_len[i]);
	if (fields[F_CLIENT].changed || fields[F_PARTNER].changed)
	{
		lc_exec("SELECT coalesce($2::boolean, eligibility_client), coalesce($3::boolean, eligibility_partner)"
				"  FROM enrollment.programs WHERE id" EQ ID(1),
				3, id, fields[F_CLIENT].value, fields[F_PARTNER].value);
		lc_check_eligibility(lc_get_bool(1), lc_get_bool(2));
	}
	if (fields[F_APPLICABLE].changed)
		lc_check_applicable_to(fields[F_APPLICABLE].value);
	if (fields[F_PRODUCTS].changed)
	{
		char	   *bad;

		lc_exec("SELECT pg_catalog.array_position($1::enrollment.mpt_id[], NULL) IS NOT NULL",
				1, fields[F_PRODUCTS].value);
		if (lc_get_bool(1))
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("product_ids must not contain NULL")));
		if (lc_exec("SELECT x::text FROM pg_catalog.unnest($2::enrollment.mpt_id[]) WITH ORDINALITY AS u(x, i)"
					" WHERE NOT EXISTS (SELECT 1 FROM enrollment.products d JOIN enrollment.programs p"
					"                     ON p.vendor_id" EQ "d.vendor_id"
					"                    WHERE p.id" EQ ID(1) " AND d.id" EQ "u.x)"
					" ORDER BY i LIMIT 1",
					2, id, fields[F_PRODUCTS].value) > 0)
		{
			bad = lc_get(1);
			ereport(ERROR,
					(errcode(ENR_ERRCODE_BAD_VALUE),
					 errmsg("product %s is not a product of the program's vendor", bad),
					 errdetail("A program lists products of its own vendor only.")));
		}
	}

	if (update_any_changed(fields, n))
	{
		if (fields[F_PRODUCTS].changed)
		{
			lc_exec("DELETE FROM enrollment.program_products WHERE program_id" EQ ID(1)
					"   AND product_id::text <> ALL ($2::text[])",
					2, id, fields[F_PRODUCTS].value);
			lc_exec("INSERT INTO enrollment.program_products (program_id, product_id)"
					" SELECT DISTINCT " ID(1) ", x FROM pg_catalog.unnest($2::enrollment.mpt_id[]) x"
					" ON CONFLICT DO NOTHING",
					2, id, fields[F_PRODUCTS].value);
		}
		lc_exec("UPDATE enrollment.programs SET"
				UPDATE_SET("name", "name", "$2", "$3")
				UPDATE_SET("website", "website", "$2", "$4")
				UPDATE_SET("short_description", "shortDescription", "$2", "$5")
				UPDATE_SET("long_description", "longDescription", "$2", "$6")
				UPDATE_SET("icon", "icon", "$2", "$7")
				"  eligibility_client = coalesce($8::boolean, eligibility_client),"
				"  eligibility_partner = coalesce($9::boolean, eligibility_partner),"
				"  applicable_to = coalesce($10, applicable_to),"
				"  updated_at = pg_catalog.now(), updated_by = " ID(11) ", revision = revision + 1"
				" WHERE id" EQ ID(1)
				" RETURNING name, website, short_description, long_description, icon,"
				"   eligibility_client, eligibility_partner, applicable_to",
				11, id, update_changed_names(fields, n), fields[F_NAME].value,
				fields[F_WEBSITE].value, fields[F_SHORT].value, fields[F_LONG].value,
				fields[F_ICON].value, fields[F_CLIENT].value, fields[F_PARTNER].value,
				fields[F_APPLICABLE].value, actor->user_id);
		/*
		 * The notes from the returned row and the products, in statements of
		 * their own: Citus refuses a subquery and non-immutable functions
		 * (jsonb_build_object) in RETURNING.
		 */
		for (int i = 0; i < 8; i++)
			row[i] = lc_get(i + 1);
		lc_exec("SELECT coalesce(pg_catalog.array_agg(pp.product_id::text ORDER BY pp.product_id::text),"
				"                '{}')::text"
				"  FROM enrollment.program_products pp WHERE pp.program_id" EQ ID(1),
				1, id);
		lc_exec("SELECT (SELECT pg_catalog.jsonb_object_agg(k, v) FROM pg_catalog.jsonb_each("
				"   pg_catalog.jsonb_build_object('name', $1, 'website', $2,"
				"     'shortDescription', $3, 'longDescription', $4,"
				"     'icon', $5, 'eligibility.client', $6::boolean,"
				"     'eligibility.partner', $7::boolean, 'applicableTo', $8,"
				"     'products', pg_catalog.to_jsonb($9::text[])))"
				"   AS f(k, v) WHERE k = ANY ($10::text[]))::text",
				10, row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
				lc_get(1), update_changed_names(fields, n));
		notes = lc_get(1);
		lc_history_append(id, "Program", id, "platform.program.program.updated",
						  status, status, notes);
	}
	SPI_finish();

	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}
