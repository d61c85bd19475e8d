package org.cytotrial.analytics;

import java.math.BigDecimal;

/**
 * Mann-Whitney U comparison of one marker at one visit between two arms.
 *
 * @param test        marker
 * @param visitNumber the visit
 * @param arm1        first arm (W is its rank sum minus n1 (n1 + 1) / 2, as R reports it)
 * @param arm2        second arm
 * @param n1          values in arm 1
 * @param n2          values in arm 2
 * @param w           R's W; null when a group is empty
 * @param p           two-sided p (normal approximation, continuity and tie corrected); null when
 *                    a group is empty or every value is tied
 */
public record MannWhitneyOutcome(String test, BigDecimal visitNumber, String arm1, String arm2, int n1, int n2,
        Double w, Double p) {
}
