package org.cytotrial.analysis;

import org.apache.commons.statistics.interval.BinomialConfidenceInterval;
import org.apache.commons.statistics.interval.Interval;

/**
 * A count out of n with its rate and exact (Clopper-Pearson) 95 % confidence interval, as
 * reported for ORR and DCR. Exact rather than Wald because response rates in small phase II
 * arms sit near 0 or 1, where the normal approximation leaves [0, 1].
 *
 * @param count numerator
 * @param n     denominator (evaluable subjects)
 * @param rate  count / n; null when n = 0
 * @param lower lower 95 % limit (0 when count = 0); null when n = 0
 * @param upper upper 95 % limit (1 when count = n); null when n = 0
 */
public record Proportion(int count, int n, Double rate, Double lower, Double upper) {

    private static final double ALPHA = 0.05;

    public static Proportion of(int count, int n) {
        if (n < 0 || count < 0 || count > n) {
            throw new IllegalArgumentException("Need 0 <= count <= n, was " + count + " of " + n);
        }
        if (n == 0) {
            return new Proportion(0, 0, null, null, null);
        }
        Interval ci = BinomialConfidenceInterval.CLOPPER_PEARSON.fromErrorRate(n, count, ALPHA);
        return new Proportion(count, n, (double) count / n, ci.getLowerBound(), ci.getUpperBound());
    }
}
