-- enrollment extension install script.
-- Assembled by the Makefile from src/sql/NN_*.sql in name order; edit the parts, not the result.
\echo Use "CREATE EXTENSION enrollment" to load this file. \quit

-- The control file pins the schema to "enrollment"; it is private (tables and C internals).
-- Nothing in it is granted to PUBLIC: the deployer grants what each API role needs (README).
REVOKE ALL ON SCHEMA enrollment FROM PUBLIC;
COMMENT ON SCHEMA enrollment IS 'Private schema of the enrollment extension: tables, types and C internals of the Program module.';
