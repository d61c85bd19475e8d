-- Cytotrial clinical schema. Portable between PostgreSQL and H2 (MODE=PostgreSQL).
-- Hibernate only validates against this; every change goes through a new migration.
-- Ids come from one sequence per table (increment 50, Hibernate's pooled optimizer), so that
-- both JPA and the bulk importer's JDBC batches can draw from them.

create table site (
    id          bigint       not null primary key,
    code        varchar(40)  not null,
    name        varchar(200) not null,
    country     varchar(3),
    version     bigint       not null default 0,
    constraint site_code_unique unique (code)
);
create sequence site_seq start with 1 increment by 50;

create table study (
    id                  bigint        not null primary key,
    code                varchar(40)   not null,
    title               varchar(1000) not null,
    response_criteria   varchar(20)   not null,
    sd_min_days         integer       not null default 42,
    mr_low_percent      double precision,
    confirm_response    boolean       not null default false,
    status              varchar(20)   not null,
    randomised          boolean       not null default false,
    block_size          integer,
    randomisation_seed  bigint,
    created_at          timestamp with time zone not null,
    version             bigint        not null default 0,
    constraint study_code_unique unique (code),
    constraint study_code_format check (code <> ''),
    constraint study_criteria_check check (response_criteria in ('RECIST_1_1', 'IMWG')),
    constraint study_status_check check (status in ('SETUP', 'ACTIVE', 'LOCKED', 'CLOSED')),
    constraint study_sd_min_days_check check (sd_min_days >= 1),
    constraint study_mr_band_check check (mr_low_percent is null or (mr_low_percent > 0 and mr_low_percent < 30)),
    constraint study_block_size_check check (block_size is null or block_size >= 2)
);
create sequence study_seq start with 1 increment by 50;

-- The trial summary parameters (SDTM TS) exactly as given; position keeps the file's row order
-- (TSSEQ numbers rows within one parameter and may repeat across parameters).
create table study_parameter (
    id        bigint        not null primary key,
    study_id  bigint        not null references study (id),
    position  integer       not null,
    seq       integer       not null,
    code      varchar(8)    not null,
    name      varchar(200)  not null,
    val       varchar(4000) not null,
    version   bigint        not null default 0,
    constraint study_parameter_position_unique unique (study_id, position)
);
create sequence study_parameter_seq start with 1 increment by 50;

create table study_site (
    study_id  bigint not null references study (id),
    site_id   bigint not null references site (id),
    primary key (study_id, site_id)
);

create table arm (
    id        bigint        not null primary key,
    study_id  bigint        not null references study (id),
    code      varchar(20)   not null,
    name      varchar(200)  not null,
    regimen   varchar(2000),
    version   bigint        not null default 0,
    constraint arm_code_unique unique (study_id, code)
);
create sequence arm_seq start with 1 increment by 50;

create table visit_definition (
    id            bigint        not null primary key,
    study_id      bigint        not null references study (id),
    visit_number  numeric(9, 2) not null,
    name          varchar(100)  not null,
    planned_day   integer,
    window_before integer       not null default 0,
    window_after  integer       not null default 0,
    version       bigint        not null default 0,
    constraint visit_definition_unique unique (study_id, visit_number),
    constraint visit_definition_window_check check (window_before >= 0 and window_after >= 0)
);
create sequence visit_definition_seq start with 1 increment by 50;

create table subject (
    id               bigint       not null primary key,
    study_id         bigint       not null references study (id),
    usubjid          varchar(60)  not null,
    subjid           varchar(40),
    site_id          bigint       not null references site (id),
    arm_id           bigint       references arm (id),
    consent_date     date,
    first_dose_date  date,
    end_date         date,
    death_date       date,
    death_flag       boolean      not null default false,
    age              integer,
    age_unit         varchar(10),
    sex              varchar(20)  not null,
    country          varchar(3),
    version          bigint       not null default 0,
    constraint subject_usubjid_unique unique (study_id, usubjid),
    constraint subject_sex_check check (sex in ('M', 'F', 'U')),
    constraint subject_age_check check (age is null or (age >= 0 and age <= 130)),
    constraint subject_dose_after_consent check (consent_date is null or first_dose_date is null or first_dose_date >= consent_date)
);
create sequence subject_seq start with 1 increment by 50;
create index subject_site_idx on subject (site_id);
create index subject_arm_idx on subject (arm_id);

create table visit (
    id            bigint        not null primary key,
    subject_id    bigint        not null references subject (id),
    visit_number  numeric(9, 2) not null,
    name          varchar(100)  not null,
    visit_date    date,
    status        varchar(12)   not null,
    version       bigint        not null default 0,
    constraint visit_unique unique (subject_id, visit_number),
    constraint visit_status_check check (status in ('PLANNED', 'DONE', 'MISSED'))
);
create sequence visit_seq start with 1 increment by 50;

-- The marker catalogue: data, not code (V2 seeds it; more rows extend it).
create table marker (
    code            varchar(20)  not null primary key,
    name            varchar(200) not null,
    category        varchar(40)  not null,
    standard_unit   varchar(20)  not null,
    plausible_low   double precision not null,
    plausible_high  double precision not null,
    derived         boolean      not null default false,
    display_order   integer      not null default 0,
    version         bigint       not null default 0,
    constraint marker_range_check check (plausible_low < plausible_high)
);

create table marker_unit (
    marker_code  varchar(20) not null references marker (code),
    unit         varchar(20) not null,
    factor       double precision not null,
    primary key (marker_code, unit),
    constraint marker_unit_factor_check check (factor > 0)
);

create table lab_result (
    id              bigint        not null primary key,
    subject_id      bigint        not null references subject (id),
    visit_id        bigint        not null references visit (id),
    seq             integer,
    test_code       varchar(20)   not null references marker (code),
    test_name       varchar(200)  not null,
    category        varchar(40),
    original_value  varchar(40)   not null,
    original_unit   varchar(20)   not null,
    standard_value  double precision not null,
    standard_unit   varchar(20)   not null,
    collected_on    date,
    derived         boolean       not null default false,
    version         bigint        not null default 0,
    constraint lab_result_per_visit_unique unique (visit_id, test_code),
    constraint lab_result_seq_check check (derived or seq is not null)
);
create sequence lab_result_seq start with 1 increment by 50;
create index lab_result_subject_idx on lab_result (subject_id);

create table lesion (
    id                    bigint       not null primary key,
    subject_id            bigint       not null references subject (id),
    link_id               varchar(20)  not null,
    seq                   integer,
    kind                  varchar(12)  not null,
    location              varchar(100),
    nodal                 boolean      not null default false,
    identified_visit_id   bigint       not null references visit (id),
    identified_on         date,
    version               bigint       not null default 0,
    constraint lesion_link_unique unique (subject_id, link_id),
    constraint lesion_kind_check check (kind in ('TARGET', 'NON_TARGET', 'NEW'))
);
create sequence lesion_seq start with 1 increment by 50;

create table lesion_measurement (
    id              bigint       not null primary key,
    lesion_id       bigint       not null references lesion (id),
    visit_id        bigint       not null references visit (id),
    seq             integer,
    test_code       varchar(8)   not null,
    test_name       varchar(100) not null,
    original_value  varchar(40)  not null,
    original_unit   varchar(10),
    diameter_mm     double precision,
    measured_on     date,
    version         bigint       not null default 0,
    constraint lesion_measurement_unique unique (lesion_id, visit_id, test_code),
    constraint lesion_measurement_test_check check (test_code in ('LDIAM', 'SAXIS', 'DIAMETER', 'TUMSTATE')),
    constraint lesion_measurement_diameter_check check (diameter_mm is null or diameter_mm >= 0)
);
create sequence lesion_measurement_seq start with 1 increment by 50;
create index lesion_measurement_visit_idx on lesion_measurement (visit_id);

create table response_assessment (
    id             bigint       not null primary key,
    subject_id     bigint       not null references subject (id),
    visit_id       bigint       not null references visit (id),
    seq            integer,
    test_code      varchar(8)   not null,
    test_name      varchar(100) not null,
    response       varchar(2)   not null,
    evaluator      varchar(40),
    assessed_on    date         not null,
    review_status  varchar(12),
    review_reason  varchar(2000),
    reviewed_by    varchar(60),
    reviewed_at    timestamp with time zone,
    version        bigint       not null default 0,
    constraint response_code_check check (response in ('CR', 'PR', 'MR', 'SD', 'PD', 'NE')),
    constraint response_review_check check (review_status is null or review_status in ('CONFIRMED', 'CORRECTED'))
);
create sequence response_assessment_seq start with 1 increment by 50;
create index response_assessment_subject_idx on response_assessment (subject_id);

create table exposure (
    id          bigint       not null primary key,
    subject_id  bigint       not null references subject (id),
    seq         integer,
    treatment   varchar(200) not null,
    dose        varchar(40),
    dose_unit   varchar(40),
    frequency   varchar(40),
    route       varchar(60),
    start_date  date,
    end_date    date,
    version     bigint       not null default 0,
    constraint exposure_dates_check check (start_date is null or end_date is null or end_date >= start_date)
);
create sequence exposure_seq start with 1 increment by 50;
create index exposure_subject_idx on exposure (subject_id);

create table disposition_event (
    id            bigint       not null primary key,
    subject_id    bigint       not null references subject (id),
    seq           integer,
    term          varchar(400) not null,
    decoded_term  varchar(100) not null,
    category      varchar(60),
    event_date    date,
    version       bigint       not null default 0
);
create sequence disposition_event_seq start with 1 increment by 50;
create index disposition_event_subject_idx on disposition_event (subject_id);

create table adverse_event (
    id            bigint       not null primary key,
    subject_id    bigint       not null references subject (id),
    seq           integer,
    term          varchar(400) not null,
    decoded_term  varchar(200),
    grade         integer      not null,
    serious       boolean      not null,
    related       boolean      not null,
    start_date    date         not null,
    end_date      date,
    version       bigint       not null default 0,
    constraint adverse_event_grade_check check (grade between 1 and 5),
    constraint adverse_event_dates_check check (end_date is null or end_date >= start_date)
);
create sequence adverse_event_seq start with 1 increment by 50;
create index adverse_event_subject_idx on adverse_event (subject_id);

-- People. Password hashes are PBKDF2 (see PasswordHasher); a null hash cannot log in.
create table app_user (
    id               bigint        not null primary key,
    username         varchar(60)   not null,
    full_name        varchar(200)  not null,
    password_hash    varchar(200),
    enabled          boolean       not null default true,
    all_sites        boolean       not null default false,
    failed_logins    integer       not null default 0,
    locked_until     timestamp with time zone,
    version          bigint        not null default 0,
    constraint app_user_username_unique unique (username)
);
create sequence app_user_seq start with 1 increment by 50;

create table app_user_role (
    user_id  bigint      not null references app_user (id),
    role     varchar(20) not null,
    primary key (user_id, role),
    constraint app_user_role_check check (role in ('ADMIN', 'COORDINATOR', 'INVESTIGATOR', 'SPONSOR', 'MONITOR'))
);

create table app_user_site (
    user_id  bigint not null references app_user (id),
    site_id  bigint not null references site (id),
    primary key (user_id, site_id)
);
