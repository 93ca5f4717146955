-- Certificates, enrollments, parameter values, attachments and the history.
-- CHECK constraints tie each status to the columns it implies, so that even a
-- superuser's direct write cannot leave a row in an impossible state.

CREATE SEQUENCE enrollment.certificate_id_seq;
COMMENT ON SEQUENCE enrollment.certificate_id_seq IS 'feeds mpt_id_generate for CER ids';
CREATE SEQUENCE enrollment.enrollment_id_seq;
COMMENT ON SEQUENCE enrollment.enrollment_id_seq IS 'feeds mpt_id_generate for ENR ids';

CREATE TABLE enrollment.certificates (
    program_id          enrollment.mpt_id NOT NULL REFERENCES enrollment.programs (id),
    id                  enrollment.mpt_id NOT NULL
                        DEFAULT enrollment.mpt_id_generate('CER', 3, pg_catalog.nextval('enrollment.certificate_id_seq'))
                        CHECK (enrollment.mpt_id_is(id, 'CER', 3)),
    name                text NOT NULL CHECK (pg_catalog.length(name) BETWEEN 1 AND 500),
    client_id           enrollment.mpt_id NOT NULL REFERENCES enrollment.accounts (id),
    applicable_to       text NOT NULL CHECK (applicable_to IN ('Buyer', 'Licensee')),
    buyer_id            enrollment.mpt_id REFERENCES enrollment.buyers (id),
    licensee_id         enrollment.mpt_id REFERENCES enrollment.licensees (id),
    eligibility_client  boolean NOT NULL,
    eligibility_partner boolean NOT NULL,
    external_id_vendor  text CHECK (pg_catalog.length(external_id_vendor) BETWEEN 1 AND 255),
    status              text NOT NULL DEFAULT 'Draft' CHECK (status IN
                        ('Draft', 'Pending', 'Active', 'Updating', 'Expired', 'Terminated', 'Deleted')),
    status_notes        text CHECK (pg_catalog.length(status_notes) BETWEEN 1 AND 4000),
    expiration_date     date,
    template_id         enrollment.mpt_id,
    revision            integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
    created_at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_by          enrollment.mpt_id,
    updated_at          timestamptz,
    updated_by          enrollment.mpt_id,
    pending_at          timestamptz,
    pending_by          enrollment.mpt_id,
    activated_at        timestamptz,
    activated_by        enrollment.mpt_id,
    updating_at         timestamptz,
    updating_by         enrollment.mpt_id,
    expired_at          timestamptz,
    expired_by          enrollment.mpt_id,
    terminated_at       timestamptz,
    terminated_by       enrollment.mpt_id,
    deleted_at          timestamptz,
    deleted_by          enrollment.mpt_id,
    PRIMARY KEY (program_id, id),
    FOREIGN KEY (program_id, template_id) REFERENCES enrollment.templates (program_id, id),
    CONSTRAINT certificates_one_certificant CHECK (
        (applicable_to = 'Buyer' AND buyer_id IS NOT NULL AND licensee_id IS NULL) OR
        (applicable_to = 'Licensee' AND licensee_id IS NOT NULL AND buyer_id IS NULL)),
    CONSTRAINT certificates_pending_has_event CHECK (status <> 'Pending' OR pending_at IS NOT NULL),
    CONSTRAINT certificates_active_has_event CHECK (status <> 'Active' OR activated_at IS NOT NULL),
    CONSTRAINT certificates_updating_has_event CHECK (status <> 'Updating' OR (updating_at IS NOT NULL AND activated_at IS NOT NULL)),
    CONSTRAINT certificates_expired_has_date CHECK (status <> 'Expired' OR (expired_at IS NOT NULL AND expiration_date IS NOT NULL)),
    CONSTRAINT certificates_terminated_has_reason CHECK (status <> 'Terminated' OR (terminated_at IS NOT NULL AND status_notes IS NOT NULL)),
    CONSTRAINT certificates_deleted_has_event CHECK (status <> 'Deleted' OR deleted_at IS NOT NULL)
);
-- Lookup by id alone (REST paths carry no program id).  Not UNIQUE: a distributed
-- table allows unique indexes only over the distribution column; ids come from a
-- collision-free generator instead.
-- client_id after id: a lookup by id then holds the read policy's client
-- range in the index too (README "API": row security and indexes).  client_id
-- in the policies' operator class (01_mpt_id.sql: mpt_id_scope_ops), as in
-- the next.  Not program_id: the policy's program_id = ANY (the caller's
-- programs) in the index would be one descent per program for every id (100
-- for operations, 5,000 to read 50 enrollments by id); as a filter on the one
-- row found it is a scan of the array.
CREATE INDEX certificates_id_idx ON enrollment.certificates (id, client_id enrollment.mpt_id_scope_ops);
-- The read policy's conditions (README "API": row security and indexes): the
-- caller's programs, then its client account range, then status, which every
-- listing filters on and which the scan then checks inside the index; then
-- id, so that for a client (whose range is its one account) and a status the
-- rows of each program come in id order, and the merge scan (merge_scan.c)
-- lists the first 50 without reading the rest.
CREATE INDEX certificates_program_client_status_idx ON enrollment.certificates (program_id, client_id enrollment.mpt_id_scope_ops, status, id);
COMMENT ON INDEX enrollment.certificates_program_client_status_idx IS 'the read policy''s conditions (program, client account range) and status, then id: what vendors, clients and operations list and count, and a client''s listing in id order';
-- A client's programs (api_object_program_ids) without visiting the table, and
-- the certificates of one client account (api_sees_account).
CREATE INDEX certificates_client_program_idx ON enrollment.certificates (client_id, program_id);
COMMENT ON INDEX enrollment.certificates_client_program_idx IS 'certificates of a client account, with their programs';
CREATE INDEX certificates_active_expiry ON enrollment.certificates (expiration_date) WHERE status = 'Active';
-- The API's visibility of a buyer or licensee to a vendor (api_vendor_names_certificant):
-- the certificate or enrollment naming it, one index probe per row read.
CREATE INDEX certificates_certificant_idx ON enrollment.certificates ((coalesce(buyer_id, licensee_id)), program_id)
    WHERE status <> 'Deleted';
