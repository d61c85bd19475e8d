-- Electronic signatures (21 CFR Part 11 subpart C) and data locks. Portable between
-- PostgreSQL and H2 (MODE=PostgreSQL).

-- An investigator's signature of a subject's response assessments or whole casebook. The
-- signed content is not copied: its SHA-256 digest is kept, and the signature is valid while
-- the digest of the current data still matches. Rows are never updated or deleted.
create table e_signature (
    id              bigint        not null primary key,
    subject_id      bigint        not null references subject (id),
    signed_scope    varchar(20)   not null,
    meaning         varchar(400)  not null,
    signer_username varchar(60)   not null,
    signer_name     varchar(200)  not null,
    signed_at       timestamp with time zone not null,
    content_digest  varchar(64)   not null,
    record_count    integer       not null,
    version         bigint        not null default 0,
    constraint e_signature_scope_check check (signed_scope in ('RESPONSES', 'CASEBOOK')),
    constraint e_signature_digest_check check (length(content_digest) = 64)
);
create sequence e_signature_seq start with 1 increment by 50;
create index e_signature_subject_idx on e_signature (subject_id);

create table e_signature_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    subject_id bigint, signed_scope varchar(20), meaning varchar(400), signer_username varchar(60),
    signer_name varchar(200), signed_at timestamp with time zone, content_digest varchar(64),
    record_count integer, version bigint,
    primary key (id, rev)
);

-- A lock of a study, of one site's subjects in a study, or of one subject, at a data cut-off.
-- Active while unlocked_at is null; unlocking keeps the row (who, when, why).
create table data_lock (
    id              bigint        not null primary key,
    study_id        bigint        not null references study (id),
    lock_level      varchar(10)   not null,
    site_id         bigint        references site (id),
    subject_id      bigint        references subject (id),
    cut_off         date          not null,
    reason          varchar(2000) not null,
    locked_by       varchar(60)   not null,
    locked_at       timestamp with time zone not null,
    unlocked_by     varchar(60),
    unlocked_at     timestamp with time zone,
    unlock_reason   varchar(2000),
    version         bigint        not null default 0,
    constraint data_lock_level_check check (lock_level in ('STUDY', 'SITE', 'SUBJECT')),
    constraint data_lock_target_check check (
        (lock_level = 'STUDY' and site_id is null and subject_id is null)
        or (lock_level = 'SITE' and site_id is not null and subject_id is null)
        or (lock_level = 'SUBJECT' and subject_id is not null and site_id is null)),
    constraint data_lock_unlock_check check (
        (unlocked_at is null and unlocked_by is null and unlock_reason is null)
        or (unlocked_at is not null and unlocked_by is not null and unlock_reason is not null))
);
create sequence data_lock_seq start with 1 increment by 50;
create index data_lock_study_idx on data_lock (study_id);

create table data_lock_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    study_id bigint, lock_level varchar(10), site_id bigint, subject_id bigint, cut_off date,
    reason varchar(2000), locked_by varchar(60), locked_at timestamp with time zone,
    unlocked_by varchar(60), unlocked_at timestamp with time zone, unlock_reason varchar(2000), version bigint,
    primary key (id, rev)
);

-- The audit screens read every audit table by owner, and page through it in (revision, id)
-- order: one import revision can hold millions of rows, which an index on the revision alone
-- would leave to be sorted.
create index visit_aud_subject_idx on visit_aud (subject_id);
create index lab_result_aud_subject_idx on lab_result_aud (subject_id);
create index lesion_aud_subject_idx on lesion_aud (subject_id);
create index lesion_measurement_aud_lesion_idx on lesion_measurement_aud (lesion_id);
create index response_assessment_aud_subject_idx on response_assessment_aud (subject_id);
create index exposure_aud_subject_idx on exposure_aud (subject_id);
create index disposition_event_aud_subject_idx on disposition_event_aud (subject_id);
create index adverse_event_aud_subject_idx on adverse_event_aud (subject_id);
create index subject_aud_study_idx on subject_aud (study_id);
create index e_signature_aud_subject_idx on e_signature_aud (subject_id);
create index data_lock_aud_study_idx on data_lock_aud (study_id);
create index study_site_aud_study_idx on study_site_aud (study_id);

drop index lab_result_aud_rev_idx;
drop index subject_aud_rev_idx;
create index lab_result_aud_rev_id_idx on lab_result_aud (rev, id);
create index subject_aud_rev_id_idx on subject_aud (rev, id);
create index visit_aud_rev_id_idx on visit_aud (rev, id);
create index lesion_aud_rev_id_idx on lesion_aud (rev, id);
create index lesion_measurement_aud_rev_id_idx on lesion_measurement_aud (rev, id);
create index response_assessment_aud_rev_id_idx on response_assessment_aud (rev, id);
create index exposure_aud_rev_id_idx on exposure_aud (rev, id);
create index disposition_event_aud_rev_id_idx on disposition_event_aud (rev, id);
create index adverse_event_aud_rev_id_idx on adverse_event_aud (rev, id);
create index study_aud_rev_id_idx on study_aud (rev, id);
create index study_parameter_aud_rev_id_idx on study_parameter_aud (rev, id);
create index arm_aud_rev_id_idx on arm_aud (rev, id);
create index visit_definition_aud_rev_id_idx on visit_definition_aud (rev, id);
create index e_signature_aud_rev_id_idx on e_signature_aud (rev, id);
create index data_lock_aud_rev_id_idx on data_lock_aud (rev, id);
