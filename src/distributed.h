/*
 * distributed.h
 *		What the engine does differently when Citus is loaded (distributed.c).
 *		No jansson here, so that files including utils/builtins.h can include it.
 */
#ifndef ENROLLMENT_DISTRIBUTED_H
#define ENROLLMENT_DISTRIBUTED_H

extern bool enr_citus_loaded(void);
extern int	enr_plan_options(void);
extern void enr_forward_claims(void);
extern void enr_parameters_changed(void);

#endif							/* ENROLLMENT_DISTRIBUTED_H */
