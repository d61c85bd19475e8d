package org.cytotrial.analysis;

import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.ranking.NaNStrategy;
import org.apache.commons.statistics.ranking.NaturalRanking;
import org.apache.commons.statistics.ranking.TiesStrategy;

/**
 * Spearman rank correlation with the p-value of R {@code cor.test(method = "spearman",
 * exact = FALSE)}: rho is Pearson's correlation of the ranks (ties get their average rank), and
 * t = rho sqrt((n - 2) / (1 - rho^2)) is referred to Student's t with n - 2 degrees of freedom.
 */
public final class Spearman {

    private static final NaturalRanking RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);

    private Spearman() {
    }

    /** @param x first variable, @param y second variable, paired by index (complete pairs only) */
    public static SpearmanResult test(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Spearman needs pairs: " + x.length + " vs " + y.length + " values");
        }
        int n = x.length;
        if (n < 2) {
            return new SpearmanResult(n, null, null);
        }
        double[] rx = RANKING.apply(x);
        double[] ry = RANKING.apply(y);
        double mx = (n + 1) / 2.0;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = rx[i] - mx;
            double dy = ry[i] - mx;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return new SpearmanResult(n, null, null);
        }
        double rho = Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
        if (n < 3) {
            return new SpearmanResult(n, rho, null);
        }
        double p;
        if (Math.abs(rho) == 1.0) {
            p = 0.0;
        } else {
            double t = rho * Math.sqrt((n - 2) / (1 - rho * rho));
            p = Math.min(1.0, 2 * TDistribution.of(n - 2).survivalProbability(Math.abs(t)));
        }
        return new SpearmanResult(n, rho, p);
    }
}
