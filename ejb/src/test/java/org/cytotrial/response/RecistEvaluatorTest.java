package org.cytotrial.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.cytotrial.response.ResponseCategory.CR;
import static org.cytotrial.response.ResponseCategory.MR;
import static org.cytotrial.response.ResponseCategory.NE;
import static org.cytotrial.response.ResponseCategory.PD;
import static org.cytotrial.response.ResponseCategory.PR;
import static org.cytotrial.response.ResponseCategory.SD;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RecistEvaluatorTest {

    private static final LocalDate BASE = LocalDate.of(2020, 1, 1);

    /** Two non-nodal target lesions A and B; the diameters at each visit in mm. */
    private static TumourAssessment visit(int week, Double a, Double b) {
        return visit(week, a, b, false, NonTargetStatus.ABSENT);
    }

    private static TumourAssessment visit(int week, Double a, Double b, boolean newLesion, NonTargetStatus nt) {
        Map<String, Double> m = new HashMap<>();
        m.put("A", a);
        m.put("B", b);
        return new TumourAssessment(BASE.plusWeeks(week), m, Set.of(), newLesion, nt);
    }

    private static List<ResponseCategory> categories(List<RecistEvaluation> evaluations) {
        List<ResponseCategory> out = new ArrayList<>();
        evaluations.forEach(e -> out.add(e.category()));
        return out;
    }

    @Test
    void baselineRowHasNoCategoryAndSumsTheTargets() {
        List<RecistEvaluation> r = RecistEvaluator.evaluate(List.of(visit(0, 30.0, 20.0)), null);
        assertEquals(1, r.size());
        assertNull(r.get(0).category());
        assertEquals(50.0, r.get(0).sumOfDiametersMm());
        assertEquals(0.0, r.get(0).changeFromBaselinePercent());
    }

    @Test
    void thirtyPercentDecreaseIsPartialResponseJustBelowIsStable() {
        List<RecistEvaluation> r = RecistEvaluator.evaluate(List.of(
                visit(0, 30.0, 20.0), visit(6, 21.0, 14.0), visit(12, 21.5, 14.0)), null);
        assertEquals(PR, r.get(1).category());
        assertEquals(-30.0, r.get(1).changeFromBaselinePercent(), 1e-12);
        assertEquals(SD, r.get(2).category());
    }

    @Test
    void minorResponseBandOnlyWhenTheStudySetsIt() {
        List<TumourAssessment> a = List.of(visit(0, 30.0, 20.0), visit(6, 27.0, 18.0), visit(12, 28.0, 18.0));
        // 45 mm is a 10 % decrease, 46 mm 8 %.
        assertEquals(List.of(MR, SD), categories(RecistEvaluator.evaluate(a, 10.0)).subList(1, 3));
        assertEquals(List.of(SD, SD), categories(RecistEvaluator.evaluate(a, null)).subList(1, 3));
        assertThrows(IllegalArgumentException.class, () -> RecistEvaluator.evaluate(a, 30.0));
    }

    @Test
    void progressionNeedsTwentyPercentAndFiveMillimetresAboveTheNadir() {
        // nadir 20 mm at week 6; +4 mm (20 %) is not enough in absolute terms, +5 mm (25 %) is PD.
        List<RecistEvaluation> small = RecistEvaluator.evaluate(List.of(
                visit(0, 10.0, 10.0), visit(6, 10.0, 10.0), visit(12, 12.0, 12.0), visit(18, 12.5, 12.5)), null);
        assertEquals(List.of(SD, SD, PD), categories(small).subList(1, 4));
        assertEquals(25.0, small.get(3).changeFromNadirPercent(), 1e-12);
    }

    @Test
    void progressionIsMeasuredFromTheNadirNotTheBaseline() {
        // 100 -> 60 (PR) -> 72: still 28 % below baseline, but 20 % and 12 mm above the nadir.
        List<RecistEvaluation> r = RecistEvaluator.evaluate(List.of(
                visit(0, 50.0, 50.0), visit(6, 30.0, 30.0), visit(12, 36.0, 36.0)), null);
        assertEquals(List.of(PR, PD), categories(r).subList(1, 3));
        assertEquals(-28.0, r.get(2).changeFromBaselinePercent(), 1e-12);
        assertEquals(20.0, r.get(2).changeFromNadirPercent(), 1e-12);
    }

    @Test
    void theNadirDoesNotIncludeTheCurrentAssessment() {
        List<RecistEvaluation> r = RecistEvaluator.evaluate(List.of(
                visit(0, 50.0, 50.0), visit(6, 40.0, 40.0)), null);
        assertEquals(-20.0, r.get(1).changeFromNadirPercent(), 1e-12);
    }

    @Test
    void newLesionOrUnequivocalNonTargetProgressionIsProgressionWhateverTheTargets() {
        List<RecistEvaluation> r = RecistEvaluator.evaluate(List.of(
                visit(0, 30.0, 20.0),
                visit(6, 10.0, 5.0, true, NonTargetStatus.ABSENT),
                visit(12, 10.0, 5.0, false, NonTargetStatus.UNEQUIVOCAL_PROGRESSION)), null);
        assertEquals(List.of(PD, PD), categories(r).subList(1, 3));
    }

    @Test
    void completeResponseWithNodesUnderTenMillimetres() {
        TumourAssessment base = new TumourAssessment(BASE, Map.of("L", 25.0, "N", 18.0), Set.of("N"), false,
                NonTargetStatus.ABSENT);
        TumourAssessment gone = new TumourAssessment(BASE.plusWeeks(6), Map.of("L", 0.0, "N", 9.0), Set.of(), false,
                NonTargetStatus.ABSENT);
        TumourAssessment nodeTen = new TumourAssessment(BASE.plusWeeks(12), Map.of("L", 0.0, "N", 10.0), Set.of(),
                false, NonTargetStatus.ABSENT);
        TumourAssessment ntRemains = new TumourAssessment(BASE.plusWeeks(18), Map.of("L", 0.0, "N", 9.0), Set.of(),
                false, NonTargetStatus.PRESENT);
        TumourAssessment ntNotDone = new TumourAssessment(BASE.plusWeeks(24), Map.of("L", 0.0, "N", 9.0), Set.of(),
                false, NonTargetStatus.NOT_EVALUATED);
        List<RecistEvaluation> r = RecistEvaluator.evaluate(List.of(base, gone, nodeTen, ntRemains, ntNotDone), null);
        // The SOD of a complete response is not 0: normal nodes still have a short axis.
        assertEquals(9.0, r.get(1).sumOfDiametersMm());
        assertEquals(List.of(CR, PR, PR, PR), categories(r).subList(1, 5));
    }

    @Test
    void aNonNodalLesionMustBeZeroForCompleteResponse() {
        List<RecistEvaluation> r = RecistEvaluator.evaluate(List.of(visit(0, 30.0, 20.0), visit(6, 0.0, 5.0)), null);
        assertEquals(PR, r.get(1).category());
    }

    @Test
    void unmeasuredTargetLesionIsNotEvaluableUnlessProgressionIsShownAnotherWay() {
        List<RecistEvaluation> r = RecistEvaluator.evaluate(List.of(
                visit(0, 30.0, 20.0),
                visit(6, 10.0, null),
                visit(12, 10.0, null, true, NonTargetStatus.ABSENT),
                visit(18, 66.0, null)), null);
        assertEquals(List.of(NE, PD, PD), categories(r).subList(1, 4));
        assertNull(r.get(1).sumOfDiametersMm());
        assertNull(r.get(1).changeFromBaselinePercent());
    }

    @Test
    void incompleteAssessmentsDoNotLowerTheNadir() {
        List<RecistEvaluation> r = RecistEvaluator.evaluate(List.of(
                visit(0, 30.0, 20.0), visit(6, 5.0, null), visit(12, 30.0, 20.0)), null);
        assertEquals(0.0, r.get(2).changeFromNadirPercent(), 1e-12);
        assertEquals(SD, r.get(2).category());
    }

    @Test
    void assessmentsAreTakenInDateOrderAndTheEarliestIsTheBaseline() {
        List<RecistEvaluation> r = RecistEvaluator.evaluate(List.of(visit(6, 21.0, 14.0), visit(0, 30.0, 20.0)), null);
        assertNull(r.get(0).category());
        assertEquals(PR, r.get(1).category());
        assertEquals(new DatedResponse(BASE.plusWeeks(6), PR), r.get(1).asAssessment());
    }

    @Test
    void baselineMustMeasureEveryTargetLesion() {
        assertThrows(IllegalArgumentException.class,
                () -> RecistEvaluator.evaluate(List.of(visit(0, 30.0, null)), null));
    }

    @Test
    void nonTargetOnlyDisease() {
        TumourAssessment base = new TumourAssessment(BASE, Map.of(), Set.of(), false, NonTargetStatus.PRESENT);
        List<RecistEvaluation> r = RecistEvaluator.evaluate(List.of(base,
                new TumourAssessment(BASE.plusWeeks(6), Map.of(), Set.of(), false, NonTargetStatus.PRESENT),
                new TumourAssessment(BASE.plusWeeks(12), Map.of(), Set.of(), false, NonTargetStatus.ABSENT),
                new TumourAssessment(BASE.plusWeeks(18), Map.of(), Set.of(), false, NonTargetStatus.NOT_EVALUATED)),
                null);
        assertEquals(List.of(SD, CR, NE), categories(r).subList(1, 4));
    }

    @Test
    void noAssessmentsNoEvaluations() {
        assertEquals(List.of(), RecistEvaluator.evaluate(List.of(), 10.0));
    }
}
