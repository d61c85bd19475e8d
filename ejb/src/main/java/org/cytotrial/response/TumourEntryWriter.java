package org.cytotrial.response;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cytotrial.platform.FieldChange;
import org.cytotrial.platform.FieldErrors;
import org.cytotrial.subject.Subject;
import org.cytotrial.visit.Visit;

/**
 * The tumour assessment of one visit as a coordinator enters it (SDTM TU and TR): target and
 * non-target lesions identified at baseline with their location, new lesions at later visits,
 * and per lesion the longest diameter (short axis for lymph nodes) or, for non-target lesions,
 * the state. The RECIST 1.1 rules that belong to entry are enforced here: at most five target
 * lesions and two per organ, measurable at baseline (10 mm, lymph nodes 15 mm short axis), no
 * measurement of a lesion that does not exist or is not yet identified.
 */
@ApplicationScoped
public class TumourEntryWriter {

    public static final int MAX_TARGETS = 5;
    public static final int MAX_TARGETS_PER_ORGAN = 2;
    public static final double MIN_TARGET_MM = 10;
    public static final double MIN_TARGET_NODE_MM = 15;
    public static final double MAX_DIAMETER_MM = 1000;

    static final String LONGEST_DIAMETER = "LDIAM";
    static final String SHORT_AXIS = "SAXIS";
    static final String STATE = "TUMSTATE";

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    /**
     * One lesion line of the form. For a lesion already identified, {@code id} names it and
     * {@code value} (a diameter, unit mm or cm) or {@code state} (non-target: ABSENT, PRESENT,
     * UNEQUIVOCAL PROGRESSION) is its reading at this visit; an empty reading removes a stored one.
     * A lesion is identified here by giving its {@code kind} and {@code location} (and optionally
     * its id, else the next free one).
     */
    public record LesionEntry(String id, LesionKind kind, String location, String value, String unit, String state) {}

    /** A reading as planned: diameter or state, with its text as entered. */
    record PlannedReading(Lesion lesion, String lesionId, String testCode, String value, String unit, Double diameterMm,
            NonTargetStatus state, LesionMeasurement existing) {}

    record NewLesion(String id, LesionKind kind, String location) {}

    /** What a save will do to the visit's tumour assessment. */
    public static final class Plan {
        final Visit visit;
        final Map<String, Lesion> lesions;
        final Map<Long, List<LesionMeasurement>> readingsAtVisit;
        final List<NewLesion> newLesions = new ArrayList<>();
        final List<PlannedReading> readings = new ArrayList<>();
        final List<LesionMeasurement> removals = new ArrayList<>();
        final List<Object[]> relocations = new ArrayList<>();
        final List<FieldChange> changes = new ArrayList<>();
        boolean changesExisting;

        Plan(Visit visit, Map<String, Lesion> lesions, Map<Long, List<LesionMeasurement>> readingsAtVisit) {
            this.visit = visit;
            this.lesions = lesions;
            this.readingsAtVisit = readingsAtVisit;
        }

        public List<FieldChange> changes() {
            return List.copyOf(changes);
        }

        public boolean changesExisting() {
            return changesExisting;
        }

        public boolean writes() {
            return !newLesions.isEmpty() || !readings.isEmpty() || !removals.isEmpty() || !relocations.isEmpty();
        }
    }

    /** The subject's lesions by TULNKID, in identification order. */
    public Map<String, Lesion> lesions(Subject subject) {
        Map<String, Lesion> byId = new LinkedHashMap<>();
        for (Lesion l : em.createQuery("select l from Lesion l join fetch l.identifiedAt where l.subject = :subject"
                        + " order by l.identifiedAt.number, l.seq, l.id", Lesion.class)
                .setParameter("subject", subject)
                .getResultList()) {
            byId.put(l.getLinkId(), l);
        }
        return byId;
    }

