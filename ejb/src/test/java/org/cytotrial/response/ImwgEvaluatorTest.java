package org.cytotrial.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.cytotrial.response.ResponseCategory.MR;
import static org.cytotrial.response.ResponseCategory.NE;
import static org.cytotrial.response.ResponseCategory.PD;
import static org.cytotrial.response.ResponseCategory.PR;
import static org.cytotrial.response.ResponseCategory.SD;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ImwgEvaluatorTest {

    private static final LocalDate START = LocalDate.of(1991, 3, 11);

    private static List<ResponseCategory> run(Double... values) {
        List<MProteinMeasurement> m = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            m.add(new MProteinMeasurement(START.plusWeeks(4L * i), values[i]));
        }
        List<ResponseCategory> out = new ArrayList<>();
        ImwgEvaluator.evaluate(m).forEach(e -> out.add(e.category()));
        return out;
    }

    @Test
    void thresholdsFromBaseline() {
        // baseline 40 g/L: 20 is -50 % (PR), 30 is -25 % (MR), 30.4 is -24 % (SD)
        assertEquals(java.util.Arrays.asList(null, PR), run(40.0, 20.0));
        assertEquals(java.util.Arrays.asList(null, MR), run(40.0, 30.0));
        assertEquals(java.util.Arrays.asList(null, SD), run(40.0, 30.4));
        assertEquals(java.util.Arrays.asList(null, PR), run(40.0, 20.4 - 0.4));
        assertEquals(java.util.Arrays.asList(null, MR), run(40.0, 20.4));
    }

    @Test
    void progressionNeedsTwentyFivePercentAndFiveGramsAboveTheNadir() {
        // nadir 20: 25 is +25 % and +5 g/L -> PD
        assertEquals(PD, run(40.0, 20.0, 25.0).get(2));
        // nadir 12: 15 is +25 % but only +3 g/L -> not PD (still 62 % below baseline: PR)
        assertEquals(PR, run(40.0, 12.0, 15.0).get(2));
        // nadir 30 (baseline): 36 is +20 % only -> SD
        assertEquals(SD, run(30.0, 36.0).get(1));
        assertEquals(PD, run(30.0, 37.5).get(1));
    }

    @Test
    void neverCompleteResponseEvenWhenUndetectable() {
        assertEquals(PR, run(40.0, 0.0).get(1));
    }

    @Test
    void missingValueIsNotEvaluableAndKeepsTheNadir() {
        List<ImwgEvaluation> e = ImwgEvaluator.evaluate(List.of(
                new MProteinMeasurement(START, 40.0),
                new MProteinMeasurement(START.plusDays(28), null),
                new MProteinMeasurement(START.plusDays(56), 50.0)));
        assertEquals(NE, e.get(1).category());
        assertNull(e.get(1).changeFromBaselinePercent());
        assertEquals(PD, e.get(2).category());
        assertEquals(25.0, e.get(2).changeFromNadirPercent(), 1e-12);
        assertNull(e.get(0).category());
    }

    @Test
    void baselineMustHaveAValue() {
        assertThrows(IllegalArgumentException.class,
                () -> ImwgEvaluator.evaluate(List.of(new MProteinMeasurement(START, null))));
    }

    private static MProteinMeasurement at(long visit, String number, LocalDate date, Double value) {
        return new MProteinMeasurement(date, value, visit, new java.math.BigDecimal(number));
    }

    /**
     * Two results on one date (a repeat sample at an unscheduled visit): two assessments, the
     * earlier visit's first, whatever order they arrive in. The first is the baseline when the
     * date is the first; later it is in the nadir the second is compared with.
     */
    @Test
    void resultsOnOneDateAreAssessmentsInVisitOrder() {
        LocalDate week4 = START.plusWeeks(4);
        List<MProteinMeasurement> given = List.of(at(30, "2.5", week4, 50.0), at(10, "1", START, 40.0),
                at(20, "2", week4, 30.0));
        java.util.Map<Long, ImwgEvaluation> e = ImwgEvaluator.evaluateVisits(given);
        assertEquals(List.of(10L, 20L, 30L), List.copyOf(e.keySet()), "date, then visit number");
        assertEquals(MR, e.get(20L).category(), "30 is -25 % from 40");
        assertEquals(PD, e.get(30L).category(), "50 is +20 g/L and +67 % from the nadir of 30 that day");
        assertEquals(66.67, e.get(30L).changeFromNadirPercent(), 0.01);

        java.util.Map<Long, ImwgEvaluation> baselineDay = ImwgEvaluator.evaluateVisits(List.of(
                at(2, "1.5", START, 30.0), at(1, "1", START, 40.0)));
        assertNull(baselineDay.get(1L).category(), "the first visit's result is the baseline");
        assertEquals(MR, baselineDay.get(2L).category(), "the repeat is an assessment against it");
        // the plain list follows the same order as the map
        assertEquals(java.util.Arrays.asList(null, MR, PD), ImwgEvaluator.evaluate(given).stream()
                .map(ImwgEvaluation::category).toList());
    }
}
