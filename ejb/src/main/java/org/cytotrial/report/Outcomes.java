package org.cytotrial.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cytotrial.analysis.BestOverallResponse;
import org.cytotrial.analysis.KaplanMeier;
import org.cytotrial.analysis.LogRank;
import org.cytotrial.analysis.LogRankResult;
import org.cytotrial.analysis.PfsDerivation;
import org.cytotrial.analysis.PfsOutcome;
import org.cytotrial.analysis.ResponseSummary;
import org.cytotrial.analysis.SurvivalObservation;
import org.cytotrial.response.DatedResponse;
import org.cytotrial.response.ImwgEvaluation;
import org.cytotrial.response.ImwgEvaluator;
import org.cytotrial.response.MProteinMeasurement;
import org.cytotrial.response.RecistEvaluation;
import org.cytotrial.response.RecistEvaluator;
import org.cytotrial.response.TumourAssessment;
import org.cytotrial.study.ResponseCriteria;

/**
 * A report's derived outcomes, with the analysis engine's rules applied to the data as of the
 * cut-off: per subject (best overall response, PFS, best percent change) and per arm (response
 * table, Kaplan-Meier) and between arms (log-rank). Pure: the reader feeds it what it streams.
 */
public final class Outcomes {

    private Outcomes() {
    }

    /** One subject's data as read, before the cut-off is applied. */
    public record SubjectData(String subject, String arm, String site, LocalDate firstDose, LocalDate death,
            List<DatedResponse> responses, List<TumourAssessment> tumours, List<MProteinMeasurement> mProtein) {
    }

    /**
     * The subject's outcomes as of the cut-off, or null when the subject was not treated by then
     * (no first dose on or before the cut-off): only treated subjects are analysed.
     */
    public static SubjectOutcome derive(SubjectData s, ReportScope scope) {
        LocalDate cutoff = scope.cutoff();
        if (s.firstDose() == null || after(s.firstDose(), cutoff)) {
            return null;
        }
        List<DatedResponse> responses = s.responses().stream().filter(r -> !after(r.date(), cutoff)).toList();
        LocalDate death = s.death() == null || after(s.death(), cutoff) ? null : s.death();
        BestOverallResponse bor = BestOverallResponse.derive(responses, s.firstDose(), scope.sdMinDays());
        PfsOutcome pfs;
        try {
            pfs = PfsDerivation.derive(responses, s.firstDose(), death);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Subject " + s.subject() + ": " + e.getMessage(), e);
        }
        return new SubjectOutcome(s.subject(), s.arm(), s.site(), s.firstDose(), bor, bestChange(s, scope), pfs);
    }

    /** Lowest percent change from baseline among the measurements after the first dose, up to the cut-off. */
    static Double bestChange(SubjectData s, ReportScope scope) {
        LocalDate cutoff = scope.cutoff();
        Double best = null;
        try {
            if (scope.criteria() == ResponseCriteria.IMWG) {
                List<MProteinMeasurement> values = s.mProtein().stream().filter(m -> !after(m.date(), cutoff)).toList();
                for (ImwgEvaluation e : ImwgEvaluator.evaluate(values)) {
                    best = lower(best, e.isBaseline() || !e.date().isAfter(s.firstDose()) ? null
                            : e.changeFromBaselinePercent());
                }
            } else {
                List<TumourAssessment> scans = s.tumours().stream().filter(t -> !after(t.date(), cutoff)).toList();
                for (RecistEvaluation e : RecistEvaluator.evaluate(scans, scope.mrLowPercent())) {
                    best = lower(best, e.isBaseline() || !e.date().isAfter(s.firstDose()) ? null
                            : e.changeFromBaselinePercent());
                }
            }
        } catch (IllegalArgumentException incompleteBaseline) {
            // no usable baseline: the change is not computable, which the report shows as a blank
            return null;
        }
        return best;
    }

    /** Per arm, in the scope's order: response table and PFS curve of its treated subjects. */
    public static List<ArmResult> arms(ReportScope scope, List<SubjectOutcome> outcomes) {
        Map<String, List<SubjectOutcome>> byArm = byArm(scope, outcomes);
        List<ArmResult> arms = new ArrayList<>();
        for (ReportScope.ArmRef arm : scope.arms()) {
            List<SubjectOutcome> subjects = byArm.get(arm.code());
            arms.add(new ArmResult(arm, ResponseSummary.of(subjects.stream().map(SubjectOutcome::bor).toList()),
                    KaplanMeier.estimate(subjects.stream().map(o -> o.pfs().toObservation()).toList())));
        }
        return arms;
    }

    /** PFS compared between the arms; null with fewer than two. */
    public static LogRankResult logRank(ReportScope scope, List<SubjectOutcome> outcomes) {
        if (scope.arms().size() < 2) {
            return null;
        }
        Map<String, List<SurvivalObservation>> groups = new LinkedHashMap<>();
        byArm(scope, outcomes).forEach((arm, subjects) -> groups.put(arm,
                subjects.stream().map(o -> o.pfs().toObservation()).toList()));
        return LogRank.test(groups);
    }

    private static Map<String, List<SubjectOutcome>> byArm(ReportScope scope, List<SubjectOutcome> outcomes) {
        Map<String, List<SubjectOutcome>> byArm = new LinkedHashMap<>();
        scope.arms().forEach(a -> byArm.put(a.code(), new ArrayList<>()));
        for (SubjectOutcome o : outcomes) {
            List<SubjectOutcome> list = byArm.get(o.arm());
            if (list != null) {
                list.add(o);
            }
        }
        return byArm;
    }

    private static Double lower(Double best, Double candidate) {
        if (candidate == null) {
            return best;
        }
        return best == null || candidate < best ? candidate : best;
    }

    static boolean after(LocalDate date, LocalDate cutoff) {
        return cutoff != null && date != null && date.isAfter(cutoff);
    }
}
