package org.cytotrial.report;

import java.math.BigDecimal;

/** Numbers as text in exports: every digit the double has, in plain notation; and back. */
public final class Decimals {

    /** Powers of ten that a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private Decimals() {
    }

    /**
     * The double a decimal text stands for, exactly as {@link Double#parseDouble} reads it, for
     * {@code text[from, to)}, without cutting the text out. Plain decimals of up to 15 significant
     * digits ({@code -12.345}), what a database writes for lab values, are read as an integer
     * divided by a power of ten: both exact doubles, and one IEEE division rounds correctly, so
     * the result is the correctly rounded value of the decimal, as parseDouble's. Anything else
     * (exponents, more digits, NaN) goes to parseDouble.
     */
    public static double parse(CharSequence text, int from, int to) {
        int i = from;
        boolean negative = i < to && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int decimals = 0;
        boolean point = false;
        boolean digits = false;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
                if (mantissa != 0 || c != '0') {
                    if (++significant > 15) {
                        return Double.parseDouble(text.subSequence(from, to).toString());
                    }
                    mantissa = mantissa * 10 + (c - '0');
                }
                if (point) {
                    decimals++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return Double.parseDouble(text.subSequence(from, to).toString());
            }
        }
        if (!digits || decimals >= EXACT_POWERS_OF_TEN.length) {
            return Double.parseDouble(text.subSequence(from, to).toString());
        }
        double value = decimals == 0 ? mantissa : mantissa / EXACT_POWERS_OF_TEN[decimals];
        return negative ? -value : value;
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
