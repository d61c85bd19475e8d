package org.cytotrial.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.cytotrial.analysis.BestOverallResponse;
import org.cytotrial.analysis.PfsDerivation;
import org.cytotrial.analysis.PfsOutcome;
import org.cytotrial.response.DatedResponse;
import org.cytotrial.response.ImwgEvaluation;
import org.cytotrial.response.ImwgEvaluator;
import org.cytotrial.response.LesionKind;
import org.cytotrial.response.MProteinMeasurement;
import org.cytotrial.response.NonTargetStatus;
import org.cytotrial.response.RecistEvaluation;
import org.cytotrial.response.RecistEvaluator;
import org.cytotrial.response.ResponseAssessment;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.response.ReviewStatus;
import org.cytotrial.response.TumourAssessment;
import org.cytotrial.study.ResponseCriteria;

/**
 * Every visible subject's responses computed from the measurements next to the investigator's,
 * streamed subject by subject. Three queries ordered by subject (subjects, measurements,
 * investigator responses) are read side by side, so only one subject is in memory at a time.
 *
 * <p>RECIST 1.1: an assessment per visit with tumour results; target lesions give the sum of
 * diameters (lymph nodes by short axis), a new lesion identified at the visit means PD, and the
 * non-target lesions' states (TUMSTATE) give ABSENT, PRESENT, UNEQUIVOCAL PROGRESSION or, when
 * one was not assessed, NOT EVALUATED. IMWG: an assessment per serum M-protein result (MPROT).
 * The earliest assessment is the baseline. A computed response is paired with the
 * investigator's response of the same visit.
 */
@ApplicationScoped
@Transactional
public class ResponseAnalytics {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    public void stream(StudyScope scope, Consumer<SubjectResponses> sink) {
        String sites = scope.siteCondition("s.site_id");
        List<Object> study = List.of(scope.studyId());
        Jdbc.withConnection(em, connection -> {
            try (Jdbc.KeyedCursor subjects = new Jdbc.KeyedCursor(connection, "select s.id, s.usubjid, st.code,"
                    + " s.arm_id, s.first_dose_date, s.end_date, s.death_date from subject s"
                    + " join site st on st.id = s.site_id where s.study_id = ?" + sites + " order by s.id", study);
                 Jdbc.KeyedCursor measurements = new Jdbc.KeyedCursor(connection, measurementQuery(scope, sites), study);
                 Jdbc.KeyedCursor responses = new Jdbc.KeyedCursor(connection, "select r.subject_id, r.id, r.version,"
                         + " r.visit_id, v.visit_number, v.name, r.assessed_on, r.response, r.review_status,"
                         + " r.review_reason, r.reviewed_by, r.reviewed_at from response_assessment r"
                         + " join visit v on v.id = r.visit_id join subject s on s.id = r.subject_id"
                         + " where s.study_id = ? and r.test_code = 'OVRLRESP'"
                         + " and " + ResponseAssessment.byInvestigator("r") + sites
                         + " order by r.subject_id, r.assessed_on, v.visit_number, r.id", study)) {
                Subject subject = new Subject();
                while (nextSubject(subjects, subject)) {
                    Accumulator acc = scope.criteria() == ResponseCriteria.IMWG ? new Mprotein() : new Tumour();
                    measurements.rowsOf(subject.id, acc::row);
                    List<InvestigatorAssessment> investigator = new ArrayList<>();
                    responses.rowsOf(subject.id, rs -> investigator.add(investigatorAssessment(rs)));
                    sink.accept(build(scope, subject, acc, investigator));
                }
            }
        });
    }

    /** Reads the subject cursor's next row into {@code subject}; false at the end. */
    private static boolean nextSubject(Jdbc.KeyedCursor subjects, Subject subject) throws SQLException {
        subject.id = null;
        subjects.next(rs -> {
            subject.id = rs.getLong(1);
            subject.usubjid = rs.getString(2);
            subject.site = rs.getString(3);
            subject.armId = Jdbc.longOrNull(rs, 4);
            subject.firstDose = rs.getObject(5, LocalDate.class);
            subject.endDate = rs.getObject(6, LocalDate.class);
            subject.deathDate = rs.getObject(7, LocalDate.class);
        });
        return subject.id != null;
    }

