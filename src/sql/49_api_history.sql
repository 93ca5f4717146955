-- History through the API (README "History"): the events of an enrollment or a
-- certificate with what each one changed, and the object as it stood at a
-- given time.  Both read the state snapshots that every history row of these
-- objects carries (24_history_state.sql); nothing here writes.
--
-- One renderer, enrollment.history_render, turns a snapshot into the object's
-- API JSON; the as-of answer is the rendering of the last snapshot at or
-- before the time asked, and an event's "changes" are the difference between
-- the renderings of its snapshot and the one before.  So as-of and history
-- agree by construction, and the caller's view (hidden parameters) is applied
-- once, in the renderer.
--
-- Times: a history row's "at" is its transaction's start (now()), the time
-- every audit stamp carries.  Rows of one object are ordered by id: the
-- object's row lock serialises its changes, so id order is change order.
--
-- Not in the snapshot's rendering: validation errors (the enrollment's error
-- and each parameter's), which validation rewrites whenever it runs without
-- writing history.  References (certificate, program, buyer, licensee,
-- assignee) are given by id; the template as its reference today.

CREATE FUNCTION enrollment.history_parameters(instances jsonb, show_hidden boolean, hidden_now enrollment.mpt_id[])
    RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN (SELECT pg_catalog.jsonb_build_object(
                'ordering', coalesce(pg_catalog.jsonb_agg(enrollment.api_parameter_instance(
                                         v.parameter_id, v.external_id, v.name, v.type, v.phase,
                                         v.hidden, v.readonly, v.required, v.value, NULL)
                                         ORDER BY v.display_order, v.parameter_id)
                                         FILTER (WHERE v.phase OPERATOR(pg_catalog.=) 'Order'), '[]'::jsonb),
                'fulfillment', coalesce(pg_catalog.jsonb_agg(enrollment.api_parameter_instance(
                                         v.parameter_id, v.external_id, v.name, v.type, v.phase,
                                         v.hidden, v.readonly, v.required, v.value, NULL)
                                         ORDER BY v.display_order, v.parameter_id)
                                         FILTER (WHERE v.phase OPERATOR(pg_catalog.=) 'Fulfillment'), '[]'::jsonb))
              FROM pg_catalog.jsonb_to_recordset(instances) AS v(parameter_id enrollment.mpt_id, phase text, type text,
                                                                 name text, external_id text, display_order integer,
                                                                 hidden boolean, readonly boolean, required boolean,
                                                                 value jsonb)
             WHERE show_hidden
                OR NOT (v.hidden OR v.parameter_id OPERATOR(pg_catalog.=) ANY (coalesce(hidden_now, '{}'))));
COMMENT ON FUNCTION enrollment.history_parameters(jsonb, boolean, enrollment.mpt_id[]) IS
'the "parameters" {ordering, fulfillment} of a history snapshot''s instances, as the views render them (without errors); unless show_hidden, instances hidden then or now (hidden_now) are left out';

