package org.cytotrial.marker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cytotrial.platform.FieldChange;
import org.cytotrial.platform.FieldErrors;
import org.cytotrial.visit.Visit;

/**
 * Lab and immune-marker results of one visit as a coordinator enters them: each value with its
 * unit, standardised through the catalogue (a unit not accepted or a value outside the plausible
 * range is refused with the rule), kept as entered, and the derived CD4/CD8 ratio kept in step
 * with CD4 and CD8. Planning (checks and the comparison with what is stored) comes before
 * writing, so that nothing is written when anything is wrong.
 */
@ApplicationScoped
public class LabEntryWriter {

    @PersistenceContext(unitName = "cytotrial")
    private EntityManager em;

    @Inject
    private MarkerService markers;

    /** One result as entered; an empty value removes the result stored for that test. */
    public record ResultEntry(String test, String value, String unit) {}

    private record Upsert(Marker marker, String value, String unit, Quantity standard, LabResult existing) {}

    /** What a save will do to the visit's results. */
    public static final class Plan {
        private final Map<String, LabResult> stored;
        private final List<Upsert> upserts = new ArrayList<>();
        private final List<LabResult> removals = new ArrayList<>();
        private final List<FieldChange> changes = new ArrayList<>();
        private boolean changesExisting;

        private Plan(Map<String, LabResult> stored) {
            this.stored = stored;
        }

        public List<FieldChange> changes() {
            return List.copyOf(changes);
        }

        public boolean changesExisting() {
            return changesExisting;
        }

        public boolean writes() {
            return !upserts.isEmpty() || !removals.isEmpty();
        }

        /** The tests this save enters or changes. */
        public List<String> enteredTests() {
            return upserts.stream().map(u -> u.marker().getCode()).toList();
        }

        /** The standardised value each test will have after the save (stored, or as planned). */
        public Optional<Double> standardAfter(String test) {
            for (Upsert u : upserts) {
                if (u.marker().getCode().equals(test)) {
                    return Optional.of(u.standard().value());
                }
            }
            if (removals.stream().anyMatch(r -> r.getTestCode().equals(test))) {
                return Optional.empty();
            }
            return Optional.ofNullable(stored.get(test)).map(r -> r.getStandardised().value());
        }
    }

    /** The results stored at a visit, by test code (derived ones included). */
    public Map<String, LabResult> stored(Visit visit) {
        Map<String, LabResult> byTest = new LinkedHashMap<>();
        if (visit == null || visit.getId() == null) {
            return byTest;
        }
        for (LabResult r : em.createQuery("select r from LabResult r where r.visit = :visit order by r.testCode", LabResult.class)
                .setParameter("visit", visit)
                .getResultList()) {
            byTest.put(r.getTestCode(), r);
        }
        return byTest;
    }

    /** Checks every entry and compares it with what is stored; problems go to {@code errors}. */
    public Plan plan(Visit visit, List<ResultEntry> entries, FieldErrors errors) {
        Plan plan = new Plan(stored(visit));
        MarkerCatalogue catalogue = markers.catalogue();
        Set<String> seen = new HashSet<>();
        for (ResultEntry entry : entries) {
            String test = entry.test() == null ? "" : entry.test().strip();
            String field = "results[" + test + "]";
            if (test.isEmpty()) {
                errors.add("results", "every result needs its test code (LBTESTCD), e.g. HGB");
                continue;
            }
            if (!seen.add(test)) {
                errors.add(field, test + " is given twice; give each test once per visit");
                continue;
            }
            Optional<Marker> found = catalogue.find(test);
            if (found.isEmpty()) {
                errors.add(field + ".test", "unknown test '" + test + "'; accepted: " + String.join(", ", catalogue.enterableCodes()));
                continue;
            }
            Marker marker = found.get();
            if (marker.isDerived()) {
                errors.add(field + ".test", test + " is derived from " + Cd4Cd8Ratio.CD4 + " and " + Cd4Cd8Ratio.CD8
                        + " and cannot be entered; enter those two");
                continue;
            }
            LabResult existing = plan.stored.get(test);
            String value = entry.value() == null ? "" : entry.value().strip();
            if (value.isEmpty()) {
                if (existing != null) {
                    plan.removals.add(existing);
                    plan.changesExisting = true;
                    plan.changes.add(new FieldChange(field, describe(existing), null));
                }
                continue;
            }
            String unit = entry.unit() == null || entry.unit().isBlank() ? marker.getStandardUnit() : entry.unit().strip();
            Double number = number(value);
            if (number == null) {
                errors.add(field + ".value", "'" + value + "' is not a number; write it with a decimal point, e.g. 12.5 ("
                        + marker.describeRange() + ")");
                continue;
            }
            Quantity standard;
            try {
                standard = marker.standardise(number, unit);
            } catch (UnitNotAcceptedException e) {
                errors.add(field + ".unit", e.getMessage());
                continue;
            } catch (ImplausibleValueException e) {
                errors.add(field + ".value", e.getMessage());
                continue;
            }
            if (existing != null) {
                boolean same = existing.getOriginalValue().equals(value) && existing.getOriginalUnit().equals(unit);
                if (same) {
                    continue;
                }
                plan.changesExisting = true;
            }
            if (existing == null || !describe(existing).equals(value + " " + unit)) {
                plan.changes.add(new FieldChange(field, existing == null ? null : describe(existing), value + " " + unit));
            }
            plan.upserts.add(new Upsert(marker, value, unit, standard, existing));
        }
        return plan;
    }

