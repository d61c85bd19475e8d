package org.cytotrial.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.response.ReviewStatus;

/**
 * An investigator's overall response as recorded (RS), with its review.
 *
 * @param id           response_assessment id
 * @param version      optimistic-lock version, to be sent back with a review
 * @param visitId      the visit
 * @param visitNumber  VISITNUM
 * @param visit        VISIT label
 * @param date         assessment date
 * @param response     the recorded response
 * @param reviewStatus confirmed or corrected after a disagreement; null when not reviewed
 * @param reviewReason the reviewer's reason
 * @param reviewedBy   the reviewer's user name
 * @param reviewedAt   when
 */
public record InvestigatorAssessment(long id, long version, long visitId, BigDecimal visitNumber, String visit,
        LocalDate date, ResponseCategory response, ReviewStatus reviewStatus, String reviewReason, String reviewedBy,
        Instant reviewedAt) {
}
