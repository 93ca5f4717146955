-- Read side of the API: one view per resource, WITH (security_invoker = true) so
-- that the caller's own privileges and the row level security policies of the
-- tables apply (enrollment.setup_api creates them).  Columns are the documented
-- fields with their exact camelCase names; references and nested objects are
-- jsonb with null fields omitted inside them; audit has a key per event that
-- happened.  Top-level columns keep SQL NULLs (a view has fixed columns); the
-- RPC functions return jsonb_strip_nulls of the row, so nulls are omitted there.
--
-- Rows with status Deleted are not shown: a deleted object reads as not found.
-- Hidden parameters and program statistics are suppressed for clients in the
-- view itself (not only by policy), so the shape is right even when a SECURITY
-- DEFINER RPC function reads the view.
--
-- The heavy jsonb columns (parameters, audits, references) are C functions
-- (src/render_*.c, README "API") that read as the caller, so row level
-- security applies to them as to the subqueries here.  A subquery on a key
-- that may be NULL (an enrollment's certificate, the certificant the row does
-- not have) sits in CASE WHEN key IS NOT NULL, so that it does not run for
-- nothing: PostgREST's read by id evaluates every column twice.
--
-- Embedding: the tables' keys are composite (program_id, id), so plain foreign
-- key embedding would need extra program_id columns that the marketplace JSON
-- does not have.  Instead, computed relationships (functions at the end of this
-- file) give PostgREST the embeds without changing the shape, e.g.
-- GET /enrollments?select=id,status,certificates(id,status).

CREATE VIEW program.programs WITH (security_invoker = true) AS
SELECT p.id,
       p.name,
       p.website,
       p.icon,
       p.status,
       pg_catalog.jsonb_build_object('client', p.eligibility_client, 'partner', p.eligibility_partner) AS eligibility,
       p.applicable_to AS "applicableTo",
       enrollment.api_program_products(p.id) AS products,
       enrollment.api_account_ref(p.vendor_id) AS vendor,
       pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
           'newCertificateAutoapprove', p.new_certificate_autoapprove,
           'programEnrollment', p.program_enrollment,
           'programLink', p.program_link,
           'terminateOnExpiration', pg_catalog.jsonb_build_object(
               'enabled', p.terminate_on_expiration_enabled,
               'duration', p.terminate_on_expiration_duration),
           'preValidation', pg_catalog.jsonb_build_object(
               'enrollmentDraft', p.pre_validation_enrollment_draft,
               'enrollmentQuerying', p.pre_validation_enrollment_querying,
               'reEnrollment', p.pre_validation_re_enrollment))) AS settings,
       CASE WHEN enrollment.api_shows_hidden() THEN pg_catalog.jsonb_build_object('certificates',
           (SELECT pg_catalog.count(*) FROM enrollment.certificates c
             WHERE c.program_id OPERATOR(pg_catalog.=) p.id AND c.status OPERATOR(pg_catalog.=) 'Active'))
       END AS statistics,
       pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
           'created', enrollment.api_event(p.created_at, p.created_by),
           'updated', enrollment.api_event(p.updated_at, p.updated_by),
           'published', enrollment.api_event(p.published_at, p.published_by),
           'unpublished', enrollment.api_event(p.unpublished_at, p.unpublished_by))) AS audit,
       p.revision,
       p.short_description AS "shortDescription",
       p.long_description AS "longDescription"
  FROM enrollment.programs p
 WHERE p.status OPERATOR(pg_catalog.<>) 'Deleted';
