-- Template rendering (src/display_value.c, src/template_render.c,
-- src/object_render.c; README, "Templates"): the displayValue of a parameter
-- value in C, the renderer that replaces {{ PPM-dddd-dddd-dddd }} tokens with
-- display values, and the engine functions behind GET
-- /program/enrollments/{id}/render and /program/certificates/{id}/render.
-- The engine functions follow the lifecycle's conventions: C, SECURITY
-- DEFINER with a pinned search_path, the caller from request.jwt.claims
-- (42501 without one), PT404 for an object the caller cannot see.  They only
-- read, so they are STABLE (PostgREST runs GET /rpc READ ONLY).

CREATE FUNCTION enrollment.display_value(value jsonb) RETURNS text
    AS 'MODULE_PATHNAME', 'display_value_sql'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.display_value(jsonb) IS
'displayValue of a parameter value, in C: the same text as enrollment.api_display_value (strings as they are, arrays and objects joined with ", " in reading order); NULL when the value has none';

CREATE FUNCTION enrollment.render_template(content text, "values" jsonb DEFAULT NULL, show_hidden boolean DEFAULT false)
    RETURNS text
    AS 'MODULE_PATHNAME', 'render_template'
    LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.render_template(text, jsonb, boolean) IS
'renders template content: each {{ PPM-dddd-dddd-dddd }} token (blanks inside the braces optional) becomes the display value of that parameter in values, an array of {"id", "value", "hidden"}; an unknown id, a null value or (unless show_hidden) a hidden one renders empty; other text, Markdown and HTML stay as they are; at most 200 tokens are substituted, the output is at most 1 MiB (22001)';

CREATE FUNCTION enrollment.enrollment_render(id enrollment.mpt_id) RETURNS text
    AS 'MODULE_PATHNAME', 'enrollment_render'
    LANGUAGE C STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.enrollment_render(enrollment.mpt_id) IS
'client, vendor or operations: the enrollment''s template (its own, else the program''s Default of the type of its status: Processing, Querying, Completed; PT409 for Draft or Failed without one) rendered with its parameter values, hidden ones empty for clients; PT404 for a foreign or Deleted enrollment or a deleted template';

CREATE FUNCTION enrollment.certificate_render(id enrollment.mpt_id) RETURNS text
    AS 'MODULE_PATHNAME', 'certificate_render'
    LANGUAGE C STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.certificate_render(enrollment.mpt_id) IS
'client, vendor or operations: the certificate''s template (its own, else the program''s Default EnrollmentCompleted once the certificate has been activated; PT409 before) rendered with its parameter values, hidden ones empty for clients; PT404 for a foreign or Deleted certificate or a deleted template';

REVOKE ALL ON FUNCTION enrollment.display_value(jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.render_template(text, jsonb, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.enrollment_render(enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.certificate_render(enrollment.mpt_id) FROM PUBLIC;
