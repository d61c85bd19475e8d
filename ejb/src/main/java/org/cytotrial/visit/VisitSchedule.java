package org.cytotrial.visit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A subject's visit schedule: for each visit of the study's schedule, the planned date (first
 * dose + planned study day, day 1 being the first dose and there being no day 0), the window
 * around it, and where the subject stands: done, missed, overdue (window over, nothing recorded),
 * due (inside the window now), upcoming, not planned (no first dose yet, or no planned day), or
 * not expected (the window opens after the subject left the study). Visits recorded outside the
 * schedule are listed too. Overdue is derived here, never stored.
 */
public final class VisitSchedule {

    /** A visit of the study's schedule. */
    public record Planned(BigDecimal number, String name, Integer plannedDay, int windowBefore, int windowAfter) {}

    /** A visit as recorded for the subject. */
    public record Recorded(BigDecimal number, String name, VisitStatus status, LocalDate date) {}

    public enum State {
        DONE,
        MISSED,
        OVERDUE,
        DUE,
        UPCOMING,
        NOT_PLANNED,
        NOT_EXPECTED;

        public boolean isOpen() {
            return this == OVERDUE || this == DUE || this == UPCOMING || this == NOT_PLANNED;
        }
    }

    /**
     * One line of the schedule.
     *
     * @param inWindow for a done visit with a planned date, whether it took place inside the window;
     *                 null otherwise
     */
    public record Entry(BigDecimal number, String name, Integer plannedDay, LocalDate plannedDate, LocalDate windowStart,
            LocalDate windowEnd, LocalDate actualDate, State state, Boolean inWindow) {}

    private VisitSchedule() {}

    /** The planned date of a study day: day 1 is the first dose, day -1 the day before it. */
    public static LocalDate plannedDate(LocalDate firstDose, int plannedDay) {
        return plannedDay >= 1 ? firstDose.plusDays(plannedDay - 1L) : firstDose.plusDays(plannedDay);
    }

    /**
     * @param offStudy the date the subject left the study (death, a disposition event), or null
     */
    public static List<Entry> of(List<Planned> plan, List<Recorded> visits, LocalDate firstDose, LocalDate offStudy,
            LocalDate today) {
        Map<BigDecimal, Recorded> recorded = new TreeMap<>();
        for (Recorded r : visits) {
            recorded.put(r.number().stripTrailingZeros(), r);
        }
        List<Entry> entries = new ArrayList<>();
        for (Planned p : plan) {
            Recorded r = recorded.remove(p.number().stripTrailingZeros());
            LocalDate planned = firstDose == null || p.plannedDay() == null ? null : plannedDate(firstDose, p.plannedDay());
            LocalDate start = planned == null ? null : planned.minusDays(p.windowBefore());
            LocalDate end = planned == null ? null : planned.plusDays(p.windowAfter());
            entries.add(entry(VisitNumbers.plain(p.number()), r == null ? p.name() : r.name(), p.plannedDay(), planned, start, end, r, offStudy,
                    today));
        }
        for (Recorded r : recorded.values()) {
            entries.add(entry(VisitNumbers.plain(r.number()), r.name(), null, null, null, null, r, offStudy, today));
        }
        entries.sort(Comparator.comparing(Entry::number));
        return entries;
    }

    private static Entry entry(BigDecimal number, String name, Integer plannedDay, LocalDate planned, LocalDate start,
            LocalDate end, Recorded r, LocalDate offStudy, LocalDate today) {
        if (r != null && r.status() == VisitStatus.DONE) {
            Boolean inWindow = start == null || r.date() == null ? null : !r.date().isBefore(start) && !r.date().isAfter(end);
            return new Entry(number, name, plannedDay, planned, start, end, r.date(), State.DONE, inWindow);
        }
        if (r != null && r.status() == VisitStatus.MISSED) {
            return new Entry(number, name, plannedDay, planned, start, end, null, State.MISSED, null);
        }
        State state;
        if (planned == null) {
            state = State.NOT_PLANNED;
        } else if (offStudy != null && start.isAfter(offStudy)) {
            state = State.NOT_EXPECTED;
        } else if (end.isBefore(today)) {
            state = State.OVERDUE;
        } else if (!start.isAfter(today)) {
            state = State.DUE;
        } else {
            state = State.UPCOMING;
        }
        return new Entry(number, name, plannedDay, planned, start, end, null, state, null);
    }
}
