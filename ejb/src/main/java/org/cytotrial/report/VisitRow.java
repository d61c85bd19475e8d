package org.cytotrial.report;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One subject-visit with every marker result in standard units, in the order of the report's
 * marker columns; NaN where the marker was not measured at that visit.
 *
 * @param studyDay visit date - first dose + 1; null without either date
 */
public record VisitRow(String subject, String arm, String site, BigDecimal visitNumber, String visit, LocalDate date,
        Integer studyDay, double[] values) {
}
