package org.cytotrial.analysis;

/**
 * Two-sided Mann-Whitney U (Wilcoxon rank-sum) comparison of two groups.
 *
 * @param n1 values in group 1
 * @param n2 values in group 2
 * @param w  R's W: rank sum of group 1 minus n1 (n1 + 1) / 2, i.e. U of group 1
 * @param p  two-sided p (normal approximation, continuity and tie corrected); null when every
 *           value is tied (R gives NaN)
 */
public record MannWhitneyResult(int n1, int n2, double w, Double p) {
}
