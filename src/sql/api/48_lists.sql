-- List endpoints and single-object reads (conventions: src/sql/48_api_lists.sql).

CREATE FUNCTION program.list_enrollments(rql text DEFAULT '', "select" text DEFAULT NULL,
                                    "order" text DEFAULT NULL, "limit" integer DEFAULT NULL, "offset" integer DEFAULT NULL)
    RETURNS jsonb LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    RETURN enrollment.api_list('enrollments', rql, "select", "order", "limit", "offset");
COMMENT ON FUNCTION program.list_enrollments(text, text, text, integer, integer) IS
'GET /program/enrollments: one page {$meta: {pagination, omitted}, data} of what the caller may see, filtered by RQL (rql), projected (select), ordered (order, default id), paged (limit at most 100, default 10; offset)';

CREATE FUNCTION program.list_certificates(rql text DEFAULT '', "select" text DEFAULT NULL,
                                    "order" text DEFAULT NULL, "limit" integer DEFAULT NULL, "offset" integer DEFAULT NULL)
    RETURNS jsonb LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    RETURN enrollment.api_list('certificates', rql, "select", "order", "limit", "offset");
COMMENT ON FUNCTION program.list_certificates(text, text, text, integer, integer) IS
'GET /program/certificates: one page {$meta: {pagination, omitted}, data} of what the caller may see, filtered by RQL (rql), projected (select), ordered (order, default id), paged (limit at most 100, default 10; offset)';

CREATE FUNCTION program.list_programs(rql text DEFAULT '', "select" text DEFAULT NULL,
                                    "order" text DEFAULT NULL, "limit" integer DEFAULT NULL, "offset" integer DEFAULT NULL)
    RETURNS jsonb LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    RETURN enrollment.api_list('programs', rql, "select", "order", "limit", "offset");
COMMENT ON FUNCTION program.list_programs(text, text, text, integer, integer) IS
'GET /program/programs: one page {$meta: {pagination, omitted}, data} of what the caller may see, filtered by RQL (rql), projected (select), ordered (order, default id), paged (limit at most 100, default 10; offset)';

CREATE FUNCTION program.list_templates("programId" text DEFAULT NULL, rql text DEFAULT '', "select" text DEFAULT NULL,
                                    "order" text DEFAULT NULL, "limit" integer DEFAULT NULL, "offset" integer DEFAULT NULL)
    RETURNS jsonb LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    RETURN enrollment.api_list('templates', rql, "select", "order", "limit", "offset", 'program', 'program.id', "programId");
COMMENT ON FUNCTION program.list_templates(text, text, text, text, integer, integer) IS
'GET /program/programs/{programId}/templates: one page {$meta: {pagination, omitted}, data} of what the caller may see, filtered by RQL (rql), projected (select), ordered (order, default id), paged (limit at most 100, default 10; offset)';

CREATE FUNCTION program.list_parameters("programId" text DEFAULT NULL, rql text DEFAULT '', "select" text DEFAULT NULL,
                                    "order" text DEFAULT NULL, "limit" integer DEFAULT NULL, "offset" integer DEFAULT NULL)
    RETURNS jsonb LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    RETURN enrollment.api_list('parameters', rql, "select", "order", "limit", "offset", 'program', 'program.id', "programId");
COMMENT ON FUNCTION program.list_parameters(text, text, text, text, integer, integer) IS
'GET /program/programs/{programId}/parameters: one page {$meta: {pagination, omitted}, data} of what the caller may see, filtered by RQL (rql), projected (select), ordered (order, default id), paged (limit at most 100, default 10; offset)';

CREATE FUNCTION program.list_parameter_groups("programId" text DEFAULT NULL, rql text DEFAULT '', "select" text DEFAULT NULL,
                                    "order" text DEFAULT NULL, "limit" integer DEFAULT NULL, "offset" integer DEFAULT NULL)
    RETURNS jsonb LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    RETURN enrollment.api_list('parameter_groups', rql, "select", "order", "limit", "offset", 'program', 'program.id', "programId");
COMMENT ON FUNCTION program.list_parameter_groups(text, text, text, text, integer, integer) IS
'GET /program/programs/{programId}/parameter-groups: one page {$meta: {pagination, omitted}, data} of what the caller may see, filtered by RQL (rql), projected (select), ordered (order, default id), paged (limit at most 100, default 10; offset)';

CREATE FUNCTION program.list_enrollment_attachments("enrollmentId" text DEFAULT NULL, rql text DEFAULT '', "select" text DEFAULT NULL,
                                    "order" text DEFAULT NULL, "limit" integer DEFAULT NULL, "offset" integer DEFAULT NULL)
    RETURNS jsonb LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    RETURN enrollment.api_list('enrollment_attachments', rql, "select", "order", "limit", "offset", 'enrollment', 'enrollment.id', "enrollmentId");
COMMENT ON FUNCTION program.list_enrollment_attachments(text, text, text, text, integer, integer) IS
'GET /program/enrollments/{enrollmentId}/attachments: one page {$meta: {pagination, omitted}, data} of what the caller may see, filtered by RQL (rql), projected (select), ordered (order, default id), paged (limit at most 100, default 10; offset)';

CREATE FUNCTION program.get_enrollment(id text DEFAULT NULL, "select" text DEFAULT NULL)
    RETURNS jsonb LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN enrollment.api_get('enrollment', 'enrollments', id, "select");
COMMENT ON FUNCTION program.get_enrollment(text, text) IS
'GET /program/enrollments/{id}: the enrollment as the caller sees it, every field by default; select (-field, -*,+field) removes fields, listed in $meta.omitted; PT404 for an id the caller cannot see';

CREATE FUNCTION program.get_certificate(id text DEFAULT NULL, "select" text DEFAULT NULL)
    RETURNS jsonb LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN enrollment.api_get('certificate', 'certificates', id, "select");
COMMENT ON FUNCTION program.get_certificate(text, text) IS
'GET /program/certificates/{id}: the certificate as the caller sees it, every field by default; select (-field, -*,+field) removes fields, listed in $meta.omitted; PT404 for an id the caller cannot see';

CREATE FUNCTION program.get_program(id text DEFAULT NULL, "select" text DEFAULT NULL)
    RETURNS jsonb LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN enrollment.api_get('program', 'programs', id, "select");
COMMENT ON FUNCTION program.get_program(text, text) IS
'GET /program/programs/{id}: the program as the caller sees it, every field by default; select (-field, -*,+field) removes fields, listed in $meta.omitted; PT404 for an id the caller cannot see';
