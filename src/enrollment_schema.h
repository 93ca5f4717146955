/*
 * enrollment_schema.h
 *		The seed's Enrollment schema (POST /enrollments/validate) as a static
 *		table, and a checker that refuses the first document that breaks it.
 *
 * README.md, *Parameters and validation*, describes what is refused.
 */
#ifndef ENROLLMENT_SCHEMA_H
#define ENROLLMENT_SCHEMA_H

#include <jansson.h>

/*
 * Raise 22023 "invalid enrollment document" (detail "<path>: <rule>.", the
 * path, e.g. "$.parameters.ordering[2].constraints", also as the error's
 * column field) unless doc follows the Enrollment schema.
 */
extern void es_require_enrollment(const json_t *doc);

#endif							/* ENROLLMENT_SCHEMA_H */
