-- Rules about the repository itself, checked from its files (README "Changes").
-- Comments and tests cite README sections, never a document outside the
-- repository (a newcomer cannot open one): every *.md a file in src/, test/,
-- sql/ or expected/ names must be a README.md, or the benchmark's results page
-- test/bench/RESULTS.md, which test/bench/run.sh writes into the repository.
-- Lists the offenders, then their count, which must be 0.
\i test/fixtures/reset.sql
\! grep -rIoE --exclude='repository_rules.*' '[A-Za-z0-9_./-]+[.]md\b' src test sql expected | grep -vE '(README|:(test/bench/)?RESULTS)[.]md$' | sort -u; echo "citations of files outside the repository: $(grep -rIoE --exclude='repository_rules.*' '[A-Za-z0-9_./-]+[.]md\b' src test sql expected | grep -vcE '(README|:(test/bench/)?RESULTS)[.]md$')"
