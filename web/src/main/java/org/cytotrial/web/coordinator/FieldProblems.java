package org.cytotrial.web.coordinator;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cytotrial.platform.InvalidInputException;
import org.cytotrial.platform.InvalidInputException.FieldError;

/**
 * The field errors of the last attempt, by field name as the services name them
 * ({@code date}, {@code results[HGB].value}, ...), for the pages to show next to each field. The
 * pages keep what was typed; only these messages change.
 */
final class FieldProblems implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> byField = new LinkedHashMap<>();

    void clear() {
        byField.clear();
    }

    /** Records the errors, and one summary message at the top of the page. */
    void show(InvalidInputException e) {
        show(e.getErrors());
        int n = e.getErrors().size();
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                "Nothing was saved: " + n + (n == 1 ? " problem" : " problems") + " to correct, shown next to "
                        + (n == 1 ? "its field" : "their fields") + ".", null));
    }

    void show(List<FieldError> errors) {
        byField.clear();
        for (FieldError error : errors) {
            byField.merge(error.field(), error.message(), (a, b) -> a + "; " + b);
        }
    }

    boolean isEmpty() {
        return byField.isEmpty();
    }

    /** The problem of one field, or of every field under a prefix ({@code results[HGB]} covers its value and unit). */
    String of(String field) {
        StringBuilder text = new StringBuilder();
        byField.forEach((name, message) -> {
            if (name.equals(field) || name.startsWith(field + ".")) {
                if (text.length() > 0) {
                    text.append("; ");
                }
                text.append(message);
            }
        });
        return text.length() == 0 ? null : text.toString();
    }

    /** Problems whose field no input on the page shows. */
    String unplaced(java.util.Set<String> placed) {
        StringBuilder text = new StringBuilder();
        byField.forEach((name, message) -> {
            boolean shown = placed.stream().anyMatch(p -> name.equals(p) || name.startsWith(p + ".") || name.startsWith(p + "["));
            if (!shown) {
                text.append(text.length() == 0 ? "" : "; ").append(name).append(": ").append(message);
            }
        });
        return text.length() == 0 ? null : text.toString();
    }
}
