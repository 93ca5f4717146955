-- Programs and what hangs off them.  Every table below carries program_id and
-- includes it in its primary key, so that a distributed (Citus) deployment can
-- distribute them all by program and keep each program's rows on one shard.
-- Audit events are column pairs <event>_at / <event>_by (the acting user).

CREATE SEQUENCE enrollment.program_id_seq;
COMMENT ON SEQUENCE enrollment.program_id_seq IS 'feeds mpt_id_generate for PRG ids';

CREATE TABLE enrollment.programs (
    id                  enrollment.mpt_id PRIMARY KEY
                        DEFAULT enrollment.mpt_id_generate('PRG', 2, pg_catalog.nextval('enrollment.program_id_seq'))
                        CHECK (enrollment.mpt_id_is(id, 'PRG', 2)),
    name                text NOT NULL CHECK (pg_catalog.length(name) BETWEEN 1 AND 500),
    short_description   text CHECK (pg_catalog.length(short_description) <= 1000),
    long_description    text CHECK (pg_catalog.length(long_description) <= 20000),
    website             text CHECK (pg_catalog.length(website) <= 2000),
    icon                text CHECK (pg_catalog.length(icon) <= 2000),
    status              text NOT NULL DEFAULT 'Draft'
                        CHECK (status IN ('Draft', 'Published', 'Unpublished', 'Deleted')),
    eligibility_client  boolean NOT NULL DEFAULT true,
    eligibility_partner boolean NOT NULL DEFAULT false,
    applicable_to       text NOT NULL CHECK (applicable_to IN ('Buyer', 'Licensee')),
    vendor_id           enrollment.mpt_id NOT NULL REFERENCES enrollment.accounts (id),
    -- settings
    new_certificate_autoapprove boolean NOT NULL DEFAULT false,
    program_enrollment  boolean NOT NULL DEFAULT true,
    program_link        boolean NOT NULL DEFAULT false,
    terminate_on_expiration_enabled  boolean NOT NULL DEFAULT false,
    terminate_on_expiration_duration integer CHECK (terminate_on_expiration_duration BETWEEN 1 AND 36500),
    pre_validation_enrollment_draft    boolean NOT NULL DEFAULT false,
    pre_validation_enrollment_querying boolean NOT NULL DEFAULT false,
    pre_validation_re_enrollment       boolean NOT NULL DEFAULT false,
    -- vendor-registered SQL function called when a preValidation flag is on
    pre_validation_hook regprocedure,
    revision            integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
    -- last number handed out to each kind of child (PPM/PPG/PTM-<program digits>-NNNN)
    last_parameter_no   integer NOT NULL DEFAULT 0 CHECK (last_parameter_no BETWEEN 0 AND 9999),
    last_group_no       integer NOT NULL DEFAULT 0 CHECK (last_group_no BETWEEN 0 AND 9999),
    last_template_no    integer NOT NULL DEFAULT 0 CHECK (last_template_no BETWEEN 0 AND 9999),
    created_at          timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_by          enrollment.mpt_id,
    updated_at          timestamptz,
    updated_by          enrollment.mpt_id,
    published_at        timestamptz,
    published_by        enrollment.mpt_id,
    unpublished_at      timestamptz,
    unpublished_by      enrollment.mpt_id,
    deleted_at          timestamptz,
    deleted_by          enrollment.mpt_id,
    -- expiry needs a duration; a duration without expiry is kept (the vendor may re-enable it)
    CONSTRAINT programs_expiration_has_duration
        CHECK (NOT terminate_on_expiration_enabled OR terminate_on_expiration_duration IS NOT NULL),
    CONSTRAINT programs_eligibility_not_empty CHECK (eligibility_client OR eligibility_partner),
    CONSTRAINT programs_published_has_event CHECK (status <> 'Published' OR published_at IS NOT NULL),
    CONSTRAINT programs_unpublished_has_event CHECK (status <> 'Unpublished' OR unpublished_at IS NOT NULL),
    CONSTRAINT programs_deleted_has_event CHECK (status <> 'Deleted' OR deleted_at IS NOT NULL)
);
CREATE INDEX ON enrollment.programs (vendor_id);
COMMENT ON TABLE enrollment.programs IS 'Vendor programs (PRG-dddd-dddd): requirements (parameters) that clients meet to get a certificate';
COMMENT ON COLUMN enrollment.programs.pre_validation_hook IS 'function(jsonb) returning jsonb, called with the enrollment JSON when a preValidation flag is on';

CREATE TABLE enrollment.program_products (
    program_id  enrollment.mpt_id NOT NULL REFERENCES enrollment.programs (id) ON DELETE CASCADE,
    product_id  enrollment.mpt_id NOT NULL REFERENCES enrollment.products (id),
    PRIMARY KEY (program_id, product_id)
);
COMMENT ON TABLE enrollment.program_products IS 'Products listed by a program (program.products)';

