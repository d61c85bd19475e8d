package org.cytotrial.subject;

import java.time.LocalDate;
import java.util.Map;

/**
 * What a coordinator records to enrol a subject.
 *
 * @param site          the site code (one of the coordinator's sites in the study)
 * @param consentDate   date of informed consent
 * @param sex           M, F or U
 * @param age           age in years at consent; or give {@code birthYear}
 * @param birthYear     year of birth, from which the age at consent is derived (consent year minus
 *                      birth year) and which is not stored
 * @param arm           arm code: required when the study has several arms and is not
 *                      randomised, implied for a single-arm study, refused for a randomised one
 * @param eligibility   the answer to every criterion of the study's checklist, by code: true when
 *                      the criterion is met
 * @param firstDoseDate the first dose, if already given (it can be recorded later)
 * @param subjid        the subject number at the site (SUBJID), or null for the next free number
 */
public record Enrolment(String site, LocalDate consentDate, Sex sex, Integer age, Integer birthYear, String arm,
        Map<String, Boolean> eligibility, LocalDate firstDoseDate, String subjid) {

    public Enrolment {
        eligibility = eligibility == null ? Map.of() : Map.copyOf(eligibility);
    }
}
