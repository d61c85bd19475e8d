package org.cytotrial.response;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One imaging assessment of one subject, as RECIST 1.1 needs it.
 *
 * @param date               assessment date
 * @param targetDiametersMm  target lesion id to its diameter in mm (longest diameter; short axis
 *                           for lymph nodes); a lesion that has disappeared is 0, a lesion that was
 *                           not measured is absent from the map (or maps to null)
 * @param nodalLesionIds     ids of the target lesions that are lymph nodes; a lesion flagged nodal
 *                           at any assessment is treated as nodal throughout
 * @param newLesion          whether any new lesion was found
 * @param nonTarget          status of the non-target lesions
 */
public record TumourAssessment(LocalDate date, Map<String, Double> targetDiametersMm,
                               Set<String> nodalLesionIds, boolean newLesion,
                               NonTargetStatus nonTarget) {
    public TumourAssessment {
        Objects.requireNonNull(date, "date");
        // Copy defensively but keep null values: null means "not measured", a meaningful state.
        targetDiametersMm = targetDiametersMm == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targetDiametersMm));
        nodalLesionIds = nodalLesionIds == null ? Set.of() : Set.copyOf(nodalLesionIds);
        nonTarget = nonTarget == null ? NonTargetStatus.ABSENT : nonTarget;
    }
}