    private static String describe(LabResult r) {
        return r.getOriginalValue() + " " + r.getOriginalUnit();
    }

    static Double number(String text) {
        if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return null;
        }
        double v = Double.parseDouble(text);
        return Double.isFinite(v) ? v : null;
    }

    /**
     * Writes the plan: new results get the subject's next LBSEQ; CD4/CD8 is derived again
     * whenever CD4 or CD8 changed. Results whose date was the visit's keep following it.
     */
    public void apply(Plan plan, Visit visit, LocalDate date, LocalDate previousDate) {
        Set<String> changedTests = new HashSet<>();
        plan.removals.forEach(r -> changedTests.add(r.getTestCode()));
        plan.upserts.forEach(u -> changedTests.add(u.marker().getCode()));
        for (LabResult r : plan.removals) {
            em.remove(r);
            plan.stored.remove(r.getTestCode());
        }
        int seq = plan.upserts.stream().anyMatch(u -> u.existing() == null) ? nextSeq(visit) : 0;
        boolean ratioInputs = plan.removals.stream().anyMatch(r -> Cd4Cd8Ratio.isInput(r.getTestCode()));
        for (Upsert u : plan.upserts) {
            ratioInputs |= Cd4Cd8Ratio.isInput(u.marker().getCode());
            if (u.existing() != null) {
                u.existing().correct(u.value(), u.unit(), u.standard(), date);
            } else {
                LabResult created = new LabResult(visit, seq++, u.marker(), null, null, u.value(), u.unit(), u.standard(),
                        date, false);
                em.persist(created);
                plan.stored.put(created.getTestCode(), created);
            }
        }
        if (previousDate != null && !previousDate.equals(date)) {
            for (LabResult r : plan.stored.values()) {
                if (Objects.equals(r.getCollectedOn(), previousDate)) {
                    r.correct(r.getOriginalValue(), r.getOriginalUnit(), r.getStandardised(), date);
                }
            }
        }
        if (ratioInputs) {
            deriveRatio(plan, visit, date);
            changedTests.add(Cd4Cd8Ratio.CODE);
        }
        recordForSummaries(visit, changedTests);
    }

    /** The marker slices these results are in are built again by the next summary (MarkerSlices). */
    private void recordForSummaries(Visit visit, Set<String> changedTests) {
        if (changedTests.isEmpty()) {
            return;
        }
        long study = visit.getSubject().getStudy().getId();
        long subject = visit.getSubject().getId();
        em.unwrap(org.hibernate.Session.class).doWork(connection ->
                MarkerSlices.recordChanges(connection, study, subject, visit.getNumber(), changedTests));
    }

    private void deriveRatio(Plan plan, Visit visit, LocalDate date) {
        Optional<Marker> ratioMarker = markers.catalogue().find(Cd4Cd8Ratio.CODE);
        if (ratioMarker.isEmpty()) {
            return;
        }
        LabResult cd4 = plan.stored.get(Cd4Cd8Ratio.CD4);
        LabResult cd8 = plan.stored.get(Cd4Cd8Ratio.CD8);
        LabResult existing = plan.stored.get(Cd4Cd8Ratio.CODE);
        Optional<Cd4Cd8Ratio.Derived> ratio = Cd4Cd8Ratio.of(cd4 == null ? null : cd4.getStandardised().value(),
                cd8 == null ? null : cd8.getStandardised().value());
        Marker marker = ratioMarker.get();
        if (ratio.isEmpty()) {
            if (existing != null) {
                em.remove(existing);
                plan.stored.remove(Cd4Cd8Ratio.CODE);
            }
            return;
        }
        Quantity value = new Quantity(ratio.get().value(), marker.getStandardUnit());
        LocalDate collected = cd4.getCollectedOn() != null ? cd4.getCollectedOn() : date;
        if (existing != null) {
            existing.correct(ratio.get().text(), marker.getStandardUnit(), value, collected);
        } else {
            LabResult derived = new LabResult(visit, null, marker, null, null, ratio.get().text(), marker.getStandardUnit(),
                    value, collected, true);
            em.persist(derived);
            plan.stored.put(Cd4Cd8Ratio.CODE, derived);
        }
    }

    private int nextSeq(Visit visit) {
        Integer max = em.createQuery("select max(r.seq) from LabResult r where r.subject = :subject", Integer.class)
                .setParameter("subject", visit.getSubject())
                .getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