COMMENT ON VIEW program.programs IS
E'@primaryKey id\n@foreignKey (status) references program.enums ("programStatus")\n@foreignKey ("applicableTo") references program.enums ("applicableTo")\nPrograms (GET /program/programs, /program/programs/{id}). Clients see Published programs (and those they hold an enrollment or certificate of), vendors their own, operations all.';
COMMENT ON COLUMN program.programs.id IS 'program id, PRG-dddd-dddd';
COMMENT ON COLUMN program.programs.name IS 'name of the program';
COMMENT ON COLUMN program.programs.website IS 'URL of the program website';
COMMENT ON COLUMN program.programs.icon IS 'URL of the program icon (read only)';
COMMENT ON COLUMN program.programs.status IS 'Draft, Published or Unpublished';
COMMENT ON COLUMN program.programs.eligibility IS 'who may enrol: {client: direct clients, partner: indirect clients}';
COMMENT ON COLUMN program.programs."applicableTo" IS 'certificant of the program: Buyer or Licensee';
COMMENT ON COLUMN program.programs.products IS 'products listed by the program [{id, name, icon, status}]';
COMMENT ON COLUMN program.programs.vendor IS 'vendor account {id, icon, type, status, name}';
COMMENT ON COLUMN program.programs.settings IS 'program settings {newCertificateAutoapprove, programEnrollment, programLink, terminateOnExpiration{enabled, duration}, preValidation{enrollmentDraft, enrollmentQuerying, reEnrollment}}';
COMMENT ON COLUMN program.programs.statistics IS 'statistics {certificates: number of Active certificates}; vendors and operations only, NULL for clients';
COMMENT ON COLUMN program.programs.audit IS 'audit events {created, updated, published, unpublished}, each {at, by{id, name, icon}}, present once it happened';
COMMENT ON COLUMN program.programs.revision IS 'revision number, incremented by every change';
COMMENT ON COLUMN program.programs."shortDescription" IS 'short description';
COMMENT ON COLUMN program.programs."longDescription" IS 'long description';

CREATE VIEW program.templates WITH (security_invoker = true) AS
SELECT t.id,
       t.name,
       t.content,
       t.is_default AS "default",
       t.type,
       t.status,
       (SELECT pg_catalog.jsonb_build_object('id', p.id, 'name', p.name)
          FROM enrollment.programs p WHERE p.id OPERATOR(pg_catalog.=) t.program_id) AS program,
       pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
           'created', enrollment.api_event(t.created_at, t.created_by),
           'updated', enrollment.api_event(t.updated_at, t.updated_by))) AS audit
  FROM enrollment.templates t
 WHERE t.status OPERATOR(pg_catalog.<>) 'Deleted';
COMMENT ON VIEW program.templates IS
E'@primaryKey id\n@foreignKey (type) references program.enums ("templateType")\n@foreignKey (status) references program.enums ("templateStatus")\nProgram templates (GET /program/programs/{programId}/templates): the text shown to the client for an enrollment status. Filter with program->>id=eq.PRG-....';
COMMENT ON COLUMN program.templates.id IS 'template id, PTM-<program digits>-NNNN';
COMMENT ON COLUMN program.templates.name IS 'template name';
COMMENT ON COLUMN program.templates.content IS 'template text (markdown), at most 4000 characters';
COMMENT ON COLUMN program.templates."default" IS 'true for the Default template of its type, applied when a transition names no template';
COMMENT ON COLUMN program.templates.type IS 'EnrollmentProcessing, EnrollmentQuerying or EnrollmentCompleted';
COMMENT ON COLUMN program.templates.status IS 'Active';
COMMENT ON COLUMN program.templates.program IS 'owning program {id, name}';
COMMENT ON COLUMN program.templates.audit IS 'audit events {created, updated}';

CREATE VIEW program.parameter_groups WITH (security_invoker = true) AS
SELECT g.id,
       g.name,
       g.label,
       g.description,
       g.display_order AS "displayOrder",
       g.is_default AS "default",
       (SELECT pg_catalog.count(*)::integer FROM enrollment.parameters m
         WHERE m.program_id OPERATOR(pg_catalog.=) g.program_id
           AND m.group_id OPERATOR(pg_catalog.=) g.id
           AND m.status OPERATOR(pg_catalog.=) 'Active'
           AND (NOT m.hidden OR enrollment.api_shows_hidden())) AS "parameterCount",
       (SELECT pg_catalog.jsonb_build_object('id', p.id, 'name', p.name)
          FROM enrollment.programs p WHERE p.id OPERATOR(pg_catalog.=) g.program_id) AS program,
       pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
           'created', enrollment.api_event(g.created_at, g.created_by),
           'updated', enrollment.api_event(g.updated_at, g.updated_by))) AS audit
  FROM enrollment.parameter_groups g;
