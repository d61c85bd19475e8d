package org.cytotrial.analysis;

import java.util.Objects;

/**
 * One marker result in standard units, as streamed to {@link MarkerSummarizer}.
 *
 * @param arm      arm code
 * @param test     marker code (LBTESTCD)
 * @param visitNum visit number (VISITNUM); the baseline visit is 1
 * @param visit    visit label (VISIT)
 * @param subject  subject id (USUBJID)
 * @param value    result in the marker's standard unit
 */
public record MarkerObservation(String arm, String test, double visitNum, String visit, String subject,
                                double value) {
    public MarkerObservation {
        Objects.requireNonNull(arm, "arm");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(subject, "subject");
        if (!Double.isFinite(value) || !Double.isFinite(visitNum)) {
            throw new IllegalArgumentException("Non-finite value or visit for " + subject + " " + test);
        }
    }
}
