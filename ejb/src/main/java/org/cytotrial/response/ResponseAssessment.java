package org.cytotrial.response;

import java.time.LocalDate;
import java.util.Objects;

/** One overall response at one assessment date, by the investigator or computed. */
public record ResponseAssessment(LocalDate date, ResponseCategory category) {
    public ResponseAssessment {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(category, "category");
    }
}
