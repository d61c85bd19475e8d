package org.cytotrial.marker;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The markers known to the system, by code, as one immutable snapshot for a unit of work. */
public final class MarkerCatalogue {

    private final Map<String, Marker> byCode = new LinkedHashMap<>();

    public MarkerCatalogue(Collection<Marker> markers) {
        markers.stream()
                .sorted(Comparator.comparingInt(Marker::getDisplayOrder).thenComparing(Marker::getCode))
                .forEach(m -> byCode.put(m.getCode(), m));
    }

    public Optional<Marker> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public List<Marker> all() {
        return List.copyOf(byCode.values());
    }

    /** The codes that can be entered (not derived), alphabetically, as error messages list them. */
    public List<String> enterableCodes() {
        return byCode.values().stream().filter(m -> !m.isDerived()).map(Marker::getCode).sorted().toList();
    }
}
