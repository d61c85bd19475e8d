package org.cytotrial.analysis;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import org.cytotrial.response.ResponseCategory;

/**
 * Best-response table of one arm: treated and evaluable subjects, the count of each best
 * response among the evaluable, ORR = (CR + PR) / evaluable and DCR = (CR + PR + MR + SD) /
 * evaluable with exact 95 % intervals. Subjects who are not evaluable count as treated only.
 *
 * @param treated    subjects given at least one dose
 * @param evaluable  subjects with at least one assessment after the first dose
 * @param counts     best response to number of evaluable subjects; every category present
 * @param objectiveResponse ORR
 * @param diseaseControl    DCR
 */
public record ResponseSummary(int treated, int evaluable, Map<ResponseCategory, Integer> counts,
                              Proportion objectiveResponse, Proportion diseaseControl) {

    public ResponseSummary {
        counts = Collections.unmodifiableMap(new EnumMap<>(counts));
    }

    /** @param subjects one BOR per treated subject of the arm */
    public static ResponseSummary of(Collection<BestOverallResponse> subjects) {
        Map<ResponseCategory, Integer> counts = new EnumMap<>(ResponseCategory.class);
        for (ResponseCategory c : ResponseCategory.values()) {
            counts.put(c, 0);
        }
        int evaluable = 0;
        int orr = 0;
        int dcr = 0;
        for (BestOverallResponse b : subjects) {
            if (!b.evaluable()) {
                continue;
            }
            evaluable++;
            counts.merge(b.category(), 1, Integer::sum);
            orr += b.category().isObjectiveResponse() ? 1 : 0;
            dcr += b.category().isDiseaseControl() ? 1 : 0;
        }
        return new ResponseSummary(subjects.size(), evaluable, counts, Proportion.of(orr, evaluable),
                Proportion.of(dcr, evaluable));
    }

    public int count(ResponseCategory category) {
        return counts.getOrDefault(category, 0);
    }
}