COMMENT ON VIEW program.parameter_groups IS
E'@primaryKey id\nParameter groups (GET /program/programs/{programId}/parameter-groups). Filter with program->>id=eq.PRG-....';
COMMENT ON COLUMN program.parameter_groups.id IS 'group id, PPG-<program digits>-NNNN';
COMMENT ON COLUMN program.parameter_groups.name IS 'group name';
COMMENT ON COLUMN program.parameter_groups.label IS 'label shown above the group';
COMMENT ON COLUMN program.parameter_groups.description IS 'description';
COMMENT ON COLUMN program.parameter_groups."displayOrder" IS 'position among the program''s groups';
COMMENT ON COLUMN program.parameter_groups."default" IS 'true for the program''s Default group';
COMMENT ON COLUMN program.parameter_groups."parameterCount" IS 'number of active parameters in the group visible to the caller (read only)';
COMMENT ON COLUMN program.parameter_groups.program IS 'owning program {id, name}';
COMMENT ON COLUMN program.parameter_groups.audit IS 'audit events {created, updated}';

CREATE VIEW program.parameters WITH (security_invoker = true) AS
SELECT m.id,
       m.name,
       m.description,
       m.scope,
       m.phase,
       m.type,
       m.external_id AS "externalId",
       m.display_order AS "displayOrder",
       pg_catalog.jsonb_build_object('hidden', m.hidden, 'readonly', m.readonly, 'required', m.required) AS constraints,
       (SELECT pg_catalog.jsonb_build_object('id', g.id, 'name', g.name)
          FROM enrollment.parameter_groups g
         WHERE g.program_id OPERATOR(pg_catalog.=) m.program_id AND g.id OPERATOR(pg_catalog.=) m.group_id) AS "group",
       m.options,
       m.status,
       (SELECT pg_catalog.jsonb_build_object('id', p.id, 'name', p.name)
          FROM enrollment.programs p WHERE p.id OPERATOR(pg_catalog.=) m.program_id) AS program,
       pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
           'created', enrollment.api_event(m.created_at, m.created_by),
           'updated', enrollment.api_event(m.updated_at, m.updated_by))) AS audit
  FROM enrollment.parameters m
 WHERE m.status OPERATOR(pg_catalog.<>) 'Deleted'
   AND (NOT m.hidden OR enrollment.api_shows_hidden());
COMMENT ON VIEW program.parameters IS
E'@primaryKey id\n@foreignKey (scope) references program.enums ("parameterScope")\n@foreignKey (phase) references program.enums ("parameterPhase")\n@foreignKey (type) references program.enums ("parameterType")\n@foreignKey (status) references program.enums ("parameterStatus")\nProgram parameter definitions (GET /program/programs/{programId}/parameters); hidden parameters are not shown to clients. Filter with program->>id=eq.PRG-....';
COMMENT ON COLUMN program.parameters.id IS 'parameter id, PPM-<program digits>-NNNN';
COMMENT ON COLUMN program.parameters.name IS 'parameter name';
COMMENT ON COLUMN program.parameters.description IS 'description shown to the client';
COMMENT ON COLUMN program.parameters.scope IS 'always Enrollment';
COMMENT ON COLUMN program.parameters.phase IS 'Order (client fills it in) or Fulfillment (vendor fills it in)';
COMMENT ON COLUMN program.parameters.type IS 'SingleLineText, MultiLineText, Address, Contact, Checkbox, Choice, Subdomain, Heading, DropDown, Email, DataObject or Date';
COMMENT ON COLUMN program.parameters."externalId" IS 'identifier in the vendor''s system, unique within the program';
COMMENT ON COLUMN program.parameters."displayOrder" IS 'position on screen';
COMMENT ON COLUMN program.parameters.constraints IS 'constraints {hidden, readonly, required}';
COMMENT ON COLUMN program.parameters."group" IS 'parameter group {id, name}';
COMMENT ON COLUMN program.parameters.options IS 'per-type options (placeholderText, hintText, pattern, minChar, maxChar, optionsList, ...)';
COMMENT ON COLUMN program.parameters.status IS 'Active';
COMMENT ON COLUMN program.parameters.program IS 'owning program {id, name}';
COMMENT ON COLUMN program.parameters.audit IS 'audit events {created, updated}';