COMMENT ON TABLE enrollment.certificates IS 'Certificates (CER-dddd-dddd-dddd) issued by completed enrollments; re-enrollment updates the same certificate';
COMMENT ON COLUMN enrollment.certificates.client_id IS 'the client account that owns the certificate';

CREATE TABLE enrollment.enrollments (
    program_id          enrollment.mpt_id NOT NULL REFERENCES enrollment.programs (id),
    id                  enrollment.mpt_id NOT NULL
                        DEFAULT enrollment.mpt_id_generate('ENR', 3, pg_catalog.nextval('enrollment.enrollment_id_seq'))
                        CHECK (enrollment.mpt_id_is(id, 'ENR', 3)),
    certificate_id      enrollment.mpt_id NOT NULL,
    name                text CHECK (pg_catalog.length(name) BETWEEN 1 AND 500),
    type                text NOT NULL CHECK (type IN ('New', 'Change')),
    client_id           enrollment.mpt_id NOT NULL REFERENCES enrollment.accounts (id),
    applicable_to       text NOT NULL CHECK (applicable_to IN ('Buyer', 'Licensee')),
    buyer_id            enrollment.mpt_id REFERENCES enrollment.buyers (id),
    licensee_id         enrollment.mpt_id REFERENCES enrollment.licensees (id),
    eligibility_client  boolean NOT NULL,
    eligibility_partner boolean NOT NULL,
    status              text NOT NULL DEFAULT 'Draft' CHECK (status IN
                        ('Draft', 'Processing', 'Querying', 'Completed', 'Failed', 'Deleted')),
    notes               text CHECK (pg_catalog.length(notes) <= 4000),
    -- ParametrisedMessage {id?, message, parameters?}
    status_notes        jsonb CHECK (status_notes IS NULL OR (pg_catalog.jsonb_typeof(status_notes) = 'object'
                            AND pg_catalog.length(status_notes OPERATOR(pg_catalog.->>) 'message') BETWEEN 1 AND 4000)),
    error               jsonb CHECK (error IS NULL OR (pg_catalog.jsonb_typeof(error) = 'object'
                            AND pg_catalog.length(error OPERATOR(pg_catalog.->>) 'message') BETWEEN 1 AND 4000)),
    error_by_vendor     boolean NOT NULL DEFAULT false,
    assignee_id         enrollment.mpt_id REFERENCES enrollment.users (id),
    template_id         enrollment.mpt_id,
    revision            integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
    last_attachment_no  integer NOT NULL DEFAULT 0 CHECK (last_attachment_no BETWEEN 0 AND 9999),
    created_at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_by          enrollment.mpt_id,
    updated_at          timestamptz,
    updated_by          enrollment.mpt_id,
    processing_at       timestamptz,
    processing_by       enrollment.mpt_id,
    querying_at         timestamptz,
    querying_by         enrollment.mpt_id,
    completed_at        timestamptz,
    completed_by        enrollment.mpt_id,
    failed_at           timestamptz,
    failed_by           enrollment.mpt_id,
    deleted_at          timestamptz,
    deleted_by          enrollment.mpt_id,
    PRIMARY KEY (program_id, id),
    FOREIGN KEY (program_id, certificate_id) REFERENCES enrollment.certificates (program_id, id),
    FOREIGN KEY (program_id, template_id) REFERENCES enrollment.templates (program_id, id),
    CONSTRAINT enrollments_one_certificant CHECK (
        (applicable_to = 'Buyer' AND buyer_id IS NOT NULL AND licensee_id IS NULL) OR
        (applicable_to = 'Licensee' AND licensee_id IS NOT NULL AND buyer_id IS NULL)),
    CONSTRAINT enrollments_processing_has_event CHECK (status <> 'Processing' OR processing_at IS NOT NULL),
    CONSTRAINT enrollments_querying_has_template CHECK (status <> 'Querying' OR (querying_at IS NOT NULL AND template_id IS NOT NULL)),
    CONSTRAINT enrollments_completed_has_event CHECK (status <> 'Completed' OR completed_at IS NOT NULL),
    CONSTRAINT enrollments_failed_has_reason CHECK (status <> 'Failed' OR (failed_at IS NOT NULL AND status_notes IS NOT NULL)),
    CONSTRAINT enrollments_deleted_has_event CHECK (status <> 'Deleted' OR deleted_at IS NOT NULL)
);
-- By id, with the read policy's columns (as for certificates).
CREATE INDEX enrollments_id_idx ON enrollment.enrollments (id, client_id enrollment.mpt_id_scope_ops);
-- As for certificates: the read policy's conditions, status and id; a client's programs.
CREATE INDEX enrollments_program_client_status_idx ON enrollment.enrollments (program_id, client_id enrollment.mpt_id_scope_ops, status, id);
COMMENT ON INDEX enrollment.enrollments_program_client_status_idx IS 'the read policy''s conditions (program, client account range) and status, then id: what vendors, clients and operations list and count, and a client''s listing in id order';
CREATE INDEX enrollments_client_program_idx ON enrollment.enrollments (client_id, program_id);
COMMENT ON INDEX enrollment.enrollments_client_program_idx IS 'enrollments of a client account, with their programs';
CREATE INDEX ON enrollment.enrollments (program_id, certificate_id);
CREATE INDEX enrollments_certificant_idx ON enrollment.enrollments ((coalesce(buyer_id, licensee_id)), program_id)
    WHERE status <> 'Deleted';
