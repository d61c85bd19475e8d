package org.cytotrial.marker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cytotrial.testing.H2Schema;
import org.junit.jupiter.api.Test;

/** Units and plausible ranges from the seeded catalogue. */
class MarkerTest {

    private final Marker haemoglobin = H2Schema.catalogue().find("HGB").orElseThrow();

    @Test
    void alternativeUnitsConvertToTheStandardUnit() {
        assertEquals(new Quantity(123.0, "g/L"), haemoglobin.standardise(12.3, "g/dL"));
        assertEquals(new Quantity(123.0, "g/L"), haemoglobin.standardise(123, "g/L"));
        assertEquals(new Quantity(123.0, "g/L"), haemoglobin.standardise(12.3, " G/DL "), "case and blanks do not matter");
        assertEquals(List.of("g/L", "g/dL"), haemoglobin.acceptedUnits());
    }

    @Test
    void aUnitNotAcceptedIsRefusedNamingTheAcceptedOnes() {
        UnitNotAcceptedException e = assertThrows(UnitNotAcceptedException.class, () -> haemoglobin.standardise(7.6, "mmol/L"));
        assertEquals("unit 'mmol/L' is not accepted for HGB; accepted: g/L, g/dL", e.getMessage());
    }

    @Test
    void implausibleValuesAreErrorsNotData() {
        ImplausibleValueException e = assertThrows(ImplausibleValueException.class, () -> haemoglobin.standardise(30, "g/dL"));
        assertEquals("value 30 g/dL (300 g/L) is outside the plausible range 20–250 g/L of HGB", e.getMessage());
        assertTrue(haemoglobin.isPlausible(20) && haemoglobin.isPlausible(250));
    }

    @Test
    void theCatalogueHoldsEveryMarkerOfTheDomainGuide() {
        MarkerCatalogue catalogue = H2Schema.catalogue();
        for (String code : new String[] {"EOS", "LYM", "WBC", "HGB", "RBC", "HCT", "CD4", "CD8", "CD4/CD8", "CD25", "NKCD56",
            "CD69", "NKACT", "LAKACT", "SIL2R", "IL6", "IFNG", "IL4", "CRP", "MPROT"}) {
            assertTrue(catalogue.find(code).isPresent(), code);
        }
        assertTrue(catalogue.find("CD4/CD8").orElseThrow().isDerived());
        assertEquals(10.0, catalogue.find("CRP").orElseThrow().factorFor("mg/dL").orElseThrow());
    }
}
