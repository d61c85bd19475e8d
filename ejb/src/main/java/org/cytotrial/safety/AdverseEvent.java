package org.cytotrial.safety;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.util.Objects;
import org.cytotrial.subject.Subject;
import org.hibernate.envers.Audited;

/**
 * An adverse event (SDTM AE): the verbatim term as reported, its coded term, CTCAE grade 1–5,
 * whether serious and whether related to the study treatment, and its dates.
 */
@Entity
@Table(name = "adverse_event")
@Audited
public class AdverseEvent {

    @Id
    @GeneratedValue(generator = "adverse_event_seq")
    @SequenceGenerator(name = "adverse_event_seq", sequenceName = "adverse_event_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subject_id")
    private Subject subject;

    private Integer seq;

    @Column(nullable = false, length = 400)
    private String term;

    @Column(length = 200)
    private String decodedTerm;

    private int grade;

    private boolean serious;

    private boolean related;

    @Column(nullable = false)
    private LocalDate startDate;

    private LocalDate endDate;

    @Version
    private long version;

    protected AdverseEvent() {}

    public AdverseEvent(Subject subject, Integer seq, String term, String decodedTerm, int grade, boolean serious,
            boolean related, LocalDate startDate, LocalDate endDate) {
        this.subject = Objects.requireNonNull(subject);
        this.seq = seq;
        update(term, decodedTerm, grade, serious, related, startDate, endDate);
    }

    public final void update(String newTerm, String newDecodedTerm, int newGrade, boolean isSerious, boolean isRelated,
            LocalDate newStart, LocalDate newEnd) {
        if (newTerm == null || newTerm.isBlank()) {
            throw new IllegalArgumentException("An adverse event needs a term");
        }
        if (newGrade < 1 || newGrade > 5) {
            throw new IllegalArgumentException("CTCAE grade must be 1 to 5, not " + newGrade);
        }
        Objects.requireNonNull(newStart, "An adverse event needs a start date");
        if (newEnd != null && newEnd.isBefore(newStart)) {
            throw new IllegalArgumentException("The end date " + newEnd + " is before the start date " + newStart);
        }
        this.term = newTerm;
        this.decodedTerm = newDecodedTerm;
        this.grade = newGrade;
        this.serious = isSerious;
        this.related = isRelated;
        this.startDate = newStart;
        this.endDate = newEnd;
    }

    public Long getId() {
        return id;
    }

    public Subject getSubject() {
        return subject;
    }

    public Integer getSeq() {
        return seq;
    }

    public String getTerm() {
        return term;
    }

    public String getDecodedTerm() {
        return decodedTerm;
    }

    public int getGrade() {
        return grade;
    }

    public boolean isSerious() {
        return serious;
    }

    public boolean isRelated() {
        return related;
    }

    public LocalDate getStartDate() {
        return startDate;
    }

    public LocalDate getEndDate() {
        return endDate;
    }

    public long getVersion() {
        return version;
    }
}
