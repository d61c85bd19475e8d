package org.cytotrial.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Kaplan-Meier estimate reproducing R {@code survfit(Surv(time, event) ~ 1, conf.type = "log-log")}
 * and its {@code print}/{@code quantile} median, so that the numbers a sponsor recomputes in R
 * (or SAS PROC LIFETEST, whose default is also log-log) agree with Cytotrial's.
 *
 * <ul>
 *   <li>Pointwise 95 % limits: {@code exp(-exp(log(-log S) -/+ z se / log S))} with se the
 *       Greenwood standard error of the cumulative hazard, sqrt(sum d / (n (n - d))); undefined
 *       (null) where S is 1 or 0, as in R.</li>
 *   <li>Median: the smallest time where S &lt;= 0.5; when S equals 0.5 (within sqrt of machine
 *       epsilon, R's tolerance) over an interval, the midpoint between the time it reached 0.5
 *       and the time it fell below; when the curve ends at exactly 0.5, the midpoint between
 *       that time and the last observed time.</li>
 *   <li>Median 95 % limits: the same rule applied to the lower and the upper pointwise curves
 *       (the lower curve gives the lower limit), ignoring times where those curves are undefined,
 *       as R's {@code quantile.survfit} does. Null where a curve never reaches 0.5.</li>
 * </ul>
 */
public final class KaplanMeier {

    /** Standard normal 97.5 % quantile, R's {@code qnorm(0.975)}. */
    static final double Z_975 = 1.959963984540054;
    /** R's quantile tolerance, {@code sqrt(.Machine$double.eps)}. */
    private static final double TOLERANCE = Math.sqrt(Math.ulp(1.0));

    private final List<SurvivalRow> table;
    private final SurvivalSummary summary;

    private KaplanMeier(List<SurvivalRow> table, SurvivalSummary summary) {
        this.table = table;
        this.summary = summary;
    }

    public static KaplanMeier estimate(Collection<SurvivalObservation> observations) {
        return estimate(SurvivalTally.of(observations));
    }

    static KaplanMeier estimate(double[] time, boolean[] event) {
        SurvivalTally tally = new SurvivalTally();
        for (int i = 0; i < time.length; i++) {
            tally.add(time[i], event[i]);
        }
        return estimate(tally);
    }

    /** The estimate from counts per distinct time, for subjects streamed rather than held. */
    public static KaplanMeier estimate(SurvivalTally tally) {
        int n = tally.size();
        List<SurvivalRow> rows = new ArrayList<>();
        double survival = 1.0;
        double cumulativeVariance = 0.0;
        int atRisk = n;
        int totalEvents = 0;
        for (java.util.Map.Entry<Double, int[]> at : tally.counts().entrySet()) {
            double t = at.getKey();
            int d = at.getValue()[0];
            int c = at.getValue()[1];
            if (d > 0) {
                survival *= 1.0 - (double) d / atRisk;
                cumulativeVariance += d == atRisk ? Double.POSITIVE_INFINITY
                        : (double) d / ((double) atRisk * (atRisk - d));
            }
            double se = Math.sqrt(cumulativeVariance);
            Double lower = null;
            Double upper = null;
            if (survival > 0 && survival < 1) {
                double logS = Math.log(survival);
                double shift = Z_975 * se / logS;
                lower = Math.exp(-Math.exp(Math.log(-logS) - shift));
                upper = Math.exp(-Math.exp(Math.log(-logS) + shift));
            }
            rows.add(new SurvivalRow(t, atRisk, d, c, survival, se, lower, upper));
            atRisk -= d + c;
            totalEvents += d;
        }

        int m = rows.size();
        double[] t = new double[m];
        double[] s = new double[m];
        double[] lo = new double[m];
        double[] hi = new double[m];
        for (int j = 0; j < m; j++) {
            SurvivalRow r = rows.get(j);
            t[j] = r.time();
            s[j] = r.survival();
            lo[j] = r.lower() == null ? Double.NaN : r.lower();
            hi[j] = r.upper() == null ? Double.NaN : r.upper();
        }
        SurvivalSummary summary = new SurvivalSummary(n, totalEvents, n - totalEvents,
                quantileTime(t, s, 0.5), quantileTime(t, lo, 0.5), quantileTime(t, hi, 0.5),
                m == 0 ? null : t[0], m == 0 ? null : t[m - 1]);
        return new KaplanMeier(List.copyOf(rows), summary);
    }

    public List<SurvivalRow> table() {
        return table;
    }

    public SurvivalSummary summary() {
        return summary;
    }

    /**
     * Time at which a (survival-like, NaN where undefined) step curve reaches {@code 1 - p} in
     * R's {@code findq} way: the curve is read as a distribution F = 1 - curve starting at
     * (time 0, F 0); repeated levels (censoring times) are dropped keeping the first time of
     * each level; undefined points are skipped.
     */
    static Double quantileTime(double[] times, double[] curve, double p) {
        int len = times.length + 1;
        double[] x = new double[len];
        double[] y = new double[len];
        x[0] = 0.0;
        y[0] = 0.0;
        double maxY = 0.0;
        for (int j = 0; j < times.length; j++) {
            x[j + 1] = times[j];
            y[j + 1] = 1.0 - curve[j];
            if (!Double.isNaN(y[j + 1])) {
                maxY = Math.max(maxY, y[j + 1]);
            }
        }
        if (maxY < p) {
            return null;
        }
        double xmax = x[len - 1];
        // Drop repeated levels (NaN repeats NaN, as R's duplicated()); keep the first time.
        java.util.Set<Double> seen = new java.util.HashSet<>();
        List<double[]> kept = new ArrayList<>();
        for (int j = 0; j < len; j++) {
            if (seen.add(y[j])) {
                kept.add(new double[] {x[j], y[j]});
            }
        }
        int n = kept.size();
        Integer i1 = stepIndex(kept, p, +TOLERANCE);
        Integer i2 = stepIndex(kept, p, -TOLERANCE);
        Double quantile = i1 == null || i2 == null ? null : (kept.get(i1)[0] + kept.get(i2)[0]) / 2;
        double last = kept.get(n - 1)[1];
        if (!Double.isNaN(last) && Math.abs(p - last) < TOLERANCE) {
            quantile = i1 == null ? null : (kept.get(i1)[0] + xmax) / 2;
        }
        return quantile;
    }

    /**
     * R's {@code approx(y + shift, 1:n, p, method = "constant", f = 1)}: the index of the first
     * level at or above p, NA outside the range; levels are sorted first as approx does.
     */
    private static Integer stepIndex(List<double[]> kept, double p, double shift) {
        List<double[]> pts = new ArrayList<>();
        for (int j = 0; j < kept.size(); j++) {
            double v = kept.get(j)[1];
            if (!Double.isNaN(v)) {
                pts.add(new double[] {v + shift, j});
            }
        }
        if (pts.isEmpty()) {
            return null;
        }
        pts.sort((a, b) -> Double.compare(a[0], b[0]));
        if (p < pts.get(0)[0] || p > pts.get(pts.size() - 1)[0]) {
            return null;
        }
        for (double[] pt : pts) {
            if (pt[0] >= p) {
                return (int) pt[1];
            }
        }
        return null;
    }
}
