package org.cytotrial.analysis;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import org.cytotrial.response.DatedResponse;
import org.cytotrial.response.ResponseCategory;

/**
 * Progression-free survival from the investigator's assessments and the death date.
 *
 * <p>The event is the earlier of the first PD assessment and death; its time is the study day
 * (date - first dose + 1). Without an event the subject is censored at the day of the last
 * assessment that is not NE (an NE scan does not show the subject free of progression), and at
 * day 1 when there is none.
 *
 * <p>Only assessments dated strictly after the first dose count, exactly as for the best overall
 * response: a scan on or before the first-dose date is a baseline, and a "PD" there would be the
 * disease the subject was enrolled with. A death is an event whatever its date relative to the
 * assessments; a death dated before the first dose is a data error and is rejected.
 */
public final class PfsDerivation {

    private PfsDerivation() {
    }

    /**
     * @param assessments investigator assessments of the subject, any order
     * @param firstDose   first-dose date (DM.RFSTDTC)
     * @param deathDate   DM.DTHDTC, or null
     */
    public static PfsOutcome derive(List<DatedResponse> assessments, LocalDate firstDose, LocalDate deathDate) {
        Objects.requireNonNull(firstDose, "firstDose");
        if (deathDate != null && deathDate.isBefore(firstDose)) {
            throw new IllegalArgumentException("Death date " + deathDate + " is before first dose " + firstDose);
        }
        List<DatedResponse> after = BestOverallResponse.afterStart(assessments, firstDose);
        LocalDate progression = after.stream().filter(a -> a.category() == ResponseCategory.PD)
                .map(DatedResponse::date).findFirst().orElse(null);
        LocalDate event = progression;
        if (deathDate != null && (event == null || deathDate.isBefore(event))) {
            event = deathDate;
        }
        if (event != null) {
            return new PfsOutcome(StudyDay.of(firstDose, event), true);
        }
        LocalDate lastAdequate = null;
        for (DatedResponse a : after) {
            if (a.category() != ResponseCategory.NE) {
                lastAdequate = a.date();
            }
        }
        return new PfsOutcome(lastAdequate == null ? 1 : StudyDay.of(firstDose, lastAdequate), false);
    }
}
