-- The API: GET or POST /rpc/<fn> (STABLE: PostgREST runs them READ ONLY).
-- Visibility is enrollment.api_target's (42501 without a caller, PT404 for an
-- object the caller cannot see); a client never gets hidden parameters.

CREATE FUNCTION program.enrollment_history(id text)
    RETURNS jsonb LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('enrollment', enrollment_history.id, enrollment.api_actors('enrollment', 'read history'), 'read enrollment history');
    RETURN enrollment.history_events('Enrollment', v, enrollment.api_shows_hidden());
END $$;
COMMENT ON FUNCTION program.enrollment_history(text) IS
'GET /rpc/enrollment_history?id= (no marketplace endpoint): the enrollment''s events in order, [{event, at, by{id, name}, from, to, changes}], hidden parameters left out for clients';

CREATE FUNCTION program.certificate_history(id text)
    RETURNS jsonb LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('certificate', certificate_history.id, enrollment.api_actors('certificate', 'read history'), 'read certificate history');
    RETURN enrollment.history_events('Certificate', v, enrollment.api_shows_hidden());
END $$;
COMMENT ON FUNCTION program.certificate_history(text) IS
'GET /rpc/certificate_history?id= (no marketplace endpoint): the certificate''s events in order, [{event, at, by{id, name}, from, to, changes}], hidden parameters left out for clients';

CREATE FUNCTION program.enrollment_as_of(id text, at timestamptz DEFAULT NULL)
    RETURNS jsonb LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('enrollment', enrollment_as_of.id, enrollment.api_actors('enrollment', 'read history'), 'read enrollment history');
    PERFORM enrollment.api_require('at', enrollment_as_of.at IS NOT NULL);
    RETURN enrollment.enrollment_as_of(v, enrollment_as_of.at, enrollment.api_shows_hidden());
END $$;
COMMENT ON FUNCTION program.enrollment_as_of(text, timestamptz) IS
'GET /rpc/enrollment_as_of?id=&at= (no marketplace endpoint): the enrollment as it stood at that time; 404 when it did not exist yet; hidden parameters left out for clients';

CREATE FUNCTION program.certificate_as_of(id text, at timestamptz DEFAULT NULL)
    RETURNS jsonb LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('certificate', certificate_as_of.id, enrollment.api_actors('certificate', 'read history'), 'read certificate history');
    PERFORM enrollment.api_require('at', certificate_as_of.at IS NOT NULL);
    RETURN enrollment.certificate_as_of(v, certificate_as_of.at, enrollment.api_shows_hidden());
END $$;
COMMENT ON FUNCTION program.certificate_as_of(text, timestamptz) IS
'GET /rpc/certificate_as_of?id=&at= (no marketplace endpoint): the certificate as it stood at that time; 404 when it did not exist yet; hidden parameters left out for clients';
