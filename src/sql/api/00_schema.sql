-- The API schema, created by enrollment.create_api() as ordinary objects (not
-- extension members: README "API": how the API is installed).

CREATE SCHEMA program;
REVOKE ALL ON SCHEMA program FROM PUBLIC;
COMMENT ON SCHEMA program IS
'Program module API (REST /public/v1/program/...): views and functions only, shaped like the marketplace JSON. Expose it to PostgREST with db-schemas = program; grant it with enrollment.setup_api().';
