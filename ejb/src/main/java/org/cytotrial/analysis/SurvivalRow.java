package org.cytotrial.analysis;

/**
 * One distinct observed time of a Kaplan-Meier curve (event and censoring times alike, as R's
 * {@code survfit} lists them).
 *
 * @param time      the time
 * @param atRisk    subjects still under observation just before it
 * @param events    events at it
 * @param censored  subjects censored at it
 * @param survival  estimated survival just after it
 * @param stdErr    Greenwood standard error of the cumulative hazard (of -log survival)
 * @param lower     lower 95 % pointwise limit, log-log transformation; null where R gives NA,
 *                  i.e. where survival is exactly 1 or 0
 * @param upper     upper 95 % pointwise limit, likewise
 */
public record SurvivalRow(double time, int atRisk, int events, int censored, double survival, double stdErr,
                          Double lower, Double upper) {
}
