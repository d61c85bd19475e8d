#!/usr/bin/env bash
# The report benchmark of docs/benchmarks.md, end to end: generate a synthetic study (complete:
# every subject has every planned visit, so SUBJECTS x 24 subject-visits), start a
# server of our own on a PostgreSQL schema of our own, import the study over REST, stop the
# server, then run org.cytotrial.report.ReportBenchmark against that schema.
#
#   src/bench/report-benchmark.sh SUBJECTS CODE RUNS ONLY [ROWS]
#
#   SUBJECTS  subjects of the synthetic study (10000, 100000; 200 for a quick check)
#   CODE      study code (SYN-10K, SYN-100K, ...)
#   RUNS      runs per writer (the medians of docs/benchmarks.md are of 3)
#   ONLY      all | report | sxssf | fastexcel | streamed | memory (see ReportBenchmark)
#   ROWS      optional: the subject-visits the study must have (240000 for 10000 subjects); the
#             benchmark stops if it has another number, so every line covers the same rows
#
# Environment (defaults in brackets):
#   OFFSET [500]        server port offset: HTTP 8080+OFFSET, management 9990+OFFSET
#   SCHEMA [cytotrial_bench_reports]   PostgreSQL schema, dropped and recreated
#   PGHOST [127.0.0.1] PGPORT [5432] PGUSER [postgres] PGPASSWORD [postgres] PGDATABASE [test]
#   SERVER_HEAP [2g]    the importing server's -Xmx (6g for 100,000 subjects)
#   BENCH_HEAP [3g]     the benchmark JVM's -Xmx
#   BENCH_JAVA_OPTS []  more options for the benchmark JVM, e.g. a JFR recording
#   KEEP_STUDY []       non-empty: reuse the schema and study if already imported (skip 1-4)
#   KEEP_ZIP []         non-empty: reuse the generated zip in WORK if there is one (skip 1)
#   WORK [/tmp/cytotrial-bench]  zip, server copy and logs
#
# Run from the repository root after `mvn -q -DskipTests package` (the EAR and the configured
# WildFly in ear/target). Output: ejb/target/bench/ (the files) and the table on stdout.
set -euo pipefail

SUBJECTS=${1:?subjects}
CODE=${2:?study code}
RUNS=${3:-3}
ONLY=${4:-all}
ROWS=${5:-}
OFFSET=${OFFSET:-500}
SCHEMA=${SCHEMA:-cytotrial_bench_reports}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGPASSWORD=${PGPASSWORD:-postgres} PGDATABASE=${PGDATABASE:-test}
SERVER_HEAP=${SERVER_HEAP:-2g}
BENCH_HEAP=${BENCH_HEAP:-3g}
WORK=${WORK:-/tmp/cytotrial-bench}
HTTP=$((8080 + OFFSET))
ROOT=$(pwd)
WILDFLY=$(ls -d "$ROOT"/ear/target/wildfly-*/ | head -1)
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$PGDATABASE?currentSchema=$SCHEMA"

[[ -f ear/target/cytotrial.ear && -d "$WILDFLY" ]] || { echo "run mvn -q -DskipTests package first" >&2; exit 1; }
mkdir -p "$WORK"
if [[ ! -f ejb/target/cp.txt || ! -d ejb/target/test-classes ]]; then
    mvn -q -pl ejb test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
fi
CLASSPATH_EJB="$ROOT/ejb/target/classes:$ROOT/ejb/target/test-classes:$(cat "$ROOT/ejb/target/cp.txt")"

if [[ -z "${KEEP_STUDY:-}" ]]; then
    # 1. the study
    [[ -n "${KEEP_ZIP:-}" && -s "$WORK/$CODE.zip" ]] || java -cp "$CLASSPATH_EJB" org.cytotrial.exchange.synthetic.SyntheticStudyGenerator --code "$CODE" \
        --subjects "$SUBJECTS" --visits 24 --assessments 12 --markers 20 --seed 1 --complete --out "$WORK/$CODE.zip"

    # 2. an empty schema and a server of our own on it
    psql -q -v ON_ERROR_STOP=1 -c "drop schema if exists $SCHEMA cascade" -c "create schema $SCHEMA"
    SERVER="$WORK/wildfly-$OFFSET"
    rm -rf "$SERVER"
    cp -r "$WILDFLY" "$SERVER"
    cp ear/target/cytotrial.ear "$SERVER/standalone/deployments/"
    export JBOSS_PIDFILE="$WORK/wildfly-$OFFSET.pid" LAUNCH_JBOSS_IN_BACKGROUND=1
    CYTOTRIAL_DB_DRIVER=postgresql CYTOTRIAL_DB_URL="$JDBC&reWriteBatchedInserts=true" \
        CYTOTRIAL_DB_USER="$PGUSER" CYTOTRIAL_DB_PASSWORD="$PGPASSWORD" \
        JAVA_OPTS="-Xms512m -Xmx$SERVER_HEAP -Dcytotrial.demo=true -Dcytotrial.import.max-bytes=1073741824 -Djboss.socket.binding.port-offset=$OFFSET" \
        "$SERVER/bin/standalone.sh" > "$WORK/server-$OFFSET.log" 2>&1 &
    for _ in $(seq 1 60); do [[ -s "$JBOSS_PIDFILE" ]] && break; sleep 1; done
    PID=$(cat "$JBOSS_PIDFILE")   # the server's JVM; standalone.sh deletes the file when it stops
    trap 'kill "$PID" 2> /dev/null || true' EXIT
    for _ in $(seq 1 180); do
        curl -sf "http://localhost:$HTTP/cytotrial/api/health" > /dev/null && break
        sleep 2
    done
    curl -sf "http://localhost:$HTTP/cytotrial/api/health" > /dev/null || { echo "server did not start, see $WORK/server-$OFFSET.log" >&2; exit 1; }

    # 3. the import over REST, timed
    start=$(date +%s%N)
    curl -sS --fail-with-body -u admin:cytotrial-demo -H 'Content-Type: application/zip' --data-binary "@$WORK/$CODE.zip" \
        "http://localhost:$HTTP/cytotrial/api/studies" > "$WORK/import-$CODE.json" \
        || { echo "import failed: $(cat "$WORK/import-$CODE.json")" >&2; exit 1; }
    echo "imported $CODE in $(( ($(date +%s%N) - start) / 1000000 )) ms: $(cat "$WORK/import-$CODE.json")"

    # 4. the server is not needed for the benchmark, which reads the schema itself
    kill "$PID"
    while kill -0 "$PID" 2> /dev/null; do sleep 1; done
    trap - EXIT
fi

# 5. the benchmark (its files, and any JFR recording named in BENCH_JAVA_OPTS, go to ejb/target/bench)
cd ejb
mkdir -p target/bench
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS holds several options
java -Xmx"$BENCH_HEAP" ${BENCH_JAVA_OPTS:-} -cp "$CLASSPATH_EJB" org.cytotrial.report.ReportBenchmark \
    "$JDBC" "$PGUSER" "$PGPASSWORD" "$CODE" target/bench "$RUNS" "$ONLY" ${ROWS:+"$ROWS"}
