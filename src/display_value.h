/*
 * display_value.h
 *		The displayValue of a parameter value: the read-only text the API shows
 *		beside the JSON value, and what a template token renders as.
 *
 * The same text as the SQL function enrollment.api_display_value (README,
 * "Templates"); sql/template_render.sql compares the two on a corpus of
 * values of every parameter type so that they cannot drift apart.
 */
#ifndef ENROLLMENT_DISPLAY_VALUE_H
#define ENROLLMENT_DISPLAY_VALUE_H

#include "lib/stringinfo.h"
#include "utils/jsonb.h"

/*
 * Append the display text of value to out.  Returns false, appending
 * nothing, when the value has none (JSON null, an empty array or object, only
 * nested containers): the SQL function's NULL.  An empty string is a display
 * text ("" appended, true returned).
 */
extern bool display_value_append(StringInfo out, Jsonb *value);

/* The display text, palloc'd in the current context; NULL when there is none. */
extern char *display_value(Jsonb *value);

#endif							/* ENROLLMENT_DISPLAY_VALUE_H */
