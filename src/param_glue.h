/*
 * param_glue.h
 *		The PostgreSQL side of the parameter validator: the definition cache,
 *		the regex engine plugged into param_check.c, prepared SPI statements
 *		and the pre-validation hook.
 *
 * Files and what they hold (jansson appears only where utils/builtins.h
 * does not):
 *	param_spi.c			prepared statements, text/jsonb/json Datums (builtins.h,
 *						no jansson)
 *	param_regex.c		PcRegexOps on PostgreSQL's ARE engine
 *	param_cache.c		per-backend definition cache + invalidation
 *	param_definitions.c	parameter_create / update / delete, table triggers
 *	param_values.c		enrollment_set_parameters
 *	param_validate.c	enrollment_check_parameters, enrollment_validate,
 *						validate_enrollment_json
 *	param_unique.c		the unique constraint's statements and its per-value
 *						locks, on the node of the program's rows (builtins.h,
 *						no jansson)
 *	param_hook.c		calling the vendor's pre-validation hook safely
 */
#ifndef ENROLLMENT_PARAM_GLUE_H
#define ENROLLMENT_PARAM_GLUE_H

#include "executor/spi.h"
#include "fmgr.h"

#include "param_check.h"
#include "param_spi.h"

/* Error ids added by the glue (documented with the others in param_check.h). */
#define PV_ERR_READONLY			"PRM0026"
#define PV_ERR_UNIQUE			"PRM0027"
#define PV_ERR_UNKNOWN			"PRM0028"
#define PV_ERR_DUPLICATE_ID		"PRM0029"
#define PV_ERR_WRONG_PHASE		"PRM0030"
#define PV_ERR_NOT_WRITABLE		"PRM0031"

/*
 * Never call jansson's json_object() here: the server executable exports a
 * symbol of the same name (the SQL function json_object), and the dynamic
 * linker binds our call to it.  json_pack("{}") builds an empty object.
 */
static inline json_t *
pv_new_object(void)
{
	return json_pack("{}");
}

/* Largest enrollment document validate_enrollment_json parses (bytes). */
#define PV_MAX_DOCUMENT			(1024 * 1024)

/* One cached definition. */
typedef struct PvDef
{
	PcParamDef	def;			/* self-contained copy (pc_def_copy) */
	bool		active;			/* status Active (else Deleted) */
	bool		broken;			/* stored options no longer parse */
	int			display_order;
	PcError		broken_err;		/* why, when broken */
	char		id[24];			/* def.id, also here for bsearch */
} PvDef;

/* All definitions of one program, sorted by id. */
typedef struct PvProgram
{
	MemoryContext cxt;			/* holds this struct and every block */
	int			refcount;		/* calls using it right now */
	bool		dead;			/* invalidated: free when refcount drops to 0 */
	int			ndefs;
	PvDef	   *defs;
	char		program_id[24];
} PvProgram;

/* param_cache.c */
extern void pv_cache_init(void);
extern const PvProgram *pv_program_acquire(const char *program_id,
										   MemoryContext call_cxt);
extern const PvProgram *pv_program_reload(const char *program_id,
										  MemoryContext call_cxt);
extern const PvDef *pv_find_def(const PvProgram *prog, const char *id, size_t len);
extern bool pv_cache_enabled;

/* param_regex.c: validate compiles (errors are data), check uses the cache */
extern const PcRegexOps pv_regex_validate;
extern const PcRegexOps pv_regex_check;

#endif							/* ENROLLMENT_PARAM_GLUE_H */
