package org.cytotrial.report;

import java.math.BigDecimal;

/** Numbers as text in exports: every digit the double has, in plain notation. */
public final class Decimals {

    private Decimals() {
    }

    /**
     * The shortest decimal that reads back as the same double, without exponent or thousands
     * separator ({@code 0.2}, {@code 12}, {@code 0.00001}); empty for NaN and infinities.
     */
    public static String plain(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
