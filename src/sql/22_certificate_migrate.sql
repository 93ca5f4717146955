-- Certificate migration (README "Certificate migration"): operations bring an
-- existing certificate into the platform without an enrollment.

CREATE FUNCTION enrollment.certificate_migrate(program_id enrollment.mpt_id, client_id enrollment.mpt_id,
    buyer_id enrollment.mpt_id DEFAULT NULL, licensee_id enrollment.mpt_id DEFAULT NULL,
    name text DEFAULT NULL, parameters jsonb DEFAULT NULL, external_vendor_id text DEFAULT NULL,
    expiration_date date DEFAULT NULL)
    RETURNS enrollment.mpt_id
    AS 'MODULE_PATHNAME', 'certificate_migrate'
    LANGUAGE C VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION enrollment.certificate_migrate(enrollment.mpt_id, enrollment.mpt_id, enrollment.mpt_id, enrollment.mpt_id, text, jsonb, text, date) IS
'operations: create an Active certificate of a Published program without an enrollment (the certificant per applicableTo, of client_id, eligible as for an enrollment); parameters = {"ordering": [{"id": "PPM-…", "value": …}], "fulfillment": [...]}, each value checked against its definition; expiration_date (today or later) or, when not given, today + terminateOnExpiration.duration when enabled; audited created + activated';

REVOKE ALL ON FUNCTION enrollment.certificate_migrate(enrollment.mpt_id, enrollment.mpt_id, enrollment.mpt_id, enrollment.mpt_id, text, jsonb, text, date) FROM PUBLIC;
