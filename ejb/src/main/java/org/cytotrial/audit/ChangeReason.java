package org.cytotrial.audit;

import org.cytotrial.platform.InvalidInputException;

/**
 * 21 CFR Part 11 asks why recorded data changed: the first entry of a record needs no reason,
 * every later change does. Services call {@link #require} before changing an existing record,
 * and the reason lands in the audit revision of the change.
 */
public final class ChangeReason {

    public static final int MAX_LENGTH = 2000;

    private ChangeReason() {}

    /**
     * Records the reason for this unit of work; for a change of existing data it must be given.
     * Without an explicit reason, the one the client supplied with the request is used
     * ({@link AuditContext#suppliedReason()}).
     */
    public static void require(String reason, boolean changesExistingData) {
        String given = reason == null || reason.isBlank() ? AuditContext.current().suppliedReason() : reason;
        String trimmed = given == null ? null : given.strip();
        if (changesExistingData && (trimmed == null || trimmed.isEmpty())) {
            throw new InvalidInputException("reason",
                    "a reason for change is required when recorded data is changed (e.g. 'transcription error')");
        }
        if (trimmed != null && trimmed.length() > MAX_LENGTH) {
            throw new InvalidInputException("reason", "a reason may have at most " + MAX_LENGTH + " characters");
        }
        AuditContext.current().setReason(trimmed == null || trimmed.isEmpty() ? "first entry" : trimmed);
    }
}
