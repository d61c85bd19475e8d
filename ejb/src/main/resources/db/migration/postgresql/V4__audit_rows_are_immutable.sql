-- Audit rows can be added, never changed or removed, whoever connects: a trigger rather than
-- grants, because the demo and test installations connect as the database owner.
create or replace function cytotrial_refuse_audit_change() returns trigger as $$
begin
    raise exception 'audit trail rows cannot be changed or deleted (table %, operation %)', TG_TABLE_NAME, TG_OP
        using errcode = 'insufficient_privilege';
end;
$$ language plpgsql;

-- Protects every audit table that is not yet protected. A later migration that adds an audit
-- table ends with: select cytotrial_protect_audit_tables();
create or replace function cytotrial_protect_audit_tables() returns integer as $$
declare
    audit_table text;
    protected integer := 0;
begin
    for audit_table in
        select t.table_name from information_schema.tables t
        where t.table_schema = current_schema()
          and (t.table_name like '%\_aud' or t.table_name = 'audit_revision')
          and not exists (select 1 from information_schema.triggers g
                          where g.event_object_schema = current_schema()
                            and g.event_object_table = t.table_name
                            and g.trigger_name = t.table_name || '_immutable')
    loop
        execute format('create trigger %I before update or delete on %I for each row execute function cytotrial_refuse_audit_change()',
                       audit_table || '_immutable', audit_table);
        execute format('create trigger %I before truncate on %I for each statement execute function cytotrial_refuse_audit_change()',
                       audit_table || '_no_truncate', audit_table);
        protected := protected + 1;
    end loop;
    return protected;
end;
$$ language plpgsql;

select cytotrial_protect_audit_tables();
