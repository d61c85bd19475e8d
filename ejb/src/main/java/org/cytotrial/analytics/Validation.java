package org.cytotrial.analytics;

import java.math.BigDecimal;
import java.util.Locale;
import org.cytotrial.marker.Marker;
import org.cytotrial.marker.MarkerCatalogue;
import org.cytotrial.platform.InvalidInputException;

/**
 * Parsing of analysis parameters as typed by people and API clients, with a 422 that says what
 * is wrong and what is accepted, rather than a bare 404 from a failed conversion.
 */
public final class Validation {

    private Validation() {
    }

    /** A visit number (VISITNUM), or the default when blank. */
    public static BigDecimal visitNumber(String field, String text, BigDecimal orElse) {
        if (text == null || text.isBlank()) {
            if (orElse == null) {
                throw new InvalidInputException(field, "a visit number (VISITNUM, e.g. 1 for baseline) is required");
            }
            return orElse;
        }
        try {
            BigDecimal value = new BigDecimal(text.strip());
            if (value.signum() < 0 || value.scale() > 2 || value.precision() - value.scale() > 7) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a visit number; use a number such as 1 or 2.5");
        }
    }

    /** A finite number, required. */
    public static double number(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(field, "a number is required");
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a number; use e.g. 4 or 20.5");
        }
    }

    /** A marker code of the catalogue (case as entered is forgiven). */
    public static String requireMarker(MarkerCatalogue catalogue, String field, String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInputException(field, "a marker code is required, e.g. IL6");
        }
        String wanted = code.strip();
        return catalogue.find(wanted).or(() -> catalogue.find(wanted.toUpperCase(Locale.ROOT)))
                .map(Marker::getCode)
                .orElseThrow(() -> new InvalidInputException(field, "'" + code + "' is not a marker of the catalogue; "
                        + "accepted: " + String.join(", ", catalogue.all().stream().map(Marker::getCode).toList())));
    }
}
