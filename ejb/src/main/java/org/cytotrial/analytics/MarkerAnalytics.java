package org.cytotrial.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cytotrial.analysis.MannWhitney;
import org.cytotrial.analysis.MannWhitneyResult;
import org.cytotrial.analysis.MarkerSummary;
import org.cytotrial.analysis.Spearman;
import org.cytotrial.analysis.SpearmanResult;
import org.cytotrial.marker.MarkerCatalogue;
import org.cytotrial.marker.MarkerSlices;
import org.cytotrial.marker.MarkerService;
import org.cytotrial.platform.InvalidInputException;

/**
 * Marker summaries per arm x test x visit in standard units (DOMAIN.md rule 6) and the marker
 * comparisons of rule 7 (Spearman, Mann-Whitney). Summaries merge the study's marker slices
 * (sorted results per test, arm, visit and site, see MarkerSlices) over the visible sites, so
 * memory holds one arm x test x visit at a time and a read costs a few thousand rows.
 */
@ApplicationScoped
@Transactional
public class MarkerAnalytics {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private AnalyticsAccess access;

    @Inject
    private AnalyticsCache cache;

    @Inject
    private MarkerService markers;

    /**
     * Summaries ordered by arm (DM order), test code and visit number. The visit label is that
     * of the first subject, in USUBJID order, with a result of that test at that visit number in
     * that arm (subjects may carry different labels for one visit number).
     */
    public List<MarkerSummary> summaries(String studyCode, MarkerFilter filter) {
        StudyScope scope = access.open(studyCode);
        MarkerCatalogue catalogue = markers.catalogue();
        List<String> tests = filter.tests().stream().map(t -> Validation.requireMarker(catalogue, "test", t)).toList();
        MarkerFilter checked = new MarkerFilter(tests, filter.includeDerived());
        return cache.get(scope, "markers:" + checked.cacheKey(), () -> computeSummaries(scope, checked));
    }

    public SpearmanOutcome spearman(String studyCode, String x, String y, BigDecimal visitNumber, String armCode) {
        StudyScope scope = access.open(studyCode);
        MarkerCatalogue catalogue = markers.catalogue();
        String testX = Validation.requireMarker(catalogue, "x", x);
        String testY = Validation.requireMarker(catalogue, "y", y);
        ArmRef arm = armCode == null || armCode.isBlank() ? null : OutcomeAnalytics.requireArm(scope, "arm", armCode);
        return cache.get(scope, "spearman:" + testX + ":" + testY + "@" + visitNumber + ":" + arm,
                () -> computeSpearman(scope, testX, testY, visitNumber, arm));
    }

    public MannWhitneyOutcome mannWhitney(String studyCode, String test, BigDecimal visitNumber, String arm1,
            String arm2) {
        StudyScope scope = access.open(studyCode);
        String code = Validation.requireMarker(markers.catalogue(), "test", test);
        ArmRef first = OutcomeAnalytics.requireArm(scope, "arm1", arm1);
        ArmRef second = OutcomeAnalytics.requireArm(scope, "arm2", arm2);
        if (first.id() == second.id()) {
            throw new InvalidInputException("arm2", "compare two different arms; both are " + first.code());
        }
        return cache.get(scope, "mann-whitney:" + code + "@" + visitNumber + ":" + first.code() + ":" + second.code(),
                () -> computeMannWhitney(scope, code, visitNumber, first, second));
    }

    /** The markers the study has results for, in catalogue order. */
    public List<String> tests(String studyCode) {
        StudyScope scope = access.open(studyCode);
        return cache.get(scope, "tests", () -> {
            List<String> codes = new ArrayList<>();
            Jdbc.stream(em, "select m.code from marker m where exists (select 1 from visit v"
                    + " join lab_result r on r.visit_id = v.id and r.test_code = m.code"
                    + " join subject s on s.id = v.subject_id where s.study_id = ?) order by m.display_order, m.code",
                    List.of(scope.studyId()), rs -> codes.add(rs.getString(1)));
            return List.copyOf(codes);
        });
    }

