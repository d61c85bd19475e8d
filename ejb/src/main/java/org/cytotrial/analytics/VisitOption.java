package org.cytotrial.analytics;

import java.math.BigDecimal;

/**
 * A visit of the study's schedule, as offered in choices.
 *
 * @param number VISITNUM
 * @param name   VISIT
 */
public record VisitOption(BigDecimal number, String name) {

    /** The number as typed in URLs: 1, 2.5. */
    public String value() {
        return Numbers.plain(number);
    }

    public String label() {
        return value() + " · " + name;
    }
}
