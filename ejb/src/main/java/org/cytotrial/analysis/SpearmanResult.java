package org.cytotrial.analysis;

/**
 * Spearman rank correlation.
 *
 * @param n   complete pairs
 * @param rho correlation of the (average-tie) ranks; null when n &lt; 2 or a variable is constant
 * @param p   two-sided p, t approximation with n - 2 degrees of freedom; null when n &lt; 3 or
 *            rho is undefined
 */
public record SpearmanResult(int n, Double rho, Double p) {
}