    /** The study's visit schedule. */
    public List<VisitOption> visits(String studyCode) {
        StudyScope scope = access.open(studyCode);
        List<VisitOption> visits = new ArrayList<>();
        Jdbc.stream(em, "select visit_number, name from visit_definition where study_id = ? order by visit_number",
                List.of(scope.studyId()), rs -> visits.add(new VisitOption(rs.getBigDecimal(1), rs.getString(2))));
        return visits;
    }

    List<MarkerSummary> computeSummaries(StudyScope scope, MarkerFilter filter) {
        // Results come from the study's marker slices (MarkerSlices): sorted per test, arm, visit
        // and site, brought up to date first, and merged here over the visible sites.
        List<MarkerSummary> out = new ArrayList<>();
        Jdbc.withConnection(em, connection -> {
            MarkerSlices slices = new MarkerSlices(connection);
            slices.refresh(scope.studyId());
            out.addAll(slices.summaries(scope.studyId(), filter.tests(), filter.includeDerived(), scope.siteIds(),
                    armId -> armCode(scope, armId)));
        });

        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where s.study_id = ? and s.arm_id is not null");
        parameters.add(scope.studyId());
        if (!filter.includeDerived()) {
            where.append(" and r.derived = false");
        }
        if (!filter.tests().isEmpty()) {
            where.append(" and r.test_code in (").append("?, ".repeat(filter.tests().size() - 1)).append("?)");
            parameters.addAll(filter.tests());
        }
        where.append(scope.siteCondition("s.site_id"));
        VisitLabels labels = visitLabels(scope, where.toString(), parameters);
        List<MarkerSummary> labelled = new ArrayList<>(out.size());
        for (MarkerSummary m : out) {
            labelled.add(new MarkerSummary(m.arm(), m.test(), m.visitNum(), labels.of(m.arm(), m.test(), m.visitNum()),
                    m.n(), m.median(), m.q1(), m.q3(), m.mean(), m.sd(), m.medianFoldChange()));
        }
        Map<String, Integer> armRank = new HashMap<>();
        scope.arms().forEach(a -> armRank.put(a.code(), scope.armRank(a.id())));
        labelled.sort(Comparator.comparing((MarkerSummary m) -> armRank.getOrDefault(m.arm(), Integer.MAX_VALUE))
                .thenComparing(MarkerSummary::test).thenComparingDouble(MarkerSummary::visitNum));
        return List.copyOf(labelled);
    }

    /**
     * The VISIT label of each arm x test x visit number: that of the first subject in USUBJID
     * order with a result there. Nearly always every subject's visit of a number carries the same
     * label, which one small query over the visits settles; only where an arm's subjects carry
     * different labels for one visit number are the results of that visit asked, per test.
     */
    private VisitLabels visitLabels(StudyScope scope, String resultFilter, List<Object> resultParameters) {
        Map<String, String[]> byArmVisit = new HashMap<>();
        java.util.Set<String> ambiguous = new java.util.HashSet<>();
        Jdbc.stream(em, "select s.arm_id, v.visit_number, v.name, min(s.usubjid) from visit v"
                + " join subject s on s.id = v.subject_id where s.study_id = ? and s.arm_id is not null"
                + scope.siteCondition("s.site_id") + " group by s.arm_id, v.visit_number, v.name",
                List.of(scope.studyId()), rs -> {
                    String key = key(armCode(scope, rs.getLong(1)), null, rs.getBigDecimal(2).doubleValue());
                    String[] label = {rs.getString(4), rs.getString(3)};
                    String[] known = byArmVisit.putIfAbsent(key, label);
                    if (known != null) {
                        ambiguous.add(key);
                        if (label[0].compareTo(known[0]) < 0) {
                            byArmVisit.put(key, label);
                        }
                    }
                });
        Map<String, String[]> byTest = new HashMap<>();
        if (!ambiguous.isEmpty()) {
            Jdbc.stream(em, "select s.arm_id, r.test_code, v.visit_number, v.name, min(s.usubjid) from lab_result r"
                    + " join subject s on s.id = r.subject_id join visit v on v.id = r.visit_id" + resultFilter
                    + " and v.visit_number in (select x.visit_number from visit x join subject xs on xs.id = x.subject_id"
                    + " where xs.study_id = ? and xs.arm_id = s.arm_id group by x.visit_number"
                    + " having count(distinct x.name) > 1)"
                    + " group by s.arm_id, r.test_code, v.visit_number, v.name",
                    concat(resultParameters, scope.studyId()), rs -> {
                        String[] label = {rs.getString(5), rs.getString(4)};
                        byTest.merge(key(armCode(scope, rs.getLong(1)), rs.getString(2), rs.getBigDecimal(3).doubleValue()),
                                label, (known, candidate) -> candidate[0].compareTo(known[0]) < 0 ? candidate : known);
                    });
        }
        return (arm, test, visitNumber) -> {
            String[] exact = byTest.get(key(arm, test, visitNumber));
            if (exact != null) {
                return exact[1];
            }
            String[] common = byArmVisit.get(key(arm, null, visitNumber));
            return common == null ? null : common[1];
        };
    }

