package org.cytotrial.web.coordinator;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import org.cytotrial.platform.FieldErrors;
import org.cytotrial.platform.NotFoundException;

/**
 * Turns the text of a REST request into typed values, each problem a field error (HTTP 422) that
 * says what is accepted, so that a client learns every problem at once.
 */
final class Inputs {

    private Inputs() {}

    static <E extends Enum<E>> E enumValue(FieldErrors errors, String field, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        errors.add(field, "'" + text + "' is not accepted; use one of " + String.join(", ",
                Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        return null;
    }

    /** The request body, which a write needs: its absence is a 422 on field "body", like any invalid input. */
    static <T> T body(T request) {
        if (request == null) {
            throw new org.cytotrial.platform.InvalidInputException("body", "a JSON object is required as the request body");
        }
        return request;
    }

    /** The reason for change: from the body, else from the X-Change-Reason header. */
    static String reason(String body, String header) {
        return body != null && !body.isBlank() ? body : header;
    }

    /** A visit number from the path; a malformed one names no visit (404). */
    static BigDecimal visitNumber(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new NotFoundException("No visit " + text + "; visits are numbered (VISITNUM), e.g. 1 or 2.1");
        }
    }
}
