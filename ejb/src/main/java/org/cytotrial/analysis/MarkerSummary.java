package org.cytotrial.analysis;

import java.util.Arrays;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Quantile;
import org.apache.commons.statistics.descriptive.StandardDeviation;

/**
 * Descriptive statistics of one marker in one arm at one visit.
 *
 * <p>Quartiles interpolate linearly between order statistics (Hyndman-Fan type 7), which is
 * what R's default {@code quantile}, Excel's {@code QUARTILE.INC} and most readers' spreadsheets
 * give, so that a sponsor rechecking a table gets the same numbers.
 *
 * @param arm              arm code
 * @param test             marker code
 * @param visitNum         visit number
 * @param visit            visit label (that of the first subject in input order at this visit)
 * @param n                values
 * @param median           median
 * @param q1               first quartile
 * @param q3               third quartile
 * @param mean             mean
 * @param sd               sample standard deviation (n - 1); null when n &lt; 2
 * @param medianFoldChange median over subjects of value / own baseline value; null when no
 *                         subject has a non-zero baseline
 */
public record MarkerSummary(String arm, String test, double visitNum, String visit, int n, double median,
                            double q1, double q3, double mean, Double sd, Double medianFoldChange) {

    private static final Quantile TYPE_7 = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);

    /**
     * @param values      the results at this visit, at least one
     * @param foldChanges the fold changes from baseline of the subjects that have one (may be empty)
     */
    public static MarkerSummary of(String arm, String test, double visitNum, String visit, double[] values,
                                   double[] foldChanges) {
        if (values.length == 0) {
            throw new IllegalArgumentException("No values for " + arm + "/" + test + "/" + visitNum);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] q = TYPE_7.evaluate(sorted, 0.25, 0.5, 0.75);
        Double sd = sorted.length < 2 ? null : StandardDeviation.of(sorted).getAsDouble();
        Double fold = foldChanges.length == 0 ? null : TYPE_7.evaluate(foldChanges.clone(), 0.5);
        return new MarkerSummary(arm, test, visitNum, visit, sorted.length, q[1], q[0], q[2],
                Mean.of(sorted).getAsDouble(), sd, fold);
    }
}
