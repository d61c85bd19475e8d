#!/usr/bin/env bash
# A study of COPIES x the subjects of one already imported, made in PostgreSQL itself: for a report
# benchmark at 100,000 subjects when the REST import of that many (40 minutes on an idle machine,
# hours on a loaded one) does not fit. Copy k of every subject is the same subject with its ids
# shifted by k x 10^9 and "-k" after its USUBJID (copy 0 keeps its own), with its visits, results,
# responses, lesions and measurements and adverse events shifted alike; the catalogue, study,
# arms and sites are copied as they are. Only what the report reads is copied (no audit trail,
# exposures, dispositions, marker slices): this schema is for ReportBenchmark, not the server.
#
#   src/bench/replicate-study.sh SOURCE_SCHEMA TARGET_SCHEMA COPIES
#
# PostgreSQL login from PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (defaults as report-benchmark.sh).
set -euo pipefail
SOURCE=${1:?source schema}
TARGET=${2:?target schema}
COPIES=${3:?copies}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGPASSWORD=${PGPASSWORD:-postgres} PGDATABASE=${PGDATABASE:-test}

# table -> the columns holding ids of copied rows
declare -A SHIFT=(
    [subject]="id"
    [visit]="id subject_id"
    [lab_result]="id subject_id visit_id"
    [response_assessment]="id subject_id visit_id"
    [lesion]="id subject_id identified_visit_id"
    [lesion_measurement]="id lesion_id visit_id"
    [adverse_event]="id subject_id"
)
WHOLE="study study_parameter arm site study_site marker marker_unit visit_definition"

{
    echo "set client_min_messages = warning;"
    echo "drop schema if exists $TARGET cascade; create schema $TARGET;"
    for table in $WHOLE "${!SHIFT[@]}"; do
        echo "create table $TARGET.$table (like $SOURCE.$table including defaults including constraints including indexes);"
    done
    for table in $WHOLE; do
        echo "insert into $TARGET.$table select * from $SOURCE.$table;"
    done
    for table in subject visit lab_result response_assessment lesion lesion_measurement adverse_event; do
        # the indexes are built once, after the rows
        echo "create temp table idx_$table as select indexdef from pg_indexes where schemaname = '$TARGET' and tablename = '$table';"
        echo "do \$x\$ declare r record; begin for r in select indexname from pg_indexes where schemaname = '$TARGET' and tablename = '$table' and indexdef not like 'CREATE UNIQUE%' loop execute 'drop index $TARGET.' || r.indexname; end loop; end \$x\$;"
        for k in $(seq 0 $((COPIES - 1))); do
            set_clause=""
            for column in ${SHIFT[$table]}; do
                set_clause+="${set_clause:+, }$column = $column + $k::bigint * 1000000000"
            done
            [[ $table == subject && $k -gt 0 ]] && set_clause+=", usubjid = usubjid || '-$k'"
            if [[ $k -eq 0 ]]; then
                echo "insert into $TARGET.$table select * from $SOURCE.$table;"
            else
                echo "create temp table shifted as select * from $SOURCE.$table; update shifted set $set_clause;"
                echo "insert into $TARGET.$table select * from shifted; drop table shifted;"
            fi
        done
        echo "do \$x\$ declare r record; begin for r in select indexdef from idx_$table where indexdef not like '%_pkey%' loop begin execute r.indexdef; exception when duplicate_table then null; end; end loop; end \$x\$;"
        echo "analyze $TARGET.$table;"
    done
    for table in $WHOLE; do
        echo "analyze $TARGET.$table;"
    done
} | psql -q -v ON_ERROR_STOP=1
psql -Atc "select count(*) || ' subjects, ' || (select count(*) from $TARGET.visit) || ' visits, ' || (select count(*) from $TARGET.lab_result) || ' results' from $TARGET.subject"
