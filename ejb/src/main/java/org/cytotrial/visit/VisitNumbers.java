package org.cytotrial.visit;

import java.math.BigDecimal;

/** Visit numbers (SDTM VISITNUM) as people write them: 1, 2.1, 10, never 1E+1 or 2.00. */
public final class VisitNumbers {

    private VisitNumbers() {}

    public static BigDecimal plain(BigDecimal number) {
        if (number == null) {
            return null;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public static String text(BigDecimal number) {
        return number == null ? null : plain(number).toPlainString();
    }
}
