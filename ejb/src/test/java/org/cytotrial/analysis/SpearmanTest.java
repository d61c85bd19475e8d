package org.cytotrial.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpearmanTest {

    @Test
    void tApproximationLikeCorTestExactFalse() {
        // cor.test(1:5, c(2, 1, 4, 3, 5), method = "spearman", exact = FALSE): rho 0.8, p 0.1041
        SpearmanResult r = Spearman.test(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5});
        assertEquals(5, r.n());
        assertEquals(0.8, r.rho(), 1e-12);
        assertEquals(0.10408803866182778, r.p(), 1e-10);
    }

    @Test
    void tiesGetAverageRanks() {
        SpearmanResult r = Spearman.test(new double[] {1, 2, 2, 3, 5, 7, 7}, new double[] {3, 3, 1, 8, 6, 7, 7});
        assertEquals(0.6944444444444445, r.rho(), 1e-12);
        assertEquals(0.08339101364986191, r.p(), 1e-10);
    }

    @Test
    void perfectMonotoneHasPZero() {
        SpearmanResult r = Spearman.test(new double[] {1, 2, 3, 4}, new double[] {10, 20, 35, 80});
        assertEquals(1.0, r.rho());
        assertEquals(0.0, r.p());
        assertEquals(-1.0, Spearman.test(new double[] {1, 2, 3}, new double[] {3, 2, 1}).rho());
    }

    @Test
    void undefinedCases() {
        assertNull(Spearman.test(new double[] {1}, new double[] {2}).rho());
        SpearmanResult two = Spearman.test(new double[] {1, 2}, new double[] {2, 3});
        assertEquals(1.0, two.rho());
        assertNull(two.p());
        assertNull(Spearman.test(new double[] {1, 2, 3}, new double[] {4, 4, 4}).rho());
        assertThrows(IllegalArgumentException.class, () -> Spearman.test(new double[] {1}, new double[] {1, 2}));
    }
}
