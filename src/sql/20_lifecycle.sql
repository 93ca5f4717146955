-- Lifecycle engine: the program, enrollment and certificate state machines.
-- Every action below is a C function (src/*_lifecycle.c) that takes its actor
-- from request.jwt.claims, checks visibility (PT404), the actor's rights
-- (42501) and the current status under row locks (PT409), then writes.  They
-- are SECURITY DEFINER because API roles have no write access to the tables
-- (RLS is on and nothing is granted); EXECUTE is revoked from PUBLIC: the
-- program.* RPC functions (src/sql/api/) call them, and a
-- deployer may grant them to an application role.

-- The transition table, as data.
CREATE FUNCTION enrollment.lifecycle_transitions(
    OUT object_type text, OUT action text, OUT from_status text, OUT to_status text,
    OUT event text, OUT actors text[])
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'lifecycle_transitions' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION enrollment.lifecycle_transitions() IS 'every arrow of the program, enrollment and certificate state machines, from the static table in transitions.c; from_status NULL is the creation arrow';

CREATE VIEW enrollment.transitions AS
    SELECT object_type, action, from_status, to_status, event, actors
      FROM enrollment.lifecycle_transitions();
COMMENT ON VIEW enrollment.transitions IS 'the state machines as rows (object_type, action, from_status, to_status, history event, account types that may act); read-only documentation of what the status trigger enforces';

-- The status trigger.
CREATE FUNCTION enrollment.status_change_trigger() RETURNS trigger
    AS 'MODULE_PATHNAME', 'status_change_trigger'
    LANGUAGE C SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.status_change_trigger() IS 'trigger: refuses a status change that is not an arrow of the state machine (PT409); stamps <event>_at/_by, updated_at/_by, revision and appends a history row for a legal one';

CREATE TRIGGER programs_status_change BEFORE UPDATE OF status ON enrollment.programs
    FOR EACH ROW EXECUTE FUNCTION enrollment.status_change_trigger('program');
CREATE TRIGGER enrollments_status_change BEFORE UPDATE OF status ON enrollment.enrollments
    FOR EACH ROW EXECUTE FUNCTION enrollment.status_change_trigger('enrollment');
CREATE TRIGGER certificates_status_change BEFORE UPDATE OF status ON enrollment.certificates
    FOR EACH ROW EXECUTE FUNCTION enrollment.status_change_trigger('certificate');
COMMENT ON TRIGGER programs_status_change ON enrollment.programs IS 'program state machine guard and audit';
COMMENT ON TRIGGER enrollments_status_change ON enrollment.enrollments IS 'enrollment state machine guard and audit';
COMMENT ON TRIGGER certificates_status_change ON enrollment.certificates IS 'certificate state machine guard and audit';

-- Programs and templates.
CREATE FUNCTION enrollment.program_create(name text, applicable_to text,
    eligibility_client boolean DEFAULT true, eligibility_partner boolean DEFAULT false,
    website text DEFAULT NULL, short_description text DEFAULT NULL,
    long_description text DEFAULT NULL, icon text DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'program_create'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.program_create(text, text, boolean, boolean, text, text, text, text) IS 'vendor: create a Draft program owned by the caller''s account, with its Default parameter group (PPG-…-0001) and Default templates (PTM-…-0001 EnrollmentProcessing, -0002 EnrollmentQuerying, -0003 EnrollmentCompleted)';

CREATE FUNCTION enrollment.program_set_settings(id enrollment.mpt_id, settings jsonb)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'program_set_settings'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.program_set_settings(enrollment.mpt_id, jsonb) IS 'vendor: partial update of program settings {newCertificateAutoapprove, programEnrollment, programLink, terminateOnExpiration {enabled, duration}, preValidation {enrollmentDraft, enrollmentQuerying, reEnrollment}}; absent or null keys are unchanged, unknown keys and wrong types are 22023';

CREATE FUNCTION enrollment.program_publish(id enrollment.mpt_id) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'program_publish'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.program_publish(enrollment.mpt_id) IS 'vendor: Draft or Unpublished -> Published';

CREATE FUNCTION enrollment.program_unpublish(id enrollment.mpt_id) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'program_unpublish'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.program_unpublish(enrollment.mpt_id) IS 'vendor: Published -> Unpublished (no new enrollments; existing certificates stay valid)';

CREATE FUNCTION enrollment.program_delete(id enrollment.mpt_id) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'program_delete'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.program_delete(enrollment.mpt_id) IS 'vendor: Draft -> Deleted (the row is kept with status Deleted)';

CREATE FUNCTION enrollment.template_create(program_id enrollment.mpt_id, name text, content text,
    type text, is_default boolean DEFAULT false)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'template_create'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.template_create(enrollment.mpt_id, text, text, text, boolean) IS 'vendor: add a template (EnrollmentProcessing, EnrollmentQuerying or EnrollmentCompleted) to a program; is_default demotes the previous Default of that type';

-- Enrollments.
CREATE FUNCTION enrollment.enrollment_create(program_id enrollment.mpt_id DEFAULT NULL,
    buyer_id enrollment.mpt_id DEFAULT NULL, licensee_id enrollment.mpt_id DEFAULT NULL,
    certificate_id enrollment.mpt_id DEFAULT NULL, name text DEFAULT NULL,
    notes text DEFAULT NULL, ordering jsonb DEFAULT NULL, client_id enrollment.mpt_id DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'enrollment_create'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.enrollment_create(enrollment.mpt_id, enrollment.mpt_id, enrollment.mpt_id, enrollment.mpt_id, text, text, jsonb, enrollment.mpt_id) IS 'client (or operations with client_id): create a Draft enrollment; New with a new Draft certificate when certificate_id is NULL, Change (re-enrollment of an Active or Expired certificate) otherwise; ordering = [{"id": "PPM-…", "value": …}]';

CREATE FUNCTION enrollment.enrollment_submit(id enrollment.mpt_id) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'enrollment_submit'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.enrollment_submit(enrollment.mpt_id) IS 'client or operations: Draft -> Processing after parameter validation; certificate Draft -> Pending (New) or Active/Expired -> Updating (Change); newCertificateAutoapprove completes a New enrollment at once, after validating it as completion does (both phases)';

CREATE FUNCTION enrollment.enrollment_query(id enrollment.mpt_id, template_id enrollment.mpt_id DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'enrollment_query'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.enrollment_query(enrollment.mpt_id, enrollment.mpt_id) IS 'vendor: Processing -> Querying; template_id (an EnrollmentQuerying template of the program) is required';

CREATE FUNCTION enrollment.enrollment_process(id enrollment.mpt_id, template_id enrollment.mpt_id DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'enrollment_process'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.enrollment_process(enrollment.mpt_id, enrollment.mpt_id) IS 'client or vendor: Querying -> Processing after parameter validation; default EnrollmentProcessing template when none given';

CREATE FUNCTION enrollment.enrollment_complete(id enrollment.mpt_id, template_id enrollment.mpt_id DEFAULT NULL,
    external_vendor_id text DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'enrollment_complete'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.enrollment_complete(enrollment.mpt_id, enrollment.mpt_id, text) IS 'vendor: Processing -> Completed after validating every parameter of both phases (PT400, nothing changed); the certificate becomes Active with the enrollment''s parameter values, externalIds.vendor and expirationDate = today + terminateOnExpiration.duration when enabled';

CREATE FUNCTION enrollment.enrollment_fail(id enrollment.mpt_id, status_notes jsonb)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'enrollment_fail'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.enrollment_fail(enrollment.mpt_id, jsonb) IS 'vendor: Processing or Querying -> Failed with status_notes {id?, message, parameters?} (message required, 1..4000 characters); the certificate (Pending or Updating) is Terminated with that message';

CREATE FUNCTION enrollment.enrollment_delete(id enrollment.mpt_id) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'enrollment_delete'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.enrollment_delete(enrollment.mpt_id) IS 'client or operations: Draft -> Deleted; a New enrollment''s Draft certificate becomes Deleted too';

-- Certificates.
CREATE FUNCTION enrollment.certificate_terminate(id enrollment.mpt_id, status_notes jsonb)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'certificate_terminate'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.certificate_terminate(enrollment.mpt_id, jsonb) IS 'vendor: Active -> Terminated with a reason status_notes {id?, message, parameters?}; a Terminated certificate can never be re-enrolled';

CREATE FUNCTION enrollment.certificate_expire(id enrollment.mpt_id) RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'certificate_expire'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.certificate_expire(enrollment.mpt_id) IS 'vendor or operations: Active -> Expired now (expiration date set to today unless already past)';

CREATE FUNCTION enrollment.expire_certificates(as_of date DEFAULT CURRENT_DATE) RETURNS integer
    AS 'MODULE_PATHNAME', 'expire_certificates'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.expire_certificates(date) IS 'system job (cron, pg_cron): every Active certificate whose expiration date is before as_of becomes Expired; returns how many; idempotent';

REVOKE ALL ON FUNCTION enrollment.status_change_trigger() FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.program_create(text, text, boolean, boolean, text, text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.program_set_settings(enrollment.mpt_id, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.program_publish(enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.program_unpublish(enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.program_delete(enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.template_create(enrollment.mpt_id, text, text, text, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.enrollment_create(enrollment.mpt_id, enrollment.mpt_id, enrollment.mpt_id, enrollment.mpt_id, text, text, jsonb, enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.enrollment_submit(enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.enrollment_query(enrollment.mpt_id, enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.enrollment_process(enrollment.mpt_id, enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.enrollment_complete(enrollment.mpt_id, enrollment.mpt_id, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.enrollment_fail(enrollment.mpt_id, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.enrollment_delete(enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.certificate_terminate(enrollment.mpt_id, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.certificate_expire(enrollment.mpt_id) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.expire_certificates(date) FROM PUBLIC;
