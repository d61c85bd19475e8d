package org.cytotrial.review;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.response.ReviewStatus;

/**
 * One assessment in the review queue: what the investigator recorded, what the measurements
 * say, and the review if there was one.
 *
 * @param assessmentId       response_assessment id (the one to review)
 * @param version            its version, to be sent back with the review
 * @param usubjid            subject
 * @param site               site code
 * @param arm                arm code, or null
 * @param visitNumber        VISITNUM
 * @param visit              VISIT label
 * @param date               assessment date
 * @param studyDay           study day of the assessment, or null when never treated
 * @param investigator       the recorded response
 * @param computed           the computed response of the same visit
 * @param measure            sum of target diameters (mm) or M-protein (g/L) at the visit, or null
 * @param measureUnit        "mm" or "g/L"
 * @param changeFromBaseline percent change from baseline, or null
 * @param changeFromNadir    percent change from the nadir, or null
 * @param reviewStatus       CONFIRMED or CORRECTED; null when not reviewed
 * @param reviewReason       the reviewer's reason
 * @param reviewedBy         the reviewer
 * @param reviewedAt         when
 */
public record ReviewItem(long assessmentId, long version, String usubjid, String site, String arm,
        BigDecimal visitNumber, String visit, LocalDate date, Integer studyDay, ResponseCategory investigator,
        ResponseCategory computed, Double measure, String measureUnit, Double changeFromBaseline,
        Double changeFromNadir, ReviewStatus reviewStatus, String reviewReason, String reviewedBy,
        Instant reviewedAt) {

    public boolean disagrees() {
        return computed != null && computed != investigator;
    }

    public boolean open() {
        return disagrees() && reviewStatus == null;
    }
}
