package org.cytotrial.analytics;

import java.util.List;
import java.util.TreeSet;

/**
 * Which marker summaries to compute.
 *
 * @param tests          marker codes; empty for every marker the study has
 * @param includeDerived whether derived tests (the CD4/CD8 ratio) are included; by default only
 *                       entered results are summarised
 */
public record MarkerFilter(List<String> tests, boolean includeDerived) {

    public static final MarkerFilter ENTERED = new MarkerFilter(List.of(), false);

    public MarkerFilter {
        tests = tests == null ? List.of() : List.copyOf(new TreeSet<>(tests));
    }

    String cacheKey() {
        return tests + (includeDerived ? "+derived" : "");
    }
}
