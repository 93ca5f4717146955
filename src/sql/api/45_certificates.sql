-- POST /program/certificates: operations migrate an existing certificate into
-- the platform (README "Certificate migration"), with the conventions of
-- 42_api_rpc.sql: named parameters = body fields, each with a DEFAULT so that a
-- missing one is our 22023; identity -> visibility -> account type -> body
-- shape -> engine; the Certificate as program.certificates shows it, null
-- fields omitted.  There is no object to find before the account type is known
-- (as for POST /enrollments), so the type comes first and the program's
-- existence (PT404) right after it.

CREATE FUNCTION program.create_certificate(program jsonb DEFAULT NULL, client jsonb DEFAULT NULL,
                                           buyer jsonb DEFAULT NULL, licensee jsonb DEFAULT NULL,
                                           name text DEFAULT NULL, parameters jsonb DEFAULT NULL,
                                           "externalIds" jsonb DEFAULT NULL, "expirationDate" date DEFAULT NULL)
    RETURNS program.certificates LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    p enrollment.mpt_id;
    params jsonb;
    ext jsonb;
    v enrollment.mpt_id;
BEGIN
    PERFORM enrollment.api_require_type(enrollment.api_actors('certificate', 'migrate'), 'create certificates');
    p := enrollment.api_ref_id('program', program);
    PERFORM enrollment.api_require('program', p IS NOT NULL);
    p := enrollment.api_find('program', p::text);
    PERFORM enrollment.api_require('client', enrollment.api_ref_id('client', client) IS NOT NULL);
    params := enrollment.api_object_field('parameters', parameters, '{ordering,fulfillment}');
    PERFORM enrollment.api_typed('parameters.ordering', params OPERATOR(pg_catalog.->) 'ordering', 'array');
    PERFORM enrollment.api_typed('parameters.fulfillment', params OPERATOR(pg_catalog.->) 'fulfillment', 'array');
    ext := enrollment.api_object_field('externalIds', "externalIds", '{vendor}');
    PERFORM enrollment.api_typed('externalIds.vendor', ext OPERATOR(pg_catalog.->) 'vendor', 'string');
    v := enrollment.certificate_migrate(p, enrollment.api_ref_id('client', client),
                                        enrollment.api_ref_id('buyer', buyer),
                                        enrollment.api_ref_id('licensee', licensee),
                                        name, params, ext OPERATOR(pg_catalog.->>) 'vendor', "expirationDate");
    -- a created object answers 201 Created, as the marketplace does
    PERFORM pg_catalog.set_config('response.status', '201', true);
    RETURN (SELECT o FROM program.certificates o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.create_certificate(jsonb, jsonb, jsonb, jsonb, text, jsonb, jsonb, date) IS
'POST /program/certificates {program: {id}, client: {id}, buyer: {id} | licensee: {id}, name, parameters: {ordering, fulfillment}, externalIds: {vendor}, expirationDate}: operations migrate an existing certificate of a Published program (no enrollment); returns the Certificate (Active)';
