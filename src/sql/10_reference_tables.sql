-- Minimal copies of the objects the Program module references but does not own
-- (Accounts API, Catalog): just what the rules need.  In a distributed setup these
-- become Citus reference tables (a copy on every node).

CREATE TABLE enrollment.accounts (
    id          enrollment.mpt_id PRIMARY KEY CHECK (enrollment.mpt_id_is(id, 'ACC', 2)),
    type        text NOT NULL CHECK (type IN ('Client', 'Vendor', 'Operations')),
    name        text NOT NULL CHECK (pg_catalog.length(name) BETWEEN 1 AND 500),
    status      text NOT NULL DEFAULT 'Active' CHECK (status IN ('Active', 'Enabled', 'Disabled')),
    icon        text,
    -- a client account is a direct client, a partner (indirect client), or both
    eligibility_client  boolean NOT NULL DEFAULT true,
    eligibility_partner boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE enrollment.accounts IS 'Marketplace accounts (ACC-dddd-dddd) of type Client, Vendor or Operations; reference data';
COMMENT ON COLUMN enrollment.accounts.eligibility_client IS 'client account is a direct client (matches program eligibility.client)';
COMMENT ON COLUMN enrollment.accounts.eligibility_partner IS 'client account is a partner, an indirect client (matches program eligibility.partner)';

CREATE TABLE enrollment.users (
    id          enrollment.mpt_id PRIMARY KEY CHECK (enrollment.mpt_id_is(id, 'USR', 2)),
    account_id  enrollment.mpt_id NOT NULL REFERENCES enrollment.accounts (id),
    name        text NOT NULL CHECK (pg_catalog.length(name) BETWEEN 1 AND 500),
    icon        text
);
CREATE INDEX ON enrollment.users (account_id);
COMMENT ON TABLE enrollment.users IS 'Marketplace users (USR-dddd-dddd), each of one account; actors of the audit trail and enrollment assignees';

CREATE TABLE enrollment.buyers (
    id          enrollment.mpt_id PRIMARY KEY CHECK (enrollment.mpt_id_is(id, 'BUY', 2)),
    account_id  enrollment.mpt_id NOT NULL REFERENCES enrollment.accounts (id),
    name        text NOT NULL CHECK (pg_catalog.length(name) BETWEEN 1 AND 500),
    icon        text
);
CREATE INDEX ON enrollment.buyers (account_id);
COMMENT ON TABLE enrollment.buyers IS 'Buyers (BUY-dddd-dddd) of a client account: the certificant of programs applicable to Buyer';

CREATE TABLE enrollment.licensees (
    id          enrollment.mpt_id PRIMARY KEY CHECK (enrollment.mpt_id_is(id, 'LCE', 3)),
    account_id  enrollment.mpt_id NOT NULL REFERENCES enrollment.accounts (id),
    name        text NOT NULL CHECK (pg_catalog.length(name) BETWEEN 1 AND 500),
    icon        text,
    external_id text,
    eligibility_client  boolean NOT NULL DEFAULT true,
    eligibility_partner boolean NOT NULL DEFAULT false
);
CREATE INDEX ON enrollment.licensees (account_id);
COMMENT ON TABLE enrollment.licensees IS 'Licensees (LCE-dddd-dddd-dddd) of a client account: the certificant of programs applicable to Licensee';

CREATE TABLE enrollment.products (
    id          enrollment.mpt_id PRIMARY KEY CHECK (enrollment.mpt_id_is(id, 'PRD', 2)),
    vendor_id   enrollment.mpt_id NOT NULL REFERENCES enrollment.accounts (id),
    name        text NOT NULL CHECK (pg_catalog.length(name) BETWEEN 1 AND 500),
    icon        text,
    status      text NOT NULL DEFAULT 'Published'
);
CREATE INDEX ON enrollment.products (vendor_id);
COMMENT ON TABLE enrollment.products IS 'Catalog products (PRD-dddd-dddd) that programs may list; reference data';
