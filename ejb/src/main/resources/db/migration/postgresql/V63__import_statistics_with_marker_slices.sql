-- The import builds the study's marker slices (V61) in its transaction, so the statistics it
-- refreshes afterwards (V53) cover those tables too: the first marker summary of a new study is
-- then planned with its real size, not as an empty table.
create or replace function cytotrial_refresh_import_statistics() returns void
    language plpgsql security definer set search_path from current as $$
begin
    analyze subject, visit, lab_result, lesion, lesion_measurement, response_assessment, exposure, disposition_event,
        adverse_event, audit_revision, subject_aud, visit_aud, lab_result_aud, lesion_aud, lesion_measurement_aud,
        response_assessment_aud, exposure_aud, disposition_event_aud, adverse_event_aud,
        marker_slice, marker_slice_study, marker_slice_change;
end;
$$;