CREATE VIEW program.enrollments WITH (security_invoker = true) AS
SELECT e.id,
       CASE WHEN e.certificate_id IS NOT NULL THEN
       (SELECT pg_catalog.jsonb_build_object('id', c.id, 'name', c.name)
          FROM enrollment.certificates c
         WHERE c.program_id OPERATOR(pg_catalog.=) e.program_id AND c.id OPERATOR(pg_catalog.=) e.certificate_id) END AS certificate,
       enrollment.api_program_ref(e.program_id) AS program,
       (SELECT enrollment.api_account_ref(p.vendor_id) FROM enrollment.programs p
         WHERE p.id OPERATOR(pg_catalog.=) e.program_id) AS vendor,
       e.applicable_to AS "applicableTo",
       e.type,
       CASE WHEN e.buyer_id IS NOT NULL THEN
       (SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('id', b.id, 'icon', b.icon, 'name', b.name))
          FROM enrollment.buyers b WHERE b.id OPERATOR(pg_catalog.=) e.buyer_id) END AS buyer,
       CASE WHEN e.licensee_id IS NOT NULL THEN
       (SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('id', l.id, 'icon', l.icon, 'name', l.name,
                                                                          'externalId', l.external_id))
          FROM enrollment.licensees l WHERE l.id OPERATOR(pg_catalog.=) e.licensee_id) END AS licensee,
       pg_catalog.jsonb_build_object('client', e.eligibility_client, 'partner', e.eligibility_partner) AS eligibility,
       e.status,
       e.notes,
       pg_catalog.jsonb_strip_nulls(e.status_notes) AS "statusNotes",
       enrollment.api_user_ref(e.assignee_id) AS assignee,
       enrollment.render_parameters('enrollment', e.program_id, e.id) AS parameters,
       pg_catalog.jsonb_strip_nulls(e.error) AS error,
       enrollment.api_template_ref(e.program_id, e.template_id) AS template,
       enrollment.api_enrollment_audit(e) AS audit,
       e.revision,
       e.name
  FROM enrollment.enrollments e
 WHERE e.status OPERATOR(pg_catalog.<>) 'Deleted';
COMMENT ON VIEW program.enrollments IS
E'@primaryKey id\n@foreignKey ("applicableTo") references program.enums ("applicableTo")\n@foreignKey (type) references program.enums ("enrollmentType")\n@foreignKey (status) references program.enums ("enrollmentStatus")\nEnrollments (GET /program/enrollments, /program/enrollments/{id}). Clients see their own, vendors those of their programs, operations all; hidden parameters are not shown to clients.';
COMMENT ON COLUMN program.enrollments.id IS 'enrollment id, ENR-dddd-dddd-dddd';
COMMENT ON COLUMN program.enrollments.certificate IS 'certificate issued or updated by this enrollment {id, name}';
COMMENT ON COLUMN program.enrollments.program IS 'program {id, name, status, applicableTo, products}';
COMMENT ON COLUMN program.enrollments.vendor IS 'vendor account of the program {id, icon, type, status, name}';
COMMENT ON COLUMN program.enrollments."applicableTo" IS 'Buyer or Licensee, copied from the program';
COMMENT ON COLUMN program.enrollments.type IS 'New (first certificate request) or Change (re-enrollment)';
COMMENT ON COLUMN program.enrollments.buyer IS 'certificant buyer {id, icon, name} when applicableTo is Buyer';
COMMENT ON COLUMN program.enrollments.licensee IS 'certificant licensee {id, icon, name, externalId} when applicableTo is Licensee';
COMMENT ON COLUMN program.enrollments.eligibility IS 'eligibility {client, partner} copied from the program';
COMMENT ON COLUMN program.enrollments.status IS 'Draft, Processing, Querying, Completed or Failed';
COMMENT ON COLUMN program.enrollments.notes IS 'client notes, editable at any time';
COMMENT ON COLUMN program.enrollments."statusNotes" IS 'reason of the last status change {id, message, parameters}, e.g. why it failed';
COMMENT ON COLUMN program.enrollments.assignee IS 'vendor user handling the enrollment {id, icon, name}';
COMMENT ON COLUMN program.enrollments.parameters IS 'parameter values {ordering: [...], fulfillment: [...]}, each {id, externalId, name, type, phase, error, constraints, displayValue, value}';
COMMENT ON COLUMN program.enrollments.error IS 'enrollment-level validation error {id, message}';
COMMENT ON COLUMN program.enrollments.template IS 'current template {id, name, type}';
COMMENT ON COLUMN program.enrollments.audit IS 'audit events {created, updated, processing, querying, completed, failed}, each {at, by{id, name, icon}}, present once it happened';
COMMENT ON COLUMN program.enrollments.revision IS 'revision number, incremented by every change';
COMMENT ON COLUMN program.enrollments.name IS 'name given to the certificate requested';

