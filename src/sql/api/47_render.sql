-- Rendered templates through the API: GET /program/enrollments/{id}/render
-- and GET /program/certificates/{id}/render (README "Templates"), published
-- by PostgREST as GET /rpc/render_enrollment?id=... and
-- /rpc/render_certificate?id=....  STABLE, so PostgREST runs them READ ONLY
-- (and also accepts POST); SECURITY DEFINER with a pinned search_path like
-- every wrapper (42_api_rpc.sql), with the same check order: an identified
-- caller (42501), the object visible (PT404), the account type (42501),
-- then the engine (enrollment.enrollment_render, certificate_render: PT409
-- when there is nothing to render, PT404 for a deleted template).
--
-- They return the rendered Markdown as text: with Accept: application/json
-- PostgREST answers it as a JSON string, with Accept: text/plain as it is.
-- "language" is the marketplace's query parameter (and Accept-Language its
-- header); templates have one language, so it is accepted and ignored, and a
-- request that sends it is not refused as an unknown function (PGRST202).

CREATE FUNCTION program.render_enrollment(id text, language text DEFAULT NULL)
    RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN enrollment.enrollment_render(
        enrollment.api_target('enrollment', render_enrollment.id, enrollment.api_actors('enrollment', 'render'), 'render enrollments'));
END $$;
COMMENT ON FUNCTION program.render_enrollment(text, text) IS
'GET /program/enrollments/{id}/render: the enrollment''s template as Markdown, {{ PPM-... }} tokens replaced by the parameters'' display values (hidden ones empty for clients); its own template, else the program''s Default of its status; language is accepted and ignored';

CREATE FUNCTION program.render_certificate(id text, language text DEFAULT NULL)
    RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RETURN enrollment.certificate_render(
        enrollment.api_target('certificate', render_certificate.id, enrollment.api_actors('certificate', 'render'), 'render certificates'));
END $$;
COMMENT ON FUNCTION program.render_certificate(text, text) IS
'GET /program/certificates/{id}/render: the certificate''s template as Markdown, {{ PPM-... }} tokens replaced by the parameters'' display values (hidden ones empty for clients); its own template, else the program''s Default EnrollmentCompleted once activated; language is accepted and ignored';