    /** The readings stored at a visit, by lesion id. */
    public Map<Long, List<LesionMeasurement>> readings(Visit visit) {
        Map<Long, List<LesionMeasurement>> byLesion = new HashMap<>();
        if (visit == null || visit.getId() == null) {
            return byLesion;
        }
        for (LesionMeasurement m : em.createQuery("select m from LesionMeasurement m where m.visit = :visit",
                LesionMeasurement.class).setParameter("visit", visit).getResultList()) {
            byLesion.computeIfAbsent(m.getLesion().getId(), k -> new ArrayList<>()).add(m);
        }
        return byLesion;
    }

    public Plan plan(Subject subject, Visit visit, LocalDate visitDate, List<LesionEntry> entries, FieldErrors errors) {
        Map<String, Lesion> lesions = lesions(subject);
        Plan plan = new Plan(visit, lesions, readings(visit));
        Baseline baseline = baseline(lesions, visit);
        Set<String> seen = new HashSet<>();
        Map<String, Integer> targetsPerOrgan = new HashMap<>();
        int targets = 0;
        for (Lesion l : lesions.values()) {
            if (l.getKind() == LesionKind.TARGET) {
                targets++;
                targetsPerOrgan.merge(organ(l.getLocation()), 1, Integer::sum);
            }
        }
        int autoNumber = 0;
        for (LesionEntry entry : entries) {
            String id = entry.id() == null ? "" : entry.id().strip();
            Lesion lesion = id.isEmpty() ? null : lesions.get(id);
            if (lesion == null && entry.kind() == null) {
                errors.add("lesions[" + id + "].id", id.isEmpty()
                        ? "name the lesion (its id, e.g. T01), or give kind and location to identify a new one"
                        : "lesion " + id + " does not exist for subject " + subject.getUsubjid() + "; known: "
                                + (lesions.isEmpty() ? "none" : String.join(", ", lesions.keySet()))
                                + ". To identify a new lesion give its kind and location");
                continue;
            }
            if (lesion == null) {
                if (id.isEmpty()) {
                    id = nextId(entry.kind(), lesions.keySet(), plan.newLesions, ++autoNumber);
                }
                String field = "lesions[" + id + "]";
                if (!id.matches("[A-Za-z0-9-]{1,20}")) {
                    errors.add(field + ".id", "'" + id + "' is not a lesion id; use 1 to 20 letters, digits or hyphens, e.g. T01");
                    continue;
                }
                if (!seen.add(id)) {
                    errors.add(field, "lesion " + id + " is given twice");
                    continue;
                }
                String location = entry.location() == null ? "" : entry.location().strip().toUpperCase(Locale.ROOT);
                if (location.isEmpty() || location.length() > 100) {
                    errors.add(field + ".location", "the location (organ) of a new lesion is required, e.g. LIVER or LYMPH NODE");
                    continue;
                }
                if (entry.kind() == LesionKind.NEW) {
                    if (baseline.visitId() == null || Objects.equals(baseline.visitId(), visit == null ? null : visit.getId())
                            || (baseline.date() != null && visitDate != null && !visitDate.isAfter(baseline.date()))) {
                        errors.add(field + ".kind", "a new lesion is recorded at a follow-up visit, after the baseline"
                                + " assessment" + (baseline.date() == null ? " (none yet)" : " of " + baseline.date()));
                        continue;
                    }
                } else if (baseline.visitId() != null && !Objects.equals(baseline.visitId(), visit == null ? null : visit.getId())) {
                    errors.add(field + ".kind", entry.kind() + " lesions are identified at baseline (visit "
                            + baseline.visitName() + "); a lesion found later is NEW");
                    continue;
                }
                if (entry.kind() == LesionKind.TARGET) {
                    targets++;
                    int inOrgan = targetsPerOrgan.merge(organ(location), 1, Integer::sum);
                    if (targets > MAX_TARGETS) {
                        errors.add(field + ".kind", "RECIST 1.1 allows at most " + MAX_TARGETS
                                + " target lesions; record further lesions as NON_TARGET");
                        continue;
                    }
                    if (inOrgan > MAX_TARGETS_PER_ORGAN) {
                        errors.add(field + ".location", "RECIST 1.1 allows at most " + MAX_TARGETS_PER_ORGAN
                                + " target lesions per organ (" + organ(location) + "); record this one as NON_TARGET");
                        continue;
                    }
                }
                plan.newLesions.add(new NewLesion(id, entry.kind(), location));
                planReading(plan, null, id, entry.kind(), Lesion.isNodalLocation(location), true, entry, field, errors);
                continue;
            }
            String field = "lesions[" + id + "]";
            if (!seen.add(id)) {
                errors.add(field, "lesion " + id + " is given twice");
                continue;
            }
            if (entry.kind() != null && entry.kind() != lesion.getKind()) {
                errors.add(field + ".kind", "lesion " + id + " is a " + lesion.getKind() + " lesion; its class does not change");
                continue;
            }
            if (visitDate != null && lesion.getIdentifiedAt().getVisitDate() != null
                    && lesion.getIdentifiedAt().getVisitDate().isAfter(visitDate)) {
                errors.add(field + ".id", "lesion " + id + " was identified at visit " + lesion.getIdentifiedAt().getName()
                        + " (" + lesion.getIdentifiedAt().getVisitDate() + "), after this visit");
                continue;
            }
            if (entry.location() != null && !entry.location().isBlank()
                    && !entry.location().strip().equalsIgnoreCase(String.valueOf(lesion.getLocation()))) {
                String location = entry.location().strip().toUpperCase(Locale.ROOT);
                plan.relocations.add(new Object[] {lesion, location});
                plan.changesExisting = true;
                plan.changes.add(new FieldChange(field + ".location", lesion.getLocation(), location));
            }
            boolean atIdentification = visit != null && lesion.getIdentifiedAt().getId().equals(visit.getId());
            planReading(plan, lesion, id, lesion.getKind(), lesion.isNodal(), atIdentification, entry, field, errors);
        }
        return plan;
    }

