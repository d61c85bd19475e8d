package org.cytotrial.visit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.cytotrial.response.ComputedResponses.Computed;
import org.cytotrial.response.LesionKind;
import org.cytotrial.response.ResponseCategory;

/**
 * A visit's entry form as stored: the visit, its results, the subject's lesions with their
 * readings at this visit, and the investigator's response beside the computed one.
 *
 * @param version       the visit's version, to send back with a change; null when not stored yet
 * @param baseline      whether this is (or would become) the baseline tumour assessment, where
 *                      target and non-target lesions are identified
 */
public record VisitEntryView(String study, String usubjid, BigDecimal visitnum, String visit, Long version,
        VisitStatus status, LocalDate date, Integer studyDay, LocalDate plannedDate, LocalDate windowStart,
        LocalDate windowEnd, String recordedBy, Instant recordedAt, String criteria, List<ResultView> results,
        List<LesionView> lesions, boolean baseline, ResponseView response) {

    /** A result as entered and standardised. */
    public record ResultView(String test, String name, String category, String value, String unit, Double standardValue,
            String standardUnit, boolean derived) {}

    /**
     * A lesion and its reading at this visit (value and unit as entered, the diameter in mm, or the
     * state of a non-target lesion).
     */
    public record LesionView(String id, LesionKind kind, String location, boolean nodal, BigDecimal identifiedAtVisitnum,
            String identifiedAt, String testCode, String value, String unit, Double diameterMm, String state) {}

    /** The investigator's response beside the one computed from the measurements. */
    public record ResponseView(ResponseCategory investigator, LocalDate assessedOn, Computed computed, boolean disagrees) {}
}
