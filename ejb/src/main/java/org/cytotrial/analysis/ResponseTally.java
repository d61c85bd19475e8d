package org.cytotrial.analysis;

import java.util.EnumMap;
import java.util.Map;

import org.cytotrial.response.ResponseCategory;

/**
 * Counts best overall responses as subjects stream past, so that an arm's response table is
 * built without holding its subjects. {@link ResponseSummary#of} uses it too, so both paths
 * count alike.
 */
public final class ResponseTally {

    private final Map<ResponseCategory, Integer> counts = new EnumMap<>(ResponseCategory.class);
    private int treated;
    private int evaluable;
    private int objective;
    private int control;

    public ResponseTally() {
        for (ResponseCategory c : ResponseCategory.values()) {
            counts.put(c, 0);
        }
    }

    /** One treated subject; those not evaluable count as treated only. */
    public void add(BestOverallResponse bor) {
        treated++;
        if (!bor.evaluable()) {
            return;
        }
        evaluable++;
        counts.merge(bor.category(), 1, Integer::sum);
        objective += bor.category().isObjectiveResponse() ? 1 : 0;
        control += bor.category().isDiseaseControl() ? 1 : 0;
    }

    public ResponseSummary summary() {
        return new ResponseSummary(treated, evaluable, counts, Proportion.of(objective, evaluable),
                Proportion.of(control, evaluable));
    }
}
