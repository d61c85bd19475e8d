package org.cytotrial.response;

import java.time.LocalDate;
import java.util.Objects;

/** Serum M-protein of one subject at one date, g/L; null when the sample was not evaluable. */
public record MProteinMeasurement(LocalDate date, Double gramsPerLitre) {
    public MProteinMeasurement {
        Objects.requireNonNull(date, "date");
    }
}
