package org.cytotrial.lock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.cytotrial.study.Site;
import org.cytotrial.study.Study;
import org.cytotrial.subject.Subject;
import org.hibernate.envers.Audited;

/**
 * A lock of clinical data at a data cut-off: the whole study, one site's subjects in it, or one
 * subject. Life cycle: created active by an administrator with a reason; later possibly
 * unlocked, again with a reason. The row is kept after unlocking, so the history of locks is
 * part of the study (and of the audit trail).
 */
@Entity
@Table(name = "data_lock")
@Audited
public class DataLock {

    @Id
    @GeneratedValue(generator = "data_lock_seq")
    @SequenceGenerator(name = "data_lock_seq", sequenceName = "data_lock_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "study_id")
    private Study study;

    @Enumerated(EnumType.STRING)
    @Column(name = "lock_level", nullable = false, length = 10)
    private LockLevel level;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "site_id")
    private Site site;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "subject_id")
    private Subject subject;

    @Column(nullable = false)
    private LocalDate cutOff;

    @Column(nullable = false, length = 2000)
    private String reason;

    @Column(nullable = false, length = 60)
    private String lockedBy;

    @Column(nullable = false)
    private Instant lockedAt;

    @Column(length = 60)
    private String unlockedBy;

    private Instant unlockedAt;

    @Column(length = 2000)
    private String unlockReason;

    @Version
    private long version;

    protected DataLock() {}

    private DataLock(Study study, LockLevel level, Site site, Subject subject, LocalDate cutOff, String reason,
            String lockedBy, Instant lockedAt) {
        this.study = Objects.requireNonNull(study);
        this.level = level;
        this.site = site;
        this.subject = subject;
        this.cutOff = Objects.requireNonNull(cutOff);
        this.reason = requireText(reason);
        this.lockedBy = Objects.requireNonNull(lockedBy);
        this.lockedAt = Objects.requireNonNull(lockedAt);
    }

    public static DataLock ofStudy(Study study, LocalDate cutOff, String reason, String by, Instant at) {
        return new DataLock(study, LockLevel.STUDY, null, null, cutOff, reason, by, at);
    }

    public static DataLock ofSite(Study study, Site site, LocalDate cutOff, String reason, String by, Instant at) {
        return new DataLock(study, LockLevel.SITE, Objects.requireNonNull(site), null, cutOff, reason, by, at);
    }

    public static DataLock ofSubject(Subject subject, LocalDate cutOff, String reason, String by, Instant at) {
        return new DataLock(subject.getStudy(), LockLevel.SUBJECT, null, subject, cutOff, reason, by, at);
    }

    private static String requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A lock and an unlock need a reason");
        }
        return text.strip();
    }

    public Long getId() {
        return id;
    }

    public Study getStudy() {
        return study;
    }

    public LockLevel getLevel() {
        return level;
    }

    public Site getSite() {
        return site;
    }

    public Subject getSubject() {
        return subject;
    }

    public LocalDate getCutOff() {
        return cutOff;
    }

    public String getReason() {
        return reason;
    }

    public String getLockedBy() {
        return lockedBy;
    }

    public Instant getLockedAt() {
        return lockedAt;
    }

    public String getUnlockedBy() {
        return unlockedBy;
    }

    public Instant getUnlockedAt() {
        return unlockedAt;
    }

    public String getUnlockReason() {
        return unlockReason;
    }

    public long getVersion() {
        return version;
    }

    public boolean isActive() {
        return unlockedAt == null;
    }

    public void unlock(String why, String by, Instant at) {
        if (!isActive()) {
            throw new IllegalStateException("This lock was already lifted");
        }
        this.unlockReason = requireText(why);
        this.unlockedBy = Objects.requireNonNull(by);
        this.unlockedAt = Objects.requireNonNull(at);
    }

    /** What is locked, for people: "study X", "site HAMBURG in study X", "subject X-001". */
    public String target() {
        return switch (level) {
            case STUDY -> "study " + study.getCode();
            case SITE -> "site " + site.getCode() + " in study " + study.getCode();
            case SUBJECT -> "subject " + subject.getUsubjid();
        };
    }
}
