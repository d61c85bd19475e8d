package org.cytotrial.marker;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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
import org.cytotrial.visit.Visit;
import org.hibernate.envers.Audited;

/**
 * A lab or immune-marker result (SDTM LB row). The value and unit are kept exactly as entered
 * (LBORRES/LBORRESU); the standardised value is derived from the catalogue and is what every
 * statistic uses.
 */
@Entity
@Table(name = "lab_result")
@Audited
public class LabResult {

    @Id
    @GeneratedValue(generator = "lab_result_seq")
    @SequenceGenerator(name = "lab_result_seq", sequenceName = "lab_result_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subject_id")
    private Subject subject;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "visit_id")
    private Visit visit;

    private Integer seq;

    @Column(nullable = false, length = 20)
    private String testCode;

    @Column(nullable = false, length = 200)
    private String testName;

    @Column(length = 40)
    private String category;

    @Column(nullable = false, length = 40)
    private String originalValue;

    @Column(nullable = false, length = 20)
    private String originalUnit;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "value", column = @Column(name = "standard_value", nullable = false)),
        @AttributeOverride(name = "unit", column = @Column(name = "standard_unit", nullable = false, length = 20))
    })
    private Quantity standardised;

    private LocalDate collectedOn;

    private boolean derived;

    @Version
    private long version;

    protected LabResult() {}

    public LabResult(Visit visit, Integer seq, Marker marker, String testName, String category,
            String originalValue, String originalUnit, Quantity standardised, LocalDate collectedOn, boolean derived) {
        this.visit = Objects.requireNonNull(visit);
        this.subject = visit.getSubject();
        this.seq = seq;
        this.testCode = marker.getCode();
        this.testName = testName == null || testName.isBlank() ? marker.getName() : testName;
        this.category = category == null ? marker.getCategory() : category;
        this.originalValue = Objects.requireNonNull(originalValue);
        this.originalUnit = Objects.requireNonNull(originalUnit);
        this.standardised = Objects.requireNonNull(standardised);
        this.collectedOn = collectedOn;
        this.derived = derived;
    }

    public Long getId() {
        return id;
    }

    public Subject getSubject() {
        return subject;
    }

    public Visit getVisit() {
        return visit;
    }

    public Integer getSeq() {
        return seq;
    }

    public String getTestCode() {
        return testCode;
    }

    public String getTestName() {
        return testName;
    }

    public String getCategory() {
        return category;
    }

    public String getOriginalValue() {
        return originalValue;
    }

    public String getOriginalUnit() {
        return originalUnit;
    }

    public Quantity getStandardised() {
        return standardised;
    }

    public LocalDate getCollectedOn() {
        return collectedOn;
    }

    public boolean isDerived() {
        return derived;
    }

    public long getVersion() {
        return version;
    }

    public void correct(String newOriginalValue, String newOriginalUnit, Quantity newStandardised, LocalDate newCollectedOn) {
        this.originalValue = Objects.requireNonNull(newOriginalValue);
        this.originalUnit = Objects.requireNonNull(newOriginalUnit);
        this.standardised = Objects.requireNonNull(newStandardised);
        this.collectedOn = newCollectedOn;
    }
}
