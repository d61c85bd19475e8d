package org.cytotrial.platform;

import jakarta.ejb.ApplicationException;
import java.util.List;

/** Input that breaks a rule, with what is wrong per field. HTTP 422; nothing was written. */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One field's problem: the field, what is wrong and what is accepted. */
    public record FieldError(String field, String message) {}

    private final transient List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> getErrors() {
        return errors;
    }
}
