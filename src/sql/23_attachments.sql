-- Enrollment attachments, write side (src/enrollment_attachments.c): create,
-- update (name, description) and delete of enrollment.enrollment_attachments.
-- Same conventions as the lifecycle and update functions: C, SECURITY
-- DEFINER with a pinned search_path, the actor from request.jwt.claims.  The
-- enrollment's client, the program's vendor and operations may write; an
-- attachment or enrollment the caller cannot see is PT404; a Deleted
-- enrollment is PT409; bad values are 22023 (22001 when too long or, for
-- content, over 10 MiB).  Every write appends one history row, object_type
-- 'Enrollment' and object_id the enrollment, event
-- platform.program.enrollment.attachment.{created,updated,deleted}, notes
-- {"attachment": "ENA-...", ...the fields written}.

CREATE FUNCTION enrollment.attachment_create(enrollment_id enrollment.mpt_id, name text,
    description text DEFAULT NULL, type text DEFAULT 'File', filename text DEFAULT NULL,
    content_type text DEFAULT NULL, content bytea DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'attachment_create'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.attachment_create(enrollment.mpt_id, text, text, text, text, text, bytea) IS
'client, vendor or operations: attach a file (or a license key) to an enrollment that is not Deleted; name 1..500 characters, description <= 4000, type File or LicenseKey, filename <= 500, content_type <= 255, content <= 10 MiB; returns the new id ENA-<enrollment digits>-NNNN';

CREATE FUNCTION enrollment.attachment_update(id enrollment.mpt_id, name text DEFAULT NULL,
    description text DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'attachment_update'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.attachment_update(enrollment.mpt_id, text, text) IS
'client, vendor or operations: change the name or description of an attachment (NULL leaves a field as it is; no change writes nothing); not on a Deleted enrollment';

CREATE FUNCTION enrollment.attachment_delete(id enrollment.mpt_id)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'attachment_delete'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.attachment_delete(enrollment.mpt_id) IS
'client, vendor or operations: remove an attachment (the row and its content; a history row records what was removed); not on a Deleted enrollment';

REVOKE ALL ON FUNCTION enrollment.attachment_create(enrollment.mpt_id, text, text, text, text, text, bytea) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.attachment_update(enrollment.mpt_id, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.attachment_delete(enrollment.mpt_id) FROM PUBLIC;
