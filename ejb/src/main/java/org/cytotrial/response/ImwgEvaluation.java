package org.cytotrial.response;

import java.time.LocalDate;

/**
 * What the serum M-protein of one assessment says under the IMWG criteria.
 *
 * @param date                      sample date
 * @param mProteinGramsPerLitre     the value, g/L (null when not evaluable)
 * @param changeFromBaselinePercent (value - baseline) / baseline x 100; null when undefined
 * @param changeFromNadirPercent    (value - nadir) / nadir x 100, nadir = lowest value before
 *                                  this one, baseline included; null when undefined
 * @param category                  computed response, never CR; null on the baseline row
 */
public record ImwgEvaluation(LocalDate date, Double mProteinGramsPerLitre, Double changeFromBaselinePercent,
                             Double changeFromNadirPercent, ResponseCategory category) {

    public boolean isBaseline() {
        return category == null;
    }

    /** The computed response as an assessment, for comparison with the investigator's; null at baseline. */
    public DatedResponse asAssessment() {
        return category == null ? null : new DatedResponse(date, category);
    }
}
