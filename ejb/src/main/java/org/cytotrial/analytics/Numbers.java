package org.cytotrial.analytics;

import java.math.BigDecimal;

/** Numbers as people read them in labels: 20, not 20.0; 0.5, not 5E-1. */
public final class Numbers {

    private Numbers() {
    }

    public static String plain(double value) {
        return plain(BigDecimal.valueOf(value));
    }

    public static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** A visit number as a JSON number without trailing zeros (1, 2.5). */
    public static BigDecimal visitNumber(double value) {
        return new BigDecimal(plain(value));
    }
}
