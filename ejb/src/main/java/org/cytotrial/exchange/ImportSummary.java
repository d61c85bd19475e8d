package org.cytotrial.exchange;

import java.util.Map;

/** What an import created. */
public record ImportSummary(String study, int subjects, int visits, Map<String, Integer> rows, long millis) {}
