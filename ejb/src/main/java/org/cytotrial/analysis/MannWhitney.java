package org.cytotrial.analysis;

import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * Mann-Whitney U test as R {@code wilcox.test(x, y, exact = FALSE)}: two-sided, normal
 * approximation with continuity correction and the tie-corrected variance. The asymptotic
 * method is forced even for small samples (where commons-statistics would switch to the exact
 * distribution) because that is what the protocol and the R reference use.
 */
public final class MannWhitney {

    private static final MannWhitneyUTest TEST = MannWhitneyUTest.withDefaults()
            .with(AlternativeHypothesis.TWO_SIDED)
            .with(PValueMethod.ASYMPTOTIC)
            .with(ContinuityCorrection.ENABLED);

    private MannWhitney() {
    }

    /** @throws IllegalArgumentException when a group is empty or holds a non-finite value */
    public static MannWhitneyResult test(double[] group1, double[] group2) {
        if (group1.length == 0 || group2.length == 0) {
            throw new IllegalArgumentException("Mann-Whitney needs values in both groups, had "
                    + group1.length + " and " + group2.length);
        }
        double first = group1[0];
        boolean allTied = true;
        for (double[] g : new double[][] {group1, group2}) {
            for (double v : g) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Non-finite value " + v);
                }
                allTied &= v == first;
            }
        }
        if (allTied) {
            return new MannWhitneyResult(group1.length, group2.length, group1.length * (double) group2.length / 2,
                    null);
        }
        MannWhitneyUTest.Result r = TEST.test(group1, group2);
        return new MannWhitneyResult(group1.length, group2.length, r.getStatistic(), r.getPValue());
    }
}
