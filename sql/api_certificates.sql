-- POST /certificates (program.create_certificate) replayed as PostgREST sends
-- it (fixture api_rpc.sql): operations migrate an existing certificate (201
-- with the Certificate), clients and vendors are refused (403), anonymous
-- callers too (401), bad bodies are 400, an unknown program 404.
\i test/fixtures/reset.sql
\set ECHO none
\i test/fixtures/accounts.sql
\i test/fixtures/api_data.sql
\i test/fixtures/postgrest_roles.sql
\i test/fixtures/api_pgrst.sql
\c - enrollment_authenticator
\set ECHO none
\set SHOW_CONTEXT never
\pset format unaligned
\pset tuples_only on
\set fn create_certificate

\echo '-- operations migrate a certificate with values, vendor id and expiry (201)'
\set who operations
\i test/fixtures/api_as.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "client": {"id": "ACC-2000-0002"}, "buyer": {"id": "BUY-2000-0002"}, "name": "Wayne migrated", "parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "value": "777"}], "fulfillment": [{"id": "PPM-1000-0001-0002", "value": "tenant-9"}]}, "externalIds": {"vendor": "MS-9"}, "expirationDate": "2099-12-31"}'
\i test/fixtures/api_rpc.sql
\echo '-- the minimal body: program, client and the certificant (name from the program, no expiry)'
\set show status,name,program,client,licensee,expirationDate
\set body '{"program": {"id": "PRG-2000-0001"}, "client": {"id": "ACC-2000-0001"}, "licensee": {"id": "LCE-2000-0001-0001"}}'
\i test/fixtures/api_rpc.sql

\echo '-- bad bodies (400): missing program or client, bad references, shapes, the engine''s rules'
\set body '{"client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}}'
\i test/fixtures/api_rpc.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "buyer": {"id": "BUY-2000-0001"}}'
\i test/fixtures/api_rpc.sql
\set body '{"program": "PRG-1000-0001", "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}}'
\i test/fixtures/api_rpc.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}, "parameters": {"ordering": {}}}'
\i test/fixtures/api_rpc.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}, "parameters": {"orders": []}}'
\i test/fixtures/api_rpc.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}, "externalIds": {"vendor": 9}}'
\i test/fixtures/api_rpc.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}, "expirationDate": "2000-01-01"}'
\i test/fixtures/api_rpc.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}, "expirationDate": "soon"}'
\i test/fixtures/api_rpc.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0002"}}'
\i test/fixtures/api_rpc.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}, "parameters": {"ordering": [{"id": "PPM-1000-0001-0001", "value": "not digits"}]}}'
\i test/fixtures/api_rpc.sql
\set body '{"program": {"id": "PRG-1000-0001"}, "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}, "parameters": {"ordering": [{"id": "PPM-1000-0002-0001", "value": "x"}]}}'
\i test/fixtures/api_rpc.sql
\echo '-- a body key that is no field: no SQL sent (PGRST202)'
\set body '{"program": {"id": "PRG-1000-0001"}, "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}, "status": "Active"}'
\i test/fixtures/api_rpc.sql

\echo '-- the program: unknown or Deleted 404, not Published 400'
\set body '{"program": {"id": "PRG-9999-9999"}, "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}}'
\i test/fixtures/api_rpc.sql
\set body '{"program": {"id": "PRG-1000-0002"}, "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}}'
\i test/fixtures/api_rpc.sql

\echo '-- clients and vendors may not (403), anonymous callers neither (401)'
\set body '{"program": {"id": "PRG-1000-0001"}, "client": {"id": "ACC-2000-0001"}, "buyer": {"id": "BUY-2000-0001"}}'
\set who client-stark
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\set who vendor-microsoft
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\set who anonymous
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql
\set who no-account
\i test/fixtures/api_as.sql
\i test/fixtures/api_rpc.sql

\echo '-- the migrated certificate as its client then reads it (GET /certificates?id=eq.)'
\c - postgres
SELECT id AS cer FROM enrollment.certificates WHERE name = 'Wayne migrated' \gset
SELECT count(*) AS migrated, count(*) FILTER (WHERE status = 'Active') AS active FROM enrollment.certificates
 WHERE id NOT IN (SELECT certificate_id FROM enrollment.enrollments);
\c - enrollment_authenticator
\pset format unaligned
\pset tuples_only on
\set who client-wayne
\i test/fixtures/api_as.sql
\set view certificates
\set id :cer
\unset show
\i test/fixtures/api_get.sql
