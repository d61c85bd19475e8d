package org.cytotrial.web.api;

import org.cytotrial.platform.InvalidInputException.FieldError;

/**
 * A request body that cannot be read as the JSON the endpoint takes: not JSON at all, or a value
 * of the wrong type for its field (text where a number belongs, a number with decimals where a
 * whole number belongs, "yes" where true or false belongs). HTTP 400 with the field and what is
 * wrong; nothing was read, so nothing was stored.
 */
public class MalformedBodyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FieldError error;

    public MalformedBodyException(String field, String message) {
        super(field + ": " + message);
        this.error = new FieldError(field, message);
    }

    public FieldError getError() {
        return error;
    }
}
