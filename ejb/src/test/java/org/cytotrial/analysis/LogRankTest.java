package org.cytotrial.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LogRankTest {

    private static List<SurvivalObservation> obs(double[] time, int[] event) {
        List<SurvivalObservation> out = new ArrayList<>();
        for (int i = 0; i < time.length; i++) {
            out.add(new SurvivalObservation(time[i], event[i] == 1));
        }
        return out;
    }

    // R's survival::aml (acute myelogenous leukaemia, maintained vs not)
    static final List<SurvivalObservation> MAINTAINED = obs(new double[] {9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161},
            new int[] {1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0});
    static final List<SurvivalObservation> NOT_MAINTAINED = obs(
            new double[] {5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45}, new int[] {1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1});

    @Test
    void reproducesSurvdiffOnAml() {
        Map<String, List<SurvivalObservation>> g = new LinkedHashMap<>();
        g.put("Maintained", MAINTAINED);
        g.put("Nonmaintained", NOT_MAINTAINED);
        LogRankResult r = LogRank.test(g);
        // survdiff(Surv(time, status) ~ x, data = aml): O 7 / 11, E 10.69 / 7.31, Chisq 3.4 on 1 df, p 0.0653
        assertEquals(7, r.groups().get(0).observed());
        assertEquals(10.69, r.groups().get(0).expected(), 0.005);
        assertEquals(7.31, r.groups().get(1).expected(), 0.005);
        assertEquals(3.396389, r.chiSquare(), 1e-6);
        assertEquals(1, r.degreesOfFreedom());
        assertEquals(0.06533932, r.p(), 1e-8);
    }

    @Test
    void threeGroupsDoNotDependOnGroupOrder() {
        List<SurvivalObservation> third = obs(new double[] {2, 6, 9, 20, 40}, new int[] {1, 1, 0, 1, 0});
        Map<String, List<SurvivalObservation>> a = new LinkedHashMap<>();
        a.put("M", MAINTAINED);
        a.put("N", NOT_MAINTAINED);
        a.put("T", third);
        Map<String, List<SurvivalObservation>> b = new LinkedHashMap<>();
        b.put("T", third);
        b.put("N", NOT_MAINTAINED);
        b.put("M", MAINTAINED);
        LogRankResult ra = LogRank.test(a);
        assertEquals(2, ra.degreesOfFreedom());
        assertEquals(ra.chiSquare(), LogRank.test(b).chiSquare(), 1e-9);
        double observed = 0;
        double expected = 0;
        for (LogRankGroup lg : ra.groups()) {
            observed += lg.observed();
            expected += lg.expected();
        }
        assertEquals(observed, expected, 1e-9);
    }

    @Test
    void identicalGroupsGiveZero() {
        Map<String, List<SurvivalObservation>> g = new LinkedHashMap<>();
        g.put("a", MAINTAINED);
        g.put("b", MAINTAINED);
        LogRankResult r = LogRank.test(g);
        assertEquals(0.0, r.chiSquare(), 1e-12);
        assertEquals(1.0, r.p(), 1e-12);
    }

    @Test
    void noEventsNoTest() {
        Map<String, List<SurvivalObservation>> g = new LinkedHashMap<>();
        g.put("a", obs(new double[] {3, 4}, new int[] {0, 0}));
        g.put("b", obs(new double[] {5}, new int[] {0}));
        LogRankResult r = LogRank.test(g);
        assertEquals(0.0, r.chiSquare());
        assertNull(r.p(), "survdiff: pchisq(0, -1) is NaN");
    }

    @Test
    void whenOnlyOneGroupExpectsEventsTheStatisticIsZeroWithPOne() {
        // b's only subject leaves at day 1, before a's event: b expects none (survdiff: chisq 0,
        // pvalue = pchisq(0, 0, lower.tail = FALSE) = 1)
        Map<String, List<SurvivalObservation>> g = new LinkedHashMap<>();
        g.put("a", obs(new double[] {29, 40}, new int[] {1, 0}));
        g.put("b", obs(new double[] {1}, new int[] {0}));
        LogRankResult r = LogRank.test(g);
        assertEquals(0.0, r.chiSquare());
        assertEquals(0, r.degreesOfFreedom());
        assertEquals(1.0, r.p());
    }

    @Test
    void aSingleGroupOfSubjectsIsNoComparison() {
        Map<String, List<SurvivalObservation>> g = new LinkedHashMap<>();
        g.put("a", MAINTAINED);
        g.put("b", List.of());
        LogRankResult r = LogRank.test(g);
        assertNull(r.chiSquare());
        assertNull(r.p());
    }
}
