package org.cytotrial.audit;

import java.util.List;
import java.util.Set;

/**
 * The audited clinical tables as the audit screens read them: the record kind shown to people,
 * the key of a record, how a row of the audit table ({@code a}) belongs to a study, a subject or
 * a visit, and how its row is named (subject, visit, item; expressions over the audit row
 * {@code a}).
 *
 * <p>Membership is decided on the audit tables themselves ({@code subject_aud}, {@code lesion_aud}),
 * so the history of a record that was later deleted stays in its subject's trail.
 * {@code :id} stands for the study, subject or visit id; {@code :sites} for the caller's site
 * condition on a site-id column (empty when the caller sees every site).
 *
 * <p>Some columns are <em>restricted</em>: shown to administrators only, because they would let
 * whoever reads them predict the next randomised allocation (the seed and block size of the
 * study; the block and position of each assignment, from which the block size follows).
 * Everyone else reads these records without those fields.
 */
public enum AuditedTable {

    STUDY("study", "Study", List.of("id"), "a.id = :id", null, null,
            null, null, "a.code", Set.of("block_size", "randomisation_seed")),
    STUDY_PARAMETER("study_parameter", "Trial parameter", List.of("id"), "a.study_id = :id", null, null,
            null, null, "a.code"),
    ARM("arm", "Arm", List.of("id"), "a.study_id = :id", null, null,
            null, null, "a.code"),
    VISIT_DEFINITION("visit_definition", "Visit schedule", List.of("id"), "a.study_id = :id", null, null,
            null, null, "a.name"),
    STUDY_SITE("study_site", "Study site", List.of("study_id", "site_id"), "a.study_id = :id", null, null,
            null, null, "(select code from site where id = a.site_id)"),
    ELIGIBILITY_CRITERION("eligibility_criterion", "Eligibility criterion", List.of("id"), "a.study_id = :id", null, null,
            null, null, "a.code"),
    STUDY_PRINCIPAL_INVESTIGATOR("study_principal_investigator", "Principal investigator", List.of("id"),
            "a.study_id = :id", null, null,
            null, null, "(select username from app_user where id = a.user_id)"),
    SUBJECT("subject", "Subject", List.of("id"),
            "a.study_id = :id and a.site_id :sites", "a.id = :id", null,
            "a.usubjid", null, null),
    ELIGIBILITY_ANSWER("eligibility_answer", "Eligibility answer", List.of("id"),
            Constants.OWNED_BY_STUDY, "a.subject_id = :id", null,
            Constants.SUBJECT_LABEL, null, "(select code from eligibility_criterion where id = a.criterion_id)"),
    RANDOMISATION_ASSIGNMENT("randomisation_assignment", "Randomisation", List.of("id"),
            "a.study_id = :id and a.site_id :sites", "a.subject_id = :id", null,
            Constants.SUBJECT_LABEL, null, "concat('arm ', (select code from arm where id = a.arm_id))",
            Set.of("stratum_position", "block_number")),
    VISIT("visit", "Visit", List.of("id"),
            Constants.OWNED_BY_STUDY, "a.subject_id = :id", "a.id = :id",
            Constants.SUBJECT_LABEL, "a.name", null),
    LAB_RESULT("lab_result", "Lab result", List.of("id"),
            Constants.OWNED_BY_STUDY, "a.subject_id = :id", Constants.AT_VISIT_OF_SUBJECT,
            Constants.SUBJECT_LABEL, "(select name from visit where id = a.visit_id)", "a.test_code"),
    LESION("lesion", "Lesion", List.of("id"),
            Constants.OWNED_BY_STUDY, "a.subject_id = :id", "a.identified_visit_id = :id",
            Constants.SUBJECT_LABEL, "(select name from visit where id = a.identified_visit_id)", "a.link_id"),
    LESION_MEASUREMENT("lesion_measurement", "Tumour measurement", List.of("id"),
            "a.lesion_id in (select la.id from lesion_aud la join subject_aud sa on sa.id = la.subject_id"
                    + " where sa.study_id = :id and sa.site_id :sites)",
            "a.lesion_id in (select la.id from lesion_aud la where la.subject_id = :id)", "a.visit_id = :id",
            "(select s.usubjid from lesion l join subject s on s.id = l.subject_id where l.id = a.lesion_id)",
            "(select name from visit where id = a.visit_id)",
            "concat((select link_id from lesion where id = a.lesion_id), ' ', a.test_code)"),
    RESPONSE_ASSESSMENT("response_assessment", "Response assessment", List.of("id"),
            Constants.OWNED_BY_STUDY, "a.subject_id = :id", "a.visit_id = :id",
            Constants.SUBJECT_LABEL, "(select name from visit where id = a.visit_id)", "a.test_code"),
    EXPOSURE("exposure", "Treatment", List.of("id"),
            Constants.OWNED_BY_STUDY, "a.subject_id = :id", null,
            Constants.SUBJECT_LABEL, null, "a.treatment"),
    DISPOSITION_EVENT("disposition_event", "Disposition", List.of("id"),
            Constants.OWNED_BY_STUDY, "a.subject_id = :id", null,
            Constants.SUBJECT_LABEL, null, "a.decoded_term"),
    ADVERSE_EVENT("adverse_event", "Adverse event", List.of("id"),
            Constants.OWNED_BY_STUDY, "a.subject_id = :id", null,
            Constants.SUBJECT_LABEL, null, "coalesce(a.decoded_term, a.term)"),
    E_SIGNATURE("e_signature", "Signature", List.of("id"),
            Constants.OWNED_BY_STUDY, "a.subject_id = :id", null,
            Constants.SUBJECT_LABEL, null, "a.signed_scope"),
    DATA_LOCK("data_lock", "Data lock", List.of("id"),
            "a.study_id = :id and (a.site_id is null or a.site_id :sites) and (a.subject_id is null or a.subject_id in"
                    + " (select sa.id from subject_aud sa where sa.study_id = :id and sa.site_id :sites))",
            "a.subject_id = :id", null,
            Constants.SUBJECT_LABEL, null,
            "concat(a.lock_level, ' ', (select code from site where id = a.site_id))");

