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
 * A JSON request body read field by field, so that a missing body, a body that is not a JSON
 * object, or a field of the wrong kind is a 422 naming the field and what is accepted, like any
 * other invalid input, instead of a bare 400 from the JSON binding.
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
        } catch (JsonParsingException | IllegalStateException e) {
            throw new InvalidInputException("body", "the body is not valid JSON: " + e.getMessage());
        }
        throw new InvalidInputException("body", "the body must be a JSON object ({...})");
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
        throw new InvalidInputException(field, "must be a JSON string");
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
