package org.cytotrial.response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Multiple myeloma response from serum M-protein (IMWG): every result is an assessment, read in
 * {@link MProteinMeasurement#ORDER} (date, then visit number); the first value is the baseline;
 * PD when the value is at least 25 % and at least 5 g/L above the nadir (lowest value so far,
 * baseline included, before this sample); otherwise PR for a reduction of at least 50 % from
 * baseline, MR for 25-49 %, else SD. A missing value is NE.
 *
 * <p>CR is never computed: it needs a negative immunofixation (and marrow plasma cells under
 * 5 %), which only the investigator records. An investigator CR therefore always differs from
 * the computed category and is flagged for confirmation, as every disagreement is.
 */
public final class ImwgEvaluator {

    public static final double PR_DECREASE_PERCENT = 50.0;
    public static final double MR_DECREASE_PERCENT = 25.0;
    public static final double PD_INCREASE_PERCENT = 25.0;
    public static final double PD_INCREASE_GRAMS_PER_LITRE = 5.0;

    private static final double EPS = 1e-9;

    private ImwgEvaluator() {
    }

    /**
     * Every result of a subject evaluated, keyed by the visit it was recorded at: what the
     * analytics, the review queue and the visit entry screen show beside the investigator's
     * response of that visit.
     *
     * @param measurements the subject's M-protein results, each with its visit; the first in
     *                     {@link MProteinMeasurement#ORDER} is the baseline and must have a value
     * @return one evaluation per visit, in that order
     */
    public static Map<Long, ImwgEvaluation> evaluateVisits(List<MProteinMeasurement> measurements) {
        List<MProteinMeasurement> ordered = new ArrayList<>(measurements);
        ordered.sort(MProteinMeasurement.ORDER);
        List<ImwgEvaluation> evaluations = evaluate(ordered);
        Map<Long, ImwgEvaluation> byVisit = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            Long visit = Objects.requireNonNull(ordered.get(i).visit(), "visit");
            if (byVisit.put(visit, evaluations.get(i)) != null) {
                throw new IllegalArgumentException("two M-protein results at one visit (" + visit + ")");
            }
        }
        return byVisit;
    }

    /**
     * @param measurements the subject's M-protein values; the first in
     *                     {@link MProteinMeasurement#ORDER} is the baseline and must have a value
     * @return one evaluation per measurement in that order; the baseline row has a null category
     */
    public static List<ImwgEvaluation> evaluate(List<MProteinMeasurement> measurements) {
        if (measurements == null || measurements.isEmpty()) {
            return List.of();
        }
        List<MProteinMeasurement> ordered = new ArrayList<>(measurements);
        ordered.sort(MProteinMeasurement.ORDER);
        MProteinMeasurement first = ordered.get(0);
        if (first.gramsPerLitre() == null || first.gramsPerLitre() < 0) {
            throw new IllegalArgumentException("Baseline M-protein on " + first.date() + " must be a value >= 0, was "
                    + first.gramsPerLitre());
        }
        double baseline = first.gramsPerLitre();
        List<ImwgEvaluation> result = new ArrayList<>(ordered.size());
        result.add(new ImwgEvaluation(first.date(), baseline, baseline > 0 ? 0.0 : null,
                baseline > 0 ? 0.0 : null, null));
        double nadir = baseline;
        for (MProteinMeasurement m : ordered.subList(1, ordered.size())) {
            Double v = m.gramsPerLitre();
            if (v == null) {
                result.add(new ImwgEvaluation(m.date(), null, null, null, ResponseCategory.NE));
                continue;
            }
            if (v < 0) {
                throw new IllegalArgumentException("Negative M-protein on " + m.date() + ": " + v);
            }
            Double fromBaseline = baseline > 0 ? percentChange(v, baseline) : null;
            Double fromNadir = nadir > 0 ? percentChange(v, nadir) : null;
            boolean pd = v - nadir >= PD_INCREASE_GRAMS_PER_LITRE - EPS
                    && (nadir == 0 || fromNadir >= PD_INCREASE_PERCENT - EPS);
            ResponseCategory category;
            if (pd) {
                category = ResponseCategory.PD;
            } else if (fromBaseline != null && fromBaseline <= -PR_DECREASE_PERCENT + EPS) {
                category = ResponseCategory.PR;
            } else if (fromBaseline != null && fromBaseline <= -MR_DECREASE_PERCENT + EPS) {
                category = ResponseCategory.MR;
            } else {
                category = ResponseCategory.SD;
            }
            result.add(new ImwgEvaluation(m.date(), v, fromBaseline, fromNadir, category));
            nadir = Math.min(nadir, v);
        }
        return List.copyOf(result);
    }

    private static double percentChange(double value, double reference) {
        return (value - reference) / reference * 100.0;
    }
}
