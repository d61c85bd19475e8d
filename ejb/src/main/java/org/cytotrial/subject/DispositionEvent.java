package org.cytotrial.subject;

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
import org.hibernate.envers.Audited;

/** A disposition event (SDTM DS): progression, death, withdrawal, completion. */
@Entity
@Table(name = "disposition_event")
@Audited
public class DispositionEvent {

    @Id
    @GeneratedValue(generator = "disposition_event_seq")
    @SequenceGenerator(name = "disposition_event_seq", sequenceName = "disposition_event_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subject_id")
    private Subject subject;

    private Integer seq;

    @Column(nullable = false, length = 400)
    private String term;

    @Column(nullable = false, length = 100)
    private String decodedTerm;

    @Column(length = 60)
    private String category;

    private LocalDate eventDate;

    @Version
    private long version;

    protected DispositionEvent() {}

    public DispositionEvent(Subject subject, Integer seq, String term, String decodedTerm, String category, LocalDate eventDate) {
        this.subject = Objects.requireNonNull(subject);
        this.seq = seq;
        this.term = Objects.requireNonNull(term);
        this.decodedTerm = Objects.requireNonNull(decodedTerm);
        this.category = category;
        this.eventDate = eventDate;
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

    public String getCategory() {
        return category;
    }

    public LocalDate getEventDate() {
        return eventDate;
    }

    public long getVersion() {
        return version;
    }

    public void correct(String newTerm, String newDecodedTerm, String newCategory, LocalDate newDate) {
        this.term = Objects.requireNonNull(newTerm);
        this.decodedTerm = Objects.requireNonNull(newDecodedTerm);
        this.category = newCategory;
        this.eventDate = newDate;
    }
}
