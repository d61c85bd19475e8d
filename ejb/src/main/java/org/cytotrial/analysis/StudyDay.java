package org.cytotrial.analysis;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Study-day arithmetic shared by every derived outcome, so that all of them count alike. */
public final class StudyDay {

    /** The average Gregorian month; days / 30.4375 are the months reported for PFS. */
    public static final double DAYS_PER_MONTH = 30.4375;

    private StudyDay() {
    }

    /** Day of an event: date - start + 1, so the first-dose date is day 1 (there is no day 0). */
    public static int of(LocalDate start, LocalDate date) {
        return Math.toIntExact(ChronoUnit.DAYS.between(start, date) + 1);
    }

    public static double toMonths(double days) {
        return days / DAYS_PER_MONTH;
    }

    /** Null-preserving variant for optional results such as a median that is not reached. */
    public static Double toMonths(Double days) {
        return days == null ? null : days / DAYS_PER_MONTH;
    }
}
