-- The update (PUT) side: fields that change without a status change
-- (src/program_update.c, src/enrollment_update.c, src/certificate_update.c;
-- who may change which field in which status: src/update_rules.c, readable
-- as enrollment.update_field_rules()).  Same conventions as the
-- lifecycle functions: C, SECURITY DEFINER with a pinned search_path, the
-- actor from request.jwt.claims, PT404 for an object the caller cannot see,
-- 42501 for a visible object and the wrong actor, PT409 where the status
-- forbids the change, 22023/22001 for bad values naming the field.  A NULL
-- argument leaves its field as it is; a field sent with its current value is
-- not a change and needs no right; a call that changes nothing writes
-- nothing.  A change sets updated_at/_by, bumps revision (programs,
-- enrollments, certificates) and appends one history row
-- platform.program.<object>.updated whose notes hold the new values of the
-- changed fields.  The status trigger does not fire for these writes: the
-- functions do that bookkeeping themselves.

CREATE FUNCTION enrollment.enrollment_update(id enrollment.mpt_id, notes text DEFAULT NULL,
    assignee_id enrollment.mpt_id DEFAULT NULL, template_id enrollment.mpt_id DEFAULT NULL,
    status_notes jsonb DEFAULT NULL, error jsonb DEFAULT NULL, name text DEFAULT NULL,
    clear text[] DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'enrollment_update'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.enrollment_update(enrollment.mpt_id, text, enrollment.mpt_id, enrollment.mpt_id, jsonb, jsonb, text, text[]) IS 'change fields of an enrollment: notes (client, operations; any status), name (client, operations; Draft), assignee (a user of the vendor account), template (Active, of the program, of the type of the status), status_notes and error ({id?, message, parameters?}) (vendor; Processing or Querying); clear lists fields to set to NULL: notes, assignee, statusNotes, error';

CREATE FUNCTION enrollment.certificate_update(id enrollment.mpt_id, name text DEFAULT NULL,
    expiration_date date DEFAULT NULL, external_vendor_id text DEFAULT NULL,
    template_id enrollment.mpt_id DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'certificate_update'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.certificate_update(enrollment.mpt_id, text, date, text, enrollment.mpt_id) IS 'change fields of a certificate: name (client, operations), expiration_date (vendor, operations; Active or Updating; not in the past), external_vendor_id (externalIds.vendor) and template_id (an EnrollmentCompleted template of the program) (vendor, operations); any status but Deleted';

CREATE FUNCTION enrollment.program_update(id enrollment.mpt_id, name text DEFAULT NULL,
    website text DEFAULT NULL, short_description text DEFAULT NULL,
    long_description text DEFAULT NULL, icon text DEFAULT NULL,
    eligibility_client boolean DEFAULT NULL, eligibility_partner boolean DEFAULT NULL,
    applicable_to text DEFAULT NULL, product_ids enrollment.mpt_id[] DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'program_update'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.program_update(enrollment.mpt_id, text, text, text, text, text, boolean, boolean, text, enrollment.mpt_id[]) IS 'vendor: change fields of a program (any status but Deleted); applicable_to only while Draft; product_ids replaces the product list (''{}'' empties it) with products of the program''s vendor';

CREATE FUNCTION enrollment.template_update(id enrollment.mpt_id, name text DEFAULT NULL,
    content text DEFAULT NULL, is_default boolean DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'template_update'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.template_update(enrollment.mpt_id, text, text, boolean) IS 'vendor: rename, rewrite (content at most 4000 characters) or promote a template; is_default true demotes the previous Default of its type, false on a Default is refused (PT400: promote another one instead)';

CREATE FUNCTION enrollment.template_delete(id enrollment.mpt_id) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'template_delete'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.template_delete(enrollment.mpt_id) IS 'vendor: a template that is not a Default becomes Deleted (PT400 for a Default); enrollments and certificates showing it keep the reference';

CREATE FUNCTION enrollment.parameter_group_create(program_id enrollment.mpt_id, name text,
    label text DEFAULT NULL, description text DEFAULT NULL, display_order integer DEFAULT 100,
    is_default boolean DEFAULT false)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'parameter_group_create'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.parameter_group_create(enrollment.mpt_id, text, text, text, integer, boolean) IS 'vendor: add a parameter group (PPG-<program digits>-NNNN) to a program; is_default demotes the previous Default group';

CREATE FUNCTION enrollment.parameter_group_update(id enrollment.mpt_id, name text DEFAULT NULL,
    label text DEFAULT NULL, description text DEFAULT NULL, display_order integer DEFAULT NULL,
    is_default boolean DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'parameter_group_update'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.parameter_group_update(enrollment.mpt_id, text, text, text, integer, boolean) IS 'vendor: change the given fields of a parameter group; is_default true promotes it (demoting the previous Default), false on the Default is refused (PT400)';

CREATE FUNCTION enrollment.parameter_group_delete(id enrollment.mpt_id) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'parameter_group_delete'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.parameter_group_delete(enrollment.mpt_id) IS 'vendor: remove a parameter group that is not the Default and has no Active parameter (PT400 otherwise)';

REVOKE ALL ON FUNCTION enrollment.enrollment_update(enrollment.mpt_id, text, enrollment.mpt_id, enrollment.mpt_id, jsonb, jsonb, text, text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.certificate_update(enrollment.mpt_id, text, date, text, enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.program_update(enrollment.mpt_id, text, text, text, text, text, boolean, boolean, text, enrollment.mpt_id[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.template_update(enrollment.mpt_id, text, text, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.template_delete(enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.parameter_group_create(enrollment.mpt_id, text, text, text, integer, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.parameter_group_update(enrollment.mpt_id, text, text, text, integer, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.parameter_group_delete(enrollment.mpt_id) FROM PUBLIC;

CREATE FUNCTION enrollment.update_field_rules(
    OUT object_type text, OUT field text, OUT actors text[], OUT statuses text[], OUT clearable boolean)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'update_field_rules' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.update_field_rules() IS 'who may change which field of a program, enrollment or certificate through its _update function, and in which statuses (NULL: any but Deleted); clearable: may be set to NULL; the static table in update_rules.c';

CREATE VIEW enrollment.update_rules AS
    SELECT object_type, field, actors, statuses, clearable FROM enrollment.update_field_rules();
COMMENT ON VIEW enrollment.update_rules IS 'the field rules of the update functions as rows; read-only documentation of what they enforce';
