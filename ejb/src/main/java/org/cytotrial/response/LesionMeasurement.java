package org.cytotrial.response;

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
import org.cytotrial.visit.Visit;
import org.hibernate.envers.Audited;

/**
 * A tumour result at a visit (SDTM TR row): a diameter in mm (longest diameter, short axis for
 * nodes) or, for non-target lesions, a state (TRTESTCD TUMSTATE: ABSENT, PRESENT,
 * UNEQUIVOCAL PROGRESSION).
 */
@Entity
@Table(name = "lesion_measurement")
@Audited
public class LesionMeasurement {

    @Id
    @GeneratedValue(generator = "lesion_measurement_seq")
    @SequenceGenerator(name = "lesion_measurement_seq", sequenceName = "lesion_measurement_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "lesion_id")
    private Lesion lesion;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "visit_id")
    private Visit visit;

    private Integer seq;

    @Column(nullable = false, length = 8)
    private String testCode;

    @Column(nullable = false, length = 100)
    private String testName;

    @Column(nullable = false, length = 40)
    private String originalValue;

    @Column(length = 10)
    private String originalUnit;

    private Double diameterMm;

    private LocalDate measuredOn;

    @Version
    private long version;

    protected LesionMeasurement() {}

    public LesionMeasurement(Lesion lesion, Visit visit, Integer seq, String testCode, String testName,
            String originalValue, String originalUnit, Double diameterMm, LocalDate measuredOn) {
        if (!lesion.getSubject().equals(visit.getSubject())) {
            throw new IllegalArgumentException("Lesion " + lesion.getLinkId() + " belongs to another subject");
        }
        this.lesion = lesion;
        this.visit = visit;
        this.seq = seq;
        this.testCode = Objects.requireNonNull(testCode);
        this.testName = Objects.requireNonNull(testName);
        this.originalValue = Objects.requireNonNull(originalValue);
        this.originalUnit = originalUnit;
        this.diameterMm = diameterMm;
        this.measuredOn = measuredOn;
    }

    public Long getId() {
        return id;
    }

    public Lesion getLesion() {
        return lesion;
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

    public String getOriginalValue() {
        return originalValue;
    }

    public String getOriginalUnit() {
        return originalUnit;
    }

    public Double getDiameterMm() {
        return diameterMm;
    }

    public LocalDate getMeasuredOn() {
        return measuredOn;
    }

    public long getVersion() {
        return version;
    }

    public void correct(String newOriginalValue, String newOriginalUnit, Double newDiameterMm, LocalDate newMeasuredOn) {
        this.originalValue = Objects.requireNonNull(newOriginalValue);
        this.originalUnit = newOriginalUnit;
        this.diameterMm = newDiameterMm;
        this.measuredOn = newMeasuredOn;
    }
}
