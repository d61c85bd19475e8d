package org.cytotrial.response;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a subject's {@link TumourAssessment}s from what is recorded per visit (lesions as in
 * SDTM TU, readings as in TR), so that the computed RECIST response is derived the same way for
 * the entry screens and the analyses:
 * <ul>
 *   <li>an assessment is a visit with at least one reading or a lesion identified at it, dated by
 *       the visit's assessment date;</li>
 *   <li>target diameters are the readings of the target lesions identified by then (a lesion not
 *       read at the visit is "not measured");</li>
 *   <li>a new lesion counts at the visit it is identified at;</li>
 *   <li>the non-target status is UNEQUIVOCAL_PROGRESSION if any non-target lesion is read so,
 *       NOT_EVALUATED if one identified by then is not read, ABSENT if all are absent (or there are
 *       none), else PRESENT.</li>
 * </ul>
 */
public final class TumourAssessments {

    /** A lesion: its TULNKID, class, whether a lymph node, and the visit it was identified at. */
    public record LesionFact(String id, LesionKind kind, boolean nodal, long identifiedVisit) {}

    /** One reading of one lesion at one visit: a diameter in mm, or a non-target state. */
    public record Reading(String lesionId, long visit, Double diameterMm, NonTargetStatus state) {}

    /** One assessment with the visit it belongs to. */
    public record VisitAssessment(long visit, TumourAssessment assessment) {}

    private TumourAssessments() {}

    /**
     * @param visitDates the assessment date of every visit that may be referred to
     * @return the assessments in date order
     */
    public static List<VisitAssessment> build(List<LesionFact> lesions, List<Reading> readings, Map<Long, LocalDate> visitDates) {
        Set<Long> visits = new HashSet<>();
        Map<Long, Map<String, Reading>> byVisit = new HashMap<>();
        for (Reading r : readings) {
            visits.add(r.visit());
            byVisit.computeIfAbsent(r.visit(), v -> new LinkedHashMap<>()).put(r.lesionId(), r);
        }
        Set<String> nodal = new HashSet<>();
        for (LesionFact l : lesions) {
            visits.add(l.identifiedVisit());
            if (l.nodal()) {
                nodal.add(l.id());
            }
        }
        List<Long> ordered = new ArrayList<>();
        for (Long v : visits) {
            if (visitDates.get(v) != null) {
                ordered.add(v);
            }
        }
        ordered.sort(Comparator.comparing(visitDates::get));

        List<VisitAssessment> result = new ArrayList<>();
        for (Long visit : ordered) {
            LocalDate date = visitDates.get(visit);
            Map<String, Reading> read = byVisit.getOrDefault(visit, Map.of());
            Map<String, Double> diameters = new LinkedHashMap<>();
            boolean newLesion = false;
            boolean anyNonTarget = false;
            boolean progression = false;
            boolean unread = false;
            boolean allAbsent = true;
            for (LesionFact l : lesions) {
                Reading r = read.get(l.id());
                switch (l.kind()) {
                    case TARGET -> {
                        // an unmeasured target stays in the map as null, so an incomplete baseline is seen as such
                        LocalDate identified = visitDates.get(l.identifiedVisit());
                        if (identified == null || !identified.isAfter(date)) {
                            diameters.put(l.id(), r == null ? null : r.diameterMm());
                        }
                    }
                    case NEW -> newLesion |= l.identifiedVisit() == visit;
                    case NON_TARGET -> {
                        LocalDate identified = visitDates.get(l.identifiedVisit());
                        if (identified != null && identified.isAfter(date)) {
                            continue;
                        }
                        anyNonTarget = true;
                        if (r == null || r.state() == null || r.state() == NonTargetStatus.NOT_EVALUATED) {
                            unread = true;
                            allAbsent = false;
                        } else {
                            progression |= r.state() == NonTargetStatus.UNEQUIVOCAL_PROGRESSION;
                            allAbsent &= r.state() == NonTargetStatus.ABSENT;
                        }
                    }
                }
            }
            NonTargetStatus nonTarget = !anyNonTarget ? NonTargetStatus.ABSENT
                    : progression ? NonTargetStatus.UNEQUIVOCAL_PROGRESSION
                    : unread ? NonTargetStatus.NOT_EVALUATED
                    : allAbsent ? NonTargetStatus.ABSENT
                    : NonTargetStatus.PRESENT;
            result.add(new VisitAssessment(visit, new TumourAssessment(date, diameters, nodal, newLesion, nonTarget)));
        }
        return result;
    }

    /**
     * Evaluates the assessments by RECIST 1.1 and pairs each evaluation with its visit; empty when
     * there is no assessment, or when the baseline does not measure every target lesion (no
     * response can be computed then).
     */
    public static Map<Long, RecistEvaluation> evaluate(List<VisitAssessment> assessments, Double mrLowPercent) {
        Map<Long, RecistEvaluation> byVisit = new LinkedHashMap<>();
        if (assessments.isEmpty()) {
            return byVisit;
        }
        List<RecistEvaluation> evaluations;
        try {
            evaluations = RecistEvaluator.evaluate(assessments.stream().map(VisitAssessment::assessment).toList(), mrLowPercent);
        } catch (IllegalArgumentException incompleteBaseline) {
            return byVisit;
        }
        // the evaluator orders by date with a stable sort, as the assessments already are
        for (int i = 0; i < evaluations.size(); i++) {
            byVisit.put(assessments.get(i).visit(), evaluations.get(i));
        }
        return byVisit;
    }

    /** A non-target lesion state as written in TR (TRTESTCD TUMSTATE): ABSENT, PRESENT, UNEQUIVOCAL PROGRESSION. */
    public static Optional<NonTargetStatus> parseState(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String v = text.trim().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return switch (v) {
            case "ABSENT" -> Optional.of(NonTargetStatus.ABSENT);
            case "PRESENT" -> Optional.of(NonTargetStatus.PRESENT);
            case "UNEQUIVOCAL_PROGRESSION" -> Optional.of(NonTargetStatus.UNEQUIVOCAL_PROGRESSION);
            default -> Optional.empty();
        };
    }

    /** How a state is written in TR.TRORRES. */
    public static String stateText(NonTargetStatus state) {
        return state.name().replace('_', ' ');
    }
}
