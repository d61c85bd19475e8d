package org.cytotrial.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResponseCategoryTest {

    @Test
    void bestOrderIsCrPrMrSdPdNe() {
        ResponseCategory[] order = ResponseCategory.values();
        for (int i = 0; i + 1 < order.length; i++) {
            assertTrue(order[i].isBetterThan(order[i + 1]), order[i] + " > " + order[i + 1]);
            assertFalse(order[i + 1].isBetterThan(order[i]));
        }
        assertFalse(ResponseCategory.SD.isBetterThan(ResponseCategory.SD));
        assertTrue(ResponseCategory.NE.isBetterThan(null));
        assertEquals(5, ResponseCategory.CR.rank());
        assertEquals(0, ResponseCategory.NE.rank());
    }

    @Test
    void parseIsLenientAboutBlanksAndCase() {
        assertEquals(ResponseCategory.PR, ResponseCategory.parse(" pr "));
        assertEquals(ResponseCategory.MR, ResponseCategory.parse("Mr"));
    }

    @Test
    void parseRejectsUnknownCodesNamingTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResponseCategory.parse("VGPR"));
        assertTrue(e.getMessage().contains("VGPR"));
        assertTrue(e.getMessage().contains("CR, PR, MR, SD, PD, NE"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResponseCategory.parse(null));
        assertThrows(IllegalArgumentException.class, () -> ResponseCategory.parse(""));
    }

    @Test
    void responseAndControlGroups() {
        assertTrue(ResponseCategory.CR.isObjectiveResponse());
        assertTrue(ResponseCategory.PR.isObjectiveResponse());
        assertFalse(ResponseCategory.MR.isObjectiveResponse());
        assertTrue(ResponseCategory.MR.isDiseaseControl());
        assertTrue(ResponseCategory.SD.isDiseaseControl());
        assertFalse(ResponseCategory.PD.isDiseaseControl());
        assertFalse(ResponseCategory.NE.isDiseaseControl());
    }
}