CREATE TABLE enrollment.parameter_groups (
    program_id      enrollment.mpt_id NOT NULL REFERENCES enrollment.programs (id) ON DELETE CASCADE,
    id              enrollment.mpt_id NOT NULL CHECK (enrollment.mpt_id_is(id, 'PPG', 3)),
    name            text NOT NULL CHECK (pg_catalog.length(name) BETWEEN 1 AND 500),
    label           text CHECK (pg_catalog.length(label) <= 500),
    description     text CHECK (pg_catalog.length(description) <= 4000),
    display_order   integer NOT NULL DEFAULT 100,
    is_default      boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_by      enrollment.mpt_id,
    updated_at      timestamptz,
    updated_by      enrollment.mpt_id,
    PRIMARY KEY (program_id, id)
);
CREATE UNIQUE INDEX parameter_groups_one_default ON enrollment.parameter_groups (program_id) WHERE is_default;
COMMENT ON TABLE enrollment.parameter_groups IS 'Parameter groups (PPG-<program digits>-NNNN) that order parameters on screen; one Default per program';

CREATE TABLE enrollment.parameters (
    program_id      enrollment.mpt_id NOT NULL REFERENCES enrollment.programs (id) ON DELETE CASCADE,
    id              enrollment.mpt_id NOT NULL CHECK (enrollment.mpt_id_is(id, 'PPM', 3)),
    group_id        enrollment.mpt_id,
    name            text NOT NULL CHECK (pg_catalog.length(name) BETWEEN 1 AND 500),
    description     text NOT NULL DEFAULT '' CHECK (pg_catalog.length(description) <= 4000),
    external_id     text CHECK (pg_catalog.length(external_id) BETWEEN 1 AND 255),
    scope           text NOT NULL DEFAULT 'Enrollment' CHECK (scope = 'Enrollment'),
    phase           text NOT NULL CHECK (phase IN ('Order', 'Fulfillment')),
    type            text NOT NULL CHECK (type IN ('SingleLineText', 'MultiLineText', 'Address', 'Contact',
                        'Checkbox', 'Choice', 'Subdomain', 'Heading', 'DropDown', 'Email', 'DataObject', 'Date')),
    display_order   integer NOT NULL,
    hidden          boolean NOT NULL DEFAULT false,
    readonly        boolean NOT NULL DEFAULT false,
    required        boolean NOT NULL DEFAULT false,
    "unique"        boolean NOT NULL DEFAULT false,
    options         jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(options) = 'object'),
    status          text NOT NULL DEFAULT 'Active' CHECK (status IN ('Active', 'Deleted')),
    created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_by      enrollment.mpt_id,
    updated_at      timestamptz,
    updated_by      enrollment.mpt_id,
    PRIMARY KEY (program_id, id),
    FOREIGN KEY (program_id, group_id) REFERENCES enrollment.parameter_groups (program_id, id),
    CONSTRAINT parameters_external_id_unique UNIQUE (program_id, external_id)
);
COMMENT ON TABLE enrollment.parameters IS 'Parameter definitions (PPM-<program digits>-NNNN) of a program: type, phase, constraints and per-type options';
COMMENT ON COLUMN enrollment.parameters.options IS 'per-type options (pattern, minChar, maxChar, optionsList, domainSuffix, dateRange, ...), validated on write';

CREATE TABLE enrollment.templates (
    program_id      enrollment.mpt_id NOT NULL REFERENCES enrollment.programs (id) ON DELETE CASCADE,
    id              enrollment.mpt_id NOT NULL CHECK (enrollment.mpt_id_is(id, 'PTM', 3)),
    name            text NOT NULL CHECK (pg_catalog.length(name) BETWEEN 1 AND 500),
    content         text NOT NULL CHECK (pg_catalog.length(content) <= 4000),
    type            text NOT NULL CHECK (type IN ('EnrollmentProcessing', 'EnrollmentQuerying', 'EnrollmentCompleted')),
    is_default      boolean NOT NULL DEFAULT false,
    status          text NOT NULL DEFAULT 'Active' CHECK (status IN ('Active', 'Deleted')),
    created_at      timestamptz NOT NULL DEFAULT pg_catalog.now(),
    created_by      enrollment.mpt_id,
    updated_at      timestamptz,
    updated_by      enrollment.mpt_id,
    PRIMARY KEY (program_id, id),
    CONSTRAINT templates_default_is_active CHECK (NOT is_default OR status = 'Active')
);
CREATE UNIQUE INDEX templates_one_default_per_type ON enrollment.templates (program_id, type) WHERE is_default;
COMMENT ON TABLE enrollment.templates IS 'Program templates (PTM-<program digits>-NNNN) shown to the client per enrollment status; one Default per type';
