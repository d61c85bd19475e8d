package org.cytotrial.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.testing.H2Schema;
import org.junit.jupiter.api.Test;

/** Parameters typed by people: what is accepted, and a 422 that says why otherwise. */
class ValidationTest {

    @Test
    void visitNumbersAreNonNegativeWithAtMostTwoDecimals() {
        assertEquals(new BigDecimal("2.5"), Validation.visitNumber("visitnum", " 2.5 ", null));
        assertEquals(BigDecimal.ONE, Validation.visitNumber("visitnum", "", BigDecimal.ONE));
        for (String bad : new String[] {"first", "-1", "1.234", "1e12"}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> Validation.visitNumber("visitnum", bad, null), bad);
            assertEquals("visitnum", e.getErrors().get(0).field());
        }
        assertThrows(InvalidInputException.class, () -> Validation.visitNumber("visitnum", null, null));
    }

    @Test
    void cutOffsAreFiniteNumbers() {
        assertEquals(4.0, Validation.number("cutoff", "4"));
        assertThrows(InvalidInputException.class, () -> Validation.number("cutoff", "NaN"));
        assertThrows(InvalidInputException.class, () -> Validation.number("cutoff", "four"));
        assertThrows(InvalidInputException.class, () -> Validation.number("cutoff", " "));
    }

    @Test
    void markersMustBeInTheCatalogueAndTheMessageListsThem() {
        assertEquals("IL6", Validation.requireMarker(H2Schema.catalogue(), "x", "il6"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Validation.requireMarker(H2Schema.catalogue(), "x", "IL-6"));
        assertTrue(e.getErrors().get(0).message().contains("HGB"), e.getMessage());
    }

    @Test
    void groupLabelsReadAsWritten() {
        PfsGrouping split = new PfsGrouping("IL6", 4.0, null);
        assertEquals("IL6 > 4", split.aboveLabel());
        assertEquals("IL6 <= 4", split.restLabel());
        assertEquals(BigDecimal.ONE, split.visitNumber(), "baseline by default");
        assertTrue(PfsGrouping.BY_ARM.byArm());
        assertEquals("0.5", Numbers.plain(0.5));
        assertEquals(new BigDecimal("10"), Numbers.visitNumber(10.0));
    }
}
