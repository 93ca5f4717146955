-- The value lists of the API's fixed-set fields (statuses, types, phases...),
-- read from the engine's CHECK constraints, so that they are written in one
-- place (src/sql/1*_tables.sql; the status CHECKs are kept equal to the state
-- machines by sql/rules_drift.sql).  One row per value, in the CHECK's order,
-- without Deleted (no view shows a Deleted row).
--
-- For REST: GET /enums?name=eq.EnrollmentStatus&order=position.
-- For GraphQL (README "API": PostGraphile): the view is a PostGraphile enum
-- table.  Each enum has a column of its own that holds the value on that
-- enum's rows only (NULL elsewhere), declared an enum by a @unique smart tag;
-- the views' columns point at it with @foreignKey smart tags (41_views.sql), so
-- program.enrollments.status is the GraphQL enum EnrollmentStatus while it stays
-- a text column in SQL (a condition on it is still an index condition).
-- PostGraphile reads the rows once, when it builds its schema.
CREATE VIEW program.enums WITH (security_invoker = true) AS
SELECT f.name,
       v.value,
       v.position::integer AS position,
       CASE WHEN f.name OPERATOR(pg_catalog.=) 'ProgramStatus' THEN v.value END AS "programStatus",
       CASE WHEN f.name OPERATOR(pg_catalog.=) 'ApplicableTo' THEN v.value END AS "applicableTo",
       CASE WHEN f.name OPERATOR(pg_catalog.=) 'TemplateType' THEN v.value END AS "templateType",
       CASE WHEN f.name OPERATOR(pg_catalog.=) 'TemplateStatus' THEN v.value END AS "templateStatus",
       CASE WHEN f.name OPERATOR(pg_catalog.=) 'ParameterScope' THEN v.value END AS "parameterScope",
       CASE WHEN f.name OPERATOR(pg_catalog.=) 'ParameterPhase' THEN v.value END AS "parameterPhase",
       CASE WHEN f.name OPERATOR(pg_catalog.=) 'ParameterType' THEN v.value END AS "parameterType",
       CASE WHEN f.name OPERATOR(pg_catalog.=) 'ParameterStatus' THEN v.value END AS "parameterStatus",
       CASE WHEN f.name OPERATOR(pg_catalog.=) 'EnrollmentType' THEN v.value END AS "enrollmentType",
       CASE WHEN f.name OPERATOR(pg_catalog.=) 'EnrollmentStatus' THEN v.value END AS "enrollmentStatus",
       CASE WHEN f.name OPERATOR(pg_catalog.=) 'CertificateStatus' THEN v.value END AS "certificateStatus",
       CASE WHEN f.name OPERATOR(pg_catalog.=) 'AttachmentType' THEN v.value END AS "attachmentType"
  FROM (VALUES ('ProgramStatus', 'enrollment.programs'::pg_catalog.regclass, 'status'::pg_catalog.name),
               ('ApplicableTo', 'enrollment.programs'::pg_catalog.regclass, 'applicable_to'::pg_catalog.name),
               ('TemplateType', 'enrollment.templates'::pg_catalog.regclass, 'type'::pg_catalog.name),
               ('TemplateStatus', 'enrollment.templates'::pg_catalog.regclass, 'status'::pg_catalog.name),
               ('ParameterScope', 'enrollment.parameters'::pg_catalog.regclass, 'scope'::pg_catalog.name),
               ('ParameterPhase', 'enrollment.parameters'::pg_catalog.regclass, 'phase'::pg_catalog.name),
               ('ParameterType', 'enrollment.parameters'::pg_catalog.regclass, 'type'::pg_catalog.name),
               ('ParameterStatus', 'enrollment.parameters'::pg_catalog.regclass, 'status'::pg_catalog.name),
               ('EnrollmentType', 'enrollment.enrollments'::pg_catalog.regclass, 'type'::pg_catalog.name),
               ('EnrollmentStatus', 'enrollment.enrollments'::pg_catalog.regclass, 'status'::pg_catalog.name),
               ('CertificateStatus', 'enrollment.certificates'::pg_catalog.regclass, 'status'::pg_catalog.name),
               ('AttachmentType', 'enrollment.enrollment_attachments'::pg_catalog.regclass, 'type'::pg_catalog.name))
       AS f(name, tbl, col)
 CROSS JOIN LATERAL (
       -- the column's own CHECK (col IN (...)) or CHECK (col = '...'), as PostgreSQL prints it
       SELECT m.m[1] AS value, m.position
         FROM pg_catalog.pg_constraint c
         JOIN pg_catalog.pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) c.conrelid
                                       AND a.attname OPERATOR(pg_catalog.=) f.col,
              pg_catalog.regexp_matches(pg_catalog.pg_get_constraintdef(c.oid), '''([^'']+)''::text', 'g')
                  WITH ORDINALITY AS m(m, position)
        WHERE c.conrelid OPERATOR(pg_catalog.=) f.tbl
          AND c.contype OPERATOR(pg_catalog.=) 'c'
          AND c.conkey OPERATOR(pg_catalog.=) ARRAY[a.attnum]
          AND pg_catalog.pg_get_constraintdef(c.oid) OPERATOR(pg_catalog.~)
              ('^CHECK \(\(' OPERATOR(pg_catalog.||) pg_catalog.quote_ident(f.col)
               OPERATOR(pg_catalog.||) ' = (ANY \(ARRAY\[.*\]\)|''[^'']*''::text)\)\)$')) v
 WHERE v.value OPERATOR(pg_catalog.<>) 'Deleted'
 ORDER BY f.name, v.position;
COMMENT ON VIEW program.enums IS
E'@enum\n'
 '@unique programStatus|@enum|@enumName ProgramStatus\n'
 '@unique applicableTo|@enum|@enumName ApplicableTo\n'
 '@unique templateType|@enum|@enumName TemplateType\n'
 '@unique templateStatus|@enum|@enumName TemplateStatus\n'
 '@unique parameterScope|@enum|@enumName ParameterScope\n'
 '@unique parameterPhase|@enum|@enumName ParameterPhase\n'
 '@unique parameterType|@enum|@enumName ParameterType\n'
 '@unique parameterStatus|@enum|@enumName ParameterStatus\n'
 '@unique enrollmentType|@enum|@enumName EnrollmentType\n'
 '@unique enrollmentStatus|@enum|@enumName EnrollmentStatus\n'
 '@unique certificateStatus|@enum|@enumName CertificateStatus\n'
 '@unique attachmentType|@enum|@enumName AttachmentType\n'
 'The allowed values of the API''s statuses and types (GET /program/enums?name=eq.EnrollmentStatus), read from the engine''s CHECK constraints; Deleted is left out (no view shows it). Each value also appears in the column of its enum, for GraphQL (PostGraphile enum table).';
COMMENT ON COLUMN program.enums.name IS 'the enum, e.g. EnrollmentStatus (the GraphQL type name)';
COMMENT ON COLUMN program.enums.value IS 'one allowed value, as the views and functions spell it';
COMMENT ON COLUMN program.enums.position IS 'position of the value in its list';
COMMENT ON COLUMN program.enums."programStatus" IS 'the value on the rows of ProgramStatus, NULL elsewhere (the GraphQL enum''s column)';
COMMENT ON COLUMN program.enums."applicableTo" IS 'the value on the rows of ApplicableTo, NULL elsewhere (the GraphQL enum''s column)';
COMMENT ON COLUMN program.enums."templateType" IS 'the value on the rows of TemplateType, NULL elsewhere (the GraphQL enum''s column)';
COMMENT ON COLUMN program.enums."templateStatus" IS 'the value on the rows of TemplateStatus, NULL elsewhere (the GraphQL enum''s column)';
COMMENT ON COLUMN program.enums."parameterScope" IS 'the value on the rows of ParameterScope, NULL elsewhere (the GraphQL enum''s column)';
COMMENT ON COLUMN program.enums."parameterPhase" IS 'the value on the rows of ParameterPhase, NULL elsewhere (the GraphQL enum''s column)';
COMMENT ON COLUMN program.enums."parameterType" IS 'the value on the rows of ParameterType, NULL elsewhere (the GraphQL enum''s column)';
COMMENT ON COLUMN program.enums."parameterStatus" IS 'the value on the rows of ParameterStatus, NULL elsewhere (the GraphQL enum''s column)';
COMMENT ON COLUMN program.enums."enrollmentType" IS 'the value on the rows of EnrollmentType, NULL elsewhere (the GraphQL enum''s column)';
COMMENT ON COLUMN program.enums."enrollmentStatus" IS 'the value on the rows of EnrollmentStatus, NULL elsewhere (the GraphQL enum''s column)';
COMMENT ON COLUMN program.enums."certificateStatus" IS 'the value on the rows of CertificateStatus, NULL elsewhere (the GraphQL enum''s column)';
COMMENT ON COLUMN program.enums."attachmentType" IS 'the value on the rows of AttachmentType, NULL elsewhere (the GraphQL enum''s column)';
