-- The audit trail reads eligibility answers and randomisation assignments by subject (a
-- subject's trail) and pages through them in (revision, id) order, as it reads the other
-- clinical audit tables (V40).
create index eligibility_answer_aud_subject_idx on eligibility_answer_aud (subject_id);
create index eligibility_answer_aud_rev_id_idx on eligibility_answer_aud (rev, id);
create index randomisation_assignment_aud_subject_idx on randomisation_assignment_aud (subject_id);
create index randomisation_assignment_aud_study_idx on randomisation_assignment_aud (study_id);
create index randomisation_assignment_aud_rev_id_idx on randomisation_assignment_aud (rev, id);
create index eligibility_criterion_aud_study_idx on eligibility_criterion_aud (study_id);
