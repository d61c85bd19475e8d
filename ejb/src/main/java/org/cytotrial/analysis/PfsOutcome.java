package org.cytotrial.analysis;

/**
 * Progression-free survival of one subject.
 *
 * @param days  study day of progression or death, or of censoring
 * @param event true for progression or death, false when censored
 */
public record PfsOutcome(int days, boolean event) {

    public PfsOutcome {
        if (days < 1) {
            throw new IllegalArgumentException("PFS time must be at least day 1, was " + days);
        }
    }

    public double months() {
        return StudyDay.toMonths(days);
    }

    public SurvivalObservation toObservation() {
        return new SurvivalObservation(days, event);
    }
}
