package org.cytotrial.analytics;

import java.time.LocalDate;
import java.util.List;
import org.cytotrial.analysis.BestOverallResponse;
import org.cytotrial.analysis.PfsOutcome;
import org.cytotrial.response.DatedResponse;

/**
 * One subject's derived outcomes, as they stream out of {@link SubjectOutcomes}.
 *
 * @param subjectId   database id
 * @param usubjid     USUBJID
 * @param armId       arm id; null when the subject has no arm
 * @param firstDose   RFSTDTC; null when never treated
 * @param endDate     RFENDTC, or null
 * @param deathDate   DTHDTC, or null
 * @param responses   the investigator's overall responses, in date order
 * @param bor         best overall response (DOMAIN.md rule 2)
 * @param pfs         progression-free survival (rule 4); null when never treated
 * @param markerValue the requested marker's value at the requested visit, when one was asked for
 */
public record SubjectOutcome(long subjectId, String usubjid, Long armId, LocalDate firstDose, LocalDate endDate,
        LocalDate deathDate, List<DatedResponse> responses, BestOverallResponse bor, PfsOutcome pfs,
        Double markerValue) {

    public boolean treated() {
        return firstDose != null;
    }
}
