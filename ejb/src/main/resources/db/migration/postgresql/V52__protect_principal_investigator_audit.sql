-- The principal investigators' audit table (V51) is append-only like every other audit table.
select cytotrial_protect_audit_tables();
