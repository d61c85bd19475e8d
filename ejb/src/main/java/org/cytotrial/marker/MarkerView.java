package org.cytotrial.marker;

import java.util.Map;

/** A catalogue entry as the API and pages show it. */
public record MarkerView(String code, String name, String category, String standardUnit, double plausibleLow,
        double plausibleHigh, boolean derived, Map<String, Double> alternativeUnits) {

    static MarkerView of(Marker m) {
        return new MarkerView(m.getCode(), m.getName(), m.getCategory(), m.getStandardUnit(), m.getPlausibleLow(),
                m.getPlausibleHigh(), m.isDerived(), new java.util.LinkedHashMap<>(m.getAlternativeUnits()));
    }
}
