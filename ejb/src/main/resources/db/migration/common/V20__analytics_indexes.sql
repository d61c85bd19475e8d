-- Analytics read one marker at one visit (Spearman, Mann-Whitney, PFS split by a marker
-- cut-off, the marker explorer) and the serum M-protein series of IMWG studies. Without this
-- index each of those reads scans the lab results of every study.
create index lab_result_test_idx on lab_result (test_code, subject_id);