CREATE VIEW program.certificates WITH (security_invoker = true) AS
SELECT c.id,
       c.name,
       enrollment.api_program_ref(c.program_id) AS program,
       (SELECT enrollment.api_account_ref(p.vendor_id) FROM enrollment.programs p
         WHERE p.id OPERATOR(pg_catalog.=) c.program_id) AS vendor,
       enrollment.api_account_ref(c.client_id) AS client,
       c.applicable_to AS "applicableTo",
       CASE WHEN c.buyer_id IS NOT NULL THEN
       (SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('id', b.id, 'icon', b.icon, 'name', b.name))
          FROM enrollment.buyers b WHERE b.id OPERATOR(pg_catalog.=) c.buyer_id) END AS buyer,
       CASE WHEN c.licensee_id IS NOT NULL THEN
       (SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('id', l.id, 'icon', l.icon, 'name', l.name,
                                                                          'externalId', l.external_id))
          FROM enrollment.licensees l WHERE l.id OPERATOR(pg_catalog.=) c.licensee_id) END AS licensee,
       pg_catalog.jsonb_build_object('client', c.eligibility_client, 'partner', c.eligibility_partner) AS eligibility,
       pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object('vendor', c.external_id_vendor)) AS "externalIds",
       c.status,
       c.status_notes AS "statusNotes",
       c.expiration_date AS "expirationDate",
       enrollment.api_template_ref(c.program_id, c.template_id) AS template,
       enrollment.render_parameters('certificate', c.program_id, c.id) AS parameters,
       enrollment.api_certificate_audit(c) AS audit,
       c.revision
  FROM enrollment.certificates c
 WHERE c.status OPERATOR(pg_catalog.<>) 'Deleted';
COMMENT ON VIEW program.certificates IS
E'@primaryKey id\n@foreignKey ("applicableTo") references program.enums ("applicableTo")\n@foreignKey (status) references program.enums ("certificateStatus")\nCertificates (GET /program/certificates, /program/certificates/{id}). Clients see their own, vendors those of their programs, operations all.';
COMMENT ON COLUMN program.certificates.id IS 'certificate id, CER-dddd-dddd-dddd';
COMMENT ON COLUMN program.certificates.name IS 'certificate name, renameable in any status';
COMMENT ON COLUMN program.certificates.program IS 'program {id, name, status, applicableTo, products}';
COMMENT ON COLUMN program.certificates.vendor IS 'vendor account of the program {id, icon, type, status, name}';
COMMENT ON COLUMN program.certificates.client IS 'client account owning the certificate {id, icon, type, status, name}';
COMMENT ON COLUMN program.certificates."applicableTo" IS 'Buyer or Licensee';
COMMENT ON COLUMN program.certificates.buyer IS 'certificant buyer {id, icon, name}';
COMMENT ON COLUMN program.certificates.licensee IS 'certificant licensee {id, icon, name, externalId}';
COMMENT ON COLUMN program.certificates.eligibility IS 'eligibility {client, partner}';
COMMENT ON COLUMN program.certificates."externalIds" IS 'external identifiers {vendor}, set when the vendor completes the enrollment';
COMMENT ON COLUMN program.certificates.status IS 'Draft, Pending, Active, Updating, Expired or Terminated';
COMMENT ON COLUMN program.certificates."statusNotes" IS 'reason of the last status change (text), e.g. why it was terminated';
COMMENT ON COLUMN program.certificates."expirationDate" IS 'date the certificate expires, NULL when it never does';
COMMENT ON COLUMN program.certificates.template IS 'template of the completion {id, name, type}';
COMMENT ON COLUMN program.certificates.parameters IS 'parameter values copied from the completed enrollment {ordering, fulfillment}';
COMMENT ON COLUMN program.certificates.audit IS 'audit events {created, updated, pending, activated, updating, expired, terminated}';
COMMENT ON COLUMN program.certificates.revision IS 'revision number, incremented by every change';

