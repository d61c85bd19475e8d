package org.cytotrial.analysis;

import java.util.List;

/**
 * Log-rank comparison of k survival curves, as R {@code survdiff(rho = 0)}.
 *
 * @param groups           per-group observed and expected events, in input order
 * @param chiSquare        the statistic; 0 when fewer than two groups have expected events; null
 *                         when fewer than two groups have subjects, or the variance matrix is
 *                         singular (R's survdiff stops in both cases)
 * @param degreesOfFreedom groups with expected events, minus 1 (0 at least)
 * @param p                upper tail of chi-square, as survdiff's {@code pvalue}: 1 when only one
 *                         group expects events (chisq 0 on 0 degrees of freedom); null when there
 *                         is no event at all or nothing to compare
 */
public record LogRankResult(List<LogRankGroup> groups, Double chiSquare, int degreesOfFreedom, Double p) {
    public LogRankResult {
        groups = List.copyOf(groups);
    }
}
