-- At most one active lock per target (study, site in a study, subject). H2 has no partial
-- indexes, so the service also checks; on PostgreSQL the database makes it certain.
create unique index data_lock_one_active_study on data_lock (study_id) where unlocked_at is null and lock_level = 'STUDY';
create unique index data_lock_one_active_site on data_lock (study_id, site_id) where unlocked_at is null and lock_level = 'SITE';
create unique index data_lock_one_active_subject on data_lock (subject_id) where unlocked_at is null and lock_level = 'SUBJECT';

-- A signature is never changed or removed once given: the same trigger as the audit tables.
create trigger e_signature_immutable before update or delete on e_signature
    for each row execute function cytotrial_refuse_audit_change();
create trigger e_signature_no_truncate before truncate on e_signature
    for each statement execute function cytotrial_refuse_audit_change();

-- The new audit tables (e_signature_aud, data_lock_aud) become append-only too.
select cytotrial_protect_audit_tables();