    private void planReading(Plan plan, Lesion lesion, String id, LesionKind kind, boolean nodal, boolean atIdentification,
            LesionEntry entry, String field, FieldErrors errors) {
        List<LesionMeasurement> stored = lesion == null ? List.of() : plan.readingsAtVisit.getOrDefault(lesion.getId(), List.of());
        String value = entry.value() == null ? "" : entry.value().strip();
        String stateText = entry.state() == null ? "" : entry.state().strip();
        if (kind == LesionKind.NON_TARGET) {
            if (!value.isEmpty()) {
                errors.add(field + ".value", "non-target lesions are not measured; give their state: ABSENT, PRESENT or"
                        + " UNEQUIVOCAL PROGRESSION");
                return;
            }
            LesionMeasurement existing = find(stored, STATE);
            if (stateText.isEmpty()) {
                remove(plan, existing, field);
                return;
            }
            Optional<NonTargetStatus> state = TumourAssessments.parseState(stateText);
            if (state.isEmpty()) {
                errors.add(field + ".state", "'" + stateText + "' is not a lesion state; use ABSENT, PRESENT or UNEQUIVOCAL PROGRESSION");
                return;
            }
            String text = TumourAssessments.stateText(state.get());
            record(plan, new PlannedReading(lesion, id, STATE, text, null, null, state.get(), existing), field);
            return;
        }
        if (!stateText.isEmpty()) {
            errors.add(field + ".state", kind + " lesions are measured: give the diameter in mm, not a state");
            return;
        }
        String testCode = kind == LesionKind.TARGET && nodal ? SHORT_AXIS : LONGEST_DIAMETER;
        LesionMeasurement existing = find(stored, LONGEST_DIAMETER, SHORT_AXIS, "DIAMETER");
        if (value.isEmpty()) {
            if (kind == LesionKind.TARGET && atIdentification && lesion == null) {
                errors.add(field + ".value", "a target lesion is measured when it is identified: give its "
                        + (nodal ? "short axis" : "longest diameter") + " in mm");
                return;
            }
            remove(plan, existing, field);
            return;
        }
        String unit = entry.unit() == null || entry.unit().isBlank() ? "mm" : entry.unit().strip();
        Double number = number(value);
        if (number == null) {
            errors.add(field + ".value", "'" + value + "' is not a diameter; give a number of mm, e.g. 23 or 23.5");
            return;
        }
        double mm;
        if (unit.equalsIgnoreCase("mm")) {
            mm = number;
            unit = "mm";
        } else if (unit.equalsIgnoreCase("cm")) {
            mm = number * 10;
            unit = "cm";
        } else {
            errors.add(field + ".unit", "unit '" + unit + "' is not accepted for diameters; accepted: mm, cm");
            return;
        }
        if (mm < 0 || mm > MAX_DIAMETER_MM) {
            errors.add(field + ".value", "a diameter of " + value + " " + unit + " is outside the plausible range 0–1000 mm");
            return;
        }
        if (kind == LesionKind.TARGET && atIdentification) {
            double minimum = nodal ? MIN_TARGET_NODE_MM : MIN_TARGET_MM;
            if (mm < minimum) {
                errors.add(field + ".value", (nodal ? "a target lymph node must have a short axis of" : "a target lesion must measure")
                        + " at least " + (int) minimum + " mm at baseline (RECIST 1.1); record a smaller lesion as NON_TARGET");
                return;
            }
        }
        record(plan, new PlannedReading(lesion, id, testCode, value, unit, mm, null, existing), field);
    }

