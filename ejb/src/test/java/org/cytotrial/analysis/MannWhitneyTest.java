package org.cytotrial.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    @Test
    void withTiesMatchesWilcoxTestExactFalse() {
        // W = rank sum of x - n1(n1+1)/2; z = (W - n1 n2 / 2 - 0.5 sign) / tie-corrected sigma
        MannWhitneyResult r = MannWhitney.test(new double[] {1, 2, 2, 3, 5, 7, 7}, new double[] {2, 3, 4, 4, 8, 9});
        assertEquals(14.5, r.w(), 1e-12);
        assertEquals(0.3867614399075, r.p(), 1e-10);
        assertEquals(7, r.n1());
        assertEquals(6, r.n2());
    }

    @Test
    void smallSamplesStayAsymptoticAsTheProtocolSays() {
        MannWhitneyResult r = MannWhitney.test(new double[] {1.1, 2.2, 3.3, 4.4}, new double[] {5.5, 6.6, 7.7});
        assertEquals(0.0, r.w());
        assertEquals(0.05182992721790968, r.p(), 1e-12);
    }

    @Test
    void centredStatisticGivesOne() {
        MannWhitneyResult r = MannWhitney.test(new double[] {1, 4}, new double[] {2, 3});
        assertEquals(2.0, r.w());
        assertEquals(1.0, r.p(), 1e-12);
    }

    @Test
    void allTiedHasNoPValue() {
        MannWhitneyResult r = MannWhitney.test(new double[] {3, 3}, new double[] {3, 3, 3});
        assertEquals(3.0, r.w());
        assertNull(r.p());
    }

    @Test
    void emptyGroupIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[0], new double[] {1}));
    }
}
