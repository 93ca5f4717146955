-- Scaling out on Citus (README "Growing past one machine").  Citus refuses
-- create_distributed_table inside an extension script, so the deployer runs
-- SELECT enrollment.distribute() once after CREATE EXTENSION, on the
-- coordinator.  Reference data becomes reference tables (a copy on every
-- node); programs are distributed by id and everything that hangs off a
-- program by program_id, co-located, so that one program's rows, its
-- triggers' reads and writes, and every action on it stay on one shard.

CREATE FUNCTION enrollment.distribute() RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t text;
    rel regclass;
    w record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname OPERATOR(pg_catalog.=) 'citus') THEN
        RAISE EXCEPTION 'citus is not installed in this database'
            USING ERRCODE = enrollment.errcode('not_supported'),
                  DETAIL = 'enrollment.distribute() makes the extension''s tables Citus reference and distributed tables.',
                  HINT = 'Add citus to shared_preload_libraries, run CREATE EXTENSION citus and add the worker nodes first.';
    END IF;
    -- The extension's triggers (child ids, status changes, the append-only
    -- history) touch only rows of the same program and reference tables,
    -- which is what Citus asks of a trigger on a distributed table.
    PERFORM pg_catalog.set_config('citus.enable_unsafe_triggers', 'on', true);
    -- DDL on reference tables and on the tables that reference them, in one
    -- transaction: one connection per node, in order
    PERFORM pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);

    -- Keep the foreign keys as they are.  By default, making accounts a
    -- reference table while local tables still reference it turns those into
    -- Citus local tables first, whose new shell tables collide on the workers
    -- with the extension's own tables there ("relation ... already exists");
    -- the referencing tables become reference or distributed tables below.
    PERFORM pg_catalog.set_config('citus.enable_local_reference_table_foreign_keys', 'off', true);

    FOREACH t IN ARRAY ARRAY['accounts', 'users', 'buyers', 'licensees', 'products'] LOOP
        rel := pg_catalog.format('enrollment.%I', t)::regclass;
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition WHERE logicalrelid OPERATOR(pg_catalog.=) rel) THEN
            PERFORM pg_catalog.create_reference_table(rel);
        END IF;
    END LOOP;

    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition
                    WHERE logicalrelid OPERATOR(pg_catalog.=) 'enrollment.programs'::regclass) THEN
        PERFORM pg_catalog.create_distributed_table('enrollment.programs'::regclass, 'id');
    END IF;
    -- The routes of the objects that exist (src/object_route.c: the engine
    -- writes them under Citus from now on), then the table distributed by id
    -- on its own: a lookup by id is one shard.
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition
                    WHERE logicalrelid OPERATOR(pg_catalog.=) 'enrollment.object_programs'::regclass) THEN
        INSERT INTO enrollment.object_programs (id, program_id)
        SELECT e.id, e.program_id FROM enrollment.enrollments e
        UNION ALL
        SELECT c.id, c.program_id FROM enrollment.certificates c
        ON CONFLICT (id) DO NOTHING;
        PERFORM pg_catalog.create_distributed_table('enrollment.object_programs'::regclass, 'id',
                                                    colocate_with => 'none');
    END IF;
    FOREACH t IN ARRAY ARRAY['program_products', 'parameter_groups', 'parameters', 'templates',
                             'certificates', 'enrollments', 'enrollment_parameters',
                             'certificate_parameters', 'enrollment_attachments', 'history'] LOOP
        rel := pg_catalog.format('enrollment.%I', t)::regclass;
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition WHERE logicalrelid OPERATOR(pg_catalog.=) rel) THEN
            PERFORM pg_catalog.create_distributed_table(rel, 'program_id', colocate_with => 'enrollment.programs');
        END IF;
    END LOOP;

    -- Every node hands out ids from its own sequences: the actions of a
    -- session on the coordinator or on a worker take program, enrollment and
    -- certificate ids from that node's sequences, and the status trigger on a
    -- shard appends history from the sequence of the shard's node.  The
    -- extension's sequences on the workers are its own, which Citus leaves as
    -- they are, so each node moves to a range of its own (node group g): the
    -- g-th hundredth of an id space (mpt_id_generate: 10^8 program ids, 10^12
    -- enrollment and certificate ids; the coordinator keeps the first), and
    -- g << 48 for history ids as Citus does for the sequences it creates.
    -- Never backwards, so a second call changes nothing; a node added later
    -- needs another call.
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_dist_node WHERE groupid OPERATOR(pg_catalog.>=) 100) THEN
        RAISE EXCEPTION 'a node group id is 100 or more'
            USING ERRCODE = enrollment.errcode('not_supported'),
                  DETAIL = 'Each node hands out ids from its own hundredth of the id space, by node group id.';
    END IF;
    FOR w IN
        SELECT r.nodename, r.nodeport, r.result
          FROM pg_catalog.run_command_on_workers(
                 'SELECT pg_catalog.count(pg_catalog.setval(pg_catalog.format(''enrollment.%I'', s.sequencename)::regclass,'
                 '                                          v.step OPERATOR(pg_catalog.*) l.g, true))'
                 '  FROM pg_catalog.pg_dist_local_group l(g),'
                 '       (VALUES (''program_id_seq'', 1000000::bigint), (''enrollment_id_seq'', 10000000000),'
                 '               (''certificate_id_seq'', 10000000000), (''history_id_seq'', 1::bigint OPERATOR(pg_catalog.<<) 48)) v(name, step),'
                 '       pg_catalog.pg_sequences s'
                 ' WHERE s.schemaname OPERATOR(pg_catalog.=) ''enrollment'' AND s.sequencename OPERATOR(pg_catalog.=) v.name'
                 '   AND COALESCE(s.last_value, 0) OPERATOR(pg_catalog.<) (v.step OPERATOR(pg_catalog.*) l.g)') r
         WHERE NOT r.success
    LOOP
        RAISE EXCEPTION 'could not move the id sequences of worker %:% to its own range', w.nodename, w.nodeport
            USING ERRCODE = enrollment.errcode('not_supported'), DETAIL = w.result;
    END LOOP;