    private static String measurementQuery(StudyScope scope, String sites) {
        if (scope.criteria() == ResponseCriteria.IMWG) {
            return "select r.subject_id, r.visit_id, v.visit_number, v.name, coalesce(r.collected_on, v.visit_date),"
                    + " r.standard_value from lab_result r join visit v on v.id = r.visit_id"
                    + " join subject s on s.id = r.subject_id where s.study_id = ? and r.test_code = 'MPROT'" + sites
                    + " order by r.subject_id";
        }
        return "select l.subject_id, l.id, l.kind, l.nodal, l.identified_visit_id, l.identified_on,"
                + " m.visit_id, m.test_code, m.diameter_mm, m.original_value, m.measured_on,"
                + " v.id, v.visit_number, v.name, v.visit_date"
                + " from lesion l join subject s on s.id = l.subject_id"
                + " left join lesion_measurement m on m.lesion_id = l.id"
                + " join visit v on v.id = coalesce(m.visit_id, l.identified_visit_id)"
                + " where s.study_id = ?" + sites + " order by l.subject_id";
    }

    private SubjectResponses build(StudyScope scope, Subject subject, Accumulator acc,
            List<InvestigatorAssessment> investigator) {
        List<DatedResponse> recorded = investigator.stream().map(a -> new DatedResponse(a.date(), a.response(), a.visitNumber()))
                .toList();
        BestOverallResponse bor = BestOverallResponse.derive(recorded, subject.firstDose, scope.sdMinDays());
        PfsOutcome pfs = null;
        String problem = null;
        if (subject.firstDose != null) {
            try {
                pfs = PfsDerivation.derive(recorded, subject.firstDose, subject.deathDate);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        List<ComputedAssessment> computed = List.of();
        try {
            computed = acc.evaluate(scope);
        } catch (IllegalArgumentException e) {
            problem = problem == null ? e.getMessage() : problem + "; " + e.getMessage();
        }
        ArmRef arm = subject.armId == null ? null : scope.arm(subject.armId).orElse(null);
        return new SubjectResponses(subject.id, subject.usubjid, subject.site, arm, subject.firstDose, subject.endDate,
                subject.deathDate, computed, investigator, bor, pfs, problem);
    }

    private static InvestigatorAssessment investigatorAssessment(ResultSet rs) throws SQLException {
        String status = rs.getString(9);
        OffsetDateTime reviewedAt = rs.getObject(12, OffsetDateTime.class);
        return new InvestigatorAssessment(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5),
                rs.getString(6), rs.getObject(7, LocalDate.class), ResponseCategory.parse(rs.getString(8)),
                status == null ? null : ReviewStatus.valueOf(status), rs.getString(10), rs.getString(11),
                reviewedAt == null ? null : reviewedAt.toInstant());
    }

    /** The subject row being read. */
    private static final class Subject {
        Long id;
        String usubjid;
        String site;
        Long armId;
        LocalDate firstDose;
        LocalDate endDate;
        LocalDate deathDate;
    }

    /** One visit's identity and date. */
    private static final class VisitInfo {
        long id;
        BigDecimal number;
        String name;
        LocalDate date;

        VisitInfo(long id, BigDecimal number, String name) {
            this.id = id;
            this.number = number;
            this.name = name;
        }

        /** The earliest measurement date of the visit is its assessment date. */
        void dated(LocalDate candidate) {
            if (candidate != null && (date == null || candidate.isBefore(date))) {
                date = candidate;
            }
        }
    }

    /** Collects one subject's measurement rows, then evaluates them. */
    private interface Accumulator {
        void row(ResultSet rs) throws SQLException;

        List<ComputedAssessment> evaluate(StudyScope scope);
    }

    /** IMWG: one assessment per M-protein result, by the rule every path shares ({@link ImwgEvaluator#evaluateVisits}). */
    private static final class Mprotein implements Accumulator {
        private final Map<Long, VisitInfo> visits = new HashMap<>();
        private final List<MProteinMeasurement> results = new ArrayList<>();

        @Override
        public void row(ResultSet rs) throws SQLException {
            LocalDate date = rs.getObject(5, LocalDate.class);
            if (date == null) {
                return;
            }
            VisitInfo visit = new VisitInfo(rs.getLong(2), rs.getBigDecimal(3), rs.getString(4));
            visit.date = date;
            visits.put(visit.id, visit);
            results.add(new MProteinMeasurement(date, Jdbc.doubleOrNull(rs, 6), visit.id, visit.number));
        }

        @Override
        public List<ComputedAssessment> evaluate(StudyScope scope) {
            List<ComputedAssessment> out = new ArrayList<>();
            ImwgEvaluator.evaluateVisits(results).forEach((id, e) -> {
                VisitInfo v = visits.get(id);
                out.add(new ComputedAssessment(v.id, v.number, v.name, e.date(), e.category(),
                        e.mProteinGramsPerLitre(), e.changeFromBaselinePercent(), e.changeFromNadirPercent()));
            });
            return out;
        }
    }

    /** RECIST 1.1: one assessment per visit with tumour results. */
    private static final class Tumour implements Accumulator {
        private final Map<Long, VisitInfo> visits = new HashMap<>();
        private final Map<Long, Map<String, Double>> targets = new HashMap<>();
        private final Set<String> nodal = new HashSet<>();
        private final Set<Long> newLesionVisits = new HashSet<>();
        private final Set<String> nonTargetLesions = new HashSet<>();
        private final Map<Long, Map<String, String>> nonTargetStates = new HashMap<>();

        @Override
        public void row(ResultSet rs) throws SQLException {
            String lesion = Long.toString(rs.getLong(2));
            LesionKind kind = LesionKind.valueOf(rs.getString(3));
            long identifiedVisit = rs.getLong(5);
            Long measuredVisit = Jdbc.longOrNull(rs, 7);
            long visitId = rs.getLong(12);
            VisitInfo visit = visits.computeIfAbsent(visitId,
                    id -> new VisitInfo(id, null, null));
            visit.number = rs.getBigDecimal(13);
            visit.name = rs.getString(14);
            switch (kind) {
                case TARGET -> {
                    if (rs.getBoolean(4)) {
                        nodal.add(lesion);
                    }
                    if (measuredVisit != null && isDiameter(rs.getString(8))) {
                        targets.computeIfAbsent(visitId, v -> new LinkedHashMap<>())
                                .put(lesion, Jdbc.doubleOrNull(rs, 9));
                    }
                }
                // a new lesion is progression at the visit it is found, whatever is measured later
                case NEW -> newLesionVisits.add(identifiedVisit);
                case NON_TARGET -> {
                    nonTargetLesions.add(lesion);
                    if (measuredVisit != null && "TUMSTATE".equals(rs.getString(8))) {
                        nonTargetStates.computeIfAbsent(visitId, v -> new HashMap<>())
                                .put(lesion, rs.getString(10).strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
                    }
                }
            }
            LocalDate date = measuredVisit != null ? rs.getObject(11, LocalDate.class) : rs.getObject(6, LocalDate.class);
            visit.dated(date);
            if (visit.date == null) {
                visit.dated(rs.getObject(15, LocalDate.class));
            }
        }

        private static boolean isDiameter(String testCode) {
            return "LDIAM".equals(testCode) || "SAXIS".equals(testCode) || "DIAMETER".equals(testCode);
        }

        @Override
        public List<ComputedAssessment> evaluate(StudyScope scope) {
            List<VisitInfo> assessed = new ArrayList<>();
            for (VisitInfo v : visits.values()) {
                if (v.date != null && (targets.containsKey(v.id) || newLesionVisits.contains(v.id)
                        || nonTargetStates.containsKey(v.id))) {
                    assessed.add(v);
                }
            }
            if (assessed.isEmpty()) {
                return List.of();
            }
            assessed.sort(Comparator.comparing((VisitInfo v) -> v.date).thenComparing(v -> v.number));
            Map<LocalDate, VisitInfo> byDate = new LinkedHashMap<>();
            List<TumourAssessment> series = new ArrayList<>();
            for (VisitInfo v : assessed) {
                if (byDate.putIfAbsent(v.date, v) != null) {
                    throw new IllegalArgumentException("two tumour assessments on " + v.date + " (visits "
                            + byDate.get(v.date).number + " and " + v.number + ")");
                }
                series.add(new TumourAssessment(v.date, targets.getOrDefault(v.id, Map.of()), nodal,
                        newLesionVisits.contains(v.id), nonTarget(v.id)));
            }
            List<ComputedAssessment> out = new ArrayList<>();
            for (RecistEvaluation e : RecistEvaluator.evaluate(series, scope.mrLowPercent())) {
                VisitInfo v = byDate.get(e.date());
                out.add(new ComputedAssessment(v.id, v.number, v.name, e.date(), e.category(), e.sumOfDiametersMm(),
                        e.changeFromBaselinePercent(), e.changeFromNadirPercent()));
            }
            return out;
        }

        private NonTargetStatus nonTarget(long visitId) {
            if (nonTargetLesions.isEmpty()) {
                return NonTargetStatus.ABSENT;
            }
            Map<String, String> states = nonTargetStates.getOrDefault(visitId, Map.of());
            if (states.containsValue("UNEQUIVOCAL_PROGRESSION")) {
                return NonTargetStatus.UNEQUIVOCAL_PROGRESSION;
            }
            if (!states.keySet().containsAll(nonTargetLesions)) {
                return NonTargetStatus.NOT_EVALUATED;
            }
            return states.values().stream().allMatch("ABSENT"::equals) ? NonTargetStatus.ABSENT
                    : NonTargetStatus.PRESENT;
        }
    }
}
