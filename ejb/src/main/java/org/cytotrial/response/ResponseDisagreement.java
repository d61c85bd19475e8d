package org.cytotrial.response;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An assessment where the response computed from the measurements differs from the
 * investigator's. The investigator's response stays the record of truth; the disagreement is
 * shown so that it is either corrected or confirmed.
 */
public record ResponseDisagreement(LocalDate date, ResponseCategory computed, ResponseCategory investigator) {

    public ResponseDisagreement {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(computed, "computed");
        Objects.requireNonNull(investigator, "investigator");
    }

    /**
     * Pairs the computed and the investigator's responses by assessment date and lists the dates
     * where both exist and differ, in date order. A date with only one of the two (a scan not yet
     * reviewed, a response without measurements) is not a disagreement. Null elements (the
     * baseline rows of the evaluators) are skipped.
     *
     * @throws IllegalArgumentException when one side has two responses on the same date, since
     *                                  they could not be paired unambiguously
     */
    public static List<ResponseDisagreement> find(List<DatedResponse> computed,
                                                  List<DatedResponse> investigator) {
        Map<LocalDate, ResponseCategory> byDate = index(computed, "computed");
        Map<LocalDate, ResponseCategory> inv = index(investigator, "investigator");
        List<ResponseDisagreement> out = new ArrayList<>();
        for (Map.Entry<LocalDate, ResponseCategory> e : byDate.entrySet()) {
            ResponseCategory other = inv.get(e.getKey());
            if (other != null && other != e.getValue()) {
                out.add(new ResponseDisagreement(e.getKey(), e.getValue(), other));
            }
        }
        return List.copyOf(out);
    }

    private static Map<LocalDate, ResponseCategory> index(List<DatedResponse> list, String side) {
        Map<LocalDate, ResponseCategory> map = new TreeMap<>();
        if (list != null) {
            for (DatedResponse a : list) {
                if (a != null && map.put(a.date(), a.category()) != null) {
                    throw new IllegalArgumentException("Two " + side + " responses on " + a.date());
                }
            }
        }
        return map;
    }
}
