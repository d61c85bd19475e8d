package org.cytotrial.web.api;

import java.util.List;
import org.cytotrial.exchange.ImportProblem;
import org.cytotrial.platform.InvalidInputException.FieldError;

/**
 * The body of every error answer: the HTTP status, a sentence for people, and where relevant
 * the field errors or import problems (file, line, column, reason).
 */
public record ApiError(int status, String message, List<FieldError> errors, List<ImportProblem> problems, Long total) {

    public static ApiError of(int status, String message) {
        return new ApiError(status, message, List.of(), List.of(), null);
    }
}
