-- When the application connects as a role of its own that does not own the schema (the
-- migrations run as the owner: CYTOTRIAL_DB_MIGRATION_USER), SchemaMigrator calls
-- cytotrial_grant_runtime_role(<that role>) after every migration. The role may then read and
-- write clinical data, draw ids from the sequences, and only add rows to the audit trail: it
-- gets no UPDATE, DELETE or TRUNCATE on any audit table (*_aud, audit_revision) nor on
-- e_signature, and, owning none of them, it can neither disable nor drop their triggers. Being
-- re-run on every start, it covers tables that later migrations add.
create or replace function cytotrial_grant_runtime_role(runtime_role text) returns integer as $$
declare
    protected_table text;
    protected integer := 0;
begin
    execute format('grant usage on schema %I to %I', current_schema(), runtime_role);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', current_schema(), runtime_role);
    execute format('revoke truncate, references, trigger on all tables in schema %I from %I', current_schema(), runtime_role);
    execute format('grant usage, select on all sequences in schema %I to %I', current_schema(), runtime_role);
    for protected_table in
        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relkind in ('r', 'p')
          and (c.relname like '%\_aud' or c.relname in ('audit_revision', 'e_signature'))
    loop
        execute format('revoke update, delete on %I.%I from %I', current_schema(), protected_table, runtime_role);
        protected := protected + 1;
    end loop;
    -- the migrations' own bookkeeping is read-only for the application
    if exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where n.nspname = current_schema() and c.relname = 'flyway_schema_history') then
        execute format('revoke insert, update, delete on %I.flyway_schema_history from %I', current_schema(), runtime_role);
    end if;
    return protected;
end;
$$ language plpgsql;

-- Table statistics after a bulk import (StudyImportService): ANALYZE needs the table's owner, so
-- a runtime role that owns nothing asks this function, which runs as its owner. It can do
-- nothing but refresh statistics. A later migration that makes the import fill another table
-- replaces it with that table added.
create or replace function cytotrial_refresh_import_statistics() returns void
    language plpgsql security definer set search_path from current as $$
begin
    analyze subject, visit, lab_result, lesion, lesion_measurement, response_assessment, exposure, disposition_event,
        adverse_event, audit_revision, subject_aud, visit_aud, lab_result_aud, lesion_aud, lesion_measurement_aud,
        response_assessment_aud, exposure_aud, disposition_event_aud, adverse_event_aud;
end;
$$;
