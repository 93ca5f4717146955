-- Enrollment attachments through the API: POST, PUT and DELETE of
-- /program/enrollments/{enrollmentId}/attachments[/{id}] (README "Updates:
-- who may edit what", attachments).
-- Same conventions as src/sql/api/44_rpc_updates.sql: named parameters = body fields
-- (the path's ids travel in the body as "enrollmentId" and "id"), defaults so
-- that a missing field is our 22023, SECURITY DEFINER with a pinned
-- search_path, VOLATILE, the check order identity -> visibility (PT404) ->
-- account type (42501) -> body shape (22023) -> engine, and the attachment's
-- JSON (the program.enrollment_attachments row, null fields omitted).
--
-- PostgREST has no multipart/form-data: the marketplace's upload (part
-- "attachment" {name, description} + part "file") becomes one JSON body whose
-- "content" is the file, base64-encoded (RFC 4648, line breaks allowed), with
-- "filename" and "contentType" beside it.  The decoded file is at most 10 MiB.

CREATE FUNCTION enrollment.api_find_attachment(id text, enrollment_id text DEFAULT NULL) RETURNS enrollment.mpt_id
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
    e enrollment.mpt_id;
BEGIN
    IF id IS NULL THEN
        RAISE EXCEPTION 'attachment id is required'
            USING ERRCODE = enrollment.errcode('bad_value'), DETAIL = 'The request names no attachment.';
    END IF;
    v := id::enrollment.mpt_id;
    IF enrollment_id IS NOT NULL THEN
        e := enrollment_id::enrollment.mpt_id;
    END IF;
    IF enrollment.mpt_id_prefix(v) OPERATOR(pg_catalog.<>) 'ENA' OR NOT EXISTS (
        SELECT 1 FROM enrollment.enrollment_attachments a
          JOIN enrollment.enrollments x ON x.program_id OPERATOR(pg_catalog.=) a.program_id
                                       AND x.id OPERATOR(pg_catalog.=) a.enrollment_id
         WHERE a.id OPERATOR(pg_catalog.=) v
           AND (e IS NULL OR a.enrollment_id OPERATOR(pg_catalog.=) e)
           AND x.status OPERATOR(pg_catalog.<>) 'Deleted'
           AND enrollment.api_sees_client_object(x.program_id, x.client_id)) THEN
        RAISE EXCEPTION 'attachment % not found', id
            USING ERRCODE = enrollment.errcode('not_found'),
                  DETAIL = 'No attachment with this id exists on this enrollment or is visible to the caller.';
    END IF;
    RETURN v;
END $$;
COMMENT ON FUNCTION enrollment.api_find_attachment(text, text) IS
'parses an attachment id and checks the caller may see its enrollment (not Deleted) and, when enrollment_id is given, that it belongs to it; 22P02 for a malformed id, PT404 (HTTP 404) for a missing or foreign one';

CREATE FUNCTION enrollment.api_base64(field text, value text) RETURNS bytea
    LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF value IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN pg_catalog.decode(value, 'base64');
EXCEPTION WHEN invalid_parameter_value OR invalid_text_representation THEN
    RAISE EXCEPTION 'invalid %: not base64', field
        USING ERRCODE = enrollment.errcode('bad_value'),
              DETAIL = pg_catalog.format('The field %s must be the file''s bytes in base64 (RFC 4648): %s', field, SQLERRM);
END $$;
COMMENT ON FUNCTION enrollment.api_base64(text, text) IS
'decodes a base64 body field; 22023 (HTTP 400) naming the field when it is not base64';

-- the helpers stay the owner's (the RPC functions of src/sql/api/46_attachments.sql
-- call them as their SECURITY DEFINER owner)
REVOKE ALL ON FUNCTION enrollment.api_find_attachment(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.api_base64(text, text) FROM PUBLIC;
