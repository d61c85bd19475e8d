package org.cytotrial.audit;

import java.util.List;

/** One page of an audit trail, newest first, and how many entries the whole trail holds. */
public record AuditPage(long total, int first, List<AuditEntry> entries) {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