    private static void record(Plan plan, PlannedReading reading, String field) {
        LesionMeasurement existing = reading.existing();
        String proposed = reading.value() + (reading.unit() == null ? "" : " " + reading.unit());
        if (existing != null) {
            String stored = describe(existing);
            if (stored.equals(proposed) && existing.getTestCode().equals(reading.testCode())) {
                return;
            }
            plan.changesExisting = true;
            plan.changes.add(new FieldChange(field, stored, proposed));
        } else {
            plan.changes.add(new FieldChange(field, null, proposed));
        }
        plan.readings.add(reading);
    }

    private static void remove(Plan plan, LesionMeasurement existing, String field) {
        if (existing != null) {
            plan.removals.add(existing);
            plan.changesExisting = true;
            plan.changes.add(new FieldChange(field, describe(existing), null));
        }
    }

    private static String describe(LesionMeasurement m) {
        return m.getOriginalValue() + (m.getOriginalUnit() == null ? "" : " " + m.getOriginalUnit());
    }

    private static LesionMeasurement find(List<LesionMeasurement> stored, String... codes) {
        for (LesionMeasurement m : stored) {
            for (String code : codes) {
                if (m.getTestCode().equals(code)) {
                    return m;
                }
            }
        }
        return null;
    }

    /** The baseline tumour assessment: the visit the target and non-target lesions were identified at. */
    record Baseline(Long visitId, String visitName, LocalDate date) {}

    private static Baseline baseline(Map<String, Lesion> lesions, Visit visit) {
        for (Lesion l : lesions.values()) {
            if (l.getKind() != LesionKind.NEW) {
                Visit at = l.getIdentifiedAt();
                return new Baseline(at.getId(), at.getName(), at.getVisitDate());
            }
        }
        return new Baseline(null, null, null);
    }

    static String organ(String location) {
        return location == null ? "" : location.strip().toUpperCase(Locale.ROOT);
    }

    /** The id a lesion of this kind gets when none is given: T01, NT01, NEW01, the first one not taken. */
    public static String nextId(LesionKind kind, Set<String> taken) {
        return nextId(kind, taken, List.of(), 1);
    }

    private static String nextId(LesionKind kind, Set<String> taken, List<NewLesion> planned, int start) {
        String prefix = switch (kind) {
            case TARGET -> "T";
            case NON_TARGET -> "NT";
            case NEW -> "NEW";
        };
        Set<String> used = new HashSet<>(taken);
        planned.forEach(n -> used.add(n.id()));
        for (int n = 1; ; n++) {
            String id = prefix + String.format("%02d", n);
            if (!used.contains(id)) {
                return id;
            }
        }
    }

    private static Double number(String text) {
        if (!text.matches("\\d+\\.?\\d*|\\.\\d+")) {
            return null;
        }
        return Double.parseDouble(text);
    }

