package org.cytotrial.analytics;

import java.util.List;
import org.cytotrial.analysis.SurvivalRow;
import org.cytotrial.analysis.SurvivalSummary;

/**
 * One Kaplan-Meier curve of a PFS comparison.
 *
 * @param name    group label (arm code, or "IL6 &gt; 4" / "IL6 &lt;= 4")
 * @param summary n, events, censored, median and its 95 % interval, in months
 * @param table   the survival table, times in study days
 */
public record SurvivalGroup(String name, SurvivalSummary summary, List<SurvivalRow> table) {
    public SurvivalGroup {
        table = List.copyOf(table);
    }
}
