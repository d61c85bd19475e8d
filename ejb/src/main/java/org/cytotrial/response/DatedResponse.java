package org.cytotrial.response;

import java.time.LocalDate;
import java.util.Objects;

/** One overall response at one assessment date, by the investigator or computed. */
public record DatedResponse(LocalDate date, ResponseCategory category) {
    public DatedResponse {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(category, "category");
    }
}
