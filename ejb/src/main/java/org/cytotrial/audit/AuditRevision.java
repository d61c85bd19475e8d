package org.cytotrial.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.envers.RevisionEntity;
import org.hibernate.envers.RevisionNumber;
import org.hibernate.envers.RevisionTimestamp;

/**
 * One audited change set (an Envers revision): who, when (UTC), from where, and why. Every
 * clinical entity's audit table points here. Rows are never updated or deleted: the database
 * refuses it (see the PostgreSQL migration that installs the trigger).
 */
@Entity
@Table(name = "audit_revision")
@RevisionEntity(AuditRevisionListener.class)
public class AuditRevision {

    /** Allocation 1: revision numbers then follow commit order, which the audit screens rely on. */
    @Id
    @GeneratedValue(generator = "audit_revision_seq")
    @SequenceGenerator(name = "audit_revision_seq", sequenceName = "audit_revision_seq", allocationSize = 1)
    @RevisionNumber
    private long id;

    @RevisionTimestamp
    @Column(name = "recorded_at", nullable = false)
    private long timestamp;

    @Column(nullable = false, length = 60)
    private String username;

    @Column(length = 60)
    private String clientAddress;

    @Column(length = 2000)
    private String reason;

    public long getId() {
        return id;
    }

    public Instant getRecordedAt() {
        return Instant.ofEpochMilli(timestamp);
    }

    public String getUsername() {
        return username;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getReason() {
        return reason;
    }

    void describe(String who, String from, String why) {
        this.username = who;
        this.clientAddress = from;
        this.reason = why;
    }
}
