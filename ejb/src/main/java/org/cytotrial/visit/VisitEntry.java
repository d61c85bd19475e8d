package org.cytotrial.visit;

import java.time.LocalDate;
import java.util.List;
import org.cytotrial.marker.LabEntryWriter.ResultEntry;
import org.cytotrial.response.ResponseCategory;
import org.cytotrial.response.TumourEntryWriter.LesionEntry;

/**
 * One save of a visit's entry form: what is sent is changed, what is left out (null) stays as
 * stored.
 *
 * @param version  the visit's version as read; null for a visit not yet stored. A stale version
 *                 is a conflict: someone else saved the visit meanwhile
 * @param status   DONE (the default when a date is given) or MISSED
 * @param date     the date the visit took place
 * @param results  lab and marker results; an empty value removes a stored result
 * @param lesions  lesion readings and lesions identified at this visit
 * @param response the investigator's overall response
 * @param reason   why recorded data is changed; required for any change after first entry
 */
public record VisitEntry(Long version, VisitStatus status, LocalDate date, List<ResultEntry> results,
        List<LesionEntry> lesions, ResponseCategory response, String reason) {

    public boolean carriesData() {
        return (results != null && results.stream().anyMatch(r -> r.value() != null && !r.value().isBlank()))
                || (lesions != null && !lesions.isEmpty()) || response != null;
    }

    /** Only the investigator's response, nothing else. */
    public static VisitEntry response(Long version, ResponseCategory response, String reason) {
        return new VisitEntry(version, null, null, null, null, response, reason);
    }

    /** Only results. */
    public static VisitEntry results(Long version, LocalDate date, List<ResultEntry> results, String reason) {
        return new VisitEntry(version, null, date, results, null, null, reason);
    }
}