END $$;
COMMENT ON FUNCTION enrollment.distribute() IS
'Citus coordinator, once after CREATE EXTENSION (idempotent): accounts, users, buyers, licensees and products become reference tables, programs is distributed by id and every table that hangs off a program by program_id, co-located with programs; 0A000 without the citus extension. '
'Needs: shared_preload_libraries = citus on every node, the enrollment files installed on every node, citus.enable_unsafe_triggers (set here for the call; set it again for later DDL that adds triggers), '
'nodes that can connect to each other as the owner of the SECURITY DEFINER functions; the actions forward the caller''s claims to the workers themselves (enrollment.forward_claims)';

-- Triggers on distributed tables run on the worker that holds the shard and
-- read the caller's claims there.  Citus forwards a setting only as a SET
-- LOCAL statement under citus.propagate_set_commands = 'local' (set_config,
-- which PostgREST uses, is not forwarded), so the C actions call this first
-- (src/distributed.c).  SET takes no parameters: the statement is the one
-- built at run time here, with the value quoted by format's %L.
CREATE FUNCTION enrollment.forward_claims() RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    claims text := nullif(pg_catalog.current_setting('request.jwt.claims', true), '');
    propagate text := pg_catalog.current_setting('citus.propagate_set_commands', true);
BEGIN
    IF claims IS NULL OR propagate IS NULL THEN
        RETURN;
    END IF;
    PERFORM pg_catalog.set_config('citus.propagate_set_commands', 'local', true);
    EXECUTE pg_catalog.format('SET LOCAL request.jwt.claims = %L', claims);
    PERFORM pg_catalog.set_config('citus.propagate_set_commands', propagate, true);
END $$;
COMMENT ON FUNCTION enrollment.forward_claims() IS
'under Citus: re-issues request.jwt.claims as SET LOCAL so that Citus forwards it to the workers for the rest of the transaction (their triggers attribute changes to the caller); a no-op without claims or without Citus';

REVOKE ALL ON FUNCTION enrollment.distribute() FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.forward_claims() FROM PUBLIC;
