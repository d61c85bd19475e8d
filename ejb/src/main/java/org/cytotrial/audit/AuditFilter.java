package org.cytotrial.audit;

import java.time.Instant;
import java.util.Set;

/**
 * Narrows an audit trail: a time window (UTC, from inclusive, to exclusive), one user, only
 * changes after first entry, only revisions after a given one, only some record kinds.
 * Every part is optional.
 */
public record AuditFilter(Instant from, Instant to, String username, boolean changesOnly, Long afterRevision,
        Set<AuditedTable> tables) {

    public static final AuditFilter NONE = new AuditFilter(null, null, null, false, null, null);

    public AuditFilter {
        tables = tables == null ? null : Set.copyOf(tables);
        username = username == null || username.isBlank() ? null : username.strip();
    }

    public boolean includes(AuditedTable table) {
        return tables == null || tables.contains(table);
    }
}
