package org.cytotrial.report;

import org.cytotrial.analysis.KaplanMeier;
import org.cytotrial.analysis.ResponseSummary;
import org.cytotrial.analysis.SurvivalSummary;

/**
 * One arm's response table and PFS curve (estimated in study days).
 */
public record ArmResult(ReportScope.ArmRef arm, ResponseSummary response, KaplanMeier pfs) {

    /** PFS summary in months of 30.4375 days. */
    public SurvivalSummary pfsMonths() {
        return pfs.summary().inMonths();
    }
}
