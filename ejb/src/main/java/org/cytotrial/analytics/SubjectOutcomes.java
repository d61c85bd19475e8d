package org.cytotrial.analytics;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cytotrial.analysis.BestOverallResponse;
import org.cytotrial.analysis.PfsDerivation;
import org.cytotrial.analysis.PfsOutcome;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.response.DatedResponse;
import org.cytotrial.response.ResponseAssessment;
import org.cytotrial.response.ResponseCategory;

/**
 * Streams every visible subject of a study with its best overall response and PFS: one query
 * over DM and the investigator's responses (RS, OVRLRESP, evaluator blank or INVESTIGATOR) with
 * their visit numbers, ordered by subject, so that only one subject's responses are in memory at
 * a time.
 */
final class SubjectOutcomes {

    /** A marker value joined to each subject (e.g. baseline IL-6), or none. */
    record MarkerAt(String test, BigDecimal visitNumber) {
    }

    private SubjectOutcomes() {
    }

    static void stream(EntityManager em, StudyScope scope, MarkerAt marker, Consumer<SubjectOutcome> sink) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select s.id, s.usubjid, s.arm_id, s.first_dose_date, s.end_date,"
                + " s.death_date, r.assessed_on, r.response");
        sql.append(marker == null ? ", null" : ", m.standard_value");
        sql.append(", rv.visit_number from subject s left join response_assessment r on r.subject_id = s.id"
                + " and r.test_code = 'OVRLRESP' and " + ResponseAssessment.byInvestigator("r")
                + " left join visit rv on rv.id = r.visit_id");
        if (marker != null) {
            // lab_result is unique per visit and test, so at most one value per subject
            sql.append(" left join (select lr.subject_id, lr.standard_value from lab_result lr"
                    + " join visit lv on lv.id = lr.visit_id join subject ls on ls.id = lr.subject_id"
                    + " where ls.study_id = ? and lr.test_code = ? and lv.visit_number = ?) m on m.subject_id = s.id");
            parameters.add(scope.studyId());
            parameters.add(marker.test());
            parameters.add(marker.visitNumber());
        }
        sql.append(" where s.study_id = ?").append(scope.siteCondition("s.site_id"))
                .append(" order by s.id, r.assessed_on, rv.visit_number, r.id");
        parameters.add(scope.studyId());

        Accumulator current = new Accumulator(scope.sdMinDays(), sink);
        Jdbc.stream(em, sql.toString(), parameters, rs -> {
            long id = rs.getLong(1);
            if (current.subjectId == null || current.subjectId != id) {
                current.emit();
                current.start(id, rs.getString(2), Jdbc.longOrNull(rs, 3), rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), Jdbc.doubleOrNull(rs, 9));
            }
            LocalDate assessed = rs.getObject(7, LocalDate.class);
            if (assessed != null) {
                current.responses.add(new DatedResponse(assessed, ResponseCategory.parse(rs.getString(8)),
                        rs.getBigDecimal(10)));
            }
        });
        current.emit();
    }

    /** The subject being read. */
    private static final class Accumulator {
        private final int sdMinDays;
        private final Consumer<SubjectOutcome> sink;
        Long subjectId;
        private String usubjid;
        private Long armId;
        private LocalDate firstDose;
        private LocalDate endDate;
        private LocalDate deathDate;
        private Double markerValue;
        final List<DatedResponse> responses = new ArrayList<>();

        Accumulator(int sdMinDays, Consumer<SubjectOutcome> sink) {
            this.sdMinDays = sdMinDays;
            this.sink = sink;
        }

        void start(long id, String usubjid, Long armId, LocalDate firstDose, LocalDate endDate, LocalDate deathDate,
                Double markerValue) {
            this.subjectId = id;
            this.usubjid = usubjid;
            this.armId = armId;
            this.firstDose = firstDose;
            this.endDate = endDate;
            this.deathDate = deathDate;
            this.markerValue = markerValue;
            responses.clear();
        }

        void emit() {
            if (subjectId == null) {
                return;
            }
            List<DatedResponse> ordered = List.copyOf(responses);
            BestOverallResponse bor = BestOverallResponse.derive(ordered, firstDose, sdMinDays);
            PfsOutcome pfs = null;
            if (firstDose != null) {
                try {
                    pfs = PfsDerivation.derive(ordered, firstDose, deathDate);
                } catch (IllegalArgumentException e) {
                    throw new ConflictException("PFS of subject " + usubjid + " cannot be derived: " + e.getMessage()
                            + "; correct the subject's dates first");
                }
            }
            sink.accept(new SubjectOutcome(subjectId, usubjid, armId, firstDose, endDate, deathDate, ordered, bor, pfs,
                    markerValue));
            subjectId = null;
        }
    }
}
