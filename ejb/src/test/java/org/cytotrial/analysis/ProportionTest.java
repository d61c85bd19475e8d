package org.cytotrial.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProportionTest {

    @Test
    void exactIntervalAtZeroAndAtN() {
        // Closed forms of Clopper-Pearson at the edges: [0, 1 - (a/2)^(1/n)] and [(a/2)^(1/n), 1].
        Proportion none = Proportion.of(0, 10);
        assertEquals(0.0, none.rate());
        assertEquals(0.0, none.lower());
        assertEquals(1 - Math.pow(0.025, 0.1), none.upper(), 1e-12);
        Proportion all = Proportion.of(10, 10);
        assertEquals(1.0, all.rate());
        assertEquals(Math.pow(0.025, 0.1), all.lower(), 1e-12);
        assertEquals(1.0, all.upper());
    }

    @Test
    void interiorMatchesR() {
        // binom.test(2, 17)$conf.int
        Proportion p = Proportion.of(2, 17);
        assertEquals(0.01457931684, p.lower(), 1e-10);
        assertEquals(0.3644091621, p.upper(), 1e-10);
    }

    @Test
    void emptyDenominatorHasNoRate() {
        Proportion p = Proportion.of(0, 0);
        assertNull(p.rate());
        assertNull(p.lower());
        assertNull(p.upper());
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> Proportion.of(3, 2));
        assertThrows(IllegalArgumentException.class, () -> Proportion.of(-1, 2));
    }
}
