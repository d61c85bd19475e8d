package org.cytotrial.marker;

import java.util.Map;

/** What an administrator gives to add a marker to the catalogue. */
public record MarkerDefinition(String code, String name, String category, String standardUnit, Double plausibleLow,
        Double plausibleHigh, Map<String, Double> alternativeUnits) {}
