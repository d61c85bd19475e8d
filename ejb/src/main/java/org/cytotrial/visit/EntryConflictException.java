package org.cytotrial.visit;

import java.time.Instant;
import java.util.List;
import org.cytotrial.platform.ConflictException;
import org.cytotrial.platform.FieldChange;

/**
 * A save of a visit collided with someone else's: the visit changed since the user read it.
 * Nothing was written. It carries who saved last and when, the version now stored, every field
 * where the stored value differs from the one submitted, and what others changed since the
 * version the user read (from the audit trail), so the user can compare, reload and decide
 * (HTTP 409).
 */
public class EntryConflictException extends ConflictException {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldChange> changes;
    private final transient List<ChangeSince> changedSince;
    private final String savedBy;
    private final Instant savedAt;
    private final long currentVersion;

    public EntryConflictException(String message, List<FieldChange> changes, List<ChangeSince> changedSince, String savedBy,
            Instant savedAt, long currentVersion) {
        super(message);
        this.changes = List.copyOf(changes);
        this.changedSince = List.copyOf(changedSince);
        this.savedBy = savedBy;
        this.savedAt = savedAt;
        this.currentVersion = currentVersion;
    }

    public List<FieldChange> getChanges() {
        return changes;
    }

    /** What others changed after the version the user read, oldest first. */
    public List<ChangeSince> getChangedSince() {
        return changedSince;
    }

    public String getSavedBy() {
        return savedBy;
    }

    public Instant getSavedAt() {
        return savedAt;
    }

    public long getCurrentVersion() {
        return currentVersion;
    }
}
