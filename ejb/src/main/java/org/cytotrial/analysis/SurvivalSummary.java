package org.cytotrial.analysis;

/**
 * The usual one-line summary of a Kaplan-Meier curve.
 *
 * @param n           subjects
 * @param events      events
 * @param censored    censored subjects
 * @param median      median time; null when the curve does not fall to 0.5
 * @param medianLower lower 95 % limit of the median (log-log); null when not reached
 * @param medianUpper upper 95 % limit of the median (log-log); null when not reached
 * @param minTime     shortest observed time (event or censoring); null when n = 0
 * @param maxTime     longest observed time (event or censoring); null when n = 0
 */
public record SurvivalSummary(int n, int events, int censored, Double median, Double medianLower,
                              Double medianUpper, Double minTime, Double maxTime) {

    /** The same summary with every time divided by {@code unit}, e.g. days to other units. */
    public SurvivalSummary scaled(double unit) {
        return new SurvivalSummary(n, events, censored, div(median, unit), div(medianLower, unit),
                div(medianUpper, unit), div(minTime, unit), div(maxTime, unit));
    }

    /** For a curve estimated in study days: the same summary in months of 30.4375 days. */
    public SurvivalSummary inMonths() {
        return scaled(StudyDay.DAYS_PER_MONTH);
    }

    private static Double div(Double v, double unit) {
        return v == null ? null : v / unit;
    }
}
