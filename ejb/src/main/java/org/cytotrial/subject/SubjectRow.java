package org.cytotrial.subject;

import java.time.LocalDate;

/**
 * One line of the subject list: a projection read straight from the query, never an entity.
 * Getters (not a record) because the list is shown by Faces EL, which reads properties.
 */
public final class SubjectRow {

    /** Where the subject stands in the study. */
    public enum Standing {
        ON_STUDY,
        OFF_STUDY,
        DIED
    }

    private final String usubjid;
    private final String subjid;
    private final String site;
    private final String arm;
    private final String sex;
    private final Integer age;
    private final LocalDate consentDate;
    private final LocalDate firstDoseDate;
    private final Standing standing;
    private final long visitsDone;
    private final LocalDate lastVisit;

    public SubjectRow(String usubjid, String subjid, String site, String arm, Sex sex, Integer age, LocalDate consentDate,
            LocalDate firstDoseDate, LocalDate deathDate, Long visitsDone, LocalDate lastVisit, LocalDate firstDisposition) {
        this.usubjid = usubjid;
        this.subjid = subjid;
        this.site = site;
        this.arm = arm;
        this.sex = sex == null ? null : sex.name();
        this.age = age;
        this.consentDate = consentDate;
        this.firstDoseDate = firstDoseDate;
        this.standing = deathDate != null ? Standing.DIED : firstDisposition != null ? Standing.OFF_STUDY : Standing.ON_STUDY;
        this.visitsDone = visitsDone == null ? 0 : visitsDone;
        this.lastVisit = lastVisit;
    }

    public String getUsubjid() {
        return usubjid;
    }

    public String getSubjid() {
        return subjid;
    }

    public String getSite() {
        return site;
    }

    public String getArm() {
        return arm;
    }

    public String getSex() {
        return sex;
    }

    public Integer getAge() {
        return age;
    }

    public LocalDate getConsentDate() {
        return consentDate;
    }

    public LocalDate getFirstDoseDate() {
        return firstDoseDate;
    }

    public Standing getStanding() {
        return standing;
    }

    public long getVisitsDone() {
        return visitsDone;
    }

    public LocalDate getLastVisit() {
        return lastVisit;
    }
}