-- Which enrollment statuses are open, stated once: the unique index below and
-- the engine's check before an insert (enrollment_create.c) both call it, so
-- the two cannot drift.  A SQL function, so the planner inlines it in both.
CREATE FUNCTION enrollment.enrollment_is_open(status text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT status IN ('Draft', 'Processing', 'Querying') $$;
REVOKE EXECUTE ON FUNCTION enrollment.enrollment_is_open(text) FROM PUBLIC;
COMMENT ON FUNCTION enrollment.enrollment_is_open(text) IS
'an enrollment in this status is open (Draft, Processing, Querying): a certificant has at most one open enrollment per program';
-- At most one open enrollment per program and certificant (buyer or licensee).
CREATE UNIQUE INDEX enrollments_one_open_per_certificant ON enrollment.enrollments
    (program_id, (coalesce(buyer_id, licensee_id)))
    WHERE enrollment.enrollment_is_open(status);
COMMENT ON TABLE enrollment.enrollments IS 'Enrollments (ENR-dddd-dddd-dddd): a client''s request (New) or re-enrollment (Change) for a program certificate';
COMMENT ON COLUMN enrollment.enrollments.error_by_vendor IS 'error was written by the vendor (enrollment_update): parameter validation never clears it';
COMMENT ON INDEX enrollment.enrollments_one_open_per_certificant IS 'at most one open (Draft, Processing, Querying) enrollment per program and certificant';

-- Parameter instances: a snapshot of the definition taken when the enrollment was
-- created (later definition edits do not touch them), its effective constraints
-- (the vendor may override them per instance), the value and the validation error.
CREATE TABLE enrollment.enrollment_parameters (
    program_id      enrollment.mpt_id NOT NULL,
    enrollment_id   enrollment.mpt_id NOT NULL,
    parameter_id    enrollment.mpt_id NOT NULL,
    phase           text NOT NULL CHECK (phase IN ('Order', 'Fulfillment')),
    type            text NOT NULL,
    name            text NOT NULL,
    external_id     text,
    display_order   integer NOT NULL,
    hidden          boolean NOT NULL,
    readonly        boolean NOT NULL,
    required        boolean NOT NULL,
    "unique"        boolean NOT NULL,
    value           jsonb,
    error           jsonb CHECK (error IS NULL OR pg_catalog.jsonb_typeof(error) = 'object'),
    error_by_vendor boolean NOT NULL DEFAULT false,
    PRIMARY KEY (program_id, enrollment_id, parameter_id),
    FOREIGN KEY (program_id, enrollment_id) REFERENCES enrollment.enrollments (program_id, id) ON DELETE CASCADE,
    FOREIGN KEY (program_id, parameter_id) REFERENCES enrollment.parameters (program_id, id)
);
COMMENT ON COLUMN enrollment.enrollment_parameters.error_by_vendor IS 'error was written by the vendor (enrollment_set_parameters): parameter validation does not clear it';
COMMENT ON TABLE enrollment.enrollment_parameters IS 'Ordering and fulfillment parameter values of an enrollment, with effective constraints and validation errors';

CREATE TABLE enrollment.certificate_parameters (
    program_id      enrollment.mpt_id NOT NULL,
    certificate_id  enrollment.mpt_id NOT NULL,
    parameter_id    enrollment.mpt_id NOT NULL,
    phase           text NOT NULL CHECK (phase IN ('Order', 'Fulfillment')),
    type            text NOT NULL,
    name            text NOT NULL,
    external_id     text,
    display_order   integer NOT NULL,
    hidden          boolean NOT NULL,
    readonly        boolean NOT NULL,
    required        boolean NOT NULL,
    "unique"        boolean NOT NULL,
    value           jsonb,
    PRIMARY KEY (program_id, certificate_id, parameter_id),
    FOREIGN KEY (program_id, certificate_id) REFERENCES enrollment.certificates (program_id, id) ON DELETE CASCADE,
    FOREIGN KEY (program_id, parameter_id) REFERENCES enrollment.parameters (program_id, id)
);
COMMENT ON TABLE enrollment.certificate_parameters IS 'Parameter values of a certificate, copied from the enrollment that last completed';

CREATE TABLE enrollment.enrollment_attachments (
    program_id      enrollment.mpt_id NOT NULL,
    enrollment_id   enrollment.mpt_id NOT NULL,
    id              enrollment.mpt_id NOT NULL CHECK (enrollment.mpt_id_is(id, 'ENA', 4)),
    name            text NOT NULL CHECK (pg_catalog.length(name) BETWEEN 1 AND 500),
    description     text CHECK (pg_catalog.length(description) <= 4000),
    type            text NOT NULL DEFAULT 'File' CHECK (type IN ('File', 'LicenseKey')),
    filename        text CHECK (pg_catalog.length(filename) <= 500),
    content_type    text CHECK (pg_catalog.length(content_type) <= 255),
    content         bytea CHECK (pg_catalog.octet_length(content) <= 10485760),
    -- kept beside the content so that readers of the metadata need no privilege on content
    size            integer GENERATED ALWAYS AS (pg_catalog.octet_length(content)) STORED,
    created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_by      enrollment.mpt_id,
    updated_at      timestamptz,
    updated_by      enrollment.mpt_id,
    PRIMARY KEY (program_id, id),
    FOREIGN KEY (program_id, enrollment_id) REFERENCES enrollment.enrollments (program_id, id) ON DELETE CASCADE
);
COMMENT ON TABLE enrollment.enrollment_attachments IS 'Files attached to an enrollment (ENA-<enrollment digits>-NNNN), at most 10 MiB each';

-- Append-only history of every status change and update: who, when, from, to, notes.
CREATE TABLE enrollment.history (
    program_id      enrollment.mpt_id NOT NULL,
    id              bigint GENERATED BY DEFAULT AS IDENTITY,
    object_type     text NOT NULL CHECK (object_type IN ('Program', 'Enrollment', 'Certificate', 'Parameter', 'Template', 'ParameterGroup')),
    object_id       enrollment.mpt_id NOT NULL,
    event           text NOT NULL,
    from_status     text,
    to_status       text,
    at              timestamptz NOT NULL DEFAULT pg_catalog.now(),
    by_user_id      enrollment.mpt_id,
    by_account_id   enrollment.mpt_id,
    notes           jsonb,
    -- enrollments and certificates only: the object as this change left it
    -- (README "History"); NULL for the other object types
    state           jsonb,
    PRIMARY KEY (program_id, id)
);
CREATE INDEX ON enrollment.history (object_id, id);
COMMENT ON TABLE enrollment.history IS 'Append-only audit trail: one row per change, event platform.program.<object>.<action>';
COMMENT ON COLUMN enrollment.history.state IS
'Enrollment and Certificate rows: the object as the change left it, {<the table row as to_jsonb>, "parameters": [<its parameter instances>]}; enrollment.enrollment_as_of/certificate_as_of read it';

CREATE FUNCTION enrollment.history_is_append_only() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'history is append-only'
        USING ERRCODE = enrollment.errcode('append_only'), DETAIL = 'Rows of enrollment.history cannot be updated, deleted or truncated.';
END $$;
COMMENT ON FUNCTION enrollment.history_is_append_only() IS 'trigger: refuses UPDATE, DELETE and TRUNCATE of the history';
CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON enrollment.history
    FOR EACH ROW EXECUTE FUNCTION enrollment.history_is_append_only();
CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON enrollment.history
    FOR EACH STATEMENT EXECUTE FUNCTION enrollment.history_is_append_only();
