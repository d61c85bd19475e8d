package org.cytotrial.exchange;

import java.util.List;
import java.util.Map;

/**
 * What an import created.
 *
 * @param columnsNotKept per file, the standard SDTM columns it had that the system does not keep
 *                       (e.g. LBSTRESC, EPOCH); empty when every column was stored
 */
public record ImportSummary(String study, int subjects, int visits, Map<String, Integer> rows, long millis,
        Map<String, List<String>> columnsNotKept) {

    public ImportSummary {
        columnsNotKept = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columnsNotKept));
    }
}
