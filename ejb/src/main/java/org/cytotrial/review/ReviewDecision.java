package org.cytotrial.review;

import java.time.Instant;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.response.ReviewStatus;

/**
 * The outcome of a review.
 *
 * @param assessmentId the assessment
 * @param version      its new version
 * @param response     the response now recorded
 * @param reviewStatus CONFIRMED (kept) or CORRECTED (changed)
 * @param reviewReason the reason given
 * @param reviewedBy   the reviewer
 * @param reviewedAt   when
 */
public record ReviewDecision(long assessmentId, long version, ResponseCategory response, ReviewStatus reviewStatus,
        String reviewReason, String reviewedBy, Instant reviewedAt) {
}
