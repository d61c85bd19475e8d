package org.cytotrial.visit;

import java.io.Serializable;
import java.time.Instant;

/**
 * One field of a visit's records that someone else changed after the caller read the visit, from
 * the audit trail: shown with a conflicting save, so the user sees what the other person did,
 * not only how the stored form differs from theirs.
 *
 * @param changedBy who saved the change
 * @param changedAt when (UTC)
 * @param reason    the reason for change they gave; null for a first entry
 * @param record    what was changed: the record kind and item, e.g. "Lab result CRP", "Visit"
 * @param action    CREATED, CHANGED or DELETED
 * @param field     the field, e.g. "original value"
 * @param oldValue  the value before, as text; null when there was none
 * @param newValue  the value after, as text; null when it was removed
 */
public record ChangeSince(String changedBy, Instant changedAt, String reason, String record, String action, String field,
        String oldValue, String newValue) implements Serializable {}