CREATE FUNCTION enrollment.history_render(object_type text, state jsonb, show_hidden boolean) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN CASE object_type
    WHEN 'Enrollment' THEN (
        SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
                   'id', e.id,
                   'certificate', pg_catalog.jsonb_build_object('id', e.certificate_id),
                   'program', pg_catalog.jsonb_build_object('id', e.program_id),
                   'applicableTo', e.applicable_to,
                   'type', e.type,
                   'buyer', CASE WHEN e.buyer_id IS NOT NULL THEN pg_catalog.jsonb_build_object('id', e.buyer_id) END,
                   'licensee', CASE WHEN e.licensee_id IS NOT NULL THEN pg_catalog.jsonb_build_object('id', e.licensee_id) END,
                   'eligibility', pg_catalog.jsonb_build_object('client', e.eligibility_client, 'partner', e.eligibility_partner),
                   'status', e.status,
                   'notes', e.notes,
                   'statusNotes', e.status_notes,
                   'assignee', CASE WHEN e.assignee_id IS NOT NULL THEN pg_catalog.jsonb_build_object('id', e.assignee_id) END,
                   'parameters', enrollment.history_parameters(state OPERATOR(pg_catalog.->) 'parameters', show_hidden,
                       ARRAY(SELECT v.parameter_id FROM enrollment.enrollment_parameters v
                              WHERE v.program_id OPERATOR(pg_catalog.=) e.program_id
                                AND v.enrollment_id OPERATOR(pg_catalog.=) e.id AND v.hidden)),
                   'template', enrollment.api_template_ref(e.program_id, e.template_id),
                   'audit', enrollment.api_enrollment_audit(e),
                   'revision', e.revision,
                   'name', e.name))
          FROM pg_catalog.jsonb_populate_record(NULL::enrollment.enrollments, state) e)
    WHEN 'Certificate' THEN (
        SELECT pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
                   'id', c.id,
                   'name', c.name,
                   'program', pg_catalog.jsonb_build_object('id', c.program_id),
                   'client', pg_catalog.jsonb_build_object('id', c.client_id),
                   'applicableTo', c.applicable_to,
                   'buyer', CASE WHEN c.buyer_id IS NOT NULL THEN pg_catalog.jsonb_build_object('id', c.buyer_id) END,
                   'licensee', CASE WHEN c.licensee_id IS NOT NULL THEN pg_catalog.jsonb_build_object('id', c.licensee_id) END,
                   'eligibility', pg_catalog.jsonb_build_object('client', c.eligibility_client, 'partner', c.eligibility_partner),
                   'externalIds', pg_catalog.jsonb_build_object('vendor', c.external_id_vendor),
                   'status', c.status,
                   'statusNotes', c.status_notes,
                   'expirationDate', c.expiration_date,
                   'template', enrollment.api_template_ref(c.program_id, c.template_id),
                   'parameters', enrollment.history_parameters(state OPERATOR(pg_catalog.->) 'parameters', show_hidden,
                       ARRAY(SELECT v.parameter_id FROM enrollment.certificate_parameters v
                              WHERE v.program_id OPERATOR(pg_catalog.=) c.program_id
                                AND v.certificate_id OPERATOR(pg_catalog.=) c.id AND v.hidden)),
                   'audit', enrollment.api_certificate_audit(c),
                   'revision', c.revision))
          FROM pg_catalog.jsonb_populate_record(NULL::enrollment.certificates, state) c)
    END;
COMMENT ON FUNCTION enrollment.history_render(text, jsonb, boolean) IS
'a history snapshot of an Enrollment or Certificate as the API JSON of the object at that time (the view''s fields and names, references by id, no validation errors, null fields omitted); unless show_hidden, parameters hidden then or now are left out';

