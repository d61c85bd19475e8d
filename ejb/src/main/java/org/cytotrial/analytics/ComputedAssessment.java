package org.cytotrial.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.cytotrial.response.ResponseCategory;

/**
 * The response computed from the measurements of one visit: RECIST 1.1 from the target-lesion
 * sum of diameters (with the study's minor-response band), or IMWG from serum M-protein.
 *
 * @param visitId            the visit
 * @param visitNumber        VISITNUM
 * @param visit              VISIT label
 * @param date               assessment date (measurement or sample date)
 * @param category           the computed response; null at baseline
 * @param measure            sum of target diameters in mm (RECIST) or M-protein in g/L (IMWG);
 *                           null when incomplete
 * @param changeFromBaseline percent change of the measure from baseline, or null
 * @param changeFromNadir    percent change from the nadir before this visit, or null
 */
public record ComputedAssessment(long visitId, BigDecimal visitNumber, String visit, LocalDate date,
        ResponseCategory category, Double measure, Double changeFromBaseline, Double changeFromNadir) {

    public boolean baseline() {
        return category == null;
    }
}