CREATE VIEW program.enrollment_attachments WITH (security_invoker = true) AS
SELECT a.id,
       a.name,
       a.description,
       a.type,
       a.filename,
       a.size,
       a.content_type AS "contentType",
       pg_catalog.jsonb_build_object('id', a.enrollment_id) AS enrollment,
       pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
           'created', enrollment.api_event(a.created_at, a.created_by),
           'updated', enrollment.api_event(a.updated_at, a.updated_by))) AS audit
  FROM enrollment.enrollment_attachments a;
COMMENT ON VIEW program.enrollment_attachments IS
E'@primaryKey id\n@foreignKey (type) references program.enums ("attachmentType")\nEnrollment attachments, metadata only (GET /program/enrollments/{enrollmentId}/attachments). Filter with enrollment->>id=eq.ENR-....';
COMMENT ON COLUMN program.enrollment_attachments.id IS 'attachment id, ENA-<enrollment digits>-NNNN';
COMMENT ON COLUMN program.enrollment_attachments.name IS 'attachment name';
COMMENT ON COLUMN program.enrollment_attachments.description IS 'description';
COMMENT ON COLUMN program.enrollment_attachments.type IS 'File or LicenseKey';
COMMENT ON COLUMN program.enrollment_attachments.filename IS 'original file name';
COMMENT ON COLUMN program.enrollment_attachments.size IS 'size in bytes';
COMMENT ON COLUMN program.enrollment_attachments."contentType" IS 'MIME type of the file';
COMMENT ON COLUMN program.enrollment_attachments.enrollment IS 'owning enrollment {id}';
COMMENT ON COLUMN program.enrollment_attachments.audit IS 'audit events {created, updated}';

-- Computed relationships for PostgREST embedding, e.g.
-- GET /enrollments?select=id,status,certificates(id,status),programs(id,name).
-- Each takes a view's row type as its only, unnamed argument, so PostgREST does
-- not publish it under /rpc; ROWS 1 marks a to-one relationship.  They read the
-- target view as the caller, so row level security applies to embedded rows too.

CREATE FUNCTION program.programs(program.enrollments) RETURNS SETOF program.programs
    LANGUAGE sql STABLE ROWS 1 SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.programs v WHERE v.id OPERATOR(pg_catalog.=) (($1).program OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id $$;
COMMENT ON FUNCTION program.programs(program.enrollments) IS E'@name enrollments_programs\nembedding (to-one): the enrollment''s program';

CREATE FUNCTION program.certificates(program.enrollments) RETURNS SETOF program.certificates
    LANGUAGE sql STABLE ROWS 1 SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.certificates v WHERE v.id OPERATOR(pg_catalog.=) (($1).certificate OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id $$;
COMMENT ON FUNCTION program.certificates(program.enrollments) IS E'@name enrollments_certificates\nembedding (to-one): the enrollment''s certificate';

CREATE FUNCTION program.enrollment_attachments(program.enrollments) RETURNS SETOF program.enrollment_attachments
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.enrollment_attachments v WHERE (v.enrollment OPERATOR(pg_catalog.->>) 'id') OPERATOR(pg_catalog.=) ($1).id::text $$;
COMMENT ON FUNCTION program.enrollment_attachments(program.enrollments) IS E'@name enrollments_enrollment_attachments\nembedding (to-many): the enrollment''s attachments';

CREATE FUNCTION program.programs(program.certificates) RETURNS SETOF program.programs
    LANGUAGE sql STABLE ROWS 1 SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.programs v WHERE v.id OPERATOR(pg_catalog.=) (($1).program OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id $$;
COMMENT ON FUNCTION program.programs(program.certificates) IS E'@name certificates_programs\nembedding (to-one): the certificate''s program';

CREATE FUNCTION program.enrollments(program.certificates) RETURNS SETOF program.enrollments
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.enrollments v WHERE v.id OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT e.id FROM enrollment.enrollments e WHERE e.certificate_id OPERATOR(pg_catalog.=) ($1).id)) $$;
COMMENT ON FUNCTION program.enrollments(program.certificates) IS E'@name certificates_enrollments\nembedding (to-many): the enrollments that requested or renewed the certificate';

CREATE FUNCTION program.enrollments(program.programs) RETURNS SETOF program.enrollments
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.enrollments v WHERE v.id OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT e.id FROM enrollment.enrollments e WHERE e.program_id OPERATOR(pg_catalog.=) ($1).id)) $$;
COMMENT ON FUNCTION program.enrollments(program.programs) IS E'@name programs_enrollments\nembedding (to-many): the program''s enrollments';