CREATE FUNCTION enrollment.history_diff(before jsonb, after jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN (SELECT coalesce(pg_catalog.jsonb_object_agg(d.k, d.v), '{}'::jsonb)
              FROM (SELECT k.k,
                           CASE WHEN k.k OPERATOR(pg_catalog.<>) 'parameters'
                                THEN coalesce(after OPERATOR(pg_catalog.->) k.k, 'null'::jsonb)
                                ELSE (SELECT pg_catalog.jsonb_object_agg(p.phase, p.changed)
                                        FROM (SELECT l.phase, pg_catalog.jsonb_agg(i.x ORDER BY i.n) AS changed
                                                FROM pg_catalog.jsonb_each(after OPERATOR(pg_catalog.->) 'parameters') AS l(phase, list),
                                                     pg_catalog.jsonb_array_elements(l.list) WITH ORDINALITY AS i(x, n)
                                               WHERE NOT EXISTS (
                                                     SELECT 1 FROM pg_catalog.jsonb_array_elements(
                                                                 before OPERATOR(pg_catalog.#>) ARRAY['parameters', l.phase]) AS o(x)
                                                      WHERE o.x OPERATOR(pg_catalog.=) i.x)
                                               GROUP BY l.phase) p) END AS v
                      FROM pg_catalog.jsonb_object_keys(coalesce(before, '{}'::jsonb) OPERATOR(pg_catalog.||) after) AS k(k)
                     WHERE k.k OPERATOR(pg_catalog.<>) ALL ('{status,audit,revision}'::text[])
                       AND (before OPERATOR(pg_catalog.->) k.k) IS DISTINCT FROM (after OPERATOR(pg_catalog.->) k.k)) d
             WHERE d.v IS NOT NULL);
COMMENT ON FUNCTION enrollment.history_diff(jsonb, jsonb) IS
'"changes" of a history event: the fields of after (a history_render) that differ from before, with their new values (null: removed); for parameters, per phase the instances that are new or differ; status, audit and revision are left out (the event''s from, to, at and by say them)';

CREATE FUNCTION enrollment.history_events(object_type text, id enrollment.mpt_id, show_hidden boolean DEFAULT true)
    RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN (SELECT coalesce(pg_catalog.jsonb_agg(
                       coalesce(enrollment.api_event(r.at, r.by_user_id), '{}'::jsonb)
                       OPERATOR(pg_catalog.||) pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
                           'event', r.event, 'from', r.from_status, 'to', r.to_status))
                       OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object('changes',
                           CASE WHEN r.event OPERATOR(pg_catalog.~~) 'platform.program.enrollment.attachment.%'
                                THEN coalesce(r.notes, '{}'::jsonb)
                                ELSE enrollment.history_diff(r.before, r.after) END)
                       ORDER BY r.id), '[]'::jsonb)
              FROM (SELECT h.id, h.event, h.at, h.by_user_id, h.from_status, h.to_status, h.notes, s.after,
                           pg_catalog.lag(s.after) OVER (ORDER BY h.id) AS before
                      FROM enrollment.history h,
                           LATERAL (SELECT enrollment.history_render(h.object_type, h.state, show_hidden) AS after) s
                     WHERE h.object_id OPERATOR(pg_catalog.=) history_events.id
                       AND h.object_type OPERATOR(pg_catalog.=) history_events.object_type) r);
COMMENT ON FUNCTION enrollment.history_events(text, enrollment.mpt_id, boolean) IS
'the history of an Enrollment or Certificate as a JSON array in order: {event, at, by{id, name}, from, to, changes}; changes is history_diff of consecutive snapshots (the created event: the initial state), for attachment events the attachment fields written; unless show_hidden, hidden parameters are left out';

CREATE FUNCTION enrollment.history_as_of(object_type text, id enrollment.mpt_id, at timestamptz, show_hidden boolean DEFAULT true)
    RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    result jsonb;
BEGIN
    SELECT enrollment.history_render(h.object_type, h.state, show_hidden) INTO result
      FROM enrollment.history h
     WHERE h.object_id OPERATOR(pg_catalog.=) history_as_of.id
       AND h.object_type OPERATOR(pg_catalog.=) history_as_of.object_type
       AND h.state IS NOT NULL
       AND h.at OPERATOR(pg_catalog.<=) history_as_of.at
     ORDER BY h.id DESC
     LIMIT 1;
    IF result IS NULL THEN
        RAISE EXCEPTION '% % did not exist at that time', pg_catalog.lower(object_type), id
            USING ERRCODE = enrollment.errcode('not_found'),
                  DETAIL = 'Its history starts later, or it has no history.';
    END IF;
    RETURN result;
END $$;
COMMENT ON FUNCTION enrollment.history_as_of(text, enrollment.mpt_id, timestamptz, boolean) IS
'an Enrollment or Certificate as it stood at a time: history_render of its last snapshot at or before it; PT404 (HTTP 404) when its history starts later or it has none';

CREATE FUNCTION enrollment.enrollment_as_of(id enrollment.mpt_id, at timestamptz, show_hidden boolean DEFAULT true)
    RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN enrollment.history_as_of('Enrollment', id, at, show_hidden);
COMMENT ON FUNCTION enrollment.enrollment_as_of(enrollment.mpt_id, timestamptz, boolean) IS
'the enrollment as it stood at a time (status, name, notes, statusNotes, assignee, template, parameter values by phase, audit, revision), from its history; PT404 when it did not exist yet; show_hidden false leaves hidden parameters out';

CREATE FUNCTION enrollment.certificate_as_of(id enrollment.mpt_id, at timestamptz, show_hidden boolean DEFAULT true)
    RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    RETURN enrollment.history_as_of('Certificate', id, at, show_hidden);
COMMENT ON FUNCTION enrollment.certificate_as_of(enrollment.mpt_id, timestamptz, boolean) IS
'the certificate as it stood at a time (status, name, statusNotes, externalIds, expirationDate, template, parameter values by phase, audit, revision), from its history; PT404 when it did not exist yet; show_hidden false leaves hidden parameters out';

-- the helpers stay the owner's
REVOKE ALL ON FUNCTION enrollment.history_parameters(jsonb, boolean, enrollment.mpt_id[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.history_render(text, jsonb, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.history_diff(jsonb, jsonb) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.history_events(text, enrollment.mpt_id, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.history_as_of(text, enrollment.mpt_id, timestamptz, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.enrollment_as_of(enrollment.mpt_id, timestamptz, boolean) FROM PUBLIC;
REVOKE ALL ON FUNCTION enrollment.certificate_as_of(enrollment.mpt_id, timestamptz, boolean) FROM PUBLIC;
