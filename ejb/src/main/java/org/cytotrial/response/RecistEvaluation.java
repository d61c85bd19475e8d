package org.cytotrial.response;

import java.time.LocalDate;

/**
 * What the measurements of one assessment say under RECIST 1.1.
 *
 * @param date                      assessment date
 * @param sumOfDiametersMm          sum of the target diameters; null when a baseline target
 *                                  lesion was not measured (an incomplete sum would mislead)
 * @param changeFromBaselinePercent (SOD - baseline) / baseline x 100; null on an incomplete sum
 *                                  or a zero baseline
 * @param changeFromNadirPercent    (SOD - nadir) / nadir x 100, nadir = smallest complete SOD
 *                                  before this assessment, baseline included; null likewise
 * @param category                  computed response; null on the baseline row
 */
public record RecistEvaluation(LocalDate date, Double sumOfDiametersMm, Double changeFromBaselinePercent,
                               Double changeFromNadirPercent, ResponseCategory category) {

    public boolean isBaseline() {
        return category == null;
    }

    /** The computed response as an assessment, for comparison with the investigator's; null at baseline. */
    public DatedResponse asAssessment() {
        return category == null ? null : new DatedResponse(date, category);
    }
}
