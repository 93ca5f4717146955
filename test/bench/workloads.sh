# The pgbench scripts of the benchmark (sourced by test/bench/run.sh), written
# into $WORK.  API workloads replay what PostgREST v13 sends for the request
# (README "API"): a READ WRITE (POST /rpc) or READ ONLY (GET) transaction as
# the authenticator, the set_config preamble that switches to the API role and
# sets request.jwt.claims (:claims, -D), then the WITH pgrst_source statement;
# pgbench -M prepared prepares each statement once per connection as PostgREST
# does.  Engine workloads call the enrollment.* functions as the superuser with
# the claims in PGOPTIONS.  The targets are named from the pgbench client
# (:c = client_id + 1) and the program number (:pp), test/bench/hot.sql.
# Only public objects are used: program.* views and functions, enrollment.*
# engine functions; the raw floor writes the tables directly, as its point is.

PGRST_PATH='"program", "public", "enrollment"'   # db-schemas + db-extra-search-path (README "API")

pre() {   # pre <method> <path>: the PostgREST preamble
    cat <<EOF
SELECT set_config('search_path', '$PGRST_PATH', true), set_config('role', 'enrollment_web', true),
       set_config('request.jwt.claims', :claims, true), set_config('request.method', '$1', true),
       set_config('request.path', '$2', true),
       set_config('request.headers', '{"accept":"application/json","authorization":"Bearer x","content-type":"application/json"}', true),
       set_config('request.cookies', '{}', true);
EOF
}

rpc_stmt() {   # rpc_stmt <fn> <"name type" list, comma separated> <body SQL expression> [\gset prefix]
    # every function called here answers a program.enrollments row: PostgREST's
    # single-composite form, the outer read aliased to the type's name
    local fn=$1 coldefs=$2 body=$3 gset=${4:-} cols args end=';'
    cols=$(echo "$coldefs" | sed -E 's/"([^"]+)" [^,]+/"\1"/g')
    args=$(echo "$cols" | sed -E 's/"([^"]+)"/"\1" := pgrst_body."\1"/g')
    [ -n "$gset" ] && end=$'\n'"\\gset $gset"
    cat <<EOF
WITH pgrst_source AS (SELECT "pgrst_call".* FROM (SELECT ($body)::json AS json_data) pgrst_payload,
    LATERAL (SELECT $cols FROM json_to_record(pgrst_payload.json_data) AS _($coldefs) LIMIT 1) pgrst_body ,
    LATERAL "program"."$fn"($args) pgrst_call)
  SELECT null::bigint AS total_result_set, 1 AS page_total, coalesce(json_agg(_postgrest_t)->0, 'null') AS body,
         nullif(current_setting('response.headers', true), '') AS response_headers,
         nullif(current_setting('response.status', true), '') AS response_status, '' AS response_inserted
    FROM (SELECT "enrollments".* FROM "pgrst_source" AS "enrollments") _postgrest_t$end
EOF
}

rpc() {   # rpc <claims var> <fn> <coldefs> <body> [COMMIT|ROLLBACK] [\gset prefix]: one POST /rpc request
    echo "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE;"
    pre POST "/rpc/$2" | sed "s/:claims/:$1/"
    rpc_stmt "$2" "$3" "$4" "${6:-}"
    echo "${5:-COMMIT};"
}

get_stmt() {   # get_stmt <where> <order/limit> [count]: GET /enrollments (the shape of postgrest-sql section 2a)
    local count_cte='' total='null::bigint'
    if [ -n "${3:-}" ]; then
        count_cte=", pgrst_source_count AS (SELECT 1 FROM \"program\".\"enrollments\" WHERE $1)"
        total='(SELECT pg_catalog.count(*) FROM pgrst_source_count)'
    fi
    cat <<EOF
WITH pgrst_source AS ( SELECT "program"."enrollments".* FROM "program"."enrollments" WHERE $1 $2 )$count_cte
  SELECT $total AS total_result_set, pg_catalog.count(_postgrest_t) AS page_total,
         coalesce(json_agg(_postgrest_t), '[]') AS body,
         nullif(current_setting('response.headers', true), '') AS response_headers,
         nullif(current_setting('response.status', true), '') AS response_status, '' AS response_inserted
    FROM ( SELECT * FROM pgrst_source ) _postgrest_t;
EOF
}

get() {   # get <where> <order/limit> [count]: one GET /enrollments request
    echo "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;"
    pre GET /enrollments
    get_stmt "$@"
    echo "COMMIT;"
}

ENR="('ENR-99' || :pp || '-000' || :w || '-000' || :c)"   # this client's target of workload :w

