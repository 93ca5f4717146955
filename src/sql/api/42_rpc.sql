-- Write side of the API (the action endpoints); the conventions are in
-- src/sql/42_api_rpc.sql, beside the helpers these functions call.

-- Programs ----------------------------------------------------------------------

CREATE FUNCTION program.create_program(name text DEFAULT NULL, "applicableTo" text DEFAULT NULL,
                                       eligibility jsonb DEFAULT NULL, website text DEFAULT NULL,
                                       "shortDescription" text DEFAULT NULL, "longDescription" text DEFAULT NULL,
                                       icon text DEFAULT NULL)
    RETURNS program.programs LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
    elig jsonb;
BEGIN
    PERFORM enrollment.api_require_type(enrollment.api_actors('program', 'create'), 'create programs');
    elig := enrollment.api_object_field('eligibility', eligibility, '{client,partner}');
    PERFORM enrollment.api_require('name', name IS NOT NULL);
    PERFORM enrollment.api_require('applicableTo', "applicableTo" IS NOT NULL);
    PERFORM enrollment.api_typed('eligibility.client', elig OPERATOR(pg_catalog.->) 'client', 'boolean');
    PERFORM enrollment.api_typed('eligibility.partner', elig OPERATOR(pg_catalog.->) 'partner', 'boolean');
    v := enrollment.program_create(name, "applicableTo",
                                   coalesce((elig OPERATOR(pg_catalog.->>) 'client')::boolean, true),
                                   coalesce((elig OPERATOR(pg_catalog.->>) 'partner')::boolean, false),
                                   website, "shortDescription", "longDescription", icon);
    -- a created object answers 201 Created, as the marketplace does
    PERFORM pg_catalog.set_config('response.status', '201', true);
    RETURN (SELECT o FROM program.programs o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.create_program(text, text, jsonb, text, text, text, text) IS
'POST /program/programs: a vendor creates a Draft program (with its three Default templates); returns the Program';

CREATE FUNCTION program.publish_program(id text)
    RETURNS program.programs LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('program', publish_program.id, enrollment.api_actors('program', 'publish'), 'publish programs');
    v := enrollment.program_publish(v);
    RETURN (SELECT o FROM program.programs o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.publish_program(text) IS
'POST /program/programs/{id}/publish: Draft or Unpublished to Published (vendor); returns the Program';

CREATE FUNCTION program.unpublish_program(id text)
    RETURNS program.programs LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('program', unpublish_program.id, enrollment.api_actors('program', 'unpublish'), 'unpublish programs');
    v := enrollment.program_unpublish(v);
    RETURN (SELECT o FROM program.programs o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.unpublish_program(text) IS
'POST /program/programs/{id}/unpublish: Published to Unpublished (vendor); returns the Program';

CREATE FUNCTION program.delete_program(id text)
    RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('program', delete_program.id, enrollment.api_actors('program', 'delete'), 'delete programs');
    PERFORM enrollment.program_delete(v);
END $$;
COMMENT ON FUNCTION program.delete_program(text) IS
'DELETE /program/programs/{id}: deletes a Draft program (vendor); no body (HTTP 204)';

CREATE FUNCTION program.update_program_settings(id text, "newCertificateAutoapprove" boolean DEFAULT NULL,
                                                "programEnrollment" boolean DEFAULT NULL,
                                                "programLink" boolean DEFAULT NULL,
                                                "terminateOnExpiration" jsonb DEFAULT NULL,
                                                "preValidation" jsonb DEFAULT NULL)
    RETURNS program.programs LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
    settings jsonb;
BEGIN
    v := enrollment.api_target('program', update_program_settings.id, enrollment.api_actors('program', 'update settings'), 'change program settings');
    PERFORM enrollment.api_object_field('terminateOnExpiration', "terminateOnExpiration", '{enabled,duration}');
    PERFORM enrollment.api_object_field('preValidation', "preValidation",
                                        '{enrollmentDraft,enrollmentQuerying,reEnrollment}');
    SELECT coalesce(pg_catalog.jsonb_object_agg(k, x), '{}'::jsonb) INTO settings
      FROM pg_catalog.jsonb_each(pg_catalog.jsonb_build_object(
               'newCertificateAutoapprove', "newCertificateAutoapprove",
               'programEnrollment', "programEnrollment",
               'programLink', "programLink",
               'terminateOnExpiration', "terminateOnExpiration",
               'preValidation', "preValidation")) AS s(k, x)
     WHERE pg_catalog.jsonb_typeof(x) OPERATOR(pg_catalog.<>) 'null';
    v := enrollment.program_set_settings(v, settings);
    RETURN (SELECT o FROM program.programs o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.update_program_settings(text, boolean, boolean, boolean, jsonb, jsonb) IS
'PUT /program/programs/{id}/settings: changes the given settings, leaves the others (vendor); returns the Program';

-- Templates and parameters -----------------------------------------------------

CREATE FUNCTION program.create_template("programId" text, name text DEFAULT NULL, content text DEFAULT NULL,
                                        type text DEFAULT NULL, "default" boolean DEFAULT NULL)
    RETURNS program.templates LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    p enrollment.mpt_id;
    v enrollment.mpt_id;
BEGIN
    p := enrollment.api_target('program', "programId", enrollment.api_actors('template', 'create'), 'create templates');
    PERFORM enrollment.api_require('name', name IS NOT NULL);
    PERFORM enrollment.api_require('content', content IS NOT NULL);
    PERFORM enrollment.api_require('type', type IS NOT NULL);
    v := enrollment.template_create(p, name, content, type, coalesce("default", false));
    -- a created object answers 201 Created, as the marketplace does
    PERFORM pg_catalog.set_config('response.status', '201', true);
    RETURN (SELECT o FROM program.templates o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.create_template(text, text, text, text, boolean) IS
'POST /program/programs/{programId}/templates: a vendor adds a template {name, content, type, default}; returns the template';

CREATE FUNCTION program.create_parameter("programId" text, name text DEFAULT NULL, description text DEFAULT NULL,
                                         scope text DEFAULT NULL, phase text DEFAULT NULL, type text DEFAULT NULL,
                                         "displayOrder" integer DEFAULT NULL, constraints jsonb DEFAULT NULL,
                                         "externalId" text DEFAULT NULL, options jsonb DEFAULT NULL,
                                         "group" jsonb DEFAULT NULL, multiple boolean DEFAULT NULL)
    RETURNS program.parameters LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    p enrollment.mpt_id;
    v enrollment.mpt_id;
BEGIN
    p := enrollment.api_target('program', "programId", enrollment.api_actors('parameter', 'create'), 'create parameters');
    PERFORM enrollment.api_require('name', name IS NOT NULL);
    PERFORM enrollment.api_require('phase', phase IS NOT NULL);
    PERFORM enrollment.api_require('type', type IS NOT NULL);
    PERFORM enrollment.api_require('displayOrder', "displayOrder" IS NOT NULL);
    IF scope IS DISTINCT FROM 'Enrollment' AND scope IS NOT NULL THEN
        RAISE EXCEPTION 'invalid scope "%"', scope
            USING ERRCODE = enrollment.errcode('bad_value'), DETAIL = 'Program parameters have the scope Enrollment.';
    END IF;
    IF multiple THEN
        RAISE EXCEPTION 'multiple values are not supported'
            USING ERRCODE = enrollment.errcode('bad_value'), DETAIL = 'A program parameter holds one value; send multiple as false or leave it out.';
    END IF;
    v := enrollment.parameter_create(p, name, type, phase, "displayOrder", coalesce(description, ''), "externalId",
                                     enrollment.api_object_field('constraints', constraints, '{hidden,readonly,required,unique}'),
                                     enrollment.api_typed('options', options, 'object'),
                                     enrollment.api_ref_id('group', "group"));
    -- a created object answers 201 Created, as the marketplace does
    PERFORM pg_catalog.set_config('response.status', '201', true);
    RETURN (SELECT o FROM program.parameters o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.create_parameter(text, text, text, text, text, text, integer, jsonb, text, jsonb, jsonb, boolean) IS
'POST /program/programs/{programId}/parameters: a vendor defines a parameter; returns the parameter definition';

CREATE FUNCTION program.update_parameter(id text, "programId" text DEFAULT NULL, name text DEFAULT NULL,
                                         description text DEFAULT NULL, "externalId" text DEFAULT NULL,
                                         "displayOrder" integer DEFAULT NULL, constraints jsonb DEFAULT NULL,
                                         options jsonb DEFAULT NULL, "group" jsonb DEFAULT NULL)
    RETURNS program.parameters LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('parameter', update_parameter.id, enrollment.api_actors('parameter', 'update'), 'update parameters', "programId");
    v := enrollment.parameter_update(v, name, description, "externalId", "displayOrder",
                                     enrollment.api_object_field('constraints', constraints, '{hidden,readonly,required,unique}'),
                                     enrollment.api_typed('options', options, 'object'),
                                     enrollment.api_ref_id('group', "group"));
    RETURN (SELECT o FROM program.parameters o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.update_parameter(text, text, text, text, text, integer, jsonb, jsonb, jsonb) IS
'PUT /program/programs/{programId}/parameters/{id}: a vendor changes a parameter definition (type, phase and scope are immutable); returns it';

CREATE FUNCTION program.delete_parameter(id text, "programId" text DEFAULT NULL)
    RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('parameter', delete_parameter.id, enrollment.api_actors('parameter', 'delete'), 'delete parameters', "programId");
    PERFORM enrollment.parameter_delete(v);
END $$;
COMMENT ON FUNCTION program.delete_parameter(text, text) IS
'DELETE /program/programs/{programId}/parameters/{id}: a vendor deletes a parameter definition; no body (HTTP 204)';

-- Enrollments ---------------------------------------------------------------------

CREATE FUNCTION program.create_enrollment(program jsonb DEFAULT NULL, certificate jsonb DEFAULT NULL,
                                          buyer jsonb DEFAULT NULL, licensee jsonb DEFAULT NULL,
                                          client jsonb DEFAULT NULL, name text DEFAULT NULL,
                                          notes text DEFAULT NULL, parameters jsonb DEFAULT NULL)
    RETURNS program.enrollments LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    p enrollment.mpt_id;
    c enrollment.mpt_id;
    params jsonb;
    v enrollment.mpt_id;
BEGIN
    PERFORM enrollment.api_require_type(enrollment.api_actors('enrollment', 'create'), 'create enrollments');
    p := enrollment.api_ref_id('program', program);
    c := enrollment.api_ref_id('certificate', certificate);
    params := enrollment.api_object_field('parameters', parameters, '{ordering,fulfillment}');
    IF p IS NULL AND c IS NULL THEN
        PERFORM enrollment.api_require('program', false);
    END IF;
    IF p IS NOT NULL THEN
        PERFORM enrollment.api_find('program', p::text);
    END IF;
    IF c IS NOT NULL THEN
        PERFORM enrollment.api_find('certificate', c::text);
    END IF;
    PERFORM enrollment.api_typed('parameters.ordering', params OPERATOR(pg_catalog.->) 'ordering', 'array');
    IF pg_catalog.jsonb_array_length(coalesce(enrollment.api_typed('parameters.fulfillment',
                                               params OPERATOR(pg_catalog.->) 'fulfillment', 'array'), '[]')) > 0 THEN
        RAISE EXCEPTION 'fulfillment parameters cannot be set on creation'
            USING ERRCODE = enrollment.errcode('bad_value'), DETAIL = 'Fulfillment parameters are filled in by the vendor while the enrollment is processed.';
    END IF;
    v := enrollment.enrollment_create(p, enrollment.api_ref_id('buyer', buyer), enrollment.api_ref_id('licensee', licensee),
                                      c, name, notes,
                                      nullif(params OPERATOR(pg_catalog.->) 'ordering', 'null'::jsonb),
                                      enrollment.api_ref_id('client', client));
    -- a created object answers 201 Created, as the marketplace does
    PERFORM pg_catalog.set_config('response.status', '201', true);
    RETURN (SELECT o FROM program.enrollments o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.create_enrollment(jsonb, jsonb, jsonb, jsonb, jsonb, text, text, jsonb) IS
'POST /program/enrollments: a client (or operations for a client) requests a certificate of a Published program, or renews one (certificate {id}); returns the Enrollment (Draft)';

CREATE FUNCTION program.submit_enrollment(id text)
    RETURNS program.enrollments LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('enrollment', submit_enrollment.id, enrollment.api_actors('enrollment', 'submit'), 'submit enrollments');
    v := enrollment.enrollment_submit(v);
    RETURN (SELECT o FROM program.enrollments o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.submit_enrollment(text) IS
'POST /program/enrollments/{id}/submit: Draft to Processing (client, operations); returns the Enrollment';

CREATE FUNCTION program.query_enrollment(id text, template jsonb DEFAULT NULL)
    RETURNS program.enrollments LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('enrollment', query_enrollment.id, enrollment.api_actors('enrollment', 'query'), 'query enrollments');
    PERFORM enrollment.api_require('template', enrollment.api_ref_id('template', template) IS NOT NULL);
    v := enrollment.enrollment_query(v, enrollment.api_ref_id('template', template));
    RETURN (SELECT o FROM program.enrollments o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.query_enrollment(text, jsonb) IS
'POST /program/enrollments/{id}/query {template: {id}}: Processing to Querying, asking the client for data (vendor); returns the Enrollment';

CREATE FUNCTION program.process_enrollment(id text, template jsonb DEFAULT NULL)
    RETURNS program.enrollments LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('enrollment', process_enrollment.id, enrollment.api_actors('enrollment', 'process'), 'process enrollments');
    v := enrollment.enrollment_process(v, enrollment.api_ref_id('template', template));
    RETURN (SELECT o FROM program.enrollments o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.process_enrollment(text, jsonb) IS
'POST /program/enrollments/{id}/process {template?: {id}}: Querying back to Processing (client, vendor); returns the Enrollment';

CREATE FUNCTION program.complete_enrollment(id text, template jsonb DEFAULT NULL, "externalIds" jsonb DEFAULT NULL)
    RETURNS program.enrollments LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
    ext jsonb;
BEGIN
    v := enrollment.api_target('enrollment', complete_enrollment.id, enrollment.api_actors('enrollment', 'complete'), 'complete enrollments');
    ext := enrollment.api_object_field('externalIds', "externalIds", '{vendor}');
    PERFORM enrollment.api_typed('externalIds.vendor', ext OPERATOR(pg_catalog.->) 'vendor', 'string');
    v := enrollment.enrollment_complete(v, enrollment.api_ref_id('template', template), ext OPERATOR(pg_catalog.->>) 'vendor');
    RETURN (SELECT o FROM program.enrollments o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.complete_enrollment(text, jsonb, jsonb) IS
'POST /program/enrollments/{id}/complete {template?: {id}, externalIds?: {vendor}}: Processing to Completed, activating the certificate (vendor); returns the Enrollment';

CREATE FUNCTION program.fail_enrollment(id text, "statusNotes" jsonb DEFAULT NULL)
    RETURNS program.enrollments LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('enrollment', fail_enrollment.id, enrollment.api_actors('enrollment', 'fail'), 'fail enrollments');
    v := enrollment.enrollment_fail(v, enrollment.api_message('statusNotes', "statusNotes"));
    RETURN (SELECT o FROM program.enrollments o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.fail_enrollment(text, jsonb) IS
'POST /program/enrollments/{id}/fail {statusNotes: {id?, message}}: Processing or Querying to Failed, terminating a new certificate (vendor); returns the Enrollment';

CREATE FUNCTION program.delete_enrollment(id text)
    RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('enrollment', delete_enrollment.id, enrollment.api_actors('enrollment', 'delete'), 'delete enrollments');
    PERFORM enrollment.enrollment_delete(v);
END $$;
COMMENT ON FUNCTION program.delete_enrollment(text) IS
'DELETE /program/enrollments/{id}: deletes a Draft enrollment (client, operations); no body (HTTP 204)';

-- The seed's body IS the Enrollment object, so this is a "body as document"
-- function: one unnamed json parameter, which PostgREST fills with the raw request
-- body when no function matches the body's keys.  json in and json out keep the
-- document's bytes and key order; the validator parses it once, with its size cap
-- before parsing and line/column errors.  VOLATILE although it stores nothing:
-- PostgREST runs a STABLE function in a READ ONLY transaction, where a
-- pre-validation hook that writes (an audit table, say) would fail.
CREATE FUNCTION program.validate_enrollment(json)
    RETURNS json LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM enrollment.api_require_type(enrollment.api_actors('enrollment', 'validate draft'), 'validate draft enrollments');
    PERFORM enrollment.api_require('enrollment', $1 IS NOT NULL);
    RETURN enrollment.validate_enrollment_json($1::text);
END $$;
COMMENT ON FUNCTION program.validate_enrollment(json) IS
'POST /program/enrollments/validate with the Enrollment as the body: checks a draft (not stored) enrollment and returns it with parameters.*[].error and error filled, keys in the order sent; writes nothing';

CREATE FUNCTION program.validate_enrollment_by_id(id text)
    RETURNS program.enrollments LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('enrollment', validate_enrollment_by_id.id, enrollment.api_actors('enrollment', 'validate'), 'validate enrollments');
    PERFORM enrollment.enrollment_validate(v);
    RETURN (SELECT o FROM program.enrollments o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.validate_enrollment_by_id(text) IS
'POST /program/enrollments/{id}/validate: validates a stored Draft or Querying enrollment, records the parameter errors and returns the Enrollment';

-- Certificates -----------------------------------------------------------------------

CREATE FUNCTION program.terminate_certificate(id text, "statusNotes" jsonb DEFAULT NULL)
    RETURNS program.certificates LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('certificate', terminate_certificate.id, enrollment.api_actors('certificate', 'terminate'), 'terminate certificates');
    v := enrollment.certificate_terminate(v, enrollment.api_message('statusNotes', "statusNotes"));
    RETURN (SELECT o FROM program.certificates o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.terminate_certificate(text, jsonb) IS
'POST /program/certificates/{id}/terminate {statusNotes: {id?, message}}: Active to Terminated (vendor); returns the Certificate';

CREATE FUNCTION program.expire_certificate(id text)
    RETURNS program.certificates LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('certificate', expire_certificate.id, enrollment.api_actors('certificate', 'expire'), 'expire certificates');
    v := enrollment.certificate_expire(v);
    RETURN (SELECT o FROM program.certificates o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.expire_certificate(text) IS
'POST /program/certificates/{id}/expire: Active to Expired ahead of its expiration date (vendor, operations); returns the Certificate';
