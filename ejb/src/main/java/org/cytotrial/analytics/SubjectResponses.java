package org.cytotrial.analytics;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cytotrial.analysis.BestOverallResponse;
import org.cytotrial.analysis.PfsOutcome;
import org.cytotrial.analysis.StudyDay;

/**
 * One subject's responses side by side: computed from measurements and recorded by the
 * investigator, with the outcomes derived from the latter.
 *
 * @param subjectId    database id
 * @param usubjid      USUBJID
 * @param site         site code
 * @param arm          the arm, or null
 * @param firstDose    RFSTDTC, or null
 * @param endDate      RFENDTC, or null
 * @param deathDate    DTHDTC, or null
 * @param computed     computed responses in date order, the baseline first; empty without measurements
 * @param investigator the investigator's responses in date order
 * @param bor          best overall response from the investigator's responses
 * @param pfs          PFS; null when never treated
 * @param problem      why responses could not be computed from the measurements, or null
 */
public record SubjectResponses(long subjectId, String usubjid, String site, ArmRef arm, LocalDate firstDose,
        LocalDate endDate, LocalDate deathDate, List<ComputedAssessment> computed,
        List<InvestigatorAssessment> investigator, BestOverallResponse bor, PfsOutcome pfs, String problem) {

    public SubjectResponses {
        computed = List.copyOf(computed);
        investigator = List.copyOf(investigator);
    }

    /** The computed response of the visit of an investigator's assessment, if there is one (not baseline). */
    public Optional<ComputedAssessment> computedAt(long visitId) {
        return computed.stream().filter(c -> c.visitId() == visitId && !c.baseline()).findFirst();
    }

    /** The largest decrease (most negative % change) of the measure after baseline, or null. */
    public Double bestChange() {
        Double best = null;
        for (ComputedAssessment c : computed) {
            if (!c.baseline() && c.changeFromBaseline() != null && (best == null || c.changeFromBaseline() < best)) {
                best = c.changeFromBaseline();
            }
        }
        return best;
    }

    /** Study day of a date (first dose = day 1), or null when never treated. */
    public Integer studyDay(LocalDate date) {
        return firstDose == null || date == null ? null : StudyDay.of(firstDose, date);
    }
}