CREATE FUNCTION program.certificates(program.programs) RETURNS SETOF program.certificates
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.certificates v WHERE v.id OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT c.id FROM enrollment.certificates c WHERE c.program_id OPERATOR(pg_catalog.=) ($1).id)) $$;
COMMENT ON FUNCTION program.certificates(program.programs) IS E'@name programs_certificates\nembedding (to-many): the program''s certificates';

CREATE FUNCTION program.templates(program.programs) RETURNS SETOF program.templates
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.templates v WHERE (v.program OPERATOR(pg_catalog.->>) 'id') OPERATOR(pg_catalog.=) ($1).id::text $$;
COMMENT ON FUNCTION program.templates(program.programs) IS E'@name programs_templates\nembedding (to-many): the program''s templates';

CREATE FUNCTION program.parameters(program.programs) RETURNS SETOF program.parameters
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.parameters v WHERE (v.program OPERATOR(pg_catalog.->>) 'id') OPERATOR(pg_catalog.=) ($1).id::text $$;
COMMENT ON FUNCTION program.parameters(program.programs) IS E'@name programs_parameters\nembedding (to-many): the program''s parameter definitions';

CREATE FUNCTION program.parameter_groups(program.programs) RETURNS SETOF program.parameter_groups
    LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.parameter_groups v WHERE (v.program OPERATOR(pg_catalog.->>) 'id') OPERATOR(pg_catalog.=) ($1).id::text $$;
COMMENT ON FUNCTION program.parameter_groups(program.programs) IS E'@name programs_parameter_groups\nembedding (to-many): the program''s parameter groups';

CREATE FUNCTION program.programs(program.templates) RETURNS SETOF program.programs
    LANGUAGE sql STABLE ROWS 1 SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.programs v WHERE v.id OPERATOR(pg_catalog.=) (($1).program OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id $$;
COMMENT ON FUNCTION program.programs(program.templates) IS E'@name templates_programs\nembedding (to-one): the template''s program';

CREATE FUNCTION program.programs(program.parameters) RETURNS SETOF program.programs
    LANGUAGE sql STABLE ROWS 1 SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.programs v WHERE v.id OPERATOR(pg_catalog.=) (($1).program OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id $$;
COMMENT ON FUNCTION program.programs(program.parameters) IS E'@name parameters_programs\nembedding (to-one): the parameter''s program';

CREATE FUNCTION program.parameter_groups(program.parameters) RETURNS SETOF program.parameter_groups
    LANGUAGE sql STABLE ROWS 1 SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.parameter_groups v WHERE v.id OPERATOR(pg_catalog.=) (($1)."group" OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id $$;
COMMENT ON FUNCTION program.parameter_groups(program.parameters) IS E'@name parameters_parameter_groups\nembedding (to-one): the parameter''s group';

CREATE FUNCTION program.programs(program.parameter_groups) RETURNS SETOF program.programs
    LANGUAGE sql STABLE ROWS 1 SET search_path = pg_catalog, pg_temp
    AS $$ SELECT v.* FROM program.programs v WHERE v.id OPERATOR(pg_catalog.=) (($1).program OPERATOR(pg_catalog.->>) 'id')::enrollment.mpt_id $$;
COMMENT ON FUNCTION program.programs(program.parameter_groups) IS E'@name parameter_groups_programs\nembedding (to-one): the group''s program';
