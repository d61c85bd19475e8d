package org.cytotrial.platform;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.cytotrial.platform.InvalidInputException.FieldError;

/**
 * Collects every field problem of one request before anything is written, so that a form or a
 * REST client learns all of them at once (HTTP 422), each with what is wrong and what is accepted.
 */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /** An ISO 8601 calendar date (yyyy-MM-dd); null when empty; a field error when malformed. */
    public LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            add(field, "'" + text + "' is not a date; use yyyy-MM-dd, e.g. 2024-03-15");
            return null;
        }
    }

    /** A whole number; null when empty; a field error when malformed. */
    public Integer integer(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            add(field, "'" + text + "' is not a whole number");
            return null;
        }
    }
}
