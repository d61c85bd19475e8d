package org.cytotrial.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class KaplanMeierTest {

    private static List<SurvivalObservation> obs(double[] time, int[] event) {
        List<SurvivalObservation> out = new ArrayList<>();
        for (int i = 0; i < time.length; i++) {
            out.add(new SurvivalObservation(time[i], event[i] == 1));
        }
        return out;
    }

    @Test
    void tiedEventAndCensoringTimes() {
        // 1, 2, 2+, 3, 4+: S = 0.8, 0.6, 0.3, 0.3; Greenwood sums 1/20, +1/12, +1/2.
        KaplanMeier km = KaplanMeier.estimate(obs(new double[] {3, 2, 1, 4, 2}, new int[] {1, 0, 1, 0, 1}));
        List<SurvivalRow> t = km.table();
        assertEquals(4, t.size());
        SurvivalRow two = t.get(1);
        assertEquals(2.0, two.time());
        assertEquals(4, two.atRisk());
        assertEquals(1, two.events());
        assertEquals(1, two.censored());
        assertEquals(0.6, two.survival(), 1e-15);
        assertEquals(Math.sqrt(0.05 + 1.0 / 12), two.stdErr(), 1e-15);
        assertEquals(0.8, t.get(0).survival(), 1e-15);
        assertEquals(0.3, t.get(2).survival(), 1e-15);
        assertEquals(1, t.get(3).atRisk());
        assertEquals(1, t.get(3).censored());
        // log-log limits computed by hand: exp(-exp(log(-log S) -/+ z se / log S))
        assertEquals(0.2038092633, t.get(0).lower(), 1e-9);
        assertEquals(0.9691797889, t.get(0).upper(), 1e-9);
        assertEquals(0.1257301830, t.get(1).lower(), 1e-9);
        assertEquals(0.8817564074, t.get(1).upper(), 1e-9);
        assertEquals(0.0123015294, t.get(3).lower(), 1e-9);
        SurvivalSummary s = km.summary();
        assertEquals(5, s.n());
        assertEquals(3, s.events());
        assertEquals(2, s.censored());
        assertEquals(3.0, s.median());
        assertEquals(1.0, s.medianLower(), "the lower curve is 0.20 already at time 1");
        assertNull(s.medianUpper());
        assertEquals(1.0, s.minTime());
        assertEquals(4.0, s.maxTime());
    }

    @Test
    void medianOnAPlateauAtExactlyHalfIsTheMidpoint() {
        // survfit(Surv(1:4)): S = .75, .5, .25, 0 -> median (2 + 3) / 2
        KaplanMeier km = KaplanMeier.estimate(obs(new double[] {1, 2, 3, 4}, new int[] {1, 1, 1, 1}));
        assertEquals(2.5, km.summary().median());
        assertEquals(1.0, km.summary().medianLower());
        assertNull(km.summary().medianUpper(), "the upper curve stays above 0.5 (0.84, 0.67, NA)");
        assertNull(km.table().get(3).lower(), "undefined where S = 0, as R's NA");
    }

    @Test
    void curveEndingAtExactlyHalfTakesTheMidpointToTheLastTime() {
        KaplanMeier km = KaplanMeier.estimate(obs(new double[] {1, 5}, new int[] {1, 0}));
        assertEquals(3.0, km.summary().median());
    }

    @Test
    void allCensoredHasNoMedianAndNoLimits() {
        KaplanMeier km = KaplanMeier.estimate(obs(new double[] {3, 7, 9}, new int[] {0, 0, 0}));
        SurvivalSummary s = km.summary();
        assertEquals(0, s.events());
        assertEquals(3, s.censored());
        assertNull(s.median());
        assertNull(s.medianLower());
        assertNull(s.medianUpper());
        assertEquals(1.0, km.table().get(0).survival());
        assertNull(km.table().get(0).lower(), "undefined where S = 1, as R's NA");
        assertEquals(3.0, s.minTime());
        assertEquals(9.0, s.maxTime());
    }

    @Test
    void emptyInput() {
        SurvivalSummary s = KaplanMeier.estimate(List.of()).summary();
        assertEquals(0, s.n());
        assertNull(s.median());
        assertNull(s.minTime());
    }

    @Test
    void monthsScaleEveryTime() {
        SurvivalSummary s = KaplanMeier.estimate(obs(new double[] {1, 2, 3, 4}, new int[] {1, 1, 1, 1}))
                .summary().inMonths();
        assertEquals(2.5 / 30.4375, s.median(), 1e-15);
        assertEquals(4 / 30.4375, s.maxTime(), 1e-15);
        assertNull(s.medianUpper());
    }
}
