#!/usr/bin/env bash
# Writes the benchmark's results page and plots (test/bench/run.sh calls it):
#   bash test/bench/report.sh <work dir of run.sh> <page, e.g. test/bench/RESULTS.md>
# Reads results.tsv (scale, workload, params, run, tps, latency ms), expiry.tsv
# (scale, certificates, ms), explain_<scale>_<read>.txt and meta; writes the
# page, and SVG plots (gnuplot) into plots/ beside it.  run.sh keeps those
# inputs in results/ beside the page, so the page can be rewritten from them:
#   bash test/bench/report.sh test/bench/results test/bench/RESULTS.md
set -euo pipefail
W=$1 OUT=$2
DIR=$(dirname "$OUT") PLOTS=$(dirname "$OUT")/plots
mkdir -p "$PLOTS"
meta() { sed -n "s/^$1=//p" "$W/meta"; }
SCALES=$(meta scales | tr ',' ' ') RUNS=$(meta runs)
LAST=${SCALES##* }

# medians: scale workload params tps latency (the median run by TPS and, separately, by latency)
awk -F'\t' -v OFS='\t' '
    function median(list,    a, n, i, j, x) {   # median of a space-separated list (insertion sort: a few runs)
        n = split(list, a, " ")
        for (i = 2; i <= n; i++) { x = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
        return a[int((n + 1) / 2)]
    }
    { k = $1 OFS $2 OFS $3; if (!(k in t)) order[++m] = k
      t[k] = t[k] " " $5; l[k] = l[k] " " $6; r[k] = r[k] (r[k] == "" ? "" : " ") sprintf("%.0f", $5) }
    END { for (i = 1; i <= m; i++) { k = order[i]; print k, median(t[k]), median(l[k]), r[k] } }' "$W/results.tsv" > "$W/medians.tsv"
tps() { awk -F'\t' -v s="$1" -v w="$2" -v p="$3" '$1 == s && $2 == w && $3 == p { print $4 }' "$W/medians.tsv"; }
lat() { awk -F'\t' -v s="$1" -v w="$2" -v p="$3" '$1 == s && $2 == w && $3 == p { print $5 }' "$W/medians.tsv"; }
div() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (b == 0) print "n/a"; else printf "%.3f", a / b }'; }
fmt() { awk -v x="${1:-}" -v d="${2:-0}" -v t="$(meta read_timeout)" 'BEGIN {
    if (x == "" || x == "n/a") print "n/a"; else if (x == -1) printf "timed out (> %s s)", t; else printf "%.*f", d, x }'; }
tfmt() { awk -v x="${1:-}" 'BEGIN { if (x == "" || x == "n/a") print "n/a"; else if (x < 10) printf "%.2f", x; else printf "%.0f", x }'; }
mark() { awk -v x="${1:-n/a}" -v op="$2" -v lim="$3" 'BEGIN {
    if (x == "n/a" || x == "") { print "not measured"; exit }
    if (x == -1) { print "**missed** (timed out)"; exit }
    ok = (op == "<" ? x + 0 < lim : op == "<=" ? x + 0 <= lim : x + 0 >= lim); print ok ? "**met**" : "**missed**" }'; }

declare -A LABEL=(
    [select1]='`SELECT 1` (baseline)'
    [validate_stored]='validate a stored enrollment (engine `enrollment_validate`)'
    [plain_stored]='the same, plain PL/pgSQL + jsonb validator (baseline)'
    [validate_draft]='validate a draft document (`POST /enrollments/validate`)'
    [plain_draft]='the same document, plain PL/pgSQL validator (baseline)'
    [complete_engine]='complete only, engine `enrollment_complete` (rolled back)'
    [complete_api]='complete only, `POST /enrollments/{id}/complete` (rolled back)'
    [complete_raw]='raw SQL: the rows a completion writes, one statement (baseline, rolled back)'
    [lifecycle]='lifecycle through the API: create, values, submit, query, process, complete (6 requests)'
    [reenroll]='re-enrollment through the API: create Change, submit, complete (3 requests)'
    [bulk_create]='bulk create: 50 `create_enrollment` in one transaction (rolled back)'
    [list_vendor]='list: first 50 Processing by id, vendor (`GET /enrollments`)'
    [list_client]='list: first 50 Processing by id, client'
    [list_operations]='list: first 50 Processing by id, operations'
    [count_vendor]='exact count of Processing, vendor (`Prefer: count=exact`)'
    [count_client]='exact count of Processing, client'
    [count_operations]='exact count of Processing, operations'
    [get_client]='GET one 20-parameter enrollment by id, client'
    [get_vendor]='GET by id, vendor'
    [get_operations]='GET by id, operations'
    [render]='render 50 enrollments of 20 parameters through the view, one statement'
)
ORDER="select1 validate_stored plain_stored validate_draft plain_draft complete_engine complete_api complete_raw lifecycle reenroll bulk_create list_vendor list_client list_operations count_vendor count_client count_operations get_client get_vendor get_operations render"

# plots -------------------------------------------------------------------------
plot() {   # plot <file> <title> <xlabel> <ylabel> <logx 0|1> <data file> <series...>: one line per series (column blocks)
    local f=$1 title=$2 xl=$3 yl=$4 logx=$5 data=$6; shift 6
    local cmd="" i=0
    for s in "$@"; do
        cmd+="${cmd:+, }'$data' index $i using 1:2 with linespoints title '${s//_/ }'"
        i=$((i + 1))
    done
    gnuplot <<EOF
set terminal svg size 900,520 dynamic font 'sans,11'
set output '$f'
set title '$title'
set xlabel '$xl'
set ylabel '$yl'
set logscale y
$( [ "$logx" = 1 ] && echo "set logscale x" )
set grid
set key outside right
$( [ "$logx" = 0 ] && echo "set xtics (5, 20)" && echo "set xrange [0:25]" )
plot $cmd
EOF
}
series_scale() {   # series_scale <column 4 tps | 5 latency> <workload:params...> > data (one block per series)
    local col=$1; shift
    for s in "$@"; do
        awk -F'\t' -v w="${s%:*}" -v p="${s#*:}" -v c="$col" '$2 == w && $3 == p && $1 != "crowd" && $c > 0 { print $1, $c }' "$W/medians.tsv" | sort -n
        printf '\n\n'
    done
}
series_params() {   # series_params <column> <workload...> at the last scale
    local col=$1; shift
    for s in "$@"; do
        awk -F'\t' -v w="$s" -v sc="$LAST" -v c="$col" '$2 == w && $1 == sc && $c > 0 { print $3, $c }' "$W/medians.tsv" | sort -n
        printf '\n\n'
    done
}
PERCALL="select1:0 validate_stored:20 plain_stored:20 validate_draft:20 complete_engine:20 complete_api:20 complete_raw:20 lifecycle:20 reenroll:20 bulk_create:5"
READS="list_vendor:0 list_client:0 list_operations:0 count_vendor:0 count_client:0 count_operations:0 get_client:20 get_vendor:20 get_operations:20 render:20"
BYPARAMS="validate_stored plain_stored validate_draft plain_draft complete_engine lifecycle"
series_scale 4 $PERCALL > "$W/p1.dat"; plot "$PLOTS/throughput_scale.svg" 'Throughput against scale (median TPS, 2 clients)' 'enrollments' 'transactions per second' 1 "$W/p1.dat" $PERCALL
series_scale 5 $READS > "$W/p2.dat"; plot "$PLOTS/latency_scale.svg" 'Reads through the view under row security: latency against scale' 'enrollments' 'latency per request (ms)' 1 "$W/p2.dat" $READS
series_scale 4 $READS > "$W/p3.dat"; plot "$PLOTS/throughput_reads_scale.svg" 'Reads: throughput against scale' 'enrollments' 'transactions per second' 1 "$W/p3.dat" $READS
series_params 4 $BYPARAMS > "$W/p4.dat"; plot "$PLOTS/throughput_params.svg" "Throughput against parameter count (scale $LAST)" 'parameters per enrollment' 'transactions per second' 0 "$W/p4.dat" $BYPARAMS
series_params 5 $BYPARAMS > "$W/p5.dat"; plot "$PLOTS/latency_params.svg" "Latency against parameter count (scale $LAST)" 'parameters per enrollment' 'latency per transaction (ms)' 0 "$W/p5.dat" $BYPARAMS

# the page ------------------------------------------------------------------------
{
cat <<EOF
# Benchmark results

Written by \`bash test/bench/run.sh\` (README "Speed"); regenerate with the same command. This run:
**$(meta date)**, commit \`$(meta commit)\`, PostgreSQL $(meta server), $(meta cpus) CPUs shared with other work
(absolute figures are noisy; compare the ratios to the baselines of the same run), \`jit = $(meta jit)\`, \`shared_buffers = $(meta shared_buffers)\`.
Scales (enrollments in the bulk programs): $(meta scales); each workload ran $RUNS times for $(meta seconds) s with
\`pgbench -M prepared -c 2 -j 2\`; the figures are medians. The crowd comparison has $(meta crowd) open enrollments.

How the workloads are built (test/bench/workloads.sh): API requests replay PostgREST v13's SQL (a transaction as the
authenticator, the \`set_config\` preamble with role and \`request.jwt.claims\`, the \`WITH pgrst_source\` statement),
one transaction per request; engine workloads call the \`enrollment.*\` functions with the claims set. Complete-only,
submit, process and bulk create roll back so that every transaction acts on the same rows (the raw floor too, so the
ratios compare like with like; commits are in the lifecycle and re-enrollment). Latency is per transaction of one
client (two run at once), so it includes the round trips of BEGIN, the preamble and COMMIT.
The data: 100 programs of 20 vendors, 10,000 buyers of 100 clients (70 % Completed, 15 % Processing, 10 % Draft,
5 % Querying), bulk-loaded set-based as the engine writes them (checked against an engine-made enrollment).
The readers: vendor ACC-1100-0001 (5 programs: 5 % of the enrollments), client ACC-2100-0001 (1 %), operations (all).
Where the time goes in the targets missed, from perf: [PROFILE.md](PROFILE.md) (written by hand, not by this script).

EOF
echo "## Targets"
echo
echo "| target | measured | limit | |"
echo "|---|---|---|---|"
api=$(div "$(tps "$LAST" complete_api 20)" "$(tps "$LAST" complete_raw 20)")
eng=$(div "$(tps "$LAST" complete_engine 20)" "$(tps "$LAST" complete_raw 20)")
echo "| complete through the API vs the raw one-statement floor (20 parameters, scale $LAST) | $api x | >= 0.5 x | $(mark "$api" '>=' 0.5) |"
echo "| complete through the engine vs the raw floor | $eng x | >= 0.8 x | $(mark "$eng" '>=' 0.8) |"
r=$(awk -v l="$(lat "$LAST" render 20)" 'BEGIN { if (l == "") print "n/a"; else if (l == -1) print -1; else printf "%.1f", l * 1000 / 50 }')
echo "| render one 20-parameter enrollment (view row to JSON, 50 per statement, scale $LAST) | $(fmt "$r" 1) us | < 50 us | $(mark "$r" '<' 50) |"
for who in client vendor operations; do
    g=$(lat "$LAST" "get_$who" 20)
    echo "| GET by id through the view, $who (whole request) | $(fmt "$g" 3) ms | < 0.5 ms | $(mark "$g" '<' 0.5) |"
done
at=$LAST; [ "$LAST" -lt 1000000 ] && at="$LAST (not 1M)"
for who in vendor client; do
    l=$(lat "$LAST" "list_$who" 0)
    echo "| at $at: list the first 50 of a $who's Processing enrollments | $(fmt "$l" 3) ms | < 2 ms | $(mark "$l" '<' 2) |"
done
c=$(lat "$LAST" count_vendor 0)
echo "| at $at: exact count of one vendor's Processing | $(fmt "$c" 3) ms | < 50 ms | $(mark "$c" '<' 50) |"
if [[ " $SCALES " == *" 100000 "* ]] && [[ " $SCALES " == *" 1000000 "* ]]; then
    for w in list_vendor list_client count_vendor; do
        f=$(div "$(lat 1000000 "$w" 0)" "$(lat 100000 "$w" 0)")
        [ "$(lat 1000000 "$w" 0)" = -1 ] && f=-1
        echo "| flat from 100k to 1M: ${w/_/ } latency at 1M / at 100k | $(fmt "$f" 3) | <= 1.2 | $(mark "$f" '<=' 1.2) |"
    done
else
    echo "| flat from 100k to 1M (list, count) | not measured (scales $(meta scales)) | <= 1.2 | not measured |"
fi
for w in validate_stored submit process; do
    h=$(awk -F'\t' -v w="${w}_H5" '$1 == "crowd" && $2 == w { print $4 }' "$W/medians.tsv")
    c=$(awk -F'\t' -v w="${w}_C5" '$1 == "crowd" && $2 == w { print $4 }' "$W/medians.tsv")
    n=$(awk -F'\t' -v w="${w}_C5" '$1 == "crowd" && $2 == w { print $3 }' "$W/medians.tsv")
    n0=$(awk -F'\t' -v w="${w}_H5" '$1 == "crowd" && $2 == w { print $3 }' "$W/medians.tsv")
    d=$(awk -v h="${h:-0}" -v c="${c:-0}" 'BEGIN { if (h == 0) print "n/a"; else { x = c / h - 1; printf "%.3f", x < 0 ? -x : x } }')
    echo "| ${w/_stored/} with $n open enrollments in the program vs $n0 (5 parameters, one unique): TPS differs by | $(fmt "$(awk -v d="$d" 'BEGIN { print (d == "n/a") ? "n/a" : d * 100 }')" 1) % | <= 20 % | $(mark "$d" '<=' 0.2) |"
done
jit=$(cat "$W"/explain_*.txt | grep -c '^JIT:' || true)
plans=$(grep -l 'Execution Time' "$W"/explain_*.txt | wc -l || true) cancelled=$(grep -l 'cancelled' "$W"/explain_*.txt | wc -l || true)
echo "| no JIT on the product's statements (EXPLAIN ANALYZE of the list, count and get reads at every scale; $cancelled cancelled by the read timeout) | JIT in $jit of $plans plans | 0 | $(mark "$jit" '<=' 0) |"
v=$(div "$(tps "$LAST" validate_stored 20)" "$(tps "$LAST" select1 0)")
echo "| stored validate (20 parameters) vs \`SELECT 1\` | $v x | >= 0.5 x | $(mark "$v" '>=' 0.5) |"
echo

echo "## Throughput (TPS, median)"
echo
printf '| workload | params |'; for s in $SCALES; do printf ' %s |' "$s"; done; echo
printf '|---|---|'; for s in $SCALES; do printf -- '---|'; done; echo
for w in $ORDER; do
    for p in $(awk -F'\t' -v w="$w" '$2 == w && $1 != "crowd" { print $3 }' "$W/medians.tsv" | sort -un); do
        printf '| %s | %s |' "${LABEL[$w]}" "$p"
        for s in $SCALES; do printf ' %s |' "$(tfmt "$(tps "$s" "$w" "$p")")"; done; echo
    done
done
echo
echo "## Latency (ms per transaction of one client, median)"
echo
printf '| workload | params |'; for s in $SCALES; do printf ' %s |' "$s"; done; echo
printf '|---|---|'; for s in $SCALES; do printf -- '---|'; done; echo
for w in $ORDER; do
    for p in $(awk -F'\t' -v w="$w" '$2 == w && $1 != "crowd" { print $3 }' "$W/medians.tsv" | sort -un); do
        printf '| %s | %s |' "${LABEL[$w]}" "$p"
        for s in $SCALES; do printf ' %s |' "$(fmt "$(lat "$s" "$w" "$p")" 3)"; done; echo
    done
done
echo
echo "## Ratios to the baselines (TPS / TPS)"
echo
printf '| ratio |'; for s in $SCALES; do printf ' %s |' "$s"; done; echo
printf '|---|'; for s in $SCALES; do printf -- '---|'; done; echo
ratio() {   # ratio <label> <w> <p> <baseline w> <baseline p>
    printf '| %s |' "$1"
    for s in $SCALES; do printf ' %s |' "$(div "$(tps "$s" "$2" "$3")" "$(tps "$s" "$4" "$5")")"; done; echo
}
for p in 5 20; do
    ratio "validate stored ($p params) / \`SELECT 1\`" validate_stored $p select1 0
    ratio "validate stored ($p params) / plain PL/pgSQL validator" validate_stored $p plain_stored $p
    ratio "validate draft document ($p params, API) / plain PL/pgSQL validator" validate_draft $p plain_draft $p
done
ratio "complete, engine / raw floor (20 params)" complete_engine 20 complete_raw 20
ratio "complete, API / raw floor (20 params)" complete_api 20 complete_raw 20
ratio "complete, API / engine (20 params)" complete_api 20 complete_engine 20
ratio "raw floor / \`SELECT 1\`" complete_raw 20 select1 0
ratio "lifecycle (20 params) / raw floor" lifecycle 20 complete_raw 20
ratio "get by id (client) / \`SELECT 1\`" get_client 20 select1 0
echo
echo "Bulk create: $(awk -v t="$(tps "$LAST" bulk_create 5)" 'BEGIN { printf "%.0f", t * 50 }') enrollments per second at scale $LAST (50 per transaction, 5 parameters)."
echo
echo "## Validate, submit, process with $(meta crowd) open enrollments in the program"
echo
echo "Program C5 holds the open enrollments (Draft and Processing, each with its own unique value); H5 has the same five"
echo "definitions (one unique Subdomain) and only the benchmark's own targets. Engine calls, submit and process rolled back."
echo "Measured after the last scale; the open counts include the targets."
echo
oh=$(awk -F'\t' '$1 == "crowd" && $2 == "validate_stored_H5" { print $3 }' "$W/medians.tsv")
oc=$(awk -F'\t' '$1 == "crowd" && $2 == "validate_stored_C5" { print $3 }' "$W/medians.tsv")
echo "| action | TPS, H5 ($oh open) | TPS, C5 ($oc open) | ratio | latency ms, H5 | latency ms, C5 |"
echo "|---|---|---|---|---|---|"
for w in validate_stored submit process; do
    h=$(awk -F'\t' -v w="${w}_H5" '$1 == "crowd" && $2 == w { print $4 "\t" $5 }' "$W/medians.tsv")
    c=$(awk -F'\t' -v w="${w}_C5" '$1 == "crowd" && $2 == w { print $4 "\t" $5 }' "$W/medians.tsv")
    echo "| ${w/_stored/} | $(fmt "${h%%$'\t'*}" 0) | $(fmt "${c%%$'\t'*}" 0) | $(div "${c%%$'\t'*}" "${h%%$'\t'*}") | $(fmt "${h##*$'\t'}" 3) | $(fmt "${c##*$'\t'}" 3) |"
done
echo
echo "## The expiry job"
echo
echo "\`enrollment.expire_certificates(as_of)\` with as_of chosen so that up to 100,000 Active certificates expire, in a"
echo "transaction that is rolled back; one run, at the last scale (about 1 ms per certificate today, so it is not repeated)."
echo
echo "| scale | certificates expired | ms | us per certificate |"
echo "|---|---|---|---|"
sort -t$'\t' -k1,1n -k3,3n "$W/expiry.tsv" | awk -F'\t' -v r="$RUNS" '
    { k = $1; n[k] = $2; v[k, ++c[k]] = $3; if (!(k in seen)) { seen[k] = 1; order[++m] = k } }
    END { for (i = 1; i <= m; i++) { k = order[i]; x = v[k, int((c[k] + 1) / 2)]
          printf "| %s | %s | %.0f | %.1f |\n", k, n[k], x, n[k] ? x * 1000 / n[k] : 0 } }'
echo
echo "## Plots"
echo
for p in throughput_scale latency_scale throughput_reads_scale throughput_params latency_params; do
    echo "![$p](plots/$p.svg)"
done
echo
echo "## EXPLAIN (ANALYZE, BUFFERS) of the reads at scale $LAST"
echo
echo "As the API role with the reader's claims, the statement PostgREST sends (status = 'Processing', limit 50)."
for f in list_vendor list_client list_operations count_vendor count_client count_operations get_client; do
    [ -f "$W/explain_${LAST}_$f.txt" ] || continue
    echo
    echo "### $f"
    echo
    echo '```'
    cat "$W/explain_${LAST}_$f.txt"
    echo '```'
done
echo
echo "## Raw runs (TPS of each run)"
echo
echo "| scale | workload | params | runs |"
echo "|---|---|---|---|"
awk -F'\t' '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $6 }' "$W/medians.tsv"
} | sed -E 's/(timed out \(> [0-9]+ s\)) (ms|us)/\1/g' > "$OUT"
