-- A study's principal investigators (DOMAIN.md: an investigator sees own sites, "all sites for
-- the study's principal investigator"). A grant per study, named by an administrator: being
-- principal investigator of one study gives nothing in another. Audited like the study's set-up.
create table study_principal_investigator (
    id        bigint not null primary key,
    study_id  bigint not null references study (id),
    user_id   bigint not null references app_user (id),
    version   bigint not null default 0,
    constraint study_principal_investigator_unique unique (study_id, user_id)
);
create sequence study_principal_investigator_seq start with 1 increment by 50;
create index study_principal_investigator_user_idx on study_principal_investigator (user_id);

create table study_principal_investigator_aud (
    id bigint not null, rev bigint not null references audit_revision (id), revtype smallint,
    study_id bigint, user_id bigint, version bigint,
    primary key (id, rev)
);
create index study_principal_investigator_aud_study_idx on study_principal_investigator_aud (study_id);
