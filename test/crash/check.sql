-- Invariants after crash recovery (test/crash/run.sh feeds the workers' acks on
-- stdin, "<enrollment id> <status>" per line).  One row per invariant:
-- name|violations.  run.sh fails when any count is not zero.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
CREATE TEMP TABLE acks (id text, status text);
\copy acks FROM pstdin WITH (DELIMITER ' ')
CREATE EXTENSION IF NOT EXISTS amcheck;

-- every CHECK constraint of the schema, evaluated again on every row (a torn or
-- half-replayed page could hold a row no INSERT or UPDATE would have let in)
CREATE FUNCTION pg_temp.check_violations() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE c record; n bigint; total bigint := 0;
BEGIN
    FOR c IN SELECT conrelid::regclass AS rel, conname, pg_get_expr(conbin, conrelid) AS expr
               FROM pg_constraint
              WHERE contype = 'c' AND connamespace = 'enrollment'::regnamespace
    LOOP
        EXECUTE format('SELECT count(*) FROM %s WHERE (%s) IS FALSE', c.rel, c.expr) INTO n;
        IF n > 0 THEN RAISE WARNING '% rows of % violate %', n, c.rel, c.conname; END IF;
        total := total + n;
    END LOOP;
    RETURN total;
END $$;

-- amcheck: every B-tree index of the schema against its parent pages and its
-- heap (heapallindexed), and every table's heap pages; counts corrupt objects
CREATE FUNCTION pg_temp.amcheck_violations() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE r record; bad bigint := 0;
BEGIN
    FOR r IN SELECT i.indexrelid::regclass AS idx FROM pg_index i
               JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
              WHERE c.relnamespace = 'enrollment'::regnamespace AND a.amname = 'btree'
    LOOP
        BEGIN
            PERFORM bt_index_parent_check(r.idx, heapallindexed => true);
        EXCEPTION WHEN OTHERS THEN
            RAISE WARNING 'index %: %', r.idx, SQLERRM;
            bad := bad + 1;
        END;
    END LOOP;
    FOR r IN SELECT c.oid::regclass AS rel FROM pg_class c
              WHERE c.relnamespace = 'enrollment'::regnamespace AND c.relkind = 'r'
    LOOP
        IF EXISTS (SELECT FROM verify_heapam(r.rel)) THEN
            RAISE WARNING 'table %: heap corruption', r.rel;
            bad := bad + 1;
        END IF;
    END LOOP;
    RETURN bad;
END $$;

\pset format unaligned
\pset tuples_only on
WITH latest AS (        -- each certificate's most recent enrollment
    SELECT DISTINCT ON (program_id, certificate_id) *
      FROM enrollment.enrollments ORDER BY program_id, certificate_id, created_at DESC
), last_history AS (    -- each enrollment's and certificate's most recent status change
    SELECT DISTINCT ON (object_type, object_id) object_type, object_id, to_status
      FROM enrollment.history
     WHERE object_type IN ('Enrollment', 'Certificate') AND to_status IS NOT NULL
     ORDER BY object_type, object_id, id DESC
)
SELECT 'acked enrollment missing or not in its acked status', count(*)
  FROM acks a LEFT JOIN enrollment.enrollments e ON e.id = a.id::enrollment.mpt_id
 WHERE e.status IS DISTINCT FROM a.status
UNION ALL
-- a New enrollment completed with nothing after it, or a re-enrollment completed
SELECT 'completed enrollment whose certificate is not Active or Expired', count(*)
  FROM latest l JOIN enrollment.certificates c ON (c.program_id, c.id) = (l.program_id, l.certificate_id)
 WHERE l.status = 'Completed' AND c.status NOT IN ('Active', 'Expired')
UNION ALL
SELECT 'issued certificate without one parameter row per definition', count(*)
  FROM enrollment.certificates c
  JOIN enrollment.parameters p ON p.program_id = c.program_id AND p.status = 'Active'
  LEFT JOIN enrollment.certificate_parameters cp
         ON (cp.program_id, cp.certificate_id, cp.parameter_id) = (c.program_id, c.id, p.id)
 WHERE c.status IN ('Active', 'Expired') AND cp.parameter_id IS NULL
UNION ALL
SELECT 'failed enrollment whose certificate is not Terminated', count(*)
  FROM latest l JOIN enrollment.certificates c ON (c.program_id, c.id) = (l.program_id, l.certificate_id)
 WHERE l.status = 'Failed' AND c.status <> 'Terminated'
UNION ALL
SELECT 'enrollment status differs from its last history row', count(*)
  FROM enrollment.enrollments e LEFT JOIN last_history h ON (h.object_type, h.object_id) = ('Enrollment', e.id)
 WHERE h.to_status IS DISTINCT FROM e.status
UNION ALL
SELECT 'certificate status differs from its last history row', count(*)
  FROM enrollment.certificates c LEFT JOIN last_history h ON (h.object_type, h.object_id) = ('Certificate', c.id)
 WHERE h.to_status IS DISTINCT FROM c.status
UNION ALL
SELECT 'program and certificant with more than one open enrollment', count(*)
  FROM (SELECT FROM enrollment.enrollments WHERE status IN ('Draft', 'Processing', 'Querying')
         GROUP BY program_id, coalesce(buyer_id, licensee_id) HAVING count(*) > 1) d
UNION ALL
SELECT 'duplicate enrollment ids', count(*) - count(DISTINCT id) FROM enrollment.enrollments
UNION ALL
SELECT 'duplicate certificate ids', count(*) - count(DISTINCT id) FROM enrollment.certificates
UNION ALL
SELECT 'rows violating a CHECK constraint', pg_temp.check_violations()
UNION ALL
SELECT 'corrupt indexes or tables (amcheck)', pg_temp.amcheck_violations();
