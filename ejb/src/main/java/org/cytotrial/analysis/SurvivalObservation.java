package org.cytotrial.analysis;

/**
 * One subject's time to event or to censoring.
 *
 * @param time  time from start, in any unit used consistently (Cytotrial uses study days)
 * @param event true for the event (progression or death for PFS), false when censored
 */
public record SurvivalObservation(double time, boolean event) {
    public SurvivalObservation {
        if (!(time >= 0) || Double.isInfinite(time)) {
            throw new IllegalArgumentException("Survival time must be finite and >= 0, was " + time);
        }
    }
}
