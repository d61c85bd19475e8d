package org.cytotrial.response;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/**
 * One overall response at one assessment date, by the investigator or computed.
 *
 * @param visitNumber the visit it was recorded at, or null when not known; it orders responses
 *                    on one date (see {@link #ORDER})
 */
public record DatedResponse(LocalDate date, ResponseCategory category, BigDecimal visitNumber) {

    /**
     * The order the derived outcomes read a subject's responses in: by date, on one date by visit
     * number (as R's {@code order(RSDTC, VISITNUM)}); without visit numbers the given order stays.
     */
    public static final Comparator<DatedResponse> ORDER = Comparator.comparing(DatedResponse::date)
            .thenComparing(DatedResponse::visitNumber, Comparator.nullsLast(Comparator.naturalOrder()));

    public DatedResponse {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(category, "category");
    }

    public DatedResponse(LocalDate date, ResponseCategory category) {
        this(date, category, null);
    }
}
