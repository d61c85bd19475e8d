package org.cytotrial.marker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Cd4Cd8RatioTest {

    @Test
    void theRatioIsCd4OverCd8RoundedForDisplayOnly() {
        Cd4Cd8Ratio.Derived ratio = Cd4Cd8Ratio.of(31.8, 37.5).orElseThrow();
        assertEquals(31.8 / 37.5, ratio.value(), 0.0);
        assertEquals("0.8480", ratio.text());
        assertEquals("2.0000", Cd4Cd8Ratio.of(40.0, 20.0).orElseThrow().text());
        assertEquals("0.3333", Cd4Cd8Ratio.of(1.0, 3.0).orElseThrow().text());
        assertEquals("0.6667", Cd4Cd8Ratio.of(2.0, 3.0).orElseThrow().text(), "half up");
    }

    @Test
    void noRatioWithoutBothValuesOrWithCd8Zero() {
        assertTrue(Cd4Cd8Ratio.of(null, 20.0).isEmpty());
        assertTrue(Cd4Cd8Ratio.of(20.0, null).isEmpty());
        assertTrue(Cd4Cd8Ratio.of(20.0, 0.0).isEmpty());
    }
}
