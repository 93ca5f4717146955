/*
 * object_route.c
 *		enrollment.object_programs: which program an enrollment or
 *		certificate belongs to, by its id (README "Growing past one machine").
 *
 * The tables are distributed by program, and an action names only the
 * enrollment's or certificate's id: its first statement, finding the program,
 * went to every shard (39 to 45 remote commands for validate, submit and
 * complete, against one for a statement that names the program; 9 to 15
 * with the route: test/bench/CITUS.md).  Under Citus,
 * object_programs is distributed by id, so that lookup is one shard, and the
 * action's statements that follow name the program.  On a single server the
 * lookup by id is one index probe already: the table is neither written nor
 * read there (enrollment.distribute() fills it from the rows that exist).
 *
 * A row is written when the engine creates the object and never changes (ids
 * and programs are immutable).  An object written around the engine (a bulk
 * load) has no row: its actions find the program the old way, every shard.
 */
#include "postgres.h"

#include "executor/spi.h"

#include "distributed.h"
#include "lifecycle_spi.h"
#include "object_route.h"

/* The program of id from its route, NULL on a single server or for no route.  Inside SPI. */
char *
lc_route_program(const char *id)
{
	if (!enr_citus_loaded())
		return NULL;
	if (lc_exec("SELECT program_id::pg_catalog.text FROM enrollment.object_programs WHERE id" EQ ID(1),
				1, id) == 0)
		return NULL;
	return lc_get(1);
}

/* Record the route of a new enrollment or certificate (under Citus only).  Inside SPI. */
void
lc_route_add(const char *id, const char *program_id)
{
	if (!enr_citus_loaded())
		return;
	lc_exec("INSERT INTO enrollment.object_programs (id, program_id) VALUES (" ID(1) ", " ID(2) ")",
			2, id, program_id);
}

/*
 * Read (program_id, client_id, the program's vendor_id, status) of an
 * enrollment or certificate into the current result (lc_get 1 to 4): by its
 * program when the id has a route, else (or when the route finds no row) by
 * id alone.  False when there is no such object.  Inside SPI.
 */
#define LOCATE_SQL(table, alias, where) \
	"SELECT " alias ".program_id, " alias ".client_id, p.vendor_id, " alias ".status" \
	"  FROM enrollment." table " " alias \
	"  JOIN enrollment.programs p ON p.id" EQ alias ".program_id" \
	" WHERE " where

bool
lc_locate_object(bool certificate, const char *id)
{
	static const char *const by_route[] = {
		LOCATE_SQL("enrollments", "e", "e.program_id" EQ ID(2) " AND e.id" EQ ID(1)),
		LOCATE_SQL("certificates", "c", "c.program_id" EQ ID(2) " AND c.id" EQ ID(1)),
	};
	static const char *const by_id[] = {
		LOCATE_SQL("enrollments", "e", "e.id" EQ ID(1)),
		LOCATE_SQL("certificates", "c", "c.id" EQ ID(1)),
	};
	char	   *routed = lc_route_program(id);

	if (routed != NULL && lc_exec(by_route[certificate], 2, id, routed) > 0)
		return true;
	return lc_exec(by_id[certificate], 1, id) > 0;
}

PG_FUNCTION_INFO_V1(enr_object_program);

/*
 * enrollment.object_program(id): the program of an enrollment or
 * certificate from its route (the API's lookups, 42_api_rpc.sql api_find),
 * NULL on a single server or when the id has none.
 */
Datum
enr_object_program(PG_FUNCTION_ARGS)
{
	char	   *id = mpt_id_to_cstring(PG_GETARG_MPT_ID_P(0));
	MemoryContext caller_cxt = CurrentMemoryContext;
	char	   *program_id;

	if (!enr_citus_loaded())
		PG_RETURN_NULL();
	SPI_connect();
	program_id = lc_route_program(id);
	if (program_id != NULL)
		program_id = MemoryContextStrdup(caller_cxt, program_id);
	SPI_finish();
	if (program_id == NULL)
		PG_RETURN_NULL();
	PG_RETURN_MPT_ID_P(mpt_id_parse(program_id, strlen(program_id)));
}
