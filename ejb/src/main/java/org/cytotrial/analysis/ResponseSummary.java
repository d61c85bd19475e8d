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
        ResponseTally tally = new ResponseTally();
        subjects.forEach(tally::add);
        return tally.summary();
    }

    public int count(ResponseCategory category) {
        return counts.getOrDefault(category, 0);
    }
}
