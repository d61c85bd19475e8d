package org.cytotrial.treatment;

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

/** Study treatment given (SDTM EX): what, how much, how often, by which route, from when to when. */
@Entity
@Table(name = "exposure")
@Audited
public class Exposure {

    @Id
    @GeneratedValue(generator = "exposure_seq")
    @SequenceGenerator(name = "exposure_seq", sequenceName = "exposure_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subject_id")
    private Subject subject;

    private Integer seq;

    @Column(nullable = false, length = 200)
    private String treatment;

    /** The dose as written (e.g. "0.9"), so that exports reproduce it. */
    @Column(length = 40)
    private String dose;

    @Column(length = 40)
    private String doseUnit;

    @Column(length = 40)
    private String frequency;

    @Column(length = 60)
    private String route;

    private LocalDate startDate;

    private LocalDate endDate;

    @Version
    private long version;

    protected Exposure() {}

    public Exposure(Subject subject, Integer seq, String treatment, String dose, String doseUnit, String frequency,
            String route, LocalDate startDate, LocalDate endDate) {
        this.subject = Objects.requireNonNull(subject);
        this.seq = seq;
        this.treatment = Objects.requireNonNull(treatment);
        this.dose = dose;
        this.doseUnit = doseUnit;
        this.frequency = frequency;
        this.route = route;
        this.startDate = startDate;
        this.endDate = endDate;
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

    public String getTreatment() {
        return treatment;
    }

    public String getDose() {
        return dose;
    }

    public String getDoseUnit() {
        return doseUnit;
    }

    public String getFrequency() {
        return frequency;
    }

    public String getRoute() {
        return route;
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
