package org.cytotrial.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * k-group log-rank test, reproducing R {@code survdiff(Surv(time, event) ~ group)}: at every
 * distinct event time the events are shared out in proportion to the numbers at risk; the
 * statistic is (O - E)' V^-1 (O - E) over the groups with expected events, one group dropped
 * (V is singular otherwise), with the hypergeometric variance
 * V_jk = sum d (n - d) / (n - 1) * n_j / n * (delta_jk - n_k / n).
 */
public final class LogRank {

    private LogRank() {
    }

    /** @param groups group label to its observations; iteration order is kept in the result */
    public static LogRankResult test(Map<String, ? extends Collection<SurvivalObservation>> groups) {
        Map<String, SurvivalTally> tallies = new LinkedHashMap<>();
        groups.forEach((name, obs) -> tallies.put(name, SurvivalTally.of(obs)));
        return testTallies(tallies);
    }

    /**
     * The same test from counts per distinct time (subjects streamed rather than held): one pass
     * over the distinct times of all groups, O(times x groups).
     *
     * @param groups group label to its tally; iteration order is kept in the result
     */
    public static LogRankResult testTallies(Map<String, SurvivalTally> groups) {
        int k = groups.size();
        List<String> names = new ArrayList<>(groups.keySet());
        List<SurvivalTally> tallies = new ArrayList<>(groups.values());
        int[] size = new int[k];
        // Distinct time to {events of group 0, leaving group 0, events of group 1, ...}.
        TreeMap<Double, int[]> times = new TreeMap<>();
        for (int g = 0; g < k; g++) {
            SurvivalTally tally = tallies.get(g);
            size[g] = tally.size();
            for (Map.Entry<Double, int[]> at : tally.counts().entrySet()) {
                int[] row = times.computeIfAbsent(at.getKey(), t -> new int[2 * k]);
                row[2 * g] += at.getValue()[0];
                row[2 * g + 1] += at.getValue()[0] + at.getValue()[1];
            }
        }

        int[] observed = new int[k];
        double[] expected = new double[k];
        double[][] variance = new double[k][k];
        int[] atRisk = size.clone();
        for (int[] row : times.values()) {
            int d = 0;
            for (int g = 0; g < k; g++) {
                d += row[2 * g];
            }
            if (d > 0) {
                int n = 0;
                for (int g = 0; g < k; g++) {
                    n += atRisk[g];
                }
                for (int g = 0; g < k; g++) {
                    observed[g] += row[2 * g];
                    expected[g] += (double) d * atRisk[g] / n;
                }
                if (n > 1) {
                    double factor = (double) d * (n - d) / (n - 1);
                    for (int a = 0; a < k; a++) {
                        double pa = (double) atRisk[a] / n;
                        for (int b = 0; b < k; b++) {
                            double pb = (double) atRisk[b] / n;
                            variance[a][b] += factor * pa * ((a == b ? 1.0 : 0.0) - pb);
                        }
                    }
                }
            }
            for (int g = 0; g < k; g++) {
                atRisk[g] -= row[2 * g + 1];
            }
        }

        List<LogRankGroup> lines = new ArrayList<>(k);
        List<Integer> used = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            lines.add(new LogRankGroup(names.get(g), size[g], observed[g], expected[g]));
            if (expected[g] > 0) {
                used.add(g);
            }
        }
        long populated = java.util.Arrays.stream(size).filter(n -> n > 0).count();
        if (populated < 2) {
            // R's survdiff refuses a single group ("There is only 1 group"): nothing to compare.
            return new LogRankResult(lines, null, 0, null);
        }
        int df = used.size() - 1;
        if (df < 1) {
            // survdiff: chisq 0 when fewer than two groups expect events, and its p-value is
            // pchisq(0, df, lower.tail = FALSE): 1 for df 0 (one group expects them all), NaN for
            // df -1 (no event at all), which is not estimable.
            return new LogRankResult(lines, 0.0, Math.max(df, 0), df == 0 ? 1.0 : null);
        }
        // As survdiff: drop the first group with expected events and solve V x = (O - E).
        int m = df;
        double[][] v = new double[m][m];
        double[] diff = new double[m];
        for (int a = 0; a < m; a++) {
            int ga = used.get(a + 1);
            diff[a] = observed[ga] - expected[ga];
            for (int b = 0; b < m; b++) {
                v[a][b] = variance[ga][used.get(b + 1)];
            }
        }
        double[] x;
        try {
            x = solve(v, diff.clone());
        } catch (ArithmeticException singular) {
            return new LogRankResult(lines, null, df, null);
        }
        double chi = 0;
        for (int a = 0; a < m; a++) {
            chi += x[a] * diff[a];
        }
        double p = ChiSquaredDistribution.of(df).survivalProbability(chi);
        return new LogRankResult(lines, chi, df, p);
    }

    /** Gaussian elimination with partial pivoting; V is small (groups - 1) and positive definite. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (a[pivot][col] == 0.0) {
                throw new ArithmeticException("Log-rank variance matrix is singular");
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            double tb = b[col];
            b[col] = b[pivot];
            b[pivot] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= f * a[col][c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