    private final String table;
    private final String entity;
    private final List<String> key;
    private final String inStudy;
    private final String ofSubject;
    private final String atVisit;
    private final String subjectLabel;
    private final String visitLabel;
    private final String itemLabel;
    private final Set<String> restrictedColumns;

    AuditedTable(String table, String entity, List<String> key, String inStudy, String ofSubject, String atVisit,
            String subjectLabel, String visitLabel, String itemLabel) {
        this(table, entity, key, inStudy, ofSubject, atVisit, subjectLabel, visitLabel, itemLabel, Set.of());
    }

    AuditedTable(String table, String entity, List<String> key, String inStudy, String ofSubject, String atVisit,
            String subjectLabel, String visitLabel, String itemLabel, Set<String> restrictedColumns) {
        this.table = table;
        this.entity = entity;
        this.key = key;
        this.inStudy = inStudy;
        this.ofSubject = ofSubject;
        this.atVisit = atVisit;
        this.subjectLabel = subjectLabel;
        this.visitLabel = visitLabel;
        this.itemLabel = itemLabel;
        this.restrictedColumns = restrictedColumns;
    }

    /** The clinical table; its history is in {@code <table>_aud}. */
    public String table() {
        return table;
    }

    public String entity() {
        return entity;
    }

    List<String> key() {
        return key;
    }

    /** The membership condition for a scope level, or null when the table has no rows at that level. */
    String condition(AuditScope.Level level) {
        return switch (level) {
            case STUDY -> inStudy;
            case SUBJECT -> ofSubject;
            case VISIT -> atVisit;
        };
    }

    String subjectLabel() {
        return subjectLabel;
    }

    String visitLabel() {
        return visitLabel;
    }

    String itemLabel() {
        return itemLabel;
    }

    /** Columns only administrators read in the trail (they reveal the allocation sequence). */
    Set<String> restrictedColumns() {
        return restrictedColumns;
    }

    /** Columns that say whose a row is; shown when they change, not listed at creation. */
    boolean isOwnerColumn(String column) {
        return column.endsWith("_id") && !key.contains(column);
    }

    private static final class Constants {
        static final String OWNED_BY_STUDY =
                "a.subject_id in (select sa.id from subject_aud sa where sa.study_id = :id and sa.site_id :sites)";
        static final String SUBJECT_LABEL = "(select usubjid from subject where id = a.subject_id)";
        /** The visit's rows through the subject's index: lab results have millions of rows. */
        static final String AT_VISIT_OF_SUBJECT =
                "a.subject_id = (select max(v.subject_id) from visit_aud v where v.id = :id) and a.visit_id = :id";
    }
}
