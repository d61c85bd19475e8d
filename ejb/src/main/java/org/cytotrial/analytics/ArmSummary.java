package org.cytotrial.analytics;

import org.cytotrial.analysis.ResponseSummary;
import org.cytotrial.analysis.SurvivalSummary;

/**
 * One arm's line of the study summary.
 *
 * @param arm      the arm
 * @param response treated, evaluable, best responses, ORR and DCR with exact 95 % intervals
 * @param pfs      PFS of the treated subjects, in months: events, censored, median and its log-log
 *                 95 % interval
 */
public record ArmSummary(ArmRef arm, ResponseSummary response, SurvivalSummary pfs) {
}
