#!/usr/bin/env bash
# The main job: on a fresh Debian 12 machine, install what is needed, build and
# install the extension, start a throwaway cluster, and walk a sample vendor
# program from creation to a completed enrollment with its certificate, then a
# re-enrollment and expiry, printing each step (test/demo.sql).
# DEMO_REUSE_CLUSTER=1 runs only the walkthrough against $PGHOST/$PGPORT
# (test/run-tests.sh does that as a smoke test).
set -euo pipefail
cd "$(dirname "$0")/.."
. test/lib/common.sh

if [ "${DEMO_REUSE_CLUSTER:-}" != 1 ]; then
    ensure_packages
    build_and_install
    PGPORT_OVERRIDE=${PGPORT_OVERRIDE:-54330} start_cluster
fi
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS enrollment_demo" -c "CREATE DATABASE enrollment_demo" 2>/dev/null
psql -X -q -v ON_ERROR_STOP=1 -P pager=off -d enrollment_demo -f test/demo.sql
