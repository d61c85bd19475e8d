-- Audit trail (Hibernate Envers). One row per change set in audit_revision; every audited
-- table has a twin *_aud holding each version of each row with the revision that made it and
-- its kind (revtype 0 = insert, 1 = update, 2 = delete).

create table audit_revision (
    id              bigint        not null primary key,
    recorded_at     bigint        not null,
    username        varchar(60)   not null,
    client_address  varchar(60),
    reason          varchar(2000)
);
create sequence audit_revision_seq start with 1 increment by 1;

create table site_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    code varchar(40), name varchar(200), country varchar(3), version bigint,
    primary key (id, rev)
);

create table study_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    code varchar(40), title varchar(1000), response_criteria varchar(20), sd_min_days integer,
    mr_low_percent double precision, confirm_response boolean, status varchar(20), randomised boolean,
    block_size integer, randomisation_seed bigint, created_at timestamp with time zone, version bigint,
    primary key (id, rev)
);

create table study_parameter_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    study_id bigint, position integer, seq integer, code varchar(8), name varchar(200), val varchar(4000), version bigint,
    primary key (id, rev)
);

create table study_site_aud (
    rev bigint not null references audit_revision (id), revtype smallint,
    study_id bigint not null, site_id bigint not null,
    primary key (rev, study_id, site_id)
);

create table arm_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    study_id bigint, code varchar(20), name varchar(200), regimen varchar(2000), version bigint,
    primary key (id, rev)
);

create table visit_definition_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    study_id bigint, visit_number numeric(9, 2), name varchar(100), planned_day integer,
    window_before integer, window_after integer, version bigint,
    primary key (id, rev)
);

create table subject_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    study_id bigint, usubjid varchar(60), subjid varchar(40), site_id bigint, arm_id bigint,
    consent_date date, first_dose_date date, end_date date, death_date date, death_flag boolean,
    age integer, age_unit varchar(10), sex varchar(20), country varchar(3), version bigint,
    primary key (id, rev)
);

create table visit_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    subject_id bigint, visit_number numeric(9, 2), name varchar(100), visit_date date,
    status varchar(12), version bigint,
    primary key (id, rev)
);

create table marker_aud (
    code varchar(20) not null, rev bigint not null references audit_revision (id), revtype smallint,
    name varchar(200), category varchar(40), standard_unit varchar(20), plausible_low double precision,
    plausible_high double precision, derived boolean, display_order integer, version bigint,
    primary key (code, rev)
);

create table marker_unit_aud (
    rev bigint not null references audit_revision (id), revtype smallint,
    marker_code varchar(20) not null, unit varchar(20) not null, factor double precision not null,
    primary key (rev, marker_code, unit, factor)
);

create table lab_result_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    subject_id bigint, visit_id bigint, seq integer, test_code varchar(20), test_name varchar(200),
    category varchar(40), original_value varchar(40), original_unit varchar(20),
    standard_value double precision, standard_unit varchar(20), collected_on date, derived boolean,
    version bigint,
    primary key (id, rev)
);

create table lesion_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    subject_id bigint, link_id varchar(20), seq integer, kind varchar(12), location varchar(100),
    nodal boolean, identified_visit_id bigint, identified_on date, version bigint,
    primary key (id, rev)
);

create table lesion_measurement_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    lesion_id bigint, visit_id bigint, seq integer, test_code varchar(8), test_name varchar(100),
    original_value varchar(40), original_unit varchar(10), diameter_mm double precision,
    measured_on date, version bigint,
    primary key (id, rev)
);

create table response_assessment_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    subject_id bigint, visit_id bigint, seq integer, test_code varchar(8), test_name varchar(100),
    response varchar(2), evaluator varchar(40), assessed_on date, review_status varchar(12),
    review_reason varchar(2000), reviewed_by varchar(60), reviewed_at timestamp with time zone,
    version bigint,
    primary key (id, rev)
);

create table exposure_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    subject_id bigint, seq integer, treatment varchar(200), dose varchar(40), dose_unit varchar(40),
    frequency varchar(40), route varchar(60), start_date date, end_date date, version bigint,
    primary key (id, rev)
);

create table disposition_event_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    subject_id bigint, seq integer, term varchar(400), decoded_term varchar(100), category varchar(60),
    event_date date, version bigint,
    primary key (id, rev)
);

create table adverse_event_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    subject_id bigint, seq integer, term varchar(400), decoded_term varchar(200), grade integer,
    serious boolean, related boolean, start_date date, end_date date, version bigint,
    primary key (id, rev)
);

create table app_user_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    username varchar(60), full_name varchar(200), enabled boolean, all_sites boolean, version bigint,
    primary key (id, rev)
);

create table app_user_role_aud (
    rev bigint not null references audit_revision (id), revtype smallint,
    user_id bigint not null, role varchar(20) not null,
    primary key (rev, user_id, role)
);

create table app_user_site_aud (
    rev bigint not null references audit_revision (id), revtype smallint,
    user_id bigint not null, site_id bigint not null,
    primary key (rev, user_id, site_id)
);

create index lab_result_aud_rev_idx on lab_result_aud (rev);
create index subject_aud_rev_idx on subject_aud (rev);
