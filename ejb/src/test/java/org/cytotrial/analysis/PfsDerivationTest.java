package org.cytotrial.analysis;

import static org.cytotrial.analysis.BestOverallResponseTest.START;
import static org.cytotrial.analysis.BestOverallResponseTest.days;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.cytotrial.response.ResponseCategory.NE;
import static org.cytotrial.response.ResponseCategory.PD;
import static org.cytotrial.response.ResponseCategory.PR;
import static org.cytotrial.response.ResponseCategory.SD;

import java.time.LocalDate;
import java.util.List;

import org.cytotrial.response.DatedResponse;
import org.junit.jupiter.api.Test;

class PfsDerivationTest {

    private static PfsOutcome pfs(List<DatedResponse> a, LocalDate death) {
        return PfsDerivation.derive(a, START, death);
    }

    @Test
    void progressionIsTheEventOnItsStudyDay() {
        assertEquals(new PfsOutcome(57, true), pfs(days(29, SD, 57, PD, 85, PD), null));
    }

    @Test
    void deathBeforeProgressionIsTheEvent() {
        assertEquals(new PfsOutcome(40, true), pfs(days(29, SD, 57, PD), START.plusDays(39)));
        assertEquals(new PfsOutcome(57, true), pfs(days(29, SD, 57, PD), START.plusDays(100)));
    }

    @Test
    void deathWithoutAnyAssessmentIsAnEvent() {
        assertEquals(new PfsOutcome(12, true), pfs(List.of(), START.plusDays(11)));
    }

    @Test
    void censoredAtTheLastAssessmentThatIsNotNe() {
        assertEquals(new PfsOutcome(85, false), pfs(days(29, SD, 85, PR, 113, NE), null));
    }

    @Test
    void censoredAtDayOneWithoutAdequateAssessment() {
        assertEquals(new PfsOutcome(1, false), pfs(List.of(), null));
        assertEquals(new PfsOutcome(1, false), pfs(days(29, NE), null));
    }

    @Test
    void assessmentsOnOrBeforeTheFirstDoseDoNotCount() {
        List<DatedResponse> a = List.of(new DatedResponse(START.minusDays(5), PD),
                new DatedResponse(START, PD), new DatedResponse(START.plusDays(41), SD));
        assertEquals(new PfsOutcome(42, false), pfs(a, null));
    }

    @Test
    void deathBeforeFirstDoseIsADataError() {
        assertThrows(IllegalArgumentException.class, () -> pfs(List.of(), START.minusDays(1)));
    }

    @Test
    void monthsAreDaysOver30Point4375() {
        assertEquals(57 / 30.4375, new PfsOutcome(57, true).months(), 1e-15);
    }
}
