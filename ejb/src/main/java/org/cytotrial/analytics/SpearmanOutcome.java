package org.cytotrial.analytics;

import java.math.BigDecimal;

/**
 * Spearman rank correlation of two markers at one visit, over the subjects that have both.
 *
 * @param x           first marker
 * @param y           second marker
 * @param visitNumber the visit
 * @param arm         the arm the subjects were restricted to, or null for all
 * @param n           complete pairs
 * @param rho         correlation; null when not estimable (n &lt; 2 or a constant variable)
 * @param p           two-sided p (t approximation, as R's cor.test exact = FALSE); null when n &lt; 3
 */
public record SpearmanOutcome(String x, String y, BigDecimal visitNumber, String arm, int n, Double rho, Double p) {
}
