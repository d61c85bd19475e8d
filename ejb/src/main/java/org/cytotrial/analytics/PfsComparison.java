package org.cytotrial.analytics;

import java.util.List;
import org.cytotrial.analysis.LogRankResult;

/**
 * PFS curves of groups of treated subjects and their log-rank comparison.
 *
 * @param grouping how the subjects were grouped
 * @param groups   one curve per group: arms in DM order, or above the cut-off then the rest
 * @param logRank  the log-rank test over the groups
 */
public record PfsComparison(PfsGrouping grouping, List<SurvivalGroup> groups, LogRankResult logRank) {
    public PfsComparison {
        groups = List.copyOf(groups);
    }
}
