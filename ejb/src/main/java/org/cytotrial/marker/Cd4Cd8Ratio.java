package org.cytotrial.marker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The one rule for the derived CD4/CD8 ratio: CD4+ over CD8+ (both % of lymphocytes, standard
 * units) of the same visit, defined only when CD8+ is above zero; the value as shown is rounded
 * half up to {@value #SCALE} decimals, the standardised value is the exact quotient. The import
 * derives it in one SQL statement that follows this rule (StudyWriter.deriveRatios); visit entry
 * derives it here.
 */
public final class Cd4Cd8Ratio {

    public static final String CODE = "CD4/CD8";
    public static final String CD4 = "CD4";
    public static final String CD8 = "CD8";
    /** Decimals of the ratio as written (LBORRES of the derived row). */
    public static final int SCALE = 4;

    /** A derived ratio: the value as written and the exact quotient. */
    public record Derived(String text, double value) {}

    private Cd4Cd8Ratio() {}

    public static boolean isInput(String testCode) {
        return CD4.equals(testCode) || CD8.equals(testCode);
    }

    /** The ratio of two standardised values; empty when either is missing or CD8+ is not above zero. */
    public static Optional<Derived> of(Double cd4, Double cd8) {
        if (cd4 == null || cd8 == null || !(cd8 > 0)) {
            return Optional.empty();
        }
        double ratio = cd4 / cd8;
        return Optional.of(new Derived(BigDecimal.valueOf(ratio).setScale(SCALE, RoundingMode.HALF_UP).toPlainString(), ratio));
    }
}
