/*
 * template_render.h
 *		Rendering a program template: {{ PPM-dddd-dddd-dddd }} tokens replaced
 *		by the display value of that parameter (README, "Templates").
 */
#ifndef ENROLLMENT_TEMPLATE_RENDER_H
#define ENROLLMENT_TEMPLATE_RENDER_H

#include "lib/stringinfo.h"
#include "utils/jsonb.h"

/* A template holds at most this many tokens; later ones are not substituted. */
#define TEMPLATE_MAX_TOKENS		200
/* A rendered template is at most this many bytes (22001 beyond). */
#define TEMPLATE_MAX_OUTPUT		(1024 * 1024)
/* "PPM-dddd-dddd-dddd" */
#define TEMPLATE_TOKEN_ID_LEN	18

/* The value of one parameter instance, as the renderer looks it up. */
typedef struct RenderValue
{
	char		id[TEMPLATE_TOKEN_ID_LEN + 1];
	Jsonb	   *value;			/* NULL for no value */
	bool		hidden;			/* rendered empty unless hidden values are shown */
} RenderValue;

/* 22023 when content holds more than TEMPLATE_MAX_TOKENS tokens (create, update). */
extern void template_check_tokens(const char *content);

/*
 * The rendered text of content (len bytes) with the given values (sorted
 * here, duplicate ids refused with 22023).  Hidden values render empty
 * unless show_hidden.  Allocated in the current memory context.
 */
extern StringInfo template_render(const char *content, int len,
								  RenderValue *values, int nvalues,
								  bool show_hidden);

#endif							/* ENROLLMENT_TEMPLATE_RENDER_H */
