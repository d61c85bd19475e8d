package org.cytotrial.review;

/** Which assessments the review queue lists. */
public enum ReviewFilter {
    /** Disagreements not reviewed yet: the investigator's work list. */
    OPEN,
    /** Assessments reviewed already (confirmed or corrected). */
    REVIEWED,
    /** Both. */
    ALL
}
