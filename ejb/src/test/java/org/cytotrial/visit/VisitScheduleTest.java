package org.cytotrial.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.cytotrial.visit.VisitSchedule.Entry;
import org.cytotrial.visit.VisitSchedule.Planned;
import org.cytotrial.visit.VisitSchedule.Recorded;
import org.cytotrial.visit.VisitSchedule.State;
import org.junit.jupiter.api.Test;

class VisitScheduleTest {

    private static final LocalDate FIRST_DOSE = LocalDate.of(2024, 3, 1);
    private static final List<Planned> PLAN = List.of(
            new Planned(new BigDecimal("1"), "BASELINE", -3, 4, 0),
            new Planned(new BigDecimal("2"), "WEEK 6", 43, 7, 7),
            new Planned(new BigDecimal("3"), "WEEK 12", 85, 7, 7),
            new Planned(new BigDecimal("4"), "WEEK 18", 127, 7, 7),
            new Planned(new BigDecimal("5"), "FOLLOW-UP", null, 0, 0));

    @Test
    void dayOneIsTheFirstDoseAndThereIsNoDayZero() {
        assertEquals(FIRST_DOSE, VisitSchedule.plannedDate(FIRST_DOSE, 1));
        assertEquals(FIRST_DOSE.plusDays(42), VisitSchedule.plannedDate(FIRST_DOSE, 43));
        assertEquals(FIRST_DOSE.minusDays(1), VisitSchedule.plannedDate(FIRST_DOSE, -1));
        assertEquals(FIRST_DOSE.minusDays(3), VisitSchedule.plannedDate(FIRST_DOSE, -3));
    }

    @Test
    void eachVisitIsDoneMissedOverdueDueOrUpcoming() {
        LocalDate today = LocalDate.of(2024, 5, 20); // week 12 window: 2024-05-17 .. 2024-05-31
        List<Entry> schedule = VisitSchedule.of(PLAN, List.of(
                new Recorded(new BigDecimal("1.00"), "BASELINE", VisitStatus.DONE, LocalDate.of(2024, 2, 27)),
                new Recorded(new BigDecimal("2"), "WEEK 6", VisitStatus.MISSED, null)), FIRST_DOSE, null, today);
        assertEquals(List.of(State.DONE, State.MISSED, State.DUE, State.UPCOMING, State.NOT_PLANNED),
                schedule.stream().map(Entry::state).toList());
        Entry baseline = schedule.get(0);
        assertEquals(LocalDate.of(2024, 2, 27), baseline.plannedDate());
        assertEquals(LocalDate.of(2024, 2, 23), baseline.windowStart());
        assertEquals(LocalDate.of(2024, 2, 27), baseline.windowEnd());
        assertTrue(baseline.inWindow());
        Entry week12 = schedule.get(2);
        assertEquals(LocalDate.of(2024, 5, 24), week12.plannedDate());
        assertEquals(LocalDate.of(2024, 5, 17), week12.windowStart());
        assertEquals(LocalDate.of(2024, 5, 31), week12.windowEnd());

        List<Entry> later = VisitSchedule.of(PLAN, List.of(), FIRST_DOSE, null, LocalDate.of(2024, 6, 1));
        assertEquals(State.OVERDUE, later.get(2).state(), "the window closed the day before");
        assertEquals(State.DUE, VisitSchedule.of(PLAN, List.of(), FIRST_DOSE, null, LocalDate.of(2024, 5, 31)).get(2).state());
    }

    @Test
    void aVisitOutsideItsWindowIsDoneButFlagged() {
        Entry week6 = VisitSchedule.of(PLAN, List.of(new Recorded(new BigDecimal("2"), "WEEK 6", VisitStatus.DONE,
                LocalDate.of(2024, 4, 30))), FIRST_DOSE, null, LocalDate.of(2024, 6, 1)).get(1);
        assertEquals(State.DONE, week6.state());
        assertFalse(week6.inWindow());
    }

    @Test
    void withoutAFirstDoseNothingCanBePlanned() {
        List<Entry> schedule = VisitSchedule.of(PLAN, List.of(), null, null, LocalDate.of(2024, 6, 1));
        assertTrue(schedule.stream().allMatch(e -> e.state() == State.NOT_PLANNED && e.plannedDate() == null));
    }

    @Test
    void afterLeavingTheStudyLaterVisitsAreNotExpected() {
        List<Entry> schedule = VisitSchedule.of(PLAN, List.of(), FIRST_DOSE, LocalDate.of(2024, 4, 1), LocalDate.of(2024, 9, 1));
        assertEquals(State.OVERDUE, schedule.get(0).state(), "baseline was due before the subject left");
        assertEquals(State.NOT_EXPECTED, schedule.get(1).state());
        assertEquals(State.NOT_EXPECTED, schedule.get(3).state());
    }

    @Test
    void visitsRecordedOutsideTheScheduleAreListedInOrder() {
        List<Entry> schedule = VisitSchedule.of(PLAN, List.of(new Recorded(new BigDecimal("2.1"), "UNSCHEDULED",
                VisitStatus.DONE, LocalDate.of(2024, 4, 20))), FIRST_DOSE, null, LocalDate.of(2024, 4, 21));
        assertEquals(6, schedule.size());
        Entry unscheduled = schedule.get(2);
        assertEquals("UNSCHEDULED", unscheduled.name());
        assertEquals(State.DONE, unscheduled.state());
        assertNull(unscheduled.plannedDate());
        assertNull(unscheduled.inWindow());
    }
}
