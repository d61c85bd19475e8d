package org.cytotrial.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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
        int k = groups.size();
        List<String> names = new ArrayList<>(groups.keySet());
        List<double[]> times = new ArrayList<>();
        List<boolean[]> events = new ArrayList<>();
        TreeSet<Double> eventTimes = new TreeSet<>();
        for (Collection<SurvivalObservation> obs : groups.values()) {
            double[] t = new double[obs.size()];
            boolean[] e = new boolean[obs.size()];
            int i = 0;
            for (SurvivalObservation o : obs) {
                t[i] = o.time();
                e[i] = o.event();
                if (e[i]) {
                    eventTimes.add(t[i]);
                }
                i++;
            }
            times.add(t);
            events.add(e);
        }

        int[] observed = new int[k];
        double[] expected = new double[k];
        double[][] variance = new double[k][k];
        int[] atRisk = new int[k];
        int[] deaths = new int[k];
        for (double time : eventTimes) {
            int n = 0;
            int d = 0;
            for (int g = 0; g < k; g++) {
                atRisk[g] = 0;
                deaths[g] = 0;
                double[] t = times.get(g);
                boolean[] e = events.get(g);
                for (int i = 0; i < t.length; i++) {
                    if (t[i] >= time) {
                        atRisk[g]++;
                        if (t[i] == time && e[i]) {
                            deaths[g]++;
                        }
                    }
                }
                n += atRisk[g];
                d += deaths[g];
            }
            for (int g = 0; g < k; g++) {
                observed[g] += deaths[g];
                expected[g] += (double) d * atRisk[g] / n;
            }
            if (n > 1) {
                double factor = (double) d * (n - d) / (n - 1);
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        double pa = (double) atRisk[a] / n;
                        double pb = (double) atRisk[b] / n;
                        variance[a][b] += factor * pa * ((a == b ? 1.0 : 0.0) - pb);
                    }
                }
            }
        }

        List<LogRankGroup> lines = new ArrayList<>(k);
        List<Integer> used = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            lines.add(new LogRankGroup(names.get(g), times.get(g).length, observed[g], expected[g]));
            if (expected[g] > 0) {
                used.add(g);
            }
        }
        int df = used.size() - 1;
        if (df < 1) {
            return new LogRankResult(lines, 0.0, Math.max(df, 0), null);
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
