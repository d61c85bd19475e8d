package org.cytotrial.visit;

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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.cytotrial.subject.Subject;
import org.hibernate.envers.Audited;

/**
 * One visit of one subject (SDTM VISITNUM/VISIT): the container of the labs, tumour
 * measurements and response assessments recorded that day.
 */
@Entity
@Table(name = "visit")
@Audited
public class Visit {

    @Id
    @GeneratedValue(generator = "visit_seq")
    @SequenceGenerator(name = "visit_seq", sequenceName = "visit_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subject_id")
    private Subject subject;

    @Column(name = "visit_number", nullable = false, precision = 9, scale = 2)
    private BigDecimal number;

    @Column(nullable = false, length = 100)
    private String name;

    private LocalDate visitDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private VisitStatus status;

    /** Who last saved the visit's entry form, and when: shown to whoever opens it next. */
    @Column(length = 60)
    private String recordedBy;

    private Instant recordedAt;

    @Version
    private long version;

    protected Visit() {}

    public Visit(Subject subject, BigDecimal number, String name) {
        this.subject = Objects.requireNonNull(subject);
        this.number = Objects.requireNonNull(number);
        this.name = Objects.requireNonNull(name);
        this.status = VisitStatus.PLANNED;
    }

    public Long getId() {
        return id;
    }

    public Subject getSubject() {
        return subject;
    }

    public BigDecimal getNumber() {
        return number;
    }

    public String getName() {
        return name;
    }

    public LocalDate getVisitDate() {
        return visitDate;
    }

    public VisitStatus getStatus() {
        return status;
    }

    public long getVersion() {
        return version;
    }

    public String getRecordedBy() {
        return recordedBy;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    /**
     * Marks a save of the visit's entry form. It changes the visit row on every save, so the
     * visit's version moves even when only its results changed: the version protects the whole
     * form against a concurrent save.
     */
    public void recordEntry(String by, Instant at) {
        this.recordedBy = Objects.requireNonNull(by);
        this.recordedAt = Objects.requireNonNull(at);
    }

    /** Records that the visit took place on the given date. */
    public void performedOn(LocalDate date) {
        this.visitDate = Objects.requireNonNull(date);
        this.status = VisitStatus.DONE;
    }

    public void missed() {
        this.visitDate = null;
        this.status = VisitStatus.MISSED;
    }
}