    /**
     * The readings of the visit as they would be after the plan (stored ones not touched, plus
     * the planned ones), under the given visit key: the draft a live preview evaluates.
     */
    public List<TumourAssessments.Reading> readingsAfter(Plan plan, long visitKey) {
        List<TumourAssessments.Reading> readings = new ArrayList<>();
        Set<String> planned = new HashSet<>();
        for (PlannedReading r : plan.readings) {
            planned.add(r.lesionId());
            readings.add(new TumourAssessments.Reading(r.lesionId(), visitKey, r.diameterMm(), r.state()));
        }
        for (Lesion l : plan.lesions.values()) {
            if (planned.contains(l.getLinkId())) {
                continue;
            }
            for (LesionMeasurement m : plan.readingsAtVisit.getOrDefault(l.getId(), List.of())) {
                if (!plan.removals.contains(m)) {
                    readings.add(ComputedResponses.reading(l.getLinkId(), visitKey, m.getTestCode(), m.getDiameterMm(),
                            m.getOriginalValue()));
                }
            }
        }
        return readings;
    }

    /** The lesions the plan identifies, as facts identified at the given visit key. */
    public List<TumourAssessments.LesionFact> newLesionsOf(Plan plan, long visitKey) {
        return plan.newLesions.stream()
                .map(n -> new TumourAssessments.LesionFact(n.id(), n.kind(), Lesion.isNodalLocation(n.location()), visitKey))
                .toList();
    }

    /** Writes the plan: new lesions get the next TUSEQ, new readings the next TRSEQ of the subject. */
    public void apply(Plan plan, Visit visit, LocalDate date, LocalDate previousDate) {
        Subject subject = visit.getSubject();
        int tuSeq = plan.newLesions.isEmpty() ? 0 : nextSeq("select max(l.seq) from Lesion l where l.subject = :subject", subject);
        Map<String, Lesion> created = new HashMap<>();
        for (NewLesion n : plan.newLesions) {
            Lesion lesion = new Lesion(visit, n.id(), tuSeq++, n.kind(), n.location(), date);
            em.persist(lesion);
            created.put(n.id(), lesion);
            plan.lesions.put(n.id(), lesion);
        }
        for (Object[] relocation : plan.relocations) {
            ((Lesion) relocation[0]).relocate((String) relocation[1]);
        }
        for (LesionMeasurement m : plan.removals) {
            em.remove(m);
        }
        int trSeq = plan.readings.stream().anyMatch(r -> r.existing() == null)
                ? nextSeq("select max(m.seq) from LesionMeasurement m where m.lesion.subject = :subject", subject) : 0;
        for (PlannedReading r : plan.readings) {
            if (r.existing() != null && r.existing().getTestCode().equals(r.testCode())) {
                r.existing().correct(r.value(), r.unit(), r.diameterMm(), date);
                continue;
            }
            if (r.existing() != null) {
                em.remove(r.existing());
            }
            Lesion lesion = r.lesion() != null ? r.lesion() : created.get(r.lesionId());
            em.persist(new LesionMeasurement(lesion, visit, trSeq++, r.testCode(), testName(r.testCode()), r.value(), r.unit(),
                    r.diameterMm(), date));
        }
        if (previousDate != null && !previousDate.equals(date)) {
            for (List<LesionMeasurement> list : plan.readingsAtVisit.values()) {
                for (LesionMeasurement m : list) {
                    if (!plan.removals.contains(m) && Objects.equals(m.getMeasuredOn(), previousDate)) {
                        m.correct(m.getOriginalValue(), m.getOriginalUnit(), m.getDiameterMm(), date);
                    }
                }
            }
            for (Lesion l : plan.lesions.values()) {
                if (l.getIdentifiedAt().equals(visit) && Objects.equals(l.getIdentifiedOn(), previousDate)) {
                    l.redate(date);
                }
            }
        }
    }

    static String testName(String testCode) {
        return switch (testCode) {
            case SHORT_AXIS -> "Short Axis";
            case STATE -> "Tumor State";
            default -> "Longest Diameter";
        };
    }

    private int nextSeq(String jpql, Subject subject) {
        Integer max = em.createQuery(jpql, Integer.class).setParameter("subject", subject).getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
