package org.cytotrial.response;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RECIST 1.1 response of one subject computed from the target lesion measurements, with the
 * optional minor-response band some immunotherapy protocols add (study parameter MRLOWPCT).
 *
 * <p>Rules, in the order they are applied at each follow-up assessment:
 * <ol>
 *   <li>PD: a new lesion, unequivocal non-target progression, or the SOD at least 20 % and at
 *       least 5 mm above the nadir (smallest SOD so far, baseline included, before this
 *       assessment). When a target lesion was not measured the sum of those that were is a lower
 *       bound of the true SOD, so PD by size is still declared when that partial sum already
 *       qualifies.</li>
 *   <li>NE: a baseline target lesion was not measured and PD was not reached another way.</li>
 *   <li>All targets gone (non-nodal lesions 0 mm, nodes short axis under 10 mm): CR when the
 *       non-target disease is ABSENT; otherwise PR, as in RECIST 1.1 table 1 (non-target
 *       PRESENT or NOT_EVALUATED with target CR is PR, not CR).</li>
 *   <li>PR: SOD at least 30 % below baseline.</li>
 *   <li>MR: when {@code mrLowPercent} is set, SOD at least that much below baseline but under 30 %.</li>
 *   <li>Otherwise SD.</li>
 * </ol>
 * A subject with no target lesion at baseline (non-target disease only) gets CR when the
 * non-target disease is absent, NE when it was not evaluated, and SD ("non-CR/non-PD") otherwise,
 * unless PD applies.
 */
public final class RecistEvaluator {

    public static final double PR_DECREASE_PERCENT = 30.0;
    public static final double PD_INCREASE_PERCENT = 20.0;
    public static final double PD_INCREASE_MM = 5.0;
    /** A lymph node whose short axis is under this is normal, i.e. "gone". */
    public static final double NORMAL_NODE_MM = 10.0;

    /** Measurements are entered to 0.1 mm; this only absorbs binary rounding at the thresholds. */
    private static final double EPS = 1e-9;

    private RecistEvaluator() {
    }

    /**
     * @param assessments  the subject's assessments; the earliest is the baseline and must measure
     *                     every target lesion
     * @param mrLowPercent lower bound of the minor-response band in percent decrease (e.g. 10), or
     *                     null when the study has no MR category
     * @return one evaluation per assessment in date order; the baseline row has a null category
     */
    public static List<RecistEvaluation> evaluate(List<TumourAssessment> assessments, Double mrLowPercent) {
        if (mrLowPercent != null && !(mrLowPercent > 0 && mrLowPercent < PR_DECREASE_PERCENT)) {
            throw new IllegalArgumentException("mrLowPercent must be above 0 and below "
                    + PR_DECREASE_PERCENT + ", was " + mrLowPercent);
        }
        if (assessments == null || assessments.isEmpty()) {
            return List.of();
        }
        List<TumourAssessment> ordered = new ArrayList<>(assessments);
        ordered.sort(Comparator.comparing(TumourAssessment::date));

        TumourAssessment baseline = ordered.get(0);
        Set<String> targets = baseline.targetDiametersMm().keySet();
        Set<String> nodal = new HashSet<>();
        for (TumourAssessment a : ordered) {
            nodal.addAll(a.nodalLesionIds());
        }
        double baselineSod = 0;
        for (Map.Entry<String, Double> e : baseline.targetDiametersMm().entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("Baseline must measure every target lesion; lesion "
                        + e.getKey() + " on " + baseline.date() + " has " + e.getValue());
            }
            baselineSod += e.getValue();
        }

        List<RecistEvaluation> result = new ArrayList<>(ordered.size());
        result.add(new RecistEvaluation(baseline.date(), baselineSod, baselineSod > 0 ? 0.0 : null,
                baselineSod > 0 ? 0.0 : null, null));
        double nadir = baselineSod;

        for (TumourAssessment a : ordered.subList(1, ordered.size())) {
            double sod = 0;
            boolean complete = true;
            boolean allGone = true;
            for (String id : targets) {
                Double d = a.targetDiametersMm().get(id);
                if (d == null) {
                    complete = false;
                    continue;
                }
                if (d < 0) {
                    throw new IllegalArgumentException("Negative diameter for lesion " + id + " on " + a.date());
                }
                sod += d;
                boolean gone = nodal.contains(id) ? d < NORMAL_NODE_MM : d == 0.0;
                allGone &= gone;
            }
            boolean pdBySize = sod - nadir >= PD_INCREASE_MM - EPS
                    && (nadir == 0 || percentChange(sod, nadir) >= PD_INCREASE_PERCENT - EPS);
            Double fromBaseline = complete && baselineSod > 0 ? percentChange(sod, baselineSod) : null;
            Double fromNadir = complete && nadir > 0 ? percentChange(sod, nadir) : null;

            ResponseCategory category;
            if (a.newLesion() || a.nonTarget() == NonTargetStatus.UNEQUIVOCAL_PROGRESSION || pdBySize) {
                category = ResponseCategory.PD;
            } else if (!complete) {
                category = ResponseCategory.NE;
            } else if (targets.isEmpty()) {
                category = switch (a.nonTarget()) {
                    case ABSENT -> ResponseCategory.CR;
                    case NOT_EVALUATED -> ResponseCategory.NE;
                    default -> ResponseCategory.SD;
                };
            } else if (allGone) {
                category = a.nonTarget() == NonTargetStatus.ABSENT ? ResponseCategory.CR : ResponseCategory.PR;
            } else if (fromBaseline != null && fromBaseline <= -PR_DECREASE_PERCENT + EPS) {
                category = ResponseCategory.PR;
            } else if (mrLowPercent != null && fromBaseline != null && fromBaseline <= -mrLowPercent + EPS) {
                category = ResponseCategory.MR;
            } else {
                category = ResponseCategory.SD;
            }
            result.add(new RecistEvaluation(a.date(), complete ? sod : null, fromBaseline, fromNadir, category));
            if (complete) {
                nadir = Math.min(nadir, sod);
            }
        }
        return List.copyOf(result);
    }

    private static double percentChange(double value, double reference) {
        return (value - reference) / reference * 100.0;
    }
}