    /** Visit label lookup. */
    private interface VisitLabels {
        String of(String arm, String test, double visitNumber);
    }

    private static String armCode(StudyScope scope, long armId) {
        return scope.arm(armId).map(ArmRef::code).orElse("?");
    }

    private static List<Object> concat(List<Object> first, Object last) {
        List<Object> all = new ArrayList<>(first);
        all.add(last);
        return all;
    }

    SpearmanOutcome computeSpearman(StudyScope scope, String x, String y, BigDecimal visitNumber, ArmRef arm) {
        List<Object> parameters = new ArrayList<>(List.of(y, scope.studyId(), x, visitNumber));
        StringBuilder sql = new StringBuilder("select rx.standard_value, ry.standard_value from lab_result rx"
                + " join lab_result ry on ry.visit_id = rx.visit_id and ry.test_code = ?"
                + " join visit v on v.id = rx.visit_id join subject s on s.id = rx.subject_id"
                + " where s.study_id = ? and rx.test_code = ? and v.visit_number = ?");
        if (arm != null) {
            sql.append(" and s.arm_id = ?");
            parameters.add(arm.id());
        }
        sql.append(scope.siteCondition("s.site_id"));
        DoubleList xs = new DoubleList();
        DoubleList ys = new DoubleList();
        Jdbc.stream(em, sql.toString(), parameters, rs -> {
            xs.add(rs.getDouble(1));
            ys.add(rs.getDouble(2));
        });
        SpearmanResult r = Spearman.test(xs.toArray(), ys.toArray());
        return new SpearmanOutcome(x, y, visitNumber, arm == null ? null : arm.code(), r.n(), r.rho(), r.p());
    }

    MannWhitneyOutcome computeMannWhitney(StudyScope scope, String test, BigDecimal visitNumber, ArmRef arm1,
            ArmRef arm2) {
        DoubleList first = new DoubleList();
        DoubleList second = new DoubleList();
        Jdbc.stream(em, "select s.arm_id, r.standard_value from lab_result r join visit v on v.id = r.visit_id"
                + " join subject s on s.id = r.subject_id where s.study_id = ? and r.test_code = ?"
                + " and v.visit_number = ? and s.arm_id in (?, ?)" + scope.siteCondition("s.site_id"),
                List.of(scope.studyId(), test, visitNumber, arm1.id(), arm2.id()),
                rs -> (rs.getLong(1) == arm1.id() ? first : second).add(rs.getDouble(2)));
        if (first.size() == 0 || second.size() == 0) {
            return new MannWhitneyOutcome(test, visitNumber, arm1.code(), arm2.code(), first.size(), second.size(),
                    null, null);
        }
        MannWhitneyResult r = MannWhitney.test(first.toArray(), second.toArray());
        return new MannWhitneyOutcome(test, visitNumber, arm1.code(), arm2.code(), r.n1(), r.n2(), r.w(), r.p());
    }

    /** Arms in DM order, as an ORDER BY expression over subject.arm_id (the ids are ours). */
    private static String armRankExpression(StudyScope scope) {
        if (scope.arms().isEmpty()) {
            return "s.arm_id";
        }
        StringBuilder expression = new StringBuilder("case s.arm_id");
        for (ArmRef arm : scope.arms()) {
            expression.append(" when ").append(arm.id()).append(" then ").append(scope.armRank(arm.id()));
        }
        return expression.append(" else ").append(scope.arms().size()).append(" end").toString();
    }

    private static String key(String arm, String test, double visitNumber) {
        return arm + '\u0000' + test + '\u0000' + visitNumber;
    }
}
