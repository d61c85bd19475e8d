package org.cytotrial.report;

import java.time.LocalDate;
import org.cytotrial.analysis.BestOverallResponse;
import org.cytotrial.analysis.PfsOutcome;

/**
 * One treated subject's derived outcomes, by the rules of DOMAIN.md (as the analysis engine
 * computes them) from the data up to the cut-off.
 *
 * @param subject           USUBJID, the only identifier a report shows
 * @param bestPercentChange best (lowest) percent change from baseline in the sum of target-lesion
 *                          diameters (RECIST) or in serum M-protein (IMWG); null when there is no
 *                          complete baseline and follow-up measurement
 */
public record SubjectOutcome(String subject, String arm, String site, LocalDate firstDose, BestOverallResponse bor,
        Double bestPercentChange, PfsOutcome pfs) {
}
