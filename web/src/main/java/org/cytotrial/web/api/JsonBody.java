package org.cytotrial.web.api;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.cytotrial.platform.InvalidInputException;

/**
 * A JSON request body read field by field: a missing body is a 422 on field {@code body}, like
 * any other missing input; a body that is not JSON, not a JSON object, or a field of the wrong
 * kind is a 400 naming the field and what is accepted, as for the bodies JSON-B reads.
 */
public final class JsonBody {

    private final JsonObject object;

    private JsonBody(JsonObject object) {
        this.object = object;
    }

    public static JsonBody parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "a JSON object is required as the request body");
        }
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object) {
                return new JsonBody(object);
            }
        } catch (JsonParsingException e) {
            org.cytotrial.platform.InvalidInputException.FieldError error = UnreadableJson.syntax(e);
            throw new MalformedBodyException(error.field(), error.message());
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            throw new MalformedBodyException("body", "the body is not valid JSON: " + e.getMessage());
        }
        throw new MalformedBodyException("body", "the body must be a JSON object {…}");
    }

    /** A text field; null when absent or null. */
    public String text(String field) {
        JsonValue value = object.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            return text.getString();
        }
        throw new MalformedBodyException(field, "expected text (a JSON string), not " + value.getValueType().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** An ISO 8601 date field (yyyy-MM-dd); null when absent. */
    public LocalDate date(String field) {
        String text = text(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + text + "' is not an ISO 8601 date; use yyyy-MM-dd");
        }
    }
}
