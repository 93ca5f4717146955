-- Rules about the repository itself, checked from its files (README "Changes").
-- Comments and tests cite README sections, never a document outside the
-- repository (a newcomer cannot open one): every *.md a file in src/, test/,
-- sql/ or expected/ names must be a README.md, or one of the benchmark's results
-- pages test/bench/RESULTS.md and test/bench/CITUS.md, which test/bench/run.sh
-- and test/bench/citus.sh write into the repository, or test/bench/PROFILE.md,
-- the profiles of the targets RESULTS.md shows missed.
-- Lists the offenders, then their count, which must be 0.
\i test/fixtures/reset.sql
\! grep -rIoE --exclude='repository_rules.*' '[A-Za-z0-9_./-]+[.]md\b' src test sql expected | grep -vE '(README|:(test/bench/|HERE/)?(RESULTS|CITUS|PROFILE))[.]md$' | sort -u; echo "citations of files outside the repository: $(grep -rIoE --exclude='repository_rules.*' '[A-Za-z0-9_./-]+[.]md\b' src test sql expected | grep -vcE '(README|:(test/bench/|HERE/)?(RESULTS|CITUS|PROFILE))[.]md$')"
