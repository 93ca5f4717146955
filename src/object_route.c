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
