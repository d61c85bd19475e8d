package org.cytotrial.analysis;

import java.util.List;

/**
 * Log-rank comparison of k survival curves, as R {@code survdiff(rho = 0)}.
 *
 * @param groups           per-group observed and expected events, in input order
 * @param chiSquare        the statistic; 0 when fewer than two groups have expected events, null
 *                         when the variance matrix is singular (R's survdiff stops there)
 * @param degreesOfFreedom groups with expected events, minus 1
 * @param p                upper tail of chi-square; null when there is nothing to compare
 */
public record LogRankResult(List<LogRankGroup> groups, Double chiSquare, int degreesOfFreedom, Double p) {
    public LogRankResult {
        groups = List.copyOf(groups);
    }
}
