-- Who is calling.  PostgREST puts the verified JWT payload in the transaction
-- setting request.jwt.claims; psql users and applications set the same setting
-- (SET request.jwt.claims = '{"account_id":"ACC-...","user_id":"USR-..."}', or
-- enrollment.act_as()).  Claim names: account_id (the caller's account, whose
-- type Client/Vendor/Operations comes from enrollment.accounts) and user_id.
-- An empty setting counts as absent: PostgreSQL leaves '' behind after a
-- transaction, and a Citus worker may see ''.

-- The three readers are C (render_caller.c), the same code the engine and the
-- renderers read the claims with: one statement of what counts as a caller.
CREATE FUNCTION enrollment.claims() RETURNS jsonb
    LANGUAGE c STABLE PARALLEL SAFE
    AS 'MODULE_PATHNAME', 'enr_claims';
COMMENT ON FUNCTION enrollment.claims() IS 'the request''s JWT claims (request.jwt.claims) as jsonb, NULL when unset or empty';

CREATE FUNCTION enrollment.claim_account_id() RETURNS enrollment.mpt_id
    LANGUAGE c STABLE PARALLEL SAFE
    AS 'MODULE_PATHNAME', 'enr_claim_account_id';
COMMENT ON FUNCTION enrollment.claim_account_id() IS 'the caller''s account id from the account_id claim, NULL when absent';

CREATE FUNCTION enrollment.claim_user_id() RETURNS enrollment.mpt_id
    LANGUAGE c STABLE PARALLEL SAFE
    AS 'MODULE_PATHNAME', 'enr_claim_user_id';
COMMENT ON FUNCTION enrollment.claim_user_id() IS 'the caller''s user id from the user_id claim, NULL when absent';

CREATE FUNCTION enrollment.act_as(account_id enrollment.mpt_id, user_id enrollment.mpt_id, is_local boolean DEFAULT false)
    RETURNS jsonb
    LANGUAGE sql VOLATILE SET search_path = pg_catalog, pg_temp
    RETURN pg_catalog.set_config('request.jwt.claims',
              pg_catalog.jsonb_build_object('account_id', account_id::text, 'user_id', user_id::text)::text,
              is_local)::jsonb;
COMMENT ON FUNCTION enrollment.act_as(enrollment.mpt_id, enrollment.mpt_id, boolean) IS 'for psql and applications: act as this account and user (sets request.jwt.claims for the session, or the transaction when is_local)';
