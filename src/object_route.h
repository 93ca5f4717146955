/*
 * object_route.h
 *		The program of an enrollment or certificate known from its id alone,
 *		so that an action by id reaches one Citus shard (object_route.c).
 */
#ifndef ENROLLMENT_OBJECT_ROUTE_H
#define ENROLLMENT_OBJECT_ROUTE_H

extern char *lc_route_program(const char *id);
extern void lc_route_add(const char *id, const char *program_id);
extern bool lc_locate_object(bool certificate, const char *id);

#endif							/* ENROLLMENT_OBJECT_ROUTE_H */
