-- The coordinator's write path: the eligibility checklist of each study and the answers given at
-- enrolment, the randomisation assignments (permuted blocks stratified by site), who last saved
-- a visit's entry form, and the indexes the entry screens and the subject list read through.

create table eligibility_criterion (
    id        bigint        not null primary key,
    study_id  bigint        not null references study (id),
    code      varchar(8)    not null,
    category  varchar(10)   not null,
    text      varchar(1000) not null,
    position  integer       not null,
    version   bigint        not null default 0,
    constraint eligibility_criterion_code_unique unique (study_id, code),
    constraint eligibility_criterion_category_check check (category in ('INCLUSION', 'EXCLUSION'))
);
create sequence eligibility_criterion_seq start with 1 increment by 50;

-- The answer to each criterion as asked: "met" means the criterion applies to the subject (an
-- inclusion criterion met is required; an exclusion criterion met excludes).
create table eligibility_answer (
    id            bigint  not null primary key,
    subject_id    bigint  not null references subject (id),
    criterion_id  bigint  not null references eligibility_criterion (id),
    met           boolean not null,
    version       bigint  not null default 0,
    constraint eligibility_answer_unique unique (subject_id, criterion_id)
);
create sequence eligibility_answer_seq start with 1 increment by 50;

-- One row per randomised subject: its stratum (study and site), its position in the stratum's
-- allocation sequence, the block it fell in and the arm it drew. The sequence itself is never
-- stored: it is recomputed from the study's seed and block size.
create table randomisation_assignment (
    id                bigint      not null primary key,
    study_id          bigint      not null references study (id),
    site_id           bigint      not null references site (id),
    stratum_position  integer     not null,
    block_number      integer     not null,
    subject_id        bigint      not null references subject (id),
    arm_id            bigint      not null references arm (id),
    assigned_at       timestamp with time zone not null,
    assigned_by       varchar(60) not null,
    version           bigint      not null default 0,
    constraint randomisation_position_unique unique (study_id, site_id, stratum_position),
    constraint randomisation_subject_unique unique (subject_id),
    constraint randomisation_position_check check (stratum_position >= 0 and block_number >= 1)
);
create sequence randomisation_assignment_seq start with 1 increment by 50;

alter table visit add column recorded_by varchar(60);
alter table visit add column recorded_at timestamp with time zone;

create table eligibility_criterion_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    study_id bigint, code varchar(8), category varchar(10), text varchar(1000), position integer, version bigint,
    primary key (id, rev)
);

create table eligibility_answer_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    subject_id bigint, criterion_id bigint, met boolean, version bigint,
    primary key (id, rev)
);

create table randomisation_assignment_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    study_id bigint, site_id bigint, stratum_position integer, block_number integer, subject_id bigint,
    arm_id bigint, assigned_at timestamp with time zone, assigned_by varchar(60), version bigint,
    primary key (id, rev)
);

alter table visit_aud add column recorded_by varchar(60);
alter table visit_aud add column recorded_at timestamp with time zone;

-- Reads of the entry screens: a subject's responses by visit, the subject list by site.
create index response_assessment_visit_idx on response_assessment (visit_id);
create index subject_study_site_idx on subject (study_id, site_id);
create index lesion_identified_visit_idx on lesion (identified_visit_id);
