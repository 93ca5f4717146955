-- Write side of the API, updates (PUT) and the child objects' create/delete:
-- the same conventions as 42_api_rpc.sql (named parameters = body fields,
-- defaults so that a missing field is our 22023 and not PostgREST's "function
-- not found", SECURITY DEFINER with a pinned search_path, VOLATILE, the check
-- order identity -> visibility (PT404) -> account type (42501) -> body shape
-- (22023) -> engine, and the object's JSON, null fields omitted, as result).
--
-- Clearing a field (PUT /enrollments/{id}): a body key that is absent leaves
-- the field as it is, a key sent as JSON null clears it.  PostgREST passes an
-- absent key by leaving the parameter out (its DEFAULT applies) and a JSON
-- null as SQL NULL, so the clearable fields (notes, assignee, statusNotes,
-- error) are jsonb with DEFAULT 'null'::jsonb, a value no body can produce:
-- jsonb null means "not sent", SQL NULL means "sent as null".  Other fields
-- treat null like absent (they cannot be cleared).

CREATE FUNCTION program.update_enrollment(id text, notes jsonb DEFAULT 'null', assignee jsonb DEFAULT 'null',
                                          template jsonb DEFAULT NULL, "statusNotes" jsonb DEFAULT 'null',
                                          error jsonb DEFAULT 'null', name text DEFAULT NULL,
                                          parameters jsonb DEFAULT NULL)
    RETURNS program.enrollments LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
    params jsonb;
    clear text[] := '{}';
    assignee_id enrollment.mpt_id;
    template_id enrollment.mpt_id;
BEGIN
    PERFORM enrollment.api_require_caller();
    v := enrollment.api_find('enrollment', update_enrollment.id);
    IF notes IS NULL THEN
        clear := clear OPERATOR(pg_catalog.||) 'notes'::text;
    END IF;
    IF assignee IS NULL THEN
        clear := clear OPERATOR(pg_catalog.||) 'assignee'::text;
    END IF;
    IF "statusNotes" IS NULL THEN
        clear := clear OPERATOR(pg_catalog.||) 'statusNotes'::text;
    END IF;
    IF error IS NULL THEN
        clear := clear OPERATOR(pg_catalog.||) 'error'::text;
    END IF;
    PERFORM enrollment.api_typed('notes', notes, 'string');
    assignee_id := enrollment.api_ref_id('assignee', assignee);
    template_id := enrollment.api_ref_id('template', template);
    PERFORM enrollment.api_message('statusNotes', "statusNotes");
    PERFORM enrollment.api_message('error', error);
    params := enrollment.api_object_field('parameters', parameters, '{ordering,fulfillment}');
    PERFORM enrollment.api_typed('parameters.ordering', params OPERATOR(pg_catalog.->) 'ordering', 'array');
    PERFORM enrollment.api_typed('parameters.fulfillment', params OPERATOR(pg_catalog.->) 'fulfillment', 'array');
    IF clear OPERATOR(pg_catalog.<>) '{}' OR name IS NOT NULL OR assignee_id IS NOT NULL OR template_id IS NOT NULL
       OR pg_catalog.jsonb_typeof(notes) OPERATOR(pg_catalog.=) 'string'
       OR pg_catalog.jsonb_typeof("statusNotes") OPERATOR(pg_catalog.=) 'object'
       OR pg_catalog.jsonb_typeof(error) OPERATOR(pg_catalog.=) 'object' THEN
        v := enrollment.enrollment_update(v, notes OPERATOR(pg_catalog.#>>) '{}', assignee_id, template_id,
                                          nullif("statusNotes", 'null'::jsonb), nullif(error, 'null'::jsonb),
                                          name, nullif(clear, '{}'));
    END IF;
    IF params IS NOT NULL THEN
        v := enrollment.enrollment_set_parameters(v, nullif(params OPERATOR(pg_catalog.->) 'ordering', 'null'::jsonb),
                                                  nullif(params OPERATOR(pg_catalog.->) 'fulfillment', 'null'::jsonb));
    END IF;
    RETURN (SELECT o FROM program.enrollments o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.update_enrollment(text, jsonb, jsonb, jsonb, jsonb, jsonb, text, jsonb) IS
'PUT /program/enrollments/{id} {notes, name, assignee: {id}, template: {id}, statusNotes, error, parameters: {ordering, fulfillment}}: changes the fields sent (client: notes, name while Draft; vendor: assignee, template, statusNotes, error while Processing or Querying; operations: notes, name while Draft); notes, assignee, statusNotes and error sent as null are cleared; returns the Enrollment';

CREATE FUNCTION program.update_certificate(id text, name text DEFAULT NULL, "expirationDate" date DEFAULT NULL,
                                           "externalIds" jsonb DEFAULT NULL, template jsonb DEFAULT NULL)
    RETURNS program.certificates LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
    ext jsonb;
BEGIN
    PERFORM enrollment.api_require_caller();
    v := enrollment.api_find('certificate', update_certificate.id);
    ext := enrollment.api_object_field('externalIds', "externalIds", '{vendor}');
    PERFORM enrollment.api_typed('externalIds.vendor', ext OPERATOR(pg_catalog.->) 'vendor', 'string');
    v := enrollment.certificate_update(v, name, "expirationDate", ext OPERATOR(pg_catalog.->>) 'vendor',
                                       enrollment.api_ref_id('template', template));
    RETURN (SELECT o FROM program.certificates o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.update_certificate(text, text, date, jsonb, jsonb) IS
'PUT /program/certificates/{id} {name, expirationDate, externalIds: {vendor}, template: {id}}: changes the fields sent (client: name; vendor: expirationDate while Active or Updating, externalIds.vendor, template; operations: all); returns the Certificate';

-- Programs ---------------------------------------------------------------------

CREATE FUNCTION program.update_program(id text, name text DEFAULT NULL, website text DEFAULT NULL,
                                       "shortDescription" text DEFAULT NULL, "longDescription" text DEFAULT NULL,
                                       icon text DEFAULT NULL, eligibility jsonb DEFAULT NULL,
                                       "applicableTo" text DEFAULT NULL, products jsonb DEFAULT NULL)
    RETURNS program.programs LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
    elig jsonb;
    product_ids enrollment.mpt_id[];
BEGIN
    v := enrollment.api_target('program', update_program.id, enrollment.api_actors('program', 'update'), 'update programs');
    elig := enrollment.api_object_field('eligibility', eligibility, '{client,partner}');
    PERFORM enrollment.api_typed('eligibility.client', elig OPERATOR(pg_catalog.->) 'client', 'boolean');
    PERFORM enrollment.api_typed('eligibility.partner', elig OPERATOR(pg_catalog.->) 'partner', 'boolean');
    IF enrollment.api_typed('products', products, 'array') IS NOT NULL THEN
        product_ids := ARRAY(SELECT enrollment.api_ref_id('products[]', p)
                               FROM pg_catalog.jsonb_array_elements(products) WITH ORDINALITY AS a(p, n) ORDER BY n);
        PERFORM enrollment.api_require('products[].id', pg_catalog.array_position(product_ids, NULL) IS NULL);
    END IF;
    v := enrollment.program_update(v, name, website, "shortDescription", "longDescription", icon,
                                   (elig OPERATOR(pg_catalog.->>) 'client')::boolean,
                                   (elig OPERATOR(pg_catalog.->>) 'partner')::boolean,
                                   "applicableTo", product_ids);
    RETURN (SELECT o FROM program.programs o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.update_program(text, text, text, text, text, text, jsonb, text, jsonb) IS
'PUT /program/programs/{id} {name, website, shortDescription, longDescription, icon, eligibility: {client, partner}, applicableTo, products: [{id}]}: the vendor changes the fields sent (applicableTo only while Draft; products replaces the list); returns the Program';

-- Templates --------------------------------------------------------------------

CREATE FUNCTION program.update_template(id text, "programId" text DEFAULT NULL, name text DEFAULT NULL,
                                        content text DEFAULT NULL, "default" boolean DEFAULT NULL)
    RETURNS program.templates LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('template', update_template.id, enrollment.api_actors('template', 'update'), 'update templates', "programId");
    v := enrollment.template_update(v, name, content, "default");
    RETURN (SELECT o FROM program.templates o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.update_template(text, text, text, text, boolean) IS
'PUT /program/programs/{programId}/templates/{id} {name, content, default}: the vendor changes a template (default true demotes the previous Default of its type; a Default cannot be set to false); returns the template';

CREATE FUNCTION program.delete_template(id text, "programId" text DEFAULT NULL)
    RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    v := enrollment.api_target('template', delete_template.id, enrollment.api_actors('template', 'delete'), 'delete templates', "programId");
    PERFORM enrollment.template_delete(v);
END $$;
COMMENT ON FUNCTION program.delete_template(text, text) IS
'DELETE /program/programs/{programId}/templates/{id}: the vendor deletes a template that is not a Default; no body (HTTP 204)';

-- Parameter groups -------------------------------------------------------------

CREATE FUNCTION program.create_parameter_group("programId" text, name text DEFAULT NULL, label text DEFAULT NULL,
                                               description text DEFAULT NULL, "displayOrder" integer DEFAULT NULL,
                                               "default" boolean DEFAULT NULL)
    RETURNS program.parameter_groups LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    p enrollment.mpt_id;
    v enrollment.mpt_id;
BEGIN
    p := enrollment.api_target('program', "programId", enrollment.api_actors('parameter group', 'create'), 'create parameter groups');
    PERFORM enrollment.api_require('name', name IS NOT NULL);
    v := enrollment.parameter_group_create(p, name, label, description, coalesce("displayOrder", 100),
                                           coalesce("default", false));
    -- a created object answers 201 Created, as the marketplace does
    PERFORM pg_catalog.set_config('response.status', '201', true);
    RETURN (SELECT o FROM program.parameter_groups o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.create_parameter_group(text, text, text, text, integer, boolean) IS
'POST /program/programs/{programId}/parameter-groups {name, label, description, displayOrder, default}: the vendor adds a parameter group (default true demotes the previous Default); returns the group';

CREATE FUNCTION program.update_parameter_group(id text, "programId" text DEFAULT NULL, name text DEFAULT NULL,
                                               label text DEFAULT NULL, description text DEFAULT NULL,
                                               "displayOrder" integer DEFAULT NULL, "default" boolean DEFAULT NULL)
    RETURNS program.parameter_groups LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    PERFORM enrollment.api_require_caller();
    v := enrollment.api_find('parameter group', update_parameter_group.id, "programId");
    PERFORM enrollment.api_require_type(enrollment.api_actors('parameter group', 'update'), 'update parameter groups');
    v := enrollment.parameter_group_update(v, name, label, description, "displayOrder", "default");
    RETURN (SELECT o FROM program.parameter_groups o WHERE o.id OPERATOR(pg_catalog.=) v);
END $$;
COMMENT ON FUNCTION program.update_parameter_group(text, text, text, text, text, integer, boolean) IS
'PUT /program/programs/{programId}/parameter-groups/{id} {name, label, description, displayOrder, default}: the vendor changes a parameter group (default true promotes it, false on the Default is refused); returns the group';

CREATE FUNCTION program.delete_parameter_group(id text, "programId" text DEFAULT NULL)
    RETURNS void LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v enrollment.mpt_id;
BEGIN
    PERFORM enrollment.api_require_caller();
    v := enrollment.api_find('parameter group', delete_parameter_group.id, "programId");
    PERFORM enrollment.api_require_type(enrollment.api_actors('parameter group', 'delete'), 'delete parameter groups');
    PERFORM enrollment.parameter_group_delete(v);
END $$;
COMMENT ON FUNCTION program.delete_parameter_group(text, text) IS
'DELETE /program/programs/{programId}/parameter-groups/{id}: the vendor removes a group that is not the Default and has no active parameter; no body (HTTP 204)';
