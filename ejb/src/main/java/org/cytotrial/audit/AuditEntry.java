package org.cytotrial.audit;

import java.time.Instant;
import java.util.List;

/**
 * One version of one record in the audit trail: who made it, when (UTC), from where and why,
 * what record it is (entity, subject, visit, item) and what changed, field by field, from the
 * version before it.
 */
public record AuditEntry(long revision, Instant recordedAt, String username, String clientAddress, String reason,
        String entity, String subject, String visit, String item, String recordKey, Action action,
        List<FieldChange> changes) {

    public enum Action {
        CREATED,
        CHANGED,
        DELETED
    }

    /** One field's old and new value as text; null is "no value". */
    public record FieldChange(String field, String oldValue, String newValue) {}

    public AuditEntry {
        changes = List.copyOf(changes);
    }

    /** What the record is, for people: e.g. "IL2-MM-001 · Visit 3 · EOS". */
    public String record() {
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {subject, visit, item}) {
            if (part != null && !part.isBlank()) {
                if (!text.isEmpty()) {
                    text.append(" · ");
                }
                text.append(part);
            }
        }
        return text.isEmpty() ? entity + " " + recordKey : text.toString();
    }
}
