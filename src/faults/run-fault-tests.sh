#!/usr/bin/env bash
# Runs the fault tests for real, and only them: FaultsIT starts a WildFly of its own (not demo
# mode), kills it with SIGKILL in the middle of a large import, of a study lock and of a visit
# save, cuts its database connection mid-request, and checks after each fault that nothing was
# half-saved and the audit trail is consistent (docs/validation.md, FT-1 to FT-4).
#
#   src/faults/run-fault-tests.sh [more Maven options, e.g. -o, or -Dit.test=FaultsIT#oneTest]
#
# `mvn verify` builds what is not built yet (modules, EAR, the unpacked and configured WildFly);
# unit tests, the Arquillian integration tests and the demo test are left out. Needs PostgreSQL as
# for `mvn verify` (README). 2–4 minutes on 2 idle cores.
#
# Environment (each becomes the -D property of the same name; unset: the build's default):
#   IT_PORT_OFFSET         it.port.offset; the fault server uses it + 50 (8130 for offset 0)
#   IT_FAULTS_PORT_OFFSET  it.faults.port.offset: the fault server's port offset itself
#   IT_DB_SCHEMA           it.db.schema; the fault tests use <schema>_faults, dropped and recreated
#                          (the build resets <schema> too: give another checkout's run its own)
#   IT_FAULTS_SUBJECTS     it.faults.subjects: subjects of the study killed mid-import [2000]
#   IT_HTTP_PORT, IT_MANAGEMENT_PORT  it.http.port, it.management.port (Arquillian's server,
#                          not started here; passed on so that a checkout's settings stay together)
#
# Results: ear/target/failsafe-reports/failsafe-summary-faults.xml and …FaultsIT.txt; the fault
# server's log: ear/target/faults-server/console.log.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Only the failsafe execution "faults" (ear/pom.xml) runs. Not -Dit.test=FaultsIT: it overrides
# every execution's includes and excludes, so the fault tests would also run in the default
# execution, twice in all.
args=(-B verify
      -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
      -Dit.arquillian.skip=true -Dit.demo.skip=true -Dit.faults.skip=false)
pass() { # environment variable, property
    if [ -n "${!1:-}" ]; then args+=("-D$2=${!1}"); fi
}
pass IT_PORT_OFFSET it.port.offset
pass IT_FAULTS_PORT_OFFSET it.faults.port.offset
pass IT_DB_SCHEMA it.db.schema
pass IT_FAULTS_SUBJECTS it.faults.subjects
pass IT_HTTP_PORT it.http.port
pass IT_MANAGEMENT_PORT it.management.port

report=ear/target/failsafe-reports/org.cytotrial.it.faults.FaultsIT.txt
rm -f "$report"   # a report of an earlier run must not pass for this one's
echo "[faults] mvn ${args[*]} $*"
status=0
mvn "${args[@]}" "$@" || status=$?
if [ -f "$report" ]; then
    cat "$report"
fi
exit "$status"
