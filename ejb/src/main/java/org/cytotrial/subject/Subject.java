package org.cytotrial.subject;

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
import java.time.LocalDate;
import java.util.Objects;
import org.cytotrial.study.Arm;
import org.cytotrial.study.Site;
import org.cytotrial.study.Study;
import org.hibernate.envers.Audited;

/**
 * A trial subject (SDTM DM row), identified within its study by USUBJID.
 *
 * <p>Life cycle: enrolled at a site with a consent date, assigned to an arm, dosed (first-dose
 * date: study day 1 for every derived outcome), followed by visits, and leaving the study by
 * completion, withdrawal, progression or death.
 */
@Entity
@Table(name = "subject")
@Audited
public class Subject {

    @Id
    @GeneratedValue(generator = "subject_seq")
    @SequenceGenerator(name = "subject_seq", sequenceName = "subject_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "study_id")
    private Study study;

    @Column(nullable = false, length = 60)
    private String usubjid;

    @Column(length = 40)
    private String subjid;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "site_id")
    private Site site;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "arm_id")
    private Arm arm;

    private LocalDate consentDate;

    private LocalDate firstDoseDate;

    private LocalDate endDate;

    private LocalDate deathDate;

    private boolean deathFlag;

    private Integer age;

    @Column(length = 10)
    private String ageUnit;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Sex sex;

    @Column(length = 3)
    private String country;

    @Version
    private long version;

    protected Subject() {}

    public Subject(Study study, String usubjid, Site site, Sex sex) {
        this.study = Objects.requireNonNull(study);
        if (usubjid == null || usubjid.isBlank()) {
            throw new IllegalArgumentException("USUBJID must not be empty");
        }
        this.usubjid = usubjid;
        this.site = Objects.requireNonNull(site);
        this.sex = Objects.requireNonNull(sex);
    }

    public Long getId() {
        return id;
    }

    public Study getStudy() {
        return study;
    }

    public String getUsubjid() {
        return usubjid;
    }

    public String getSubjid() {
        return subjid;
    }

    public Site getSite() {
        return site;
    }

    public Arm getArm() {
        return arm;
    }

    public LocalDate getConsentDate() {
        return consentDate;
    }

    public LocalDate getFirstDoseDate() {
        return firstDoseDate;
    }

    public LocalDate getEndDate() {
        return endDate;
    }

    public LocalDate getDeathDate() {
        return deathDate;
    }

    public boolean isDeathFlag() {
        return deathFlag;
    }

    public Integer getAge() {
        return age;
    }

    public String getAgeUnit() {
        return ageUnit;
    }

    public Sex getSex() {
        return sex;
    }

    public String getCountry() {
        return country;
    }

    public long getVersion() {
        return version;
    }

    public void identify(String newSubjid, Integer newAge, String newAgeUnit, Sex newSex, String newCountry) {
        if (newAge != null && (newAge < 0 || newAge > 130)) {
            throw new IllegalArgumentException("Age must be between 0 and 130 years");
        }
        this.subjid = newSubjid;
        this.age = newAge;
        this.ageUnit = newAgeUnit;
        this.sex = Objects.requireNonNull(newSex);
        this.country = newCountry;
    }

    public void recordConsent(LocalDate date) {
        if (date != null && firstDoseDate != null && firstDoseDate.isBefore(date)) {
            throw new IllegalArgumentException("Consent (" + date + ") cannot come after the first dose (" + firstDoseDate + ")");
        }
        this.consentDate = date;
    }

    public void assignTo(Arm newArm) {
        if (newArm != null && !newArm.getStudy().equals(study)) {
            throw new IllegalArgumentException("Arm " + newArm.getCode() + " belongs to another study");
        }
        this.arm = newArm;
    }

    public void recordFirstDose(LocalDate date) {
        if (date != null && consentDate != null && date.isBefore(consentDate)) {
            throw new IllegalArgumentException("The first dose (" + date + ") cannot come before consent (" + consentDate + ")");
        }
        this.firstDoseDate = date;
    }

    public void recordEndOfTreatment(LocalDate date) {
        this.endDate = date;
    }

    public void recordDeath(LocalDate date, boolean flag) {
        this.deathDate = date;
        this.deathFlag = flag || date != null;
    }

    /** Study day of a date: the first-dose date is day 1 (SDTM convention, no day 0). */
    public Integer studyDay(LocalDate date) {
        if (firstDoseDate == null || date == null) {
            return null;
        }
        long days = date.toEpochDay() - firstDoseDate.toEpochDay();
        return (int) (days >= 0 ? days + 1 : days);
    }
}
