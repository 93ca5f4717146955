-- Enrollment attachments through the API (conventions: src/sql/46_api_attachments.sql).

CREATE FUNCTION program.create_enrollment_attachment("enrollmentId" text DEFAULT NULL, name text DEFAULT NULL,
                                                     description text DEFAULT NULL, type text DEFAULT NULL,
                                                     filename text DEFAULT NULL, "contentType" text DEFAULT NULL,
                                                     content text DEFAULT NULL)
    RETURNS program.enrollment_attachments LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    e enrollment.mpt_id;
    v enrollment.mpt_id;
    bytes bytea;
BEGIN
    e := enrollment.api_target('enrollment', "enrollmentId", enrollment.api_actors('attachment', 'create'), 'add enrollment attachments');
    PERFORM enrollment.api_require('name', name IS NOT NULL);
    bytes := enrollment.api_base64('content', content);
    v := enrollment.attachment_create(e, name, description, coalesce(type, 'File'), filename, "contentType", bytes);
    -- a created object answers 201 Created, as the marketplace does
    PERFORM pg_catalog.set_config('response.status', '201', true);
    RETURN (SELECT o FROM program.enrollment_attachments o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.create_enrollment_attachment(text, text, text, text, text, text, text) IS
'POST /program/enrollments/{enrollmentId}/attachments {name, description, type, filename, contentType, content}: the client, the vendor or operations attach a file to an enrollment that is not Deleted; PostgREST has no multipart, so content is the file in base64 (at most 10 MiB decoded; bad base64 is 400); type File (default) or LicenseKey; returns the EnrollmentAttachment (metadata, no content)';

CREATE FUNCTION program.update_enrollment_attachment(id text, "enrollmentId" text DEFAULT NULL,
                                                     name text DEFAULT NULL, description text DEFAULT NULL)
    RETURNS program.enrollment_attachments LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    PERFORM enrollment.api_require_caller();
    v := enrollment.api_find_attachment(update_enrollment_attachment.id, "enrollmentId");
    PERFORM enrollment.api_require_type(enrollment.api_actors('attachment', 'update'), 'update enrollment attachments');
    v := enrollment.attachment_update(v, name, description);
    RETURN (SELECT o FROM program.enrollment_attachments o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.update_enrollment_attachment(text, text, text, text) IS
'PUT /program/enrollments/{enrollmentId}/attachments/{id} {name, description}: the client, the vendor or operations change an attachment''s name or description; returns the EnrollmentAttachment';

CREATE FUNCTION program.delete_enrollment_attachment(id text, "enrollmentId" text DEFAULT NULL)
    RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    PERFORM enrollment.api_require_caller();
    v := enrollment.api_find_attachment(delete_enrollment_attachment.id, "enrollmentId");
    PERFORM enrollment.api_require_type(enrollment.api_actors('attachment', 'delete'), 'delete enrollment attachments');
    PERFORM enrollment.attachment_delete(v);
END $$;
COMMENT ON FUNCTION program.delete_enrollment_attachment(text, text) IS
'DELETE /program/enrollments/{enrollmentId}/attachments/{id}: the client, the vendor or operations remove an attachment and its file; no body (HTTP 204)';
