package org.cytotrial.web.api;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cytotrial.platform.InvalidInputException.FieldError;

/**
 * Tells a request body that JSON-B could not read apart from any other failure, and says what
 * was wrong and where, for a 400. RESTEasy reports such a body as a {@code ProcessingException}
 * from the provider's {@code readFrom} (or its {@code ReaderException} around one) with the
 * {@code JsonbException} (or the parser's {@code JsonParsingException}) as the cause; Yasson names
 * the property on each level ("Unable to deserialize property 'results' because of: Unable to
 * deserialize property 'value' because of: …"), which gives the field's path (
 * {@code results.value}: the value of one of the results; JSON-B does not say which).
 */
final class UnreadableJson {

    /** RESTEasy's wrapper for a failed message body reader; named, not imported, to keep RESTEasy out of the API. */
    private static final String READER_EXCEPTION = "org.jboss.resteasy.spi.ReaderException";
    private static final Pattern PROPERTY = Pattern.compile("^Unable to deserialize property '([^']*)' because of: ");
    private static final Pattern POSITION = Pattern.compile(
            "Incorrect position for processing type: (?:class|interface) ([\\w.$]+)\\. Received event: (\\w+)");
    private static final Map<String, String> EVENTS = Map.of("START_OBJECT", "an object {…}", "START_ARRAY", "an array […]",
            "VALUE_STRING", "text", "VALUE_NUMBER", "a number", "VALUE_TRUE", "true", "VALUE_FALSE", "false",
            "VALUE_NULL", "null");

    private UnreadableJson() {}

    /** The field error for a body JSON-B could not read; empty for anything else (e.g. a failure writing an answer). */
    static Optional<FieldError> describe(Throwable thrown) {
        return describe(thrown, UnreadableJson::isReadingFailure);
    }

    /**
     * RESTEasy hands the mapper either its {@code ReaderException} or, unwrapped, the
     * {@code ProcessingException} that the JSON-B provider raised in its {@code readFrom}; a
     * failure writing an answer comes from {@code writeTo} and is not the caller's.
     */
    private static boolean isReadingFailure(Throwable e) {
        if (e.getClass().getName().equals(READER_EXCEPTION)) {
            return true;
        }
        StackTraceElement[] stack = e.getStackTrace();
        return e instanceof jakarta.ws.rs.ProcessingException && stack.length > 0 && stack[0].getMethodName().equals("readFrom");
    }

    /** As {@link #describe(Throwable)}, with what marks a failure to read the body given. */
    static Optional<FieldError> describe(Throwable thrown, java.util.function.Predicate<Throwable> readingFailure) {
        boolean reading = false;
        for (Throwable e = thrown; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (readingFailure.test(e)) {
                reading = true;
            }
            if (reading && e instanceof JsonParsingException parsing) {
                return Optional.of(syntax(parsing));
            }
            if (reading && e instanceof JsonbException binding) {
                JsonParsingException parsing = parsingCause(binding);
                return Optional.of(parsing != null ? syntax(parsing) : wrongValue(binding.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static JsonParsingException parsingCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof JsonParsingException parsing) {
                return parsing;
            }
        }
        return null;
    }

    static FieldError syntax(JsonParsingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
        String detail = e.getMessage() == null ? "" : e.getMessage().replaceFirst(" at \\(line no=.*?\\)", "");
        return new FieldError("body", "the body is not valid JSON" + where + (detail.isBlank() ? "" : " (" + detail + ")"));
    }

    /** "Unable to deserialize property 'grade' because of: 'x' is not a whole number" → grade: 'x' is not a whole number. */
    static FieldError wrongValue(String message) {
        List<String> path = new ArrayList<>();
        String rest = message == null ? "" : message;
        Matcher property = PROPERTY.matcher(rest);
        while (property.find()) {
            path.add(property.group(1));
            rest = rest.substring(property.end());
            property = PROPERTY.matcher(rest);
        }
        Matcher position = POSITION.matcher(rest);
        if (position.find()) {
            String got = EVENTS.getOrDefault(position.group(2), position.group(2));
            rest = path.isEmpty() ? "the body must be a JSON object {…}, not " + got
                    : "expected " + expected(position.group(1)) + ", not " + got;
        } else if (rest.startsWith("Error deserialize JSON value into type: ")) {
            rest = "the value is not " + expected(rest.substring("Error deserialize JSON value into type: ".length())
                    .replaceFirst("^(class|interface) ", "").replaceFirst("\\.$", ""));
        }
        return new FieldError(path.isEmpty() ? "body" : String.join(".", path), rest);
    }

    private static String expected(String type) {
        return switch (type) {
            case "java.lang.String" -> "text (a JSON string)";
            case "java.lang.Integer", "java.lang.Long", "int", "long" -> "a whole number";
            case "java.lang.Boolean", "boolean" -> "true or false";
            case "java.util.List", "java.util.Collection" -> "an array […]";
            case "java.math.BigDecimal", "java.lang.Double" -> "a number";
            default -> "an object {…}";
        };
    }
}