write_workloads() {   # write_workloads <dir>
    local d=$1
    echo 'SELECT 1;' > "$d/select1.sql"
    # validate a stored enrollment: the engine, and the plain PL/pgSQL validator
    printf '\\set c 1 + :client_id\n\\set w 1\nSELECT enrollment.enrollment_validate(%s::enrollment.mpt_id);\n' "$ENR" > "$d/validate_stored.sql"
    printf '\\set c 1 + :client_id\n\\set w 1\nSELECT bench.plain_validate_stored(%s::enrollment.mpt_id);\n' "$ENR" > "$d/plain_stored.sql"
    # validate a draft document: POST /enrollments/validate (one unnamed json parameter: the body is passed whole)
    { echo "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE;"; pre POST /rpc/validate_enrollment
      cat <<'EOF'
WITH pgrst_source AS (SELECT pgrst_call.pgrst_scalar FROM (SELECT "program"."validate_enrollment"(:doc::json) pgrst_scalar) pgrst_call)
  SELECT null::bigint AS total_result_set, 1 AS page_total, coalesce(json_agg(_postgrest_t.pgrst_scalar)->0, 'null') AS body,
         nullif(current_setting('response.headers', true), '') AS response_headers,
         nullif(current_setting('response.status', true), '') AS response_status, '' AS response_inserted
    FROM (SELECT "validate_enrollment".* FROM "pgrst_source" AS "validate_enrollment") _postgrest_t;
COMMIT;
EOF
    } > "$d/validate_draft.sql"
    echo 'SELECT bench.plain_validate(:prg::enrollment.mpt_id, NULL, :dordering::jsonb);' > "$d/plain_draft.sql"
    # submit and process through the engine, rolled back so that every transaction acts on the same enrollment
    printf '\\set c 1 + :client_id\n\\set w 2\nBEGIN;\nSELECT enrollment.enrollment_submit(%s::enrollment.mpt_id);\nROLLBACK;\n' "$ENR" > "$d/submit.sql"
    printf '\\set c 1 + :client_id\n\\set w 3\nBEGIN;\nSELECT enrollment.enrollment_process(%s::enrollment.mpt_id);\nROLLBACK;\n' "$ENR" > "$d/process.sql"
    # complete only (rolled back likewise): the engine, the API, and the raw one-statement floor
    printf '\\set c 1 + :client_id\n\\set w 4\nBEGIN;\nSELECT enrollment.enrollment_complete(%s::enrollment.mpt_id);\nROLLBACK;\n' "$ENR" > "$d/complete_engine.sql"
    { printf '\\set c 1 + :client_id\n\\set w 4\n'
      rpc vclaims complete_enrollment '"id" text' "json_build_object('id', $ENR)" ROLLBACK; } > "$d/complete_api.sql"
    { printf '\\set c 1 + :client_id\n\\set w 4\nBEGIN;\n'
      cat <<EOF
WITH e AS (UPDATE enrollment.enrollments SET status = 'Completed', template_id = :ctpl, revision = revision + 1,
                  updated_at = now(), updated_by = 'USR-1000-0001', completed_at = now(), completed_by = 'USR-1000-0001'
            WHERE program_id OPERATOR(enrollment.=) :prg AND id OPERATOR(enrollment.=) $ENR::enrollment.mpt_id AND status = 'Processing'
           RETURNING *),
     c AS (UPDATE enrollment.certificates c SET status = 'Active', template_id = e.template_id, revision = c.revision + 1,
                  updated_at = now(), updated_by = 'USR-1000-0001', activated_at = now(), activated_by = 'USR-1000-0001',
                  expiration_date = current_date + 365
             FROM e WHERE c.program_id OPERATOR(enrollment.=) e.program_id AND c.id OPERATOR(enrollment.=) e.certificate_id
           RETURNING c.*),
     v AS (SELECT v.* FROM enrollment.enrollment_parameters v, e
            WHERE v.program_id OPERATOR(enrollment.=) e.program_id AND v.enrollment_id OPERATOR(enrollment.=) e.id),
     p AS (INSERT INTO enrollment.certificate_parameters (program_id, certificate_id, parameter_id, phase, type, name,
                  external_id, display_order, hidden, readonly, required, "unique", value)
           SELECT v.program_id, c.id, v.parameter_id, v.phase, v.type, v.name, v.external_id, v.display_order,
                  v.hidden, v.readonly, v.required, v."unique", v.value FROM v, c
           RETURNING *),
     h AS (INSERT INTO enrollment.history (program_id, object_type, object_id, event, from_status, to_status,
                  by_user_id, by_account_id, notes, state)
           SELECT e.program_id, 'Enrollment', e.id, 'platform.program.enrollment.completed', 'Processing', 'Completed',
                  'USR-1000-0001', 'ACC-1000-0001', jsonb_build_object('action', 'complete', 'template', e.template_id),
                  to_jsonb(e) || jsonb_build_object('parameters', (SELECT jsonb_agg(to_jsonb(v) - 'program_id' - 'enrollment_id') FROM v))
             FROM e
           UNION ALL
           SELECT c.program_id, 'Certificate', c.id, 'platform.program.certificate.activated', 'Pending', 'Active',
                  'USR-1000-0001', 'ACC-1000-0001', jsonb_build_object('action', 'activate', 'template', c.template_id, 'expirationDate', c.expiration_date),
                  to_jsonb(c) || jsonb_build_object('parameters', (SELECT jsonb_agg(to_jsonb(p) - 'program_id' - 'certificate_id') FROM p))
             FROM c
           RETURNING 1)
SELECT count(*) FROM h;
ROLLBACK;
EOF
    } > "$d/complete_raw.sql"
    # the full lifecycle through the API, one request per transaction as PostgREST runs them:
    # create, values, submit, query (vendor), process (client), complete (vendor)
    local id="json_build_object('id', :r_body::json ->> 'id')"
    { printf '\\set b 1 + :client_id * 1000 + random(0, 999)\n\\set u random(1, 999999999)\n'
      rpc cclaims create_enrollment '"program" jsonb, "buyer" jsonb' \
          "json_build_object('program', json_build_object('id', :prg::text), 'buyer', json_build_object('id', 'BUY-9800-' || lpad(:b::text, 4, '0')))" COMMIT r_
      rpc cclaims update_enrollment '"id" text, "parameters" jsonb' \
          "json_build_object('id', :r_body::json ->> 'id', 'parameters', json_build_object('ordering', replace(:ordering, '__TAG__', 'l' || :u)::json))" COMMIT r_
      rpc cclaims submit_enrollment '"id" text' "$id" COMMIT r_
      rpc vclaims query_enrollment '"id" text, "template" jsonb' "json_build_object('id', :r_body::json ->> 'id', 'template', json_build_object('id', :qtpl::text))" COMMIT r_
      rpc cclaims process_enrollment '"id" text' "$id" COMMIT r_
      rpc vclaims complete_enrollment '"id" text' "$id" COMMIT r_; } > "$d/lifecycle.sql"
    # re-enrollment of this client's Active certificate: create (Change), submit, complete
    { printf '\\set c 1 + :client_id\n'
      rpc cclaims create_enrollment '"certificate" jsonb' \
          "json_build_object('certificate', json_build_object('id', 'CER-99' || :pp || '-0006-000' || :c))" COMMIT r_
      rpc cclaims submit_enrollment '"id" text' "$id" COMMIT r_
      rpc vclaims complete_enrollment '"id" text' "$id" COMMIT r_; } > "$d/reenroll.sql"
    # bulk create: 50 enrollments in one transaction through program.create_enrollment as the
    # client (PostgREST has no batch RPC: this is a batch job on the API), rolled back
    { echo "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE;"; pre POST /rpc/create_enrollment | sed 's/:claims/:cclaims/'
      cat <<'EOF'
SELECT count(program.create_enrollment(program => jsonb_build_object('id', :prg::text),
           buyer => jsonb_build_object('id', 'BUY-9700-' || lpad((:client_id * 50 + n)::text, 4, '0')),
           parameters => jsonb_build_object('ordering', replace(:ordering, '__TAG__', 'k' || n)::jsonb)))
  FROM generate_series(1, 50) n;
ROLLBACK;
EOF
    } > "$d/bulk_create.sql"
    # reads through the view under row security, for the caller in :claims
    get '"program"."enrollments"."status" = :st' 'ORDER BY "program"."enrollments"."id" ASC LIMIT :lim OFFSET :off' > "$d/list.sql"
    get '"program"."enrollments"."status" = :st' 'LIMIT :zero OFFSET :off' count > "$d/count.sql"
    { printf '\\set c 1 + :client_id\n\\set w 5\n'; get "\"program\".\"enrollments\".\"id\" = $ENR::enrollment.mpt_id" ''; } > "$d/get.sql"
    # render 50 enrollments of 20 parameters through the view in one statement (per enrollment: latency / 50);
    # octet_length, not length: counting the characters of the answer (pg_mbstrlen) was 15 % of the statement
    { echo "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY;"; pre GET /enrollments
      echo 'SELECT pg_catalog.count(*), pg_catalog.sum(pg_catalog.octet_length(json_agg::text)) FROM (SELECT json_agg(e) FROM "program"."enrollments" e WHERE e.id = ANY (:ids::enrollment.mpt_id[])) x;'
      echo "COMMIT;"; } > "$d/render.sql"
}
