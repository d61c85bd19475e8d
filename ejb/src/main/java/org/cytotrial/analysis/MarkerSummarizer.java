package org.cytotrial.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Marker summaries computed while the results stream past, so that a study of any size is
 * summarised straight from a database cursor without loading it.
 *
 * <p>Rows must arrive grouped by arm and test, and within those by ascending visit number
 * (then by subject, whose first row at a visit gives the visit label): exactly
 * {@code ORDER BY arm, test, visitnum, usubjid}. Memory is one visit's values plus one baseline
 * per subject of the current arm and test. A summary is handed to the sink as soon as its visit
 * is complete; call {@link #finish()} after the last row.
 *
 * <p>Each subject's fold change is its value / its own baseline value (first result at the
 * baseline visit, visit number 1 unless told otherwise). Subjects without a baseline, or with a
 * baseline of 0, have no fold change; visits numbered before the baseline have none either.
 */
public final class MarkerSummarizer implements Consumer<MarkerObservation> {

    public static final double DEFAULT_BASELINE_VISIT = 1.0;

    private final double baselineVisit;
    private final Consumer<MarkerSummary> sink;

    private final Set<List<String>> finishedArmTests = new HashSet<>();
    private final Map<String, Double> baselines = new HashMap<>();
    private String arm;
    private String test;
    private double visitNum;
    private String visit;
    private double[] values = new double[16];
    private double[] folds = new double[16];
    private int nValues;
    private int nFolds;

    public MarkerSummarizer(Consumer<MarkerSummary> sink) {
        this(DEFAULT_BASELINE_VISIT, sink);
    }

    public MarkerSummarizer(double baselineVisit, Consumer<MarkerSummary> sink) {
        this.baselineVisit = baselineVisit;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Convenience for rows already in memory and already sorted. */
    public static List<MarkerSummary> summarize(Iterable<MarkerObservation> sortedRows) {
        List<MarkerSummary> out = new ArrayList<>();
        MarkerSummarizer s = new MarkerSummarizer(out::add);
        sortedRows.forEach(s);
        s.finish();
        return out;
    }

    /**
     * @throws IllegalStateException when the rows are not in the required order, since the fold
     *                               changes would otherwise be silently wrong
     */
    @Override
    public void accept(MarkerObservation row) {
        if (arm == null || !arm.equals(row.arm()) || !test.equals(row.test())) {
            flush();
            if (arm != null) {
                finishedArmTests.add(List.of(arm, test));
            }
            if (finishedArmTests.contains(List.of(row.arm(), row.test()))) {
                throw new IllegalStateException("Marker rows not grouped by arm and test: " + row.arm() + "/"
                        + row.test() + " appears again after other groups");
            }
            arm = row.arm();
            test = row.test();
            baselines.clear();
            startVisit(row);
        } else if (row.visitNum() != visitNum) {
            if (row.visitNum() < visitNum) {
                throw new IllegalStateException("Marker rows not sorted by visit number within " + arm + "/" + test
                        + ": " + row.visitNum() + " after " + visitNum);
            }
            flush();
            startVisit(row);
        }
        if (row.visitNum() == baselineVisit) {
            baselines.putIfAbsent(row.subject(), row.value());
        }
        values = append(values, nValues++, row.value());
        Double base = baselines.get(row.subject());
        if (base != null && row.visitNum() >= baselineVisit) {
            double fold = foldChange(row.value(), base);
            if (!Double.isNaN(fold)) {
                folds = append(folds, nFolds++, fold);
            }
        }
    }

    /**
     * A subject's fold change: its value / its own baseline value; NaN (none) without a baseline
     * (NaN) or with a baseline of 0. The one rule for every summary made from these values.
     */
    public static double foldChange(double value, double baseline) {
        return Double.isNaN(baseline) || baseline == 0.0 ? Double.NaN : value / baseline;
    }

    /** Emits the last summary; the summarizer can then be reused for another stream. */
    public void finish() {
        flush();
        arm = null;
        test = null;
        baselines.clear();
        finishedArmTests.clear();
    }

    private void startVisit(MarkerObservation row) {
        visitNum = row.visitNum();
        visit = row.visit();
        nValues = 0;
        nFolds = 0;
    }

    private void flush() {
        if (arm != null && nValues > 0) {
            sink.accept(MarkerSummary.of(arm, test, visitNum, visit, Arrays.copyOf(values, nValues),
                    Arrays.copyOf(folds, nFolds)));
        }
        nValues = 0;
        nFolds = 0;
    }

    private static double[] append(double[] a, int index, double v) {
        double[] out = index < a.length ? a : Arrays.copyOf(a, a.length * 2);
        out[index] = v;
        return out;
    }
}
