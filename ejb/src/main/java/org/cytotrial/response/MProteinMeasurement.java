package org.cytotrial.response;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * Serum M-protein of one subject at one date, g/L; null when the sample was not evaluable.
 *
 * @param visit       the id of the visit it was recorded at, or null when not known (a visit not yet
 *                    stored has {@link ComputedResponses#NEW_VISIT})
 * @param visitNumber that visit's number, or null when not known
 */
public record MProteinMeasurement(LocalDate date, Double gramsPerLitre, Long visit, BigDecimal visitNumber) {

    /**
     * The order IMWG reads a subject's results in, wherever it is computed (analytics, visit
     * entry, reports): by date; results on one date by visit number, then visit id; without
     * those the given order stays. Every result is an assessment: two on one date are two
     * assessments, the one of the earlier visit first (it is the baseline when the date is the
     * first, and it is in the nadir the later one is compared with).
     */
    public static final Comparator<MProteinMeasurement> ORDER = Comparator.comparing(MProteinMeasurement::date)
            .thenComparing(MProteinMeasurement::visitNumber, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(MProteinMeasurement::visit, Comparator.nullsLast(Comparator.naturalOrder()));

    public MProteinMeasurement {
        Objects.requireNonNull(date, "date");
    }

    public MProteinMeasurement(LocalDate date, Double gramsPerLitre) {
        this(date, gramsPerLitre, null, null);
    }
}
