-- Child ids: PPM/PPG/PTM-<program digits>-NNNN and ENA-<enrollment digits>-NNNN.
-- When a row arrives without an id, the parent's counter is bumped under the
-- parent's row lock (the UPDATE takes it), so two concurrent inserts can never
-- get the same number.  Rows that arrive with an id (pg_dump restore, migration)
-- keep it.  The trigger argument names the table's kind: TG_TABLE_NAME would
-- not do, because on a Citus shard it is the shard's name (parameters_102092).

CREATE FUNCTION enrollment.assign_child_id() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    n integer;
    parent text := NEW.program_id::text;
    kind text := TG_ARGV[0];
BEGIN
    IF NEW.id IS NOT NULL THEN
        RETURN NEW;
    END IF;
    IF kind = 'parameters' THEN
        UPDATE enrollment.programs SET last_parameter_no = last_parameter_no + 1
         WHERE id OPERATOR(pg_catalog.=) NEW.program_id RETURNING last_parameter_no INTO n;
        NEW.id := enrollment.mpt_id_child(NEW.program_id, 'PPM', n);
    ELSIF kind = 'parameter_groups' THEN
        UPDATE enrollment.programs SET last_group_no = last_group_no + 1
         WHERE id OPERATOR(pg_catalog.=) NEW.program_id RETURNING last_group_no INTO n;
        NEW.id := enrollment.mpt_id_child(NEW.program_id, 'PPG', n);
    ELSIF kind = 'templates' THEN
        UPDATE enrollment.programs SET last_template_no = last_template_no + 1
         WHERE id OPERATOR(pg_catalog.=) NEW.program_id RETURNING last_template_no INTO n;
        NEW.id := enrollment.mpt_id_child(NEW.program_id, 'PTM', n);
    ELSIF kind = 'enrollment_attachments' THEN
        UPDATE enrollment.enrollments SET last_attachment_no = last_attachment_no + 1
         WHERE program_id OPERATOR(pg_catalog.=) NEW.program_id
           AND id OPERATOR(pg_catalog.=) NEW.enrollment_id RETURNING last_attachment_no INTO n;
        parent := NEW.enrollment_id::text;
        NEW.id := enrollment.mpt_id_child(NEW.enrollment_id, 'ENA', n);
    END IF;
    IF n IS NULL THEN
        RAISE EXCEPTION 'parent of new % row not found', kind
            USING ERRCODE = enrollment.errcode('not_found'),
                  DETAIL = pg_catalog.format('No parent object %s exists.', parent);
    END IF;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION enrollment.assign_child_id() IS 'trigger: gives a new child row the next per-parent id when it has none';

CREATE TRIGGER parameters_assign_id BEFORE INSERT ON enrollment.parameters
    FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION enrollment.assign_child_id('parameters');
CREATE TRIGGER parameter_groups_assign_id BEFORE INSERT ON enrollment.parameter_groups
    FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION enrollment.assign_child_id('parameter_groups');
CREATE TRIGGER templates_assign_id BEFORE INSERT ON enrollment.templates
    FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION enrollment.assign_child_id('templates');
CREATE TRIGGER enrollment_attachments_assign_id BEFORE INSERT ON enrollment.enrollment_attachments
    FOR EACH ROW WHEN (NEW.id IS NULL) EXECUTE FUNCTION enrollment.assign_child_id('enrollment_attachments');
